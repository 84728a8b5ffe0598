// HTTP binding of the catalogue: /api/services, /api/offices, /api/search,
// /api/inventory and the exports (routes.cpp); editing by staff and the
// history of a record (editing_routes.cpp).
#pragma once

#include "catalog/catalog.hpp"
#include "http/router.hpp"

namespace catalog {

// Registers the catalogue's routes, the editing routes included. catalog
// must outlive the router.
void add_routes(http::Router& router, Catalog& catalog);

// Registers POST/PUT /api/services and /api/offices and the history routes
// (called by add_routes).
void add_editing_routes(http::Router& router, Catalog& catalog);

} // namespace catalog
