// A small scheduler for the background jobs of `stadtkern serve`: daily
// jobs (reminders) run once at start, to catch up on a day the server was
// down, and then every day at a configured Berlin wall-clock time; periodic
// jobs (mail delivery) run every interval. All jobs share one thread, so a
// job never overlaps itself; a job that throws is logged and runs again at
// its next time.
//
// Singleton-safe by design: the scheduler takes no lock across processes.
// Every job it runs must be idempotent and claim its work in the database
// (reminders by a unique constraint, mails by a lease), so several
// processes running the same job at once do the work once.
//
// Times come from a core::Clock; the thread looks at it at least once a
// second, so a ManualClock moved forward is noticed too.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/city_time.hpp"

namespace jobs {

// The next daily run strictly after `after`: the Berlin wall-clock time
// `local_time` (minutes after midnight) on that day or the next.
core::TimePoint next_daily_run(core::TimePoint after, std::chrono::minutes local_time);

// "07:30" -> 450 minutes; core::Error{invalid_argument} for anything but HH:MM.
std::chrono::minutes parse_time_of_day(const std::string& text);

class Scheduler {
public:
  explicit Scheduler(const core::Clock& clock) : clock_(clock) {}
  ~Scheduler() { stop(); }
  Scheduler(const Scheduler&) = delete;
  Scheduler& operator=(const Scheduler&) = delete;

  // REQUIRES: before start().
  void daily(std::string name, std::chrono::minutes local_time, std::function<void()> job);
  void every(std::string name, std::chrono::seconds interval, std::function<void()> job);

  // Starts the thread; jobs run for the first time right away.
  void start();
  // Waits for a running job to finish, then ends the thread. Idempotent.
  void stop();

private:
  struct Job {
    std::string name;
    std::function<void()> run;
    std::chrono::minutes local_time{0}; // daily
    std::chrono::seconds interval{0};   // periodic when > 0
    core::TimePoint due;
  };
  void loop();

  const core::Clock& clock_;
  std::vector<Job> jobs_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

} // namespace jobs
