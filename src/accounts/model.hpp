// The records of the Bürgerkonto: people who can log in (citizens, staff of
// a department, administrators), the settings that govern their sessions,
// and the rules every username, e-mail address and password must satisfy.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "http/identity.hpp"

namespace accounts {

using http::Role;

// "citizen", "staff", "admin" -> Role; std::nullopt for anything else.
// (Partners authenticate with API keys and have no account here.)
std::optional<Role> role_from_string(std::string_view text);

// A person with an account. Never carries the password hash.
struct User {
  std::string id;           // core::random_id(): stable and not guessable
  std::string username;     // as registered ("Tom"); unique ignoring case
  std::string display_name; // "Tom Müller"
  std::string email;        // as registered; unique ignoring case
  Role role = Role::citizen;
  std::string department; // staff only ("Bürgeramt"); empty otherwise
  bool email_verified = false;
  bool demo = false;      // seeded by --demo; usable only while demo mode is on
  std::string created_at; // ISO 8601 UTC
};

// How password hashes are made. Verification always uses the parameters
// stored in the hash itself, so changing the cost never locks anybody out.
enum class PasswordCost {
  interactive, // libsodium's OPSLIMIT/MEMLIMIT_INTERACTIVE (Argon2id, 64 MiB): production
  minimal,     // OPSLIMIT/MEMLIMIT_MIN: tests and demo only, offers no real protection
};

// "interactive" or "minimal"; throws core::Error{invalid_argument} otherwise.
PasswordCost password_cost_from_string(std::string_view text);

// What governs logins and sessions (from the accounts.* settings).
struct Settings {
  PasswordCost password_cost = PasswordCost::interactive;
  std::chrono::minutes session_idle{60};   // ends after this long without a request
  std::chrono::hours session_absolute{12}; // ends this long after the login, whatever happens
  bool secure_cookies = false;             // add `Secure` to the session cookie
  bool demo_mode = false;                  // demo accounts may log in
  std::chrono::hours verification_ttl{24}; // e-mail verification links
  std::chrono::minutes reset_ttl{60};      // password reset links
  // Where citizens reach the site: the start of the links in mails (config public_url).
  std::string public_url = "http://localhost:8080";
};

// What a new account is made of.
struct NewUser {
  std::string username;
  std::string display_name;
  std::string email;
  std::string password;
  Role role = Role::citizen;
  std::string department;
  bool email_verified = false;
  bool demo = false;
};

// Input rules. Each returns an empty string when the value is acceptable,
// else a German sentence saying what is wrong (safe to show to the client).
//
// username: 3-32 characters of A-Z a-z 0-9 . _ - (ASCII only, so that no two
//   names look alike); compared ignoring case.
// display name: 1-100 characters, no control characters.
// e-mail: at most 254 bytes, one '@', a non-empty local part, a domain with a
//   dot, no spaces or control characters.
// password: 10-1000 characters (Unicode code points).
std::string check_username(std::string_view username);
std::string check_display_name(std::string_view name);
std::string check_email(std::string_view email);
std::string check_password(std::string_view password);

inline constexpr std::size_t kMinPasswordChars = 10;
inline constexpr std::size_t kMaxPasswordChars = 1000;

// The key under which a username or e-mail address is unique: ASCII
// lower case ("Tom" -> "tom").
std::string fold_case(std::string_view text);

// Number of Unicode code points of valid UTF-8 text.
std::size_t count_chars(std::string_view utf8);

} // namespace accounts
