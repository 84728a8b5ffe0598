// Keeps the Musterstadt demo alive: creates the fleet's entities in the
// broker (default tenant), updates them on a timer with observedAt, and
// back-fills their history once (hourly for the configured days, every five
// minutes for the last day) in the background, resumably.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <thread>

#include "context/broker.hpp"
#include "core/clock.hpp"
#include "store/database.hpp"

namespace context::simulator {

// Settings under [context.simulator] in the configuration.
struct Settings {
  int interval_s = 30;    // seconds between updates
  int history_days = 365; // days of history to back-fill (0 = none)
};

// Runs the simulator on its own threads. Thread-safe; stop() (or the
// destructor) ends both threads and waits for them.
class Simulator {
public:
  Simulator(Broker& broker, store::Database& db, const core::Clock& clock, Settings settings);
  ~Simulator();
  Simulator(const Simulator&) = delete;
  Simulator& operator=(const Simulator&) = delete;

  // Upserts every sensor with its current values (call before serving).
  void seed();
  // Starts the update timer and the back-fill.
  void start();
  void stop();

  // One update round: every sensor's readings at the clock's now.
  void tick();
  // Back-fills what is missing; returns the number of history rows written.
  // Stops early (resumable) when stop() is called.
  std::int64_t backfill();

private:
  void run_ticks();

  Broker& broker_;
  store::Database& db_;
  const core::Clock& clock_;
  Settings settings_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::atomic<bool> stopping_{false};
  std::thread ticker_, filler_;
};

} // namespace context::simulator
