#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <random>

#include <boost/json.hpp>

#include "context/temporal/aggregate.hpp"
#include "context/temporal/paging.hpp"
#include "context/temporal/period.hpp"

namespace {

using context::temporal::Accumulator;
using context::temporal::format_instant_ms;
using context::temporal::parse_duration_ms;
using context::temporal::parse_instant_ms;
using context::temporal::parse_methods;

TEST(NgsildTemporal, ParsesDurations) {
  EXPECT_EQ(parse_duration_ms("PT1H"), 3'600'000);
  EXPECT_EQ(parse_duration_ms("P1D"), 86'400'000);
  EXPECT_EQ(parse_duration_ms("PT15M"), 900'000);
  EXPECT_EQ(parse_duration_ms("P1W"), 7 * 86'400'000LL);
  EXPECT_EQ(parse_duration_ms("P1DT12H"), 36 * 3'600'000LL);
  EXPECT_EQ(parse_duration_ms("PT0.5S"), 500);
  EXPECT_EQ(parse_duration_ms("PT90S"), 90'000);
  for (const char* bad : {"", "P", "PT", "1H", "PT1", "P1H", "PT1D", "P1Y", "P1M", "PT0S", "PTH",
                          "PT-1H", "PT1H1H1", "P1DT", "PT1.2.3S"})
    EXPECT_FALSE(parse_duration_ms(bad)) << bad;
}

TEST(NgsildTemporal, FormatsInstantsLikeTheCalendar) {
  // Against std::chrono's calendar, from year 0 to 9999 in uneven steps.
  using namespace std::chrono;
  const std::int64_t first = -62'167'219'200'000; // 0000-01-01T00:00:00Z
  const std::int64_t last = 253'402'300'799'999;  // 9999-12-31T23:59:59.999Z
  for (std::int64_t t = first; t <= last; t += 7'777'777'777'777 / 1000 + 123) {
    const sys_time<milliseconds> at{milliseconds(t)};
    const auto day = floor<days>(at);
    const year_month_day ymd{day};
    const hh_mm_ss hms{at - day};
    char want[64];
    std::snprintf(want, sizeof want, "%04d-%02u-%02uT%02d:%02d:%02d.%03dZ", int(ymd.year()),
                  unsigned(ymd.month()), unsigned(ymd.day()), int(hms.hours().count()),
                  int(hms.minutes().count()), int(hms.seconds().count()),
                  int(hms.subseconds().count()));
    ASSERT_EQ(format_instant_ms(t), want) << t;
    ASSERT_EQ(parse_instant_ms(want), t) << want;
  }
  EXPECT_EQ(format_instant_ms(last), "9999-12-31T23:59:59.999Z");
  EXPECT_EQ(format_instant_ms(first), "0000-01-01T00:00:00.000Z");
}

TEST(NgsildTemporal, CanonicalInstantsCompareAsText) {
  using context::temporal::canonical_instant;
  EXPECT_EQ(canonical_instant("2026-01-05T13:42:07.123Z"), "2026-01-05T13:42:07.123Z");
  EXPECT_EQ(canonical_instant("2026-01-05T13:42:07Z"), "2026-01-05T13:42:07.000Z");
  EXPECT_EQ(canonical_instant("2026-01-05T13:42Z"), "2026-01-05T13:42:00.000Z");
  EXPECT_EQ(canonical_instant("2026-01-05T13:42:07.1234567Z"), "2026-01-05T13:42:07.123Z");
  EXPECT_EQ(canonical_instant("2026-01-05T00:30:00+01:00"), "2026-01-04T23:30:00.000Z");
  EXPECT_EQ(canonical_instant("2026-01-05T23:30:00.5-02:00"), "2026-01-06T01:30:00.500Z");
  EXPECT_EQ(canonical_instant("not a time"), "not a time");
  // Without milliseconds the text would sort after every later instant of
  // the same second.
  EXPECT_LT(canonical_instant("2026-01-05T13:42:07Z"), canonical_instant("2026-01-05T13:42:07.5Z"));
}

TEST(NgsildTemporal, CalendarMonths) {
  using context::temporal::add_months;
  using context::temporal::months_periods;
  using context::temporal::parse_months;
  EXPECT_EQ(parse_months("P1M"), 1);
  EXPECT_EQ(parse_months("P3M"), 3);
  EXPECT_EQ(parse_months("P2Y"), 24);
  for (const char* bad : {"P0M", "P1D", "PT1M", "P1M1D", "P-1M", "PM", "P1001Y", "1M"})
    EXPECT_FALSE(parse_months(bad)) << bad;
  const auto at = [](const char* s) { return *parse_instant_ms(s); };
  EXPECT_EQ(format_instant_ms(add_months(at("2024-01-31T06:30:00Z"), 1)),
            "2024-02-29T06:30:00.000Z");
  EXPECT_EQ(format_instant_ms(add_months(at("2023-01-31T00:00:00Z"), 1)),
            "2023-02-28T00:00:00.000Z");
  EXPECT_EQ(format_instant_ms(add_months(at("2024-11-15T00:00:00Z"), 14)),
            "2026-01-15T00:00:00.000Z");
  EXPECT_EQ(format_instant_ms(add_months(at("1970-01-01T00:00:00Z"), -1)),
            "1969-12-01T00:00:00.000Z");
  const auto origin = at("2024-01-31T00:00:00Z");
  EXPECT_EQ(months_periods(origin, at("2024-02-28T23:59:59Z"), 1), 0);
  EXPECT_EQ(months_periods(origin, at("2024-02-29T00:00:00Z"), 1), 1);
  EXPECT_EQ(months_periods(origin, at("2024-03-30T00:00:00Z"), 1), 1);
  EXPECT_EQ(months_periods(origin, at("2024-03-31T00:00:00Z"), 1), 2);
  EXPECT_EQ(months_periods(origin, at("2025-01-30T00:00:00Z"), 12), 0);
  EXPECT_EQ(months_periods(origin, at("2023-12-31T00:00:00Z"), 1), -1);
}

TEST(NgsildTemporal, ParsesAndFormatsInstants) {
  EXPECT_EQ(parse_instant_ms("1970-01-01T00:00:00Z"), 0);
  EXPECT_EQ(parse_instant_ms("1970-01-01T01:00:00.250Z"), 3'600'250);
  EXPECT_EQ(parse_instant_ms("1970-01-01T01:00:00+01:00"), 0);
  EXPECT_EQ(parse_instant_ms("2026-01-05T13:42Z"), parse_instant_ms("2026-01-05T13:42:00.000Z"));
  EXPECT_EQ(format_instant_ms(*parse_instant_ms("2024-02-29T23:59:59.999Z")),
            "2024-02-29T23:59:59.999Z");
  EXPECT_EQ(format_instant_ms(*parse_instant_ms("1969-12-31T23:00:00Z")),
            "1969-12-31T23:00:00.000Z");
  for (const char* bad : {"", "2026-01-05", "2026-13-01T00:00:00Z", "2026-01-05T13:42:00",
                          "2026-01-05T25:00:00Z", "2026-01-05T13:42:00.Z", "x026-01-05T13:42Z"})
    EXPECT_FALSE(parse_instant_ms(bad)) << bad;
}

TEST(NgsildTemporal, ParsesMethods) {
  EXPECT_EQ(parse_methods("avg,max")->size(), 2u);
  EXPECT_FALSE(parse_methods("avg,median"));
  EXPECT_FALSE(parse_methods(""));
  EXPECT_FALSE(context::temporal::rollup_capable(*parse_methods("sum,distinctCount")));
}

TEST(NgsildTemporal, AggregatesLikeANaiveComputation) {
  std::mt19937 gen(7);
  std::normal_distribution<double> dist(20, 5);
  std::vector<double> xs;
  Accumulator raw, merged;
  raw.track_distinct(true);
  for (int chunk = 0; chunk < 10; ++chunk) {
    double n = 0, sum = 0, sumsq = 0, mn = 1e300, mx = -1e300;
    for (int i = 0; i < 100; ++i) {
      const double x = dist(gen);
      xs.push_back(x);
      raw.add(boost::json::value(x));
      ++n;
      sum += x;
      sumsq += x * x;
      mn = std::min(mn, x);
      mx = std::max(mx, x);
    }
    merged.merge(static_cast<std::int64_t>(n), sum, sumsq, mn, mx);
  }
  double mean = 0;
  for (double x : xs)
    mean += x;
  mean /= static_cast<double>(xs.size());
  double var = 0;
  for (double x : xs)
    var += (x - mean) * (x - mean);
  const double stddev = std::sqrt(var / static_cast<double>(xs.size()));
  for (const Accumulator* a : {&raw, &merged}) {
    EXPECT_EQ(a->result("totalCount").as_int64(), 1000);
    EXPECT_NEAR(a->result("avg").as_double(), mean, 1e-9);
    EXPECT_NEAR(a->result("stddev").as_double(), stddev, 1e-9);
    EXPECT_DOUBLE_EQ(a->result("min").as_double(), *std::min_element(xs.begin(), xs.end()));
    EXPECT_DOUBLE_EQ(a->result("max").as_double(), *std::max_element(xs.begin(), xs.end()));
  }
  EXPECT_EQ(raw.result("distinctCount").as_int64(), 1000);
}

TEST(NgsildTemporal, CountsNonNumericValues) {
  Accumulator a;
  a.track_distinct(true);
  a.add(boost::json::value("open"));
  a.add(boost::json::value("closed"));
  a.add(boost::json::value("open"));
  a.add(boost::json::value(3));
  EXPECT_EQ(a.result("totalCount").as_int64(), 4);
  EXPECT_EQ(a.result("distinctCount").as_int64(), 3);
  EXPECT_DOUBLE_EQ(a.result("sum").as_double(), 3);
  Accumulator empty;
  EXPECT_TRUE(empty.result("avg").is_null());
  EXPECT_EQ(empty.result("totalCount").as_int64(), 0);
  // A constant series has (almost) no spread and never a NaN.
  Accumulator flat;
  for (int i = 0; i < 1000; ++i)
    flat.add(boost::json::value(0.1));
  EXPECT_NEAR(flat.result("stddev").as_double(), 0.0, 1e-6);
}

// Pagination (clause 6.3.10): one cut for all series, at the first instant
// a truncated series leaves out.
TEST(NgsildTemporal, PageCutAscending) {
  using context::temporal::Direction;
  using context::temporal::SeriesInstants;
  // Limit 3: a fetches 4 (truncated, leaves out 40), b 4 (leaves out 25),
  // c fits.
  const std::vector<std::int64_t> a{10, 20, 30, 40}, b{5, 15, 20, 25}, c{1, 50};
  const std::vector<SeriesInstants> all{{a, true}, {b, true}, {c, false}};
  const auto cut = context::temporal::cut_page(all, Direction::ascending);
  EXPECT_TRUE(cut.partial);
  EXPECT_FALSE(cut.inclusive);
  EXPECT_EQ(cut.bound, 25);
  EXPECT_TRUE(cut.serves(20, Direction::ascending));
  EXPECT_FALSE(cut.serves(25, Direction::ascending));
  EXPECT_FALSE(cut.serves(50, Direction::ascending));
  // Everything fits: no cut.
  const std::vector<SeriesInstants> fits{{a, false}, {c, false}};
  const auto none = context::temporal::cut_page(fits, Direction::ascending);
  EXPECT_FALSE(none.partial);
  EXPECT_TRUE(none.serves(1'000'000, Direction::ascending));
  // More than a page at the first instant: that instant is served whole.
  const std::vector<std::int64_t> same{7, 7, 7, 7}, later{8, 9};
  const std::vector<SeriesInstants> stuck{{same, true}, {later, false}};
  const auto whole = context::temporal::cut_page(stuck, Direction::ascending);
  EXPECT_TRUE(whole.partial);
  EXPECT_TRUE(whole.inclusive);
  EXPECT_EQ(whole.bound, 7);
  EXPECT_TRUE(whole.serves(7, Direction::ascending));
  EXPECT_FALSE(whole.serves(8, Direction::ascending));
}

TEST(NgsildTemporal, PageCutDescending) {
  using context::temporal::Direction;
  using context::temporal::SeriesInstants;
  // lastN beyond the limit 3: the newest 4 of each, oldest first.
  const std::vector<std::int64_t> a{70, 80, 90, 100}, b{60, 85, 95, 99}, c{10};
  const std::vector<SeriesInstants> all{{a, true}, {b, true}, {c, false}};
  const auto cut = context::temporal::cut_page(all, Direction::descending);
  EXPECT_TRUE(cut.partial);
  EXPECT_EQ(cut.bound, 70);
  EXPECT_TRUE(cut.serves(80, Direction::descending));
  EXPECT_FALSE(cut.serves(70, Direction::descending));
  EXPECT_FALSE(cut.serves(10, Direction::descending));
  EXPECT_EQ(context::temporal::series_bound({b, true}, Direction::descending), 60);
  EXPECT_EQ(context::temporal::series_bound({b, false}, Direction::descending), std::nullopt);
}

TEST(NgsildTemporal, ContentRange) {
  using context::temporal::content_range;
  using context::temporal::Direction;
  const auto t = [](const char* s) { return *parse_instant_ms(s); };
  // Ascending: timeAt of after/between, else the first instant served; size *.
  EXPECT_EQ(content_range(Direction::ascending, t("2020-01-01T00:00:00Z"),
                          t("2020-01-01T01:01:00Z"), t("2020-01-01T01:20:00Z"), std::nullopt),
            "date-time 2020-01-01T00:00:00.000Z-2020-01-01T01:20:00.000Z/*");
  EXPECT_EQ(content_range(Direction::ascending, std::nullopt, t("2020-01-01T01:01:00Z"),
                          t("2020-01-01T01:20:00.5Z"), std::nullopt),
            "date-time 2020-01-01T01:01:00.000Z-2020-01-01T01:20:00.500Z/*");
  // Descending (lastN): the query's end or the newest served, then the
  // oldest served; size lastN.
  EXPECT_EQ(content_range(Direction::descending, std::nullopt, t("2020-01-01T01:59:00Z"),
                          t("2020-01-01T01:40:00Z"), 25),
            "date-time 2020-01-01T01:59:00.000Z-2020-01-01T01:40:00.000Z/25");
  EXPECT_EQ(content_range(Direction::descending, t("2021-01-01T01:01:00Z"),
                          t("2020-01-01T01:59:00Z"), t("2020-01-01T01:40:00Z"), 25),
            "date-time 2021-01-01T01:01:00.000Z-2020-01-01T01:40:00.000Z/25");
}

} // namespace
