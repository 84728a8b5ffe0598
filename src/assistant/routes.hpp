// HTTP binding of the assistant: POST /api/assistant/turn (anonymous or
// logged in; answers are personal: Cache-Control no-store). The request and
// response schema is in openapi.cpp.
#pragma once

#include "assistant/engine.hpp"
#include "http/router.hpp"

namespace assistant {

// Registers the route. The assistant must outlive the router.
void add_routes(http::Router& router, Assistant& assistant);

} // namespace assistant
