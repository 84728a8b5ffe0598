// The platform's own endpoints: liveness (/health), readiness (/ready),
// Prometheus metrics (/metrics), the build (/api/version), the OpenAPI
// document (/api/openapi.json) and its viewer (/api/docs).
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "http/router.hpp"
#include "http/static_files.hpp"
#include "store/database.hpp"

namespace platform {

// Facts about this build and installation shown by /api/version.
struct BuildInfo {
  std::string version;
  std::string commit;
  std::string installation_id; // stable across restarts (platform/installation_store)
  std::string installed_at;    // UTC, ISO 8601
};

// What the web app's maps use as background (configured, never guessed).
struct MapConfig {
  std::string tile_url;
  std::string attribution;
};

// Late-bound parts: the metrics text and the OpenAPI document exist only once
// every route is registered, so the handlers read them through this holder.
struct PlatformState {
  std::function<std::string()> render_metrics;
  std::string openapi_json;
};

// Registers the platform routes. db, files and state must outlive the router.
void add_routes(http::Router& router, store::Database& db, const http::StaticFiles& files,
                const BuildInfo& build, const MapConfig& map, std::shared_ptr<PlatformState> state);

} // namespace platform
