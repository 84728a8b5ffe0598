#include "accounts/throttle.hpp"

#include <arpa/inet.h>

#include <algorithm>
#include <cstdio>

#include "accounts/accounts_store.hpp"
#include "accounts/crypto.hpp"

namespace accounts {
namespace {

// Buckets are stored hashed: people type passwords into the username field,
// and client addresses are personal data.
std::string stored_bucket(const std::string& bucket) { return token_hash(bucket); }

} // namespace

std::int64_t unix_seconds(core::TimePoint t) {
  return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}

std::chrono::seconds retry_after(const ThrottlePolicy& policy,
                                 const std::vector<std::int64_t>& newest_first, std::int64_t now) {
  if (policy.limit <= 0 || newest_first.size() < std::size_t(policy.limit))
    return std::chrono::seconds(0);
  const std::int64_t oldest_counted = newest_first[std::size_t(policy.limit) - 1];
  const std::int64_t free_at = oldest_counted + policy.window.count();
  return std::chrono::seconds(std::max<std::int64_t>(1, free_at - now));
}

std::chrono::seconds throttled_for(store::Connection& c, const ThrottlePolicy& policy,
                                   const std::string& bucket, core::TimePoint now) {
  const std::int64_t t = unix_seconds(now);
  const auto times = tables::recent_attempts(c, std::string(policy.scope), stored_bucket(bucket),
                                             t - policy.window.count(), policy.limit);
  return retry_after(policy, times, t);
}

void count_attempt(store::Connection& c, const ThrottlePolicy& policy, const std::string& bucket,
                   core::TimePoint now) {
  const std::int64_t t = unix_seconds(now);
  tables::insert_attempt(c, std::string(policy.scope), stored_bucket(bucket), t);
  tables::delete_attempts_before(c, t - kLongestWindow.count());
}

void forget_attempts(store::Connection& c, const ThrottlePolicy& policy,
                     const std::string& bucket) {
  tables::delete_attempts(c, std::string(policy.scope), stored_bucket(bucket));
}

std::string address_bucket(std::string_view address) {
  const std::string text(address);
  unsigned char bytes[16];
  if (inet_pton(AF_INET6, text.c_str(), bytes) != 1) return text;
  static constexpr unsigned char kMapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF};
  if (std::equal(kMapped, kMapped + 12, bytes)) {
    char v4[INET_ADDRSTRLEN];
    if (inet_ntop(AF_INET, bytes + 12, v4, sizeof v4)) return v4;
    return text;
  }
  char out[48];
  std::snprintf(out, sizeof out, "%x:%x:%x:%x::/64", (bytes[0] << 8) | bytes[1],
                (bytes[2] << 8) | bytes[3], (bytes[4] << 8) | bytes[5], (bytes[6] << 8) | bytes[7]);
  return out;
}

} // namespace accounts
