// HTTP binding of the catalogue: /api/services, /api/offices, /api/search,
// /api/inventory and the exports.
#pragma once

#include "catalog/catalog.hpp"
#include "http/router.hpp"

namespace catalog {

// Registers the catalogue's routes. catalog must outlive the router.
void add_routes(http::Router& router, Catalog& catalog);

} // namespace catalog
