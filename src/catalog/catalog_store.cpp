#include "catalog/catalog_store.hpp"

#include <map>

#include "catalog/codec.hpp"
#include "core/json.hpp"

namespace catalog {
namespace {

namespace json = boost::json;

// The stored body of a record: its canonical JSON without version.
template <class Record> std::string body_of(const Record& r) {
  return core::json::dump(to_json(r));
}

template <class Record>
Record record_from_body(const std::string& body, std::int64_t version,
                        Record (*decode)(const json::value&, const std::string&,
                                         std::vector<ValidationError>&)) {
  std::vector<ValidationError> errors;
  Record r = decode(core::json::parse(body), "stored record", errors);
  r.version = version;
  return r;
}

void record_history(store::Connection& c, const std::string& kind, const std::string& id,
                    std::int64_t version, const std::string& body, const std::string& action,
                    const std::string& actor, const std::string& now) {
  c.execute("INSERT INTO catalog_history (kind, record_id, version, action, body, changed_by, "
            "changed_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            {kind, id, version, action, body, actor, now});
}

} // namespace

std::vector<store::Migration> CatalogStore::migrations() {
  return {{"0101_catalog", R"(
    CREATE TABLE catalog_services (
      id TEXT PRIMARY KEY,
      leika TEXT NOT NULL UNIQUE,
      title TEXT NOT NULL,
      topic TEXT NOT NULL,
      department TEXT NOT NULL,
      maturity INTEGER NOT NULL,
      body TEXT NOT NULL,
      version INTEGER NOT NULL,
      updated_at TEXT NOT NULL,
      updated_by TEXT NOT NULL
    );
    CREATE TABLE catalog_offices (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      body TEXT NOT NULL,
      version INTEGER NOT NULL,
      updated_at TEXT NOT NULL,
      updated_by TEXT NOT NULL
    );
    CREATE TABLE catalog_history (
      seq INTEGER PRIMARY KEY,
      kind TEXT NOT NULL,
      record_id TEXT NOT NULL,
      version INTEGER NOT NULL,
      action TEXT NOT NULL,
      body TEXT,
      changed_by TEXT NOT NULL,
      changed_at TEXT NOT NULL
    );
    CREATE INDEX catalog_history_record ON catalog_history (kind, record_id, version);
    CREATE TABLE catalog_search_misses (
      query TEXT PRIMARY KEY,
      count INTEGER NOT NULL,
      first_at TEXT NOT NULL,
      last_at TEXT NOT NULL
    );
  )"}};
}

CatalogData CatalogStore::load() const {
  return db_.read([](store::Connection& c) {
    CatalogData data;
    for (const auto& row : c.query("SELECT body, version FROM catalog_offices ORDER BY id"))
      data.offices.push_back(
          record_from_body<Office>(row.text(0), row.integer(1), &office_from_json));
    for (const auto& row : c.query("SELECT body, version FROM catalog_services ORDER BY title, id"))
      data.services.push_back(
          record_from_body<Service>(row.text(0), row.integer(1), &service_from_json));
    return data;
  });
}

ImportCounts CatalogStore::replace_all(const CatalogData& data, const std::string& actor,
                                       const std::string& now) {
  return db_.write([&](store::Connection& c) {
    ImportCounts counts;
    // Offices first: services refer to them.
    std::map<std::string, std::pair<std::string, std::int64_t>> old_offices;
    for (const auto& row : c.query("SELECT id, body, version FROM catalog_offices"))
      old_offices[row.text(0)] = {row.text(1), row.integer(2)};
    for (const Office& o : data.offices) {
      const std::string body = body_of(o);
      auto it = old_offices.find(o.id);
      if (it == old_offices.end()) {
        c.execute("INSERT INTO catalog_offices (id, name, body, version, updated_at, updated_by) "
                  "VALUES (?, ?, ?, 1, ?, ?)",
                  {o.id, o.name, body, now, actor});
        record_history(c, "office", o.id, 1, body, "create", actor, now);
        ++counts.offices_added;
      } else {
        if (it->second.first != body) {
          const std::int64_t version = it->second.second + 1;
          c.execute("UPDATE catalog_offices SET name = ?, body = ?, version = ?, updated_at = ?, "
                    "updated_by = ? WHERE id = ?",
                    {o.name, body, version, now, actor, o.id});
          record_history(c, "office", o.id, version, body, "update", actor, now);
          ++counts.offices_changed;
        }
        old_offices.erase(it);
      }
    }
    std::map<std::string, std::pair<std::string, std::int64_t>> old_services;
    for (const auto& row : c.query("SELECT id, body, version FROM catalog_services"))
      old_services[row.text(0)] = {row.text(1), row.integer(2)};
    // Removed services go first, so that a LeiKa key can move to another record.
    std::map<std::string, bool> keep;
    for (const Service& s : data.services)
      keep[s.id] = true;
    for (const auto& [id, old] : old_services) {
      if (keep.count(id)) continue;
      c.execute("DELETE FROM catalog_services WHERE id = ?", {id});
      record_history(c, "service", id, old.second + 1, "", "delete", actor, now);
      ++counts.services_removed;
    }
    for (const Service& s : data.services) {
      const std::string body = body_of(s);
      auto it = old_services.find(s.id);
      if (it == old_services.end()) {
        c.execute("INSERT INTO catalog_services (id, leika, title, topic, department, maturity, "
                  "body, version, "
                  "updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?)",
                  {s.id, s.leika, s.title, s.topic, s.department, std::int64_t(s.maturity), body,
                   now, actor});
        record_history(c, "service", s.id, 1, body, "create", actor, now);
        ++counts.services_added;
      } else if (it->second.first != body) {
        const std::int64_t version = it->second.second + 1;
        c.execute("UPDATE catalog_services SET leika = ?, title = ?, topic = ?, department = ?, "
                  "maturity = ?, body = ?, "
                  "version = ?, updated_at = ?, updated_by = ? WHERE id = ?",
                  {s.leika, s.title, s.topic, s.department, std::int64_t(s.maturity), body, version,
                   now, actor, s.id});
        record_history(c, "service", s.id, version, body, "update", actor, now);
        ++counts.services_changed;
      }
    }
    for (const auto& [id, old] : old_offices) {
      c.execute("DELETE FROM catalog_offices WHERE id = ?", {id});
      record_history(c, "office", id, old.second + 1, "", "delete", actor, now);
      ++counts.offices_removed;
    }
    return counts;
  });
}

void CatalogStore::count_miss(const std::string& query, const std::string& now) {
  db_.write([&](store::Connection& c) {
    if (c.execute("UPDATE catalog_search_misses SET count = count + 1, last_at = ? WHERE query = ?",
                  {now, query}) == 0)
      c.execute(
          "INSERT INTO catalog_search_misses (query, count, first_at, last_at) VALUES (?, 1, ?, ?)",
          {query, now, now});
  });
}

std::vector<CatalogStore::Miss> CatalogStore::top_misses(int limit) const {
  return db_.read([&](store::Connection& c) {
    std::vector<Miss> out;
    for (const auto& row : c.query("SELECT query, count, last_at FROM catalog_search_misses "
                                   "ORDER BY count DESC, last_at DESC LIMIT ?",
                                   {std::int64_t(limit)}))
      out.push_back({row.text(0), row.integer(1), row.text(2)});
    return out;
  });
}

} // namespace catalog
