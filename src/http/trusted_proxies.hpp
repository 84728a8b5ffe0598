// Which reverse proxies (nginx, a load balancer) may tell us the address of
// the client they forward, and how to read it from X-Forwarded-For. Behind a
// proxy every connection comes from the proxy's address; without this, login
// throttling and the access log would treat all citizens as one client.
//
// Only a request whose direct peer is a trusted proxy is believed, and only
// as far as the chain of trusted proxies goes: the client is the rightmost
// address in X-Forwarded-For that is not itself a trusted proxy (addresses to
// its left were written by the client and can be forged).
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace http {

// A set of addresses and networks (IPv4 and IPv6, with or without /prefix).
class TrustedProxies {
public:
  // An empty set: nobody is trusted, the peer is always the client.
  TrustedProxies() = default;

  // Parses a comma- or space-separated list such as
  // "127.0.0.1, 10.0.0.0/8, ::1, fd00::/8". Throws core::Error
  // {invalid_argument} naming the first entry that is not an address or
  // network.
  static TrustedProxies parse(std::string_view list);

  bool empty() const { return networks_.empty(); }

  // True when the address (IPv4, IPv6 or IPv4-mapped IPv6) is in the set.
  bool contains(std::string_view address) const;

  // The client's address for a connection from `peer` that carried this
  // X-Forwarded-For header (empty when absent). The peer itself unless it is
  // trusted; entries that do not parse end the walk (the last good one wins).
  std::string client_of(std::string_view peer, std::string_view forwarded_for) const;

private:
  // An address as 16 bytes (IPv4 as IPv4-mapped IPv6) and its prefix length.
  struct Network {
    std::array<std::uint8_t, 16> bytes{};
    int prefix = 128;
  };
  std::vector<Network> networks_;
};

} // namespace http
