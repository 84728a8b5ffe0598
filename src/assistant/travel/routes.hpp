// HTTP binding of the travel knowledge, for trying it out before the
// assistant's dialogue exists: GET /api/travel/destinations?q= resolves a
// destination (a name or a whole question) and returns the entry rules of
// its country for German citizens. Public information: no login.
#pragma once

#include "assistant/travel/entry_rules.hpp"
#include "assistant/travel/gazetteer.hpp"
#include "http/router.hpp"

namespace assistant::travel {

// Registers the routes. gazetteer and rules must outlive the router.
void add_routes(http::Router& router, const Gazetteer& gazetteer, const EntryRules& rules);

} // namespace assistant::travel
