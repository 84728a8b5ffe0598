// Internal to the gazetteer: finds the indexed keys within a small edit
// distance of a query (trigram candidates, verified with the optimal string
// alignment distance, i.e. Damerau-Levenshtein with adjacent transpositions).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace assistant::travel {

// Edit distance of a and b counting insertions, deletions, substitutions and
// swaps of two neighbouring letters as one each; any value above `limit` is
// reported as limit + 1 (the computation stops early).
int edit_distance(std::string_view a, std::string_view b, int limit);

// An index over keys given by id (the position in the vector passed to build).
// Immutable after build(); search() is safe from any thread.
class TypoIndex {
public:
  struct Hit {
    std::uint32_t key = 0;
    int distance = 0;
  };

  // Indexes the trigrams of every key. `keys` must outlive the index.
  void build(const std::vector<std::string>& keys);

  // Keys within `max_distance` (>= 1) of `query`, in no particular order.
  std::vector<Hit> search(std::string_view query, int max_distance) const;

private:
  const std::vector<std::string>* keys_ = nullptr;
  std::unordered_map<std::uint32_t, std::vector<std::uint32_t>> postings_;
};

} // namespace assistant::travel
