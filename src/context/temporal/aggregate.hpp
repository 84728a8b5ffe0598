// The aggregation methods of the temporal API (aggrMethods) over the values
// of one period: totalCount, distinctCount, sum, avg, min, max, stddev,
// sumsq. An Accumulator can be fed value by value (raw rows) or merged from
// hourly rollups (count, sum, sum of squares, min, max).
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <boost/json/value.hpp>

namespace context::temporal {

// Which methods a request asked for; nullopt for an unknown name.
std::optional<std::vector<std::string>> parse_methods(std::string_view list);
// True when every method can be answered from rollups (all but distinctCount).
bool rollup_capable(const std::vector<std::string>& methods);

// The running aggregate of one period.
class Accumulator {
public:
  // distinctCount needs every value kept; off by default.
  void track_distinct(bool on) { track_distinct_ = on; }
  void add(const boost::json::value& v);
  // Adds a summary of numeric values (a rollup row).
  void merge(std::int64_t n, double sum, double sumsq, double min, double max);
  // The method's result (null when the period had no suitable values).
  boost::json::value result(const std::string& method) const;
  std::int64_t count() const { return total_; }

private:
  std::int64_t total_ = 0; // every value
  std::int64_t n_ = 0;     // numeric values
  double sum_ = 0, sumsq_ = 0, min_ = 0, max_ = 0;
  bool track_distinct_ = false;
  std::set<std::string> distinct_;
};

} // namespace context::temporal
