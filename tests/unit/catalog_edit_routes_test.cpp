// The HTTP rules of the editing routes, with requests built by hand: who
// may call what, If-Match, malformed bodies, 422 with every problem, ETags.
#include "catalog_edit_fixture.hpp"

#include <set>

#include "catalog/routes.hpp"
#include "core/error.hpp"

namespace {

using namespace catalog_test;

class CatalogEditRoutesTest : public CatalogEditTest {
protected:
  void SetUp() override {
    CatalogEditTest::SetUp();
    catalog::add_routes(router_, *catalog_);
  }

  http::Response call(http::Method method, const std::string& path, std::string body,
                      std::optional<http::Identity> who, const std::string& if_match = "") {
    http::Request r;
    r.method = method;
    r.path = r.raw_path = r.target = path;
    r.body = std::move(body);
    r.identity = std::move(who);
    if (!if_match.empty()) r.headers.add("If-Match", if_match);
    const http::Match m = router_.match(method, path);
    EXPECT_EQ(m.kind, http::Match::Kind::found) << path;
    r.path_params = m.params;
    return m.route->handler(r);
  }

  // The kind of error a call raises; internal when it raises none.
  core::ErrorKind error_of(http::Method method, const std::string& path, std::string body,
                           std::optional<http::Identity> who, const std::string& if_match = "") {
    try {
      call(method, path, std::move(body), std::move(who), if_match);
    } catch (const core::Error& e) {
      last_ = e.extensions();
      return e.kind();
    }
    return core::ErrorKind::internal;
  }

  static std::string body_of(const catalog::Service& s) {
    return core::json::dump(catalog::to_json(s, true));
  }

  http::Router router_;
  std::string last_; // extension members of the last error
  const http::Identity anna_{"u-anna", "anna", "Anna Schmidt", http::Role::staff, "Bürgeramt", "s"};
  const http::Identity tom_{"u-tom", "tom", "Tom Müller", http::Role::citizen, "", "s"};
};

TEST_F(CatalogEditRoutesTest, WhoMayCallWhat) {
  using K = core::ErrorKind;
  const std::string body = body_of(stored("reisepass-beantragen"));
  const auto put = http::Method::put;
  EXPECT_EQ(error_of(put, "/api/services/reisepass-beantragen", body, std::nullopt, "\"1\""),
            K::unauthenticated);
  EXPECT_EQ(error_of(put, "/api/services/reisepass-beantragen", body, tom_, "\"1\""), K::forbidden);
  EXPECT_EQ(error_of(put, "/api/services/gewerbe-anmelden", body_of(stored("gewerbe-anmelden")),
                     anna_, "\"1\""),
            K::forbidden);
  EXPECT_EQ(error_of(http::Method::get, "/api/services/reisepass-beantragen/history", "", tom_),
            K::forbidden);
  auto moved = stored("reisepass-beantragen");
  moved.department = "Ordnungsamt";
  EXPECT_EQ(error_of(put, "/api/services/reisepass-beantragen", body_of(moved), anna_, "\"1\""),
            K::forbidden);
  EXPECT_EQ(stored("reisepass-beantragen").department, "Bürgeramt");
}

TEST_F(CatalogEditRoutesTest, PreconditionsAndMalformedBodies) {
  using K = core::ErrorKind;
  const auto put = http::Method::put;
  const std::string path = "/api/services/reisepass-beantragen";
  const std::string body = body_of(stored("reisepass-beantragen"));
  EXPECT_EQ(error_of(put, path, body, anna_), K::precondition_required);
  EXPECT_EQ(error_of(put, path, body, anna_, "*"), K::precondition_required);
  EXPECT_EQ(error_of(put, path, body, anna_, "\"7\""), K::precondition_failed);
  EXPECT_EQ(core::json::parse(last_).at("current_version").as_int64(), 1);
  EXPECT_EQ(error_of(put, path, "{", anna_, "\"1\""), K::invalid_argument);
  EXPECT_EQ(error_of(put, path, "[1]", anna_, "\"1\""), K::invalid_argument);
  auto other = stored("reisepass-beantragen");
  other.id = "anderer-dienst";
  EXPECT_EQ(error_of(put, path, body_of(other), anna_, "\"1\""), K::invalid_argument);
  EXPECT_EQ(error_of(put, "/api/services/gibt-es-nicht", body, anna_, "\"1\""), K::not_found);
}

TEST_F(CatalogEditRoutesTest, AnInvalidRecordListsEveryProblemAndSavesNothing) {
  json::object bad = catalog::to_json(stored("reisepass-beantragen"), true);
  bad["maturity"] = 9;
  bad["title"] = "";
  bad["channels"] = json::array{"fax"};
  bad["offices"] = json::array{"gibt-es-nicht"};
  EXPECT_EQ(error_of(http::Method::put, "/api/services/reisepass-beantragen", core::json::dump(bad),
                     anna_, "\"1\""),
            core::ErrorKind::unprocessable);
  const json::value problems = core::json::parse(last_);
  std::set<std::string> fields;
  for (const auto& e : problems.at("errors").as_array()) {
    EXPECT_EQ(e.at("record").as_string(), "service reisepass-beantragen");
    EXPECT_FALSE(e.at("message").as_string().empty());
    fields.emplace(e.at("field").as_string());
  }
  EXPECT_EQ(fields, (std::set<std::string>{"maturity", "title", "channels[0]"}));
  // References are checked once the record itself is valid.
  bad = catalog::to_json(stored("reisepass-beantragen"), true);
  bad["offices"] = json::array{"gibt-es-nicht"};
  EXPECT_EQ(error_of(http::Method::put, "/api/services/reisepass-beantragen", core::json::dump(bad),
                     anna_, "\"1\""),
            core::ErrorKind::unprocessable);
  EXPECT_NE(last_.find("offices[0]"), std::string::npos);
  EXPECT_EQ(stored("reisepass-beantragen").version, 1);
}

TEST_F(CatalogEditRoutesTest, ASaveAnswersWithTheNewETagAndWhatGetReturnsIsAccepted) {
  const http::Response got =
      call(http::Method::get, "/api/services/reisepass-beantragen", "", std::nullopt);
  json::object body = core::json::parse(got.body).as_object();
  body["summary"] = "Zurückgeschickt mit allen Feldern von GET.";
  const http::Response saved =
      call(http::Method::put, "/api/services/reisepass-beantragen", core::json::dump(body), anna_,
           std::string(got.headers.get("ETag")));
  EXPECT_EQ(saved.status, 200);
  EXPECT_EQ(saved.headers.get("ETag"), "\"2\"");
  const http::Response created =
      call(http::Method::post, "/api/services",
           core::json::dump(service_json("kinderreisepass", "99088013000001")), anna_);
  EXPECT_EQ(created.status, 201);
  EXPECT_EQ(created.headers.get("Location"), "/api/services/kinderreisepass");
  EXPECT_EQ(created.headers.get("ETag"), "\"1\"");
  const http::Response history =
      call(http::Method::get, "/api/services/reisepass-beantragen/history", "", anna_);
  const json::value h = core::json::parse(history.body);
  EXPECT_EQ(h.at("history").as_array().size(), 2u);
  EXPECT_EQ(h.at("history").at(0).at("fields"), json::value(json::array{"summary"}));
}

} // namespace
