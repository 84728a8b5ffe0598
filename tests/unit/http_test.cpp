// Unit tests of the socket-free parts of the HTTP layer: dispatch, static
// files, gzip negotiation, metrics text and access-log escaping.
#include <gtest/gtest.h>
#include <zlib.h>

#include <filesystem>
#include <fstream>

#include "core/error.hpp"
#include "core/json.hpp"
#include "http/access_log.hpp"
#include "http/dispatch.hpp"
#include "http/gzip.hpp"
#include "http/metrics.hpp"
#include "http/problem.hpp"

namespace {

namespace fs = std::filesystem;
using http::Method;
using http::Request;
using http::Response;

std::string gunzip(std::string_view data) {
  z_stream zs{};
  inflateInit2(&zs, 15 + 16);
  std::string out(1 << 20, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  inflate(&zs, Z_FINISH);
  out.resize(zs.total_out);
  inflateEnd(&zs);
  return out;
}

Request get(std::string path) {
  Request r;
  r.method = Method::get;
  r.raw_path = path;
  r.path = std::move(path);
  r.request_id = "test";
  return r;
}

class DispatchTest : public ::testing::Test {
protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("stadtkern-web-" + std::to_string(::getpid()));
    fs::create_directories(dir_ / "assets");
    std::ofstream(dir_ / "index.html") << "<!doctype html><title>Musterstadt</title>";
    std::ofstream(dir_ / "assets" / "app-1234.js") << std::string(4000, 'x');
    std::ofstream(dir_ / ".secret") << "hidden";
    files_ = http::StaticFiles::load(dir_);
    router_.add(Method::get, "/api/ping",
                [](Request&) { return Response::json(R"({"pong":true})"); });
    router_.add(Method::get, "/api/fail", [](Request&) -> Response {
      throw core::Error(core::ErrorKind::not_found, "no such thing");
    });
    router_.add(Method::get, "/api/bug",
                [](Request&) -> Response { throw std::runtime_error("secret internals"); });
    router_.add(Method::get, "/api/big",
                [](Request&) { return Response::json("[" + std::string(5000, ' ') + "]"); });
  }
  void TearDown() override { fs::remove_all(dir_); }

  Response answer(Request r) const {
    http::Dispatcher d(router_, files_, 1024);
    const http::Plan plan = d.plan(r);
    return d.execute(plan, r);
  }

  fs::path dir_;
  http::StaticFiles files_;
  http::Router router_;
};

TEST_F(DispatchTest, RunsTheRouteHandler) {
  const Response r = answer(get("/api/ping"));
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, R"({"pong":true})");
}

TEST_F(DispatchTest, DomainErrorsBecomeProblems) {
  const Response r = answer(get("/api/fail"));
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.content_type, "application/problem+json");
  EXPECT_NE(r.body.find("no such thing"), std::string::npos);
}

TEST_F(DispatchTest, UnexpectedExceptionsAre500WithoutInternals) {
  const Response r = answer(get("/api/bug"));
  EXPECT_EQ(r.status, 500);
  EXPECT_EQ(r.body.find("secret internals"), std::string::npos);
  EXPECT_NE(r.body.find("test"), std::string::npos); // the request id to quote
}

TEST_F(DispatchTest, ServesFilesAndFallsBackToIndexForAppRoutes) {
  const Response asset = answer(get("/assets/app-1234.js"));
  EXPECT_EQ(asset.status, 200);
  EXPECT_EQ(asset.content_type, "text/javascript; charset=utf-8");
  EXPECT_EQ(asset.headers.get("Cache-Control"), "public, max-age=31536000, immutable");
  const Response page = answer(get("/leistungen/reisepass"));
  EXPECT_EQ(page.status, 200);
  EXPECT_EQ(page.content_type, "text/html; charset=utf-8");
  EXPECT_EQ(page.headers.get("Cache-Control"), "no-cache");
}

TEST_F(DispatchTest, MissingFilesHiddenFilesAndApiPathsAre404) {
  EXPECT_EQ(answer(get("/missing.png")).status, 404);
  EXPECT_EQ(answer(get("/.secret")).status, 404);
  EXPECT_EQ(answer(get("/api/unknown")).status, 404);
  EXPECT_EQ(answer(get("/../index.html")).status, 404);
}

TEST_F(DispatchTest, EtagRevalidationGives304) {
  const Response first = answer(get("/index.html"));
  Request again = get("/index.html");
  again.headers.add("If-None-Match", std::string(first.headers.get("ETag")));
  EXPECT_EQ(answer(again).status, 304);
}

TEST_F(DispatchTest, CompressesLargeTextWhenAccepted) {
  Request r = get("/api/big");
  r.headers.add("Accept-Encoding", "gzip, deflate");
  const Response zipped = answer(r);
  EXPECT_EQ(zipped.headers.get("Content-Encoding"), "gzip");
  EXPECT_EQ(gunzip(zipped.payload()), "[" + std::string(5000, ' ') + "]");
  const Response plain = answer(get("/api/big"));
  EXPECT_FALSE(plain.headers.has("Content-Encoding"));
  EXPECT_EQ(plain.headers.get("Vary"), "Accept-Encoding");
}

TEST_F(DispatchTest, WrongMethodOnApiIs405WithAllow) {
  Request r = get("/api/ping");
  r.method = Method::post;
  const Response resp = answer(r);
  EXPECT_EQ(resp.status, 405);
  EXPECT_EQ(resp.headers.get("Allow"), "GET, HEAD");
}

TEST(Gzip, AcceptEncodingNegotiation) {
  EXPECT_TRUE(http::accepts_gzip("gzip"));
  EXPECT_TRUE(http::accepts_gzip("deflate, gzip;q=0.5"));
  EXPECT_TRUE(http::accepts_gzip("*"));
  EXPECT_FALSE(http::accepts_gzip("gzip;q=0"));
  EXPECT_FALSE(http::accepts_gzip("gzip;q=0.000"));
  EXPECT_FALSE(http::accepts_gzip("br, deflate"));
  EXPECT_FALSE(http::accepts_gzip(""));
}

TEST(Metrics, RendersPrometheusText) {
  http::Router router;
  router.add(Method::get, "/api/items/{id}", [](Request&) { return Response::empty(204); });
  http::Metrics metrics(router);
  metrics.observe(metrics.slot_for(router.routes()[0]), 200, 0.002);
  metrics.observe(metrics.slot_for(router.routes()[0]), 404, 0.2);
  metrics.observe(http::Metrics::kStaticSlot, 200, 0.0001);
  const std::string text = metrics.render();
  EXPECT_NE(
      text.find(
          R"(stadtkern_http_requests_total{method="GET",route="/api/items/{id}",status="200"} 1)"),
      std::string::npos);
  EXPECT_NE(
      text.find(
          R"(stadtkern_http_requests_total{method="GET",route="/api/items/{id}",status="404"} 1)"),
      std::string::npos);
  EXPECT_NE(
      text.find(
          R"(stadtkern_http_request_duration_seconds_bucket{method="GET",route="/api/items/{id}",le="0.0025"} 1)"),
      std::string::npos);
  EXPECT_NE(
      text.find(
          R"(stadtkern_http_request_duration_seconds_bucket{method="GET",route="/api/items/{id}",le="+Inf"} 2)"),
      std::string::npos);
  EXPECT_NE(
      text.find(R"(stadtkern_http_request_duration_seconds_count{method="GET",route="static"} 1)"),
      std::string::npos);
}

TEST(Metrics, EscapesLabels) { EXPECT_EQ(http::escape_label("a\"b\\c\nd"), "a\\\"b\\\\c\\nd"); }

TEST(AccessLog, EscapesClientText) {
  std::string out;
  http::append_escaped(out, "GET /x\"\n2026 forged line\x01");
  EXPECT_EQ(out, "GET /x\\\"\\x0a2026 forged line\\x01");
}

} // namespace

namespace {

http::Request post_with_cookie(std::string origin, std::string referer = "") {
  http::Request r;
  r.method = http::Method::post;
  r.headers.add("Host", "stadt.example:8080");
  r.headers.add("Cookie", "sk_session=abc");
  if (!origin.empty()) r.headers.add("Origin", origin);
  if (!referer.empty()) r.headers.add("Referer", referer);
  return r;
}

TEST(OriginCheck, StateChangingRequestsWithCookiesMustComeFromThisSite) {
  EXPECT_TRUE(http::same_origin_or_cookieless(post_with_cookie("http://stadt.example:8080")));
  EXPECT_TRUE(http::same_origin_or_cookieless(post_with_cookie("https://stadt.example:8080")));
  EXPECT_TRUE(
      http::same_origin_or_cookieless(post_with_cookie("", "http://stadt.example:8080/konto")));
  EXPECT_FALSE(http::same_origin_or_cookieless(post_with_cookie("http://evil.example")));
  EXPECT_FALSE(
      http::same_origin_or_cookieless(post_with_cookie("http://stadt.example:8080.evil.example")));
  EXPECT_FALSE(http::same_origin_or_cookieless(post_with_cookie("")));
  EXPECT_FALSE(http::same_origin_or_cookieless(post_with_cookie("null")));
}

TEST(OriginCheck, ReadsAndCookielessRequestsAreNotChecked) {
  http::Request get = post_with_cookie("http://evil.example");
  get.method = http::Method::get;
  EXPECT_TRUE(http::same_origin_or_cookieless(get));
  http::Request api;
  api.method = http::Method::post;
  api.headers.add("Host", "stadt.example");
  api.headers.add("Origin", "http://elsewhere.example");
  EXPECT_TRUE(http::same_origin_or_cookieless(api));
}

TEST(Identity, RequireRole) {
  http::Request r;
  EXPECT_THROW(http::require_login(r), core::Error);
  r.identity = http::Identity{"u1", "anna", "Anna", http::Role::staff, "Bürgeramt", "s"};
  EXPECT_EQ(http::require_role(r, {http::Role::staff, http::Role::admin}).username, "anna");
  try {
    http::require_role(r, {http::Role::admin});
    FAIL();
  } catch (const core::Error& e) {
    EXPECT_EQ(e.kind(), core::ErrorKind::forbidden);
  }
}

} // namespace

TEST(Problem, EditingKindsMapToTheirStatusAndCarryExtensionMembers) {
  EXPECT_EQ(http::status_for(core::ErrorKind::precondition_failed), 412);
  EXPECT_EQ(http::status_for(core::ErrorKind::unprocessable), 422);
  EXPECT_EQ(http::status_for(core::ErrorKind::precondition_required), 428);
  http::Request request;
  request.path = "/api/services/x";
  const core::Error error(core::ErrorKind::unprocessable, "2 problems",
                          R"({"errors": [{"record": "service x", "field": "title",
                              "message": "is required"}], "status": 200, "type": "evil"})");
  const http::Response r = http::problem_from_error(error, request);
  EXPECT_EQ(r.status, 422);
  const auto body = core::json::parse(r.body).as_object();
  EXPECT_EQ(body.at("type").as_string(), "/problems/unprocessable");
  EXPECT_EQ(body.at("status").as_int64(), 422); // the standard members win
  EXPECT_EQ(body.at("title").as_string(), "Unprocessable Content");
  EXPECT_EQ(body.at("errors").at(0).at("field").as_string(), "title");
  // Without extensions the problem has exactly the standard members.
  const auto plain = core::json::parse(
      http::problem_from_error(core::Error(core::ErrorKind::precondition_required, "If-Match"),
                               request)
          .body);
  EXPECT_EQ(plain.as_object().size(), 5u);
  EXPECT_EQ(plain.at("title").as_string(), "Precondition Required");
}
