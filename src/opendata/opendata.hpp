// The open-data catalogue: the departments that publish, their datasets and
// distributions (DCAT-AP.de 2.0), and the datasets generated live from the
// platform. Routes (CKAN, DCAT-AP.de, downloads) use this header, never the
// tables.
//
// Reads are served from an immutable snapshot that is swapped whole after a
// write, so a reader only copies a pointer. Thread-safe.
#pragma once

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/clock.hpp"
#include "opendata/model.hpp"
#include "opendata/opendata_store.hpp"
#include "store/database.hpp"

namespace opendata {

// An immutable view of the catalogue.
class Snapshot {
public:
  Snapshot(std::vector<Organization> organizations, std::vector<Dataset> datasets);
  const std::vector<Organization>& organizations() const { return organizations_; } // by name
  const std::vector<Dataset>& datasets() const { return datasets_; } // by name, private too
  const Organization* organization(std::string_view name) const;
  const Dataset* dataset(std::string_view name) const;
  // The newest `modified` of all datasets (empty when there are none).
  const std::string& last_modified() const { return last_modified_; }

private:
  std::vector<Organization> organizations_;
  std::vector<Dataset> datasets_;
  std::unordered_map<std::string, std::size_t> org_at_, dataset_at_;
  std::string last_modified_;
};

class OpenData {
public:
  // db and clock must outlive the object.
  OpenData(store::Database& db, const core::Clock& clock, CityInfo city = {});

  static std::vector<store::Migration> migrations() { return OpenDataStore::migrations(); }

  // Loads the stored catalogue. Call at start.
  void reload();
  std::shared_ptr<const Snapshot> snapshot() const;
  const CityInfo& city() const { return city_; }

  // Writes a dataset (see OpenDataStore::save) and shows it in the snapshot
  // before returning. core::Error{unprocessable} for an unknown organization
  // or a live source that does not exist.
  SaveStatus save(const Dataset& dataset, std::optional<std::int64_t> if_version,
                  const std::string& actor);
  SaveStatus save(const Organization& organization, const std::string& actor);

  std::vector<VersionEntry> history(const std::string& kind, const std::string& name) const {
    return store_.history(kind, name, 1000);
  }

  // Imports a JSON file {"organizations": [...], "datasets": [...]} (records
  // as in model.hpp): every record is checked (fields, references to
  // organizations in the file or stored, live sources, duplicate names);
  // when all are valid and dry_run is false, all are written in one
  // transaction. Returns the problems ("datasets[3] title: is required"),
  // empty when the import was valid.
  struct ImportReport {
    std::vector<std::string> errors;
    std::size_t organizations = 0, datasets = 0;
    int changed = 0;
  };
  ImportReport import_json(std::string_view text, const std::string& actor, bool dry_run);

  // Stores an uploaded file of a dataset and lists it as a distribution
  // (format, media type and size from `type` and data): one new version.
  // core::Error{unprocessable} for a live dataset; stale when if_version is
  // not the stored version.
  SaveStatus upload(const std::string& dataset, std::int64_t if_version, const std::string& file,
                    const std::string& title, std::string_view data, const std::string& format,
                    const std::string& media_type, const std::string& actor);
  // The stored upload, and a producer of its bytes (one chunk per call).
  std::optional<StoredFile> file_info(const std::string& dataset, const std::string& file) const {
    return store_.file_info(dataset, file);
  }
  std::string file_chunk(const std::string& dataset, const std::string& file,
                         std::int64_t seq) const {
    return store_.file_chunk(dataset, file, seq);
  }

  // Since when the live file (dataset/file) has had this ETag.
  core::TimePoint live_since(const std::string& file, const std::string& etag);

  // Seeds the Musterstadt departments and datasets (the live ones and a few
  // others), once per data dir. Returns how many datasets were created.
  int seed_demo();

private:
  void rebuild();

  OpenDataStore store_;
  const core::Clock& clock_;
  CityInfo city_;
  std::mutex write_mutex_;   // serialises writes with their snapshot rebuild
  mutable std::mutex mutex_; // guards snapshot_
  std::shared_ptr<const Snapshot> snapshot_;
};

// The names of the live sources a dataset may name (opendata/live.hpp).
const std::vector<std::string>& live_source_names();

} // namespace opendata
