// German date expressions relative to a fixed "today" (Thursday, 26 Nov 2026).
#include <gtest/gtest.h>

#include "assistant/dates.hpp"

namespace {

using assistant::parse_when;
using assistant::When;
using namespace std::chrono;

const core::Date kToday{year(2026), month(11), day(26)}; // a Thursday

core::Date d(int y, unsigned m, unsigned dd) { return core::Date{year(y), month(m), day(dd)}; }

TEST(AssistantDates, RelativeDays) {
  EXPECT_EQ(parse_when("morgen", kToday).from, d(2026, 11, 27));
  EXPECT_EQ(parse_when("übermorgen bitte", kToday).from, d(2026, 11, 28));
  EXPECT_FALSE(parse_when("Guten Morgen", kToday).from.has_value());
  const When w = parse_when("in zwei Wochen", kToday);
  EXPECT_EQ(w.from, d(2026, 12, 10));
}

TEST(AssistantDates, NextWeekIsMondayToSunday) {
  const When w = parse_when("nächste Woche", kToday);
  EXPECT_EQ(w.from, d(2026, 11, 30));
  EXPECT_EQ(w.to, d(2026, 12, 6));
}

TEST(AssistantDates, MonthsLieAhead) {
  const When may = parse_when("Ich fliege im Mai", kToday);
  EXPECT_EQ(may.from, d(2027, 5, 1));
  EXPECT_EQ(may.to, d(2027, 5, 31));
  const When dec = parse_when("im Dezember", kToday);
  EXPECT_EQ(dec.from, d(2026, 12, 1));
  const When end = parse_when("Ende Juni", kToday);
  EXPECT_EQ(end.from, d(2027, 6, 20));
  EXPECT_EQ(end.to, d(2027, 6, 30));
  EXPECT_EQ(parse_when("am 3. April", kToday).from, d(2027, 4, 3));
}

TEST(AssistantDates, NumericDatesAndRanges) {
  EXPECT_EQ(parse_when("am 3.4.", kToday).from, d(2027, 4, 3));
  EXPECT_EQ(parse_when("am 3.4.2028", kToday).from, d(2028, 4, 3));
  EXPECT_EQ(parse_when("am 30.11.", kToday).from, d(2026, 11, 30));
  const When r = parse_when("vom 3.4. bis 10.4.", kToday);
  EXPECT_EQ(r.from, d(2027, 4, 3));
  EXPECT_EQ(r.to, d(2027, 4, 10));
  EXPECT_FALSE(parse_when("am 31.2.", kToday).from.has_value());
}

TEST(AssistantDates, WeekdaysAndTimes) {
  const When tue = parse_when("Ja, am Dienstag", kToday);
  EXPECT_EQ(tue.weekday, 1);
  EXPECT_EQ(tue.from, d(2026, 12, 1));
  const When thu = parse_when("lieber Donnerstag um 10", kToday);
  EXPECT_EQ(thu.weekday, 3);
  EXPECT_EQ(thu.from, kToday);
  EXPECT_EQ(thu.minute_of_day, 600);
  EXPECT_EQ(parse_when("um 10:30", kToday).minute_of_day, 630);
  EXPECT_EQ(parse_when("14 Uhr", kToday).minute_of_day, 840);
  EXPECT_EQ(parse_when("Dienstag nachmittag", kToday).part, When::Part::afternoon);
  EXPECT_TRUE(parse_when("Was kostet ein Reisepass?", kToday).empty());
}

} // namespace
