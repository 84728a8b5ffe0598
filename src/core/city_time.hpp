// Calendar dates and local time of the city (Europe/Berlin). "Today" for
// reminders and the expiry of documents is the Berlin calendar date of a
// core::Clock's now(), never the system's time zone.
//
// Berlin keeps CET (UTC+1) and CEST (UTC+2) by the EU rule in force since
// 1996: summer time from the last Sunday of March 01:00 UTC to the last
// Sunday of October 01:00 UTC. Dates before 1996 use the same rule.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "core/clock.hpp"

namespace core {

using Date = std::chrono::year_month_day;

// The offset of Berlin local time from UTC at t (+1 h or +2 h).
std::chrono::seconds berlin_offset(TimePoint t);
// The Berlin calendar date at t.
Date berlin_date(TimePoint t);
// The UTC time point of a Berlin wall-clock time on a date. For the hour
// skipped in spring the later offset is used; for the repeated hour in
// autumn the earlier (summer) one.
TimePoint berlin_time_point(Date date, std::chrono::minutes time_of_day);

// "2026-11-26".
std::string format_date(Date d);
// A strict ISO 8601 calendar date "YYYY-MM-DD" that names a real day
// (2027-02-29 is refused); std::nullopt otherwise.
std::optional<Date> parse_date(std::string_view text);

// The same day n calendar months later (n may be negative); a day that the
// target month lacks becomes its last day (31 Jan + 1 month = 28/29 Feb).
Date add_months(Date d, int n);
// Whole days from a to b (negative when b is earlier).
long days_between(Date a, Date b);
Date add_days(Date d, long n);

} // namespace core
