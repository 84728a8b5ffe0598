#include "accounts/accounts.hpp"

#include <algorithm>

#include "accounts/accounts_store.hpp"
#include "accounts/throttle.hpp"
#include "core/error.hpp"
#include "core/ids.hpp"

namespace accounts {
namespace {

// Activity is written at most this often per session, to keep writes rare.
constexpr std::int64_t kTouchEverySeconds = 60;
// Failure buckets of nonsense usernames are cut to this length.
constexpr std::size_t kMaxBucketBytes = 64;

std::string account_bucket(std::string_view username) {
  return fold_case(username.substr(0, kMaxBucketBytes));
}

} // namespace

Accounts::Accounts(store::Database& db, const core::Clock& clock, Settings settings)
    : db_(db), clock_(clock), settings_(settings), hasher_(settings.password_cost) {}

std::vector<store::Migration> Accounts::migrations() { return tables::migrations(); }

void Accounts::sweep(store::Connection& c, core::TimePoint now) const {
  const std::int64_t t = unix_seconds(now);
  tables::delete_expired_sessions(
      c, t, t - std::chrono::duration_cast<std::chrono::seconds>(settings_.session_idle).count());
  tables::delete_expired_tokens(c, t);
}

LoginResult Accounts::login(std::string_view username, std::string_view password,
                            const std::string& client_address, std::string_view previous_token) {
  const core::TimePoint now = clock_.now();
  const std::string account = account_bucket(username);
  const std::string address = address_bucket(client_address);
  const std::string pair = account + ' ' + address;
  LoginResult result;

  struct Lookup {
    std::chrono::seconds wait{0};
    std::optional<tables::UserRecord> record;
  };
  Lookup found = db_.read([&](store::Connection& c) {
    Lookup l;
    l.wait = std::max({throttled_for(c, kLoginPerAccountAndAddress, pair, now),
                       throttled_for(c, kLoginPerAccount, account, now),
                       throttled_for(c, kLoginPerAddress, address, now)});
    if (l.wait.count() == 0 && check_username(username).empty())
      l.record = tables::user_by_username(c, fold_case(username));
    return l;
  });
  if (found.wait.count() > 0) {
    result.status = LoginResult::Status::throttled;
    result.retry_after = found.wait;
    return result;
  }
  if (found.record && !usable(found.record->user)) found.record.reset();

  // The same work whether or not the account exists.
  bool ok = false;
  if (found.record)
    ok = hasher_.verify(found.record->password_hash, password);
  else
    hasher_.verify_dummy(password);

  if (!ok) {
    db_.write([&](store::Connection& c) {
      count_attempt(c, kLoginPerAccountAndAddress, pair, now);
      count_attempt(c, kLoginPerAccount, account, now);
      count_attempt(c, kLoginPerAddress, address, now);
    });
    return result; // bad_credentials
  }

  // Upgrade a hash made at another cost while the password is at hand.
  std::optional<std::string> rehashed;
  if (hasher_.needs_rehash(found.record->password_hash)) rehashed = hasher_.hash(password);

  tables::SessionRecord session;
  session.id = core::random_id();
  result.token = new_token();
  session.token_hash = token_hash(result.token);
  session.user_id = found.record->user.id;
  session.created_at = unix_seconds(now);
  session.last_seen_at = session.created_at;
  result.max_age = std::chrono::duration_cast<std::chrono::seconds>(settings_.session_absolute);
  session.expires_at = session.created_at + result.max_age.count();
  session.remote_address = client_address;

  db_.write([&](store::Connection& c) {
    sweep(c, now);
    if (looks_like_token(previous_token))
      tables::delete_session_by_token_hash(c, token_hash(previous_token));
    forget_attempts(c, kLoginPerAccountAndAddress, pair);
    if (rehashed) tables::set_password_hash(c, session.user_id, *rehashed);
    tables::insert_session(c, session);
  });
  result.status = LoginResult::Status::ok;
  result.user = found.record->user;
  return result;
}

std::optional<Session> Accounts::session(std::string_view token) const {
  if (!looks_like_token(token)) return std::nullopt;
  const std::string hash = token_hash(token);
  auto found =
      db_.read([&](store::Connection& c) { return tables::session_by_token_hash(c, hash); });
  if (!found || !usable(found->user)) return std::nullopt;
  const std::int64_t now = unix_seconds(clock_.now());
  const std::int64_t idle =
      std::chrono::duration_cast<std::chrono::seconds>(settings_.session_idle).count();
  if (now >= found->expires_at || now - found->last_seen_at >= idle) return std::nullopt;
  if (now - found->last_seen_at >= kTouchEverySeconds)
    db_.write([&](store::Connection& c) { tables::touch_session(c, found->session_id, now); });
  return Session{std::move(found->user), std::move(found->session_id)};
}

void Accounts::logout(const std::string& session_id) {
  db_.write([&](store::Connection& c) { tables::delete_session(c, session_id); });
}

int Accounts::logout_all(const std::string& user_id) {
  return int(
      db_.write([&](store::Connection& c) { return tables::delete_sessions_of(c, user_id); }));
}

int Accounts::session_count(const std::string& user_id) const {
  return int(db_.read([&](store::Connection& c) { return tables::count_sessions_of(c, user_id); }));
}

std::optional<User> Accounts::user(const std::string& id) const {
  auto record = db_.read([&](store::Connection& c) { return tables::user_by_id(c, id); });
  if (!record) return std::nullopt;
  return record->user;
}

std::optional<User> Accounts::user_by_username(std::string_view username) const {
  const std::string key = fold_case(username);
  auto record = db_.read([&](store::Connection& c) { return tables::user_by_username(c, key); });
  if (!record) return std::nullopt;
  return record->user;
}

User Accounts::create_user(const NewUser& n) {
  for (const std::string& problem :
       {check_username(n.username), check_display_name(n.display_name), check_email(n.email),
        n.demo ? std::string() : check_password(n.password)})
    if (!problem.empty()) throw core::Error(core::ErrorKind::invalid_argument, problem);
  tables::UserRecord record;
  record.user =
      User{core::random_id(), n.username, n.display_name,
           n.email,           n.role,     n.role == Role::staff ? n.department : std::string(),
           n.email_verified,  n.demo,     core::format_utc(clock_.now())};
  record.password_hash =
      n.demo ? hasher_.hash(n.password, PasswordCost::minimal) : hasher_.hash(n.password);
  try {
    db_.write([&](store::Connection& c) { tables::insert_user(c, record); });
  } catch (const core::Error& e) {
    if (e.kind() != core::ErrorKind::conflict) throw;
    throw core::Error(core::ErrorKind::conflict,
                      "Benutzername oder E-Mail-Adresse ist bereits vergeben.");
  }
  return record.user;
}

int Accounts::seed_demo() {
  const std::vector<NewUser> demo = {
      {"tom", "Tom Müller", "tom.mueller@example.org", "tom", Role::citizen, "", true, true},
      {"anna", "Anna Schmidt", "anna.schmidt@musterstadt.example", "anna", Role::staff, "Bürgeramt",
       true, true},
      {"admin", "Verwaltung Admin", "admin@musterstadt.example", "admin", Role::admin, "", true,
       true},
  };
  int created = 0;
  for (const NewUser& n : demo) {
    if (user_by_username(n.username)) continue;
    create_user(n);
    ++created;
  }
  return created;
}

int Accounts::demo_account_count() const {
  return int(db_.read([](store::Connection& c) { return tables::count_demo_users(c); }));
}

} // namespace accounts
