// The assistant's dialogue against a temporary database seeded like --demo
// (the Musterstadt catalogue, tom with a Reisepass that expires in four
// months) and a clock fixed on a Thursday morning.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "app/schema.hpp"
#include "assistant/engine.hpp"
#include "catalog/loader.hpp"
#include "core/city_time.hpp"
#include "core/error.hpp"

namespace {

namespace fs = std::filesystem;
using namespace std::chrono;

const fs::path kData = fs::path(STADTKERN_SOURCE_DIR) / "data";

const assistant::travel::Gazetteer& gazetteer() {
  static const auto g = assistant::travel::Gazetteer::load(kData / "assistant");
  return g;
}
const assistant::travel::EntryRules& rules() {
  static const auto r =
      assistant::travel::EntryRules::load(kData / "assistant" / "entry-rules.json");
  return r;
}

search::Lexicon lexicon() {
  std::ifstream in(kData / "search" / "lexicon-de.json", std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return search::Lexicon::from_json(text.str());
}

class AssistantTest : public ::testing::Test {
protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("stadtkern-assistant-" + std::to_string(::getpid()));
    fs::create_directories(dir_);
    db_ = store::Database::open("sqlite:assistant.db", dir_.string());
    db_->migrate(app::all_migrations());
    catalog_ = std::make_unique<catalog::Catalog>(*db_, clock_, dir_ / "search", lexicon());
    catalog_->reload();
    std::vector<catalog::ValidationError> errors;
    ASSERT_TRUE(catalog_->import(catalog::read_catalog_dir(kData / "musterstadt", errors), "test")
                    .imported);
    accounts::Settings settings;
    settings.password_cost = accounts::PasswordCost::minimal;
    accounts_ = std::make_unique<accounts::Accounts>(*db_, clock_, settings);
    tom_ = accounts_->create_user({"tom", "Tom Müller", "tom@example.org", "geheim-genug-1",
                                   accounts::Role::citizen, "", true, false});
    audit_ = std::make_unique<audit::AuditLog>(*db_, clock_);
    register_ = std::make_unique<documents::Register>(*db_, clock_, *accounts_, *audit_);
    register_->seed_demo(tom_.id);
    calendar_ = std::make_unique<appointments::Calendar>(*db_, *catalog_, clock_);
    assistant_ = std::make_unique<assistant::Assistant>(assistant::Assistant::Parts{
        *catalog_, *calendar_, *register_, *accounts_, gazetteer(), rules(), clock_});
    tom_identity_ = {tom_.id, "tom", "Tom Müller", http::Role::citizen, "", "s"};
  }
  void TearDown() override {
    assistant_.reset();
    calendar_.reset();
    register_.reset();
    catalog_.reset();
    db_->close();
    fs::remove_all(dir_);
  }

  assistant::TurnResult say(const std::string& text, const http::Identity* who,
                            std::optional<std::string> conversation = std::nullopt) {
    assistant::TurnInput in;
    in.text = text;
    in.conversation_id = conversation ? conversation : conversation_;
    auto r = assistant_->turn(in, who);
    conversation_ = r.conversation_id;
    return r;
  }
  static std::vector<std::string> types(const assistant::TurnResult& r) {
    std::vector<std::string> out;
    for (const auto& a : r.actions)
      out.emplace_back(a.as_object().at("type").as_string());
    return out;
  }
  static bool has_source(const assistant::TurnResult& r, const std::string& url) {
    for (const auto& s : r.sources)
      if (s.url == url) return true;
    return false;
  }

  fs::path dir_;
  // Thursday 26 November 2026, 9:00 in Berlin.
  core::ManualClock clock_{sys_days{core::Date{year(2026), month(11), day(26)}} + hours(8)};
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<catalog::Catalog> catalog_;
  std::unique_ptr<accounts::Accounts> accounts_;
  std::unique_ptr<audit::AuditLog> audit_;
  std::unique_ptr<documents::Register> register_;
  std::unique_ptr<appointments::Calendar> calendar_;
  std::unique_ptr<assistant::Assistant> assistant_;
  accounts::User tom_;
  http::Identity tom_identity_;
  std::optional<std::string> conversation_;
};

TEST_F(AssistantTest, TheMarrakeschSceneOffersAndBooks) {
  const auto r = say("Brauche ich für Marrakesch einen Pass?", &tom_identity_);
  EXPECT_EQ(r.intent, "travel.documents");
  const std::string expiry =
      core::format_date_de(core::add_months(core::Date{year(2026), month(11), day(26)}, 4));
  EXPECT_EQ(r.text.substr(0, r.text.find("\n\n")),
            "Hallo Tom! Für Marokko brauchst Du einen Reisepass, der bei der Einreise noch "
            "mindestens sechs Monate gültig ist. Dein Reisepass läuft in 4 Monaten ab (am " +
                expiry + "). Soll ich Dir einen Termin zur Verlängerung machen?");
  EXPECT_NE(r.text.find("auswaertiges-amt.de"), std::string::npos);
  const auto t = types(r);
  ASSERT_GE(t.size(), 4u);
  EXPECT_EQ(t[0], "offer_appointment");
  EXPECT_EQ(t[1], "book");
  EXPECT_EQ(t[3], "book");
  EXPECT_EQ(r.actions[0].as_object().at("service_id").as_string(), "reisepass-beantragen");
  EXPECT_TRUE(has_source(r, "/leistungen/reisepass-beantragen"));

  const auto booked = say("Ja, gerne", &tom_identity_);
  EXPECT_EQ(booked.intent, "affirm");
  ASSERT_EQ(types(booked).front(), "booked") << booked.text;
  const std::string code(booked.actions[0].as_object().at("code").as_string());
  const auto mine = calendar_->of_user(tom_.id);
  ASSERT_EQ(mine.size(), 1u);
  EXPECT_EQ(mine[0].code, code);
  EXPECT_EQ(booked.actions[0].as_object().at("start"), r.actions[1].as_object().at("start"));

  const auto listed = say("Welche Termine habe ich?", &tom_identity_);
  EXPECT_EQ(listed.intent, "appointment.list");
  EXPECT_NE(listed.text.find(code), std::string::npos);

  const auto ask = say("Sag meinen Termin ab", &tom_identity_);
  EXPECT_EQ(ask.intent, "appointment.cancel");
  EXPECT_NE(ask.text.find(code), std::string::npos);
  const auto done = say("Ja", &tom_identity_);
  EXPECT_EQ(types(done).front(), "cancelled");
  EXPECT_EQ(calendar_->of_user(tom_.id)[0].status, appointments::Status::cancelled);
}

TEST_F(AssistantTest, AWeekdayChoiceBooksThatDay) {
  say("Brauche ich für Marrakesch einen Pass?", &tom_identity_);
  const auto r = say("Ja, am Dienstag", &tom_identity_);
  EXPECT_EQ(r.intent, "appointment.choose");
  ASSERT_EQ(types(r).front(), "booked") << r.text;
  EXPECT_EQ(core::weekday_index(core::berlin_date(calendar_->of_user(tom_.id)[0].time.start)), 1);
}

TEST_F(AssistantTest, ADayAndTimeNotOfferedIsLookedUpInTheCalendar) {
  const auto offer = say("Ich brauche einen Termin für einen Reisepass", &tom_identity_);
  EXPECT_EQ(offer.intent, "appointment.book");
  EXPECT_EQ(offer.actions[0].as_object().at("service_id").as_string(), "reisepass-beantragen");
  const auto r = say("lieber Donnerstag um 10", &tom_identity_);
  EXPECT_EQ(r.intent, "appointment.choose");
  ASSERT_EQ(types(r).front(), "booked") << r.text;
  const auto start = calendar_->of_user(tom_.id)[0].time.start;
  EXPECT_EQ(core::weekday_index(core::berlin_date(start)), 3);
  EXPECT_EQ(core::berlin_minute_of_day(start), 600);
  EXPECT_GT(start, clock_.now());
}

TEST_F(AssistantTest, FollowUpsKeepTheTopicAndTheTrip) {
  EXPECT_EQ(say("Ich will heiraten", nullptr).intent, "service.info");
  const auto docs = say("Was muss ich mitbringen?", nullptr);
  EXPECT_EQ(docs.intent, "service.documents");
  EXPECT_EQ(docs.sources.front().url, say("Was kostet das?", nullptr).sources.front().url);
  EXPECT_EQ(say("Brauche ich für Thailand einen Reisepass?", nullptr).intent, "travel.documents");
  const auto next = say("Und für Marokko?", nullptr);
  EXPECT_EQ(next.intent, "travel.documents");
  EXPECT_NE(next.text.find("Marokko"), std::string::npos);
}

TEST_F(AssistantTest, UnderstandingPicksIntentsAndSlots) {
  const assistant::Understander understander(*catalog_, gazetteer());
  const core::Date today{year(2026), month(11), day(26)};
  const auto intent = [&](const char* text, assistant::DialogueContext context = {}) {
    return understander.understand(text, today, context).intent;
  };
  const auto travel = understander.understand("Brauche ich für Marakesch einen Pass?", today, {});
  EXPECT_EQ(travel.intent, "travel.documents");
  EXPECT_EQ(travel.destination->place.country->code, "MA");
  EXPECT_EQ(intent("Was kostet ein Reisepass?"), "service.cost");
  EXPECT_EQ(intent("Welche Unterlagen brauche ich für den Personalausweis?"), "service.documents");
  EXPECT_EQ(intent("Where can I register my car?"), "service.location");
  EXPECT_EQ(intent("Kann ich mein Auto online abmelden?"), "service.online");
  EXPECT_EQ(intent("Wann läuft mein Ausweis ab?"), "document.status");
  EXPECT_EQ(intent("Welche Termine habe ich?"), "appointment.list");
  EXPECT_EQ(intent("Sag meinen Termin ab"), "appointment.cancel");
  EXPECT_EQ(intent("Ich brauche einen Termin für einen Reisepass"), "appointment.book");
  EXPECT_EQ(intent("Wer gewinnt die Bundesliga?"), "handoff");
  EXPECT_EQ(intent("Ich möchte mit einem Menschen sprechen"), "handoff");
  EXPECT_EQ(intent("Hallo"), "greeting");
  EXPECT_EQ(intent("Danke!"), "thanks");
  // "Ja" and a day mean something only while an appointment is offered.
  const assistant::DialogueContext offered{true, true, false, false};
  EXPECT_EQ(intent("Ja, gerne", offered), "affirm");
  EXPECT_EQ(intent("Nein", offered), "deny");
  const auto choice = understander.understand("lieber Donnerstag um 10", today, offered);
  EXPECT_EQ(choice.intent, "appointment.choose");
  EXPECT_EQ(choice.when.weekday, 3);
  EXPECT_EQ(choice.when.minute_of_day, 600);
  // A follow-up refers to the topic; without one, a vague question is not answered.
  const assistant::DialogueContext topic{true, false, false, false};
  const auto follow = understander.understand("Und was kostet das?", today, topic);
  EXPECT_EQ(follow.intent, "service.cost");
  EXPECT_TRUE(follow.follow_up);
  EXPECT_EQ(intent("Und was kostet das?"), "handoff");
  EXPECT_LT(understander.understand("blablub xyz", today, {}).confidence,
            assistant::kConfidenceThreshold);
}

TEST_F(AssistantTest, ATakenSlotIsSaidAndNewSlotsAreOffered) {
  const auto offer = say("Ich brauche einen Termin für einen Reisepass", &tom_identity_);
  const auto& first = offer.actions[1].as_object();
  const auto start = *core::parse_iso_instant(std::string(first.at("start").as_string()));
  // Everybody else books the slot at every desk first.
  const std::string office(first.at("office_id").as_string());
  for (int i = 0; i < 20; ++i) {
    appointments::BookingInput in;
    in.service_id = "reisepass-beantragen";
    in.office_id = office;
    in.start = start;
    in.name = "Eva Beispiel";
    in.email = "eva" + std::to_string(i) + "@example.org";
    if (calendar_->book(in).status != appointments::Outcome::Status::ok) break;
  }
  const auto r = say("Ja", &tom_identity_);
  EXPECT_EQ(r.intent, "affirm");
  EXPECT_NE(r.text.find("vergeben"), std::string::npos);
  const auto t = types(r);
  EXPECT_EQ(std::find(t.begin(), t.end(), "booked"), t.end());
  ASSERT_EQ(t.front(), "offer_appointment");
  const auto& fresh = r.actions[1].as_object(); // another desk or time than the taken one
  EXPECT_TRUE(fresh.at("start") != first.at("start") ||
              fresh.at("office_id") != first.at("office_id"));
  EXPECT_TRUE(calendar_->of_user(tom_.id).empty());
}

TEST_F(AssistantTest, WithTwoAppointmentsTheDayPicksTheOneToCancel) {
  say("Ich brauche einen Termin für einen Reisepass", &tom_identity_);
  ASSERT_EQ(types(say("am Dienstag", &tom_identity_)).front(), "booked");
  say("Ich brauche einen Termin für einen Personalausweis", &tom_identity_);
  const auto thursday = say("lieber Donnerstag", &tom_identity_);
  ASSERT_EQ(types(thursday).front(), "booked") << thursday.text;
  const std::string code(thursday.actions[0].as_object().at("code").as_string());
  const auto which = say("Sag meinen Termin ab", &tom_identity_);
  EXPECT_EQ(which.intent, "appointment.cancel");
  EXPECT_NE(which.text.find("Welchen Termin"), std::string::npos);
  const auto confirm = say("den am Donnerstag", &tom_identity_);
  EXPECT_EQ(confirm.intent, "appointment.cancel");
  EXPECT_NE(confirm.text.find(code), std::string::npos) << confirm.text;
  const auto done = say("Ja", &tom_identity_);
  ASSERT_EQ(types(done).front(), "cancelled");
  EXPECT_EQ(done.actions[0].as_object().at("code").as_string(), code);
  int cancelled = 0;
  for (const auto& a : calendar_->of_user(tom_.id))
    cancelled += a.status == appointments::Status::cancelled ? 1 : 0;
  EXPECT_EQ(cancelled, 1);
}

TEST_F(AssistantTest, AnonymousGetsTheRuleAndALoginInvitation) {
  const auto r = say("Reicht mein Ausweis für Marokko?", nullptr);
  EXPECT_EQ(r.intent, "travel.documents");
  EXPECT_EQ(r.text.find("Hallo"), std::string::npos);
  EXPECT_NE(r.text.find("Reisepass"), std::string::npos);
  const auto t = types(r);
  EXPECT_NE(std::find(t.begin(), t.end(), "login_required"), t.end());
}

TEST_F(AssistantTest, ServiceQuestionsAndFollowUps) {
  const auto cost = say("Was kostet ein Reisepass?", nullptr);
  EXPECT_EQ(cost.intent, "service.cost");
  EXPECT_NE(cost.text.find("€"), std::string::npos);
  EXPECT_TRUE(has_source(cost, "/leistungen/reisepass-beantragen"));
  const auto where = say("Und wo?", nullptr);
  EXPECT_EQ(where.intent, "service.location");
  EXPECT_NE(where.text.find("Bürgerbüro"), std::string::npos);
  const auto online = say("Geht das auch online?", nullptr);
  EXPECT_EQ(online.intent, "service.online");
  EXPECT_TRUE(has_source(online, "/leistungen/reisepass-beantragen"));
}

TEST_F(AssistantTest, ARunnerUpAlmostAsGoodIsOfferedToo) {
  const auto r = say("Ich bin umgezogen", nullptr);
  EXPECT_EQ(r.intent, "service.info");
  std::vector<std::string> links;
  for (const auto& a : r.actions)
    if (a.as_object().at("type") == "link") links.emplace_back(a.as_object().at("url").as_string());
  ASSERT_EQ(links.size(), 2u) << r.text;
  EXPECT_NE(links[0], links[1]);
  EXPECT_NE(r.text.find("Oder meinst Du"), std::string::npos);
  EXPECT_EQ(say("Was kostet ein Reisepass?", nullptr).text.find("Oder meinst Du"),
            std::string::npos);
}

TEST_F(AssistantTest, OffTopicHandsOff) {
  const auto r = say("Wie wird das Wetter morgen?", nullptr);
  EXPECT_EQ(r.intent, "handoff");
  const auto t = types(r);
  ASSERT_EQ(t.back(), "handoff");
  EXPECT_EQ(r.actions.back().as_object().at("phone").as_string(), "115");
  EXPECT_TRUE(r.sources.size() == 1 && r.sources[0].url.starts_with("/aemter/"));
}

TEST_F(AssistantTest, TheReminderSentenceYieldsTheOffer) {
  const auto r = say("Mein Reisepass läuft bald ab. Ich brauche einen Termin.", &tom_identity_);
  EXPECT_EQ(r.intent, "appointment.book");
  ASSERT_FALSE(r.actions.empty());
  EXPECT_EQ(r.actions[0].as_object().at("service_id").as_string(), "reisepass-beantragen");
}

TEST_F(AssistantTest, ConversationsBelongToTheirCitizen) {
  const auto r = say("Hallo", &tom_identity_);
  EXPECT_EQ(r.intent, "greeting");
  EXPECT_NE(r.text.find("Hallo Tom"), std::string::npos);
  const http::Identity other{"other", "bea", "Bea", http::Role::citizen, "", "t"};
  assistant::TurnInput in;
  in.text = "Hallo";
  in.conversation_id = r.conversation_id;
  EXPECT_THROW(assistant_->turn(in, &other), core::Error);
  EXPECT_THROW(assistant_->turn(in, nullptr), core::Error);
  // An anonymous conversation is adopted on login.
  conversation_.reset();
  const auto anon = say("Was kostet ein Reisepass?", nullptr);
  in.conversation_id = anon.conversation_id;
  EXPECT_NO_THROW(assistant_->turn(in, &tom_identity_));
  EXPECT_THROW(assistant_->turn(in, nullptr), core::Error);
}

} // namespace
