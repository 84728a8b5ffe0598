// HTTP binding of the open-data module outside /api: the downloads of the
// live datasets (/opendata/download/{dataset}/{file}) and the DCAT-AP.de catalogue
// (/opendata/catalog.{ttl,rdf,jsonld}, paged, and /opendata/dataset/{name}.{ttl,rdf,jsonld}).
// Private datasets exist only for staff.
#pragma once

#include "http/router.hpp"
#include "opendata/ckan.hpp"
#include "opendata/live.hpp"
#include "opendata/opendata.hpp"

namespace opendata {

// True when the request may see private datasets (staff, admin).
bool sees_private(const http::Request& request);

// The dataset of that name if the caller may see it, else nullptr.
const Dataset* visible_dataset(const Snapshot& snapshot, std::string_view name,
                               const http::Request& request);

// Registers the routes. Both objects must outlive the router. public_url is
// where the site is reached ("https://stadt.example"): the IRIs of the
// catalogue start with it.
void add_routes(http::Router& router, OpenData& open_data, const LiveFiles& live,
                std::string public_url);

// Registers the staff editing API (/api/opendata/datasets...). open_data
// must outlive the router.
void add_editing_routes(http::Router& router, OpenData& open_data);

// Registers the CKAN Action API v3 (/api/3/action/...). api must outlive the
// router.
void add_ckan_routes(http::Router& router, const ckan::Api& api, std::string public_url);

} // namespace opendata
