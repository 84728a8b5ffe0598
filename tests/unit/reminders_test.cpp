// Reminders about expiring documents (once per document and window, across
// month ends and leap years), the Postfach, and the mail outbox's retries.
#include <gtest/gtest.h>

#include <condition_variable>
#include <mutex>

#include "accounts/accounts.hpp"
#include "app/schema.hpp"
#include "audit/audit_log.hpp"
#include "core/error.hpp"
#include "documents/documents.hpp"
#include "documents/reminders.hpp"
#include "inbox/inbox.hpp"
#include "jobs/scheduler.hpp"
#include "mail/outbox.hpp"
#include "mail/smtp_sender.hpp"

namespace {

using namespace std::chrono;
using core::Date;

Date date(int y, unsigned m, unsigned d) { return Date{year{y}, month{m}, day{d}}; }

TEST(ReminderRules, WindowsAreParsedStrictly) {
  EXPECT_EQ(documents::parse_windows("180,30"), (std::vector<int>{180, 30}));
  EXPECT_EQ(documents::parse_windows(" 30 , 180 ,7"), (std::vector<int>{180, 30, 7}));
  for (const char* bad : {"", "180,", "abc", "0", "30,30", "-5", "4000", "1.5"})
    EXPECT_THROW(documents::parse_windows(bad), core::Error) << bad;
}

TEST(ReminderRules, TheOfferIsForTheServiceThatRenewsTheKind) {
  EXPECT_EQ(documents::renewal_service(documents::Kind::reisepass), "reisepass-beantragen");
  EXPECT_EQ(documents::renewal_service(documents::Kind::personalausweis),
            "personalausweis-beantragen");
  EXPECT_EQ(documents::renewal_service(documents::Kind::kinderreisepass), "reisepass-fuer-kinder");
  EXPECT_EQ(documents::renewal_service(documents::Kind::fuehrerschein), "fuehrerschein-umtausch");
}

TEST(ReminderRules, TimeUntilExpiryInPlainGerman) {
  EXPECT_EQ(documents::time_until(date(2026, 11, 26), date(2027, 3, 26)), "in 4 Monaten");
  // 31 October + 4 calendar months is 28 February (the month's last day).
  EXPECT_EQ(documents::time_until(date(2026, 10, 31), date(2027, 2, 28)), "in 4 Monaten");
  EXPECT_EQ(documents::time_until(date(2026, 10, 31), date(2027, 2, 27)), "in 3 Monaten");
  EXPECT_EQ(documents::time_until(date(2027, 1, 31), date(2027, 2, 28)), "in einem Monat");
  EXPECT_EQ(documents::time_until(date(2028, 1, 30), date(2028, 2, 29)), "in einem Monat");
  EXPECT_EQ(documents::time_until(date(2027, 3, 1), date(2027, 3, 26)), "in 25 Tagen");
  EXPECT_EQ(documents::time_until(date(2027, 3, 25), date(2027, 3, 26)), "morgen");
  EXPECT_EQ(documents::time_until(date(2027, 3, 26), date(2027, 3, 26)), "heute");
}

class RemindersTest : public ::testing::Test {
protected:
  RemindersTest()
      : db_(store::Database::open("sqlite::memory:", "")),
        clock_(sys_days{date(2026, 11, 26)} + 9h), audit_(*db_, clock_), inbox_(*db_, clock_),
        outbox_(*db_, clock_) {
    db_->migrate(app::all_migrations());
    accounts::Settings settings;
    settings.password_cost = accounts::PasswordCost::minimal;
    accounts_ = std::make_unique<accounts::Accounts>(*db_, clock_, settings);
    tom_ = accounts_->create_user({"tom", "Tom Müller", "tom@example.org", "geheim-genug-1",
                                   accounts::Role::citizen, "", true, false});
    bea_ = accounts_->create_user({"bea", "Bea Beispiel", "bea@example.org", "geheim-genug-1",
                                   accounts::Role::citizen, "", false, false});
    register_ = std::make_unique<documents::Register>(*db_, clock_, *accounts_, audit_);
    reminders_ =
        std::make_unique<documents::Reminders>(*db_, clock_, *accounts_, inbox_, outbox_,
                                               std::vector<int>{180, 30}, "https://stadt.example");
  }

  void import(const std::string& rows) {
    const auto r = register_->import_csv(
        anna_, "username,kind,number,issue_date,expiry_date,authority\n" + rows, false);
    ASSERT_TRUE(r.errors.empty()) << r.errors[0].row << r.errors[0].field << r.errors[0].message;
  }

  // Runs the reminders on every day from `from` to `to` and returns the
  // days on which a message was written.
  std::vector<Date> run_days(Date from, Date to) {
    std::vector<Date> days;
    for (Date d = from; core::days_between(d, to) >= 0; d = core::add_days(d, 1)) {
      clock_.set(core::berlin_instant_lenient(d, hours{7}));
      if (reminders_->run(d).messages > 0) days.push_back(d);
    }
    return days;
  }

  std::unique_ptr<store::Database> db_;
  core::ManualClock clock_;
  audit::AuditLog audit_;
  inbox::Inbox inbox_;
  mail::Outbox outbox_;
  std::unique_ptr<accounts::Accounts> accounts_;
  std::unique_ptr<documents::Register> register_;
  std::unique_ptr<documents::Reminders> reminders_;
  accounts::User tom_, bea_;
  const http::Identity anna_{"anna-id", "anna", "Anna Schmidt", http::Role::staff, "Bürgeramt", ""};
};

TEST_F(RemindersTest, OneMessagePerWindowOnTheFirstDayInsideIt) {
  import("tom,reisepass,C01X00T47K,2017-03-31,2027-03-31,Stadt Musterstadt\n");
  // 180 days before 31 March 2027 is 1 October 2026; 30 days before is 1 March.
  EXPECT_EQ(run_days(date(2026, 9, 1), date(2027, 4, 30)),
            (std::vector<Date>{date(2026, 10, 2), date(2027, 3, 1)}));
  const auto listing = inbox_.list(tom_.id);
  ASSERT_EQ(listing.messages.size(), 2u);
  EXPECT_EQ(listing.unread, 2);
  const auto& newest = listing.messages[0];
  EXPECT_EQ(newest.subject, "Dein Reisepass läuft in 30 Tagen ab");
  EXPECT_NE(newest.body.find("Hallo Tom!"), std::string::npos);
  EXPECT_NE(newest.body.find("31.03.2027"), std::string::npos);
  EXPECT_NE(newest.body.find("C01X••••7K"), std::string::npos);
  EXPECT_EQ(newest.body.find("C01X00T47K"), std::string::npos) << "no full number in messages";
  ASSERT_TRUE(newest.action);
  EXPECT_EQ(newest.action->url, "/assistent?frage=Mein%20Reisepass%20l%C3%A4uft%20bald%20ab.%20Ich%"
                                "20brauche%20einen%20Termin.");
  EXPECT_EQ(listing.messages[1].subject, "Dein Reisepass läuft in 5 Monaten ab");
  EXPECT_EQ(outbox_.queued_count(), 2) << "tom's address is verified: one mail per reminder";
  const auto mails = outbox_.claim_due(10);
  ASSERT_EQ(mails.size(), 2u);
  for (const auto& m : mails)
    EXPECT_NE(m.mail.body.find("Termin vereinbaren: "
                               "https://stadt.example/termine/buchen?service=reisepass-beantragen"),
              std::string::npos)
        << m.mail.body;
}

TEST_F(RemindersTest, LeapDayExpiryAndTheSameDayTwice) {
  import("tom,personalausweis,L01X00T471,2018-02-28,2028-02-29,Stadt Musterstadt\n");
  EXPECT_EQ(reminders_->run(date(2028, 1, 29)).messages, 1) << "31 days: the 180-day window";
  EXPECT_EQ(reminders_->run(date(2028, 1, 29)).messages, 0) << "the same day again";
  EXPECT_EQ(reminders_->run(date(2028, 1, 30)).messages, 1) << "30 days before 29 February";
  EXPECT_EQ(reminders_->run(date(2028, 1, 30)).messages, 0);
  EXPECT_EQ(reminders_->run(date(2028, 2, 29)).messages, 0) << "no third window";
  EXPECT_EQ(reminders_->run(date(2028, 3, 1)).messages, 0) << "expired: no reminder";
  const auto listing = inbox_.list(tom_.id);
  ASSERT_EQ(listing.messages.size(), 2u);
  EXPECT_EQ(listing.messages[0].action->url, "/assistent?frage=Mein%20Personalausweis%20l%C3%A4uft%"
                                             "20bald%20ab.%20Ich%20brauche%20einen%20Termin.");
}

TEST_F(RemindersTest, ADocumentFoundLateGetsOnlyTheSmallestWindow) {
  import("tom,reisepass,C01X00T47K,2017-03-26,2027-03-26,A\n");
  EXPECT_EQ(reminders_->run(date(2027, 3, 16)).messages, 1);
  EXPECT_EQ(run_days(date(2027, 3, 16), date(2027, 3, 26)).size(), 0u);
  EXPECT_EQ(inbox_.list(tom_.id).messages.size(), 1u);
}

TEST_F(RemindersTest, ARenewedDocumentStartsFreshAndLostOnesAreQuiet) {
  import("tom,reisepass,C01X00T47K,2017-03-26,2027-03-26,A\n"
         "tom,personalausweis,L01X00T471,2017-03-26,2027-03-26,A\n");
  EXPECT_EQ(reminders_->run(date(2027, 3, 1)).messages, 2);
  // The passport's entry is renewed in place (new dates), the ID card is lost.
  clock_.set(sys_days{date(2027, 3, 20)} + 9h);
  import("tom,reisepass,C01X00T47K,2027-03-20,2037-03-19,A\n");
  for (const auto& d : register_->own(tom_.id))
    if (d.kind == documents::Kind::personalausweis)
      register_->report(tom_.id, d.id, documents::StoredState::lost);
  EXPECT_EQ(reminders_->run(date(2027, 3, 2)).messages, 0);
  EXPECT_EQ(reminders_->run(date(2036, 9, 21)).messages, 1) << "the renewed passport's 180 days";
}

TEST_F(RemindersTest, NoMailWithoutAVerifiedAddress) {
  import("bea,reisepass,C01X00T47K,2017-03-26,2027-03-26,A\n");
  const auto run = reminders_->run(date(2027, 3, 1));
  EXPECT_EQ(run.messages, 1);
  EXPECT_EQ(run.mails, 0);
  EXPECT_EQ(outbox_.queued_count(), 0);
  EXPECT_TRUE(inbox_.list(tom_.id).messages.empty()) << "bea's reminder is not tom's";
}

TEST_F(RemindersTest, InboxMessagesAreTheOwnersOnly) {
  const std::string id = inbox_.post(tom_.id, {"Betreff", "Text", std::nullopt});
  EXPECT_FALSE(inbox_.mark_read(bea_.id, id));
  EXPECT_FALSE(inbox_.remove(bea_.id, id));
  EXPECT_FALSE(inbox_.mark_read(tom_.id, "unknown"));
  EXPECT_TRUE(inbox_.mark_read(tom_.id, id));
  const auto first_read = inbox_.list(tom_.id).messages[0].read_at;
  clock_.advance(1h);
  EXPECT_TRUE(inbox_.mark_read(tom_.id, id));
  EXPECT_EQ(inbox_.list(tom_.id).messages[0].read_at, first_read) << "the first time is kept";
  EXPECT_EQ(inbox_.list(tom_.id).unread, 0);
  EXPECT_TRUE(inbox_.remove(tom_.id, id));
  EXPECT_FALSE(inbox_.remove(tom_.id, id));
  for (const char* subject : {"erste", "zweite", "dritte"}) // the same millisecond
    inbox_.post(tom_.id, {subject, "", std::nullopt});
  const auto same_time = inbox_.list(tom_.id).messages;
  ASSERT_EQ(same_time.size(), 3u);
  EXPECT_EQ(same_time[0].subject, "dritte");
  EXPECT_EQ(same_time[2].subject, "erste");
  // Pages: two at a time, then the rest; unread counts every page.
  const auto first = inbox_.list(tom_.id, 2);
  ASSERT_EQ(first.messages.size(), 2u);
  EXPECT_EQ(first.unread, 3);
  EXPECT_EQ(first.next, first.messages[1].id);
  const auto second = inbox_.list(tom_.id, 2, first.next);
  ASSERT_EQ(second.messages.size(), 1u);
  EXPECT_EQ(second.messages[0].subject, "erste");
  EXPECT_TRUE(second.next.empty());
  EXPECT_THROW(inbox_.list(bea_.id, 2, first.next), core::Error) << "a foreign cursor";
  EXPECT_THROW(inbox_.list(tom_.id, 0), core::Error);
  EXPECT_THROW(inbox_.list(tom_.id, inbox::kMaxPage + 1), core::Error);
  for (const auto& m : same_time)
    inbox_.remove(tom_.id, m.id);
  EXPECT_TRUE(inbox_.list(tom_.id).messages.empty());
}

// --- the outbox ----------------------------------------------------------------------

TEST_F(RemindersTest, FailedDeliveriesAreRetriedWithGrowingPausesThenGivenUp) {
  EXPECT_EQ(mail::retry_backoff(1), 60s);
  EXPECT_EQ(mail::retry_backoff(2), 120s);
  EXPECT_EQ(mail::retry_backoff(4), 480s);
  EXPECT_EQ(mail::retry_backoff(30), 6h);
  db_->write([&](store::Connection& c) { outbox_.enqueue(c, {"a@example.org", "S", "token"}); });
  auto due = outbox_.claim_due(10);
  ASSERT_EQ(due.size(), 1u);
  EXPECT_TRUE(outbox_.claim_due(10).empty()) << "claimed: a second sender does not get it";
  outbox_.mark_failed(due[0].id, "connection refused");
  EXPECT_TRUE(outbox_.claim_due(10).empty()) << "waits a minute";
  clock_.advance(61s);
  due = outbox_.claim_due(10);
  ASSERT_EQ(due.size(), 1u);
  EXPECT_EQ(due[0].attempts, 1);
  for (int i = 1; i < mail::kMaxAttempts; ++i) {
    outbox_.mark_failed(due[0].id, "still refused");
    clock_.advance(7h);
    due = outbox_.claim_due(10);
    if (i + 1 < mail::kMaxAttempts) {
      ASSERT_EQ(due.size(), 1u) << i;
    }
  }
  EXPECT_TRUE(due.empty()) << "given up after kMaxAttempts";
  EXPECT_EQ(outbox_.queued_count(), 0);
}

TEST_F(RemindersTest, ASentMailKeepsNoBody) {
  db_->write([&](store::Connection& c) {
    outbox_.enqueue(c, {"a@example.org", "Bestätigen", "#token=geheim"});
  });
  const auto due = outbox_.claim_due(10);
  ASSERT_EQ(due.size(), 1u);
  outbox_.mark_sent(due[0].id);
  const auto body = db_->read([](store::Connection& c) {
    return c.query_one("SELECT body, sent_at FROM mail_outbox")->text(0);
  });
  EXPECT_EQ(body, "");
  EXPECT_TRUE(outbox_.pending(10).empty());
}

TEST(SmtpMessage, HeadersCannotBeInjectedAndTheBodyIsBase64) {
  const mail::SmtpSettings s{"smtp://localhost", "stadt@example.org", "", ""};
  const std::string m =
      mail::format_message(s, {"tom@example.org\r\nBcc: evil@example.org", "Grüße\r\nX: y", "Hi"},
                           sys_days{date(2026, 11, 26)} + 9h, "abc");
  EXPECT_EQ(m.find("\r\nBcc:"), std::string::npos);
  EXPECT_EQ(m.find("\r\nX: y"), std::string::npos);
  EXPECT_NE(m.find("Subject: =?UTF-8?B?"), std::string::npos);
  EXPECT_NE(m.find("Date: Thu, 26 Nov 2026 09:00:00 +0000\r\n"), std::string::npos);
  EXPECT_NE(m.find("\r\n\r\nSGk=\r\n"), std::string::npos);
}

} // namespace

namespace {

// The scheduler runs a daily job once at start and again when its Berlin
// time has come on the clock (waits are bounded: nothing is timed).
TEST(SchedulerLoop, DailyJobsRunAtStartAndAgainWhenTheClockReachesTheirTime) {
  core::ManualClock clock(sys_days{date(2026, 11, 26)} + 9h); // 10:00 in Berlin
  jobs::Scheduler scheduler(clock);
  std::mutex mutex;
  std::condition_variable changed;
  int runs = 0;
  scheduler.daily("test", hours{7}, [&] {
    std::lock_guard lock(mutex);
    ++runs;
    changed.notify_all();
  });
  auto wait_for_runs = [&](int n) {
    std::unique_lock lock(mutex);
    return changed.wait_for(lock, 30s, [&] { return runs >= n; });
  };
  scheduler.start();
  ASSERT_TRUE(wait_for_runs(1)) << "the catch-up run at start";
  clock.set(sys_days{date(2026, 11, 27)} + 6h); // 07:00 in Berlin the next day
  ASSERT_TRUE(wait_for_runs(2));
  scheduler.stop();
  std::lock_guard lock(mutex);
  EXPECT_EQ(runs, 2);
}

} // namespace
