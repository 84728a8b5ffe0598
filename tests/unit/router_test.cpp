#include "http/router.hpp"

#include <gtest/gtest.h>

#include "core/error.hpp"

namespace {

using http::Match;
using http::Method;
using http::Request;
using http::Response;
using http::Router;

http::Handler named(std::string name) {
  return [name](Request&) { return Response::text(name); };
}

std::string run(const Match& m) {
  Request r;
  return m.route->handler(r).body;
}

TEST(Router, MatchesLiteralAndParameterSegments) {
  Router router;
  router.add(Method::get, "/api/services", named("list"));
  router.add(Method::get, "/api/services/{id}", named("one"));
  const Match list = router.match(Method::get, "/api/services");
  ASSERT_EQ(list.kind, Match::Kind::found);
  EXPECT_EQ(run(list), "list");
  const Match one = router.match(Method::get, "/api/services/99123");
  ASSERT_EQ(one.kind, Match::Kind::found);
  EXPECT_EQ(run(one), "one");
  ASSERT_EQ(one.params.size(), 1u);
  EXPECT_EQ(one.params[0].first, "id");
  EXPECT_EQ(one.params[0].second, "99123");
}

TEST(Router, LiteralWinsOverParameter) {
  Router router;
  router.add(Method::get, "/api/services/{id}", named("param"));
  router.add(Method::get, "/api/services/export", named("literal"));
  EXPECT_EQ(run(router.match(Method::get, "/api/services/export")), "literal");
  EXPECT_EQ(run(router.match(Method::get, "/api/services/x")), "param");
}

TEST(Router, UnknownPathIsNotFound) {
  Router router;
  router.add(Method::get, "/api/services", named("list"));
  EXPECT_EQ(router.match(Method::get, "/api/nothing").kind, Match::Kind::not_found);
  EXPECT_EQ(router.match(Method::get, "/api/services/1/2").kind, Match::Kind::not_found);
  EXPECT_EQ(router.match(Method::get, "/").kind, Match::Kind::not_found);
}

TEST(Router, WrongMethodListsAllowedMethods) {
  Router router;
  router.add(Method::get, "/api/items/{id}", named("get"));
  router.add(Method::put, "/api/items/{id}", named("put"));
  const Match m = router.match(Method::del, "/api/items/4");
  EXPECT_EQ(m.kind, Match::Kind::method_not_allowed);
  EXPECT_EQ(m.allow, "GET, HEAD, PUT");
}

TEST(Router, GetRoutesAnswerHead) {
  Router router;
  router.add(Method::get, "/health", named("h"));
  EXPECT_EQ(router.match(Method::head, "/health").kind, Match::Kind::found);
}

TEST(Router, TrailingAndDoubleSlashesAreIgnored) {
  Router router;
  router.add(Method::get, "/api/services", named("list"));
  EXPECT_EQ(router.match(Method::get, "/api/services/").kind, Match::Kind::found);
  EXPECT_EQ(router.match(Method::get, "//api//services").kind, Match::Kind::found);
}

TEST(Router, ParametersAreDecodedPerSegment) {
  Router router;
  router.add(Method::get, "/ngsi-ld/v1/entities/{id}", named("entity"));
  const Match m = router.match(Method::get, "/ngsi-ld/v1/entities/urn%3Angsi-ld%3AA%2F1");
  ASSERT_EQ(m.kind, Match::Kind::found);
  EXPECT_EQ(m.params[0].second, "urn:ngsi-ld:A/1");
}

TEST(Router, MalformedEscapeInParameterIsInvalidArgument) {
  Router router;
  router.add(Method::get, "/a/{id}", named("a"));
  try {
    router.match(Method::get, "/a/%zz");
    FAIL() << "expected an error";
  } catch (const core::Error& e) {
    EXPECT_EQ(e.kind(), core::ErrorKind::invalid_argument);
  }
}

TEST(Router, RejectsDuplicateAndMalformedPatterns) {
  Router router;
  router.add(Method::get, "/a/{id}", named("a"));
  EXPECT_THROW(router.add(Method::get, "/a/{other}", named("b")), core::Error);
  EXPECT_NO_THROW(router.add(Method::post, "/a/{id}", named("c")));
  EXPECT_THROW(router.add(Method::get, "no-slash", named("d")), core::Error);
  EXPECT_THROW(router.add(Method::get, "/a/{broken", named("e")), core::Error);
}

TEST(Router, PercentDecode) {
  EXPECT_EQ(http::percent_decode("a%20b%C3%BC"), std::optional<std::string>("a b\xC3\xBC"));
  EXPECT_EQ(http::percent_decode("100%"), std::nullopt);
  EXPECT_EQ(http::percent_decode("%4"), std::nullopt);
  EXPECT_EQ(http::percent_decode("%00"), std::nullopt);
  EXPECT_EQ(http::percent_decode("plain+text"), std::optional<std::string>("plain+text"));
}

} // namespace
