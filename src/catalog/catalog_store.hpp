// The catalogue's tables. Nothing else in the program writes them.
#pragma once

#include <optional>
#include <string>
#include <vector>

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
