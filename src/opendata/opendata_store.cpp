#include "opendata/opendata_store.hpp"

#include <boost/json.hpp>

#include "core/error.hpp"
#include "core/json.hpp"

namespace opendata {
namespace {

namespace json = boost::json;

constexpr std::string_view kSchema = R"(
CREATE TABLE opendata_organizations (
  name TEXT PRIMARY KEY,
  version INTEGER NOT NULL,
  doc TEXT NOT NULL
);
CREATE TABLE opendata_datasets (
  name TEXT PRIMARY KEY,
  organization TEXT NOT NULL REFERENCES opendata_organizations(name),
  private INTEGER NOT NULL,
  modified TEXT NOT NULL,
  version INTEGER NOT NULL,
  doc TEXT NOT NULL
);
CREATE INDEX opendata_datasets_modified ON opendata_datasets(modified);
CREATE TABLE opendata_versions (
  kind TEXT NOT NULL,
  name TEXT NOT NULL,
  version INTEGER NOT NULL,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  doc TEXT NOT NULL,
  PRIMARY KEY (kind, name, version)
);
CREATE TABLE opendata_live_state (
  file TEXT PRIMARY KEY,
  etag TEXT NOT NULL,
  since TEXT NOT NULL
);
)";

void add_version(store::Connection& c, const char* kind, const std::string& name,
                 std::int64_t version, const std::string& now, const std::string& actor,
                 const std::string& doc) {
  c.execute("INSERT INTO opendata_versions (kind, name, version, at, actor, doc) VALUES "
            "(?, ?, ?, ?, ?, ?)",
            {std::string(kind), name, version, now, actor, doc});
}

json::object parse_doc(const std::string& text) { return core::json::parse_object(text); }

} // namespace

std::vector<store::Migration> OpenDataStore::migrations() {
  return {{"1201_opendata", std::string(kSchema)}, {"1202_opendata_files", R"(
CREATE TABLE opendata_files (
  dataset TEXT NOT NULL,
  file TEXT NOT NULL,
  size INTEGER NOT NULL,
  etag TEXT NOT NULL,
  uploaded_at TEXT NOT NULL,
  chunks INTEGER NOT NULL,
  PRIMARY KEY (dataset, file)
);
CREATE TABLE opendata_file_chunks (
  dataset TEXT NOT NULL,
  file TEXT NOT NULL,
  seq INTEGER NOT NULL,
  data BLOB NOT NULL,
  PRIMARY KEY (dataset, file, seq)
);
)"}};
}

std::vector<Organization> OpenDataStore::organizations() const {
  return db_.read([](store::Connection& c) {
    std::vector<Organization> out;
    for (const auto& row : c.query("SELECT doc FROM opendata_organizations ORDER BY name")) {
      std::vector<FieldError> errors;
      out.push_back(organization_from_json(parse_doc(row.text(0)), errors));
    }
    return out;
  });
}

std::vector<Dataset> OpenDataStore::datasets() const {
  return db_.read([](store::Connection& c) {
    std::vector<Dataset> out;
    for (const auto& row :
         c.query("SELECT doc, version, modified FROM opendata_datasets ORDER BY name")) {
      std::vector<FieldError> errors;
      Dataset d = dataset_from_json(parse_doc(row.text(0)), errors);
      d.version = row.integer(1);
      d.modified = row.text(2);
      out.push_back(std::move(d));
    }
    return out;
  });
}

namespace {

SaveStatus save_organization(store::Connection& c, const Organization& org,
                             const std::string& actor, const std::string& now) {
  const std::string doc = core::json::dump(to_json(org));
  auto stored =
      c.query_one("SELECT version, doc FROM opendata_organizations WHERE name = ?", {org.name});
  if (stored && stored->text(1) == doc) return SaveStatus::unchanged;
  const std::int64_t version = stored ? stored->integer(0) + 1 : 1;
  if (stored)
    c.execute("UPDATE opendata_organizations SET version = ?, doc = ? WHERE name = ?",
              {version, doc, org.name});
  else
    c.execute("INSERT INTO opendata_organizations (name, version, doc) VALUES (?, ?, ?)",
              {org.name, version, doc});
  add_version(c, "organization", org.name, version, now, actor, doc);
  return stored ? SaveStatus::updated : SaveStatus::created;
}

SaveStatus save_dataset(store::Connection& c, Dataset d, std::optional<std::int64_t> if_version,
                        const std::string& actor, const std::string& now) {
  if (!c.query_one("SELECT 1 FROM opendata_organizations WHERE name = ?", {d.organization}))
    throw core::Error(core::ErrorKind::unprocessable,
                      "unknown organization '" + d.organization + "'");
  auto stored = c.query_one("SELECT version, doc FROM opendata_datasets WHERE name = ?", {d.name});
  if (if_version &&
      (*if_version == 0 ? stored.has_value() : (!stored || stored->integer(0) != *if_version)))
    return SaveStatus::stale;
  // Compare the content without the fields the store sets.
  d.version = 0;
  d.modified.clear();
  const std::string content = core::json::dump(to_json(d));
  if (stored) {
    std::vector<FieldError> errors;
    Dataset old = dataset_from_json(parse_doc(stored->text(1)), errors);
    old.version = 0;
    old.modified.clear();
    if (core::json::dump(to_json(old)) == content) return SaveStatus::unchanged;
  }
  d.version = stored ? stored->integer(0) + 1 : 1;
  d.modified = now;
  const std::string doc = core::json::dump(to_json(d));
  const std::int64_t is_private = d.is_private ? 1 : 0;
  if (stored)
    c.execute("UPDATE opendata_datasets SET organization = ?, private = ?, modified = ?, "
              "version = ?, doc = ? WHERE name = ?",
              {d.organization, is_private, now, d.version, doc, d.name});
  else
    c.execute("INSERT INTO opendata_datasets (name, organization, private, modified, version, "
              "doc) VALUES (?, ?, ?, ?, ?, ?)",
              {d.name, d.organization, is_private, now, d.version, doc});
  add_version(c, "dataset", d.name, d.version, now, actor, doc);
  return stored ? SaveStatus::updated : SaveStatus::created;
}

} // namespace

SaveStatus OpenDataStore::save(const Organization& org, const std::string& actor,
                               const std::string& now) {
  return db_.write([&](store::Connection& c) { return save_organization(c, org, actor, now); });
}

SaveStatus OpenDataStore::save(Dataset d, std::optional<std::int64_t> if_version,
                               const std::string& actor, const std::string& now) {
  return db_.write(
      [&](store::Connection& c) { return save_dataset(c, std::move(d), if_version, actor, now); });
}

int OpenDataStore::save_all(const std::vector<Organization>& organizations,
                            const std::vector<Dataset>& datasets, const std::string& actor,
                            const std::string& now) {
  return db_.write([&](store::Connection& c) {
    int changed = 0;
    for (const auto& o : organizations)
      if (save_organization(c, o, actor, now) != SaveStatus::unchanged) ++changed;
    for (const auto& d : datasets)
      if (save_dataset(c, d, std::nullopt, actor, now) != SaveStatus::unchanged) ++changed;
    return changed;
  });
}

SaveStatus OpenDataStore::put_file(const Dataset& dataset, std::int64_t if_version,
                                   const std::string& file, std::string_view data,
                                   const std::string& etag, const std::string& actor,
                                   const std::string& now) {
  return db_.write([&](store::Connection& c) {
    const SaveStatus status = save_dataset(c, dataset, if_version, actor, now);
    if (status == SaveStatus::stale) return status;
    c.execute("DELETE FROM opendata_file_chunks WHERE dataset = ? AND file = ?",
              {dataset.name, file});
    std::int64_t seq = 0;
    for (std::size_t at = 0; at < data.size(); at += kChunkBytes, ++seq) {
      const auto piece = data.substr(at, kChunkBytes);
      store::Blob blob{std::vector<std::uint8_t>(piece.begin(), piece.end())};
      c.execute("INSERT INTO opendata_file_chunks (dataset, file, seq, data) VALUES (?, ?, ?, ?)",
                {dataset.name, file, seq, std::move(blob)});
    }
    c.execute("INSERT INTO opendata_files (dataset, file, size, etag, uploaded_at, chunks) "
              "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (dataset, file) DO UPDATE SET "
              "size = excluded.size, etag = excluded.etag, uploaded_at = excluded.uploaded_at, "
              "chunks = excluded.chunks",
              {dataset.name, file, static_cast<std::int64_t>(data.size()), etag, now, seq});
    return SaveStatus::updated;
  });
}

std::optional<StoredFile> OpenDataStore::file_info(const std::string& dataset,
                                                   const std::string& file) const {
  return db_.read([&](store::Connection& c) -> std::optional<StoredFile> {
    auto row = c.query_one("SELECT size, etag, uploaded_at, chunks FROM opendata_files WHERE "
                           "dataset = ? AND file = ?",
                           {dataset, file});
    if (!row) return std::nullopt;
    return StoredFile{row->integer(0), row->text(1), row->text(2), row->integer(3)};
  });
}

std::string OpenDataStore::file_chunk(const std::string& dataset, const std::string& file,
                                      std::int64_t seq) const {
  return db_.read([&](store::Connection& c) {
    auto row = c.query_one(
        "SELECT data FROM opendata_file_chunks WHERE dataset = ? AND file = ? AND seq = ?",
        {dataset, file, seq});
    if (!row) return std::string();
    const auto& bytes = row->blob(0).bytes;
    return std::string(bytes.begin(), bytes.end());
  });
}

std::vector<VersionEntry> OpenDataStore::history(const std::string& kind, const std::string& name,
                                                 int limit) const {
  return db_.read([&](store::Connection& c) {
    std::vector<VersionEntry> out;
    for (const auto& row : c.query("SELECT version, at, actor, doc FROM opendata_versions WHERE "
                                   "kind = ? AND name = ? ORDER BY version DESC LIMIT ?",
                                   {kind, name, static_cast<std::int64_t>(limit)}))
      out.push_back({kind, name, row.integer(0), row.text(1), row.text(2), row.text(3)});
    return out;
  });
}

std::string OpenDataStore::live_since(const std::string& file, const std::string& etag,
                                      const std::string& now) {
  auto stored = db_.read([&](store::Connection& c) {
    return c.query_one("SELECT etag, since FROM opendata_live_state WHERE file = ?", {file});
  });
  if (stored && stored->text(0) == etag) return stored->text(1);
  return db_.write([&](store::Connection& c) {
    // Another process may have recorded the same change meanwhile.
    auto again = c.query_one("SELECT etag, since FROM opendata_live_state WHERE file = ?", {file});
    if (again && again->text(0) == etag) return again->text(1);
    c.execute("INSERT INTO opendata_live_state (file, etag, since) VALUES (?, ?, ?) "
              "ON CONFLICT (file) DO UPDATE SET etag = excluded.etag, since = excluded.since",
              {file, etag, now});
    return now;
  });
}

} // namespace opendata
