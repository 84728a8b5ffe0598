// Calendar dates for entry rules: "today" in the city's zone and month
// arithmetic that treats month ends the way passport offices do.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "core/clock.hpp"

namespace assistant::travel {

using Date = std::chrono::year_month_day;

// The calendar date in Europe/Berlin at instant `t` (CET, CEST from the last
// Sunday of March 01:00 UTC to the last Sunday of October 01:00 UTC).
Date berlin_date(core::TimePoint t);

// "Today" in Europe/Berlin by the injected clock.
inline Date berlin_today(const core::Clock& clock) { return berlin_date(clock.now()); }

// `d` plus `months` calendar months; a day that the target month lacks
// becomes its last day (31 August + 6 months = 28/29 February).
Date add_months(Date d, int months);

// `d` plus `days` days.
Date add_days(Date d, int days);

// Days from a to b (negative when b is before a).
int days_between(Date a, Date b);

// Whole calendar months from a to b: the largest n with add_months(a, n) <= b
// (0 when b is before a, or less than a month later).
int whole_months_between(Date a, Date b);

// "2026-11-26" -> date; nullopt for anything else (including 2026-02-30).
std::optional<Date> parse_date(std::string_view text);

// "2026-11-26".
std::string format_date(Date d);
// "26.11.2026", as German text writes dates.
std::string format_date_de(Date d);

} // namespace assistant::travel
