#include "context/store/history_store.hpp"

#include <algorithm>
#include <map>
#include <tuple>

#include <boost/json.hpp>

#include "context/store/rollup_batch.hpp"
#include "context/temporal/period.hpp"

namespace context::history_store {

std::vector<store::Migration> migrations() {
  // value_num: the numeric value, so aggregations never parse JSON.
  // observed index: the series of one attribute in observation order.
  // Rollups: one row per hour with values; WITHOUT ROWID keeps a series in
  // one range of the tree.
  return {{"context-002-temporal", R"sql(
ALTER TABLE ngsild_attribute_history ADD COLUMN value_num REAL;
CREATE INDEX ngsild_history_observed
  ON ngsild_attribute_history (tenant, entity_id, attribute, observed_at);
CREATE TABLE ngsild_attribute_rollup (
  tenant    TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  attribute TEXT NOT NULL,
  hour      TEXT NOT NULL,
  n         INTEGER NOT NULL,
  sum       REAL NOT NULL,
  sumsq     REAL NOT NULL,
  min       REAL NOT NULL,
  max       REAL NOT NULL,
  PRIMARY KEY (tenant, entity_id, attribute, hour)
) WITHOUT ROWID;
CREATE TABLE ngsild_temporal_backfill (pending INTEGER NOT NULL);
INSERT INTO ngsild_temporal_backfill (pending) VALUES (1);
)sql"},
          // The history keyed by each series' time order instead of an index
          // on observed_at: `at` is the observation time (observed = 1), else
          // the recorded time, so a time range of a series is one range of
          // the tree, and every write inserts into one tree instead of two.
          // Times are made UTC with milliseconds, so they compare as text;
          // the rollups are summed again at the next start (backfill), in
          // the hours of those times.
          // (Rows are copied in the old key order, nearly the new one.)
          {"context-004-history-by-time", R"sql(
CREATE TABLE ngsild_history_by_time (
  tenant      TEXT NOT NULL,
  entity_id   TEXT NOT NULL,
  attribute   TEXT NOT NULL,
  at          TEXT NOT NULL,
  seq         INTEGER NOT NULL,
  dataset_id  TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  observed    INTEGER NOT NULL,
  instance    TEXT,
  value_num   REAL,
  PRIMARY KEY (tenant, entity_id, attribute, at, seq)
) WITHOUT ROWID;
INSERT INTO ngsild_history_by_time (tenant, entity_id, attribute, at, seq, dataset_id,
    recorded_at, observed, instance, value_num)
  SELECT tenant, entity_id, attribute,
         COALESCE(strftime('%Y-%m-%dT%H:%M:%fZ', observed_at), observed_at, recorded_at), seq, dataset_id,
         recorded_at, observed_at IS NOT NULL, instance, value_num
  FROM ngsild_attribute_history;
DROP TABLE ngsild_attribute_history;
ALTER TABLE ngsild_history_by_time RENAME TO ngsild_attribute_history;
DELETE FROM ngsild_temporal_backfill;
INSERT INTO ngsild_temporal_backfill (pending) VALUES (1);
)sql"}};
}

void backfill(store::Connection& c) {
  if (!c.query_one("SELECT pending FROM ngsild_temporal_backfill LIMIT 1")) return;
  const auto rows = c.query("SELECT tenant, entity_id, attribute, at, seq, instance FROM "
                            "ngsild_attribute_history WHERE instance IS NOT NULL "
                            "AND value_num IS NULL");
  for (const auto& r : rows) {
    boost::system::error_code ec;
    const auto inst = boost::json::parse(r.text(5), ec);
    if (ec || !inst.is_object()) continue;
    const auto* v = inst.as_object().if_contains("value");
    const auto n = v ? numeric_value(*v) : std::nullopt;
    if (!n) continue;
    c.execute("UPDATE ngsild_attribute_history SET value_num = ? WHERE tenant = ? AND "
              "entity_id = ? AND attribute = ? AND at = ? AND seq = ?",
              {*n, r.text(0), r.text(1), r.text(2), r.text(3), r.integer(4)});
  }
  c.execute("DELETE FROM ngsild_attribute_rollup");
  c.execute("INSERT INTO ngsild_attribute_rollup (tenant, entity_id, attribute, hour, n, sum, "
            "sumsq, min, max) SELECT tenant, entity_id, attribute, SUBSTR(at, 1, 13) AS h, "
            "COUNT(*), SUM(value_num), SUM(value_num * value_num), MIN(value_num), "
            "MAX(value_num) FROM ngsild_attribute_history WHERE value_num IS NOT NULL AND "
            "observed = 1 GROUP BY tenant, entity_id, attribute, h");
  c.execute("DELETE FROM ngsild_temporal_backfill");
}

std::optional<double> numeric_value(const boost::json::value& v) {
  if (v.is_double()) return v.get_double();
  if (v.is_int64()) return static_cast<double>(v.get_int64());
  if (v.is_uint64()) return static_cast<double>(v.get_uint64());
  if (v.is_bool()) return v.get_bool() ? 1.0 : 0.0;
  return std::nullopt;
}

std::string stored_instance(const boost::json::object& instance) {
  std::string text = "{";
  for (const auto& [key, value] : instance) {
    if (key == "createdAt" || key == "modifiedAt") continue;
    if (text.size() > 1) text += ',';
    text += boost::json::serialize(boost::json::string_view(key));
    text += ':';
    text += boost::json::serialize(value);
  }
  text += '}';
  return text;
}

std::string hour_of(const std::string& iso_time) { return iso_time.substr(0, 13); }

void rebuild_rollup(store::Connection& c, const std::string& tenant, const std::string& entity_id,
                    const std::string& attribute) {
  c.execute("DELETE FROM ngsild_attribute_rollup WHERE tenant = ? AND entity_id = ? AND "
            "attribute = ?",
            {tenant, entity_id, attribute});
  c.execute("INSERT INTO ngsild_attribute_rollup (tenant, entity_id, attribute, hour, n, sum, "
            "sumsq, min, max) SELECT tenant, entity_id, attribute, "
            "SUBSTR(at, 1, 13) AS h, COUNT(*), SUM(value_num), "
            "SUM(value_num * value_num), MIN(value_num), MAX(value_num) "
            "FROM ngsild_attribute_history WHERE tenant = ? AND entity_id = ? AND attribute = ? "
            "AND value_num IS NOT NULL AND observed = 1 GROUP BY h",
            {tenant, entity_id, attribute});
}

void remove_rollups(store::Connection& c, const std::string& tenant, const std::string& entity_id) {
  c.execute("DELETE FROM ngsild_attribute_rollup WHERE tenant = ? AND entity_id = ?",
            {tenant, entity_id});
}

void append_bulk(store::Connection& c, const std::string& tenant, const std::vector<BulkRow>& rows,
                 std::int64_t& seq) {
  RollupBatch rollups;
  for (const auto& r : rows) {
    const bool observed = !r.observed_at.empty();
    const std::string at = observed ? temporal::canonical_instant(r.observed_at) : r.recorded_at;
    store::Value num = store::null;
    if (r.number) {
      num = *r.number;
      if (observed) rollups.add(r.entity_id, r.attribute, at, *r.number);
    }
    const std::string& recorded = r.recorded_at.empty() ? at : r.recorded_at;
    c.execute("INSERT INTO ngsild_attribute_history (tenant, entity_id, attribute, at, seq, "
              "dataset_id, recorded_at, observed, instance, value_num) "
              "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
              {tenant, r.entity_id, r.attribute, at, seq++, r.dataset_id, recorded,
               std::int64_t{observed}, r.instance, num});
  }
  rollups.flush(c, tenant);
}

std::vector<HistoryRow> series(store::Connection& c, const std::string& tenant,
                               const std::string& entity_id, const std::vector<std::string>& attrs,
                               const TimeFilter& f, std::int64_t max_rows) {
  // Observed times: `at` of the rows with observed = 1, so the time range
  // is a range of the tree. Recorded times: a scan of the series.
  const std::string col = f.observed ? "at" : "recorded_at";
  std::string sql = "SELECT attribute, dataset_id, " + col +
                    ", seq, instance, recorded_at FROM ngsild_attribute_history WHERE tenant = ? "
                    "AND entity_id = ? AND attribute = ? AND instance IS NOT NULL";
  if (f.observed) sql += " AND observed = 1";
  if (f.from) sql += " AND " + col + " >= ?";
  if (f.to) sql += " AND " + col + " < ?";
  // lastN: newest first, reversed below.
  sql += f.last_n > 0 ? " ORDER BY " + col + " DESC, seq DESC LIMIT ?"
                      : " ORDER BY " + col + ", seq LIMIT ?";
  const auto names = attrs.empty() ? attributes(c, tenant, entity_id) : attrs;
  std::vector<HistoryRow> out;
  for (const auto& a : names) {
    store::Params p;
    p.reserve(6);
    p.emplace_back(std::in_place_type<std::string>, tenant);
    p.emplace_back(std::in_place_type<std::string>, entity_id);
    p.emplace_back(std::in_place_type<std::string>, a);
    if (f.from) p.emplace_back(std::in_place_type<std::string>, *f.from);
    if (f.to) p.emplace_back(std::in_place_type<std::string>, *f.to);
    std::int64_t room = max_rows - static_cast<std::int64_t>(out.size());
    if (f.last_n > 0) room = std::min(room, f.last_n);
    p.emplace_back(std::in_place_type<std::int64_t>, room);
    const std::size_t first = out.size();
    for (const auto& r : c.query(sql, p))
      out.push_back({r.text(0), r.text(1), r.text(2), r.integer(3), r.text(4), r.text(5)});
    if (f.last_n > 0) std::reverse(out.begin() + static_cast<std::ptrdiff_t>(first), out.end());
    if (static_cast<std::int64_t>(out.size()) >= max_rows) break;
  }
  return out;
}

std::vector<RollupRow> rollups(store::Connection& c, const std::string& tenant,
                               const std::string& entity_id, const std::string& attribute,
                               const std::string& from_hour, const std::string& to_hour) {
  std::vector<RollupRow> out;
  each_rollup(c, tenant, entity_id, attribute, from_hour, to_hour, [&](const RollupView& r) {
    out.push_back({std::string(r.hour), r.n, r.sum, r.sumsq, r.min, r.max});
  });
  return out;
}

void each_rollup(store::Connection& c, const std::string& tenant, const std::string& entity_id,
                 const std::string& attribute, const std::string& from_hour,
                 const std::string& to_hour, const std::function<void(const RollupView&)>& each) {
  const auto rows = c.query(
      "SELECT hour, n, sum, sumsq, min, max FROM ngsild_attribute_rollup WHERE tenant = ? AND "
      "entity_id = ? AND attribute = ? AND hour >= ? AND (? = '' OR hour < ?) ORDER BY hour",
      {tenant, entity_id, attribute, from_hour, to_hour, to_hour});
  for (const auto& r : rows)
    each({r.text(0), r.integer(1), r.real(2), r.real(3), r.real(4), r.real(5)});
}

std::vector<std::string> attributes(store::Connection& c, const std::string& tenant,
                                    const std::string& entity_id) {
  // Skip-scan over the clustered key: one probe per attribute.
  std::vector<std::string> out;
  std::string after;
  for (;;) {
    const auto r = c.query_one("SELECT attribute FROM ngsild_attribute_history WHERE tenant = ? "
                               "AND entity_id = ? AND attribute > ? ORDER BY attribute LIMIT 1",
                               {tenant, entity_id, after});
    if (!r) return out;
    after = r->text(0);
    out.push_back(after);
  }
}

namespace {

// Recomputes one hour's rollup of an attribute from the raw rows.
void rebuild_hour(store::Connection& c, const std::string& tenant, const std::string& entity_id,
                  const std::string& attribute, const std::string& hour) {
  c.execute("DELETE FROM ngsild_attribute_rollup WHERE tenant = ? AND entity_id = ? AND "
            "attribute = ? AND hour = ?",
            {tenant, entity_id, attribute, hour});
  c.execute("INSERT INTO ngsild_attribute_rollup (tenant, entity_id, attribute, hour, n, sum, "
            "sumsq, min, max) SELECT tenant, entity_id, attribute, ?, COUNT(*), SUM(value_num), "
            "SUM(value_num * value_num), MIN(value_num), MAX(value_num) "
            "FROM ngsild_attribute_history WHERE tenant = ? AND entity_id = ? AND attribute = ? "
            "AND at >= ? AND at < ? AND value_num IS NOT NULL AND observed = 1 "
            "GROUP BY tenant, entity_id, attribute",
            {hour, tenant, entity_id, attribute, hour, hour + ";"});
}

struct Found {
  std::string at, recorded_at, instance;
  std::optional<std::string> observed_at;
};

std::optional<Found> find_instance(store::Connection& c, const std::string& tenant,
                                   const std::string& entity_id, const std::string& attribute,
                                   std::int64_t seq) {
  const auto r = c.query_one("SELECT at, recorded_at, instance, observed FROM "
                             "ngsild_attribute_history WHERE tenant = ? AND entity_id = ? AND "
                             "attribute = ? AND seq = ? AND instance IS NOT NULL",
                             {tenant, entity_id, attribute, seq});
  if (!r) return std::nullopt;
  Found f{r->text(0), r->text(1), r->text(2), std::nullopt};
  if (r->integer(3) == 1) f.observed_at = f.at;
  return f;
}

} // namespace

bool delete_instance(store::Connection& c, const std::string& tenant, const std::string& entity_id,
                     const std::string& attribute, std::int64_t seq) {
  const auto f = find_instance(c, tenant, entity_id, attribute, seq);
  if (!f) return false;
  c.execute("DELETE FROM ngsild_attribute_history WHERE tenant = ? AND entity_id = ? AND "
            "attribute = ? AND at = ? AND seq = ?",
            {tenant, entity_id, attribute, f->at, seq});
  if (f->observed_at) rebuild_hour(c, tenant, entity_id, attribute, hour_of(*f->observed_at));
  return true;
}

bool patch_instance(store::Connection& c, const std::string& tenant, const std::string& entity_id,
                    const std::string& attribute, std::int64_t seq,
                    const boost::json::object& patch) {
  const auto f = find_instance(c, tenant, entity_id, attribute, seq);
  if (!f) return false;
  boost::json::object inst = boost::json::parse(f->instance).as_object();
  for (const auto& [key, value] : patch)
    inst[key] = value;
  std::optional<std::string> new_observed;
  if (const auto* at = inst.if_contains("observedAt"); at && at->is_string())
    new_observed = temporal::canonical_instant(at->as_string());
  store::Value number = store::null;
  if (const auto* v = inst.if_contains("value"))
    if (auto n = numeric_value(*v)) number = *n;
  c.execute("UPDATE ngsild_attribute_history SET instance = ?, observed = ?, value_num = ?, "
            "at = ? WHERE tenant = ? AND entity_id = ? AND attribute = ? AND at = ? AND seq = ?",
            {boost::json::serialize(inst), std::int64_t{new_observed.has_value()}, number,
             new_observed.value_or(f->recorded_at), tenant, entity_id, attribute, f->at, seq});
  if (f->observed_at) rebuild_hour(c, tenant, entity_id, attribute, hour_of(*f->observed_at));
  if (new_observed && new_observed != f->observed_at)
    rebuild_hour(c, tenant, entity_id, attribute, hour_of(*new_observed));
  return true;
}

void remove_history(store::Connection& c, const std::string& tenant, const std::string& entity_id,
                    const std::string& attribute) {
  if (attribute.empty()) {
    c.execute("DELETE FROM ngsild_attribute_history WHERE tenant = ? AND entity_id = ?",
              {tenant, entity_id});
    remove_rollups(c, tenant, entity_id);
    return;
  }
  c.execute("DELETE FROM ngsild_attribute_history WHERE tenant = ? AND entity_id = ? AND "
            "attribute = ?",
            {tenant, entity_id, attribute});
  c.execute("DELETE FROM ngsild_attribute_rollup WHERE tenant = ? AND entity_id = ? AND "
            "attribute = ?",
            {tenant, entity_id, attribute});
}

} // namespace context::history_store
