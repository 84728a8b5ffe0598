// Booking rules of the appointment system against a real (temporary) SQLite
// database and a clock the test moves: capacity per office, holds that run
// out, rescheduling that keeps the old slot when the new one is taken,
// calendar files that libical reads back, and the DSGVO erasure.
#include <gtest/gtest.h>
#include <libical/ical.h>
#include <unistd.h>

#include <filesystem>

#include "appointments/appointments.hpp"
#include "appointments/appointments_store.hpp"
#include "appointments/ics.hpp"
#include "appointments/notices.hpp"
#include "catalog/loader.hpp"
#include "core/city_time.hpp"
#include "core/error.hpp"

namespace {

namespace fs = std::filesystem;
using namespace appointments;
using namespace std::chrono;

core::TimePoint at(const char* iso) { return *core::parse_iso_instant(iso); }

class BookingTest : public ::testing::Test {
protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("stadtkern-appointments-" + std::to_string(::getpid()));
    fs::create_directories(dir_);
    db_ = store::Database::open("sqlite:appointments.db", dir_.string());
    db_->migrate([] {
      auto all = catalog::Catalog::migrations();
      for (auto& m : Calendar::migrations())
        all.push_back(m);
      for (auto& m : mail::Outbox::migrations()) // the confirmation and reminder mails
        all.push_back(m);
      for (auto& m : inbox::Inbox::migrations())
        all.push_back(m);
      return all;
    }());
    catalog_ = std::make_unique<catalog::Catalog>(*db_, clock_, dir_ / "search", search::Lexicon{});
    catalog_->reload();
    // The demo town's offices and one service: Reisepass (15 minutes) in the
    // three Bürgerbüros (Mitte 6 counters, Nord 3, Süd 2).
    std::vector<catalog::ValidationError> errors;
    auto all =
        catalog::read_catalog_dir(fs::path(STADTKERN_SOURCE_DIR) / "data" / "musterstadt", errors);
    ASSERT_TRUE(errors.empty());
    catalog::CatalogData data;
    data.offices = all.offices;
    for (auto& s : all.services)
      if (s.id == "reisepass-beantragen") {
        s.related.clear();
        data.services.push_back(s);
      }
    ASSERT_TRUE(catalog_->import(data, "test").imported);
    calendar_ = std::make_unique<Calendar>(*db_, *catalog_, clock_);
    outbox_ = std::make_unique<mail::Outbox>(*db_, clock_);
    inbox_ = std::make_unique<inbox::Inbox>(*db_, clock_);
  }

  // Mails in the outbox to `recipient`, oldest first.
  std::vector<mail::Mail> mails_to(const std::string& recipient) {
    std::vector<mail::Mail> out;
    for (const auto& p : outbox_->claim_due(100))
      if (p.mail.recipient == recipient) out.push_back(p.mail);
    return out;
  }
  void TearDown() override {
    calendar_.reset();
    inbox_.reset();
    outbox_.reset();
    catalog_.reset();
    db_->close();
    fs::remove_all(dir_);
  }

  Outcome book(const char* office, const char* start, const char* name = "Eva Beispiel") {
    BookingInput in;
    in.service_id = "reisepass-beantragen";
    in.office_id = office;
    in.start = at(start);
    in.name = name;
    in.email = "eva@example.org";
    return calendar_->book(in);
  }

  fs::path dir_;
  // Monday 23 November 2026, 07:00 in Berlin.
  core::ManualClock clock_{*core::parse_iso_instant("2026-11-23T07:00:00+01:00")};
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<catalog::Catalog> catalog_;
  std::unique_ptr<Calendar> calendar_;
  std::unique_ptr<mail::Outbox> outbox_;
  std::unique_ptr<inbox::Inbox> inbox_;
};

TEST_F(BookingTest, AnOfficeTakesAsManyAppointmentsAtOnceAsItHasCounters) {
  const char* slot = "2026-11-25T09:15:00+01:00"; // Wednesday; Süd has 2 counters
  EXPECT_EQ(book("buergerbuero-sued", slot).status, Outcome::Status::ok);
  EXPECT_EQ(book("buergerbuero-sued", slot).status, Outcome::Status::ok);
  EXPECT_EQ(book("buergerbuero-sued", slot).status, Outcome::Status::taken);
  const auto slots = calendar_->free_slots(
      {"reisepass-beantragen", "buergerbuero-sued", at(slot), at(slot) + hours(1), 50});
  ASSERT_FALSE(slots.empty());
  EXPECT_GT(slots.front().time.start, at(slot)); // the full slot is not offered
}

TEST_F(BookingTest, AHoldReservesTheSlotUntilItRunsOut) {
  const char* slot = "2026-11-25T09:15:00+01:00";
  const Outcome first = calendar_->hold("reisepass-beantragen", "buergerbuero-sued", at(slot), "a");
  const Outcome second =
      calendar_->hold("reisepass-beantragen", "buergerbuero-sued", at(slot), "b");
  ASSERT_EQ(first.status, Outcome::Status::ok);
  ASSERT_EQ(second.status, Outcome::Status::ok);
  EXPECT_EQ(book("buergerbuero-sued", slot).status, Outcome::Status::taken);
  clock_.advance(minutes(6)); // both holds have expired
  BookingInput from_hold;
  from_hold.hold_id = first.hold.id;
  from_hold.name = "Eva";
  from_hold.email = "eva@example.org";
  EXPECT_EQ(calendar_->book(from_hold).status, Outcome::Status::hold_expired);
  EXPECT_EQ(book("buergerbuero-sued", slot).status, Outcome::Status::ok);
  EXPECT_EQ(book("buergerbuero-sued", slot).status, Outcome::Status::ok);
}

TEST_F(BookingTest, OneClientHoldsAtMostFiveSlotsAtATime) {
  const auto start = at("2026-11-25T08:00:00+01:00");
  const auto hold = [&](core::TimePoint t, const char* client) {
    return calendar_->hold("reisepass-beantragen", "buergerbuero-mitte", t, client).status;
  };
  for (int i = 0; i < 5; ++i)
    EXPECT_EQ(hold(start + minutes(15 * i), "10.0.0.1"), Outcome::Status::ok);
  EXPECT_EQ(hold(start + hours(2), "10.0.0.1"), Outcome::Status::too_many_holds);
  EXPECT_EQ(hold(start + hours(2), "10.0.0.2"), Outcome::Status::ok);
  clock_.advance(minutes(6));
  EXPECT_EQ(hold(start + hours(2), "10.0.0.1"), Outcome::Status::ok);
}

TEST_F(BookingTest, AWalkInTakesADeskFromNow) {
  clock_.set(at("2026-11-25T08:52:00+01:00"));
  const http::Identity anna{"u-anna", "anna", "Anna Schmidt", http::Role::staff, "Bürgeramt", "s"};
  const Appointment w = calendar_->walk_in("buergerbuero-sued", "reisepass-beantragen", "", anna);
  EXPECT_EQ(w.status, Status::arrived);
  EXPECT_EQ(w.time.end, at("2026-11-25T09:07:00+01:00"));
  EXPECT_EQ(book("buergerbuero-sued", "2026-11-25T09:00:00+01:00").status, Outcome::Status::ok);
  EXPECT_EQ(book("buergerbuero-sued", "2026-11-25T09:00:00+01:00").status, Outcome::Status::taken);
  EXPECT_EQ(book("buergerbuero-sued", "2026-11-25T09:15:00+01:00").status, Outcome::Status::ok);
  const http::Identity other{"u-x", "x", "X", http::Role::staff, "Standesamt", "s"};
  EXPECT_THROW(calendar_->walk_in("buergerbuero-sued", "reisepass-beantragen", "", other),
               core::Error);
}

TEST_F(BookingTest, SlotsOffTheRulesAreRefused) {
  const auto refused = [&](const char* office, const char* start) {
    try {
      book(office, start);
    } catch (const core::Error& e) {
      return e.kind();
    }
    return core::ErrorKind::internal;
  };
  using K = core::ErrorKind;
  EXPECT_EQ(refused("buergerbuero-sued", "2026-11-20T09:00:00+01:00"), K::invalid_argument); // past
  EXPECT_EQ(refused("buergerbuero-mitte", "2026-11-24T13:00:00+01:00"),
            K::invalid_argument); // lunch
  EXPECT_EQ(refused("buergerbuero-mitte", "2026-11-24T08:05:00+01:00"),
            K::invalid_argument); // grid
  EXPECT_EQ(refused("buergerbuero-mitte", "2026-12-24T09:00:00+01:00"),
            K::invalid_argument); // closed
  EXPECT_EQ(refused("buergerbuero-mitte", "2026-12-25T09:00:00+01:00"),
            K::invalid_argument);                                                     // holiday
  EXPECT_EQ(refused("standesamt", "2026-11-24T09:00:00+01:00"), K::invalid_argument); // not offered
  EXPECT_EQ(refused("nirgendwo", "2026-11-24T09:00:00+01:00"), K::not_found);
}

TEST_F(BookingTest, ReschedulingToATakenSlotKeepsTheOldOne) {
  const Outcome mine = book("buergerbuero-sued", "2026-11-25T09:00:00+01:00");
  ASSERT_EQ(mine.status, Outcome::Status::ok);
  ASSERT_EQ(book("buergerbuero-sued", "2026-11-25T09:30:00+01:00").status, Outcome::Status::ok);
  ASSERT_EQ(book("buergerbuero-sued", "2026-11-25T09:30:00+01:00").status, Outcome::Status::ok);
  const Caller me{mine.token, nullptr};
  const std::string code = mine.appointment.code;
  EXPECT_EQ(calendar_->reschedule(code, me, at("2026-11-25T09:30:00+01:00")).status,
            Outcome::Status::taken);
  EXPECT_EQ(calendar_->get(code, me).time.start, at("2026-11-25T09:00:00+01:00"));
  const Outcome moved = calendar_->reschedule(code, me, at("2026-11-25T09:45:00+01:00"));
  ASSERT_EQ(moved.status, Outcome::Status::ok);
  EXPECT_EQ(calendar_->get(code, me).time.start, at("2026-11-25T09:45:00+01:00"));
  // A wrong token looks exactly like an unknown code.
  EXPECT_THROW(calendar_->get(code, Caller{"falsch", nullptr}), core::Error);
  EXPECT_THROW(calendar_->get("ZZZZ-ZZZZ", me), core::Error);
}

TEST_F(BookingTest, TheLoadTableAlwaysEqualsTheAppointmentsThatTakeADesk) {
  const auto rows = [&](const char* sql) {
    return db_->read([&](store::Connection& c) {
      std::vector<std::string> out;
      for (const auto& r : c.query(sql))
        out.push_back(r.text(0) + " " + std::to_string(r.integer(1)) + " " +
                      std::to_string(r.integer(2)) + " " + std::to_string(r.integer(3)));
      return out;
    });
  };
  const auto consistent = [&] {
    return rows("SELECT office_id, start_at, end_at, COUNT(*) FROM appointments WHERE status <> "
                "'cancelled' GROUP BY office_id, start_at, end_at ORDER BY 1, 2, 3") ==
           rows("SELECT office_id, start_at, end_at, count FROM appointments_load WHERE count > 0 "
                "ORDER BY 1, 2, 3");
  };
  http::Identity tom{"u-tom", "tom", "Tom Müller", http::Role::citizen, "", "s"};
  const http::Identity anna{"u-anna", "anna", "Anna Schmidt", http::Role::staff, "Bürgeramt", "s"};
  BookingInput in;
  in.service_id = "reisepass-beantragen";
  in.office_id = "buergerbuero-sued";
  in.identity = &tom;
  in.start = at("2026-11-25T09:00:00+01:00");
  const Outcome a = calendar_->book(in);
  const Outcome b = calendar_->book(in);
  in.start = at("2026-11-26T14:00:00+01:00");
  const Outcome c = calendar_->book(in);
  ASSERT_TRUE(consistent());
  calendar_->reschedule(a.appointment.code, {a.token, nullptr}, at("2026-11-25T09:15:00+01:00"));
  ASSERT_TRUE(consistent());
  calendar_->cancel(b.appointment.code, {b.token, nullptr});
  calendar_->cancel(b.appointment.code, {b.token, nullptr}); // twice: no second decrement
  ASSERT_TRUE(consistent());
  calendar_->mark("buergerbuero-sued", a.appointment.code, Status::arrived, anna);
  ASSERT_TRUE(consistent());
  db_->write([&](store::Connection& conn) { calendar_->erase_user(conn, "u-tom", clock_.now()); });
  EXPECT_TRUE(consistent());
  EXPECT_EQ(calendar_->get(c.appointment.code, {c.token, nullptr}).status, Status::cancelled);
}

// DTSTART/DTEND as libical reads them back, in UTC.
std::pair<std::string, std::string> ics_times(const std::string& text) {
  icalcomponent* cal = icalparser_parse_string(text.c_str());
  EXPECT_NE(cal, nullptr);
  icalcomponent* event = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT);
  EXPECT_NE(event, nullptr);
  const auto utc = [](icaltimetype t) {
    const time_t s = icaltime_as_timet_with_zone(t, t.zone);
    return core::format_utc(core::TimePoint(seconds(s)));
  };
  auto result =
      std::make_pair(utc(icalcomponent_get_dtstart(event)), utc(icalcomponent_get_dtend(event)));
  icalcomponent_free(cal);
  return result;
}

TEST_F(BookingTest, CalendarFilesCarryBerlinTimesThatLibicalReadsBack) {
  Appointment a;
  a.id = "a1";
  a.code = "K7M2-Q9TX";
  a.service_id = "reisepass-beantragen";
  a.time = {at("2026-11-24T14:00:00+01:00"), at("2026-11-24T14:15:00+01:00")};
  std::string text = to_ics(a, nullptr, nullptr, clock_.now());
  EXPECT_NE(text.find("DTSTART;TZID=Europe/Berlin:20261124T140000"), std::string::npos) << text;
  EXPECT_NE(text.find("BEGIN:VTIMEZONE"), std::string::npos);
  EXPECT_EQ(ics_times(text), std::make_pair(std::string("2026-11-24T13:00:00Z"),
                                            std::string("2026-11-24T13:15:00Z")));
  a.time = {at("2027-07-06T09:00:00+02:00"), at("2027-07-06T09:15:00+02:00")}; // summer time
  text = to_ics(a, nullptr, nullptr, clock_.now());
  EXPECT_EQ(ics_times(text), std::make_pair(std::string("2027-07-06T07:00:00Z"),
                                            std::string("2027-07-06T07:15:00Z")));
}

TEST_F(BookingTest, ErasingAUserCancelsTheFutureAndAnonymisesThePast) {
  http::Identity tom{"u-tom", "tom", "Tom Müller", http::Role::citizen, "", "s"};
  BookingInput in;
  in.service_id = "reisepass-beantragen";
  in.office_id = "buergerbuero-sued";
  in.identity = &tom;
  in.start = at("2026-11-25T09:00:00+01:00");
  const Outcome past = calendar_->book(in);
  in.start = at("2026-11-26T14:00:00+01:00");
  const Outcome future = calendar_->book(in);
  ASSERT_EQ(past.status, Outcome::Status::ok);
  ASSERT_EQ(future.status, Outcome::Status::ok);
  EXPECT_EQ(calendar_->of_user("u-tom").size(), 2u);
  clock_.set(at("2026-11-25T12:00:00+01:00"));
  db_->write([&](store::Connection& c) { calendar_->erase_user(c, "u-tom", clock_.now()); });
  EXPECT_TRUE(calendar_->of_user("u-tom").empty());
  const auto kept = calendar_->get(past.appointment.code, {past.token, nullptr});
  EXPECT_EQ(kept.name, "");
  EXPECT_EQ(kept.status, Status::booked);
  EXPECT_EQ(calendar_->get(future.appointment.code, {future.token, nullptr}).status,
            Status::cancelled);
}

// --- confirmation and reminder mails ----------------------------------------------

TEST_F(BookingTest, ABookingQueuesItsConfirmationWithCodeTimePlaceAndTheManageLink) {
  const Notices notices(*db_, *calendar_, *outbox_, *inbox_, "https://stadt.example");
  calendar_->set_booked_hook([&](store::Connection& c, const Appointment& a,
                                 const std::string& token) { notices.booked(c, a, token); });
  const Outcome b = book("buergerbuero-sued", "2026-11-25T09:15:00+01:00");
  ASSERT_EQ(b.status, Outcome::Status::ok);
  const auto mails = mails_to("eva@example.org");
  ASSERT_EQ(mails.size(), 1u);
  const std::string& body = mails[0].body;
  EXPECT_NE(mails[0].subject.find(b.appointment.code), std::string::npos) << mails[0].subject;
  for (const std::string& part : std::vector<std::string>{
           "Guten Tag Eva Beispiel", "Bestätigungscode: " + b.appointment.code,
           "Wann: Mittwoch, 25.11.2026, 09:15 Uhr",
           "Bürgerbüro Süd, Kirchweg 12, 59999 Musterstadt",
           "https://stadt.example/termine/" + b.appointment.code + "?token=" + b.token,
           "https://stadt.example/api/appointments/" + b.appointment.code +
               ".ics?token=" + b.token})
    EXPECT_NE(body.find(part), std::string::npos) << part << "\n" << body;
  EXPECT_EQ(book("buergerbuero-sued", "2026-11-25T09:15:00+01:00").status, Outcome::Status::ok);
  EXPECT_EQ(book("buergerbuero-sued", "2026-11-25T09:15:00+01:00").status, Outcome::Status::taken);
  // mails_to() claimed the first mail: now only the second booking's is due.
  EXPECT_EQ(mails_to("eva@example.org").size(), 1u) << "a taken slot sends nothing";
}

TEST_F(BookingTest, TheDayBeforeEachBookedAppointmentIsRemindedOnceWithoutItsToken) {
  const Notices notices(*db_, *calendar_, *outbox_, *inbox_, "https://stadt.example");
  const Outcome kept = book("buergerbuero-sued", "2026-11-25T09:15:00+01:00");
  const Outcome cancelled = book("buergerbuero-sued", "2026-11-25T10:00:00+01:00", "Ole Beispiel");
  const Outcome later = book("buergerbuero-sued", "2026-11-26T14:00:00+01:00", "Ida Beispiel");
  BookingInput mine;
  mine.service_id = "reisepass-beantragen";
  mine.office_id = "buergerbuero-sued";
  mine.start = at("2026-11-25T11:00:00+01:00");
  const http::Identity tom{"tom-id", "tom", "Tom Müller", http::Role::citizen, "", ""};
  mine.identity = &tom;
  const Outcome logged_in = calendar_->book(mine); // no e-mail: the Postfach only
  for (const Outcome* o : {&kept, &cancelled, &later, &logged_in})
    ASSERT_EQ(o->status, Outcome::Status::ok);
  calendar_->cancel(cancelled.appointment.code, {cancelled.token, nullptr});

  clock_.set(at("2026-11-24T07:00:00+01:00"));
  const NoticeRun run = notices.remind(core::berlin_today(clock_));
  EXPECT_EQ(core::format_date(run.day), "2026-11-25");
  EXPECT_EQ(run.mails, 1);
  EXPECT_EQ(run.messages, 1);
  const auto mails = mails_to("eva@example.org");
  ASSERT_EQ(mails.size(), 1u);
  EXPECT_NE(mails[0].body.find("Bestätigungscode: " + kept.appointment.code), std::string::npos);
  EXPECT_NE(mails[0].body.find("mit dem Link aus Ihrer Buchungsbestätigung"), std::string::npos);
  EXPECT_EQ(mails[0].body.find(kept.token), std::string::npos) << "no token in a reminder";
  EXPECT_EQ(mails[0].body.find("token="), std::string::npos);
  const auto postfach = inbox_->list("tom-id");
  ASSERT_EQ(postfach.messages.size(), 1u);
  EXPECT_NE(postfach.messages[0].body.find(logged_in.appointment.code), std::string::npos);

  clock_.advance(hours(3)); // the job runs again the same day (another server, a restart)
  const NoticeRun again = notices.remind(core::berlin_today(clock_));
  EXPECT_EQ(again.mails + again.messages, 0);
  clock_.set(at("2026-11-25T07:00:00+01:00")); // the next day: Ida's appointment
  EXPECT_EQ(notices.remind(core::berlin_today(clock_)).mails, 1);
}

} // namespace
