#include "http/trusted_proxies.hpp"

#include <arpa/inet.h>

#include <charconv>
#include <optional>

#include "core/error.hpp"
#include "http/message.hpp"

namespace http {
namespace {

using Bytes = std::array<std::uint8_t, 16>;

// The address as 16 bytes, IPv4 mapped into ::ffff:0:0/96; std::nullopt
// when it is neither. `is_v4` tells which it was.
std::optional<Bytes> parse_address(std::string_view text, bool* is_v4 = nullptr) {
  if (text.size() > 45) return std::nullopt; // longest textual IPv6 address
  const std::string s(text);
  Bytes out{};
  in_addr v4{};
  if (inet_pton(AF_INET, s.c_str(), &v4) == 1) {
    out[10] = out[11] = 0xff;
    const auto* p = reinterpret_cast<const std::uint8_t*>(&v4.s_addr);
    std::copy(p, p + 4, out.begin() + 12);
    if (is_v4) *is_v4 = true;
    return out;
  }
  in6_addr v6{};
  if (inet_pton(AF_INET6, s.c_str(), &v6) == 1) {
    std::copy(v6.s6_addr, v6.s6_addr + 16, out.begin());
    if (is_v4) *is_v4 = false;
    return out;
  }
  return std::nullopt;
}

bool in_network(const Bytes& address, const Bytes& network, int prefix) {
  int i = 0;
  for (; prefix >= 8; prefix -= 8, ++i)
    if (address[i] != network[i]) return false;
  if (prefix == 0) return true;
  const auto mask = static_cast<std::uint8_t>(0xff << (8 - prefix));
  return (address[i] & mask) == (network[i] & mask);
}

} // namespace

TrustedProxies TrustedProxies::parse(std::string_view list) {
  TrustedProxies set;
  while (!list.empty()) {
    const auto cut = list.find_first_of(", ");
    const std::string_view entry = trim_ows(list.substr(0, cut));
    list = cut == std::string_view::npos ? std::string_view() : list.substr(cut + 1);
    if (entry.empty()) continue;
    const auto slash = entry.find('/');
    bool is_v4 = false;
    const auto address = parse_address(entry.substr(0, slash), &is_v4);
    int prefix = is_v4 ? 32 : 128;
    bool ok = address.has_value();
    if (ok && slash != std::string_view::npos) {
      const std::string_view digits = entry.substr(slash + 1);
      const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), prefix);
      ok = ec == std::errc() && end == digits.data() + digits.size() && !digits.empty() &&
           prefix >= 0 && prefix <= (is_v4 ? 32 : 128);
    }
    if (!ok)
      throw core::Error(core::ErrorKind::invalid_argument,
                        "trusted_proxies: '" + std::string(entry) +
                            "' is not an IP address or network (a.b.c.d[/n], ipv6[/n])");
    set.networks_.push_back({*address, is_v4 ? prefix + 96 : prefix});
  }
  return set;
}

bool TrustedProxies::contains(std::string_view address) const {
  const auto bytes = parse_address(trim_ows(address));
  if (!bytes) return false;
  for (const Network& n : networks_)
    if (in_network(*bytes, n.bytes, n.prefix)) return true;
  return false;
}

std::string TrustedProxies::client_of(std::string_view peer, std::string_view forwarded_for) const {
  std::string client(peer);
  if (!contains(peer)) return client;
  // Walk from the right: each hop was added by the proxy to its right.
  while (!forwarded_for.empty()) {
    const auto comma = forwarded_for.rfind(',');
    const std::string_view hop =
        trim_ows(comma == std::string_view::npos ? forwarded_for : forwarded_for.substr(comma + 1));
    forwarded_for =
        comma == std::string_view::npos ? std::string_view() : forwarded_for.substr(0, comma);
    if (!parse_address(hop)) break;
    client = hop;
    if (!contains(hop)) break;
  }
  return client;
}

} // namespace http
