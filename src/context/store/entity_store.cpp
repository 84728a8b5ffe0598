#include "context/store/entity_store.hpp"

#include "core/json.hpp"

namespace context::entity_store {

std::vector<store::Migration> migrations() {
  // Entities: a rowid table (the bodies are large for a WITHOUT ROWID tree).
  // History: clustered by entity and attribute, so that one attribute's
  // series is one range of the tree (re-keyed by time in context-004).
  return {{"context-001-entities", R"sql(
CREATE TABLE ngsild_entities (
  tenant      TEXT NOT NULL,
  id          TEXT NOT NULL,
  body        TEXT NOT NULL,
  modified_at TEXT NOT NULL,
  UNIQUE (tenant, id)
);
CREATE TABLE ngsild_attribute_history (
  tenant      TEXT NOT NULL,
  entity_id   TEXT NOT NULL,
  attribute   TEXT NOT NULL,
  dataset_id  TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  seq         INTEGER NOT NULL,
  observed_at TEXT,
  instance    TEXT,
  PRIMARY KEY (tenant, entity_id, attribute, dataset_id, recorded_at, seq)
) WITHOUT ROWID;
)sql"}};
}

void for_each(store::Connection& c,
              const std::function<void(const std::string& tenant, Entity e)>& take) {
  std::int64_t after = 0;
  for (;;) {
    const auto rows = c.query("SELECT rowid, tenant, body FROM ngsild_entities WHERE rowid > ? "
                              "ORDER BY rowid LIMIT 2000",
                              {after});
    if (rows.empty()) return;
    for (const auto& r : rows)
      take(r.text(1), from_storage(r.text(2)));
    after = rows.back().integer(0);
  }
}

void put(store::Connection& c, const std::string& tenant, const Entity& e,
         std::int64_t journal_seq) {
  c.execute("INSERT INTO ngsild_entities (tenant, id, body, modified_at, journal_seq) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT (tenant, id) DO UPDATE SET body = excluded.body, "
            "modified_at = excluded.modified_at, journal_seq = excluded.journal_seq",
            {tenant, e.id, to_storage(e), e.modified_at.str(), journal_seq});
}

void remove(store::Connection& c, const std::string& tenant, const std::string& id) {
  c.execute("DELETE FROM ngsild_entities WHERE tenant = ? AND id = ?", {tenant, id});
}

std::int64_t max_seq(store::Connection& c) {
  const auto row = c.query_one("SELECT MAX(seq) FROM ngsild_attribute_history");
  return row && !row->is_null(0) ? row->integer(0) : 0;
}

std::int64_t history_count(store::Connection& c, const std::string& tenant,
                           const std::string& entity_id) {
  return c
      .query_one("SELECT COUNT(*) FROM ngsild_attribute_history WHERE tenant = ? AND entity_id = ?",
                 {tenant, entity_id})
      ->integer(0);
}

} // namespace context::entity_store
