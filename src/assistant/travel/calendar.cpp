#include "assistant/travel/calendar.hpp"

#include <charconv>
#include <cstdio>

namespace assistant::travel {

using namespace std::chrono;

namespace {

// The instant (UTC) of 01:00 UTC on the last Sunday of `m` in year `y`.
sys_seconds last_sunday_0100_utc(int y, unsigned m) {
  const sys_days month_end{year{y} / month{m} / std::chrono::last};
  const sys_days sunday = month_end - (weekday{month_end} - Sunday);
  return sys_seconds{sunday} + hours{1};
}

} // namespace

Date berlin_date(core::TimePoint t) {
  const auto utc = floor<seconds>(t);
  const int y = static_cast<int>(year_month_day{floor<days>(utc)}.year());
  const bool summer = utc >= last_sunday_0100_utc(y, 3) && utc < last_sunday_0100_utc(y, 10);
  const auto local = utc + hours{summer ? 2 : 1};
  return Date{floor<days>(local)};
}

Date add_months(Date d, int months) {
  year_month ym = year_month{d.year(), d.month()} + std::chrono::months{months};
  const Date candidate{ym / d.day()};
  if (candidate.ok()) return candidate;
  return Date{ym / last};
}

Date add_days(Date d, int n) { return Date{sys_days{d} + days{n}}; }

int days_between(Date a, Date b) { return static_cast<int>((sys_days{b} - sys_days{a}).count()); }

int whole_months_between(Date a, Date b) {
  if (sys_days{b} < sys_days{a}) return 0;
  int n = (static_cast<int>(b.year()) - static_cast<int>(a.year())) * 12 +
          (static_cast<int>(static_cast<unsigned>(b.month())) -
           static_cast<int>(static_cast<unsigned>(a.month())));
  while (n > 0 && sys_days{add_months(a, n)} > sys_days{b})
    --n;
  return n;
}

std::optional<Date> parse_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  int y = 0;
  unsigned m = 0, d = 0;
  const auto number = [&](std::size_t at, std::size_t len, auto& out) {
    const auto [p, ec] = std::from_chars(text.data() + at, text.data() + at + len, out);
    return ec == std::errc{} && p == text.data() + at + len;
  };
  if (!number(0, 4, y) || !number(5, 2, m) || !number(8, 2, d)) return std::nullopt;
  const Date date{year{y}, month{m}, day{d}};
  if (!date.ok()) return std::nullopt;
  return date;
}

std::string format_date(Date d) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", static_cast<int>(d.year()),
                static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
  return buffer;
}

std::string format_date_de(Date d) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%02u.%02u.%04d", static_cast<unsigned>(d.day()),
                static_cast<unsigned>(d.month()), static_cast<int>(d.year()));
  return buffer;
}

} // namespace assistant::travel
