// Spelling-insensitive keys for place names. A citizen writes "Marrakesch",
// "marrakesch", "Zürich", "Zuerich" or "Zurich"; the gazetteer compares the
// folded forms, so all of these meet.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace assistant::travel {

// The folded key of a name: lower case ASCII letters and digits, words
// separated by one space. Accents are stripped (é -> e, ł -> l, ș -> s),
// ß -> ss, æ -> ae, ø -> o; umlauts lose their dots (ä -> a, ö -> o, ü -> u);
// hyphens, apostrophes and punctuation separate words or vanish ("Ho-Chi-Minh-
// Stadt" -> "ho chi minh stadt", "’s-Hertogenbosch" -> "s hertogenbosch").
// Characters outside the Latin script are kept as they are (UTF-8).
std::string fold(std::string_view text);

// The spellings under which a name is indexed: fold(text), and when the name
// has umlauts also the form with ä -> ae, ö -> oe, ü -> ue ("zuerich"), so
// that "Zurich", "Zürich" and "Zuerich" all find Zürich. One or two keys.
std::vector<std::string> folded_spellings(std::string_view text);

// A word of a sentence: its folded form and where it stands in the original
// text (byte offsets), so a mention can be quoted back.
struct Word {
  std::string folded;
  std::size_t begin = 0;
  std::size_t end = 0;
};

// Splits a sentence into words at spaces and punctuation (hyphens join: "Ho-
// Chi-Minh-Stadt" stays one word whose folded form has spaces).
std::vector<Word> split_words(std::string_view sentence);

} // namespace assistant::travel
