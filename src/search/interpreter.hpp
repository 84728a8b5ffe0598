// Turns a question into concepts: the meaningful units of the question and
// the index terms that may stand for each of them. This is where the
// linguistic steps meet, in this order for every word that is not a stop word:
//
//   lexicon key (longest phrase first)  "perso" -> personalausweis
//   word the index knows                "hund"
//   its "ae/oe/ue" spelling             "fuehrerschein" -> führerschein
//   compound split into known words     "sperrmüllanmeldung" -> sperrmüll + anmeldung
//   spelling correction                 "reisepas" -> reisepass
//   otherwise: unknown (it still counts against the answer's confidence)
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "search/analyzer.hpp"
#include "search/decompounder.hpp"
#include "search/lexicon_table.hpp"
#include "search/speller.hpp"
#include "search/term_stats.hpp"

namespace search {

// How much an alternative counts, relative to the word itself.
inline constexpr double kSynonymWeight = 0.9;
inline constexpr double kTranslationWeight = 0.9;
inline constexpr double kCorrectionWeight[3] = {1.0, 0.85, 0.7}; // by edit distance
// How much the own words of a phrase key count next to its expansions.
inline constexpr double kPhraseWordsWeight = 0.7;
// How much a generic word ("beantragen") counts in the answer's confidence.
inline constexpr double kGenericImportance = 0.4;
// How much a word counts that no service has in its title or keywords
// (context like "Herbst", not what a service is about).
inline constexpr double kTextOnlyImportance = 0.5;

// One meaningful unit of a question.
struct Concept {
  // One reading of the unit: index stems that together stand for it.
  struct Alternative {
    std::vector<std::string> stems; // all known to the index
    double weight = 1;
  };
  std::string display;                   // shown in interpreted_query: "perso (personalausweis)"
  std::vector<Alternative> alternatives; // empty when the index does not know the word
  double importance = 0;                 // weight in the answer's confidence (idf of its own word)
  std::vector<std::string> own;          // stems of the words as the citizen meant them
  bool off_topic = false;                // a lexicon off-topic marker
  std::string typed;                     // for a spelling correction: the word as typed
};

// The words of a phrase as a lookup key: their stems, sorted, without
// duplicates, joined by spaces ("anmelden Sperrmüll" -> "anmeld sperrmull").
std::string phrase_key(std::vector<std::string> stems);

// A question as understood.
struct Interpretation {
  std::vector<Concept> concepts;
  std::string phrase;     // phrase_key() of all concepts' own stems
  std::string text;       // the concepts' display forms joined by spaces
  bool corrected = false; // a word was spelling-corrected
};

// The index stems that stand for a folded word: its own stem if the index
// has it, else that of its "ae/oe/ue" spelling, else the stems of its known
// compound parts; empty if none.
std::vector<std::string> resolve_word(std::string_view folded, const TermStats& stats,
                                      const Decompounder& decompounder, Stemmer& stemmer);

// Question -> concepts. Holds references only; thread-safe as long as each
// thread passes its own Stemmer.
class Interpreter {
public:
  static constexpr std::size_t kMaxTokens = 64;   // words read from a question
  static constexpr std::size_t kMaxConcepts = 16; // concepts kept

  Interpreter(const LexiconTable& lexicon, const TermStats& stats, const Decompounder& decompounder,
              const Speller& speller)
      : lexicon_(lexicon), stats_(stats), decompounder_(decompounder), speller_(speller) {}

  Interpretation interpret(std::string_view query, Stemmer& stemmer) const;

private:
  void add_word(const Token& word, const std::string& stem, Stemmer& stemmer,
                Interpretation& out) const;
  bool add_known(std::string_view display, const std::vector<std::string>& stems, double weight,
                 Interpretation& out) const;
  // Adds the concept of a lexicon entry whose key is `stems` (several words: `phrase`).
  void add_entry(const LexiconTable::Entry& entry, std::string display,
                 const std::vector<std::string>& stems, bool phrase, double weight,
                 Interpretation& out) const;
  // Importance of a concept read as `stems`: the sum of their idfs (at most
  // that of a word no document has), less for generic words; 0 when none is known.
  double importance(const std::vector<std::string>& stems) const;
  // Undoes spelling corrections that no other word of the question supports
  // ("fliegen" -> "liegen" next to "Reisepass"): they become unknown words.
  void drop_unsupported_corrections(Interpretation& out, Stemmer& stemmer) const;

  const LexiconTable& lexicon_;
  const TermStats& stats_;
  const Decompounder& decompounder_;
  const Speller& speller_;
};

} // namespace search
