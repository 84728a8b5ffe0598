// The Lexicon (search.hpp) compiled for lookups during a search: stop words
// folded, keys folded and stemmed, and every expansion resolved to stems the
// index actually has, so that a question never pays for the lexicon's size.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "search/analyzer.hpp"
#include "search/search.hpp"
#include "search/term_stats.hpp"

namespace search {

// Lexicon lookups. Built in two steps (constructor, then compile()) while the
// index is built; afterwards immutable and safe to read from any thread.
class LexiconTable {
public:
  static constexpr std::size_t kMaxKeyWords = 4;

  // What an expansion ("wohnsitz anmelden") stands for in the index.
  struct Expansion {
    std::string display;            // "wohnsitz anmelden"
    std::vector<std::string> stems; // index stems: "wohnsitz", "anmeld"
  };
  // Everything the lexicon says about one key.
  struct Entry {
    std::vector<Expansion> synonyms;
    std::vector<Expansion> translations;
    bool off_topic = false;
  };
  // Turns a folded word into the index stems that stand for it (empty if none).
  using Resolver = std::function<std::vector<std::string>(std::string_view folded)>;

  // Takes the stop words and keeps the phrases for compile().
  explicit LexiconTable(const Lexicon& lexicon);

  // True for a stop word, also in its "ae/oe/ue" spelling ("fuer" = "für").
  bool is_stop_word(std::string_view folded) const;
  // Every word of the lexicon's keys, expansions, generic words and (if
  // asked) off-topic markers that is not a stop word, for the compound
  // splitter and the speller (which must not turn "zweiter" into "wetter").
  std::vector<Token> words(bool with_off_topic) const;

  // Stems the keys and resolves the expansions against the index.
  void compile(Stemmer& stemmer, const Resolver& resolve);

  // True for a stop word that is part of a key ("weg" in "auto weg"): such
  // words stay in the sequence given to match_with_stop_words().
  bool is_key_stop_word(std::string_view folded) const { return key_stop_words_.contains(folded); }

  // The entry of the longest key (up to kMaxKeyWords stems) that starts at
  // stems[pos]; sets `length` to its number of words. nullptr if none.
  // match() looks at words without stop words and keys without them;
  // match_with_stop_words() at words without the stop words that no key
  // contains ("mein auto ist weg" -> "auto weg") and keys with stop words.
  const Entry* match(const std::vector<std::string>& stems, std::size_t pos,
                     std::size_t& length) const;
  const Entry* match_with_stop_words(const std::vector<std::string>& stems, std::size_t pos,
                                     std::size_t& length) const;
  // The entry of a one-word key, or nullptr.
  const Entry* find(std::string_view stem) const;
  // True for the stem of a generic word ("beantrag").
  bool is_generic(std::string_view stem) const { return generic_.contains(stem); }

private:
  using Phrase = std::vector<Token>;
  using Entries = std::unordered_map<std::string, Entry, StringHash, std::equal_to<>>;
  // A phrase of the lexicon with its stop words (raw) and without them.
  struct Key {
    Phrase raw;
    Phrase content;
  };
  struct Source {
    Key key;
    std::vector<Phrase> values; // stop words removed
    enum Kind { synonym, translation, off_topic } kind;
  };

  Key key(std::string_view text) const;
  Phrase phrase(std::string_view text) const;
  static const Entry* longest(const Entries& entries, std::size_t max_words,
                              const std::vector<std::string>& stems, std::size_t pos,
                              std::size_t& length);

  std::unordered_set<std::string, StringHash, std::equal_to<>> stop_words_;
  std::unordered_set<std::string, StringHash, std::equal_to<>> key_stop_words_;
  std::vector<Source> sources_;
  Phrase generic_words_;
  Entries entries_;           // keys without stop words
  Entries stop_word_entries_; // keys with stop words, all words kept
  std::unordered_set<std::string, StringHash, std::equal_to<>> generic_;
  std::size_t max_key_words_ = 0;
  std::size_t max_stop_word_key_words_ = 0;
};

} // namespace search
