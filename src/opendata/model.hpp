// The records of the open-data catalogue, shaped after DCAT-AP.de 2.0:
// organizations (the city's departments that publish), datasets and their
// distributions. Plain data plus the JSON codec that is the one place where
// a record is checked; the store keeps records as this JSON.
#pragma once

#include <boost/json/fwd.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace opendata {

// A publishing department ("Amt für Statistik und Wahlen").
struct Organization {
  std::string name; // slug: "statistik"
  std::string title;
  std::string description;
  std::string email;    // contact point
  std::string homepage; // absolute http(s) URL or empty
};

// The "Nutzungskonzept für Daten" of a dataset: what the data are for and
// how they were made safe to publish.
struct UsageConcept {
  // "keine" (no personal data), "anonymisiert" (aggregated/anonymised) or
  // "pseudonymisiert" (never published).
  std::string personal_data = "keine";
  std::string purpose;
  std::string retention;
  std::string quality;
};

// One file or service of a dataset (dcat:Distribution).
struct Distribution {
  std::string id; // unique within the dataset, slug: "leistungen-csv"
  std::string title;
  std::string description;
  std::string format;     // EU file type code: "CSV", "JSON", "GEOJSON"
  std::string media_type; // "text/csv"
  // For a live distribution: the file name below /opendata/download/{dataset}/.
  std::string file;
  // For an external distribution: where it is (absolute http(s) URL).
  std::string access_url;
  std::optional<std::int64_t> byte_size; // unknown for live files
  std::string license;                   // empty: the dataset's
};

// A dataset (dcat:Dataset).
struct Dataset {
  std::string name; // slug, 2..100 of [a-z0-9_-]
  std::string title;
  std::string notes; // description
  std::string organization;
  std::string contact_email; // or contact_url
  std::string contact_url;
  // Licence code from http://dcat-ap.de/def/licenses/ ("dl-by-de/2.0").
  std::string license;
  std::string attribution; // dcatde:licenseAttributionByText
  // EU data themes ("GOVE", "REGI", "TRAN", ...).
  std::vector<std::string> themes;
  std::vector<std::string> keywords;
  // Temporal coverage as ISO dates; empty when open.
  std::string temporal_start;
  std::string temporal_end;
  std::string issued;   // ISO date
  std::string modified; // ISO date-time (UTC), set by the store
  // EU frequency code ("DAILY", "CONT", "IRREG", ...).
  std::string accrual_periodicity;
  // The live source that generates the distributions ("catalog.services",
  // "catalog.offices", "appointments.waiting_times"); empty for static data.
  std::string live_source;
  bool is_private = false; // only staff see it
  UsageConcept usage;
  std::vector<Distribution> distributions;
  std::int64_t version = 0; // set by the store
};

// Musterstadt: the identifiers DCAT-AP.de wants for spatial coverage.
struct CityInfo {
  std::string name = "Musterstadt";
  // Amtlicher Gemeindeschlüssel (dcat-ap.de/def/politicalGeocoding/municipalityKey/).
  std::string municipality_key = "05999000";
  // dcatde:contributorID (dcat-ap.de/def/contributors/).
  std::string contributor_id = "musterstadt";
  // Bounding box in WGS84: west, south, east, north.
  double west = 7.40, south = 51.47, east = 7.55, north = 51.56;
};

// A rule a record broke, for a 400/422 answer.
struct FieldError {
  std::string field;
  std::string message;
};

// The licence codes we accept (a subset of dcat-ap.de/def/licenses/) and
// their titles, for license_list and validation.
struct LicenseInfo {
  std::string id;
  std::string title;
  std::string url; // the licence text
  bool open;
};
const std::vector<LicenseInfo>& licenses();
const LicenseInfo* find_license(std::string_view id);

// The EU data theme codes (publications.europa.eu authority table data-theme).
const std::vector<std::string>& theme_codes();

// True for a slug: 2..100 characters of a-z, 0-9, '-', '_'.
bool is_slug(std::string_view s);

// JSON codec. *_from_json collect every rule broken into errors (the record
// is then unusable); *_to_json write every field.
boost::json::object to_json(const Dataset& d);
boost::json::object to_json(const Organization& o);
Dataset dataset_from_json(const boost::json::object& o, std::vector<FieldError>& errors);
Organization organization_from_json(const boost::json::object& o, std::vector<FieldError>& errors);

} // namespace opendata
