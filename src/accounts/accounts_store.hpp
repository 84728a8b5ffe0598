// The tables of the Bürgerkonto and every SQL statement that touches them.
// Nothing else in the program reads or writes them.
//
// The functions take the connection of a read or write job, so the logic
// (accounts.cpp, registration.cpp, throttle.cpp) can put several of them
// into one transaction. Times that are compared (expiry, throttling) are
// stored as whole seconds since the Unix epoch; times that are shown
// (created_at) as ISO 8601 UTC text.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "accounts/model.hpp"
#include "store/database.hpp"

namespace accounts::tables {

// The schema: accounts_users, accounts_sessions, accounts_tokens,
// accounts_attempts and mail_outbox.
std::vector<store::Migration> migrations();

// A user with the secret that stays in this module.
struct UserRecord {
  User user;
  std::string password_hash;
};

// A stored session: the token itself is never stored, only its hash.
struct SessionRecord {
  std::string id; // public id of the session (Identity::session_id)
  std::string token_hash;
  std::string user_id;
  std::int64_t created_at = 0;
  std::int64_t last_seen_at = 0;
  std::int64_t expires_at = 0; // absolute end
  std::string remote_address;
};

// A session found by its token, with its user.
struct SessionLookup {
  User user;
  std::string session_id;
  std::int64_t last_seen_at = 0;
  std::int64_t expires_at = 0;
};

// What a one-time token is for.
enum class Purpose { verify_email, password_reset };

// A one-time token (verification or reset link), stored by its hash.
struct TokenRecord {
  std::string token_hash;
  Purpose purpose = Purpose::verify_email;
  std::string user_id;
  std::int64_t created_at = 0;
  std::int64_t expires_at = 0;
};

// An e-mail waiting in the outbox for delivery.
struct Mail {
  std::string recipient;
  std::string subject;
  std::string body;
};

// --- users -------------------------------------------------------------------
// Lookups by the case-folded key (see fold_case) or by id.
std::optional<UserRecord> user_by_username(store::Connection& c, const std::string& username_key);
std::optional<UserRecord> user_by_email(store::Connection& c, const std::string& email_key);
std::optional<UserRecord> user_by_id(store::Connection& c, const std::string& id);
// True when either key belongs to an account already.
bool username_or_email_taken(store::Connection& c, const std::string& username_key,
                             const std::string& email_key);
// Inserts the user. Throws core::Error{conflict} when the username or e-mail
// is taken (by the unique constraints, so concurrent inserts are safe too).
void insert_user(store::Connection& c, const UserRecord& record);
void set_password_hash(store::Connection& c, const std::string& user_id, const std::string& hash);
void mark_email_verified(store::Connection& c, const std::string& user_id);
std::int64_t count_demo_users(store::Connection& c);

// --- sessions ----------------------------------------------------------------
void insert_session(store::Connection& c, const SessionRecord& session);
std::optional<SessionLookup> session_by_token_hash(store::Connection& c,
                                                   const std::string& token_hash);
void touch_session(store::Connection& c, const std::string& session_id, std::int64_t now);
void delete_session(store::Connection& c, const std::string& session_id);
void delete_session_by_token_hash(store::Connection& c, const std::string& token_hash);
// Returns how many sessions ended.
std::int64_t delete_sessions_of(store::Connection& c, const std::string& user_id);
std::int64_t count_sessions_of(store::Connection& c, const std::string& user_id);
// Removes sessions past their absolute end or idle since before idle_cutoff.
void delete_expired_sessions(store::Connection& c, std::int64_t now, std::int64_t idle_cutoff);

// --- one-time tokens -----------------------------------------------------------
void insert_token(store::Connection& c, const TokenRecord& token);
std::optional<TokenRecord> token_by_hash(store::Connection& c, const std::string& token_hash,
                                         Purpose purpose);
void delete_token(store::Connection& c, const std::string& token_hash);
void delete_tokens_of(store::Connection& c, const std::string& user_id, Purpose purpose);
void delete_expired_tokens(store::Connection& c, std::int64_t now);

// --- throttling ------------------------------------------------------------------
// The times of the newest attempts (at most `limit`, newest first) in a
// bucket ("login_account" + "tom") since a moment.
std::vector<std::int64_t> recent_attempts(store::Connection& c, const std::string& scope,
                                          const std::string& bucket, std::int64_t since, int limit);
void insert_attempt(store::Connection& c, const std::string& scope, const std::string& bucket,
                    std::int64_t at);
void delete_attempts(store::Connection& c, const std::string& scope, const std::string& bucket);
void delete_attempts_before(store::Connection& c, std::int64_t before);

// --- DSGVO -----------------------------------------------------------------------
// The sessions of a user, oldest first, as shown in their data export.
std::vector<SessionRecord> sessions_of(store::Connection& c, const std::string& user_id);
// Deletes the user with their sessions and one-time tokens.
void delete_user(store::Connection& c, const std::string& user_id);

// --- outbox ----------------------------------------------------------------------
// Queues a mail (sent_at NULL) for the delivery job.
void insert_mail(store::Connection& c, const Mail& mail, const std::string& now);
// Deletes every queued or sent mail to this address (exact match).
void delete_mails_to(store::Connection& c, const std::string& recipient);

} // namespace accounts::tables
