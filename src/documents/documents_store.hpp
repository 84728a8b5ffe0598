// The tables of the document register and of the reminders sent about it,
// and every SQL statement on them. Nothing else in the program touches them.
// Dates are stored as ISO text ("2027-03-26"), which sorts like the dates.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "documents/model.hpp"
#include "store/database.hpp"

namespace documents::tables {

// documents_register and documents_reminders.
std::vector<store::Migration> migrations();

std::vector<Document> documents_of(store::Connection& c, const std::string& owner_id);
std::optional<Document> document_by_id(store::Connection& c, const std::string& id);
// The document of this kind and number (numbers are unique per kind).
std::optional<Document> document_by_number(store::Connection& c, Kind kind,
                                           const std::string& number);
void insert_document(store::Connection& c, const Document& d);
// Replaces every field but id, owner and created_at.
void update_document(store::Connection& c, const Document& d);
void set_state(store::Connection& c, const std::string& id, StoredState state,
               const std::string& now);
// Removes every document of the owner (and its reminders); returns how many.
std::int64_t delete_documents_of(store::Connection& c, const std::string& owner_id);

// Documents in state valid whose expiry date lies in [from, to].
std::vector<Document> valid_documents_expiring(store::Connection& c, core::Date from,
                                               core::Date to);
// True when the reminder for (document, window, expiry date) is on record.
bool reminder_recorded(store::Connection& c, const std::string& document_id, int window_days,
                       core::Date expiry_date);
// Records that the reminder for (document, window, expiry date) is sent.
// False when it was recorded before (the unique constraint decides, so two
// processes running the job at once cannot both send it).
bool claim_reminder(store::Connection& c, const std::string& document_id, int window_days,
                    core::Date expiry_date, const std::string& now);

} // namespace documents::tables
