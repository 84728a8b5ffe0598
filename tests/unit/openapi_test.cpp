#include "platform/openapi.hpp"

#include <gtest/gtest.h>

#include "core/error.hpp"
#include "core/json.hpp"

namespace {

using http::Method;
using http::Request;
using http::Response;

Response ok(Request&) { return Response::empty(204); }

TEST(OpenApi, DocumentsEveryRouteAndDeclaresPathParameters) {
  http::Router router;
  router.add(
      Method::get, "/api/services/{id}", ok,
      {.openapi = R"({"summary": "One service", "responses": {"200": {"description": "ok"}}})"});
  router.add(Method::put, "/api/services/{id}", ok,
             {.openapi = R"({"summary": "Edit", "responses": {"200": {"description": "ok"}}})"});
  router.add(Method::get, "/internal", ok);
  const auto doc = core::json::parse_object(platform::build_openapi(router, {"T", "1.0", "d"}));
  EXPECT_EQ(doc.at("openapi"), "3.1.0");
  const auto& item = doc.at("paths").at("/api/services/{id}").as_object();
  ASSERT_TRUE(item.contains("get"));
  ASSERT_TRUE(item.contains("put"));
  const auto& params = item.at("get").at("parameters").as_array();
  ASSERT_EQ(params.size(), 1u);
  EXPECT_EQ(params[0].at("name"), "id");
  EXPECT_EQ(params[0].at("in"), "path");
  EXPECT_EQ(params[0].at("required"), true);
  EXPECT_FALSE(doc.at("paths").as_object().contains("/internal"));
  EXPECT_TRUE(doc.at("components").at("schemas").as_object().contains("Problem"));
}

TEST(OpenApi, AnUndocumentedApiRouteIsABug) {
  http::Router router;
  router.add(Method::get, "/api/secret", ok);
  EXPECT_THROW(platform::build_openapi(router, {"T", "1", ""}), core::Error);
}

TEST(OpenApi, MalformedOperationTextIsABug) {
  http::Router router;
  router.add(Method::get, "/api/x", ok, {.openapi = "{not json"});
  EXPECT_THROW(platform::build_openapi(router, {"T", "1", ""}), core::Error);
}

} // namespace
