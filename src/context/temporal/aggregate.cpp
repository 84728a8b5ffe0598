#include "context/temporal/aggregate.hpp"

#include <cmath>

#include <boost/json.hpp>

#include "context/api/options.hpp"

namespace context::temporal {

namespace {
const std::set<std::string> kMethods = {"totalCount", "distinctCount", "sum",    "avg",
                                        "min",        "max",           "stddev", "sumsq"};
}

std::optional<std::vector<std::string>> parse_methods(std::string_view list) {
  std::vector<std::string> out;
  for (auto& m : api::split(list, ',')) {
    if (!kMethods.contains(m)) return std::nullopt;
    out.push_back(m);
  }
  if (out.empty()) return std::nullopt;
  return out;
}

bool rollup_capable(const std::vector<std::string>& methods) {
  for (const auto& m : methods)
    if (m == "distinctCount") return false;
  return true;
}

void Accumulator::add(const boost::json::value& v) {
  ++total_;
  if (track_distinct_) distinct_.insert(boost::json::serialize(v));
  double x = 0;
  if (v.is_double())
    x = v.get_double();
  else if (v.is_int64())
    x = static_cast<double>(v.get_int64());
  else if (v.is_uint64())
    x = static_cast<double>(v.get_uint64());
  else if (v.is_bool())
    x = v.get_bool() ? 1 : 0;
  else
    return;
  merge(1, x, x * x, x, x);
  --total_; // merge counted it again
}

void Accumulator::merge(std::int64_t n, double sum, double sumsq, double min, double max) {
  if (n <= 0) return;
  if (n_ == 0 || min < min_) min_ = min;
  if (n_ == 0 || max > max_) max_ = max;
  n_ += n;
  total_ += n;
  sum_ += sum;
  sumsq_ += sumsq;
}

boost::json::value Accumulator::result(const std::string& m) const {
  if (m == "totalCount") return total_;
  if (m == "distinctCount") return static_cast<std::int64_t>(distinct_.size());
  if (n_ == 0) return nullptr;
  if (m == "sum") return sum_;
  if (m == "sumsq") return sumsq_;
  if (m == "min") return min_;
  if (m == "max") return max_;
  const double mean = sum_ / static_cast<double>(n_);
  if (m == "avg") return mean;
  // Population standard deviation; rounding may make the variance slightly
  // negative for constant series.
  const double var = sumsq_ / static_cast<double>(n_) - mean * mean;
  return std::sqrt(var > 0 ? var : 0.0);
}

} // namespace context::temporal
