// The route helpers every module shares (http/params): whole-number query
// parameters with bounds, the Origin check, and the no-store wrapper.
#include "http/params.hpp"

#include <gtest/gtest.h>

#include "core/error.hpp"

namespace {

using http::Request;
using http::Response;

Request with_query(std::string query) {
  Request r;
  r.path = "/api/things";
  r.query = std::move(query);
  return r;
}

std::string detail_of_bad(const Request& r) {
  try {
    http::whole_number_param(r, "limit", 1, 20);
  } catch (const core::Error& e) {
    EXPECT_EQ(e.kind(), core::ErrorKind::invalid_argument);
    return e.what();
  }
  return "";
}

TEST(RouteParams, WholeNumbersInsideTheBoundsAreRead) {
  EXPECT_EQ(http::whole_number_param(with_query("limit=7"), "limit", 1, 20), 7);
  EXPECT_EQ(http::whole_number_param(with_query("limit=1"), "limit", 1, 20), 1);
  EXPECT_EQ(http::whole_number_param(with_query("limit=20"), "limit", 1, 20), 20);
  EXPECT_FALSE(http::whole_number_param(with_query(""), "limit", 1, 20).has_value());
  EXPECT_FALSE(http::whole_number_param(with_query("limit="), "limit", 1, 20).has_value());
  EXPECT_EQ(http::whole_number_param(with_query("q=x"), "limit", 1, 20, 5), 5);
}

TEST(RouteParams, AnythingElseIsABadRequestThatNamesTheRange) {
  for (const char* q : {"limit=0", "limit=21", "limit=-3", "limit=%2B3", "limit=3.5", "limit=3x",
                        "limit=%203", "limit=99999999999999999999999", "limit=abc"}) {
    const std::string detail = detail_of_bad(with_query(q));
    EXPECT_NE(detail.find("'limit' must be a whole number from 1 to 20"), std::string::npos) << q;
  }
}

TEST(RouteParams, OriginMustBeThisSiteWhenABrowserSendsIt) {
  Request r;
  r.headers.add("Host", "stadt.example:8080");
  EXPECT_NO_THROW(http::require_own_origin(r)); // not a browser
  r.headers.set("Origin", "https://stadt.example:8080");
  EXPECT_NO_THROW(http::require_own_origin(r));
  for (const char* other :
       {"https://evil.example", "http://stadt.example", "null",
        "https://stadt.example:8080.evil.example", "ftp://stadt.example:8080"}) {
    r.headers.set("Origin", other);
    try {
      http::require_own_origin(r);
      ADD_FAILURE() << other << " passed";
    } catch (const core::Error& e) {
      EXPECT_EQ(e.kind(), core::ErrorKind::forbidden) << other;
    }
  }
}

TEST(RouteParams, PersonalAnswersAndTheirErrorsAreNotStored) {
  const auto ok = http::personal([](Request&) { return Response::json("{}"); });
  const auto refused = http::personal([](Request&) -> Response {
    throw core::Error(core::ErrorKind::not_found, "Gibt es nicht.");
  });
  Request r = with_query("");
  const Response a = ok(r);
  EXPECT_EQ(a.status, 200);
  EXPECT_EQ(a.headers.get("Cache-Control"), "no-store");
  const Response b = refused(r);
  EXPECT_EQ(b.status, 404);
  EXPECT_EQ(b.headers.get("Cache-Control"), "no-store");
  const auto broken = http::personal(
      [](Request&) -> Response { throw core::Error(core::ErrorKind::internal, "disk on fire"); });
  EXPECT_THROW(broken(r), core::Error); // left to the dispatcher, which logs it
}

} // namespace
