// The DSGVO rights across modules (export and deletion reach every registered
// PersonalDataHolder, inside one transaction) and the audit log they write.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "accounts/accounts.hpp"
#include "audit/audit_log.hpp"

namespace {

using namespace std::chrono_literals;

// A module that keeps one note per user in its own table.
class NotesHolder final : public accounts::PersonalDataHolder {
public:
  std::string_view section() const override { return "notes"; }
  boost::json::value export_data(store::Connection& c, const std::string& user_id) const override {
    boost::json::array notes;
    for (const auto& row : c.query("SELECT text FROM notes WHERE user_id = ?", {user_id}))
      notes.push_back(boost::json::string(row.text(0)));
    return notes;
  }
  void erase(store::Connection& c, const std::string& user_id, core::TimePoint) override {
    c.execute("DELETE FROM notes WHERE user_id = ?", {user_id});
    if (fail_next_erase) throw std::runtime_error("disk full");
  }
  bool fail_next_erase = false;
};

class PrivacyTest : public ::testing::Test {
protected:
  PrivacyTest()
      : db_(store::Database::open("sqlite::memory:", "")),
        clock_(std::chrono::sys_days{std::chrono::November / 26 / 2026} + 9h),
        audit_(*db_, clock_) {
    auto migrations = accounts::Accounts::migrations();
    for (auto& m : audit::AuditLog::migrations())
      migrations.push_back(std::move(m));
    db_->migrate(migrations);
    db_->write([](store::Connection& c) {
      c.execute_script("CREATE TABLE notes (user_id TEXT NOT NULL, text TEXT NOT NULL)");
    });
    accounts::Settings settings;
    settings.password_cost = accounts::PasswordCost::minimal;
    accounts_ = std::make_unique<accounts::Accounts>(*db_, clock_, settings);
    accounts_->add_holder(notes_);
    maria_ = identity_of(
        accounts_->create_user({"maria", "Maria Muster", "maria@example.org", "geheim-genug-1",
                                accounts::Role::citizen, "", true, false}));
    otto_ = identity_of(
        accounts_->create_user({"otto", "Otto Normal", "otto@example.org", "geheim-genug-2",
                                accounts::Role::citizen, "", true, false}));
    db_->write([&](store::Connection& c) {
      c.execute("INSERT INTO notes VALUES (?, 'Marias Notiz')", {maria_.user_id});
      c.execute("INSERT INTO notes VALUES (?, 'Ottos Notiz')", {otto_.user_id});
    });
  }

  static http::Identity identity_of(const accounts::User& u) {
    return {u.id, u.username, u.display_name, u.role, u.department, ""};
  }

  int notes_of(const http::Identity& who) {
    return static_cast<int>(db_->read([&](store::Connection& c) {
      return c.query_one("SELECT count(*) FROM notes WHERE user_id = ?", {who.user_id})->integer(0);
    }));
  }

  std::unique_ptr<store::Database> db_;
  core::ManualClock clock_;
  audit::AuditLog audit_;
  NotesHolder notes_;
  std::unique_ptr<accounts::Accounts> accounts_;
  http::Identity maria_, otto_;
};

TEST_F(PrivacyTest, ExportHoldsTheAccountAndEveryHoldersSectionOfThatUserOnly) {
  const auto data = accounts_->export_data(maria_, audit_);
  EXPECT_EQ(data.at("account").at("username"), "maria");
  EXPECT_EQ(data.at("notes"), boost::json::array{"Marias Notiz"});
  EXPECT_EQ(boost::json::serialize(data).find("Otto"), std::string::npos);
  const auto entries = audit_.list({.subject_id = maria_.user_id});
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].action, "account.export");
  EXPECT_EQ(entries[0].actor_id, maria_.user_id);
  EXPECT_EQ(entries[0].at, "2026-11-26T09:00:00.000Z");
}

TEST_F(PrivacyTest, DeletionWithTheWrongPasswordChangesNothing) {
  EXPECT_EQ(accounts_->delete_account(maria_, "falsch", audit_),
            accounts::DeletionResult::wrong_password);
  EXPECT_TRUE(accounts_->user(maria_.user_id));
  EXPECT_EQ(notes_of(maria_), 1);
  EXPECT_TRUE(audit_.list({}).empty());
}

TEST_F(PrivacyTest, DeletionErasesEveryHoldersDataAndTheAccountButNoOneElses) {
  EXPECT_EQ(accounts_->delete_account(maria_, "geheim-genug-1", audit_),
            accounts::DeletionResult::deleted);
  EXPECT_FALSE(accounts_->user(maria_.user_id));
  EXPECT_EQ(notes_of(maria_), 0);
  EXPECT_EQ(notes_of(otto_), 1);
  EXPECT_TRUE(accounts_->user(otto_.user_id));
  const auto entries = audit_.list({.action = "account."});
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].action, "account.delete");
  EXPECT_EQ(entries[0].subject_id, maria_.user_id);
}

TEST_F(PrivacyTest, AFailingHolderRollsTheWholeDeletionBack) {
  notes_.fail_next_erase = true;
  EXPECT_THROW(accounts_->delete_account(maria_, "geheim-genug-1", audit_), std::runtime_error);
  EXPECT_TRUE(accounts_->user(maria_.user_id));
  EXPECT_EQ(notes_of(maria_), 1); // the holder's own delete was rolled back too
  EXPECT_TRUE(audit_.list({}).empty());
}

TEST_F(PrivacyTest, StaffAccountsAreNotSelfService) {
  auto anna =
      identity_of(accounts_->create_user({"anna", "Anna Amt", "anna@example.org", "geheim-genug-3",
                                          accounts::Role::staff, "Bürgeramt", true, false}));
  EXPECT_EQ(accounts_->delete_account(anna, "geheim-genug-3", audit_),
            accounts::DeletionResult::not_self_service);
  EXPECT_TRUE(accounts_->user(anna.user_id));
}

TEST_F(PrivacyTest, WrongConfirmationPasswordsAreThrottledLikeLogins) {
  for (int i = 0; i < 5; ++i)
    EXPECT_EQ(accounts_->delete_account(maria_, "falsch", audit_),
              accounts::DeletionResult::wrong_password);
  EXPECT_EQ(accounts_->delete_account(maria_, "geheim-genug-1", audit_),
            accounts::DeletionResult::throttled);
  clock_.set(clock_.now() + 16min);
  EXPECT_EQ(accounts_->delete_account(maria_, "geheim-genug-1", audit_),
            accounts::DeletionResult::deleted);
}

TEST(AuditLog, FiltersByActorSubjectAndActionPrefixAndPagesNewestFirst) {
  auto db = store::Database::open("sqlite::memory:", "");
  db->migrate(audit::AuditLog::migrations());
  core::ManualClock clock(std::chrono::sys_days{std::chrono::March / 1 / 2027});
  audit::AuditLog log(*db, clock);
  const http::Identity anna{"a1", "anna", "Anna Amt", http::Role::staff, "Bürgeramt", ""};
  const http::Identity admin{"x9", "admin", "Admin", http::Role::admin, "", ""};
  log.record(anna, "tom", "documents.read", "doc-1");
  log.record(anna, "tom", "documents.update", "doc-1");
  log.record(anna, "bea", "documents.read", "doc-2");
  log.record(admin, "tom", "appointments.read", "apt-7");

  EXPECT_EQ(log.list({.subject_id = "tom"}).size(), 3u);
  EXPECT_EQ(log.list({.actor_id = "a1"}).size(), 3u);
  EXPECT_EQ(log.list({.action = "documents."}).size(), 3u);
  EXPECT_EQ(log.list({.action = "documents.read"}).size(), 2u);
  EXPECT_EQ(log.list({.action = "documents"}).size(), 0u); // exact unless it ends in '.'
  const auto newest = log.list({.limit = 2});
  ASSERT_EQ(newest.size(), 2u);
  EXPECT_EQ(newest[0].object, "apt-7");
  EXPECT_EQ(newest[0].actor_role, "admin");
  const auto older = log.list({.before = newest[1].id, .limit = 10});
  ASSERT_EQ(older.size(), 2u);
  EXPECT_EQ(older[1].action, "documents.read");
  EXPECT_EQ(older[1].actor_name, "Anna Amt");
  EXPECT_EQ(log.list({.limit = 0}).size(), 1u); // clamped to 1..500
}

} // namespace
