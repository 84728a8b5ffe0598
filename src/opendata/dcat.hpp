// The catalogue as DCAT-AP.de 2.0 RDF: the catalog with its datasets,
// distributions, publishers and contact points, Musterstadt's spatial
// identifiers and the licences of dcat-ap.de. Pages of the catalogue are
// described with hydra:PagedCollection, as ckanext-dcat does.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "opendata/model.hpp"
#include "opendata/rdf.hpp"

namespace opendata {

// Where the catalogue lives and which page is asked for.
struct CatalogPage {
  std::string base_url; // "https://stadt.example" (no trailing slash)
  std::string format;   // "ttl", "rdf" or "jsonld": the extension of page links
  int page = 1;         // 1-based
  int page_size = 100;
  std::string modified_since; // ISO date or date-time; empty: all
  std::size_t total = 0;      // datasets matching, over all pages
};

// The graph of one page of the catalogue holding `datasets` (that page's
// datasets, already filtered). organization(name) finds a publisher.
rdf::Graph catalog_graph(const std::vector<const Dataset*>& datasets,
                         const std::vector<Organization>& organizations, const CityInfo& city,
                         const CatalogPage& page);

// The graph of one dataset (with its distributions and publisher).
rdf::Graph dataset_graph(const Dataset& dataset, const Organization* publisher,
                         const CityInfo& city, const std::string& base_url);

// The media type of each serialisation by extension ("ttl" -> text/turtle).
std::optional<std::string> rdf_media_type(std::string_view extension);
// The graph in the format of that extension. REQUIRES: rdf_media_type(ext).
std::string serialize(const rdf::Graph& graph, std::string_view extension);

} // namespace opendata
