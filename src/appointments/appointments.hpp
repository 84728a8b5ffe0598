// The appointment system (Terminvergabe): free slots of an office for a
// service, holds during checkout, bookings with a confirmation code and a
// secret token, cancel and reschedule, the offices' day and week views,
// blocked times and waiting times. Other modules use this header, never the
// tables (appointments_store.hpp).
//
// Rules kept here:
// - slots lie on the service's grid inside the office's opening hours
//   (calendar.hpp), in the future, not on a holiday, closure or blocked time;
// - at no moment do more appointments and unexpired holds overlap at an
//   office than it has counters: the check and the write happen in one
//   write job (one transaction), so double booking is impossible;
// - the token is random and only its hash is stored; a wrong token, a
//   foreign appointment or an unknown code all look the same (not_found);
// - staff see appointments of their department's offices, admins all; each
//   such access to personal data goes through the audit hook.
//
// Thread-safe: every method may be called from any thread.
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "appointments/model.hpp"
#include "catalog/catalog.hpp"
#include "core/clock.hpp"
#include "http/identity.hpp"
#include "store/database.hpp"

namespace appointments {

// Records an access of `actor` to personal data inside a running write job
// (see audit::AuditLog::record). The one place that wiring goes through.
using AuditHook = std::function<void(store::Connection&, const http::Identity& actor,
                                     std::string_view subject_user_id, std::string_view action,
                                     std::string_view object)>;

// Runs inside the write job of every booking with the new appointment and
// its token (the confirmation mail, see notices.hpp); an exception undoes
// the booking.
using BookedHook = std::function<void(store::Connection&, const Appointment& appointment,
                                      const std::string& token)>;

// Tuning of the calendar.
struct Settings {
  std::chrono::minutes hold_ttl{5};       // how long a hold reserves a slot
  int holds_per_client = 5;               // unexpired holds one client address may have
  std::chrono::days max_search_range{62}; // longest from..to of a slot search
  std::chrono::days booking_horizon{180}; // how far ahead one may book
};

// One free slot.
struct Slot {
  std::string office_id;
  Interval time;
  int free = 0; // desks still free for the whole slot
};

// A slot search. office_id empty = every office that offers the service.
struct SlotQuery {
  std::string service_id;
  std::string office_id;
  std::optional<core::TimePoint> from; // default: now
  std::optional<core::TimePoint> to;   // default: from + 28 days
  std::size_t limit = 50;
};

// Who asks for an appointment: the token from the confirmation, a login, or both.
struct Caller {
  std::string token;
  const http::Identity* identity = nullptr;
};

// Input of a booking: either a hold id, or service + office + start.
struct BookingInput {
  std::string hold_id;
  std::string service_id;
  std::string office_id;
  std::optional<core::TimePoint> start;
  std::string name;
  std::string email;
  const http::Identity* identity = nullptr; // a logged-in citizen books for themself
};

// The outcome of a hold, booking or reschedule. "Taken" is a value, not an error.
struct Outcome {
  enum class Status { ok, taken, hold_expired, too_many_holds };
  Status status = Status::ok;
  Appointment appointment; // ok (booking, reschedule)
  Hold hold;               // ok (hold)
  std::string token;       // ok (booking): the secret, handed out once
};

// Days until the next free slot of a service at an office.
struct WaitingTime {
  std::string service_id;
  std::string office_id;
  std::optional<core::TimePoint> next_free;
  std::optional<int> days; // Berlin calendar days from today
};

// How long one booked appointment was waited for: no person, no office,
// only the service, the Berlin month of the booking ("2026-11") and the
// Berlin calendar days from the booking to the appointment. The raw
// material of the published waiting-time statistics.
struct BookedWait {
  std::string service_id;
  std::string month;
  int days = 0;
};

class Calendar {
public:
  // db, catalog and clock must outlive the object.
  Calendar(store::Database& db, const catalog::Catalog& catalog, const core::Clock& clock,
           Settings settings = {});

  static std::vector<store::Migration> migrations();
  void set_audit_hook(AuditHook hook) { audit_ = std::move(hook); }
  void set_booked_hook(BookedHook hook) { booked_ = std::move(hook); }
  const Settings& settings() const { return settings_; }
  core::TimePoint now() const { return clock_.now(); }

  // Free slots, earliest first. core::Error{not_found} for an unknown
  // service or office, {invalid_argument} for a service that cannot be
  // booked, an office that does not offer it, or a bad range.
  std::vector<Slot> free_slots(const SlotQuery& query) const;

  // Reserves a slot for settings().hold_ttl, unless `client` (the caller's
  // address) already has settings().holds_per_client unexpired holds
  // (too_many_holds). Throws like check_slot().
  Outcome hold(const std::string& service_id, const std::string& office_id, core::TimePoint start,
               const std::string& client);

  // Books a slot (from a hold, or directly). Throws like check_slot(), and
  // core::Error{invalid_argument} for missing or malformed contact data.
  Outcome book(const BookingInput& input);

  // The appointment of a code for this caller; core::Error{not_found}
  // unless the caller has its token, owns it, or is staff of its office.
  Appointment get(const std::string& code, const Caller& caller);

  // Cancels (idempotent for a cancelled one); core::Error{conflict} when it
  // lies in the past or was already served.
  Appointment cancel(const std::string& code, const Caller& caller);

  // Moves the appointment to another start at the same office (atomically:
  // the old slot is kept when the new one is taken).
  Outcome reschedule(const std::string& code, const Caller& caller, core::TimePoint start);

  // Every appointment of a logged-in citizen, earliest first.
  std::vector<Appointment> of_user(const std::string& user_id) const;

  // --- staff -------------------------------------------------------------------
  // The appointments of an office in [from, to) (staff of its department or
  // admin, else core::Error{forbidden}); audited.
  std::vector<Appointment> of_office(const std::string& office_id, core::Day from, core::Day to,
                                     const http::Identity& staff);
  std::vector<Block> blocks_of(const std::string& office_id, core::Day from, core::Day to,
                               const http::Identity& staff) const;
  // Marks arrived / done / no_show (or back to booked); audited.
  Appointment mark(const std::string& office_id, const std::string& code, Status status,
                   const http::Identity& staff);
  // Registers a person who came without an appointment (walk-in): an
  // appointment from now for the service's duration, status arrived, which
  // takes a desk like any other. No grid or capacity check: the person is
  // there. core::Error{invalid_argument} for a service the office does not
  // offer or that has no duration.
  Appointment walk_in(const std::string& office_id, const std::string& service_id, std::string name,
                      const http::Identity& staff);
  Block add_block(const std::string& office_id, Interval time, std::string reason,
                  const http::Identity& staff);
  void remove_block(const std::string& office_id, const std::string& block_id,
                    const http::Identity& staff);

  // Days to the next free slot for every bookable service at every office
  // offering it (within `horizon`). No personal data.
  std::vector<WaitingTime> waiting_times(std::chrono::days horizon = std::chrono::days(60)) const;
  // Every appointment that was booked and not cancelled, as a BookedWait,
  // ordered by service and month.
  std::vector<BookedWait> booked_waits() const;

  // --- DSGVO ---------------------------------------------------------------------
  std::vector<Appointment> of_user(store::Connection& c, const std::string& user_id) const;
  void erase_user(store::Connection& c, const std::string& user_id, core::TimePoint now) const;

  // A service's title and an office's name for answers (empty when gone).
  std::shared_ptr<const catalog::Snapshot> snapshot() const { return catalog_.snapshot(); }

private:
  struct Checked {
    const catalog::Service* service;
    const catalog::Office* office;
    Interval time;
  };
  // Validates a slot against the catalogue and the calendar rules (not the
  // capacity). REQUIRES: snap is the current snapshot.
  Checked check_slot(const catalog::Snapshot& snap, const std::string& service_id,
                     const std::string& office_id, core::TimePoint start) const;
  // True when one more appointment fits into the slot (blocks and capacity).
  bool fits(store::Connection& c, const Checked& slot, core::TimePoint now,
            const std::string& except_appointment = {}) const;
  // Access to an appointment: 0 = none, 1 = owner/token, 2 = staff (audited).
  int access(const Appointment& a, const Caller& caller) const;
  // core::Error{not_found} for an unknown office, {forbidden} unless staff
  // of its department or admin.
  void staff_office(const std::string& office_id, const http::Identity& staff) const;
  void audit(store::Connection& c, const http::Identity& actor, const Appointment& a,
             std::string_view action) const;

  store::Database& db_;
  const catalog::Catalog& catalog_;
  const core::Clock& clock_;
  Settings settings_;
  AuditHook audit_;
  BookedHook booked_;
};

// "K7M2-Q9TX": 8 characters without look-alikes (no 0/O, 1/I/L), random.
std::string new_confirmation_code();
// The canonical form of a code as typed ("k7m2q9tx" -> "K7M2-Q9TX"); empty
// when it cannot be a code.
std::string normalise_code(std::string_view typed);

} // namespace appointments
