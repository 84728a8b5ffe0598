#include "context/simulator/simulator.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>

#include "context/jsonld/context.hpp"
#include "context/simulator/fleet.hpp"

namespace context::simulator {
namespace {

const jsonld::Context& core_context() {
  static const jsonld::Resolver resolver;
  static const auto ctx = resolver.core();
  return *ctx;
}

std::int64_t unix_seconds(core::TimePoint t) {
  return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}

std::string iso(std::int64_t unix_s) {
  return core::format_utc_millis(core::TimePoint(std::chrono::seconds(unix_s)));
}

constexpr const char* kMarkerKey = "context.simulator.backfill_until";
constexpr std::int64_t kFine = 300; // back-fill step of the last day

// The end of the back-fill window: stored on first use so that a restart
// continues the same window instead of starting a new one.
std::int64_t window_end(store::Database& db, std::int64_t now) {
  return db.write([&](store::Connection& c) {
    if (auto row = c.query_one("SELECT value FROM platform_settings WHERE key = ?",
                               {std::string(kMarkerKey)}))
      return std::int64_t(std::stoll(row->text(0)));
    const std::int64_t end = now / kFine * kFine;
    c.execute("INSERT INTO platform_settings (key, value, updated_at) VALUES (?, ?, ?)",
              {std::string(kMarkerKey), std::to_string(end), iso(now)});
    return end;
  });
}

} // namespace

Simulator::Simulator(Broker& broker, store::Database& db, const core::Clock& clock,
                     Settings settings)
    : broker_(broker), db_(db), clock_(clock), settings_(settings) {}

Simulator::~Simulator() { stop(); }

void Simulator::seed() {
  const std::int64_t now = unix_seconds(clock_.now());
  const std::string at = iso(now);
  const std::string stamp = broker_.now();
  std::vector<BatchItem> items;
  for (const auto& s : musterstadt_fleet()) {
    BatchItem item;
    item.id = s.id;
    item.entity = parse_entity(entity_payload(s, now, at), core_context(), stamp);
    items.push_back(std::move(item));
  }
  std::vector<std::string> created;
  const auto result = broker_.batch_upsert("", std::move(items), false, created);
  if (!result.errors.empty())
    spdlog::error("sensor simulator: {} of {} sensors not stored (first: {})", result.errors.size(),
                  musterstadt_fleet().size(), result.errors.front().first);
  spdlog::info("sensor simulator: {} sensors ({} new), update every {} s", result.success.size(),
               created.size(), settings_.interval_s);
}

void Simulator::tick() {
  const std::int64_t now = unix_seconds(clock_.now());
  const std::string at = iso(now);
  const std::string stamp = broker_.now();
  std::vector<BatchItem> items;
  for (const auto& s : musterstadt_fleet()) {
    BatchItem item;
    item.id = s.id;
    item.entity = parse_entity(update_payload(s, now, at), core_context(), stamp);
    items.push_back(std::move(item));
  }
  std::vector<std::string> created;
  const auto result = broker_.batch_upsert("", std::move(items), false, created);
  if (!result.errors.empty())
    spdlog::warn("sensor simulator: update of {} sensors failed", result.errors.size());
}

std::int64_t Simulator::backfill() {
  if (settings_.history_days <= 0) return 0;
  const std::int64_t end = window_end(db_, unix_seconds(clock_.now()));
  const std::int64_t begin = end - std::int64_t(settings_.history_days) * 86400;
  const std::int64_t fine_from = std::max(begin, end - 86400);
  const auto& ctx = core_context();
  std::int64_t written = 0;
  int done = 0;
  for (const auto& s : musterstadt_fleet()) {
    if (stopping_) break;
    std::vector<Reading> probe = readings(s, end);
    std::vector<std::string> attrs;
    for (const auto& r : probe)
      if (r.history) attrs.push_back(ctx.expand(r.attr));
    if (attrs.empty()) continue;
    // A sensor's rows go in with one call (one transaction): if its last
    // slot is there, all of it is.
    history_store::TimeFilter last;
    last.from = iso(end - kFine);
    last.to = iso(end);
    if (!broker_.history("", s.id, {attrs.front()}, last, 1).empty()) {
      ++done;
      continue;
    }
    std::vector<Observation> rows;
    auto add = [&](std::int64_t t) {
      const std::string at = iso(t);
      for (const auto& r : readings(s, t))
        if (r.history) rows.push_back({s.id, ctx.expand(r.attr), at, r.value, r.unit});
    };
    for (std::int64_t t = (begin + 3599) / 3600 * 3600; t < fine_from; t += 3600)
      add(t);
    for (std::int64_t t = fine_from; t < end; t += kFine)
      add(t);
    // The last slot (end - kFine) was added by the loop above; rows are
    // appended in one call, so the probe finds it only when all are stored.
    broker_.append_observations("", rows);
    written += std::int64_t(rows.size());
    ++done;
  }
  spdlog::info("sensor simulator: history back-filled for {} of {} sensors ({} rows this run)",
               done, musterstadt_fleet().size(), written);
  return written;
}

void Simulator::start() {
  stopping_ = false;
  ticker_ = std::thread([this] { run_ticks(); });
  filler_ = std::thread([this] {
    try {
      backfill();
    } catch (const std::exception& e) {
      spdlog::error("sensor simulator: back-fill stopped: {}", e.what());
    }
  });
}

void Simulator::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (ticker_.joinable()) ticker_.join();
  if (filler_.joinable()) filler_.join();
}

void Simulator::run_ticks() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    if (wake_.wait_for(lock, std::chrono::seconds(settings_.interval_s),
                       [this] { return stopping_.load(); }))
      break;
    lock.unlock();
    try {
      tick();
    } catch (const std::exception& e) {
      spdlog::warn("sensor simulator: update failed: {}", e.what());
    }
    lock.lock();
  }
}

} // namespace context::simulator
