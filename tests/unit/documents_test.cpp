// The document register: Berlin dates, masking, status, the CSV import's
// validation (hostile input included), and the audit of staff access.
#include <gtest/gtest.h>

#include "accounts/accounts.hpp"
#include "app/schema.hpp"
#include "audit/audit_log.hpp"
#include "core/city_time.hpp"
#include "core/error.hpp"
#include "documents/documents.hpp"
#include "jobs/scheduler.hpp"

namespace {

using namespace std::chrono;
using core::Date;
using documents::Document;
using documents::Kind;
using documents::Status;
using documents::StoredState;

Date date(int y, unsigned m, unsigned d) { return Date{year{y}, month{m}, day{d}}; }

core::TimePoint utc(int y, unsigned m, unsigned d, int h, int min = 0) {
  return sys_days{date(y, m, d)} + hours{h} + minutes{min};
}

TEST(Scheduler, DailyRunsAtTheBerlinWallClockTime) {
  const auto seven = hours{7};
  EXPECT_EQ(jobs::next_daily_run(utc(2026, 11, 26, 5), seven), utc(2026, 11, 26, 6));
  EXPECT_EQ(jobs::next_daily_run(utc(2026, 11, 26, 6), seven), utc(2026, 11, 27, 6));
  // The night of the switch to summer time: 07:00 CEST is 05:00 UTC.
  EXPECT_EQ(jobs::next_daily_run(utc(2026, 3, 28, 12), seven), utc(2026, 3, 29, 5));
  EXPECT_EQ(jobs::parse_time_of_day("07:30"), minutes{450});
  for (const char* bad : {"7:30", "24:00", "07:60", "07-30", ""})
    EXPECT_THROW(jobs::parse_time_of_day(bad), core::Error) << bad;
}

// --- masking and status --------------------------------------------------------

TEST(Documents, CitizensSeeMaskedNumbers) {
  EXPECT_EQ(documents::mask_number("C01X00T47K"), "C01X••••7K");
  EXPECT_EQ(documents::mask_number("L01X00T471"), "L01X••••71");
  EXPECT_EQ(documents::mask_number("1234567"), "1234•67");
  EXPECT_EQ(documents::mask_number("123456"), "•••••6");
  EXPECT_EQ(documents::mask_number(""), "");
  // Never cuts a multi-byte character in half.
  EXPECT_EQ(documents::mask_number("ÄÖÜ12345ß"), "ÄÖÜ1•••5ß");
}

TEST(Documents, StatusFollowsTheExpiryDateAndTheStoredState) {
  Document d;
  d.kind = Kind::reisepass;
  d.expiry_date = date(2027, 3, 26);
  EXPECT_EQ(documents::status_on(d, date(2027, 3, 26)), Status::gueltig); // valid through the day
  EXPECT_EQ(documents::status_on(d, date(2027, 3, 27)), Status::abgelaufen);
  d.state = StoredState::lost;
  EXPECT_EQ(documents::status_on(d, date(2027, 1, 1)), Status::verloren);
  d.state = StoredState::stolen;
  EXPECT_EQ(documents::status_on(d, date(2030, 1, 1)), Status::gestohlen);
  Document licence;
  licence.kind = Kind::fuehrerschein; // an old licence without expiry
  EXPECT_EQ(documents::status_on(licence, date(2099, 1, 1)), Status::gueltig);
}

TEST(Documents, KindsAreReadByNameOrGermanLabel) {
  EXPECT_EQ(documents::kind_from_string("Reisepass"), Kind::reisepass);
  EXPECT_EQ(documents::kind_from_string("FÜHRERSCHEIN"), Kind::fuehrerschein);
  EXPECT_EQ(documents::kind_from_string("vorläufiger Personalausweis"),
            Kind::vorlaeufiger_personalausweis);
  EXPECT_EQ(documents::kind_from_string("vorlaeufiger_reisepass"), Kind::vorlaeufiger_reisepass);
  EXPECT_FALSE(documents::kind_from_string("Bibliotheksausweis"));
  EXPECT_FALSE(documents::kind_from_string(""));
}

// --- the register with a database ------------------------------------------------

class RegisterTest : public ::testing::Test {
protected:
  RegisterTest()
      : db_(store::Database::open("sqlite::memory:", "")), clock_(utc(2026, 11, 26, 9)),
        audit_(*db_, clock_) {
    db_->migrate(app::all_migrations());
    accounts::Settings settings;
    settings.password_cost = accounts::PasswordCost::minimal;
    accounts_ = std::make_unique<accounts::Accounts>(*db_, clock_, settings);
    tom_ = accounts_->create_user({"tom", "Tom Müller", "tom@example.org", "geheim-genug-1",
                                   accounts::Role::citizen, "", true, false});
    bea_ = accounts_->create_user({"bea", "Bea Beispiel", "bea@example.org", "geheim-genug-1",
                                   accounts::Role::citizen, "", false, false});
    register_ = std::make_unique<documents::Register>(*db_, clock_, *accounts_, audit_);
  }

  documents::ImportReport import(const std::string& csv, bool dry_run = false) {
    return register_->import_csv(anna_, csv, dry_run);
  }

  // "row/field" of every error, for compact assertions.
  static std::vector<std::string> where(const documents::ImportReport& r) {
    std::vector<std::string> out;
    for (const auto& e : r.errors)
      out.push_back(std::to_string(e.row) + "/" + e.field);
    return out;
  }

  std::unique_ptr<store::Database> db_;
  core::ManualClock clock_;
  audit::AuditLog audit_;
  std::unique_ptr<accounts::Accounts> accounts_;
  std::unique_ptr<documents::Register> register_;
  accounts::User tom_, bea_;
  const http::Identity anna_{"anna-id", "anna", "Anna Schmidt", http::Role::staff, "Bürgeramt", ""};
};

constexpr const char* kHeader = "username,kind,number,issue_date,expiry_date,authority\r\n";

TEST_F(RegisterTest, AValidFileIsImportedAndAgainUpdatesTheSameDocuments) {
  const std::string csv = std::string(kHeader) +
                          "tom,Reisepass,C01X00T47K,2017-03-26,2027-03-26,Stadt Musterstadt\r\n"
                          "tom,fuehrerschein,B072RRE2I55,1999-05-01,,\"Kreis Muster, "
                          "Führerscheinstelle\"\r\n";
  auto dry = import(csv, true);
  EXPECT_TRUE(dry.errors.empty());
  EXPECT_EQ(dry.added, 2);
  EXPECT_FALSE(dry.imported);
  EXPECT_TRUE(register_->own(tom_.id).empty()) << "a dry run writes nothing";

  auto r = import(csv);
  ASSERT_TRUE(r.errors.empty()) << r.errors[0].message;
  EXPECT_TRUE(r.imported);
  EXPECT_EQ(r.added, 2);
  const auto docs = register_->own(tom_.id);
  ASSERT_EQ(docs.size(), 2u);
  EXPECT_EQ(docs[0].kind, Kind::reisepass);
  EXPECT_EQ(docs[1].authority, "Kreis Muster, Führerscheinstelle");
  EXPECT_FALSE(docs[1].expiry_date);

  auto again = import(csv);
  EXPECT_EQ(again.added, 0);
  EXPECT_EQ(again.updated, 2);
  EXPECT_EQ(register_->own(tom_.id).size(), 2u);

  const auto entries = audit_.list({.subject_id = tom_.id, .action = "documents.import"});
  EXPECT_EQ(entries.size(), 2u) << "each import that changed tom's documents is on record";
}

TEST_F(RegisterTest, EveryProblemIsReportedWithRowAndFieldAndNothingIsImported) {
  const std::string csv =
      std::string(kHeader) +
      "tom,reisepass,C01X00T47K,2017-03-26,2027-03-26,Stadt Musterstadt\n"     // 2: fine
      "niemand,reisepass,C01X00T48K,2017-03-26,2027-03-26,Stadt Musterstadt\n" // 3: username
      "tom,bibliotheksausweis,C01X00T49K,2017-03-26,2027-03-26,Stadt\n"        // 4: kind
      "tom,reisepass,c01x-00,2017-03-26,2027-03-26,Stadt\n"                    // 5: number
      "tom,reisepass,C01X00T50K,2017-02-30,2027-03-26,Stadt\n"                 // 6: issue_date
      "tom,reisepass,C01X00T51K,2017-03-26,2016-03-26,Stadt\n"                 // 7: expiry_date
      "tom,personalausweis,L01X00T471,2017-03-26,,Stadt\n"                     // 8: expiry missing
      "tom,reisepass,C01X00T52K,2027-01-01,2037-01-01,Stadt\n"             // 9: issued in future
      "tom,reisepass,C01X00T47K,2017-03-26,2027-03-26,Stadt Musterstadt\n" // 10: duplicate
      "tom,reisepass,C01X00T53K,2017-03-26,2027-03-26\n"                   // 11: field count
      "tom,reisepass,C01X00T54K,2017-03-26,2027-03-26,\"Amt\x01\"\n";      // 12: control char
  const auto r = import(csv);
  EXPECT_FALSE(r.imported);
  EXPECT_EQ(r.rows, 11);
  EXPECT_EQ(where(r), (std::vector<std::string>{"3/username", "4/kind", "5/number", "6/issue_date",
                                                "7/expiry_date", "8/expiry_date", "9/issue_date",
                                                "10/number", "11/", "12/authority"}));
  EXPECT_TRUE(register_->own(tom_.id).empty());
}

TEST_F(RegisterTest, HostileFilesAreRefusedWithAReason) {
  auto first = [&](const std::string& csv) {
    const auto r = import(csv);
    EXPECT_FALSE(r.errors.empty()) << csv;
    return r.errors.empty() ? std::string()
                            : std::to_string(r.errors[0].row) + "/" + r.errors[0].field + ": " +
                                  r.errors[0].message;
  };
  EXPECT_NE(first("").find("leer"), std::string::npos);
  EXPECT_NE(first("username,kind\n").find("fehlt"), std::string::npos);
  EXPECT_NE(first("username,kind,number,issue_date,expiry_date,authority,password\n")
                .find("Unbekannte Spalte"),
            std::string::npos);
  EXPECT_NE(
      first("username,username,kind,number,issue_date,expiry_date,authority\n").find("zweimal"),
      std::string::npos);
  EXPECT_NE(first(std::string(kHeader) + "tom,reisepass,\"C01X00T47K,2017\n").find("CSV"),
            std::string::npos);
  EXPECT_NE(first(std::string(kHeader) + "tom,reise\"pass,C01X00T47K,2017-03-26,2027-03-26,A\n")
                .find("CSV"),
            std::string::npos);
  EXPECT_NE(first(std::string(kHeader) + "tom,reisepass,C01X\xff\xfe,2017-03-26,2027-03-26,A\n")
                .find("UTF-8"),
            std::string::npos);
  const std::string long_name(100000, 'x');
  EXPECT_NE(first(std::string(kHeader) + long_name +
                  ",reisepass,C01X00T47K,2017-03-26,"
                  "2027-03-26,A\n")
                .find("gibt es nicht"),
            std::string::npos);
  EXPECT_NE(first(std::string(kHeader) + "tom,reisepass,C01X00T47K,2017-03-26,2027-03-26," +
                  std::string(201, 'A') + "\n")
                .find("200"),
            std::string::npos);
  std::string many(kHeader);
  for (int i = 0; i <= 10000; ++i)
    many += "tom,reisepass,C01X00T47K,2017-03-26,2027-03-26,A\n";
  EXPECT_NE(first(many).find("10000"), std::string::npos);
  EXPECT_TRUE(register_->own(tom_.id).empty());
}

TEST_F(RegisterTest, ANumberOfAnotherPersonIsNotTakenOver) {
  ASSERT_TRUE(
      import(std::string(kHeader) + "tom,reisepass,C01X00T47K,2017-03-26,2027-03-26,A\n").imported);
  const auto r =
      import(std::string(kHeader) + "bea,reisepass,C01X00T55K,2020-01-01,2030-01-01,A\n"
                                    "bea,reisepass,C01X00T47K,2020-01-01,2030-01-01,A\n");
  EXPECT_EQ(where(r), (std::vector<std::string>{"3/number"}));
  EXPECT_TRUE(register_->own(bea_.id).empty()) << "not even the valid row is written";
  EXPECT_EQ(register_->own(tom_.id).size(), 1u);
}

TEST_F(RegisterTest, StaffReadsAndChangesAreAuditedCitizensOwnReadsAreNot) {
  ASSERT_TRUE(
      import(std::string(kHeader) + "tom,reisepass,C01X00T47K,2017-03-26,2027-03-26,A\n").imported);
  const auto own = register_->own(tom_.id);
  EXPECT_TRUE(audit_.list({.subject_id = tom_.id, .action = "documents.read"}).empty());
  EXPECT_EQ(register_->of_person(anna_, tom_.id).size(), 1u);
  const auto reads = audit_.list({.subject_id = tom_.id, .action = "documents.read"});
  ASSERT_EQ(reads.size(), 1u);
  EXPECT_EQ(reads[0].actor_id, "anna-id");
  register_->set_state(anna_, own[0].id, StoredState::stolen);
  EXPECT_EQ(audit_.list({.subject_id = tom_.id, .action = "documents.status"}).size(), 1u);
  EXPECT_THROW(register_->of_person(anna_, "unknown-user"), core::Error);
}

TEST_F(RegisterTest, CitizensReportOnlyTheirOwnDocuments) {
  ASSERT_TRUE(
      import(std::string(kHeader) + "tom,reisepass,C01X00T47K,2017-03-26,2027-03-26,A\n").imported);
  const std::string id = register_->own(tom_.id)[0].id;
  try {
    register_->report(bea_.id, id, StoredState::lost);
    FAIL() << "bea reported tom's passport";
  } catch (const core::Error& e) {
    EXPECT_EQ(e.kind(), core::ErrorKind::not_found);
  }
  EXPECT_THROW(register_->report(tom_.id, id, StoredState::valid), core::Error);
  EXPECT_EQ(register_->report(tom_.id, id, StoredState::lost).state, StoredState::lost);
  EXPECT_EQ(register_->own(tom_.id)[0].state, StoredState::lost);
}

TEST_F(RegisterTest, OnlyTheBuergeramtAndAdminsManageTheRegister) {
  EXPECT_TRUE(documents::Register::may_manage(anna_));
  EXPECT_TRUE(documents::Register::may_manage({"x", "admin", "A", http::Role::admin, "", ""}));
  EXPECT_FALSE(documents::Register::may_manage(
      {"y", "otto", "Otto", http::Role::staff, "Straßenverkehrsamt", ""}));
  EXPECT_FALSE(documents::Register::may_manage({"z", "tom", "Tom", http::Role::citizen, "", ""}));
}

TEST_F(RegisterTest, DemoDocumentsAreDatedFromTodayAndMovedWithIt) {
  EXPECT_EQ(register_->seed_demo(tom_.id), 2);
  EXPECT_EQ(register_->seed_demo(tom_.id), 0) << "same day: nothing to change";
  auto docs = register_->own(tom_.id);
  ASSERT_EQ(docs.size(), 2u);
  EXPECT_EQ(docs[0].kind, Kind::reisepass);
  EXPECT_EQ(docs[0].expiry_date, date(2027, 3, 26));
  EXPECT_EQ(docs[0].issue_date, date(2017, 3, 26));
  EXPECT_EQ(docs[1].kind, Kind::personalausweis);
  EXPECT_EQ(docs[1].expiry_date, date(2032, 11, 26));
  EXPECT_EQ(docs[1].issue_date, date(2022, 11, 26));

  clock_.set(utc(2026, 12, 31, 23, 30)); // 00:30 on 1 January 2027 in Berlin
  EXPECT_EQ(register_->seed_demo(tom_.id), 2);
  docs = register_->own(tom_.id);
  ASSERT_EQ(docs.size(), 2u) << "moved, not added";
  EXPECT_EQ(docs[0].expiry_date, date(2027, 5, 1));
}

} // namespace
