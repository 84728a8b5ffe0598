// Catalogue records to and from JSON, with validation that reports every
// problem of every record (record, field, message) instead of stopping at the
// first, so that an import can tell an editor everything to fix at once.
#pragma once

#include <boost/json.hpp>

#include <string>
#include <vector>

#include "catalog/model.hpp"

namespace catalog {

// One problem found in the input.
struct ValidationError {
  std::string record; // "service reisepass-beantragen", "offices.json[3]"
  std::string field;  // "fees[1].amount"; empty for the whole record
  std::string message;
};

// Reads a service. Problems are appended to errors; the returned record is
// only meaningful when none were added. `label` names the record in errors
// when its id cannot be read.
Service service_from_json(const boost::json::value& v, const std::string& label,
                          std::vector<ValidationError>& errors);
Office office_from_json(const boost::json::value& v, const std::string& label,
                        std::vector<ValidationError>& errors);

// Checks across records: unique ids and LeiKa keys, every related service
// and every office reference exists.
void check_catalog(const CatalogData& data, std::vector<ValidationError>& errors);

// The JSON form of the data format (docs/catalog-format.md); `version` is
// included when with_version is true (API responses), not in exports.
boost::json::object to_json(const Service& s, bool with_version = false);
boost::json::object to_json(const Office& o, bool with_version = false);

// Formats a fee for people: "70,00 €", "37,50 € – unter 24 Jahren", "gebührenfrei".
std::string format_fee(const Fee& fee);

} // namespace catalog
