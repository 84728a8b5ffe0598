// The one clock of Stadtkern. Everything that depends on "now" (sessions,
// reminders, free slots, rollups) asks a core::Clock, so tests can move time
// with a ManualClock instead of sleeping.
#pragma once

#include <atomic>
#include <chrono>
#include <string>

namespace core {

using TimePoint = std::chrono::system_clock::time_point;

// Source of the current time. Thread-safe.
class Clock {
public:
  virtual ~Clock() = default;
  virtual TimePoint now() const = 0;

  // The real wall clock.
  static const Clock& system();
};

// A clock that stands still until told to move. For tests.
class ManualClock final : public Clock {
public:
  explicit ManualClock(TimePoint start) : now_(start.time_since_epoch().count()) {}
  TimePoint now() const override { return TimePoint(TimePoint::duration(now_.load())); }
  void set(TimePoint t) { now_ = t.time_since_epoch().count(); }
  void advance(std::chrono::system_clock::duration d) { now_ += d.count(); }

private:
  std::atomic<TimePoint::rep> now_;
};

// "2026-11-26T12:00:00Z" (UTC, seconds precision).
std::string format_utc(TimePoint t);
// "2026-11-26T12:00:00.123Z" (UTC, milliseconds), for logs and sysAttrs.
std::string format_utc_millis(TimePoint t);
// RFC 7231 IMF-fixdate for HTTP headers: "Thu, 26 Nov 2026 12:00:00 GMT".
std::string format_http_date(TimePoint t);

} // namespace core
