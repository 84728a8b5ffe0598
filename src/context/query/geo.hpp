// NGSI-LD geo-queries (ETSI GS CIM 009, 4.10): georel (near with
// maxDistance/minDistance in metres, within, contains, intersects, equals,
// disjoint, overlaps), a GeoJSON geometry (Point, LineString, Polygon,
// MultiPoint, MultiLineString, MultiPolygon) and the GeoProperty to test
// (default `location`). Distances are geodesic on the WGS84 spheroid;
// topological relations treat longitude/latitude as plane coordinates,
// which is exact enough at the scale of a town.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "context/jsonld/context.hpp"
#include "context/model/entity.hpp"

namespace context::query {

// A parsed geo-query; the geometry stays private to geo.cpp.
class GeoQuery {
public:
  // Parses the parameters. Throws Problem{bad_request_data} naming what is
  // wrong. `coordinates` is the JSON text of the GeoJSON coordinates;
  // `geoproperty` is a term (expanded with ctx), empty = location.
  static GeoQuery parse(std::string_view georel, std::string_view geometry,
                        std::string_view coordinates, std::string_view geoproperty,
                        const jsonld::Context& ctx);

  // True when one instance of the entity's GeoProperty satisfies the query.
  bool matches(const Entity& e) const;

  struct Impl;

private:
  std::shared_ptr<const Impl> impl_;
};

} // namespace context::query
