// Corrects misspelt words ("reisepas", "furerschein", "sperrmuhl") to words
// of the index's vocabulary. Candidates are found through a precomputed
// deletion neighbourhood (every word with up to two letters deleted, by
// hash), so a lookup costs a few dozen binary searches and never a scan of
// the vocabulary; they are then checked with the true Damerau-Levenshtein
// distance (optimal string alignment).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace search {

// Spelling corrector over a weighted word list. Built single-threaded with
// add() and finish(); afterwards correct() is const and safe to call from any
// thread.
class Speller {
public:
  // Shortest word that is corrected or offered as a correction.
  static constexpr std::size_t kMinLength = 4;

  // A proposed correction.
  struct Correction {
    std::string folded;  // the vocabulary word, folded
    std::string display; // as it is written in the documents: "führerschein"
    int distance = 0;    // 1 or 2
  };

  // Adds or strengthens a vocabulary word (folded ASCII letters). More
  // weight wins among candidates at the same distance. Non-ASCII and short
  // words are ignored.
  void add(std::string_view folded, std::string_view display, std::uint32_t weight);
  // Builds the deletion neighbourhood. REQUIRES: called once, after all add().
  void finish();

  // The closest vocabulary word within the allowed distance (1 for words of
  // up to six letters, 2 for longer ones), or std::nullopt. Ties go to a
  // word with the same first letter, then to the heavier word.
  std::optional<Correction> correct(std::string_view folded) const;

  // Maximum distance allowed for a word of `length` letters.
  static int max_distance(std::size_t length) { return length <= 6 ? 1 : 2; }

private:
  struct Word {
    std::string folded;
    std::string display;
    std::uint32_t weight = 0;
  };
  std::vector<Word> words_;
  // (hash of a deletion variant, index into words_), sorted.
  std::vector<std::pair<std::uint64_t, std::uint32_t>> deletes_;
};

} // namespace search
