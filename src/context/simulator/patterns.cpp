#include "context/simulator/patterns.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace context::simulator {
namespace {

constexpr double kPi = std::numbers::pi;

// Days since 1970-01-01 -> civil date (proleptic Gregorian).
void civil(std::int64_t days, int& y, int& m, int& d) {
  days += 719468;
  const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const std::int64_t doe = days - era * 146097;
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const std::int64_t mp = (5 * doy + 2) / 153;
  d = int(doy - (153 * mp + 2) / 5 + 1);
  m = int(mp < 10 ? mp + 3 : mp - 9);
  y = int(yoe + era * 400 + (m <= 2 ? 1 : 0));
}

std::int64_t days_from_civil(int y, int m, int d) {
  y -= m <= 2 ? 1 : 0;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const std::int64_t yoe = y - era * 400;
  const std::int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

// Unix seconds of the last Sunday of `month` at 01:00 UTC (EU switch).
std::int64_t last_sunday_0100(int year, int month) {
  const int next_m = month == 12 ? 1 : month + 1;
  const int next_y = month == 12 ? year + 1 : year;
  std::int64_t day = days_from_civil(next_y, next_m, 1) - 1; // last day of month
  const std::int64_t weekday = ((day % 7) + 7 + 3) % 7;      // 0 = Monday (1970-01-01 Thu)
  day -= (weekday + 1) % 7;                                  // back to Sunday
  return day * 86400 + 3600;
}

double floor_div(double a, double b) { return std::floor(a / b); }

// Smooth bump centred on `centre` hours with width `width` (Gaussian).
double bump(double hour, double centre, double width) {
  const double x = (hour - centre) / width;
  return std::exp(-0.5 * x * x);
}

} // namespace

LocalTime local_time(std::int64_t unix_seconds) {
  int y = 0, m = 0, d = 0;
  civil(static_cast<std::int64_t>(floor_div(double(unix_seconds), 86400.0)), y, m, d);
  const bool summer =
      unix_seconds >= last_sunday_0100(y, 3) && unix_seconds < last_sunday_0100(y, 10);
  const std::int64_t local = unix_seconds + (summer ? 7200 : 3600);
  const auto days = static_cast<std::int64_t>(floor_div(double(local), 86400.0));
  civil(days, y, m, d);
  LocalTime t;
  t.year = y;
  t.day_of_year = int(days - days_from_civil(y, 1, 1));
  t.weekday = int(((days % 7) + 7 + 3) % 7);
  t.hour = double(local - days * 86400) / 3600.0;
  t.summer = summer;
  return t;
}

double noise(std::uint64_t seed, std::int64_t bucket) {
  // splitmix64 over the pair.
  std::uint64_t z = seed * 0x9E3779B97F4A7C15ULL + static_cast<std::uint64_t>(bucket);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  z ^= z >> 31;
  return double(z >> 11) / double(1ULL << 52) - 1.0;
}

double traffic_level(const LocalTime& t) {
  const double h = t.hour;
  const double night = 0.04 + 0.03 * bump(h, 13, 6);
  if (t.weekday <= 4) {
    const double day = 0.45 * bump(h, 13, 3.5);
    const double morning = 0.85 * bump(h, 7.75, 1.0);
    const double evening = 1.0 * bump(h, 17.0, 1.3);
    return std::min(1.0, night + std::max({day, morning, evening}));
  }
  if (t.weekday == 5) return std::min(1.0, night + 0.55 * bump(h, 12.5, 3.0));
  return std::min(1.0, night + 0.3 * bump(h, 15, 3.0));
}

double air_temperature(const LocalTime& t) {
  // Seasonal mean: 1.5 °C around 15 January, 19 °C around 15 July.
  const double season = std::cos(2 * kPi * (t.day_of_year - 196) / 365.25);
  const double mean = 10.25 + 8.75 * season;
  const double swing = 4.5 + 2.5 * season; // larger in summer
  // Minimum at 05:00, maximum at 15:00: ten hours up, fourteen down.
  const double h = t.hour < 5 ? t.hour + 24 : t.hour;
  const double shaped = h <= 15 ? -std::cos(kPi * (h - 5) / 10) : std::cos(kPi * (h - 15) / 14);
  return mean + swing * shaped;
}

bool is_dark(const LocalTime& t) {
  // Day length from 8 h (21 December) to 16.5 h (21 June) around solar
  // noon, which is 12:40 local in winter time at Musterstadt's longitude.
  const double season = std::cos(2 * kPi * (t.day_of_year - 172) / 365.25);
  const double half = (12.25 + 4.25 * season) / 2;
  const double noon = t.summer ? 13.65 : 12.65;
  return t.hour < noon - half || t.hour > noon + half;
}

double parking_occupancy(const LocalTime& t) {
  const double h = t.hour;
  double busy = 0;
  if (t.weekday <= 4)
    busy = (h >= 8 && h < 18.5) ? 0.92 - 0.1 * bump(h, 13, 0.8) : 0.15 + 0.4 * bump(h, 19, 1.5);
  else if (t.weekday == 5)
    busy = 0.12 + 0.8 * bump(h, 11.5, 2.0);
  else
    busy = 0.1 + 0.25 * bump(h, 15, 2.5);
  return std::clamp(busy, 0.0, 1.0);
}

double waste_fill(std::int64_t unix_seconds, int collection_day, double rate) {
  const LocalTime t = local_time(unix_seconds);
  double since = (t.weekday - collection_day) * 24 + (t.hour - 7);
  if (since < 0) since += 7 * 24;
  return std::clamp(0.03 + rate * since / (7 * 24), 0.0, 1.0);
}

} // namespace context::simulator
