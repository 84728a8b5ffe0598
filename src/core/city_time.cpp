#include "core/city_time.hpp"

#include <cctype>

namespace core {
namespace {

using namespace std::chrono;

// 01:00 UTC on the last Sunday of the month in year y.
sys_seconds last_sunday_0100_utc(int y, unsigned month) {
  const year_month_weekday_last last_sunday{year{y} / month / Sunday[last]};
  return sys_seconds{sys_days{last_sunday}.time_since_epoch()} + hours{1};
}

bool summer_time(TimePoint t) {
  const int y = int(year_month_day{floor<days>(t)}.year());
  const auto s = time_point_cast<seconds>(t);
  return s >= last_sunday_0100_utc(y, 3) && s < last_sunday_0100_utc(y, 10);
}

} // namespace

std::chrono::seconds berlin_offset(TimePoint t) { return summer_time(t) ? hours{2} : hours{1}; }

Date berlin_date(TimePoint t) { return year_month_day{floor<days>(t + berlin_offset(t))}; }

TimePoint berlin_time_point(Date date, std::chrono::minutes time_of_day) {
  const TimePoint local = sys_days{date} + time_of_day; // the wall clock read as if UTC
  // Try summer time first (the earlier instant of a repeated hour), then winter time.
  const TimePoint as_summer = local - hours{2};
  if (berlin_offset(as_summer) == hours{2}) return as_summer;
  const TimePoint as_winter = local - hours{1};
  if (berlin_offset(as_winter) == hours{1}) return as_winter;
  return as_summer + hours{1}; // the skipped hour in spring: after the switch
}

std::string format_date(Date d) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", int(d.year()), unsigned(d.month()),
                unsigned(d.day()));
  return buffer;
}

std::optional<Date> parse_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (!std::isdigit(static_cast<unsigned char>(text[i]))) return std::nullopt;
  const auto number = [&](std::size_t from, std::size_t n) {
    int v = 0;
    for (std::size_t i = from; i < from + n; ++i)
      v = v * 10 + (text[i] - '0');
    return v;
  };
  const Date d{year{number(0, 4)}, month{unsigned(number(5, 2))}, day{unsigned(number(8, 2))}};
  if (!d.ok()) return std::nullopt;
  return d;
}

Date add_months(Date d, int n) {
  const year_month ym = year_month{d.year(), d.month()} + months{n};
  const Date month_end = year_month_day{ym / last};
  return d.day() > month_end.day() ? month_end : Date{ym / d.day()};
}

long days_between(Date a, Date b) { return long((sys_days{b} - sys_days{a}).count()); }

Date add_days(Date d, long n) { return year_month_day{sys_days{d} + days{n}}; }

} // namespace core
