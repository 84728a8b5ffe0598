#include "audit/audit_log.hpp"

#include <algorithm>

#include "audit/audit_store.hpp"

namespace audit {
namespace {

Entry entry_of(const http::Identity& actor, std::string_view subject, std::string_view action,
               std::string_view object, core::TimePoint now) {
  return {0,
          core::format_utc_millis(now),
          actor.user_id,
          actor.display_name,
          std::string(http::to_string(actor.role)),
          std::string(subject),
          std::string(action),
          std::string(object)};
}

} // namespace

AuditLog::AuditLog(store::Database& db, const core::Clock& clock) : db_(db), clock_(clock) {}

std::vector<store::Migration> AuditLog::migrations() { return table::migrations(); }

void AuditLog::record(store::Connection& c, const http::Identity& actor,
                      std::string_view subject_user_id, std::string_view action,
                      std::string_view object) const {
  table::insert(c, entry_of(actor, subject_user_id, action, object, clock_.now()));
}

void AuditLog::record(const http::Identity& actor, std::string_view subject_user_id,
                      std::string_view action, std::string_view object) const {
  const Entry entry = entry_of(actor, subject_user_id, action, object, clock_.now());
  db_.write([&](store::Connection& c) { table::insert(c, entry); });
}

std::vector<Entry> AuditLog::list(const Query& query) const {
  Query q = query;
  q.limit = std::clamp(q.limit, 1, 500);
  return db_.read([&](store::Connection& c) { return table::select(c, q); });
}

} // namespace audit
