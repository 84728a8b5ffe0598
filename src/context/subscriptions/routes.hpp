// The HTTP binding of NGSI-LD subscriptions: POST/GET /ngsi-ld/v1/subscriptions
// and GET/PATCH/DELETE /ngsi-ld/v1/subscriptions/{id}. Reads and writes both
// need an API key or a staff session (an endpoint is not public data).
#pragma once

#include "context/api/routes.hpp"
#include "context/subscriptions/notifier.hpp"
#include "http/metrics.hpp"
#include "http/router.hpp"

namespace context::subscriptions {

// REQUIRES: notifier and resolver outlive the router.
void add_routes(http::Router& router, Notifier& notifier, const jsonld::Resolver& resolver,
                api::AccessPolicy policy);

// Adds stadtkern_ngsild_notifications_total{outcome} and
// stadtkern_ngsild_notifications_pending to /metrics.
// REQUIRES: the notifier outlives the metrics.
void add_metrics(http::Metrics& metrics, const Notifier& notifier);

} // namespace context::subscriptions
