// German text analysis, the one place that decides what a word is. The same
// functions run over documents at index time and over questions at query
// time, so both sides always agree:
//
//   "Führerschein-Umtausch!" -> tokens "fuhrerschein" / "umtausch"
//   (lower case; ä ö ü -> a o u, ß -> ss, other accents dropped)
//   -> stems "fuhrerschein" / "umtausch" (Xapian's German stemmer, with
//   "-ung" nouns joined to their verbs: "anmeldung" = "anmelden" -> "anmeld").
//
// The spellings "ae/oe/ue" for ä/ö/ü are folded separately (fold_digraphs),
// because doing it everywhere would break compounds like "Kontoeröffnung".
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace search {

// Longest word, in bytes after folding, that is analysed; longer ones are dropped.
inline constexpr std::size_t kMaxWordBytes = 64;

// One word of a text.
struct Token {
  std::string folded;  // lower case, folded to ASCII where Latin: "fuhrerschein"
  std::string display; // lower case as written, umlauts kept: "führerschein"
};

// Splits UTF-8 text into words. Letters and digits make words; everything
// else (spaces, punctuation, hyphens, control characters, invalid UTF-8)
// separates them. Combining marks are dropped from the folded form, so
// decomposed umlauts ("u" + U+0308) fold like composed ones. Stops after
// max_tokens words.
std::vector<Token> tokenize(std::string_view text, std::size_t max_tokens = SIZE_MAX);

// Convenience: the folded forms of tokenize(text) joined by single spaces.
std::string fold_text(std::string_view text);

// The folded word with "ae", "oe", "ue" read as ä, ö, ü where they can stand
// for them (not after a vowel or "q"): "fuehrerschein" -> "fuhrerschein",
// "steuer" and "quelle" stay.
std::string fold_digraphs(std::string_view folded);

// True when the word is made of ASCII letters only (what spelling correction
// and compound splitting work on).
bool is_ascii_word(std::string_view folded);

// Stems folded words with Xapian's German stemmer. Words ending in "-ung(en)"
// lose the suffix first, so nouns meet their verbs ("verlängerung" and
// "verlängern" -> "verlang"), and female forms meet the male ones
// ("rentnerin" = "rentner"). Words with digits are returned unchanged.
// Not thread-safe: use one Stemmer per thread.
class Stemmer {
public:
  Stemmer();
  ~Stemmer();
  Stemmer(const Stemmer&) = delete;
  Stemmer& operator=(const Stemmer&) = delete;

  std::string operator()(std::string_view folded);

private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

} // namespace search
