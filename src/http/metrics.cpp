#include "http/metrics.hpp"

#include <cstdio>

namespace http {
namespace {

void append_number(std::string& out, double v) {
  char buffer[32];
  const int n = std::snprintf(buffer, sizeof buffer, "%.6g", v);
  out.append(buffer, static_cast<std::size_t>(n));
}

} // namespace

std::string escape_label(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  for (char c : value) {
    if (c == '\\')
      out += "\\\\";
    else if (c == '"')
      out += "\\\"";
    else if (c == '\n')
      out += "\\n";
    else
      out += c;
  }
  return out;
}

Metrics::Metrics(const Router& router) {
  auto make = [](std::string route, std::string method) {
    auto slot = std::make_unique<Slot>();
    slot->route = std::move(route);
    slot->method = std::move(method);
    return slot;
  };
  slots_.push_back(make("static", "GET"));
  slots_.push_back(make("unmatched", "ANY"));
  for (const Route& r : router.routes())
    slots_.push_back(make(r.pattern, std::string(to_string(r.method))));
}

void Metrics::observe(std::size_t slot_index, int status, double seconds) {
  Slot& slot = *slots_.at(slot_index);
  slot.count.fetch_add(1, std::memory_order_relaxed);
  slot.sum_micros.fetch_add(static_cast<std::uint64_t>(seconds * 1e6), std::memory_order_relaxed);
  for (std::size_t i = 0; i < kBuckets.size(); ++i)
    if (seconds <= kBuckets[i]) {
      slot.buckets[i].fetch_add(1, std::memory_order_relaxed);
      break;
    }
  for (StatusCount& sc : slot.statuses) {
    int current = sc.status.load(std::memory_order_relaxed);
    if (current == 0) {
      // Claim the free entry, unless another thread just claimed it.
      sc.status.compare_exchange_strong(current, status, std::memory_order_relaxed);
      if (current == 0) current = status;
    }
    if (current == status) {
      sc.count.fetch_add(1, std::memory_order_relaxed);
      return;
    }
  }
  // More distinct codes than slots on one route: counted in the total only.
}

std::string Metrics::render() const {
  std::string out;
  out.reserve(16 * 1024);
  out += "# HELP stadtkern_http_requests_total HTTP requests answered, by route and status.\n";
  out += "# TYPE stadtkern_http_requests_total counter\n";
  for (const auto& slot : slots_) {
    const std::string labels =
        "method=\"" + slot->method + "\",route=\"" + escape_label(slot->route) + "\"";
    for (const StatusCount& sc : slot->statuses) {
      const int status = sc.status.load(std::memory_order_relaxed);
      const auto count = sc.count.load(std::memory_order_relaxed);
      if (status == 0 || count == 0) continue;
      out += "stadtkern_http_requests_total{" + labels + ",status=\"" + std::to_string(status) +
             "\"} " + std::to_string(count) + "\n";
    }
  }
  out += "# HELP stadtkern_http_request_duration_seconds Time from the complete request to the "
         "response being handed to the socket.\n";
  out += "# TYPE stadtkern_http_request_duration_seconds histogram\n";
  for (const auto& slot : slots_) {
    const auto count = slot->count.load(std::memory_order_relaxed);
    if (count == 0) continue;
    const std::string labels =
        "method=\"" + slot->method + "\",route=\"" + escape_label(slot->route) + "\"";
    std::uint64_t cumulative = 0;
    for (std::size_t i = 0; i < kBuckets.size(); ++i) {
      cumulative += slot->buckets[i].load(std::memory_order_relaxed);
      out += "stadtkern_http_request_duration_seconds_bucket{" + labels + ",le=\"";
      append_number(out, kBuckets[i]);
      out += "\"} " + std::to_string(cumulative) + "\n";
    }
    out += "stadtkern_http_request_duration_seconds_bucket{" + labels + ",le=\"+Inf\"} " +
           std::to_string(count) + "\n";
    out += "stadtkern_http_request_duration_seconds_sum{" + labels + "} ";
    append_number(out, double(slot->sum_micros.load(std::memory_order_relaxed)) / 1e6);
    out += "\nstadtkern_http_request_duration_seconds_count{" + labels + "} " +
           std::to_string(count) + "\n";
  }
  out += "# HELP stadtkern_http_connections_active Open client connections.\n";
  out += "# TYPE stadtkern_http_connections_active gauge\n";
  out += "stadtkern_http_connections_active " + std::to_string(connections_active_.load()) + "\n";
  out += "# HELP stadtkern_http_connections_total Client connections accepted.\n";
  out += "# TYPE stadtkern_http_connections_total counter\n";
  out += "stadtkern_http_connections_total " + std::to_string(connections_total_.load()) + "\n";
  for (const auto& collector : collectors_)
    collector(out);
  return out;
}

} // namespace http
