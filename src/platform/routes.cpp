#include "platform/routes.hpp"

#include <boost/json.hpp>

#include "core/json.hpp"

#include "http/problem.hpp"

namespace platform {
namespace {

using http::Method;
using http::Request;
using http::Response;

constexpr const char* kHealthDoc = R"json({
  "tags": ["Betrieb"], "summary": "Liveness: the process answers",
  "responses": {"200": {"description": "The server is running",
    "content": {"application/json": {"schema": {"type": "object", "properties": {"status": {"type": "string", "const": "ok"}}}}}}}
})json";

constexpr const char* kReadyDoc = R"json({
  "tags": ["Betrieb"], "summary": "Readiness: the database answers",
  "responses": {
    "200": {"description": "Ready to serve", "content": {"application/json": {"schema": {"type": "object"}}}},
    "503": {"description": "The database does not answer", "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}}}
})json";

constexpr const char* kMetricsDoc = R"json({
  "tags": ["Betrieb"], "summary": "Metrics in the Prometheus text format",
  "responses": {"200": {"description": "Prometheus exposition format 0.0.4", "content": {"text/plain": {"schema": {"type": "string"}}}}}
})json";

constexpr const char* kVersionDoc = R"json({
  "tags": ["Betrieb"], "summary": "Version of this Stadtkern build and installation",
  "responses": {"200": {"description": "Build and installation",
    "content": {"application/json": {"schema": {"type": "object",
      "required": ["name", "version", "commit", "installation_id", "installed_at"],
      "properties": {"name": {"type": "string"}, "version": {"type": "string"}, "commit": {"type": "string"},
        "installation_id": {"type": "string"}, "installed_at": {"type": "string", "format": "date-time"}}}}}}}
})json";

constexpr const char* kMapDoc = R"json({
  "tags": ["Entwickler"], "summary": "Map background for the web app (tile URL template, attribution)",
  "responses": {"200": {"description": "tile_url is null when no background is configured",
    "content": {"application/json": {"schema": {"type": "object", "properties": {
      "tile_url": {"type": ["string", "null"]}, "attribution": {"type": "string"}}}}}}}
})json";

constexpr const char* kOpenApiDoc = R"json({
  "tags": ["Entwickler"], "summary": "This OpenAPI 3.1 document",
  "responses": {"200": {"description": "OpenAPI document", "content": {"application/json": {"schema": {"type": "object"}}}}}
})json";

constexpr const char* kDocsDoc = R"json({
  "tags": ["Entwickler"], "summary": "Interactive API documentation (HTML)",
  "responses": {"200": {"description": "An HTML page rendering this document", "content": {"text/html": {"schema": {"type": "string"}}}},
    "404": {"description": "The web app is not built", "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}}}
})json";

} // namespace

void add_routes(http::Router& router, store::Database& db, const http::StaticFiles& files,
                const BuildInfo& build, const MapConfig& map,
                std::shared_ptr<PlatformState> state) {
  router.add(Method::get, "/health", [](Request&) { return Response::json(R"({"status":"ok"})"); },
             {.inline_handler = true, .openapi = kHealthDoc});

  router.add(Method::get, "/ready",
             [&db](Request& request) {
               if (!db.ping())
                 return http::problem(503, "/problems/unavailable", "The database does not answer.",
                                      request.path);
               return Response::json(R"({"status":"ready","database":")" + db.engine() + R"("})");
             },
             {.openapi = kReadyDoc});

  router.add(Method::get, "/metrics",
             [state](Request&) {
               return Response::text(state->render_metrics(),
                                     "text/plain; version=0.0.4; charset=utf-8");
             },
             {.openapi = kMetricsDoc});

  const std::string version_body =
      core::json::dump(boost::json::object{{"name", "stadtkern"},
                                           {"version", build.version},
                                           {"commit", build.commit},
                                           {"installation_id", build.installation_id},
                                           {"installed_at", build.installed_at}});
  router.add(Method::get, "/api/version",
             [version_body](Request&) { return Response::json(version_body); },
             {.inline_handler = true, .openapi = kVersionDoc});

  const std::string map_body = core::json::dump(
      boost::json::object{{"tile_url", map.tile_url.empty() ? boost::json::value(nullptr)
                                                            : boost::json::value(map.tile_url)},
                          {"attribution", map.attribution}});
  router.add(Method::get, "/api/map-config",
             [map_body](Request&) { return Response::json(map_body); },
             {.inline_handler = true, .openapi = kMapDoc});

  router.add(Method::get, "/api/openapi.json",
             [state](Request&) { return Response::json(state->openapi_json); },
             {.inline_handler = true, .openapi = kOpenApiDoc});

  router.add(Method::get, "/api/docs",
             [&files](Request& request) {
               const http::StaticFile* page = files.find("/api-docs.html");
               if (!page)
                 return http::problem(
                     404, "/problems/not-found",
                     "The API documentation page is part of the web app, which is not built. "
                     "The document itself is at /api/openapi.json.",
                     request.path);
               return http::StaticFiles::respond(*page, request);
             },
             {.inline_handler = true, .openapi = kDocsDoc});
}

} // namespace platform
