#include "accounts/accounts_store.hpp"

#include "core/error.hpp"
#include "core/ids.hpp"

namespace accounts::tables {
namespace {

using store::Params;
using store::Row;

constexpr const char* kUserColumns =
    "id, username, display_name, email, role, department, email_verified, demo, created_at, "
    "password_hash";

UserRecord user_from_row(const Row& row) {
  UserRecord r;
  r.user.id = row.text(0);
  r.user.username = row.text(1);
  r.user.display_name = row.text(2);
  r.user.email = row.text(3);
  const auto role = role_from_string(row.text(4));
  if (!role) throw core::Error(core::ErrorKind::internal, "stored user has an unknown role");
  r.user.role = *role;
  r.user.department = row.text(5);
  r.user.email_verified = row.integer(6) != 0;
  r.user.demo = row.integer(7) != 0;
  r.user.created_at = row.text(8);
  r.password_hash = row.text(9);
  return r;
}

std::optional<UserRecord> user_where(store::Connection& c, const std::string& sql,
                                     const std::string& value) {
  auto row = c.query_one(sql, {value});
  if (!row) return std::nullopt;
  return user_from_row(*row);
}

std::string purpose_name(Purpose p) {
  return p == Purpose::verify_email ? "verify_email" : "password_reset";
}

} // namespace

std::vector<store::Migration> migrations() {
  return {{"0201_accounts", R"(
    CREATE TABLE accounts_users (
      id TEXT PRIMARY KEY,
      username TEXT NOT NULL,
      username_key TEXT NOT NULL UNIQUE,
      display_name TEXT NOT NULL,
      email TEXT NOT NULL,
      email_key TEXT NOT NULL UNIQUE,
      role TEXT NOT NULL,
      department TEXT NOT NULL,
      email_verified INTEGER NOT NULL,
      demo INTEGER NOT NULL,
      password_hash TEXT NOT NULL,
      created_at TEXT NOT NULL
    );
    CREATE TABLE accounts_sessions (
      token_hash TEXT PRIMARY KEY,
      id TEXT NOT NULL UNIQUE,
      user_id TEXT NOT NULL REFERENCES accounts_users (id) ON DELETE CASCADE,
      created_at INTEGER NOT NULL,
      last_seen_at INTEGER NOT NULL,
      expires_at INTEGER NOT NULL,
      remote_address TEXT NOT NULL
    );
    CREATE INDEX accounts_sessions_user ON accounts_sessions (user_id);
    CREATE TABLE accounts_tokens (
      token_hash TEXT PRIMARY KEY,
      purpose TEXT NOT NULL,
      user_id TEXT NOT NULL REFERENCES accounts_users (id) ON DELETE CASCADE,
      created_at INTEGER NOT NULL,
      expires_at INTEGER NOT NULL
    );
    CREATE INDEX accounts_tokens_user ON accounts_tokens (user_id, purpose);
    CREATE TABLE accounts_attempts (
      scope TEXT NOT NULL,
      bucket TEXT NOT NULL,
      at INTEGER NOT NULL
    );
    CREATE INDEX accounts_attempts_bucket ON accounts_attempts (scope, bucket, at);
    CREATE INDEX accounts_attempts_at ON accounts_attempts (at);
  )"},
          {"0202_mail_outbox", R"(
    CREATE TABLE mail_outbox (
      id TEXT PRIMARY KEY,
      recipient TEXT NOT NULL,
      subject TEXT NOT NULL,
      body TEXT NOT NULL,
      created_at TEXT NOT NULL,
      sent_at TEXT
    );
    CREATE INDEX mail_outbox_unsent ON mail_outbox (sent_at, created_at);
  )"}};
}

std::optional<UserRecord> user_by_username(store::Connection& c, const std::string& username_key) {
  return user_where(
      c, std::string("SELECT ") + kUserColumns + " FROM accounts_users WHERE username_key = ?",
      username_key);
}

std::optional<UserRecord> user_by_email(store::Connection& c, const std::string& email_key) {
  return user_where(
      c, std::string("SELECT ") + kUserColumns + " FROM accounts_users WHERE email_key = ?",
      email_key);
}

std::optional<UserRecord> user_by_id(store::Connection& c, const std::string& id) {
  return user_where(c, std::string("SELECT ") + kUserColumns + " FROM accounts_users WHERE id = ?",
                    id);
}

bool username_or_email_taken(store::Connection& c, const std::string& username_key,
                             const std::string& email_key) {
  return c
      .query_one("SELECT 1 FROM accounts_users WHERE username_key = ? OR email_key = ? LIMIT 1",
                 {username_key, email_key})
      .has_value();
}

void insert_user(store::Connection& c, const UserRecord& r) {
  const User& u = r.user;
  c.execute("INSERT INTO accounts_users (id, username, username_key, display_name, email, "
            "email_key, role, department, email_verified, demo, password_hash, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            {u.id, u.username, fold_case(u.username), u.display_name, u.email, fold_case(u.email),
             std::string(to_string(u.role)), u.department, std::int64_t(u.email_verified),
             std::int64_t(u.demo), r.password_hash, u.created_at});
}

void set_password_hash(store::Connection& c, const std::string& user_id, const std::string& hash) {
  c.execute("UPDATE accounts_users SET password_hash = ? WHERE id = ?", {hash, user_id});
}

void mark_email_verified(store::Connection& c, const std::string& user_id) {
  c.execute("UPDATE accounts_users SET email_verified = 1 WHERE id = ?", {user_id});
}

std::int64_t count_demo_users(store::Connection& c) {
  return c.query_one("SELECT COUNT(*) FROM accounts_users WHERE demo = 1")->integer(0);
}

void insert_session(store::Connection& c, const SessionRecord& s) {
  c.execute("INSERT INTO accounts_sessions (token_hash, id, user_id, created_at, last_seen_at, "
            "expires_at, remote_address) VALUES (?, ?, ?, ?, ?, ?, ?)",
            {s.token_hash, s.id, s.user_id, s.created_at, s.last_seen_at, s.expires_at,
             s.remote_address});
}

std::optional<SessionLookup> session_by_token_hash(store::Connection& c,
                                                   const std::string& token_hash) {
  auto row = c.query_one(
      "SELECT u.id, u.username, u.display_name, u.email, u.role, u.department, u.email_verified, "
      "u.demo, u.created_at, '', s.id, s.last_seen_at, s.expires_at "
      "FROM accounts_sessions s JOIN accounts_users u ON u.id = s.user_id WHERE s.token_hash = ?",
      {token_hash});
  if (!row) return std::nullopt;
  SessionLookup s;
  s.user = user_from_row(*row).user;
  s.session_id = row->text(10);
  s.last_seen_at = row->integer(11);
  s.expires_at = row->integer(12);
  return s;
}

void touch_session(store::Connection& c, const std::string& session_id, std::int64_t now) {
  c.execute("UPDATE accounts_sessions SET last_seen_at = ? WHERE id = ?", {now, session_id});
}

void delete_session(store::Connection& c, const std::string& session_id) {
  c.execute("DELETE FROM accounts_sessions WHERE id = ?", {session_id});
}

void delete_session_by_token_hash(store::Connection& c, const std::string& token_hash) {
  c.execute("DELETE FROM accounts_sessions WHERE token_hash = ?", {token_hash});
}

std::int64_t delete_sessions_of(store::Connection& c, const std::string& user_id) {
  return c.execute("DELETE FROM accounts_sessions WHERE user_id = ?", {user_id});
}

std::int64_t count_sessions_of(store::Connection& c, const std::string& user_id) {
  return c.query_one("SELECT COUNT(*) FROM accounts_sessions WHERE user_id = ?", {user_id})
      ->integer(0);
}

void delete_expired_sessions(store::Connection& c, std::int64_t now, std::int64_t idle_cutoff) {
  c.execute("DELETE FROM accounts_sessions WHERE expires_at <= ? OR last_seen_at <= ?",
            {now, idle_cutoff});
}

void insert_token(store::Connection& c, const TokenRecord& t) {
  c.execute("INSERT INTO accounts_tokens (token_hash, purpose, user_id, created_at, expires_at) "
            "VALUES (?, ?, ?, ?, ?)",
            {t.token_hash, purpose_name(t.purpose), t.user_id, t.created_at, t.expires_at});
}

std::optional<TokenRecord> token_by_hash(store::Connection& c, const std::string& token_hash,
                                         Purpose purpose) {
  auto row = c.query_one("SELECT user_id, created_at, expires_at FROM accounts_tokens "
                         "WHERE token_hash = ? AND purpose = ?",
                         {token_hash, purpose_name(purpose)});
  if (!row) return std::nullopt;
  return TokenRecord{token_hash, purpose, row->text(0), row->integer(1), row->integer(2)};
}

void delete_token(store::Connection& c, const std::string& token_hash) {
  c.execute("DELETE FROM accounts_tokens WHERE token_hash = ?", {token_hash});
}

void delete_tokens_of(store::Connection& c, const std::string& user_id, Purpose purpose) {
  c.execute("DELETE FROM accounts_tokens WHERE user_id = ? AND purpose = ?",
            {user_id, purpose_name(purpose)});
}

void delete_expired_tokens(store::Connection& c, std::int64_t now) {
  c.execute("DELETE FROM accounts_tokens WHERE expires_at <= ?", {now});
}

std::vector<std::int64_t> recent_attempts(store::Connection& c, const std::string& scope,
                                          const std::string& bucket, std::int64_t since,
                                          int limit) {
  std::vector<std::int64_t> times;
  for (const Row& row : c.query("SELECT at FROM accounts_attempts WHERE scope = ? AND bucket = ? "
                                "AND at > ? ORDER BY at DESC LIMIT ?",
                                {scope, bucket, since, std::int64_t(limit)}))
    times.push_back(row.integer(0));
  return times;
}

void insert_attempt(store::Connection& c, const std::string& scope, const std::string& bucket,
                    std::int64_t at) {
  c.execute("INSERT INTO accounts_attempts (scope, bucket, at) VALUES (?, ?, ?)",
            {scope, bucket, at});
}

void delete_attempts(store::Connection& c, const std::string& scope, const std::string& bucket) {
  c.execute("DELETE FROM accounts_attempts WHERE scope = ? AND bucket = ?", {scope, bucket});
}

void delete_attempts_before(store::Connection& c, std::int64_t before) {
  c.execute("DELETE FROM accounts_attempts WHERE at < ?", {before});
}

void insert_mail(store::Connection& c, const Mail& mail, const std::string& now) {
  c.execute("INSERT INTO mail_outbox (id, recipient, subject, body, created_at, sent_at) "
            "VALUES (?, ?, ?, ?, ?, NULL)",
            {core::random_id(), mail.recipient, mail.subject, mail.body, now});
}

void delete_mails_to(store::Connection& c, const std::string& recipient) {
  c.execute("DELETE FROM mail_outbox WHERE recipient = ?", {recipient});
}

std::vector<SessionRecord> sessions_of(store::Connection& c, const std::string& user_id) {
  std::vector<SessionRecord> out;
  for (const auto& row :
       c.query("SELECT id, created_at, last_seen_at, expires_at, remote_address FROM "
               "accounts_sessions WHERE user_id = ? ORDER BY created_at",
               {user_id})) {
    SessionRecord s;
    s.id = row.text(0);
    s.user_id = user_id;
    s.created_at = row.integer(1);
    s.last_seen_at = row.integer(2);
    s.expires_at = row.integer(3);
    s.remote_address = row.text(4);
    out.push_back(std::move(s));
  }
  return out;
}

void delete_user(store::Connection& c, const std::string& user_id) {
  // Explicit, not only by ON DELETE CASCADE: the schema must not be the only guard.
  c.execute("DELETE FROM accounts_sessions WHERE user_id = ?", {user_id});
  c.execute("DELETE FROM accounts_tokens WHERE user_id = ?", {user_id});
  c.execute("DELETE FROM accounts_users WHERE id = ?", {user_id});
}

} // namespace accounts::tables
