// The Leistungskatalog: the city's services and offices, their German
// search (the "115" knowledge base) and the inventory of digital maturity
// (Ist-Analyse). Other modules (assistant, appointments, open data) use this
// header and never the catalogue's tables.
//
// The catalogue is read far more often than written: it keeps an immutable
// snapshot (records + search index) that is swapped whole after each import
// or edit, so readers only copy a pointer. The database stays the source of
// truth: after a write the snapshot is rebuilt from it, one rebuild at a
// time, so concurrent edits never hide one another. The search index is
// rebuilt only when a change touches what it indexes (see search_document).
#pragma once

#include <algorithm>
#include <array>
#include <atomic>
#include <cctype>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "catalog/catalog_store.hpp"
#include "catalog/codec.hpp"
#include "catalog/editing.hpp"
#include "catalog/model.hpp"
#include "core/clock.hpp"
#include "search/search.hpp"
#include "store/database.hpp"

namespace catalog {

// An immutable view of the whole catalogue.
class Snapshot {
public:
  // index may be shared with an earlier snapshot whose services searched alike.
  Snapshot(CatalogData data, std::shared_ptr<const search::Index> index);
  const std::vector<Service>& services() const { return data_.services; } // sorted by title
  const std::vector<Office>& offices() const { return data_.offices; }
  const Service* service(const std::string& id) const;
  const Office* office(const std::string& id) const;
  const search::Index* index() const { return index_.get(); }
  const std::shared_ptr<const search::Index>& shared_index() const { return index_; }
  const CatalogData& data() const { return data_; }

private:
  CatalogData data_;
  std::unordered_map<std::string, std::size_t> service_at_, office_at_;
  std::shared_ptr<const search::Index> index_;
};

// The outcome of an import: either every record was valid and the catalogue
// now equals the input, or nothing changed and `errors` lists every problem.
struct ImportReport {
  bool imported = false;
  std::vector<ValidationError> errors;
  ImportCounts counts;
};

// One answer of the search.
struct SearchHit {
  const Service* service;
  double score; // 0..1
};
struct SearchAnswer {
  std::vector<SearchHit> hits;
  bool no_answer = true;
  std::string interpreted_query;
  std::shared_ptr<const Snapshot> snapshot; // keeps the hits' records alive
};

// Maturity figures for a set of services (Ist-Analyse).
struct MaturityStats {
  int services = 0;
  std::array<int, 5> by_level{}; // count per OZG level 0..4
  double average = 0;
  double share_online = 0; // share with level >= 3 (application online)
};

class Catalog {
public:
  // search_dir holds the search index files (a subdirectory of the data dir).
  Catalog(store::Database& db, const core::Clock& clock, std::filesystem::path search_dir,
          search::Lexicon lexicon);

  static std::vector<store::Migration> migrations() { return CatalogStore::migrations(); }

  // Loads the stored catalogue and builds the search index. Call at start.
  void reload();

  // Validates data completely (every record, every reference); when valid,
  // makes the stored catalogue equal to it and swaps the snapshot. Thread-safe.
  ImportReport import(CatalogData data, const std::string& actor);

  std::shared_ptr<const Snapshot> snapshot() const;

  // Creates (if_match = std::nullopt) or replaces one record for an editor;
  // see CatalogStore::save_service for the checks and outcomes. When the
  // record was written, the snapshot and the search index show it before
  // this returns (the index rebuild runs on the calling thread: call it from
  // a worker, never an I/O thread). Thread-safe.
  // REQUIRES: the record is valid on its own (codec).
  SaveResult save(const Service& service, const std::optional<std::vector<std::int64_t>>& if_match,
                  const Editor& editor);
  SaveResult save(const Office& office, const std::optional<std::vector<std::int64_t>>& if_match,
                  const Editor& editor);

  // The changes of a record, newest first (at most 1000); empty when the
  // record never existed.
  std::vector<HistoryEntry> history(RecordKind kind, const std::string& id) const {
    return store_.history(kind, id, 1000);
  }

  // Searches the services. Questions without an answer are counted (text
  // only). REQUIRES: 1 <= limit <= 100, else core::Error{invalid_argument}.
  SearchAnswer search(std::string_view query, std::size_t limit);

  // Maturity of all services, and per department (sorted by name).
  MaturityStats inventory_total() const;
  std::vector<std::pair<std::string, MaturityStats>> inventory_by_department() const;

  // The most frequent questions without an answer (for the cockpit).
  std::vector<CatalogStore::Miss> top_misses(int limit) const { return store_.top_misses(limit); }

private:
  std::shared_ptr<const Snapshot> build_snapshot(CatalogData data) const;
  // Rebuilds the snapshot from the database; the search index only when
  // what it indexes changed. REQUIRES: write_mutex_ held.
  void rebuild_locked();
  // After a committed edit: makes the snapshot show it, unless a rebuild that
  // started after the commit already did.
  void show_commit();

  CatalogStore store_;
  const core::Clock& clock_;
  std::filesystem::path search_dir_;
  search::Lexicon lexicon_;
  std::mutex write_mutex_;                // serialises imports and snapshot rebuilds
  std::atomic<std::uint64_t> commits_{0}; // edits committed so far
  std::uint64_t shown_ = 0;               // edits the snapshot shows (guarded by write_mutex_)
  mutable std::mutex mutex_; // guards snapshot_ (held only to copy or swap the pointer)
  std::shared_ptr<const Snapshot> snapshot_;
};

// What the search indexes for a service (title, keywords, synonyms, summary,
// description, documents, prerequisites, topic).
search::Document search_document(const Service& s);

// True when the search indexes both lists of services alike (the same
// documents in the same order), so an index of one serves the other.
bool searched_alike(const std::vector<Service>& a, const std::vector<Service>& b);

// Statistics of a list of services.
MaturityStats maturity_stats(const std::vector<const Service*>& services);

} // namespace catalog
