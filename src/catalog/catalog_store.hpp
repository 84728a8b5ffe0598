// The catalogue's tables. Nothing else in the program writes them.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "catalog/editing.hpp"
#include "catalog/model.hpp"
#include "store/database.hpp"

namespace catalog {

// What an import changed.
struct ImportCounts {
  int services_added = 0;
  int services_changed = 0;
  int services_removed = 0;
  int offices_added = 0;
  int offices_changed = 0;
  int offices_removed = 0;
};

class CatalogStore {
public:
  explicit CatalogStore(store::Database& db) : db_(db) {}

  static std::vector<store::Migration> migrations();

  // Reads the whole catalogue (with versions).
  CatalogData load() const;

  // Makes the stored catalogue equal to data in one transaction: adds,
  // changes (version + 1, only when the content differs) and removes
  // records, and writes each change to the history with actor and time.
  // REQUIRES: data is valid (catalog::check_catalog found nothing).
  ImportCounts replace_all(const CatalogData& data, const std::string& actor,
                           const std::string& now);

  // Writes one record in one transaction, checked against the stored state
  // in that same transaction: if_match = std::nullopt creates the record
  // (`exists` when the id is taken); otherwise it replaces the stored record
  // when if_match names its current version (`stale` otherwise, with the
  // current version). The editor must be allowed to change both the new
  // record's department and the stored record's (`forbidden`). References
  // (offices, related services) must exist and the LeiKa key must be free
  // (`invalid`). The history gets the editor, the time and the changed
  // fields. Nothing is written unless the status is created or updated.
  // REQUIRES: the record is valid on its own (service_from_json found nothing).
  SaveResult save_service(const Service& s,
                          const std::optional<std::vector<std::int64_t>>& if_match,
                          const Editor& editor, const std::string& now);
  SaveResult save_office(const Office& o, const std::optional<std::vector<std::int64_t>>& if_match,
                         const Editor& editor, const std::string& now);

  // The changes of a record, newest first (at most `limit`); empty when the
  // record never existed.
  std::vector<HistoryEntry> history(RecordKind kind, const std::string& id, int limit) const;

  // Counts a question that found no answer (query text only, never who asked).
  void count_miss(const std::string& query, const std::string& now);

  // The most frequent unanswered questions.
  struct Miss {
    std::string query;
    std::int64_t count;
    std::string last_at;
  };
  std::vector<Miss> top_misses(int limit) const;

private:
  store::Database& db_;
};

} // namespace catalog
