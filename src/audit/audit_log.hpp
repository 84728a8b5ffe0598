// The audit log of personal data: who read or changed whose data, what and
// when. Every access by staff or an administrator to a citizen's personal
// data (documents, appointments, inbox, reports' contact data) is recorded;
// a citizen reading their own data is not, but their DSGVO export and the
// deletion of their account are. Administrators read the log through
// GET /api/admin/audit; nobody can change or delete an entry over the API.
//
// Thread-safe: every method may be called from any thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "http/identity.hpp"
#include "store/database.hpp"

namespace audit {

// One recorded access.
struct Entry {
  std::int64_t id = 0;    // increasing; the paging cursor
  std::string at;         // ISO 8601 UTC with milliseconds
  std::string actor_id;   // user id of who did it
  std::string actor_name; // their display name at that moment
  std::string actor_role; // citizen, staff, admin, partner
  std::string subject_id; // whose data; empty for a person without an account
  std::string action;     // "documents.read", "appointments.cancel", "account.export"
  std::string object;     // the record concerned (a document or appointment id)
};

// Which entries to list, newest first.
struct Query {
  std::string subject_id{};             // empty = anyone
  std::string actor_id{};               // empty = anyone
  std::string action{};                 // exact action or a prefix ending in '.' ("documents.")
  std::optional<std::int64_t> before{}; // only entries with a smaller id (paging)
  int limit = 50;                       // 1..500
};

// The log (see the top of this file).
class AuditLog {
public:
  // db and clock must outlive the object.
  AuditLog(store::Database& db, const core::Clock& clock);

  static std::vector<store::Migration> migrations();

  // Records inside the caller's running write job (commits with the change)
  // that `actor` did `action` to personal data of `subject_user_id`.
  void record(store::Connection& c, const http::Identity& actor, std::string_view subject_user_id,
              std::string_view action, std::string_view object = {}) const;

  // The same in its own write job (for reads); returns after the commit, so
  // personal data is handed out only once its access is on record.
  void record(const http::Identity& actor, std::string_view subject_user_id,
              std::string_view action, std::string_view object = {}) const;

  // Entries matching the query, newest first.
  std::vector<Entry> list(const Query& query) const;

private:
  store::Database& db_;
  const core::Clock& clock_;
};

} // namespace audit
