// Internal to the gazetteer: the loaded names and their indexes, shared by
// gazetteer.cpp (loading, resolve) and mentions.cpp (find_in).
#pragma once

#include <cstdint>
#include <deque>
#include <string>
#include <unordered_map>
#include <vector>

#include "assistant/travel/gazetteer.hpp"
#include "assistant/travel/typo_index.hpp"

namespace assistant::travel {

// One name of the data files.
struct GazetteerEntry {
  std::string name;
  const Country* country = nullptr;
  PlaceKind kind = PlaceKind::city;
  std::uint32_t population = 0;
  int rank = 2; // 0 country names, 1 places-de.tsv, 2 GeoNames cities
};

// A matching entry while ranking: lower distance, then lower rank, then more
// inhabitants first.
struct Candidate {
  int distance = 0;
  int rank = 2;
  std::uint32_t population = 0;
  std::uint32_t entry = 0;
  friend bool operator<(const Candidate& a, const Candidate& b);
};

struct Gazetteer::Impl {
  std::deque<Country> countries; // deque: stable addresses for Resolution::country
  std::unordered_map<std::string, const Country*> by_code;
  std::vector<GazetteerEntry> entries;
  std::vector<std::string> keys;                       // distinct folded spellings
  std::vector<std::vector<std::uint32_t>> key_entries; // entries per key
  std::unordered_map<std::string, std::uint32_t> key_ids;
  TypoIndex typos;
  std::size_t city_count = 0;
  std::size_t place_count = 0;

  // Candidates for a folded span, best first, at most one per country:
  // the exact matches if there are any, else those within `typo_limit`.
  std::vector<Candidate> ranked(const std::string& folded, std::size_t max, int typo_limit) const;
  // The largest typo distance allowed for a folded span (by its letters).
  static int typo_limit(const std::string& folded);
  Resolution resolution(const Candidate& c) const;
};

} // namespace assistant::travel
