// The HTTP binding of the NGSI-LD API under /ngsi-ld/v1: entities, batch
// operations, queries, types and attributes. Reads are public (open data);
// writes need an API key from `context.api_keys` (header `X-Api-Key` or
// `Authorization: Bearer`) or a staff/admin session.
#pragma once

#include <string>
#include <vector>

#include "context/broker.hpp"
#include "context/jsonld/context.hpp"
#include "http/router.hpp"

namespace context::api {

// Who may write.
struct AccessPolicy {
  std::vector<std::string> api_keys;
};

// REQUIRES: broker and resolver outlive the router.
void add_routes(http::Router& router, Broker& broker, const jsonld::Resolver& resolver,
                AccessPolicy policy);

} // namespace context::api
