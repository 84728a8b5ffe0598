// Public holidays of North Rhine-Westphalia (the demo town's state), for any
// year: fixed dates and those that move with Easter (Gregorian computus).
// Offices are closed on them unless a dated exception of the office says
// otherwise.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "core/city_time.hpp"

namespace appointments {

// One public holiday.
struct Holiday {
  core::Day day;
  std::string_view name; // "Karfreitag"
};

// Easter Sunday of a Gregorian year (anonymous Gregorian algorithm).
// REQUIRES: 1583 <= year <= 9999.
core::Day easter_sunday(int year);

// The eleven NRW holidays of a year, in date order.
std::vector<Holiday> nrw_holidays(int year);

// The name of the holiday on that date, or std::nullopt on a working day.
std::optional<std::string_view> nrw_holiday(core::Day day);

} // namespace appointments
