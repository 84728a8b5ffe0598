// The tables of the appointment system and every SQL statement on them.
// Nothing else in the program reads or writes them. Functions take the
// connection of a read or write job, so the logic can combine several in one
// transaction (a booking checks capacity and inserts in one write job).
// Instants are stored as whole seconds since the Unix epoch (UTC).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "appointments/model.hpp"
#include "store/database.hpp"

namespace appointments::tables {

std::vector<store::Migration> migrations();

std::int64_t to_seconds(core::TimePoint t);
core::TimePoint from_seconds(std::int64_t s);

// Desks taken at an office in [from, to): appointments that are not
// cancelled and holds that have not expired at `now`. `except_appointment`
// leaves one appointment out (rescheduling it). Equal intervals come as one
// entry with their count, ordered by start.
std::vector<Occupied> busy(store::Connection& c, const std::string& office_id, const Interval& span,
                           core::TimePoint now, const std::string& except_appointment = {});

// --- holds -------------------------------------------------------------------
void insert_hold(store::Connection& c, const Hold& hold);
// The hold if it exists and has not expired; it is deleted (used up).
std::optional<Hold> take_hold(store::Connection& c, const std::string& id, core::TimePoint now);
void delete_expired_holds(store::Connection& c, core::TimePoint now);
// Unexpired holds of one client (Hold::client).
std::int64_t count_holds_of(store::Connection& c, const std::string& client, core::TimePoint now);

// --- appointments ------------------------------------------------------------
bool code_exists(store::Connection& c, const std::string& code);
void insert_appointment(store::Connection& c, const Appointment& a);
std::optional<Appointment> appointment_by_code(store::Connection& c, const std::string& code);
void set_time(store::Connection& c, const std::string& id, const Interval& time);
void set_status(store::Connection& c, const std::string& id, Status status);
std::vector<Appointment> appointments_of_user(store::Connection& c, const std::string& user_id);
std::vector<Appointment> appointments_of_office(store::Connection& c, const std::string& office_id,
                                                const Interval& span);
// Booked (not cancelled, not yet served) appointments starting in `span`
// that have someone to tell: an e-mail address or an account.
std::vector<Appointment> booked_starting(store::Connection& c, const Interval& span);
// Claims the reminder of an appointment; false when it was claimed before.
bool claim_reminder(store::Connection& c, const std::string& appointment_id,
                    const std::string& now_iso);

// DSGVO erasure: cancels the user's appointments from `now` on and removes
// name, e-mail and the link to the account from all of them.
void erase_user(store::Connection& c, const std::string& user_id, core::TimePoint now);

// --- blocked times -----------------------------------------------------------
void insert_block(store::Connection& c, const Block& b, const std::string& now_iso);
std::vector<Block> blocks(store::Connection& c, const std::string& office_id, const Interval& span);
// True when a block was deleted.
bool delete_block(store::Connection& c, const std::string& office_id, const std::string& id);

} // namespace appointments::tables
