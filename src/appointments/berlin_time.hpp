// The city's clock face: conversions between UTC instants and wall-clock
// time in Europe/Berlin, using the system's tz database (/usr/share/zoneinfo,
// through Howard Hinnant's date/tz; GCC 12's libstdc++ has no
// std::chrono::tzdb yet). Opening hours, slots and holidays are Berlin times;
// everything stored and compared is UTC.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "core/clock.hpp"

namespace appointments::berlin {

using Day = std::chrono::sys_days; // a calendar date (no time zone attached)

// The UTC instant of the Berlin wall time `minute_of_day` (0..1439) on `day`.
// std::nullopt when that wall time does not exist (the hour skipped when
// summer time starts); the earlier instant when it occurs twice (autumn).
std::optional<core::TimePoint> to_utc(Day day, int minute_of_day);

// The Berlin date and minute of the day of an instant.
Day local_day(core::TimePoint t);
int local_minute(core::TimePoint t);

// "2026-11-26T09:00:00+01:00" (seconds precision, Berlin offset of that instant).
std::string format_iso(core::TimePoint t);

// Parses an ISO 8601 instant with an offset or "Z" ("2026-11-26T09:00:00+01:00",
// "2026-11-26T08:00Z"); std::nullopt when malformed, without offset, or
// outside the years 1970-2200.
std::optional<core::TimePoint> parse_iso(std::string_view text);

// "2026-11-26" <-> Day; parse_date answers std::nullopt for anything else
// (including impossible dates such as 2026-02-30, and years outside
// 1970-2200, which also bounds parse_iso and parse_iso_week).
std::optional<Day> parse_date(std::string_view text);
std::string format_date(Day day);

// ISO week "2026-W48" -> its Monday; std::nullopt when malformed.
std::optional<Day> parse_iso_week(std::string_view text);

// 0 = Monday ... 6 = Sunday.
int weekday_index(Day day);

} // namespace appointments::berlin
