#include "appointments/berlin_time.hpp"

#include <date/tz.h>

#include <charconv>
#include <cstdio>
#include <cstdlib>

namespace appointments::berlin {
namespace {

using namespace std::chrono;

const date::time_zone* zone() {
  static const date::time_zone* z = date::locate_zone("Europe/Berlin");
  return z;
}

// Reads exactly `width` digits at text[pos]; -1 when they are not digits.
int digits(std::string_view text, std::size_t pos, std::size_t width) {
  if (pos + width > text.size()) return -1;
  int value = 0;
  for (std::size_t i = pos; i < pos + width; ++i) {
    if (text[i] < '0' || text[i] > '9') return -1;
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

std::optional<Day> make_day(int y, int m, int d) {
  if (y < 1970 || y > 2200 || m < 1 || m > 12 || d < 1 || d > 31) return std::nullopt;
  const year_month_day ymd{year{y}, month{static_cast<unsigned>(m)}, day{static_cast<unsigned>(d)}};
  if (!ymd.ok()) return std::nullopt;
  return sys_days(ymd);
}

} // namespace

std::optional<core::TimePoint> to_utc(Day day, int minute_of_day) {
  const date::local_seconds local{
      date::local_days(date::days(day.time_since_epoch().count())).time_since_epoch() +
      minutes(minute_of_day)};
  const auto info = zone()->get_info(local);
  if (info.result == date::local_info::nonexistent) return std::nullopt;
  const seconds utc = local.time_since_epoch() - info.first.offset;
  return core::TimePoint(duration_cast<core::TimePoint::duration>(utc));
}

Day local_day(core::TimePoint t) {
  const auto info = zone()->get_info(date::sys_seconds(floor<seconds>(t)));
  return floor<days>(floor<seconds>(t) + info.offset);
}

int local_minute(core::TimePoint t) {
  const auto s = floor<seconds>(t);
  const auto info = zone()->get_info(date::sys_seconds(s));
  const auto local = s + info.offset;
  return static_cast<int>(duration_cast<minutes>(local - floor<days>(local)).count());
}

std::string format_iso(core::TimePoint t) {
  const auto s = floor<seconds>(t);
  const auto info = zone()->get_info(date::sys_seconds(s));
  const auto local = s + info.offset;
  const auto d = floor<days>(local);
  const year_month_day ymd{d};
  const hh_mm_ss<seconds> hms{local - d};
  const long off = info.offset.count() / 60;
  char buf[96];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02ld:%02ld:%02ld%c%02d:%02d",
                static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                static_cast<unsigned>(ymd.day()), static_cast<long>(hms.hours().count()),
                static_cast<long>(hms.minutes().count()), static_cast<long>(hms.seconds().count()),
                off < 0 ? '-' : '+', static_cast<int>(std::labs(off) / 60 % 100),
                static_cast<int>(std::labs(off) % 60));
  return buf;
}

std::optional<core::TimePoint> parse_iso(std::string_view text) {
  // YYYY-MM-DDTHH:MM[:SS](Z|+HH:MM|-HH:MM)
  if (text.size() < 17 || text.size() > 25) return std::nullopt;
  const auto day = parse_date(text.substr(0, 10));
  if (!day || (text[10] != 'T' && text[10] != 't') || text[13] != ':') return std::nullopt;
  const int hh = digits(text, 11, 2), mi = digits(text, 14, 2);
  std::size_t pos = 16;
  int ss = 0;
  if (pos < text.size() && text[pos] == ':') {
    ss = digits(text, pos + 1, 2);
    pos += 3;
  }
  if (hh < 0 || hh > 23 || mi < 0 || mi > 59 || ss < 0 || ss > 59) return std::nullopt;
  int offset_minutes = 0;
  if (pos + 1 == text.size() && (text[pos] == 'Z' || text[pos] == 'z')) {
    offset_minutes = 0;
  } else if (pos + 6 == text.size() && (text[pos] == '+' || text[pos] == '-') &&
             text[pos + 3] == ':') {
    const int oh = digits(text, pos + 1, 2), om = digits(text, pos + 4, 2);
    if (oh < 0 || oh > 14 || om < 0 || om > 59) return std::nullopt;
    offset_minutes = (oh * 60 + om) * (text[pos] == '-' ? -1 : 1);
  } else {
    return std::nullopt;
  }
  const auto utc = *day + hours(hh) + minutes(mi) + seconds(ss) - minutes(offset_minutes);
  return core::TimePoint(duration_cast<core::TimePoint::duration>(utc.time_since_epoch()));
}

std::optional<Day> parse_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  const int y = digits(text, 0, 4), m = digits(text, 5, 2), d = digits(text, 8, 2);
  if (y < 0 || m < 0 || d < 0) return std::nullopt;
  return make_day(y, m, d);
}

std::string format_date(Day day) {
  const year_month_day ymd{day};
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return buf;
}

std::optional<Day> parse_iso_week(std::string_view text) {
  if (text.size() != 8 || text[4] != '-' || (text[5] != 'W' && text[5] != 'w')) return std::nullopt;
  const int y = digits(text, 0, 4), w = digits(text, 6, 2);
  if (y < 1970 || y > 2199 || w < 1 || w > 53) return std::nullopt;
  // Week 1 holds 4 January; weeks start on Monday.
  const Day jan4 = sys_days(year_month_day{year{y}, January, day{4}});
  const Day week1 = jan4 - days(weekday_index(jan4));
  const Day monday = week1 + weeks(w - 1);
  // Week 53 exists only in years whose week 53 Monday still belongs to them.
  if (w == 53) {
    const Day next_jan4 = sys_days(year_month_day{year{y + 1}, January, day{4}});
    if (monday >= next_jan4 - days(weekday_index(next_jan4))) return std::nullopt;
  }
  return monday;
}

int weekday_index(Day day) { return static_cast<int>(weekday{day}.iso_encoding()) - 1; }

} // namespace appointments::berlin
