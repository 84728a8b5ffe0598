// German texts of the assistant's answers about offices, fees and slots.
#include <gtest/gtest.h>

#include "assistant/texts.hpp"

namespace {

using namespace std::chrono;

catalog::Office office() {
  catalog::Office o;
  o.id = "buergerbuero-nord";
  o.name = "Bürgerbüro Nord";
  o.street = "Nordring 5";
  o.postal_code = "59999";
  o.city = "Musterstadt";
  o.opening_hours = {{"mo", "08:00", "12:30"}, {"mo", "14:00", "18:00"}, {"di", "07:30", "12:00"}};
  o.exceptions = {{"2026-12-07", true, "", "", "Betriebsausflug"}};
  return o;
}

TEST(AssistantTexts, OfficesFeesAndSlots) {
  const auto o = office();
  EXPECT_EQ(assistant::address(o), "Nordring 5, 59999 Musterstadt");
  EXPECT_EQ(assistant::week_hours(o), "Mo 8:00–12:30 und 14:00–18:00, Di 7:30–12:00 Uhr");
  const core::Date monday{year(2026), month(11), day(30)};
  EXPECT_EQ(assistant::hours_on(o, monday, "heute"), "heute 8:00–12:30 und 14:00–18:00 Uhr");
  EXPECT_EQ(assistant::hours_on(o, core::Date{year(2026), month(12), day(7)}, "heute"),
            "heute geschlossen"); // a Monday, but closed that day
  EXPECT_EQ(assistant::hours_on(o, core::Date{year(2026), month(12), day(2)}, "heute"),
            "heute geschlossen"); // Wednesday: no hours
  EXPECT_EQ(assistant::euro(70), "70,00 €");
  EXPECT_EQ(assistant::euro(37.5), "37,50 €");
  EXPECT_EQ(assistant::euro(0.05), "0,05 €");
  // 1 December 2026, 9:30 in Berlin (CET, UTC+1).
  EXPECT_EQ(assistant::slot_label(sys_days{core::Date{year(2026), month(12), day(1)}} + hours(8) +
                                  minutes(30)),
            "Di., 1. Dezember, 9:30 Uhr");
}

TEST(AssistantTexts, TheOfficeAQuestionNames) {
  catalog::CatalogData data;
  data.offices = {office(), office()};
  data.offices[1].id = "strassenverkehrsamt";
  data.offices[1].name = "Straßenverkehrsamt – Zulassungsstelle (Außenstelle)";
  const catalog::Snapshot snap(data, nullptr);
  const auto nord = assistant::offices_in(snap, "Wann hat das Bürgerbüro Nord geöffnet?");
  ASSERT_EQ(nord.size(), 1u);
  EXPECT_EQ(nord[0]->id, "buergerbuero-nord");
  const auto office_b = assistant::offices_in(snap, "Wo ist das Strassenverkehrsamt?");
  ASSERT_EQ(office_b.size(), 1u);
  EXPECT_EQ(office_b[0]->id, "strassenverkehrsamt");
  // Only the kind of office: every office of that kind.
  const auto kind = assistant::offices_in(snap, "Wann hat das Bürgerbüro geöffnet?");
  ASSERT_EQ(kind.size(), 1u);
  EXPECT_EQ(kind[0]->id, "buergerbuero-nord");
  EXPECT_TRUE(assistant::offices_in(snap, "Wann hat das Amt geöffnet?").empty());
}

} // namespace
