// The Bürgerkonto: password hashing, sessions and their expiry, throttling,
// registration, one-time tokens. Time moves with a ManualClock.
#include "accounts/accounts.hpp"

#include <gtest/gtest.h>

#include <regex>

#include "accounts/authenticator.hpp"
#include "accounts/throttle.hpp"
#include "core/error.hpp"

namespace {

using namespace std::chrono_literals;
using accounts::Accounts;
using accounts::LoginResult;
using accounts::PasswordCost;
using accounts::RegisterResult;

core::ErrorKind error_kind(const std::function<void()>& f) {
  try {
    f();
  } catch (const core::Error& e) {
    return e.kind();
  }
  return core::ErrorKind::internal;
}

class AccountsTest : public ::testing::Test {
protected:
  AccountsTest()
      : db_(store::Database::open("sqlite::memory:", "")),
        clock_(std::chrono::sys_days{std::chrono::November / 26 / 2026} + 9h) {
    db_->migrate(Accounts::migrations());
    settings_.password_cost = PasswordCost::minimal;
    settings_.demo_mode = true;
    accounts_ = std::make_unique<Accounts>(*db_, clock_, settings_);
    accounts_->create_user({"Maria", "Maria Muster", "Maria@Example.org", "geheim-genug-1",
                            accounts::Role::citizen, "", true, false});
  }

  LoginResult login(const std::string& user, const std::string& password,
                    const std::string& address = "192.0.2.1") {
    return accounts_->login(user, password, address);
  }

  // The one-time token in the newest mail to recipient.
  std::string token_mailed_to(const std::string& recipient) {
    const std::string body = db_->read([&](store::Connection& c) {
      auto row = c.query_one("SELECT body FROM mail_outbox WHERE recipient = ? AND sent_at IS NULL "
                             "ORDER BY created_at DESC, rowid DESC LIMIT 1",
                             {recipient});
      return row ? row->text(0) : std::string();
    });
    std::smatch m;
    return std::regex_search(body, m, std::regex("#token=([a-z2-7]{52})")) ? m[1].str() : "";
  }

  int mails() {
    return int(db_->read([](store::Connection& c) {
      return c.query_one("SELECT COUNT(*) FROM mail_outbox")->integer(0);
    }));
  }

  std::unique_ptr<store::Database> db_;
  core::ManualClock clock_;
  accounts::Settings settings_;
  std::unique_ptr<Accounts> accounts_;
};

TEST(AccountsCrypto, HashesVerifyAndCarryTheirCost) {
  accounts::PasswordHasher minimal(PasswordCost::minimal);
  const std::string h = minimal.hash("korrekt-pferd-batterie");
  EXPECT_TRUE(h.starts_with("$argon2id$"));
  EXPECT_EQ(h.find("korrekt"), std::string::npos);
  EXPECT_NE(h, minimal.hash("korrekt-pferd-batterie")); // a fresh salt every time
  EXPECT_TRUE(minimal.verify(h, "korrekt-pferd-batterie"));
  EXPECT_FALSE(minimal.verify(h, "korrekt-pferd-batterie "));
  EXPECT_FALSE(minimal.verify("not a hash", "x"));
  EXPECT_FALSE(minimal.needs_rehash(h));
  accounts::PasswordHasher interactive(PasswordCost::interactive);
  EXPECT_TRUE(interactive.needs_rehash(h));
  EXPECT_TRUE(interactive.verify(h, "korrekt-pferd-batterie")); // the hash names its own cost
  interactive.verify_dummy("anything");
}

TEST(AccountsCrypto, TokensAreRandomAndStoredAsHashes) {
  const std::string a = accounts::new_token(), b = accounts::new_token();
  EXPECT_NE(a, b);
  EXPECT_TRUE(accounts::looks_like_token(a));
  EXPECT_FALSE(accounts::looks_like_token(a.substr(1)));
  EXPECT_FALSE(accounts::looks_like_token(std::string(52, 'A')));
  EXPECT_EQ(accounts::token_hash(a), accounts::token_hash(a));
  EXPECT_NE(accounts::token_hash(a), accounts::token_hash(b));
  EXPECT_EQ(accounts::token_hash(a).size(), 64u);
}

TEST(AccountsRules, InputRules) {
  EXPECT_EQ(accounts::check_username("tom.mueller_2-x"), "");
  EXPECT_NE(accounts::check_username("to"), "");
  EXPECT_NE(accounts::check_username("tom müller"), "");
  EXPECT_NE(accounts::check_username(std::string(33, 'a')), "");
  EXPECT_EQ(accounts::check_email("a.b@stadt.example"), "");
  for (const char* bad : {"", "a@b", "@b.de", "a@@b.de", "a b@c.de", "a@b.de.", "a@.de"})
    EXPECT_NE(accounts::check_email(bad), "") << bad;
  EXPECT_EQ(accounts::check_password("ä123456789"), ""); // ten characters, eleven bytes
  EXPECT_NE(accounts::check_password("123456789"), "");
  EXPECT_NE(accounts::check_password(std::string(1001, 'x')), "");
  EXPECT_EQ(accounts::check_display_name("Tom Müller"), "");
  EXPECT_NE(accounts::check_display_name(""), "");
  EXPECT_NE(accounts::check_display_name("Tom\nMüller"), "");
  EXPECT_EQ(accounts::fold_case("Tom.MÜLLER"), "tom.mÜller");
}

TEST_F(AccountsTest, LoginOpensANewSessionEachTime) {
  const LoginResult first = login("maria", "geheim-genug-1");
  ASSERT_EQ(first.status, LoginResult::Status::ok);
  EXPECT_EQ(first.user.username, "Maria");
  EXPECT_EQ(first.max_age, 12h);
  const auto session = accounts_->session(first.token);
  ASSERT_TRUE(session);
  EXPECT_EQ(session->user.email, "Maria@Example.org");

  const LoginResult second = accounts_->login("MARIA", "geheim-genug-1", "192.0.2.1", first.token);
  ASSERT_EQ(second.status, LoginResult::Status::ok);
  EXPECT_NE(second.token, first.token);
  EXPECT_NE(accounts_->session(second.token)->session_id, session->session_id);
  EXPECT_FALSE(accounts_->session(first.token)) << "the previous session ends";
  EXPECT_FALSE(accounts_->session(accounts::new_token()));
  EXPECT_FALSE(accounts_->session("junk"));
}

TEST_F(AccountsTest, WrongPasswordAndUnknownUserLookAlike) {
  EXPECT_EQ(login("maria", "falsch-falsch").status, LoginResult::Status::bad_credentials);
  EXPECT_EQ(login("niemand", "falsch-falsch").status, LoginResult::Status::bad_credentials);
  EXPECT_EQ(login("kein name!", "x").status, LoginResult::Status::bad_credentials);
}

TEST_F(AccountsTest, IdleExpiryCountsFromTheLastRecordedActivity) {
  const std::string token = login("maria", "geheim-genug-1").token;
  clock_.advance(30s); // too soon to record activity
  ASSERT_TRUE(accounts_->session(token));
  clock_.advance(59min + 31s); // 60 min after the login
  EXPECT_FALSE(accounts_->session(token));

  const std::string other = login("maria", "geheim-genug-1").token;
  clock_.advance(2min);
  ASSERT_TRUE(accounts_->session(other)); // recorded
  clock_.advance(59min);
  EXPECT_TRUE(accounts_->session(other));
  clock_.advance(60min);
  EXPECT_FALSE(accounts_->session(other));
}

TEST_F(AccountsTest, AbsoluteExpiryEndsEvenABusySession) {
  const std::string token = login("maria", "geheim-genug-1").token;
  for (int i = 0; i < 23; ++i) {
    clock_.advance(30min);
    ASSERT_TRUE(accounts_->session(token)) << i;
  }
  clock_.advance(30min); // 12 h after the login
  EXPECT_FALSE(accounts_->session(token));
}

TEST_F(AccountsTest, LogoutAndLogoutEverywhere) {
  const LoginResult a = login("maria", "geheim-genug-1");
  const LoginResult b = login("maria", "geheim-genug-1");
  const LoginResult c = login("maria", "geheim-genug-1");
  accounts_->logout(accounts_->session(a.token)->session_id);
  EXPECT_FALSE(accounts_->session(a.token));
  EXPECT_TRUE(accounts_->session(b.token));
  EXPECT_EQ(accounts_->logout_all(a.user.id), 2);
  EXPECT_FALSE(accounts_->session(b.token));
  EXPECT_FALSE(accounts_->session(c.token));
  EXPECT_EQ(accounts_->session_count(a.user.id), 0);
}

TEST_F(AccountsTest, ThrottlingPerAccountFromOneAddress) {
  for (int i = 0; i < 5; ++i)
    EXPECT_EQ(login("maria", "falsch-falsch", "203.0.113.9").status,
              LoginResult::Status::bad_credentials);
  // That address is refused for this account, even with the right password;
  // unknown names alike, so a 429 does not tell which accounts exist.
  const LoginResult refused = login("Maria", "geheim-genug-1", "203.0.113.9");
  EXPECT_EQ(refused.status, LoginResult::Status::throttled);
  EXPECT_GT(refused.retry_after, 14min);
  EXPECT_LE(refused.retry_after, 15min);
  for (int i = 0; i < 5; ++i)
    login("niemand", "falsch-falsch", "198.51.100.7");
  EXPECT_EQ(login("niemand", "x", "198.51.100.7").status, LoginResult::Status::throttled);
  // The stranger did not lock the owner out: Maria logs in from her own address.
  EXPECT_EQ(login("maria", "geheim-genug-1", "192.0.2.44").status, LoginResult::Status::ok);

  clock_.advance(15min);
  EXPECT_EQ(login("maria", "geheim-genug-1", "203.0.113.9").status, LoginResult::Status::ok);
  // A success clears the failures of that address.
  for (int i = 0; i < 4; ++i)
    login("maria", "falsch-falsch");
  EXPECT_EQ(login("maria", "geheim-genug-1").status, LoginResult::Status::ok);
  for (int i = 0; i < 4; ++i)
    login("maria", "falsch-falsch");
  EXPECT_EQ(login("maria", "geheim-genug-1").status, LoginResult::Status::ok);
}

TEST_F(AccountsTest, ThrottlingPerAccountFromManyAddresses) {
  // Guessing one password from many addresses hits the account's overall cap.
  for (int i = 0; i < 50; ++i)
    EXPECT_EQ(login("maria", "falsch-falsch", "10.0." + std::to_string(i) + ".1").status,
              LoginResult::Status::bad_credentials);
  EXPECT_EQ(login("maria", "geheim-genug-1", "192.0.2.44").status, LoginResult::Status::throttled);
  clock_.advance(15min);
  EXPECT_EQ(login("maria", "geheim-genug-1", "192.0.2.44").status, LoginResult::Status::ok);
}

TEST_F(AccountsTest, ThrottlingPerAddress) {
  for (int i = 0; i < 20; ++i) {
    clock_.advance(10s);
    login("user" + std::to_string(i), "falsch-falsch", "2001:db8:1:2::" + std::to_string(i));
  }
  // The same /64 network is refused, even with the right password; others are not.
  const LoginResult refused = login("maria", "geheim-genug-1", "2001:db8:1:2:ffff::1");
  EXPECT_EQ(refused.status, LoginResult::Status::throttled);
  EXPECT_GT(refused.retry_after, 11min);
  EXPECT_EQ(login("maria", "geheim-genug-1", "2001:db8:1:3::1").status, LoginResult::Status::ok);
  clock_.advance(15min);
  EXPECT_EQ(login("maria", "geheim-genug-1", "2001:db8:1:2::1").status, LoginResult::Status::ok);
}

TEST(AccountsThrottle, SlidingWindowAndAddressBuckets) {
  const accounts::ThrottlePolicy p{"t", 3, 100s};
  EXPECT_EQ(accounts::retry_after(p, {1000, 990}, 1001), 0s);
  EXPECT_EQ(accounts::retry_after(p, {1000, 990, 950, 900}, 1001), 49s);
  EXPECT_EQ(accounts::retry_after(p, {1000, 990, 901}, 1001), 1s);
  EXPECT_EQ(accounts::address_bucket("192.0.2.1"), "192.0.2.1");
  EXPECT_EQ(accounts::address_bucket("::ffff:192.0.2.1"), "192.0.2.1");
  EXPECT_EQ(accounts::address_bucket("2001:db8:0:1:2:3:4:5"), "2001:db8:0:1::/64");
  EXPECT_EQ(accounts::address_bucket("-"), "-");
}

TEST_F(AccountsTest, RegistrationIsUniqueIgnoringCase) {
  const RegisterResult r = accounts_->register_citizen(
      {"Lena", "Lena Beispiel", "lena@example.org", "sehr-geheim-1"}, "192.0.2.1");
  ASSERT_EQ(r.status, RegisterResult::Status::created);
  EXPECT_EQ(r.user.role, accounts::Role::citizen);
  EXPECT_FALSE(r.user.email_verified);
  EXPECT_EQ(
      accounts_
          ->register_citizen({"LENA", "Andere", "andere@example.org", "sehr-geheim-1"}, "192.0.2.1")
          .status,
      RegisterResult::Status::taken);
  EXPECT_EQ(
      accounts_
          ->register_citizen({"lena2", "Andere", "MARIA@example.ORG", "sehr-geheim-1"}, "192.0.2.1")
          .status,
      RegisterResult::Status::taken);
  EXPECT_EQ(error_kind([&] {
              accounts_->register_citizen({"lena3", "Lena", "lena3@example.org", "kurz"}, "x");
            }),
            core::ErrorKind::invalid_argument);
  EXPECT_EQ(error_kind([&] {
              accounts_->create_user({"maria", "M", "m2@example.org", "geheim-genug-1",
                                      accounts::Role::staff, "Bürgeramt", true, false});
            }),
            core::ErrorKind::conflict);
  // An unverified citizen can log in.
  EXPECT_EQ(login("lena", "sehr-geheim-1").status, LoginResult::Status::ok);
}

TEST_F(AccountsTest, VerificationTokensWorkOnceAndExpire) {
  accounts_->register_citizen({"lena", "Lena", "lena@example.org", "sehr-geheim-1"}, "a");
  const std::string token = token_mailed_to("lena@example.org");
  ASSERT_FALSE(token.empty());
  EXPECT_TRUE(accounts_->verify_email(token));
  EXPECT_TRUE(accounts_->user_by_username("lena")->email_verified);
  EXPECT_FALSE(accounts_->verify_email(token)) << "single use";

  accounts_->register_citizen({"jan", "Jan", "jan@example.org", "sehr-geheim-1"}, "a");
  const std::string late = token_mailed_to("jan@example.org");
  clock_.advance(24h);
  EXPECT_FALSE(accounts_->verify_email(late));
  EXPECT_FALSE(accounts_->user_by_username("jan")->email_verified);
  EXPECT_FALSE(accounts_->verify_email("not-a-token"));
}

TEST_F(AccountsTest, PasswordResetIsSingleUseExpiresAndEndsSessions) {
  const int before = mails();
  EXPECT_EQ(accounts_->request_password_reset("niemand@example.org", "a"), 0s);
  EXPECT_EQ(mails(), before) << "no mail for an unknown address, and the same answer";
  const std::string session = login("maria", "geheim-genug-1").token;

  accounts_->request_password_reset("MARIA@example.org", "a");
  const std::string old_token = token_mailed_to("Maria@Example.org");
  accounts_->request_password_reset("maria@example.org", "a");
  const std::string token = token_mailed_to("Maria@Example.org");
  ASSERT_FALSE(token.empty());
  EXPECT_NE(token, old_token);
  EXPECT_FALSE(accounts_->reset_password(old_token, "neues-passwort-1")) << "replaced";
  EXPECT_EQ(error_kind([&] { accounts_->reset_password(token, "kurz"); }),
            core::ErrorKind::invalid_argument);
  EXPECT_TRUE(accounts_->reset_password(token, "neues-passwort-1"));
  EXPECT_FALSE(accounts_->session(session)) << "every session ends";
  EXPECT_FALSE(accounts_->reset_password(token, "noch-ein-passwort")) << "single use";
  EXPECT_EQ(login("maria", "geheim-genug-1").status, LoginResult::Status::bad_credentials);
  EXPECT_EQ(login("maria", "neues-passwort-1").status, LoginResult::Status::ok);

  accounts_->request_password_reset("maria@example.org", "a");
  const std::string late = token_mailed_to("Maria@Example.org");
  clock_.advance(1h);
  EXPECT_FALSE(accounts_->reset_password(late, "drittes-passwort"));
}

TEST_F(AccountsTest, ResetRequestsAreThrottledPerAddress) {
  for (int i = 0; i < 10; ++i)
    EXPECT_EQ(accounts_->request_password_reset("x@example.org", "192.0.2.9"), 0s);
  EXPECT_GT(accounts_->request_password_reset("x@example.org", "192.0.2.9"), 0s);
  EXPECT_EQ(accounts_->request_password_reset("x@example.org", "192.0.2.10"), 0s);
}

TEST_F(AccountsTest, DemoAccountsAreIdempotentAndOnlyWorkInDemoMode) {
  EXPECT_EQ(accounts_->seed_demo(), 3);
  EXPECT_EQ(accounts_->seed_demo(), 0);
  const LoginResult anna = login("anna", "anna");
  ASSERT_EQ(anna.status, LoginResult::Status::ok);
  EXPECT_EQ(anna.user.role, accounts::Role::staff);
  EXPECT_EQ(anna.user.department, "Bürgeramt");
  EXPECT_EQ(login("tom", "tom").user.display_name, "Tom Müller");

  settings_.demo_mode = false;
  Accounts production(*db_, clock_, settings_);
  EXPECT_EQ(production.demo_account_count(), 3);
  EXPECT_FALSE(production.session(anna.token));
  EXPECT_EQ(production.login("admin", "admin", "a").status, LoginResult::Status::bad_credentials);
}

TEST_F(AccountsTest, TheAuthenticatorReadsTheSessionCookie) {
  const LoginResult r = login("maria", "geheim-genug-1");
  http::Request request;
  request.headers.add("Cookie", "theme=dark; sk_session=" + r.token + "; lang=de");
  EXPECT_EQ(accounts::session_cookie(request), r.token);
  const accounts::SessionAuthenticator auth(*accounts_);
  const auto who = auth.authenticate(request);
  ASSERT_TRUE(who);
  EXPECT_EQ(who->user_id, r.user.id);
  EXPECT_EQ(who->role, http::Role::citizen);
  EXPECT_FALSE(who->session_id.empty());
  http::Request none;
  none.headers.add("Cookie", "sk_sessionx=" + r.token);
  EXPECT_FALSE(auth.authenticate(none));
  EXPECT_EQ(accounts::session_cookie_header("abc", 60s, true),
            "sk_session=abc; Path=/; HttpOnly; SameSite=Strict; Secure; Max-Age=60");
  EXPECT_EQ(accounts::cleared_cookie_header(false),
            "sk_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
}

} // namespace
