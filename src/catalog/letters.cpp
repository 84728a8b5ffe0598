#include "catalog/letters.hpp"

#include <algorithm>
#include <cstdint>

namespace catalog {
namespace {

// The base letters of U+00C0..U+00FF (Latin-1 Supplement letters); empty
// where there is none (×, ÷). Upper and lower case alike.
constexpr const char* kLatin1Base[64] = {
    "A", "A", "A", "A", "A", "A", "AE", "C", "E", "E", "E", "E", "I", "I", "I",  "I",  // C0-CF
    "D", "N", "O", "O", "O", "O", "O",  "",  "O", "U", "U", "U", "U", "Y", "TH", "SS", // D0-DF
    "A", "A", "A", "A", "A", "A", "AE", "C", "E", "E", "E", "E", "I", "I", "I",  "I",  // E0-EF
    "D", "N", "O", "O", "O", "O", "O",  "",  "O", "U", "U", "U", "U", "Y", "TH", "Y",  // F0-FF
};

} // namespace

std::string fold_for_index(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 'a' && c <= 'z') {
      out += static_cast<char>(c - 'a' + 'A');
    } else if ((c == 0xC3) && i + 1 < text.size() &&
               (static_cast<unsigned char>(text[i + 1]) & 0xC0) == 0x80) {
      // U+00C0..U+00FF is 0xC3 0x80..0xBF in UTF-8.
      const auto low = static_cast<unsigned char>(text[i + 1]);
      const char* base = kLatin1Base[low - 0x80];
      if (*base) {
        out += base;
      } else {
        out += text.substr(i, 2);
      }
      ++i;
    } else if (c == 0xE1 && i + 2 < text.size() &&
               static_cast<unsigned char>(text[i + 1]) == 0xBA &&
               static_cast<unsigned char>(text[i + 2]) == 0x9E) {
      out += "SS"; // ẞ, the capital sharp s (U+1E9E)
      i += 2;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

std::string initial_letter(std::string_view title) {
  // Fold only the first characters: a title never needs more than one.
  const std::string folded = fold_for_index(title.substr(0, 4));
  if (!folded.empty() && folded[0] >= 'A' && folded[0] <= 'Z') return std::string(1, folded[0]);
  return "#";
}

bool starts_with_letter(std::string_view title, std::string_view prefix) {
  if (prefix.empty()) return true;
  if (prefix == "#") return initial_letter(title) == "#";
  const std::string wanted = fold_for_index(prefix);
  // A folded character is at most twice as long as the original; the prefix
  // of the title that can match is therefore bounded.
  return fold_for_index(title.substr(0, std::min(title.size(), prefix.size() * 2 + 4)))
      .starts_with(wanted);
}

} // namespace catalog
