#include "jobs/scheduler.hpp"

#include <spdlog/spdlog.h>

#include <cctype>
#include <exception>

#include "core/error.hpp"

namespace jobs {

core::TimePoint next_daily_run(core::TimePoint after, std::chrono::minutes local_time) {
  const core::Date today = core::berlin_date(after);
  for (long d = 0; d < 3; ++d) {
    const core::TimePoint candidate =
        core::berlin_instant_lenient(core::add_days(today, d), local_time);
    if (candidate > after) return candidate;
  }
  return after + std::chrono::hours(24); // unreachable: one of three days is later
}

std::chrono::minutes parse_time_of_day(const std::string& t) {
  const auto digit = [&](std::size_t i) { return std::isdigit(static_cast<unsigned char>(t[i])); };
  if (t.size() != 5 || t[2] != ':' || !digit(0) || !digit(1) || !digit(3) || !digit(4))
    throw core::Error(core::ErrorKind::invalid_argument, "'" + t + "' is not a time HH:MM");
  const int hours = (t[0] - '0') * 10 + (t[1] - '0');
  const int minutes = (t[3] - '0') * 10 + (t[4] - '0');
  if (hours > 23 || minutes > 59)
    throw core::Error(core::ErrorKind::invalid_argument, "'" + t + "' is not a time HH:MM");
  return std::chrono::minutes(hours * 60 + minutes);
}

void Scheduler::daily(std::string name, std::chrono::minutes local_time,
                      std::function<void()> job) {
  jobs_.push_back({std::move(name), std::move(job), local_time, std::chrono::seconds(0), {}});
}

void Scheduler::every(std::string name, std::chrono::seconds interval, std::function<void()> job) {
  jobs_.push_back({std::move(name), std::move(job), std::chrono::minutes(0), interval, {}});
}

void Scheduler::start() {
  const core::TimePoint now = clock_.now();
  for (Job& job : jobs_)
    job.due = now; // first run right away: catches up on missed days
  thread_ = std::thread([this] { loop(); });
}

void Scheduler::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void Scheduler::loop() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    const core::TimePoint now = clock_.now();
    for (Job& job : jobs_) {
      if (stopping_ || job.due > now) continue;
      const core::TimePoint started = clock_.now();
      lock.unlock();
      try {
        job.run();
      } catch (const std::exception& e) {
        spdlog::error("job {} failed: {}", job.name, e.what());
      }
      lock.lock();
      // From the start of this run, so the clock moving on while a job runs
      // never skips the next one.
      job.due = job.interval.count() > 0 ? started + job.interval
                                         : next_daily_run(started, job.local_time);
    }
    core::TimePoint next = clock_.now() + std::chrono::seconds(1);
    for (const Job& job : jobs_)
      next = std::min(next, job.due);
    const auto wait = std::max(next - clock_.now(), core::TimePoint::duration(0));
    wake_.wait_for(lock, std::min<core::TimePoint::duration>(wait, std::chrono::seconds(1)),
                   [this] { return stopping_; });
  }
}

} // namespace jobs
