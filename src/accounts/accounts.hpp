// The Bürgerkonto: accounts of citizens, staff and administrators, their
// logins and sessions, self-registration with e-mail verification, and
// password reset. Other modules use this header (usually only through
// http::Identity, which the session authenticator fills in) and never the
// accounts tables.
//
// Security properties kept here:
// - passwords are stored as Argon2id hashes; unknown usernames cost the same
//   time as wrong passwords and get the same answer;
// - session, verification and reset tokens are random (256 bits), handed out
//   once and stored only as their BLAKE2b hash; each login makes a new session;
// - sessions end after `session_idle` without a request and `session_absolute`
//   after the login; a password reset ends every session of the user;
// - failed logins are throttled per account and per client address, and
//   registrations and reset mails per client address (see throttle.hpp);
// - demo accounts (seeded by --demo) can log in only while demo mode is on.
//
// Thread-safe: every method may be called from any thread.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "accounts/crypto.hpp"
#include "accounts/model.hpp"
#include "accounts/personal_data.hpp"
#include "audit/audit_log.hpp"
#include "core/clock.hpp"
#include "http/identity.hpp"
#include "store/database.hpp"

namespace accounts {

// The outcome of a login attempt. Expected failures are values.
struct LoginResult {
  enum class Status {
    ok,              // user, token and max_age are set
    bad_credentials, // unknown user or wrong password (deliberately indistinguishable)
    throttled,       // too many failures: retry_after says how long to wait
  };
  Status status = Status::bad_credentials;
  User user;
  std::string token;                   // the new session's secret, for the cookie only
  std::chrono::seconds max_age{0};     // lifetime of the cookie (the absolute session end)
  std::chrono::seconds retry_after{0}; // throttled: seconds until the next attempt may succeed
};

// A valid session and whom it belongs to.
struct Session {
  User user;
  std::string session_id; // public id, differs from the token
};

// Self-registration input (POST /api/auth/register).
struct Registration {
  std::string username;
  std::string display_name;
  std::string email;
  std::string password;
};

// The outcome of a registration.
struct RegisterResult {
  enum class Status { created, taken, throttled };
  Status status = Status::created;
  User user;                           // created: the new, unverified citizen
  std::chrono::seconds retry_after{0}; // throttled
};

// The outcome of a request to delete one's own account.
enum class DeletionResult {
  deleted,          // every trace is gone (see Accounts::delete_account)
  wrong_password,   // the confirmation password did not match (counted like a failed login)
  throttled,        // too many failed logins or confirmations for the account just now
  not_self_service, // staff and administrator accounts are removed by an administrator
};

// The accounts of the city (see the top of this file).
class Accounts {
public:
  // db and clock must outlive the object.
  Accounts(store::Database& db, const core::Clock& clock, Settings settings);

  static std::vector<store::Migration> migrations();
  const Settings& settings() const { return settings_; }

  // --- login and sessions (accounts.cpp) ----------------------------------------

  // Checks the credentials of a person. On success opens a new session (a
  // new id and token every time; `previous_token`, the session the client
  // still had, is ended) and clears the failure count of the account. A
  // failure is counted for the account and for client_address.
  LoginResult login(std::string_view username, std::string_view password,
                    const std::string& client_address, std::string_view previous_token = {});

  // The session of a token, or std::nullopt when the token is unknown,
  // expired (idle or absolute) or belongs to a demo account outside demo
  // mode. Records the activity (at most once a minute per session).
  std::optional<Session> session(std::string_view token) const;

  // Ends one session (logout); unknown ids are ignored.
  void logout(const std::string& session_id);
  // Ends every session of the user ("log out everywhere"); returns how many.
  int logout_all(const std::string& user_id);
  // Sessions of a user that are stored (including expired ones not yet swept).
  int session_count(const std::string& user_id) const;

  // A user by id (std::nullopt when unknown).
  std::optional<User> user(const std::string& id) const;
  // A user by username, ignoring case (std::nullopt when unknown).
  std::optional<User> user_by_username(std::string_view username) const;

  // Creates an account as given (for administration and seeding; the caller
  // decides who may do this). Checks username, display name, e-mail and, for
  // non-demo accounts, the password rules: core::Error{invalid_argument}.
  // core::Error{conflict} when the username or e-mail is taken.
  User create_user(const NewUser& user);

  // Seeds the demo accounts tom/tom (citizen), anna/anna (staff, Bürgeramt)
  // and admin/admin (admin) when they are missing; returns how many were
  // created. Their hashes use the minimal cost: the passwords are public.
  int seed_demo();
  // How many demo accounts are stored (they only work in demo mode).
  int demo_account_count() const;

  // --- self-service (registration.cpp) ------------------------------------------

  // Registers an unverified citizen and queues a verification mail with a
  // one-time link (valid settings().verification_ttl). Throws
  // core::Error{invalid_argument} for input that breaks the rules.
  RegisterResult register_citizen(const Registration& registration,
                                  const std::string& client_address);

  // Marks the e-mail address of the token's user as verified and uses the
  // token up. False for an unknown, used or expired token.
  bool verify_email(std::string_view token);

  // Queues a mail with a one-time reset link (valid settings().reset_ttl)
  // when an account has this e-mail address; otherwise does nothing, and the
  // caller cannot tell the difference. Returns the time to wait when the
  // client address has asked too often (zero otherwise).
  std::chrono::seconds request_password_reset(std::string_view email,
                                              const std::string& client_address);

  // Sets a new password with a reset token, uses the token up, marks the
  // e-mail verified (the link reached it) and ends every session of the
  // user. False for an unknown, used or expired token; core::Error
  // {invalid_argument} when the new password breaks the rules.
  bool reset_password(std::string_view token, std::string_view new_password);

  // --- DSGVO (privacy.cpp) ---------------------------------------------------------

  // Registers a module that holds personal data (see personal_data.hpp).
  // REQUIRES: called before the server starts serving; holder outlives this.
  void add_holder(PersonalDataHolder& holder);

  // Everything held about the logged-in `who` (Art. 15/20): the account,
  // its sessions and one section per registered holder, read in one
  // snapshot. The export itself is written to the audit log.
  boost::json::object export_data(const http::Identity& who, const audit::AuditLog& audit) const;

  // Deletes the account of the logged-in `who` after checking `password`
  // (Art. 17): in one transaction every holder erases its data (future
  // appointments are cancelled), the outbox mails to the account's address,
  // its sessions and tokens and the account itself are deleted, and the
  // deletion is written to the audit log. Only citizens delete themselves.
  DeletionResult delete_account(const http::Identity& who, std::string_view password,
                                const audit::AuditLog& audit);

private:
  // True when the user may use the system now (demo accounts need demo mode).
  bool usable(const User& user) const { return !user.demo || settings_.demo_mode; }
  void sweep(store::Connection& c, core::TimePoint now) const;

  store::Database& db_;
  const core::Clock& clock_;
  Settings settings_;
  PasswordHasher hasher_;
  std::vector<PersonalDataHolder*> holders_;
};

} // namespace accounts
