// Internal to the gazetteer: finds the indexed keys within a small edit
// distance of a query. Candidates come from a deletion index (every key is
// indexed under the strings left after deleting up to two of its characters;
// a query is looked up under its own deletions, which finds every key within
// distance two), and are verified with the optimal string alignment distance
// (core::edit_distance).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace assistant::travel {

// An index over keys given by id (the position in the vector passed to build).
// Immutable after build(); search() is safe from any thread.
class TypoIndex {
public:
  struct Hit {
    std::uint32_t key = 0;
    int distance = 0;
  };

  static constexpr int kMaxDistance = 2;

  // Indexes every key. Keys of fewer than kMinLetters characters are not
  // indexed (no typo tolerance there); keys of fewer than five characters
  // and very long ones only for distance one. `keys` must outlive the index.
  void build(const std::vector<std::string>& keys);

  // Keys within `max_distance` (1 or 2) of `query`, in no particular order.
  std::vector<Hit> search(std::string_view query, int max_distance) const;

  static constexpr std::size_t kMinLetters = 3;

private:
  // (hash of a deletion variant, key id), sorted by hash.
  struct Posting {
    std::uint32_t hash;
    std::uint32_t key;
    friend bool operator<(const Posting& a, const Posting& b) { return a.hash < b.hash; }
  };
  static void sort_by_hash(std::vector<Posting>& postings);
  const std::vector<std::string>* keys_ = nullptr;
  std::vector<Posting> postings_;
};

} // namespace assistant::travel
