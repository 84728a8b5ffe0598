#include "core/json.hpp"

#include <gtest/gtest.h>

#include "core/error.hpp"
#include "http/problem.hpp"

namespace {

core::ErrorKind kind_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const core::Error& e) {
    return e.kind();
  }
  return core::ErrorKind::internal;
}

TEST(Json, ParsesObjects) {
  const auto o = core::json::parse_object(R"({"name": "Pass", "fee": 70, "online": true})");
  EXPECT_EQ(core::json::required_string(o, "name"), "Pass");
  EXPECT_EQ(core::json::required_int(o, "fee"), 70);
  EXPECT_EQ(core::json::optional_bool(o, "online"), true);
  EXPECT_EQ(core::json::optional_string(o, "absent"), std::nullopt);
}

TEST(Json, MalformedInputIsInvalidArgument) {
  for (const char* text : {"", "{", "{\"a\":}", "[1,2", "{\"a\":1} trailing", "nul", "\x01"})
    EXPECT_EQ(kind_of([&] { core::json::parse(text); }), core::ErrorKind::invalid_argument) << text;
}

TEST(Json, NonObjectBodyIsRejected) {
  EXPECT_EQ(kind_of([] { core::json::parse_object("[1]"); }), core::ErrorKind::invalid_argument);
  EXPECT_EQ(kind_of([] { core::json::parse_object("\"text\""); }),
            core::ErrorKind::invalid_argument);
}

TEST(Json, DeepNestingIsRejected) {
  const std::string deep = std::string(1000, '[') + std::string(1000, ']');
  EXPECT_EQ(kind_of([&] { core::json::parse(deep); }), core::ErrorKind::invalid_argument);
  EXPECT_NO_THROW(core::json::parse("[[[[1]]]]"));
}

TEST(Json, WrongMemberTypesNameTheMember) {
  const auto o = core::json::parse_object(R"({"name": 5, "count": "x", "flag": "yes"})");
  try {
    core::json::required_string(o, "name");
    FAIL();
  } catch (const core::Error& e) {
    EXPECT_NE(e.detail().find("'name'"), std::string::npos);
  }
  EXPECT_EQ(kind_of([&] { core::json::required_int(o, "count"); }),
            core::ErrorKind::invalid_argument);
  EXPECT_EQ(kind_of([&] { core::json::optional_bool(o, "flag"); }),
            core::ErrorKind::invalid_argument);
  EXPECT_EQ(kind_of([&] { core::json::required_string(o, "missing"); }),
            core::ErrorKind::invalid_argument);
}

TEST(Json, NullCountsAsAbsent) {
  const auto o = core::json::parse_object(R"({"a": null})");
  EXPECT_EQ(core::json::optional_int(o, "a"), std::nullopt);
}

TEST(Problem, HasTheRfc9457Shape) {
  const http::Response r = http::problem(404, "/problems/not-found", "Nothing here.", "/x");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.content_type, "application/problem+json");
  const auto o = core::json::parse_object(r.body);
  EXPECT_EQ(o.at("type"), "/problems/not-found");
  EXPECT_EQ(o.at("title"), "Not Found");
  EXPECT_EQ(o.at("status"), 404);
  EXPECT_EQ(o.at("detail"), "Nothing here.");
  EXPECT_EQ(o.at("instance"), "/x");
}

TEST(Problem, EscapesHostileText) {
  const http::Response r =
      http::problem(400, "/problems/invalid-argument", "bad \"quote\" </script>\n", "/\x01");
  const auto o = core::json::parse_object(r.body);
  EXPECT_EQ(o.at("detail"), "bad \"quote\" </script>\n");
}

TEST(Problem, MapsEveryErrorKind) {
  using core::ErrorKind;
  EXPECT_EQ(http::status_for(ErrorKind::invalid_argument), 400);
  EXPECT_EQ(http::status_for(ErrorKind::unauthenticated), 401);
  EXPECT_EQ(http::status_for(ErrorKind::forbidden), 403);
  EXPECT_EQ(http::status_for(ErrorKind::not_found), 404);
  EXPECT_EQ(http::status_for(ErrorKind::conflict), 409);
  EXPECT_EQ(http::status_for(ErrorKind::too_large), 413);
  EXPECT_EQ(http::status_for(ErrorKind::unsupported), 415);
  EXPECT_EQ(http::status_for(ErrorKind::unavailable), 503);
  EXPECT_EQ(http::status_for(ErrorKind::internal), 500);
}

TEST(Problem, FromErrorUsesKindAsType) {
  http::Request req;
  req.path = "/api/services/1";
  const auto r =
      http::problem_from_error(core::Error(core::ErrorKind::not_found, "no service 1"), req);
  const auto o = core::json::parse_object(r.body);
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(o.at("type"), "/problems/not-found");
  EXPECT_EQ(o.at("instance"), "/api/services/1");
}

} // namespace

namespace {

TEST(Json, ValidUtf8IsKeptAndInvalidBytesAreReplaced) {
  EXPECT_EQ(core::json::to_valid_utf8("Straße 1 €"), "Straße 1 €");
  EXPECT_EQ(core::json::to_valid_utf8("a\xff"
                                      "b"),
            "a\xEF\xBF\xBD"
            "b");
  EXPECT_EQ(core::json::to_valid_utf8("\xC3"), "\xEF\xBF\xBD");                 // truncated
  EXPECT_EQ(core::json::to_valid_utf8("\xC0\xAF"), "\xEF\xBF\xBD\xEF\xBF\xBD"); // overlong
  EXPECT_EQ(core::json::to_valid_utf8("\xED\xA0\x80"),
            "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");                            // surrogate
  EXPECT_EQ(core::json::to_valid_utf8("\xF0\x9F\x8F\x9B"), "\xF0\x9F\x8F\x9B"); // 🏛
}

TEST(Problem, BodyIsValidUtf8EvenForBinaryPaths) {
  const http::Response r =
      http::problem(404, "/problems/not-found", "There is nothing at /\xff\xfe.", "/\xff\xfe");
  const auto o = core::json::parse_object(r.body);
  EXPECT_EQ(o.at("instance"), "/\xEF\xBF\xBD\xEF\xBF\xBD");
}

} // namespace

TEST(Json, DumpEscapesStringsAndKeysLikeBoost) {
  // Every ASCII byte once in a string and in a key, and some UTF-8; the
  // text must read back to the same value and match Boost's own escaping.
  std::string all;
  for (int c = 1; c < 128; ++c)
    all += static_cast<char>(c);
  all += "Straße €";
  boost::json::object o;
  o[all] = all;
  o["n"] = std::int64_t{-9007199254740993};
  o["u"] = std::uint64_t{18446744073709551615u};
  o["b"] = true;
  o["z"] = nullptr;
  o["list"] = boost::json::array{"a\"b", "c\\d", "\n\t\x01", 0, false};
  const std::string text = core::json::dump(o);
  EXPECT_EQ(text, boost::json::serialize(o));
  EXPECT_EQ(boost::json::parse(text), boost::json::value(o));
}
