#include "catalog/catalog_store.hpp"

#include <algorithm>
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

// The top-level member names of a record body, for the history of a creation.
std::vector<std::string> member_names(const json::object& o) {
  std::vector<std::string> names;
  for (const auto& [key, value] : o)
    names.emplace_back(key);
  std::sort(names.begin(), names.end());
  return names;
}

std::vector<std::string> fields_between(const std::string& old_body, const std::string& new_body) {
  if (old_body.empty()) return member_names(core::json::parse(new_body).as_object());
  if (new_body.empty()) return {};
  return changed_fields(core::json::parse(old_body).as_object(),
                        core::json::parse(new_body).as_object());
}

void record_history(store::Connection& c, const std::string& kind, const std::string& id,
                    std::int64_t version, const std::string& body, const std::string& action,
                    const std::string& actor, const std::string& actor_name,
                    const std::vector<std::string>& fields, const std::string& now) {
  json::array names;
  for (const auto& f : fields)
    names.emplace_back(f);
  c.execute("INSERT INTO catalog_history (kind, record_id, version, action, body, changed_by, "
            "changed_by_name, fields, changed_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            {kind, id, version, action, body, actor, actor_name, core::json::dump(names), now});
}

// The SQL that differs between the two record tables.
struct Table {
  RecordKind kind;
  const char* select_one; // body, version WHERE id = ?
};

constexpr Table kServices{RecordKind::service,
                          "SELECT body, version FROM catalog_services WHERE id = ?"};
constexpr Table kOffices{RecordKind::office,
                         "SELECT body, version FROM catalog_offices WHERE id = ?"};

// The check-and-write shared by both kinds of records (see save_service).
// `check` finds reference problems, `write(version, body, insert)` stores.
template <class Record, class Check, class Write>
SaveResult save_record(store::Connection& c, const Table& table, const Record& r,
                       const std::optional<std::vector<std::int64_t>>& if_match,
                       const Editor& editor, const std::string& now, Check check, Write write) {
  SaveResult result;
  if (!may_edit(editor, r.department)) { // nobody moves a record out of their reach
    result.status = SaveResult::Status::forbidden;
    return result;
  }
  const auto stored = c.query_one(table.select_one, {r.id});
  if (!if_match) {
    if (stored) {
      result.status = SaveResult::Status::exists;
      result.version = stored->integer(1);
      return result;
    }
  } else {
    if (!stored) {
      result.status = SaveResult::Status::missing;
      return result;
    }
    result.version = stored->integer(1);
    const json::value old = core::json::parse(stored->text(0));
    const json::value* department = old.as_object().if_contains("department");
    if (!department || !department->is_string() ||
        !may_edit(editor, std::string_view(department->as_string()))) {
      result.status = SaveResult::Status::forbidden;
      return result;
    }
    if (std::find(if_match->begin(), if_match->end(), result.version) == if_match->end()) {
      result.status = SaveResult::Status::stale;
      return result;
    }
  }
  result.errors = check();
  if (!result.errors.empty()) {
    result.status = SaveResult::Status::invalid;
    return result;
  }
  const std::string body = body_of(r);
  const std::string kind(to_string(table.kind));
  if (!stored) {
    write(1, body, true);
    result.status = SaveResult::Status::created;
    result.version = 1;
    result.fields = fields_between("", body);
    record_history(c, kind, r.id, 1, body, "create", editor.user_id, editor.display_name,
                   result.fields, now);
    return result;
  }
  if (stored->text(0) == body) {
    result.status = SaveResult::Status::unchanged;
    return result;
  }
  result.status = SaveResult::Status::updated;
  result.version = stored->integer(1) + 1;
  result.fields = fields_between(stored->text(0), body);
  write(result.version, body, false);
  record_history(c, kind, r.id, result.version, body, "update", editor.user_id, editor.display_name,
                 result.fields, now);
  return result;
}

// Offices and related services that do not exist, a LeiKa key that another
// service holds.
std::vector<ValidationError> service_reference_problems(store::Connection& c, const Service& s) {
  std::vector<ValidationError> errors;
  const std::string record = "service " + s.id;
  for (std::size_t i = 0; i < s.offices.size(); ++i)
    if (!c.query_one("SELECT 1 FROM catalog_offices WHERE id = ?", {s.offices[i]}))
      errors.push_back(
          {record, "offices[" + std::to_string(i) + "]", "no office '" + s.offices[i] + "'"});
  for (std::size_t i = 0; i < s.related.size(); ++i)
    if (s.related[i] == s.id ||
        !c.query_one("SELECT 1 FROM catalog_services WHERE id = ?", {s.related[i]}))
      errors.push_back({record, "related[" + std::to_string(i) + "]",
                        "no other service '" + s.related[i] + "'"});
  if (auto other = c.query_one("SELECT id FROM catalog_services WHERE leika = ? AND id <> ?",
                               {s.leika, s.id}))
    errors.push_back(
        {record, "leika", "LeiKa key " + s.leika + " is used by service " + other->text(0)});
  return errors;
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
  )"},
          // Editing over HTTP: the history names the editor and the changed fields.
          {"0102_catalog_history_editors", R"(
    ALTER TABLE catalog_history ADD COLUMN changed_by_name TEXT;
    ALTER TABLE catalog_history ADD COLUMN fields TEXT;
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
        record_history(c, "office", o.id, 1, body, "create", actor, actor, fields_between("", body),
                       now);
        ++counts.offices_added;
      } else {
        if (it->second.first != body) {
          const std::int64_t version = it->second.second + 1;
          c.execute("UPDATE catalog_offices SET name = ?, body = ?, version = ?, updated_at = ?, "
                    "updated_by = ? WHERE id = ?",
                    {o.name, body, version, now, actor, o.id});
          record_history(c, "office", o.id, version, body, "update", actor, actor,
                         fields_between(it->second.first, body), now);
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
      record_history(c, "service", id, old.second + 1, "", "delete", actor, actor, {}, now);
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
        record_history(c, "service", s.id, 1, body, "create", actor, actor,
                       fields_between("", body), now);
        ++counts.services_added;
      } else if (it->second.first != body) {
        const std::int64_t version = it->second.second + 1;
        c.execute("UPDATE catalog_services SET leika = ?, title = ?, topic = ?, department = ?, "
                  "maturity = ?, body = ?, "
                  "version = ?, updated_at = ?, updated_by = ? WHERE id = ?",
                  {s.leika, s.title, s.topic, s.department, std::int64_t(s.maturity), body, version,
                   now, actor, s.id});
        record_history(c, "service", s.id, version, body, "update", actor, actor,
                       fields_between(it->second.first, body), now);
        ++counts.services_changed;
      }
    }
    for (const auto& [id, old] : old_offices) {
      c.execute("DELETE FROM catalog_offices WHERE id = ?", {id});
      record_history(c, "office", id, old.second + 1, "", "delete", actor, actor, {}, now);
      ++counts.offices_removed;
    }
    return counts;
  });
}

SaveResult CatalogStore::save_service(const Service& s,
                                      const std::optional<std::vector<std::int64_t>>& if_match,
                                      const Editor& editor, const std::string& now) {
  return db_.write([&](store::Connection& c) {
    return save_record(
        c, kServices, s, if_match, editor, now, [&] { return service_reference_problems(c, s); },
        [&](std::int64_t version, const std::string& body, bool insert) {
          if (insert)
            c.execute("INSERT INTO catalog_services (id, leika, title, topic, department, "
                      "maturity, body, version, updated_at, updated_by) "
                      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                      {s.id, s.leika, s.title, s.topic, s.department, std::int64_t(s.maturity),
                       body, version, now, editor.user_id});
          else
            c.execute("UPDATE catalog_services SET leika = ?, title = ?, topic = ?, "
                      "department = ?, maturity = ?, body = ?, version = ?, updated_at = ?, "
                      "updated_by = ? WHERE id = ?",
                      {s.leika, s.title, s.topic, s.department, std::int64_t(s.maturity), body,
                       version, now, editor.user_id, s.id});
        });
  });
}

SaveResult CatalogStore::save_office(const Office& o,
                                     const std::optional<std::vector<std::int64_t>>& if_match,
                                     const Editor& editor, const std::string& now) {
  return db_.write([&](store::Connection& c) {
    return save_record(
        c, kOffices, o, if_match, editor, now, [] { return std::vector<ValidationError>{}; },
        [&](std::int64_t version, const std::string& body, bool insert) {
          if (insert)
            c.execute("INSERT INTO catalog_offices (id, name, body, version, updated_at, "
                      "updated_by) VALUES (?, ?, ?, ?, ?, ?)",
                      {o.id, o.name, body, version, now, editor.user_id});
          else
            c.execute("UPDATE catalog_offices SET name = ?, body = ?, version = ?, "
                      "updated_at = ?, updated_by = ? WHERE id = ?",
                      {o.name, body, version, now, editor.user_id, o.id});
        });
  });
}

std::vector<HistoryEntry> CatalogStore::history(RecordKind kind, const std::string& id,
                                                int limit) const {
  return db_.read([&](store::Connection& c) {
    std::vector<HistoryEntry> out;
    for (const auto& row :
         c.query("SELECT version, changed_at, changed_by, changed_by_name, action, fields "
                 "FROM catalog_history WHERE kind = ? AND record_id = ? "
                 "ORDER BY seq DESC LIMIT ?",
                 {std::string(to_string(kind)), id, std::int64_t(limit)})) {
      HistoryEntry e;
      e.version = row.integer(0);
      e.changed_at = row.text(1);
      e.changed_by = row.text(2);
      e.changed_by_name = row.optional_text(3).value_or(e.changed_by);
      e.action = row.text(4);
      if (auto fields = row.optional_text(5)) {
        const json::value names = core::json::parse(*fields);
        if (names.is_array())
          for (const auto& name : names.as_array())
            if (name.is_string()) e.fields.emplace_back(name.as_string());
      }
      out.push_back(std::move(e));
    }
    return out;
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
