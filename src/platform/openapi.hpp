// Builds the OpenAPI 3.1 document of Stadtkern's own API from the routes
// themselves: every route under /api/ must carry its operation object
// (RouteOptions::openapi), so the document cannot forget an endpoint.
#pragma once

#include <string>

#include "http/router.hpp"

namespace platform {

struct ApiInfo {
  std::string title = "Stadtkern API";
  std::string version;
  std::string description;
};

// The document as JSON text. Adds undeclared {path} parameters and the shared
// Problem schema. Throws core::Error{internal} when a route under /api/ has
// no operation object or its text is not a JSON object.
std::string build_openapi(const http::Router& router, const ApiInfo& info);

} // namespace platform
