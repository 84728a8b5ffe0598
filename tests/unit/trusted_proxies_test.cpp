// Reading the client's address behind reverse proxies (X-Forwarded-For).
#include "http/trusted_proxies.hpp"

#include <gtest/gtest.h>

#include "core/error.hpp"

namespace {

using http::TrustedProxies;

TEST(TrustedProxies, NobodyIsTrustedByDefault) {
  const TrustedProxies none;
  EXPECT_TRUE(none.empty());
  EXPECT_EQ(none.client_of("127.0.0.1", "203.0.113.7"), "127.0.0.1");
}

TEST(TrustedProxies, MatchesAddressesAndNetworksOfBothFamilies) {
  const auto set = TrustedProxies::parse("127.0.0.1, 10.0.0.0/8 fd00::/8,::1,192.168.1.128/25");
  EXPECT_TRUE(set.contains("127.0.0.1"));
  EXPECT_FALSE(set.contains("127.0.0.2"));
  EXPECT_TRUE(set.contains("10.255.0.1"));
  EXPECT_FALSE(set.contains("11.0.0.1"));
  EXPECT_TRUE(set.contains("192.168.1.200"));
  EXPECT_FALSE(set.contains("192.168.1.127"));
  EXPECT_TRUE(set.contains("fd12:3456::1"));
  EXPECT_FALSE(set.contains("fe80::1"));
  EXPECT_TRUE(set.contains("::1"));
  EXPECT_TRUE(set.contains("::ffff:10.1.2.3")); // IPv4-mapped IPv6 is the IPv4 address
  EXPECT_FALSE(set.contains("not an address"));
  EXPECT_FALSE(set.contains(""));
}

TEST(TrustedProxies, RejectsEntriesThatAreNotAddresses) {
  for (const char* bad :
       {"localhost", "10.0.0.0/33", "::/129", "10.0.0.1/", "10.0.0.1/8x", "1.2.3", "10.0.0.0/-1"}) {
    try {
      (void)TrustedProxies::parse(bad);
      ADD_FAILURE() << bad << " was accepted";
    } catch (const core::Error& e) {
      EXPECT_EQ(e.kind(), core::ErrorKind::invalid_argument) << bad;
    }
  }
  EXPECT_TRUE(TrustedProxies::parse(" , ").empty());
}

TEST(TrustedProxies, TheClientIsTheRightmostUntrustedHop) {
  const auto set = TrustedProxies::parse("127.0.0.1, 10.0.0.0/8");
  // A direct client is never overridden by its own header.
  EXPECT_EQ(set.client_of("203.0.113.9", "198.51.100.1"), "203.0.113.9");
  // nginx on localhost forwarding a client.
  EXPECT_EQ(set.client_of("127.0.0.1", "203.0.113.7"), "203.0.113.7");
  // A forged entry on the left is ignored: the first untrusted hop from the right wins.
  EXPECT_EQ(set.client_of("127.0.0.1", "1.1.1.1, 203.0.113.7, 10.0.0.5"), "203.0.113.7");
  // Without the header, or with garbage in it, the proxy stays the client.
  EXPECT_EQ(set.client_of("127.0.0.1", ""), "127.0.0.1");
  EXPECT_EQ(set.client_of("127.0.0.1", "unknown"), "127.0.0.1");
  EXPECT_EQ(set.client_of("127.0.0.1", "garbage, 10.0.0.9"), "10.0.0.9");
  EXPECT_EQ(set.client_of("127.0.0.1", " 2001:db8::1 "), "2001:db8::1");
}

} // namespace
