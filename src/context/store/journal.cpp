#include "context/store/journal.hpp"

#include <algorithm>
#include <string_view>

#include <boost/json.hpp>

#include "context/model/instance.hpp"
#include "context/store/history_store.hpp"
#include "context/temporal/period.hpp"

namespace context::journal {

namespace json = boost::json;

std::vector<store::Migration> migrations() {
  // A rowid table numbered by seq: every write appends at its end.
  // instance is the history's form (without createdAt and modifiedAt, which
  // have their own columns for replaying); NULL = the instance was deleted.
  return {{"context-003-journal", R"sql(
CREATE TABLE ngsild_journal (
  seq                INTEGER PRIMARY KEY,
  tenant             TEXT NOT NULL,
  entity_id          TEXT NOT NULL,
  attribute          TEXT NOT NULL,
  dataset_id         TEXT NOT NULL,
  recorded_at        TEXT NOT NULL,
  observed_at        TEXT,
  instance           TEXT,
  value_num          REAL,
  created_at         TEXT,
  modified_at        TEXT,
  entity_modified_at TEXT NOT NULL
);
ALTER TABLE ngsild_entities ADD COLUMN journal_seq INTEGER NOT NULL DEFAULT 0;
)sql"}};
}

namespace {

std::string_view text_member(const json::object& o, std::string_view key) {
  if (const auto* v = o.if_contains(key); v && v->is_string()) return v->as_string();
  return {};
}

store::Value text_or_null(std::string_view s) {
  return s.empty() ? store::Value(store::null) : store::Value(std::string(s));
}

} // namespace

void prepare(std::vector<Row>& rows, history_store::RollupBatch& rollups,
             const std::string& entity_id, const std::vector<Change>& changes,
             std::string_view entity_modified_at) {
  for (const auto& ch : changes) {
    Row& r = rows.emplace_back();
    r.entity_id = entity_id;
    r.attribute = ch.attr;
    r.dataset_id = ch.dataset_id;
    r.entity_modified_at = entity_modified_at;
    if (!ch.instance) continue;
    // The history's key and the rollups' hours compare times as text.
    const auto given = text_member(*ch.instance, "observedAt");
    const std::string observed = given.empty() ? std::string() : temporal::canonical_instant(given);
    r.observed_at = text_or_null(observed);
    if (const auto* v = ch.instance->if_contains("value"))
      if (auto n = history_store::numeric_value(*v)) {
        r.value_num = *n;
        // Rollups summarise observations (observedAt), the default time
        // property of temporal queries.
        if (!observed.empty()) rollups.add(entity_id, ch.attr, observed, *n);
      }
    r.instance = history_store::stored_instance(*ch.instance);
    r.created_at = text_or_null(text_member(*ch.instance, "createdAt"));
    r.modified_at = text_or_null(text_member(*ch.instance, "modifiedAt"));
  }
}

namespace {

constexpr std::size_t kRowsPerInsert = 64;

// "INSERT INTO ngsild_journal (...) VALUES (?, ...), ..." for `rows` rows.
std::string insert_sql(std::size_t rows) {
  std::string sql = "INSERT INTO ngsild_journal (seq, tenant, entity_id, attribute, dataset_id, "
                    "recorded_at, observed_at, instance, value_num, created_at, modified_at, "
                    "entity_modified_at) VALUES ";
  for (std::size_t i = 0; i < rows; ++i)
    sql += i ? ", (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)" : "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  return sql;
}

} // namespace

void append(store::Connection& c, const std::string& tenant, std::vector<Row>& rows,
            const std::string& recorded_at, std::int64_t& seq) {
  // Many rows per statement: one statement lookup and step for each 64.
  static const std::string many = insert_sql(kRowsPerInsert);
  static const std::string one = insert_sql(1);
  store::Params params;
  params.reserve(kRowsPerInsert * 12);
  std::size_t i = 0;
  while (i < rows.size()) {
    const std::size_t n = rows.size() - i >= kRowsPerInsert ? kRowsPerInsert : 1;
    params.clear();
    for (std::size_t k = 0; k < n; ++k, ++i) {
      Row& r = rows[i];
      params.emplace_back(seq++);
      params.emplace_back(tenant);
      params.emplace_back(std::move(r.entity_id));
      params.emplace_back(std::move(r.attribute));
      params.emplace_back(std::move(r.dataset_id));
      params.emplace_back(recorded_at);
      params.emplace_back(std::move(r.observed_at));
      params.emplace_back(std::move(r.instance));
      params.emplace_back(std::move(r.value_num));
      params.emplace_back(std::move(r.created_at));
      params.emplace_back(std::move(r.modified_at));
      params.emplace_back(std::move(r.entity_modified_at));
    }
    c.execute(n == 1 ? one : many, params);
  }
}

std::int64_t drain(store::Connection& c, const std::string& tenant, bool sum_rollups) {
  // In the history's key order, so the inserts walk its tree once.
  const auto moved = c.execute(
      "INSERT INTO ngsild_attribute_history (tenant, entity_id, attribute, at, seq, "
      "dataset_id, recorded_at, observed, instance, value_num) SELECT tenant, entity_id, "
      "attribute, COALESCE(observed_at, recorded_at) AS at, seq, dataset_id, recorded_at, "
      "observed_at IS NOT NULL, instance, value_num FROM ngsild_journal WHERE tenant = ? "
      "ORDER BY entity_id, attribute, at, seq",
      {tenant});
  // Rollups summarise observations (observedAt) with a numeric value.
  if (sum_rollups)
    c.execute("INSERT INTO ngsild_attribute_rollup (tenant, entity_id, attribute, hour, n, sum, "
              "sumsq, min, max) SELECT tenant, entity_id, attribute, SUBSTR(observed_at, 1, 13) AS "
              "h, COUNT(*), SUM(value_num), SUM(value_num * value_num), MIN(value_num), "
              "MAX(value_num) FROM ngsild_journal WHERE tenant = ? AND value_num IS NOT NULL AND "
              "observed_at IS NOT NULL GROUP BY tenant, entity_id, attribute, h" +
                  std::string(history_store::kRollupMergeClause),
              {tenant});
  // Usually the journal holds one tenant's rows: emptying the whole table
  // frees its pages at once instead of deleting row by row.
  if (c.query_one("SELECT 1 FROM ngsild_journal WHERE tenant <> ? LIMIT 1", {tenant}))
    c.execute("DELETE FROM ngsild_journal WHERE tenant = ?", {tenant});
  else
    c.execute("DELETE FROM ngsild_journal");
  return moved;
}

std::map<std::string, std::int64_t> rows_per_tenant(store::Connection& c) {
  std::map<std::string, std::int64_t> out;
  for (const auto& r : c.query("SELECT tenant, COUNT(*) FROM ngsild_journal GROUP BY tenant"))
    out[r.text(0)] = r.integer(1);
  return out;
}

std::int64_t max_seq(store::Connection& c) {
  const auto row = c.query_one("SELECT MAX(seq) FROM ngsild_journal");
  return row && !row->is_null(0) ? row->integer(0) : 0;
}

void for_each_unapplied(
    store::Connection& c,
    const std::function<void(const std::string& tenant, const std::string& entity_id, Change change,
                             const std::string& entity_modified_at)>& take) {
  std::int64_t after = -1;
  for (;;) {
    const auto rows =
        c.query("SELECT j.seq, j.tenant, j.entity_id, j.attribute, j.dataset_id, j.instance, "
                "j.created_at, j.modified_at, j.entity_modified_at FROM ngsild_journal j "
                "JOIN ngsild_entities e ON e.tenant = j.tenant AND e.id = j.entity_id "
                "WHERE j.seq > ? AND j.seq > e.journal_seq ORDER BY j.seq LIMIT 5000",
                {after});
    if (rows.empty()) return;
    for (const auto& r : rows) {
      Change ch{r.text(3), r.text(4), std::nullopt};
      if (!r.is_null(5)) {
        json::object inst = json::parse(r.text(5)).as_object();
        if (!r.is_null(6)) inst["createdAt"] = r.text(6);
        if (!r.is_null(7)) inst["modifiedAt"] = r.text(7);
        ch.instance = std::move(inst);
      }
      take(r.text(1), r.text(2), std::move(ch), r.text(8));
    }
    after = rows.back().integer(0);
  }
}

void apply(json::object& attrs, const Change& change) {
  auto it = attrs.find(change.attr);
  if (it == attrs.end() || !it->value().is_array()) {
    if (change.instance) attrs[change.attr] = json::array{*change.instance};
    return;
  }
  auto& list = it->value().as_array();
  for (auto pos = list.begin(); pos != list.end(); ++pos) {
    if (!pos->is_object() || detail::dataset_of(pos->as_object()) != change.dataset_id) continue;
    if (change.instance) {
      // As a write does: the instance replaced keeps its createdAt.
      json::object replaced = *change.instance;
      if (const auto* created = pos->as_object().if_contains("createdAt"))
        replaced["createdAt"] = *created;
      *pos = std::move(replaced);
    } else
      list.erase(pos);
    if (list.empty()) attrs.erase(it);
    return;
  }
  if (change.instance) list.push_back(*change.instance);
}

namespace {

std::string_view dataset_view(const json::object& instance) {
  return text_member(instance, "datasetId");
}

// The instance of `list` with the datasetId, or nullptr.
const json::object* instance_with(const json::array* list, std::string_view dataset) {
  if (!list) return nullptr;
  for (const auto& v : *list)
    if (v.is_object() && dataset_view(v.as_object()) == dataset) return &v.as_object();
  return nullptr;
}

// a == b apart from createdAt, whose value in a must be `created` (absent
// when created is nullptr).
bool same_but_created(const json::object& a, const json::object& b, const json::value* created) {
  std::size_t compared = 0;
  for (const auto& [key, value] : a) {
    if (key == "createdAt") {
      if (!created || value != *created) return false;
      continue;
    }
    const auto* other = b.if_contains(key);
    if (!other || *other != value) return false;
    ++compared;
  }
  const std::size_t b_size = b.size() - (b.contains("createdAt") ? 1 : 0);
  return compared == b_size && (created == nullptr) == !a.contains("createdAt");
}

const json::array* instances(const json::object& attrs, std::string_view name) {
  const auto* v = attrs.if_contains(name);
  return v && v->is_array() ? &v->as_array() : nullptr;
}

} // namespace

// Checked without copying: each instance of a changed attribute is what its
// changes, applied in order, make of the instance before (createdAt as
// apply() sets it); an instance no change names is the same as before.
bool replays_to(const Entity& before, const Entity& after, const std::vector<Change>& changes) {
  if (before.id != after.id || before.types != after.types || before.scopes != after.scopes ||
      before.created_at != after.created_at)
    return false;
  const auto named = [&](std::string_view attr) {
    return std::any_of(changes.begin(), changes.end(),
                       [&](const Change& ch) { return ch.attr == attr; });
  };
  // The attributes no change names are the same before and after.
  for (const auto& [name, value] : before.attrs) {
    if (named(name)) continue;
    const auto* now = after.attrs.if_contains(name);
    if (!now || *now != value) return false;
  }
  for (const auto& [name, value] : after.attrs)
    if (!named(name) && !before.attrs.contains(name)) return false;
  // The named ones: instance by instance.
  std::vector<std::string_view> datasets;
  for (std::size_t i = 0; i < changes.size(); ++i) {
    const std::string& name = changes[i].attr;
    if (std::any_of(changes.begin(), changes.begin() + static_cast<std::ptrdiff_t>(i),
                    [&](const Change& ch) { return ch.attr == name; }))
      continue; // this attribute was checked already
    const json::array* was = instances(before.attrs, name);
    const json::array* is = instances(after.attrs, name);
    if (after.attrs.contains(name) && (!is || is->empty())) return false;
    datasets.clear();
    if (was)
      for (const auto& v : *was) {
        if (!v.is_object()) return false;
        datasets.push_back(dataset_view(v.as_object()));
      }
    for (const auto& ch : changes)
      if (ch.attr == name &&
          std::find(datasets.begin(), datasets.end(), ch.dataset_id) == datasets.end())
        datasets.push_back(ch.dataset_id);
    std::size_t expected = 0;
    for (const auto dataset : datasets) {
      const json::object* old = instance_with(was, dataset);
      // The instance after this write's changes: its members and createdAt.
      const json::object* content = old;
      const json::value* created = old ? old->if_contains("createdAt") : nullptr;
      bool changed = false;
      for (const auto& ch : changes) {
        if (ch.attr != name || ch.dataset_id != dataset) continue;
        changed = true;
        if (!ch.instance) {
          content = nullptr;
          created = nullptr;
          continue;
        }
        if (!(content && created)) created = ch.instance->if_contains("createdAt");
        content = &*ch.instance;
      }
      const json::object* now = instance_with(is, dataset);
      if (!content) {
        if (now) return false;
        continue;
      }
      ++expected;
      if (!now) return false;
      if (changed ? !same_but_created(*now, *content, created) : *now != *old) return false;
    }
    if ((is ? is->size() : 0) != expected) return false;
  }
  return true;
}

} // namespace context::journal
