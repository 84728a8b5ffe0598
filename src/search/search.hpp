// The search contract of Stadtkern: the German retrieval engine behind the
// city's "115" knowledge base. Callers hand over the services to index and a
// Lexicon (vocabulary knowledge kept as data), get an immutable Index and ask
// it questions as citizens type them: colloquial, misspelt, sometimes English.
//
// The engine (Xapian, German stemming, compound splitting, spelling
// correction, synonym expansion, score calibration) stays private; see
// search/README.md for the flow.
#pragma once

#include <cstddef>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace search {

// What is indexed for one item (a service). Fields are weighted
// title > keywords and synonyms > summary > text.
struct Document {
  std::string id;                    // stable id returned in hits; unique, not empty
  std::string title;                 // "Reisepass beantragen"
  std::vector<std::string> keywords; // words citizens use: "Pass", "passport"
  std::vector<std::string> synonyms; // other names of the service: "Perso"
  std::string summary;               // one or two sentences
  std::string text;                  // everything else worth finding: description, documents
};

// Vocabulary knowledge that is data, not code (see data/search/lexicon-de.json).
// All entries are matched case-insensitively and with umlauts folded
// ("Führerschein" = "fuehrerschein" = "fuhrerschein") and stemmed, so one
// form per word is enough. Keys may be phrases of up to four words; a key
// with stop words in it ("führerschein machen") matches only with them.
struct Lexicon {
  // Words without meaning in a question: "wie", "brauche", "kostet", "the".
  std::vector<std::string> stop_words;
  // Everyday word -> what it stands for. Each value is one alternative and may
  // hold several words that belong together:
  // "perso" -> {"personalausweis"}, "umzug" -> {"ummeldung", "wohnsitz anmelden"}.
  std::map<std::string, std::vector<std::string>> synonyms;
  // English (or other foreign) word -> German words: "passport" -> {"reisepass"}.
  std::map<std::string, std::vector<std::string>> translations;
  // Words that mark a question the city cannot answer ("wetter",
  // "einkommensteuer"): unless such a word is only a small part of a long
  // question, the query is answered only by services that name it in their
  // title, keywords or synonyms, and else gets no answer.
  std::vector<std::string> off_topic;
  // Actions common to many services ("beantragen", "bestellen") and everyday
  // words ("Sommer", "Mutter", "gut"): they rank services but count less
  // when judging whether a service answers the question at all.
  std::vector<std::string> generic;

  // Parses the JSON form:
  //   {"stop_words": [...], "synonyms": {"perso": ["personalausweis"]},
  //    "translations": {...}, "off_topic": [...], "generic": [...]}
  // A value may be a string instead of an array of strings; members starting
  // with "_" are comments. Throws core::Error{invalid_argument} naming the
  // member on malformed JSON, unknown members or wrong types.
  static Lexicon from_json(std::string_view json);
};

// One found service.
struct Hit {
  std::string id;
  double score = 0; // calibrated confidence 0..1: the share of the question's meaning it covers
};

// The answer to one question.
struct Result {
  std::vector<Hit> hits;         // best first; empty when no_answer
  bool no_answer = true;         // nothing in the index answers the question
  std::string interpreted_query; // the question as understood: "reisepass", "passport (reisepass)"
  bool corrected = false;        // a misspelt word was replaced ("Reisepas" -> "reisepass")
};

// A searchable, immutable index of documents. Implementations are private;
// build() chooses the only one (Xapian).
//
// Thread safety: search() may be called from any number of threads at once.
class Index {
public:
  // Largest `limit` accepted by search().
  static constexpr std::size_t kMaxLimit = 1000;

  virtual ~Index() = default;

  // Builds an index of `docs` in a fresh subdirectory of `work_dir` (created
  // if missing). Subdirectories left behind by processes that no longer run
  // are removed; the new one is removed when the Index is destroyed, so an
  // old and a new Index of the same work_dir can live side by side.
  // Throws core::Error{invalid_argument} for an empty or duplicate document
  // id, and core::Error{unavailable} when the directory cannot be written.
  static std::unique_ptr<Index> build(const std::vector<Document>& docs, const Lexicon& lexicon,
                                      const std::filesystem::path& work_dir);

  // Answers a question in free text with at most `limit` hits. Any text is
  // accepted (empty, huge, invalid UTF-8, control characters): text that
  // carries no meaning, or only meaning the index cannot answer, gives
  // no_answer = true and no hits. Only the first few dozen words are read.
  // REQUIRES: 1 <= limit <= kMaxLimit, else throws core::Error{invalid_argument}.
  virtual Result search(std::string_view query, std::size_t limit) const = 0;

  // Number of indexed documents.
  virtual std::size_t size() const = 0;
};

} // namespace search
