#include "platform/routes.hpp"

#include <boost/json.hpp>

#include "core/json.hpp"

#include "http/openapi_doc.hpp"
#include "http/problem.hpp"

namespace platform {
namespace {

using http::Method;
using http::Request;
using http::Response;

namespace json = boost::json;
using http::openapi::Operation;

std::string health_doc() {
  return Operation("", "Betrieb", "Liveness: the process answers")
      .response("200", "The server is running",
                json::object{{"type", "object"},
                             {"properties", {{"status", {{"type", "string"}, {"const", "ok"}}}}}})
      .json();
}

std::string ready_doc() {
  return Operation("", "Betrieb", "Readiness: the database answers")
      .response("200", "Ready to serve", json::object{{"type", "object"}})
      .problem("503", "The database does not answer")
      .json();
}

std::string metrics_doc() {
  return Operation("", "Betrieb", "Metrics in the Prometheus text format")
      .response("200", "Prometheus exposition format 0.0.4", json::object{{"type", "string"}},
                "text/plain")
      .json();
}

std::string version_doc() {
  const json::object text{{"type", "string"}};
  return Operation("", "Betrieb", "Version of this Stadtkern build and installation")
      .response("200", "Build and installation",
                http::openapi::object_schema(
                    {{"name", text},
                     {"version", text},
                     {"commit", text},
                     {"installation_id", text},
                     {"installed_at", {{"type", "string"}, {"format", "date-time"}}}}))
      .json();
}

std::string map_doc() {
  return Operation("", "Entwickler",
                   "Map background for the web app (tile URL template, attribution)")
      .response("200", "tile_url is null when no background is configured",
                json::object{{"type", "object"},
                             {"properties",
                              {{"tile_url", {{"type", {"string", "null"}}}},
                               {"attribution", {{"type", "string"}}}}}})
      .json();
}

std::string openapi_doc() {
  return Operation("", "Entwickler", "This OpenAPI 3.1 document")
      .response("200", "OpenAPI document", json::object{{"type", "object"}})
      .json();
}

std::string docs_doc() {
  return Operation("", "Entwickler", "Interactive API documentation (HTML)")
      .response("200", "An HTML page rendering this document", json::object{{"type", "string"}},
                "text/html")
      .problem("404", "The web app is not built")
      .json();
}

} // namespace

void add_routes(http::Router& router, store::Database& db, const http::StaticFiles& files,
                const BuildInfo& build, const MapConfig& map,
                std::shared_ptr<PlatformState> state) {
  router.add(Method::get, "/health", [](Request&) { return Response::json(R"({"status":"ok"})"); },
             {.inline_handler = true, .openapi = health_doc()});

  router.add(Method::get, "/ready",
             [&db](Request& request) {
               if (!db.ping())
                 return http::problem(503, "/problems/unavailable", "The database does not answer.",
                                      request.path);
               return Response::json(R"({"status":"ready","database":")" + db.engine() + R"("})");
             },
             {.openapi = ready_doc()});

  router.add(Method::get, "/metrics",
             [state](Request&) {
               return Response::text(state->render_metrics(),
                                     "text/plain; version=0.0.4; charset=utf-8");
             },
             {.openapi = metrics_doc()});

  const std::string version_body =
      core::json::dump(boost::json::object{{"name", "stadtkern"},
                                           {"version", build.version},
                                           {"commit", build.commit},
                                           {"installation_id", build.installation_id},
                                           {"installed_at", build.installed_at}});
  router.add(Method::get, "/api/version",
             [version_body](Request&) { return Response::json(version_body); },
             {.inline_handler = true, .openapi = version_doc()});

  const std::string map_body = core::json::dump(
      boost::json::object{{"tile_url", map.tile_url.empty() ? boost::json::value(nullptr)
                                                            : boost::json::value(map.tile_url)},
                          {"attribution", map.attribution}});
  router.add(Method::get, "/api/map-config",
             [map_body](Request&) { return Response::json(map_body); },
             {.inline_handler = true, .openapi = map_doc()});

  router.add(Method::get, "/api/openapi.json",
             [state](Request&) { return Response::json(state->openapi_json); },
             {.inline_handler = true, .openapi = openapi_doc()});

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
             {.inline_handler = true, .openapi = docs_doc()});
}

} // namespace platform
