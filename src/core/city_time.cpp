#include "core/city_time.hpp"

#include <date/tz.h>

#include <cstdio>
#include <cstdlib>

namespace core {
namespace {

using namespace std::chrono;

const date::time_zone& berlin() {
  static const date::time_zone* zone = date::locate_zone("Europe/Berlin");
  return *zone;
}

// Debian's zoneinfo files list Berlin's transitions up to 2037 and leave the
// later years to their POSIX footer (CET-1CEST,M3.5.0,M10.5.0/3), which
// date/tz does not read. From the last listed transition on, this file
// applies that rule (the EU's) itself.
sys_seconds last_listed_transition() {
  static const sys_seconds last =
      berlin().get_info(sys_seconds{sys_days{year{2200} / 1 / 1}}).begin;
  return last;
}

// 01:00 UTC on the last Sunday of month m of year y: when the EU switches.
sys_seconds eu_switch(int y, unsigned m) {
  return sys_seconds{sys_days{year{y} / month{m} / Sunday[last]}} + hours{1};
}

seconds eu_offset(sys_seconds s) {
  const int y = static_cast<int>(year_month_day{floor<days>(s)}.year());
  return s >= eu_switch(y, 3) && s < eu_switch(y, 10) ? hours{2} : hours{1};
}

seconds offset_at(TimePoint t) {
  const sys_seconds s = floor<seconds>(t);
  return s >= last_listed_transition() ? eu_offset(s) : berlin().get_info(s).offset;
}

// The offset of a wall time: `exact` is empty when the wall time is skipped
// (spring), the earlier (summer) offset when it repeats (autumn); `before`
// is the offset in force before a skipped hour (or the exact one).
struct WallOffset {
  std::optional<seconds> exact;
  seconds before;
};

WallOffset wall_offset(date::local_seconds local) {
  if (sys_seconds{local.time_since_epoch() - hours{2}} >= last_listed_transition()) {
    for (const seconds candidate : {seconds{hours{2}}, seconds{hours{1}}})
      if (eu_offset(sys_seconds{local.time_since_epoch() - candidate}) == candidate)
        return {candidate, candidate};
    return {std::nullopt, hours{1}};
  }
  const date::local_info info = berlin().get_info(local);
  if (info.result == date::local_info::nonexistent) return {std::nullopt, info.first.offset};
  return {info.first.offset, info.first.offset};
}

// The wall time `time_of_day` on `d` as date/tz's local time.
date::local_seconds local_time(Date d, minutes time_of_day) {
  return date::local_seconds{sys_days{d}.time_since_epoch() + time_of_day};
}

// Reads exactly `width` ASCII digits at text[pos]; -1 when they are not digits.
int digits(std::string_view text, std::size_t pos, std::size_t width) {
  if (pos + width > text.size()) return -1;
  int value = 0;
  for (std::size_t i = pos; i < pos + width; ++i) {
    if (text[i] < '0' || text[i] > '9') return -1;
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

TimePoint to_time_point(sys_seconds s) { return time_point_cast<TimePoint::duration>(s); }

} // namespace

seconds berlin_offset(TimePoint t) { return offset_at(t); }

Date berlin_date(TimePoint t) { return Date{floor<days>(floor<seconds>(t) + berlin_offset(t))}; }

int berlin_minute_of_day(TimePoint t) {
  const auto local = floor<seconds>(t) + berlin_offset(t);
  return static_cast<int>(duration_cast<minutes>(local - floor<days>(local)).count());
}

std::optional<TimePoint> berlin_instant(Date date, minutes time_of_day) {
  const date::local_seconds local = local_time(date, time_of_day);
  const WallOffset offset = wall_offset(local);
  if (!offset.exact) return std::nullopt;
  return to_time_point(sys_seconds{local.time_since_epoch() - *offset.exact});
}

TimePoint berlin_instant_lenient(Date date, minutes time_of_day) {
  const date::local_seconds local = local_time(date, time_of_day);
  return to_time_point(sys_seconds{local.time_since_epoch() - wall_offset(local).before});
}

std::optional<Date> parse_date(std::string_view text, YearRange years) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  const int y = digits(text, 0, 4), m = digits(text, 5, 2), d = digits(text, 8, 2);
  if (y < years.first || y > years.last || m < 1 || d < 1) return std::nullopt;
  const Date date{year{y}, month{static_cast<unsigned>(m)}, day{static_cast<unsigned>(d)}};
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

std::optional<TimePoint> parse_iso_instant(std::string_view text) {
  // YYYY-MM-DDTHH:MM[:SS](Z|+HH:MM|-HH:MM)
  if (text.size() < 17 || text.size() > 25) return std::nullopt;
  const auto day = parse_date(text.substr(0, 10), kInstantYears);
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
  return to_time_point(sys_days{*day} + hours(hh) + minutes(mi) + seconds(ss) -
                       minutes(offset_minutes));
}

std::string format_iso_berlin(TimePoint t) {
  const auto offset = berlin_offset(t);
  const auto local = floor<seconds>(t) + offset;
  const auto d = floor<days>(local);
  const year_month_day ymd{d};
  const hh_mm_ss<seconds> hms{local - d};
  const long off = static_cast<long>(offset.count() / 60);
  char buf[96];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02ld:%02ld:%02ld%c%02d:%02d",
                static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                static_cast<unsigned>(ymd.day()), static_cast<long>(hms.hours().count()),
                static_cast<long>(hms.minutes().count()), static_cast<long>(hms.seconds().count()),
                off < 0 ? '-' : '+', static_cast<int>(std::labs(off) / 60 % 100),
                static_cast<int>(std::labs(off) % 60));
  return buf;
}

std::optional<Date> parse_iso_week(std::string_view text) {
  if (text.size() != 8 || text[4] != '-' || (text[5] != 'W' && text[5] != 'w')) return std::nullopt;
  const int y = digits(text, 0, 4), w = digits(text, 6, 2);
  if (y < kInstantYears.first || y >= kInstantYears.last || w < 1 || w > 53) return std::nullopt;
  // Week 1 holds 4 January; weeks start on Monday.
  const Day jan4 = sys_days(year_month_day{year{y}, January, day{4}});
  const Day week1 = jan4 - days(weekday_index(jan4));
  const Day monday = week1 + weeks(w - 1);
  // Week 53 exists only in years whose week 53 Monday still belongs to them.
  if (w == 53) {
    const Day next_jan4 = sys_days(year_month_day{year{y + 1}, January, day{4}});
    if (monday >= next_jan4 - days(weekday_index(next_jan4))) return std::nullopt;
  }
  return Date{monday};
}

int weekday_index(Date d) { return static_cast<int>(weekday{sys_days{d}}.iso_encoding()) - 1; }

Date add_months(Date d, int n) {
  const year_month ym = year_month{d.year(), d.month()} + months{n};
  const Date month_end = year_month_day{ym / last};
  return d.day() > month_end.day() ? month_end : Date{ym / d.day()};
}

Date add_days(Date d, long n) { return Date{sys_days{d} + days{n}}; }

long days_between(Date a, Date b) { return static_cast<long>((sys_days{b} - sys_days{a}).count()); }

int whole_months_between(Date a, Date b) {
  if (sys_days{b} < sys_days{a}) return 0;
  int n = (static_cast<int>(b.year()) - static_cast<int>(a.year())) * 12 +
          (static_cast<int>(static_cast<unsigned>(b.month())) -
           static_cast<int>(static_cast<unsigned>(a.month())));
  while (n > 0 && sys_days{add_months(a, n)} > sys_days{b})
    --n;
  return n;
}

} // namespace core
