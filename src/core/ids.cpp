#include "core/ids.hpp"

#include <sodium.h>

#include <atomic>
#include <cstdint>
#include <stdexcept>
#include <vector>

namespace core {
namespace {

void ensure_sodium() {
  static const bool ready = [] {
    if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialised");
    return true;
  }();
  (void)ready;
}

std::string base32(const unsigned char* data, std::size_t size) {
  static constexpr char kAlphabet[] = "abcdefghijklmnopqrstuvwxyz234567";
  std::string out;
  out.reserve((size * 8 + 4) / 5);
  std::uint32_t buffer = 0;
  int bits = 0;
  for (std::size_t i = 0; i < size; ++i) {
    buffer = (buffer << 8) | data[i];
    bits += 8;
    while (bits >= 5) {
      out.push_back(kAlphabet[(buffer >> (bits - 5)) & 31]);
      bits -= 5;
    }
  }
  if (bits > 0) out.push_back(kAlphabet[(buffer << (5 - bits)) & 31]);
  return out;
}

} // namespace

std::string random_id(std::size_t bytes) {
  ensure_sodium();
  std::vector<unsigned char> data(bytes);
  randombytes_buf(data.data(), data.size());
  return base32(data.data(), data.size());
}

std::string next_request_id() {
  // 6 random characters, '-', 8 hex digits: 15 characters fit the small-string buffer.
  static const std::string prefix = random_id(4).substr(0, 6);
  static std::atomic<std::uint64_t> counter{0};
  static constexpr char kHex[] = "0123456789abcdef";
  const std::uint64_t n = ++counter;
  std::string id = prefix;
  id.resize(prefix.size() + 9);
  id[prefix.size()] = '-';
  for (int i = 0; i < 8; ++i)
    id[prefix.size() + 8 - i] = kHex[(n >> (4 * i)) & 0xF];
  return id;
}

bool is_safe_request_id(std::string_view s) {
  if (s.empty() || s.size() > 64) return false;
  for (char c : s) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '_' || c == '.';
    if (!ok) return false;
  }
  return true;
}

} // namespace core
