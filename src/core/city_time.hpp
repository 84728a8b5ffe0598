// The city's clock face: calendar dates and wall-clock times of Stadtkern's
// city (Europe/Berlin), and the date arithmetic the modules share. "Today"
// (reminders, expiry of documents, entry rules) is the Berlin date of a
// core::Clock's now(); opening hours, slots and holidays are Berlin wall
// times; everything stored and compared is UTC.
//
// The zone's rules come from the system tz database (/usr/share/zoneinfo,
// updated by Debian's tzdata) through Howard Hinnant's date/tz, the library
// that became C++20's std::chrono time zones (GCC 12's libstdc++ lacks them).
// All functions are thread-safe.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "core/clock.hpp"

namespace core {

// A calendar date (no time zone attached), for month arithmetic and output.
using Date = std::chrono::year_month_day;
// The same date as a point on the day line, for loops, maps and `+ days(n)`.
// Date and Day convert into each other implicitly.
using Day = std::chrono::sys_days;

// --- Europe/Berlin ------------------------------------------------------------

// The offset of Berlin wall time from UTC at t: +1 h (CET) or +2 h (CEST).
std::chrono::seconds berlin_offset(TimePoint t);
// The Berlin calendar date at t.
Date berlin_date(TimePoint t);
// "Today" in Berlin by the given clock.
inline Date berlin_today(const Clock& clock) { return berlin_date(clock.now()); }
// The Berlin wall-clock minute of the day at t (0..1439).
int berlin_minute_of_day(TimePoint t);

// The UTC instant of the Berlin wall time `time_of_day` on `date`, exactly:
// std::nullopt when that wall time does not exist (the hour skipped when
// summer time starts, 02:00-02:59 on the last Sunday of March); the earlier
// (still summer-time) instant when it occurs twice (02:00-02:59 on the last
// Sunday of October). For slots and opening hours.
std::optional<TimePoint> berlin_instant(Date date, std::chrono::minutes time_of_day);
// The same, but never failing: a wall time in the skipped spring hour is read
// with the offset before the switch, so it lands one hour later on the wall
// clock (02:30 becomes 03:30 CEST = 01:30 UTC). For daily jobs that must run.
TimePoint berlin_instant_lenient(Date date, std::chrono::minutes time_of_day);

// --- ISO 8601 text ------------------------------------------------------------

// The years that text naming an instant, a week or a booking day may carry.
struct YearRange {
  int first;
  int last;
};
// Any four-digit year (documents issued long ago, validity far ahead).
inline constexpr YearRange kAnyYear{0, 9999};
// Instants and appointment days: 1970-2200 (bounds parse_iso_instant,
// parse_iso_week and the appointment routes' dates).
inline constexpr YearRange kInstantYears{1970, 2200};

// A strict calendar date "YYYY-MM-DD" that names a real day (2027-02-29 is
// refused) with a year inside `years`; std::nullopt otherwise.
std::optional<Date> parse_date(std::string_view text, YearRange years = kAnyYear);
// "2026-11-26".
std::string format_date(Date d);
// "26.11.2026", as German text writes dates.
std::string format_date_de(Date d);

// Parses an ISO 8601 instant with an offset or "Z" ("2026-11-26T09:00:00+01:00",
// "2026-11-26T08:00Z"); std::nullopt when malformed, without offset, or
// outside kInstantYears.
std::optional<TimePoint> parse_iso_instant(std::string_view text);
// "2026-11-26T09:00:00+01:00": seconds precision, the Berlin offset of that instant.
std::string format_iso_berlin(TimePoint t);

// ISO week "2026-W48" -> its Monday; std::nullopt when malformed, when the
// year has no such week (2027-W53), or for a year outside 1970-2199.
std::optional<Date> parse_iso_week(std::string_view text);
// 0 = Monday ... 6 = Sunday.
int weekday_index(Date d);

// --- Date arithmetic ----------------------------------------------------------

// The same day n calendar months later (n may be negative); a day that the
// target month lacks becomes its last day (31 Jan + 1 month = 28/29 Feb).
Date add_months(Date d, int n);
// d plus n days (n may be negative).
Date add_days(Date d, long n);
// Whole days from a to b (negative when b is earlier).
long days_between(Date a, Date b);
// Whole calendar months from a to b: the largest n with add_months(a, n) <= b
// (0 when b is before a, or less than a month later).
int whole_months_between(Date a, Date b);

} // namespace core
