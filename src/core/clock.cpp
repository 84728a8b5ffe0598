#include "core/clock.hpp"

#include <ctime>

namespace core {
namespace {

class SystemClock final : public Clock {
public:
  TimePoint now() const override { return std::chrono::system_clock::now(); }
};

std::tm utc_tm(TimePoint t) {
  const std::time_t seconds = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  return tm;
}

std::string format(TimePoint t, const char* pattern) {
  const std::tm tm = utc_tm(t);
  char buffer[64];
  const std::size_t n = std::strftime(buffer, sizeof buffer, pattern, &tm);
  return std::string(buffer, n);
}

} // namespace

const Clock& Clock::system() {
  static const SystemClock clock;
  return clock;
}

std::string format_utc(TimePoint t) { return format(t, "%Y-%m-%dT%H:%M:%SZ"); }

std::string format_utc_millis(TimePoint t) {
  const auto millis =
      std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count() % 1000;
  std::string s = format(t, "%Y-%m-%dT%H:%M:%S");
  char buffer[8];
  std::snprintf(buffer, sizeof buffer, ".%03dZ",
                static_cast<int>(millis < 0 ? millis + 1000 : millis));
  return s + buffer;
}

std::string format_http_date(TimePoint t) { return format(t, "%a, %d %b %Y %H:%M:%S GMT"); }

} // namespace core
