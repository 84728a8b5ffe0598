#include "appointments/holidays.hpp"

#include <algorithm>

namespace appointments {
namespace {

using namespace std::chrono;

core::Day date_of(int y, unsigned m, unsigned d) {
  return sys_days(year_month_day{year{y}, month{m}, day{d}});
}

} // namespace

core::Day easter_sunday(int y) {
  const int a = y % 19, b = y / 100, c = y % 100, d = b / 4, e = b % 4;
  const int f = (b + 8) / 25, g = (b - f + 1) / 3;
  const int h = (19 * a + b - d - g + 15) % 30;
  const int i = c / 4, k = c % 4;
  const int l = (32 + 2 * e + 2 * i - h - k) % 7;
  const int m = (a + 11 * h + 22 * l) / 451;
  const int month = (h + l - 7 * m + 114) / 31;
  const int day = (h + l - 7 * m + 114) % 31 + 1;
  return date_of(y, static_cast<unsigned>(month), static_cast<unsigned>(day));
}

std::vector<Holiday> nrw_holidays(int y) {
  const core::Day easter = easter_sunday(y);
  std::vector<Holiday> list = {
      {date_of(y, 1, 1), "Neujahr"},
      {easter - days(2), "Karfreitag"},
      {easter + days(1), "Ostermontag"},
      {date_of(y, 5, 1), "Tag der Arbeit"},
      {easter + days(39), "Christi Himmelfahrt"},
      {easter + days(50), "Pfingstmontag"},
      {easter + days(60), "Fronleichnam"},
      {date_of(y, 10, 3), "Tag der Deutschen Einheit"},
      {date_of(y, 11, 1), "Allerheiligen"},
      {date_of(y, 12, 25), "1. Weihnachtstag"},
      {date_of(y, 12, 26), "2. Weihnachtstag"},
  };
  std::sort(list.begin(), list.end(),
            [](const Holiday& a, const Holiday& b) { return a.day < b.day; });
  return list;
}

std::optional<std::string_view> nrw_holiday(core::Day day) {
  const int y = static_cast<int>(year_month_day{day}.year());
  if (y < 1583 || y > 9999) return std::nullopt;
  for (const Holiday& h : nrw_holidays(y))
    if (h.day == day) return h.name;
  return std::nullopt;
}

} // namespace appointments
