// The daily, weekly and seasonal shapes the Musterstadt simulator draws its
// values from. Pure functions of local time (Europe/Berlin, approximated by
// the EU summer-time rule) plus a seeded hash for noise, so that a value is
// the same for the same sensor and instant on every run.
#pragma once

#include <cstdint>

namespace context::simulator {

// Local calendar position of an instant (Unix seconds, UTC).
struct LocalTime {
  int year = 1970;
  int day_of_year = 0; // 0..365
  int weekday = 0;     // 0 = Monday .. 6 = Sunday
  double hour = 0;     // 0 <= hour < 24, fractional
  bool summer = false; // summer time (UTC+2)
};

LocalTime local_time(std::int64_t unix_seconds);

// Uniform noise in [-1, 1] from (seed, bucket); the same inputs give the same value.
double noise(std::uint64_t seed, std::int64_t bucket);

// Road traffic relative to the weekday evening peak (0..1): morning and
// evening rush hours on working days, a flat midday on Saturday, quiet Sundays
// and nights.
double traffic_level(const LocalTime& t);

// Air temperature in °C: seasonal mean (coldest mid-January, warmest
// mid-July) plus a daily swing with its minimum before sunrise and maximum at
// mid-afternoon.
double air_temperature(const LocalTime& t);

// True between dusk and dawn (by season) — when streetlights burn.
bool is_dark(const LocalTime& t);

// Share of parking spaces taken (0..1): high during business hours on
// working days and Saturday mornings, low at night and on Sundays.
double parking_occupancy(const LocalTime& t);

// Fill level (0..1) of a waste container emptied weekly on `collection_day`
// (0 = Monday) at 07:00 local; `rate` scales how fast it fills.
double waste_fill(std::int64_t unix_seconds, int collection_day, double rate);

} // namespace context::simulator
