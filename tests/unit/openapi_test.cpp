#include "platform/openapi.hpp"

#include <gtest/gtest.h>

#include "core/error.hpp"
#include "core/json.hpp"
#include "http/openapi_doc.hpp"

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

TEST(OpenApiDoc, TheBuilderWritesParametersBodiesResponsesAndProblems) {
  const auto op = core::json::parse_object(
      http::openapi::Operation("listThings", "Dinge", "List things", "All of them")
          .query("limit", "integer", "At most this many")
          .path("id", "Thing id")
          .body(http::openapi::object_schema({{"name", {{"type", "string"}}}}))
          .response("200", "The things", boost::json::object{{"type", "object"}})
          .response("204", "Nothing")
          .problem("404", "No such thing")
          .json());
  EXPECT_EQ(op.at("operationId"), "listThings");
  EXPECT_EQ(op.at("tags").as_array().at(0), "Dinge");
  EXPECT_EQ(op.at("description"), "All of them");
  const auto& params = op.at("parameters").as_array();
  ASSERT_EQ(params.size(), 2u);
  EXPECT_EQ(params[0].at("in"), "query");
  EXPECT_EQ(params[0].at("required"), false);
  EXPECT_EQ(params[0].at("schema").at("type"), "integer");
  EXPECT_EQ(params[1].at("required"), true); // path parameters always are
  EXPECT_EQ(op.at("requestBody").at("required"), true);
  EXPECT_EQ(op.at("requestBody")
                .at("content")
                .at("application/json")
                .at("schema")
                .at("required")
                .as_array()
                .at(0),
            "name");
  const auto& responses = op.at("responses").as_object();
  EXPECT_EQ(responses.at("200").at("content").at("application/json").at("schema").at("type"),
            "object");
  EXPECT_FALSE(responses.at("204").as_object().contains("content"));
  EXPECT_EQ(
      responses.at("404").at("content").at("application/problem+json").at("schema").at("$ref"),
      "#/components/schemas/Problem");
}

TEST(OpenApiDoc, AnEmptyIdOrDescriptionIsLeftOut) {
  const auto op = core::json::parse_object(
      http::openapi::Operation("", "Betrieb", "Liveness").response("200", "ok").json());
  EXPECT_FALSE(op.contains("operationId"));
  EXPECT_FALSE(op.contains("description"));
  EXPECT_EQ(op.at("summary"), "Liveness");
}

} // namespace
