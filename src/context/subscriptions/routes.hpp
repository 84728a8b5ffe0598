// The HTTP binding of NGSI-LD subscriptions: POST/GET /ngsi-ld/v1/subscriptions
// and GET/PATCH/DELETE /ngsi-ld/v1/subscriptions/{id}. Reads and writes both
// need an API key or a staff session (an endpoint is not public data).
#pragma once

#include "context/api/routes.hpp"
#include "context/subscriptions/notifier.hpp"
#include "http/router.hpp"

namespace context::subscriptions {

// REQUIRES: notifier and resolver outlive the router.
void add_routes(http::Router& router, Notifier& notifier, const jsonld::Resolver& resolver,
                api::AccessPolicy policy);

} // namespace context::subscriptions
