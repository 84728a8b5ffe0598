// How far apart two spellings are: the edit distance shared by the search's
// spelling correction (search/speller) and the assistant's gazetteer
// (assistant/travel/typo_index). Byte-wise; callers pass folded text.
#pragma once

#include <string_view>

namespace core {

// Optimal string alignment distance (Damerau-Levenshtein with swaps of two
// neighbouring letters): insertions, deletions, substitutions and swaps count
// one each. Any value above `limit` is reported as limit + 1, and the
// computation stops as soon as the limit is exceeded.
int edit_distance(std::string_view a, std::string_view b, int limit);

} // namespace core
