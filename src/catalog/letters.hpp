// The A-Z list of the catalogue: which initial letter a title files under,
// and case- and accent-insensitive prefix matching for the `letter` filter.
// German titles: "Übernahme" files under U, "Ärztlicher Dienst" under A.
#pragma once

#include <string>
#include <string_view>

namespace catalog {

// text folded for the A-Z list: ASCII letters upper-cased, German umlauts
// and the accented Latin letters reduced to their base letter (Ä -> A,
// é -> E), ß -> SS; other characters (digits, punctuation, other scripts)
// are kept as they are. Invalid UTF-8 bytes are kept too.
std::string fold_for_index(std::string_view text);

// The letter a title files under: "A".."Z", or "#" for a title that starts
// with anything else (a digit, a quote, another script).
std::string initial_letter(std::string_view title);

// True when title starts with prefix after folding both ("ü" matches
// "Übernahme" and "Umzug"). An empty prefix matches every title; "#"
// matches the titles filed under "#" (see initial_letter).
bool starts_with_letter(std::string_view title, std::string_view prefix);

} // namespace catalog
