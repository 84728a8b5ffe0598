// Request counters and latency histograms per route, rendered in the
// Prometheus text exposition format (version 0.0.4) at /metrics. Recording is
// lock-free (relaxed atomics), so it costs next to nothing per request.
// Other parts of the program (database pool, build info, ingest) add their
// own lines through collectors.
#pragma once

#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "http/router.hpp"

namespace http {

// Writes complete metric families (with # HELP / # TYPE) to out.
using MetricsCollector = std::function<void(std::string& out)>;

class Metrics {
public:
  // Pseudo-routes for requests that match no API route.
  static constexpr std::size_t kStaticSlot = 0;    // files of the web app
  static constexpr std::size_t kUnmatchedSlot = 1; // 404/405 and malformed requests

  // Creates one slot per route of router (plus the pseudo-routes).
  explicit Metrics(const Router& router);

  std::size_t slot_for(const Route& route) const { return route.index + 2; }

  // Records one answered request.
  void observe(std::size_t slot, int status, double seconds);
  void connection_opened() { connections_active_++, connections_total_++; }
  void connection_closed() { connections_active_--; }

  // Adds a collector called on every render(). Not thread-safe with render();
  // add collectors before serving.
  void add_collector(MetricsCollector collector) { collectors_.push_back(std::move(collector)); }

  std::string render() const;

  static constexpr std::array<double, 14> kBuckets = {
      0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

private:
  struct StatusCount {
    std::atomic<int> status{0};
    std::atomic<std::uint64_t> count{0};
  };
  struct Slot {
    std::string route;
    std::string method;
    std::array<StatusCount, 24> statuses;
    std::array<std::atomic<std::uint64_t>, kBuckets.size()> buckets{};
    std::atomic<std::uint64_t> count{0};
    std::atomic<std::uint64_t> sum_micros{0};
  };

  std::vector<std::unique_ptr<Slot>> slots_;
  std::atomic<std::int64_t> connections_active_{0};
  std::atomic<std::uint64_t> connections_total_{0};
  std::vector<MetricsCollector> collectors_;
};

// Escapes a Prometheus label value (backslash, double quote, newline).
std::string escape_label(std::string_view value);

} // namespace http
