// Shared set-up of the NGSI-LD fuzz targets: a resolver with the suite's
// contexts preloaded and an entity to evaluate queries against.
#pragma once

#include <boost/json.hpp>

#include "context/jsonld/context.hpp"
#include "context/model/entity.hpp"
#include "core/json.hpp"

namespace fuzz {

inline const context::jsonld::Resolver& resolver() {
  static const context::jsonld::Resolver r;
  return r;
}

inline const context::Entity& sample_entity() {
  static const context::Entity e = context::parse_entity(
      core::json::parse_object(R"({"id": "urn:ngsi-ld:Vehicle:F1", "type": ["Vehicle", "Car"],
        "speed": [{"type": "Property", "value": 55, "observedAt": "2024-01-01T00:00:00Z",
                   "source": {"type": "Property", "value": "GPS"}},
                  {"type": "Property", "value": 50, "datasetId": "urn:ds:1"}],
        "name": {"type": "LanguageProperty", "languageMap": {"de": "Bus", "en": "bus"}},
        "address": {"type": "Property", "value": {"city": "Musterstadt", "n": [1, 2]}},
        "isParked": {"type": "Relationship", "object": "urn:ngsi-ld:Parking:P"},
        "location": {"type": "GeoProperty", "value": {"type": "Polygon",
          "coordinates": [[[7.4, 51.5], [7.5, 51.5], [7.5, 51.6], [7.4, 51.5]]]}}})"),
      *resolver().core(), "2024-01-01T00:00:00.000Z");
  return e;
}

} // namespace fuzz
