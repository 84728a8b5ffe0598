#include "context/store/rollup_batch.hpp"

namespace context::history_store {

namespace {
const std::string kUpsertRollup =
    std::string("INSERT INTO ngsild_attribute_rollup (tenant, entity_id, attribute, hour, n, sum, "
                "sumsq, min, max) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)") +
    kRollupMergeClause;
} // namespace

void RollupBatch::add(std::string_view entity_id, std::string_view attribute,
                      std::string_view observed_at, double value) {
  const auto hour = observed_at.substr(0, 13);
  auto it = sums_.find(std::tuple{entity_id, attribute, hour});
  if (it == sums_.end())
    it = sums_
             .emplace(std::tuple{std::string(entity_id), std::string(attribute), std::string(hour)},
                      Sum{})
             .first;
  auto& s = it->second;
  if (s.n == 0 || value < s.min) s.min = value;
  if (s.n == 0 || value > s.max) s.max = value;
  ++s.n;
  s.sum += value;
  s.sumsq += value * value;
}

void RollupBatch::merge(const RollupBatch& other) {
  for (const auto& [key, o] : other.sums_) {
    auto& s = sums_[key];
    if (s.n == 0 || o.min < s.min) s.min = o.min;
    if (s.n == 0 || o.max > s.max) s.max = o.max;
    s.n += o.n;
    s.sum += o.sum;
    s.sumsq += o.sumsq;
  }
}

void RollupBatch::write(store::Connection& c, const std::string& tenant) const {
  for (const auto& [key, s] : sums_)
    c.execute(kUpsertRollup, {tenant, std::get<0>(key), std::get<1>(key), std::get<2>(key), s.n,
                              s.sum, s.sumsq, s.min, s.max});
}

void RollupBatch::flush(store::Connection& c, const std::string& tenant) {
  write(c, tenant);
  sums_.clear();
}

} // namespace context::history_store
