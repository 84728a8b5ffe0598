// Splits German compounds into words the index knows, so that "Hund" finds
// "Hundesteuer" and "Sperrmüllanmeldung" finds "Sperrmüll anmelden". The
// vocabulary is the index's own (every word of every document) plus the
// lexicon's, so no separate dictionary has to be maintained.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "search/analyzer.hpp"
#include "search/term_stats.hpp"

namespace search {

// Compound splitter over a word list. Built single-threaded with add_word();
// afterwards split() is const and safe to call from any thread.
class Decompounder {
public:
  // Shortest part; parts of this length cost more than longer ones.
  static constexpr std::size_t kMinPart = 3;
  // Most parts in one split.
  static constexpr std::size_t kMaxParts = 4;

  // Adds a known word (folded and as written, from tokenize(), and its
  // stem). Words shorter than kMinPart are ignored; the first display form is kept.
  void add_word(std::string_view folded, std::string_view display, std::string_view stem);
  bool contains(std::string_view folded) const { return words_.contains(folded); }
  std::size_t size() const { return words_.size(); }
  // How a known word is written ("sperrmull" -> "sperrmüll"); `folded` itself if unknown.
  std::string display(std::string_view folded) const;

  // The parts of `folded` as known words (or stems of them, or without
  // their final "e"), joined directly or by a linking
  // element (Fugen-s, -es, -n, -en, -e, -er, -ns), the last one possibly
  // in another form of a known word (same stem: "verlangerung" when
  // "verlangern" is known): "hundesteuer" -> {"hund", "steuer"},
  // "einburgerungstest" -> {"einburgerung", "test"}. Fewer and longer parts
  // win. The first part may also be unknown (at least four letters) if the
  // rest is known: "anwohnerparken" -> {"anwohner", "parken"}. Empty when
  // there is no such split.
  // `stemmer` is the calling thread's own.
  std::vector<std::string> split(std::string_view folded, Stemmer& stemmer) const;

private:
  bool known_modifier(std::string_view part) const;
  bool known_head(std::string_view part, Stemmer& stemmer) const;

  // folded -> display
  std::unordered_map<std::string, std::string, StringHash, std::equal_to<>> words_;
  // What may stand before another part: the words, their stems, and words
  // ending in "e" without it ("schul" from "schule").
  std::unordered_set<std::string, StringHash, std::equal_to<>> modifiers_;
  std::unordered_set<std::string, StringHash, std::equal_to<>> stems_;
  std::size_t longest_ = 0;
};

} // namespace search
