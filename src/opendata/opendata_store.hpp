// The open-data tables. Nothing else in the program writes them. Records are
// kept as their JSON (opendata/model.hpp) beside the columns that queries
// need; every change of a dataset or organization adds a row to
// opendata_versions with the whole record, the actor and the time.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "opendata/model.hpp"
#include "store/database.hpp"

namespace opendata {

// One stored change of a record.
struct VersionEntry {
  std::string kind; // "dataset" or "organization"
  std::string name;
  std::int64_t version = 0;
  std::string at; // UTC ISO time
  std::string actor;
  std::string doc; // the record's JSON after the change
};

// An uploaded file of a dataset, stored in chunks.
struct StoredFile {
  std::int64_t size = 0;
  std::string etag; // quoted
  std::string uploaded_at;
  std::int64_t chunks = 0;
};

// Size of one stored chunk of an upload.
inline constexpr std::size_t kChunkBytes = 256 * 1024;

// What a save did.
enum class SaveStatus { created, updated, unchanged, stale };

class OpenDataStore {
public:
  explicit OpenDataStore(store::Database& db) : db_(db) {}

  static std::vector<store::Migration> migrations();

  std::vector<Organization> organizations() const;
  std::vector<Dataset> datasets() const; // sorted by name

  // Writes an organization (create or replace) with a version row.
  SaveStatus save(const Organization& org, const std::string& actor, const std::string& now);
  // Writes a dataset in one transaction. if_version = std::nullopt writes
  // unconditionally; otherwise only when it names the stored version (stale
  // otherwise; if_version = 0 creates only: stale when the name is taken).
  // The stored version grows by one on each change; `modified`
  // becomes now. An identical record is left alone (unchanged).
  // REQUIRES: the record is valid and its organization exists.
  SaveStatus save(Dataset dataset, std::optional<std::int64_t> if_version, const std::string& actor,
                  const std::string& now);

  // Writes organizations, then datasets, all in one transaction: either all
  // are stored or (on an exception) none. Returns how many records changed.
  int save_all(const std::vector<Organization>& organizations, const std::vector<Dataset>& datasets,
               const std::string& actor, const std::string& now);

  // The changes of one record, newest first.
  std::vector<VersionEntry> history(const std::string& kind, const std::string& name,
                                    int limit) const;

  // Stores an uploaded file (replacing one of that name) and the dataset
  // that now lists it (see save: if_version must name the stored version),
  // in one transaction. Returns stale (nothing written) when the version
  // does not match.
  SaveStatus put_file(const Dataset& dataset, std::int64_t if_version, const std::string& file,
                      std::string_view data, const std::string& etag, const std::string& actor,
                      const std::string& now);
  std::optional<StoredFile> file_info(const std::string& dataset, const std::string& file) const;
  // Chunk seq (0-based) of a stored file; empty when there is none.
  std::string file_chunk(const std::string& dataset, const std::string& file,
                         std::int64_t seq) const;

  // Since when a live file has had this ETag (UTC ISO time): the stored time
  // when the ETag is the one recorded, else now (recorded). For Last-Modified.
  std::string live_since(const std::string& file, const std::string& etag, const std::string& now);

private:
  store::Database& db_;
};

} // namespace opendata
