// Throttling of guessable operations (logins, registrations, reset mails):
// at most `limit` counted attempts per bucket within a sliding `window`.
// Attempts are rows in the database, so every server process sees the same
// counts; buckets are stored only as hashes and forgotten after an hour.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "store/database.hpp"

namespace accounts {

// How many attempts a bucket may make in a window.
struct ThrottlePolicy {
  std::string_view scope; // what is counted ("login_account")
  int limit;
  std::chrono::seconds window;
};

// Failed logins per account from one client address (the case-folded
// username, whether it exists or not, so that a 429 does not reveal which
// accounts exist, plus the address bucket): a stranger who knows a username
// locks out only their own address, not the account's owner.
inline constexpr ThrottlePolicy kLoginPerAccountAndAddress{"login_account_address", 5,
                                                           std::chrono::minutes(15)};
// Failed logins per account from all addresses together: the cap on guessing
// one password from many addresses.
inline constexpr ThrottlePolicy kLoginPerAccount{"login_account", 50, std::chrono::minutes(15)};
// Wrong confirmation passwords of a logged-in person (deleting the account).
inline constexpr ThrottlePolicy kConfirmPerAccount{"confirm_account", 5, std::chrono::minutes(15)};
// Failed logins per client address (IPv6: per /64 network).
inline constexpr ThrottlePolicy kLoginPerAddress{"login_address", 20, std::chrono::minutes(15)};
// Registrations per client address (each costs a password hash and a mail).
inline constexpr ThrottlePolicy kRegisterPerAddress{"register_address", 10,
                                                    std::chrono::minutes(60)};
// Password reset requests per client address (each may send a mail).
inline constexpr ThrottlePolicy kResetPerAddress{"reset_address", 10, std::chrono::minutes(15)};

// The longest window of all policies: older attempts can be forgotten.
inline constexpr std::chrono::seconds kLongestWindow = std::chrono::minutes(60);

// How long the bucket must wait, given the times (Unix seconds, newest first)
// of its attempts within the window: zero when fewer than `limit` are
// recorded, else until the oldest of the newest `limit` attempts leaves the
// window (at least one second).
std::chrono::seconds retry_after(const ThrottlePolicy& policy,
                                 const std::vector<std::int64_t>& newest_first, std::int64_t now);

// The same, reading the bucket's attempts in a job.
std::chrono::seconds throttled_for(store::Connection& c, const ThrottlePolicy& policy,
                                   const std::string& bucket, core::TimePoint now);

// Counts one attempt, and forgets attempts older than every window.
void count_attempt(store::Connection& c, const ThrottlePolicy& policy, const std::string& bucket,
                   core::TimePoint now);

// Forgets the attempts of a bucket (a successful login clears its account).
void forget_attempts(store::Connection& c, const ThrottlePolicy& policy, const std::string& bucket);

// The bucket of a client address: IPv4 as is, IPv6 by its /64 network
// ("2001:db8:1:2::/64"), IPv4-mapped IPv6 as IPv4. Anything unparsable as is.
std::string address_bucket(std::string_view address);

// Unix seconds of a time point.
std::int64_t unix_seconds(core::TimePoint t);

} // namespace accounts
