#include "accounts/crypto.hpp"

#include <sodium.h>

#include <algorithm>
#include <semaphore>
#include <thread>

#include "core/error.hpp"
#include "core/ids.hpp"

namespace accounts {
namespace {

constexpr std::size_t kTokenBytes = 32;
constexpr std::size_t kTokenChars = (kTokenBytes * 8 + 4) / 5; // base32 without padding

struct Limits {
  unsigned long long ops;
  std::size_t mem;
};

Limits limits_for(PasswordCost cost) {
  if (cost == PasswordCost::minimal)
    return {crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN};
  return {crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE};
}

std::string hash_now(std::string_view password, PasswordCost cost) {
  if (sodium_init() < 0) throw core::Error(core::ErrorKind::internal, "libsodium init failed");
  const Limits limits = limits_for(cost);
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(out, password.data(), password.size(), limits.ops, limits.mem) != 0)
    throw core::Error(core::ErrorKind::internal, "out of memory while hashing a password");
  return std::string(out);
}

} // namespace

// Bounds how many Argon2 computations run at once.
class PasswordHasher::Slots {
public:
  explicit Slots(unsigned n) : semaphore_(std::ptrdiff_t(n)) {}

  // Holds one slot for its lifetime.
  class Guard {
  public:
    explicit Guard(Slots& slots) : slots_(slots) { slots_.semaphore_.acquire(); }
    ~Guard() { slots_.semaphore_.release(); }
    Guard(const Guard&) = delete;
    Guard& operator=(const Guard&) = delete;

  private:
    Slots& slots_;
  };

private:
  std::counting_semaphore<1024> semaphore_;
};

PasswordHasher::PasswordHasher(PasswordCost cost, unsigned parallel)
    : cost_(cost), slots_(std::make_unique<Slots>(std::clamp(
                       parallel ? parallel : std::thread::hardware_concurrency(), 1u, 1024u))) {
  // The dummy costs as much as a real hash; make it off the start-up path.
  dummy_ = std::async(std::launch::async, [cost] {
             return hash_now(core::random_id(16), cost);
           }).share();
}

PasswordHasher::~PasswordHasher() = default;

std::string PasswordHasher::hash(std::string_view password) const { return hash(password, cost_); }

std::string PasswordHasher::hash(std::string_view password, PasswordCost cost) const {
  Slots::Guard slot(*slots_);
  return hash_now(password, cost);
}

bool PasswordHasher::verify(const std::string& stored_hash, std::string_view password) const {
  Slots::Guard slot(*slots_);
  return crypto_pwhash_str_verify(stored_hash.c_str(), password.data(), password.size()) == 0;
}

void PasswordHasher::verify_dummy(std::string_view password) const {
  const std::string& dummy = dummy_.get();
  (void)verify(dummy, password);
}

bool PasswordHasher::needs_rehash(const std::string& stored_hash) const {
  const Limits limits = limits_for(cost_);
  return crypto_pwhash_str_needs_rehash(stored_hash.c_str(), limits.ops, limits.mem) != 0;
}

std::string new_token() { return core::random_id(kTokenBytes); }

std::string token_hash(std::string_view token) {
  unsigned char digest[32];
  crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(token.data()),
                     token.size(), nullptr, 0);
  char hex[sizeof digest * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return std::string(hex);
}

bool looks_like_token(std::string_view text) {
  if (text.size() != kTokenChars) return false;
  return std::all_of(text.begin(), text.end(),
                     [](char c) { return (c >= 'a' && c <= 'z') || (c >= '2' && c <= '7'); });
}

} // namespace accounts
