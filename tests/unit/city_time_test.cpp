// The city's clock face (core/city_time): Berlin dates and wall times on both
// sides of the summer-time switches, ISO 8601 text with offsets and its
// bounds, ISO weeks, and the date arithmetic across month ends and leap years.
#include "core/city_time.hpp"

#include <gtest/gtest.h>

namespace {

using namespace std::chrono;
using core::Date;

Date date(int y, unsigned m, unsigned d) { return Date{year{y}, month{m}, day{d}}; }
Date d(const char* iso) { return *core::parse_date(iso); }
core::TimePoint at(const char* iso) { return *core::parse_iso_instant(iso); }

core::TimePoint utc(int y, unsigned m, unsigned d, int h, int min = 0) {
  return sys_days{date(y, m, d)} + hours{h} + minutes{min};
}

// --- "today" in Berlin ---------------------------------------------------------

TEST(CityTime, TodayIsTheBerlinDateAcrossMidnightAndSummerTime) {
  EXPECT_EQ(core::berlin_date(utc(2026, 12, 31, 22, 59)), date(2026, 12, 31)); // 23:59 CET
  EXPECT_EQ(core::berlin_date(utc(2026, 12, 31, 23, 0)), date(2027, 1, 1));    // 00:00 CET
  EXPECT_EQ(core::berlin_date(utc(2026, 7, 14, 21, 59)), date(2026, 7, 14));   // 23:59 CEST
  EXPECT_EQ(core::berlin_date(utc(2026, 7, 14, 22, 0)), date(2026, 7, 15));    // 00:00 CEST
  // Summer time 2026: 29 March 01:00 UTC to 25 October 01:00 UTC.
  EXPECT_EQ(core::berlin_offset(utc(2026, 3, 29, 0, 59)), hours{1});
  EXPECT_EQ(core::berlin_offset(utc(2026, 3, 29, 1, 0)), hours{2});
  EXPECT_EQ(core::berlin_offset(utc(2026, 10, 25, 0, 59)), hours{2});
  EXPECT_EQ(core::berlin_offset(utc(2026, 10, 25, 1, 0)), hours{1});
}

TEST(CityTime, TodayIsTheDateInBerlinByTheClock) {
  EXPECT_EQ(core::berlin_date(utc(2026, 11, 26, 22, 59)), d("2026-11-26")); // 23:59 CET
  EXPECT_EQ(core::berlin_date(utc(2026, 11, 26, 23, 0)), d("2026-11-27"));  // 00:00 CET
  EXPECT_EQ(core::berlin_date(utc(2026, 7, 1, 21, 59)), d("2026-07-01"));   // 23:59 CEST
  EXPECT_EQ(core::berlin_date(utc(2026, 7, 1, 22, 0)), d("2026-07-02"));    // 00:00 CEST
  // Summer time ends on 25 October 2026 at 01:00 UTC: 22:30 UTC the evening before is 00:30 CEST.
  EXPECT_EQ(core::berlin_date(utc(2026, 10, 24, 22, 30)), d("2026-10-25"));
  // New Year's Eve: 23:30 UTC is already 2027 in Berlin.
  EXPECT_EQ(core::berlin_date(utc(2026, 12, 31, 23, 30)), d("2027-01-01"));
  core::ManualClock clock(utc(2026, 11, 26, 12, 0));
  EXPECT_EQ(core::berlin_today(clock), d("2026-11-26"));
}

// --- wall times -> UTC ---------------------------------------------------------

TEST(CityTime, WallClockTimesBecomeUtcOnBothSidesOfTheSwitch) {
  EXPECT_EQ(core::berlin_instant_lenient(date(2026, 1, 10), hours{7}), utc(2026, 1, 10, 6));
  EXPECT_EQ(core::berlin_instant_lenient(date(2026, 7, 10), hours{7}), utc(2026, 7, 10, 5));
  // 02:30 does not exist on 29 March 2026: the later offset gives 01:30 UTC (03:30 CEST).
  EXPECT_EQ(core::berlin_instant_lenient(date(2026, 3, 29), minutes{150}), utc(2026, 3, 29, 1, 30));
}

TEST(CityTime, WinterAndSummerOffsets) {
  EXPECT_EQ(core::format_iso_berlin(*core::berlin_instant(d("2026-11-26"), hours{9})),
            "2026-11-26T09:00:00+01:00");
  EXPECT_EQ(core::format_utc(*core::berlin_instant(d("2026-11-26"), hours{9})),
            "2026-11-26T08:00:00Z");
  EXPECT_EQ(core::format_utc(*core::berlin_instant(d("2026-07-01"), hours{9})),
            "2026-07-01T07:00:00Z");
  EXPECT_EQ(core::format_iso_berlin(at("2026-07-01T07:00:00Z")), "2026-07-01T09:00:00+02:00");
}

TEST(CityTime, SpringGapDoesNotExistAndAutumnHourTakesTheEarlierInstant) {
  // 29 March 2026: 02:00 CET jumps to 03:00 CEST.
  EXPECT_FALSE(core::berlin_instant(d("2026-03-29"), minutes{2 * 60 + 30}).has_value());
  EXPECT_EQ(core::format_utc(*core::berlin_instant(d("2026-03-29"), hours{3})),
            "2026-03-29T01:00:00Z");
  // 25 October 2026: 02:30 happens twice; the first is still CEST.
  EXPECT_EQ(core::format_utc(*core::berlin_instant(d("2026-10-25"), minutes{2 * 60 + 30})),
            "2026-10-25T00:30:00Z");
  EXPECT_EQ(core::berlin_date(at("2026-10-24T22:30:00Z")), d("2026-10-25"));
  EXPECT_EQ(core::berlin_minute_of_day(at("2026-10-25T01:30:00Z")), 2 * 60 + 30); // second 02:30
}

TEST(CityTime, SummerTimeGoesOnAfter2037WhereTheZoneFilesStopListingIt) {
  // Debian's zoneinfo lists transitions up to 2037; the EU rule continues.
  EXPECT_EQ(core::berlin_offset(utc(2037, 7, 1, 12)), hours{2});
  EXPECT_EQ(core::berlin_offset(utc(2040, 1, 15, 12)), hours{1});
  EXPECT_EQ(core::berlin_offset(utc(2040, 3, 25, 0, 59)), hours{1});
  EXPECT_EQ(core::berlin_offset(utc(2040, 3, 25, 1, 0)), hours{2});
  EXPECT_EQ(core::berlin_offset(utc(2040, 10, 28, 0, 59)), hours{2});
  EXPECT_EQ(core::berlin_offset(utc(2040, 10, 28, 1, 0)), hours{1});
  EXPECT_EQ(core::berlin_offset(utc(2100, 7, 1, 12)), hours{2});
  EXPECT_EQ(core::format_utc(*core::berlin_instant(d("2040-07-01"), hours{9})),
            "2040-07-01T07:00:00Z");
  EXPECT_FALSE(core::berlin_instant(d("2040-03-25"), minutes{150}).has_value());
  EXPECT_EQ(core::berlin_instant_lenient(d("2040-03-25"), minutes{150}), utc(2040, 3, 25, 1, 30));
  EXPECT_EQ(core::format_utc(*core::berlin_instant(d("2040-10-28"), minutes{150})),
            "2040-10-28T00:30:00Z");
  EXPECT_EQ(core::berlin_date(utc(2040, 7, 1, 22, 30)), d("2040-07-02"));
}

// --- ISO 8601 text -------------------------------------------------------------

TEST(CityTime, DatesAreStrictAndReal) {
  EXPECT_EQ(core::parse_date("2028-02-29"), date(2028, 2, 29));
  for (const char* bad : {"2027-02-29", "2027-13-01", "2027-1-01", " 2027-01-01", "2027-01-01x", "",
                          "20270101", "2027-00-10", "2027-04-31", "２０２７-01-01", "26.11.2026",
                          "2026-1-01x", "2026-13-01", "-001-01-01", "+202-01-01"})
    EXPECT_FALSE(core::parse_date(bad)) << bad;
  EXPECT_EQ(core::format_date(date(2027, 3, 5)), "2027-03-05");
  EXPECT_EQ(core::format_date_de(date(2026, 3, 5)), "05.03.2026");
}

TEST(CityTime, DatesOutsideTheGivenYearsAreRefused) {
  EXPECT_EQ(core::parse_date("1958-06-30"), date(1958, 6, 30)); // an old Führerschein
  EXPECT_FALSE(core::parse_date("1958-06-30", core::kInstantYears));
  EXPECT_FALSE(core::parse_date("2201-01-01", core::kInstantYears));
  EXPECT_EQ(core::parse_date("1970-01-01", core::kInstantYears), date(1970, 1, 1));
  EXPECT_EQ(core::parse_date("2200-12-31", core::kInstantYears), date(2200, 12, 31));
}

TEST(CityTime, ParsesIsoInstantsAndRejectsNonsense) {
  EXPECT_EQ(at("2026-11-26T09:00:00+01:00"), at("2026-11-26T08:00:00Z"));
  EXPECT_EQ(at("2026-11-26T09:00+01:00"), at("2026-11-26T08:00Z"));
  for (const char* s :
       {"2026-11-26T09:00:00", "2026-02-30T09:00:00Z", "2026-11-26 09:00Z", "2026-11-26T25:00:00Z",
        "x", "", "2026-11-26T09:00:00+1:00", "9999-01-01T00:00:00Z", "1900-01-01T00:00:00Z"})
    EXPECT_FALSE(core::parse_iso_instant(s).has_value()) << s;
}

TEST(CityTime, IsoWeeksStartOnMondayAndWeek53OnlyWhereItExists) {
  EXPECT_EQ(core::format_date(*core::parse_iso_week("2026-W48")), "2026-11-23");
  EXPECT_EQ(core::format_date(*core::parse_iso_week("2026-W53")), "2026-12-28");
  EXPECT_FALSE(core::parse_iso_week("2027-W53").has_value());
  EXPECT_FALSE(core::parse_iso_week("1969-W10").has_value());
  EXPECT_EQ(core::weekday_index(d("2026-11-23")), 0); // Monday
  EXPECT_EQ(core::weekday_index(d("2026-11-29")), 6); // Sunday
}

// --- date arithmetic -----------------------------------------------------------

TEST(CityTime, CalendarMonthsKeepTheDayOrTakeTheMonthsLast) {
  EXPECT_EQ(core::add_months(date(2026, 11, 26), 4), date(2027, 3, 26));
  EXPECT_EQ(core::add_months(date(2027, 1, 31), 1), date(2027, 2, 28));
  EXPECT_EQ(core::add_months(date(2028, 1, 31), 1), date(2028, 2, 29)); // leap year
  EXPECT_EQ(core::add_months(date(2028, 2, 29), 12), date(2029, 2, 28));
  EXPECT_EQ(core::add_months(date(2026, 10, 31), 4), date(2027, 2, 28));
  EXPECT_EQ(core::add_months(date(2027, 3, 26), -120), date(2017, 3, 26));
  EXPECT_EQ(core::days_between(date(2028, 1, 30), date(2028, 2, 29)), 30);
}

TEST(CityTime, MonthsEndOnTheLastDayOfShorterMonths) {
  EXPECT_EQ(core::add_months(d("2026-08-31"), 6), d("2027-02-28"));
  EXPECT_EQ(core::add_months(d("2027-08-31"), 6), d("2028-02-29")); // leap year
  EXPECT_EQ(core::add_months(d("2026-01-31"), 1), d("2026-02-28"));
  EXPECT_EQ(core::add_months(d("2026-12-15"), 3), d("2027-03-15"));
  EXPECT_EQ(core::add_days(d("2026-12-31"), 150), d("2027-05-30"));
  EXPECT_EQ(core::days_between(d("2027-02-27"), d("2027-03-01")), 2);
  EXPECT_EQ(core::whole_months_between(d("2026-11-26"), d("2027-03-26")), 4);
  EXPECT_EQ(core::whole_months_between(d("2026-11-26"), d("2027-03-25")), 3);
  EXPECT_EQ(core::whole_months_between(d("2026-01-31"), d("2026-02-28")), 1);
  EXPECT_EQ(core::whole_months_between(d("2027-01-01"), d("2026-01-01")), 0);
}

} // namespace
