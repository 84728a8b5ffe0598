// Calendar rules of the appointment system: NRW holidays, Europe/Berlin
// wall times across the summer-time changes, opening hours with exceptions,
// the slot grid and the overlap count that decides capacity.
#include <gtest/gtest.h>

#include "appointments/calendar.hpp"
#include "appointments/holidays.hpp"
#include "core/city_time.hpp"

namespace {

using namespace appointments;
using namespace std::chrono;

core::Day day(const char* iso) { return *core::parse_date(iso); }
core::TimePoint at(const char* iso) { return *core::parse_iso_instant(iso); }

TEST(Holidays, EasterByTheGregorianComputus) {
  EXPECT_EQ(core::format_date(easter_sunday(2024)), "2024-03-31");
  EXPECT_EQ(core::format_date(easter_sunday(2025)), "2025-04-20");
  EXPECT_EQ(core::format_date(easter_sunday(2026)), "2026-04-05");
  EXPECT_EQ(core::format_date(easter_sunday(2027)), "2027-03-28");
  EXPECT_EQ(core::format_date(easter_sunday(2038)), "2038-04-25"); // latest possible
  EXPECT_EQ(core::format_date(easter_sunday(2285)), "2285-03-22"); // earliest possible
}

TEST(Holidays, TheElevenOfNrwIn2026) {
  std::vector<std::string> got;
  for (const Holiday& h : nrw_holidays(2026))
    got.push_back(core::format_date(h.day) + " " + std::string(h.name));
  const std::vector<std::string> expected = {"2026-01-01 Neujahr",
                                             "2026-04-03 Karfreitag",
                                             "2026-04-06 Ostermontag",
                                             "2026-05-01 Tag der Arbeit",
                                             "2026-05-14 Christi Himmelfahrt",
                                             "2026-05-25 Pfingstmontag",
                                             "2026-06-04 Fronleichnam",
                                             "2026-10-03 Tag der Deutschen Einheit",
                                             "2026-11-01 Allerheiligen",
                                             "2026-12-25 1. Weihnachtstag",
                                             "2026-12-26 2. Weihnachtstag"};
  EXPECT_EQ(got, expected);
  EXPECT_EQ(nrw_holiday(day("2027-05-27")).value_or(""), "Fronleichnam");
  EXPECT_FALSE(nrw_holiday(day("2026-11-26")).has_value());
  EXPECT_FALSE(nrw_holiday(day("2026-10-31")).has_value()); // Reformationstag is not NRW
}

catalog::Office office() {
  catalog::Office o;
  o.id = "buergerbuero-mitte";
  o.counters = 2;
  o.opening_hours = {{"mo", "08:00", "12:30"},
                     {"di", "08:00", "12:30"},
                     {"di", "14:00", "16:00"},
                     {"so", "01:30", "04:00"}};
  o.exceptions = {{"2026-12-01", false, "10:00", "11:00", "Personalversammlung"},
                  {"2026-12-07", true, "", "", "Umzug"}};
  return o;
}

TEST(OpeningHours, WeeklyHoursExceptionsAndHolidays) {
  auto tue = opening_hours(office(), day("2026-11-24"));
  ASSERT_EQ(tue.windows.size(), 2u);
  EXPECT_EQ(core::format_iso_berlin(tue.windows[1].start), "2026-11-24T14:00:00+01:00");
  EXPECT_EQ(core::format_iso_berlin(tue.windows[1].end), "2026-11-24T16:00:00+01:00");
  EXPECT_TRUE(opening_hours(office(), day("2026-11-25")).windows.empty()); // Wednesday: closed
  auto special = opening_hours(office(), day("2026-12-01"));
  ASSERT_EQ(special.windows.size(), 1u);
  EXPECT_EQ(core::format_iso_berlin(special.windows[0].start), "2026-12-01T10:00:00+01:00");
  auto moved = opening_hours(office(), day("2026-12-07"));
  EXPECT_TRUE(moved.windows.empty());
  EXPECT_EQ(moved.closed_reason, "Umzug");
  auto easter_monday = opening_hours(office(), day("2026-04-06"));
  EXPECT_TRUE(easter_monday.windows.empty());
  EXPECT_EQ(easter_monday.closed_reason, "Ostermontag");
  // Summer-time start: a window 01:30-04:00 lasts 1.5 real hours.
  auto dst = opening_hours(office(), day("2026-03-29"));
  ASSERT_EQ(dst.windows.size(), 1u);
  EXPECT_EQ(dst.windows[0].end - dst.windows[0].start, minutes(90));
}

TEST(SlotGrid, StepsByDurationFromOpeningAndEndsBeforeClosing) {
  const auto windows = opening_hours(office(), day("2026-11-24")).windows;
  const auto grid = slot_grid(windows, minutes(45));
  // 08:00-12:30: 6 slots (last 11:45-12:30); 14:00-16:00: 2 slots (14:00, 14:45).
  ASSERT_EQ(grid.size(), 8u);
  EXPECT_EQ(core::format_iso_berlin(grid[5]), "2026-11-24T11:45:00+01:00");
  EXPECT_EQ(core::format_iso_berlin(grid[7]), "2026-11-24T14:45:00+01:00");
  EXPECT_TRUE(on_grid(windows, minutes(45), at("2026-11-24T14:45:00+01:00")));
  EXPECT_FALSE(on_grid(windows, minutes(45), at("2026-11-24T15:30:00+01:00"))); // ends 16:15
  EXPECT_FALSE(on_grid(windows, minutes(45), at("2026-11-24T08:10:00+01:00")));
  EXPECT_FALSE(on_grid(windows, minutes(45), at("2026-11-24T13:00:00+01:00")));
}

TEST(Capacity, MaxOverlapCountsConcurrentIntervalsOnly) {
  const auto t = [](int minute) { return at("2026-11-24T08:00:00+01:00") + minutes(minute); };
  const std::vector<Interval> busy = {
      {t(0), t(30)}, {t(15), t(45)}, {t(30), t(60)}, {t(60), t(90)}};
  EXPECT_EQ(max_overlap(busy, {t(0), t(60)}), 2);   // 15-30 and 30-45 have two each
  EXPECT_EQ(max_overlap(busy, {t(45), t(60)}), 1);  // only 30-60
  EXPECT_EQ(max_overlap(busy, {t(90), t(120)}), 0); // touching is not overlapping
  const std::vector<Interval> stacked = {{t(0), t(60)}, {t(0), t(60)}, {t(10), t(20)}};
  EXPECT_EQ(max_overlap(stacked, {t(0), t(60)}), 3);
  // Equal intervals counted together weigh their count.
  const std::vector<Occupied> grouped = {{{t(0), t(60)}, 2}, {{t(10), t(20)}, 1}};
  EXPECT_EQ(max_overlap(grouped, {t(0), t(60)}), 3);
  EXPECT_EQ(max_overlap(grouped, {t(20), t(60)}), 2);
}

} // namespace
