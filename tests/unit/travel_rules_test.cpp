// Entry rules for German citizens and the document check: the data file
// covers the destinations it must, and the check tells which document
// suffices and why the others do not, across month ends and year ends.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "assistant/travel/entry_rules.hpp"
#include "assistant/travel/gazetteer.hpp"
#include "assistant/travel/phrasing.hpp"
#include "assistant/travel/rule_check.hpp"
#include "core/city_time.hpp"
#include "core/error.hpp"

#ifndef STADTKERN_SOURCE_DIR
#error "STADTKERN_SOURCE_DIR (the repository root) must be defined by tests/unit/CMakeLists.txt"
#endif

namespace {

using namespace assistant::travel;
using namespace std::chrono;

const std::filesystem::path kData = std::filesystem::path(STADTKERN_SOURCE_DIR) / "data/assistant";

const EntryRules& rules() {
  static const EntryRules r = EntryRules::load(kData / "entry-rules.json");
  return r;
}

const EntryRule& rule(const char* code) {
  const auto* r = rules().find(code);
  if (r == nullptr) throw std::runtime_error(std::string("no rule for ") + code);
  return *r;
}

using core::Date;

Date d(const char* iso) { return *core::parse_date(iso); }

const Date kToday = d("2026-11-26");

// Tom of the demo: his Reisepass expires in four months, his Personalausweis in six years.
const CitizenDocument kTomsPass{DocumentKind::reisepass, d("2027-03-26")};
const CitizenDocument kTomsId{DocumentKind::personalausweis, d("2032-11-25")};

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST(TravelEntryRules, CoverEveryRequiredDestination) {
  EXPECT_GE(rules().all().size(), 80u);
  const char* required[] = {// every EU state but Germany, and the other Schengen states
                            "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "GR", "HU",
                            "IE", "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI",
                            "ES", "SE", "IS", "NO", "CH", "LI",
                            // the most visited others
                            "TR", "MA", "TN", "EG", "US", "GB", "TH", "AE", "JP", "CA", "AU", "MX",
                            "DO", "CU", "IN", "CN", "ZA", "KE", "TZ", "BR", "RS", "AL", "ME", "BA",
                            "MK", "GE", "IL", "JO", "LK", "MV", "ID", "VN", "SG"};
  for (const auto* code : required)
    EXPECT_NE(rules().find(code), nullptr) << code;
  const auto g = Gazetteer::load(kData);
  for (const auto& r : rules().all()) {
    const auto* c = g.country(r.country);
    ASSERT_NE(c, nullptr) << r.country;
    EXPECT_EQ(c->name_de, r.name) << "the rule and the gazetteer name " << r.country << " alike";
    EXPECT_TRUE(r.link.starts_with("https://www.auswaertiges-amt.de/de/")) << r.country;
  }
}

TEST(TravelEntryRules, SayWhereTheyComeFromAndWhen) {
  EXPECT_EQ(rules().stand(), d("2026-11-26"));
  EXPECT_TRUE(contains(rules().source(), "Auswärtigen Amts"));
  EXPECT_TRUE(contains(rules().source(), "erneut geprüft"));
  EXPECT_TRUE(contains(rules().authoritative(), "Auswärtigen Amts"));
}

TEST(TravelEntryRules, KnowTheCasesCitizensAskAbout) {
  const auto& ma = rule("MA");
  EXPECT_EQ(ma.documents, std::vector<DocumentKind>{DocumentKind::reisepass});
  EXPECT_EQ(ma.validity.kind, Validity::Kind::after_entry);
  EXPECT_EQ(ma.validity.months, 6);
  EXPECT_TRUE(contains(ma.notes, "Personalausweis"));
  for (const char* eu : {"ES", "IT", "AT", "GR", "HR", "FR"}) {
    EXPECT_TRUE(rule(eu).accepts(DocumentKind::personalausweis)) << eu;
    EXPECT_TRUE(rule(eu).accepts(DocumentKind::reisepass)) << eu;
    EXPECT_EQ(rule(eu).validity.kind, Validity::Kind::stay) << eu;
  }
  EXPECT_TRUE(rule("TR").accepts(DocumentKind::personalausweis));
  EXPECT_EQ(rule("TR").validity.kind, Validity::Kind::after_entry);
  EXPECT_EQ(rule("TR").validity.days, 150);
  EXPECT_FALSE(rule("GB").accepts(DocumentKind::personalausweis));
  EXPECT_TRUE(contains(rule("GB").visa, "ETA"));
  EXPECT_FALSE(rule("US").accepts(DocumentKind::personalausweis));
  EXPECT_EQ(rule("US").validity.kind, Validity::Kind::stay);
  EXPECT_TRUE(contains(rule("US").visa, "ESTA"));
}

TEST(TravelEntryRules, RejectBrokenFilesWithAReason) {
  const std::string head = R"({"stand": "2026-11-26", "source": "s", "authoritative": "a",
    "general_link": "https://www.auswaertiges-amt.de/de/", "destinations": [)";
  const std::string good = R"({"country": "MA", "name": "Marokko", "documents": ["reisepass"],
    "validity": {"kind": "after_entry", "months": 6}, "visa": "v", "link": "https://www.auswaertiges-amt.de/de/x"})";
  EXPECT_EQ(EntryRules::parse(head + good + "]}").all().size(), 1u);
  const auto fails_with = [&](const std::string& text, const std::string& part) {
    try {
      EntryRules::parse(text);
      ADD_FAILURE() << "accepted: " << text;
    } catch (const core::Error& e) {
      EXPECT_EQ(e.kind(), core::ErrorKind::invalid_argument);
      EXPECT_TRUE(contains(e.detail(), part)) << e.detail();
    }
  };
  fails_with("[1, 2]", "not a JSON object");
  fails_with("{not json", "not a JSON object");
  fails_with(head + good + "," + good + "]}", "listed twice");
  auto bad_kind = good;
  bad_kind.replace(bad_kind.find("\"reisepass\""), 11, "\"fuehrerschein\"");
  fails_with(head + bad_kind + "]}", "unknown document kind");
  auto bad_link = good;
  bad_link.replace(bad_link.find("https://www.auswaertiges-amt.de/de/x"), 36,
                   "https://example.org/x");
  fails_with(head + bad_link + "]}", "link");
  auto no_duration = good;
  no_duration.replace(no_duration.find(", \"months\": 6"), 13, "");
  fails_with(head + no_duration + "]}", "needs months or days");
  fails_with(R"({"source": "s"})", "stand");
  auto bad_flag = good;
  bad_flag.replace(bad_flag.find(", \"months\": 6"), 13, ", \"months\": 6, \"confirmed\": \"ja\"");
  fails_with(head + bad_flag + "]}", "confirmed");
}

TEST(TravelRuleCheck, TomCannotGoToMoroccoWithHisDocuments) {
  const Trip trip{d("2026-12-20"), d("2027-01-03")};
  const auto r = check_documents(rule("MA"), {kTomsPass, kTomsId}, trip, kToday);
  EXPECT_FALSE(r.sufficient);
  EXPECT_EQ(r.required_until, d("2027-06-20"));
  ASSERT_EQ(r.findings.size(), 2u);
  EXPECT_EQ(r.findings[0].finding, Finding::too_short);
  EXPECT_EQ(r.findings[0].months_left, 4);
  EXPECT_EQ(r.findings[0].days_short, 86);  // 26 March to 20 June 2027
  EXPECT_EQ(r.findings[0].months_short, 3); // 26 March + 3 months >= 20 June
  EXPECT_EQ(r.findings[1].finding, Finding::not_accepted);
  const auto text = describe_check(rule("MA"), r, rules());
  EXPECT_TRUE(contains(text, "Dein Reisepass läuft in vier Monaten ab, Marokko verlangt sechs "
                             "Monate Gültigkeit bei der Einreise."))
      << text;
  EXPECT_TRUE(contains(text, "Dein Personalausweis wird für Marokko nicht anerkannt.")) << text;
  EXPECT_TRUE(contains(
      text, "Verbindlich sind allein die Reise- und Sicherheitshinweise des Auswärtigen Amts"));
}

TEST(TravelRuleCheck, TomsIdCardIsEnoughForSpainAndTurkey) {
  const Trip trip{d("2027-05-01"), d("2027-05-15")};
  const auto es = check_documents(rule("ES"), {kTomsPass, kTomsId}, trip, kToday);
  EXPECT_TRUE(es.sufficient);
  EXPECT_EQ(es.findings[0].finding, Finding::expired); // the pass expires before the trip
  EXPECT_FALSE(es.findings[0].expired_already);
  EXPECT_EQ(es.findings[1].finding, Finding::sufficient);
  EXPECT_TRUE(contains(describe_check(rule("ES"), es, rules()),
                       "Für Spanien reicht Dein Personalausweis."));

  const Trip soon{d("2026-12-27"), d("2027-01-06")};
  const auto tr = check_documents(rule("TR"), {kTomsPass, kTomsId}, soon, kToday);
  EXPECT_TRUE(tr.sufficient);
  EXPECT_EQ(tr.required_until, d("2027-05-26")); // 150 days after entry
  EXPECT_EQ(tr.findings[0].finding, Finding::too_short);
  EXPECT_EQ(tr.findings[1].finding, Finding::sufficient);
}

TEST(TravelRuleCheck, APassportValidForTheStaySufficesForTwoWeeksInTheUsa) {
  const Trip trip{d("2026-12-10"), d("2026-12-24")};
  const auto r = check_documents(rule("US"), {kTomsPass, kTomsId}, trip, kToday);
  EXPECT_TRUE(r.sufficient);
  EXPECT_EQ(r.required_until, d("2026-12-24"));
  EXPECT_EQ(r.findings[0].finding, Finding::sufficient);
  EXPECT_EQ(r.findings[1].finding, Finding::not_accepted);
  EXPECT_FALSE(r.departure_assumed);
  // A pass that expires during the stay is too short, by the days it lacks.
  const CitizenDocument short_pass{DocumentKind::reisepass, d("2026-12-20")};
  const auto s = check_documents(rule("US"), {short_pass}, trip, kToday);
  EXPECT_FALSE(s.sufficient);
  EXPECT_EQ(s.findings[0].finding, Finding::too_short);
  EXPECT_EQ(s.findings[0].days_short, 4);
  EXPECT_EQ(s.findings[0].months_short, 1);
}

TEST(TravelRuleCheck, ExpiredDocumentsDoNotCount) {
  const CitizenDocument old_id{DocumentKind::personalausweis, d("2026-10-01")};
  const auto r =
      check_documents(rule("IT"), {old_id}, Trip{d("2027-01-10"), d("2027-01-17")}, kToday);
  EXPECT_FALSE(r.sufficient);
  EXPECT_EQ(r.findings[0].finding, Finding::expired);
  EXPECT_TRUE(r.findings[0].expired_already);
  EXPECT_EQ(r.findings[0].months_left, 0);
  EXPECT_TRUE(
      contains(describe_check(rule("IT"), r, rules()), "Dein Personalausweis ist abgelaufen."));
  // Valid on the last day, not the day after.
  const CitizenDocument last_day{DocumentKind::personalausweis, d("2027-01-17")};
  EXPECT_TRUE(
      check_documents(rule("IT"), {last_day}, Trip{d("2027-01-10"), d("2027-01-17")}, kToday)
          .sufficient);
  EXPECT_FALSE(
      check_documents(rule("IT"), {last_day}, Trip{d("2027-01-10"), d("2027-01-18")}, kToday)
          .sufficient);
}

TEST(TravelRuleCheck, ALostOrStolenDocumentNeverCounts) {
  for (const auto status :
       {DocumentStatus::lost, DocumentStatus::stolen, DocumentStatus::invalidated}) {
    const CitizenDocument id{DocumentKind::personalausweis, d("2032-01-01"), status};
    const auto r =
        check_documents(rule("ES"), {id}, Trip{d("2027-01-10"), d("2027-01-17")}, kToday);
    EXPECT_FALSE(r.sufficient);
    EXPECT_EQ(r.findings[0].finding, Finding::not_usable);
  }
  EXPECT_FALSE(
      check_documents(rule("ES"), {}, Trip{d("2027-01-10"), d("2027-01-17")}, kToday).sufficient);
}

TEST(TravelRuleCheck, ChildrensPassportWhereItIsAccepted) {
  const CitizenDocument kids{DocumentKind::kinderreisepass, d("2028-06-30")};
  const Trip trip{d("2027-07-01"), d("2027-07-21")};
  EXPECT_TRUE(check_documents(rule("ES"), {kids}, trip, kToday).sufficient);
  EXPECT_TRUE(check_documents(rule("TR"), {kids}, trip, kToday).sufficient);
  const auto ma = check_documents(rule("MA"), {kids}, trip, kToday);
  EXPECT_FALSE(ma.sufficient);
  EXPECT_EQ(ma.findings[0].finding, Finding::not_accepted);
  EXPECT_FALSE(check_documents(rule("US"), {kids}, trip, kToday).sufficient);
}

TEST(TravelRuleCheck, SixMonthsFromTheEndOfAMonth) {
  // Entry on 31 August: six months later is the last day of February.
  const Trip trip{d("2026-08-31"), std::nullopt};
  const CitizenDocument exactly{DocumentKind::reisepass, d("2027-02-28")};
  const CitizenDocument one_day_less{DocumentKind::reisepass, d("2027-02-27")};
  const auto r = check_documents(rule("MA"), {exactly, one_day_less}, trip, d("2026-06-01"));
  EXPECT_EQ(r.required_until, d("2027-02-28"));
  EXPECT_EQ(r.findings[0].finding, Finding::sufficient);
  EXPECT_EQ(r.findings[1].finding, Finding::too_short);
  EXPECT_EQ(r.findings[1].days_short, 1);
  EXPECT_FALSE(r.departure_assumed); // Morocco's rule does not depend on the return
  // A stay longer than the rule's months: the document must last the stay.
  const Trip long_stay{d("2026-08-31"), d("2027-04-30")};
  EXPECT_EQ(check_documents(rule("MA"), {}, long_stay, kToday).required_until, d("2027-04-30"));
  const Trip leap{d("2027-08-31"), std::nullopt};
  EXPECT_EQ(check_documents(rule("MA"), {}, leap, kToday).required_until, d("2028-02-29"));
}

TEST(TravelRuleCheck, RulesAfterDepartureNeedTheReturnDate) {
  const Trip with_return{d("2026-12-28"), d("2027-01-10")};
  EXPECT_EQ(check_documents(rule("ZA"), {}, with_return, kToday).required_until, d("2027-02-09"));
  const Trip no_return{d("2026-12-28"), std::nullopt};
  const auto r = check_documents(rule("ES"), {kTomsId}, no_return, kToday);
  EXPECT_TRUE(r.departure_assumed);
  EXPECT_TRUE(r.sufficient);
  EXPECT_TRUE(contains(describe_check(rule("ES"), r, rules()), "Rückreisedatum"));
}

TEST(TravelRuleCheck, WhereTheMinimumValidityIsUncertainTheAnswerSaysSo) {
  const auto& mv = rule("MV");
  EXPECT_FALSE(mv.validity.confirmed);
  const auto r = check_documents(mv, {kTomsPass}, Trip{d("2027-01-05"), d("2027-01-19")}, kToday);
  EXPECT_TRUE(r.sufficient);
  EXPECT_FALSE(r.validity_confirmed);
  EXPECT_TRUE(contains(describe_check(mv, r, rules()),
                       "Die genaue Mindestgültigkeit nennt das Auswärtige Amt"));
  EXPECT_TRUE(contains(describe_rule(mv, rules()),
                       "Die genaue Mindestgültigkeit nennt das Auswärtige Amt"));
  EXPECT_TRUE(rule("MA").validity.confirmed);
  EXPECT_FALSE(contains(describe_rule(rule("MA"), rules()), "Die genaue Mindestgültigkeit"));
}

TEST(TravelPhrasing, EveryRuleReadsAsGermanWithTheAuthoritativeNotice) {
  EXPECT_EQ(count_de(1, "Monat", "Monate"), "ein Monat");
  EXPECT_EQ(count_de(6, "Monat", "Monate"), "sechs Monate");
  EXPECT_EQ(count_de(150, "Tag", "Tage"), "150 Tage");
  const auto ma = describe_rule(rule("MA"), rules());
  EXPECT_TRUE(contains(
      ma, "Für Marokko brauchst Du einen Reisepass. Er muss bei der Einreise noch mindestens sechs "
          "Monate gültig sein."))
      << ma;
  EXPECT_TRUE(contains(describe_rule(rule("TR"), rules()), "mindestens 150 Tage"));
  for (const auto& r : rules().all()) {
    const auto text = describe_rule(r, rules());
    EXPECT_TRUE(contains(text, rules().authoritative())) << r.country;
    EXPECT_TRUE(contains(text, r.link)) << r.country;
    EXPECT_TRUE(contains(text, "Stand dieser Angaben: 26.11.2026")) << r.country;
  }
}

} // namespace
