// The secrets of the Bürgerkonto: password hashes (Argon2id via libsodium)
// and the random tokens of sessions, e-mail verification and password reset.
// Tokens are handed out once and stored only as their hash, so a copy of the
// database lets nobody log in or reset a password.
#pragma once

#include <future>
#include <memory>
#include <string>
#include <string_view>

#include "accounts/model.hpp"

namespace accounts {

// Hashes and verifies passwords. Thread-safe.
//
// Argon2id at the interactive cost takes about 0.1 s and 64 MiB per call, so
// at most `parallel` hashes run at once (the rest wait): a burst of logins
// cannot exhaust the memory of the server.
class PasswordHasher {
public:
  // parallel = 0: one per core.
  explicit PasswordHasher(PasswordCost cost, unsigned parallel = 0);
  ~PasswordHasher();
  PasswordHasher(const PasswordHasher&) = delete;
  PasswordHasher& operator=(const PasswordHasher&) = delete;

  // A new hash ("$argon2id$v=19$m=...") with a fresh salt at the configured
  // cost, or at the given one. Throws core::Error{internal} when libsodium
  // cannot allocate the memory.
  std::string hash(std::string_view password) const;
  std::string hash(std::string_view password, PasswordCost cost) const;

  // True when password matches the stored hash (constant time inside
  // libsodium). False for a malformed hash.
  bool verify(const std::string& stored_hash, std::string_view password) const;

  // Verifies against a hash of a random password made at the configured
  // cost, and returns nothing: used for unknown usernames, so that the time
  // of a login attempt does not reveal whether the account exists.
  void verify_dummy(std::string_view password) const;

  // True when the hash was made with other parameters than the configured
  // cost (then it should be replaced after a successful login).
  bool needs_rehash(const std::string& stored_hash) const;

  PasswordCost cost() const { return cost_; }

private:
  class Slots;
  PasswordCost cost_;
  std::unique_ptr<Slots> slots_;
  std::shared_future<std::string> dummy_; // made in the background at start
};

// A new secret token: 32 random bytes from the OS CSPRNG, base32 (52 characters).
std::string new_token();

// The stored form of a token: BLAKE2b-256 (crypto_generichash) in hex. Tokens
// are looked up by this value, never compared as text.
std::string token_hash(std::string_view token);

// True when text has the shape of a token from new_token() (so that junk is
// refused before it reaches the database).
bool looks_like_token(std::string_view text);

} // namespace accounts
