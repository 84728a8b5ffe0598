// Hourly rollups gathered in memory during one write transaction and written
// once per (entity, attribute, hour) at its end, instead of one upsert per
// history row: a commit that records many values of one hour costs one
// rollup statement for them.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <tuple>

#include "store/database.hpp"

namespace context::history_store {

// The clause that adds rows inserted into ngsild_attribute_rollup (columns
// tenant, entity_id, attribute, hour, n, sum, sumsq, min, max) to the sums
// already stored for their hour.
inline constexpr const char* kRollupMergeClause =
    " ON CONFLICT (tenant, entity_id, attribute, hour) DO UPDATE SET n = n + excluded.n, "
    "sum = sum + excluded.sum, sumsq = sumsq + excluded.sumsq, "
    "min = CASE WHEN excluded.min < min THEN excluded.min ELSE min END, "
    "max = CASE WHEN excluded.max > max THEN excluded.max ELSE max END";

// The values of one tenant's rollups added by one transaction.
// Not thread-safe; used inside one write job.
class RollupBatch {
public:
  // Adds a numeric value observed at `observed_at` (ISO 8601; its hour is
  // the bucket).
  void add(std::string_view entity_id, std::string_view attribute, std::string_view observed_at,
           double value);
  bool empty() const { return sums_.empty(); }
  // Adds another batch's sums to this one.
  void merge(const RollupBatch& other);
  // Adds the gathered sums to the stored rollups (one upsert per bucket);
  // flush() also empties the batch. REQUIRES: c is inside the transaction
  // of the rows.
  void write(store::Connection& c, const std::string& tenant) const;
  void flush(store::Connection& c, const std::string& tenant);
  void clear() { sums_.clear(); }

private:
  struct Sum {
    std::int64_t n = 0;
    double sum = 0, sumsq = 0, min = 0, max = 0;
  };
  // Ordered like the rollup table's key, so the upserts walk its tree in order.
  std::map<std::tuple<std::string, std::string, std::string>, Sum, std::less<>> sums_;
};

} // namespace context::history_store
