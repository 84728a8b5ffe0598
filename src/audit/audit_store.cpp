#include "audit/audit_store.hpp"

#include <string>

namespace audit::table {

std::vector<store::Migration> migrations() {
  return {{"0901_audit_log", R"(
    CREATE TABLE audit_log (
      id INTEGER PRIMARY KEY,
      at TEXT NOT NULL,
      actor_id TEXT NOT NULL,
      actor_name TEXT NOT NULL,
      actor_role TEXT NOT NULL,
      subject_id TEXT NOT NULL,
      action TEXT NOT NULL,
      object TEXT NOT NULL
    );
    CREATE INDEX audit_log_subject ON audit_log (subject_id, id);
    CREATE INDEX audit_log_actor ON audit_log (actor_id, id);
  )"}};
}

void insert(store::Connection& c, const Entry& e) {
  c.execute("INSERT INTO audit_log (at, actor_id, actor_name, actor_role, subject_id, action, "
            "object) VALUES (?, ?, ?, ?, ?, ?, ?)",
            {e.at, e.actor_id, e.actor_name, e.actor_role, e.subject_id, e.action, e.object});
}

std::vector<Entry> select(store::Connection& c, const Query& q) {
  // Only the filters in use go into the statement, so SQLite can use the
  // subject or actor index. At most 2^4 different texts: all cached prepared.
  std::string sql = "SELECT id, at, actor_id, actor_name, actor_role, subject_id, action, object "
                    "FROM audit_log WHERE 1 = 1";
  store::Params params;
  if (!q.subject_id.empty()) {
    sql += " AND subject_id = ?";
    params.emplace_back(q.subject_id);
  }
  if (!q.actor_id.empty()) {
    sql += " AND actor_id = ?";
    params.emplace_back(q.actor_id);
  }
  if (!q.action.empty()) {
    if (q.action.back() == '.') { // a prefix: "documents." matches every documents action
      sql += " AND substr(action, 1, ?) = ?";
      params.emplace_back(static_cast<std::int64_t>(q.action.size()));
    } else {
      sql += " AND action = ?";
    }
    params.emplace_back(q.action);
  }
  if (q.before) {
    sql += " AND id < ?";
    params.emplace_back(*q.before);
  }
  sql += " ORDER BY id DESC LIMIT ?";
  params.emplace_back(static_cast<std::int64_t>(q.limit));
  const auto rows = c.query(sql, params);
  std::vector<Entry> out;
  out.reserve(rows.size());
  for (const auto& row : rows)
    out.push_back({row.integer(0), row.text(1), row.text(2), row.text(3), row.text(4), row.text(5),
                   row.text(6), row.text(7)});
  return out;
}

} // namespace audit::table
