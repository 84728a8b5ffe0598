#include "context/store/entity_store.hpp"

#include <boost/json.hpp>

#include "core/json.hpp"

namespace context::entity_store {

std::vector<store::Migration> migrations() {
  return {{"context-001-entities", R"sql(
CREATE TABLE ngsild_entities (
  tenant      TEXT NOT NULL,
  id          TEXT NOT NULL,
  body        TEXT NOT NULL,
  modified_at TEXT NOT NULL,
  PRIMARY KEY (tenant, id)
) WITHOUT ROWID;
CREATE TABLE ngsild_attribute_history (
  tenant      TEXT NOT NULL,
  entity_id   TEXT NOT NULL,
  attribute   TEXT NOT NULL,
  dataset_id  TEXT NOT NULL,
  observed_at TEXT,
  recorded_at TEXT NOT NULL,
  instance    TEXT
);
CREATE INDEX ngsild_attribute_history_by_attribute
  ON ngsild_attribute_history (tenant, entity_id, attribute, recorded_at);
)sql"}};
}

std::vector<Row> load_all(store::Connection& c) {
  std::vector<Row> out;
  for (const auto& r : c.query("SELECT tenant, body FROM ngsild_entities ORDER BY tenant, id"))
    out.push_back({r.text(0), from_storage(r.text(1))});
  return out;
}

void put(store::Connection& c, const std::string& tenant, const Entity& e) {
  c.execute("INSERT INTO ngsild_entities (tenant, id, body, modified_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (tenant, id) DO UPDATE SET body = excluded.body, "
            "modified_at = excluded.modified_at",
            {tenant, e.id, to_storage(e), e.modified_at});
}

void remove(store::Connection& c, const std::string& tenant, const std::string& id) {
  c.execute("DELETE FROM ngsild_entities WHERE tenant = ? AND id = ?", {tenant, id});
}

void record(store::Connection& c, const std::string& tenant, const std::string& entity_id,
            const std::vector<Change>& changes, const std::string& recorded_at) {
  for (const auto& ch : changes) {
    store::Value observed = store::null;
    store::Value instance = store::null;
    if (ch.instance) {
      if (const auto* at = ch.instance->if_contains("observedAt"); at && at->is_string())
        observed = std::string(at->as_string());
      instance = core::json::dump(*ch.instance);
    }
    c.execute("INSERT INTO ngsild_attribute_history (tenant, entity_id, attribute, dataset_id, "
              "observed_at, recorded_at, instance) VALUES (?, ?, ?, ?, ?, ?, ?)",
              {tenant, entity_id, ch.attr, ch.dataset_id, observed, recorded_at, instance});
  }
}

std::int64_t history_count(store::Connection& c, const std::string& tenant,
                           const std::string& entity_id) {
  return c
      .query_one("SELECT COUNT(*) FROM ngsild_attribute_history WHERE tenant = ? AND entity_id = ?",
                 {tenant, entity_id})
      ->integer(0);
}

} // namespace context::entity_store
