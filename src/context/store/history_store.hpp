// Fast temporal reads over the attribute history: the numeric value of each
// history row (value_num), the series in order of observation time, and an hourly
// rollup table (count, sum, sum of squares, min, max of the numeric values
// per tenant, entity, attribute and hour of observation) kept up to date in
// the same transaction as the history rows it summarises.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include "store/database.hpp"

namespace context::history_store {

std::vector<store::Migration> migrations();

// Once after the migration (Broker::load): value_num and the rollups for
// the history rows written before it. Reads those rows in one pass.
void backfill(store::Connection& c);

// The numeric value of an attribute instance (its "value" when a number or
// a boolean), used for the rollups and numeric aggregations.
std::optional<double> numeric_value(const boost::json::value& v);

// The text of an instance as the history stores it: without createdAt and
// modifiedAt (the history has its own columns for them; an instanceId is
// replaced by the history's own on reading), serialised member by member
// instead of copying the object.
std::string stored_instance(const boost::json::object& instance);

// "2026-01-05T13" for "2026-01-05T13:42:07.123Z": the rollup bucket of a time.
std::string hour_of(const std::string& iso_time);

// One history row to append in bulk (back-fill, temporal writes): the
// instance is already serialised without system attributes.
struct BulkRow {
  std::string entity_id;
  std::string attribute;
  std::string observed_at; // "" when the instance has none
  std::string instance;    // JSON text of the instance
  std::optional<double> number;
  std::string dataset_id;  // "" = default instance
  std::string recorded_at; // "" = observed_at
};

// Recomputes the rollups of an entity's attribute (all hours, or one) from
// the raw rows (after instances were deleted or changed).
void rebuild_rollup(store::Connection& c, const std::string& tenant, const std::string& entity_id,
                    const std::string& attribute);
// Removes every rollup of an entity (the entity was deleted with its history).
void remove_rollups(store::Connection& c, const std::string& tenant, const std::string& entity_id);

// Appends rows and their rollups (rows with an observation time);
// seq numbers the rows (incremented per row). The caller runs it inside a
// write job; rows are written with one cached prepared statement each.
void append_bulk(store::Connection& c, const std::string& tenant, const std::vector<BulkRow>& rows,
                 std::int64_t& seq);

// One recorded instance of an attribute (reads of the temporal API).
struct HistoryRow {
  std::string attribute;
  std::string dataset_id;
  std::string time; // the value of the time property asked for
  std::int64_t seq = 0;
  std::string instance; // JSON text
  std::string recorded_at;
};

// Which rows a temporal read wants: by observation or by recording time,
// from (inclusive) and to (exclusive), both optional.
struct TimeFilter {
  bool observed = true; // observed_at, else recorded_at
  std::optional<std::string> from, to;
  std::int64_t last_n = 0; // > 0: only the newest last_n instances per attribute
};

// The instances (not deletions) of an entity's attributes (all when attrs
// is empty), ordered by attribute and time; at most max_rows rows.
std::vector<HistoryRow> series(store::Connection& c, const std::string& tenant,
                               const std::string& entity_id, const std::vector<std::string>& attrs,
                               const TimeFilter& f, std::int64_t max_rows);

// One hourly rollup row.
struct RollupRow {
  std::string hour; // "2026-01-05T13"
  std::int64_t n = 0;
  double sum = 0, sumsq = 0, min = 0, max = 0;
};
// The rollups of one attribute with from_hour <= hour < to_hour ("" = open).
std::vector<RollupRow> rollups(store::Connection& c, const std::string& tenant,
                               const std::string& entity_id, const std::string& attribute,
                               const std::string& from_hour, const std::string& to_hour);

// One hourly rollup as a reader sees it while walking; hour is valid only
// during the call.
struct RollupView {
  std::string_view hour; // "2026-01-05T13"
  std::int64_t n = 0;
  double sum = 0, sumsq = 0, min = 0, max = 0;
};
// Calls each(row) for the rollups of one attribute with from_hour <= hour <
// to_hour ("" = open), in order of hour, without collecting them first.
void each_rollup(store::Connection& c, const std::string& tenant, const std::string& entity_id,
                 const std::string& attribute, const std::string& from_hour,
                 const std::string& to_hour, const std::function<void(const RollupView&)>& each);

// The attributes an entity has history of.
std::vector<std::string> attributes(store::Connection& c, const std::string& tenant,
                                    const std::string& entity_id);

// One instance by its seq (instanceId): deletes it, or merges `patch`
// (members replace the stored ones) into it; the rollups of the hours it
// was and is in are recomputed. False when there is no such instance.
bool delete_instance(store::Connection& c, const std::string& tenant, const std::string& entity_id,
                     const std::string& attribute, std::int64_t seq);
bool patch_instance(store::Connection& c, const std::string& tenant, const std::string& entity_id,
                    const std::string& attribute, std::int64_t seq,
                    const boost::json::object& patch);

// Deletes an entity's history (all attributes, or one) and its rollups.
void remove_history(store::Connection& c, const std::string& tenant, const std::string& entity_id,
                    const std::string& attribute);

} // namespace context::history_store
