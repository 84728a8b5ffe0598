#include "assistant/travel/fold.hpp"

#include <cstdint>

namespace assistant::travel {
namespace {

// Decodes one UTF-8 code point at text[i]; advances i. Invalid bytes come
// back as themselves (one byte), so hostile input never loops or throws.
char32_t next_code_point(std::string_view text, std::size_t& i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char b0 = byte(i);
  if (b0 < 0x80) {
    ++i;
    return b0;
  }
  int extra = 0;
  char32_t cp = 0;
  if ((b0 & 0xE0) == 0xC0) {
    extra = 1;
    cp = b0 & 0x1F;
  } else if ((b0 & 0xF0) == 0xE0) {
    extra = 2;
    cp = b0 & 0x0F;
  } else if ((b0 & 0xF8) == 0xF0) {
    extra = 3;
    cp = b0 & 0x07;
  } else {
    ++i;
    return 0xFFFD;
  }
  for (int k = 1; k <= extra; ++k) {
    if (i + k >= text.size() || (byte(i + k) & 0xC0) != 0x80) {
      ++i;
      return 0xFFFD;
    }
    cp = (cp << 6) | (byte(i + k) & 0x3F);
  }
  i += extra + 1;
  return cp;
}

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// ASCII spelling of the Latin-1 Supplement (U+00C0..U+00FF), lower case.
// Umlauts fold to the bare vowel here; folded_spellings() adds the "ae" form.
constexpr const char* kLatin1[64] = {
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i",  "i",  // C0..CF
    "d", "n", "o", "o", "o", "o", "o",  "",  "o", "u", "u", "u", "u", "y", "th", "ss", // D0..DF
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i",  "i",  // E0..EF
    "d", "n", "o", "o", "o", "o", "o",  "",  "o", "u", "u", "u", "u", "y", "th", "y",  // F0..FF
};

// ASCII letter of Latin Extended-A (U+0100..U+017F): pairs of upper/lower.
constexpr const char* kLatinExtendedA =
    "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiii??jjkkklllllll"
    "lllnnnnnnnnnoooooo??rrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";

// The folded spelling of one code point; "" for characters that vanish
// (apostrophes, ʿ, combining accents), " " for separators.
std::string fold_code_point(char32_t cp) {
  if (cp < 0x80) {
    const char c = static_cast<char>(cp);
    if (c >= 'A' && c <= 'Z') return std::string(1, static_cast<char>(c - 'A' + 'a'));
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) return std::string(1, c);
    if (c == '\'' || c == '`') return "";
    return " ";
  }
  if (cp >= 0xC0 && cp <= 0xFF) return kLatin1[cp - 0xC0];
  if (cp >= 0x100 && cp <= 0x17F) {
    const std::size_t k = cp - 0x100;
    if (cp == 0x132 || cp == 0x133) return "ij";
    if (cp == 0x152 || cp == 0x153) return "oe";
    return std::string(1, kLatinExtendedA[k]);
  }
  switch (cp) {
  case 0x218:
  case 0x219: return "s"; // Ș ș
  case 0x21A:
  case 0x21B: return "t"; // Ț ț
  case 0x1E0C:
  case 0x1E0D: return "d"; // Ḍ ḍ
  case 0x1E24:
  case 0x1E25: return "h"; // Ḥ ḥ
  case 0x1E62:
  case 0x1E63: return "s"; // Ṣ ṣ
  case 0x1E6C:
  case 0x1E6D: return "t"; // Ṭ ṭ
  case 0x1E92:
  case 0x1E93: return "z"; // Ẓ ẓ
  case 0x1EA1:
  case 0x1EA3:
  case 0x1EA5:
  case 0x1EA7:
  case 0x1EAB:
  case 0x1EAD:
  case 0x1EAF:
  case 0x1EB1:
  case 0x1EB7: return "a";
  case 0x1EB9:
  case 0x1EBB:
  case 0x1EBD:
  case 0x1EBF:
  case 0x1EC1:
  case 0x1EC3:
  case 0x1EC5:
  case 0x1EC7: return "e";
  case 0x1EC9:
  case 0x1ECB: return "i";
  case 0x1ECD:
  case 0x1ECF:
  case 0x1ED1:
  case 0x1ED3:
  case 0x1ED5:
  case 0x1ED7:
  case 0x1ED9:
  case 0x1EDB:
  case 0x1EDD:
  case 0x1EDF:
  case 0x1EE1:
  case 0x1EE3:
  case 0x1A1: return "o";
  case 0x1EE5:
  case 0x1EE7:
  case 0x1EE9:
  case 0x1EEB:
  case 0x1EED:
  case 0x1EEF:
  case 0x1EF1:
  case 0x1B0: return "u";
  case 0x1EF3:
  case 0x1EF5:
  case 0x1EF7:
  case 0x1EF9: return "y";
  case 0x2BB:
  case 0x2BC:
  case 0x2BE:
  case 0x2BF:
  case 0x2018:
  case 0x2019: return ""; // ʻ ʼ ʾ ʿ ‘ ’
  case 0x2010:
  case 0x2011:
  case 0x2012:
  case 0x2013:
  case 0x2014:
  case 0xA0:
  case 0x202F: return " ";
  default: break;
  }
  if (cp >= 0x300 && cp <= 0x36F) return ""; // combining accents
  if (cp >= 0x80 && cp < 0xC0) return " ";   // Latin-1 punctuation (« » ¿ ¡ ...)
  std::string kept;
  append_utf8(kept, cp);
  return kept;
}

// Collapses runs of spaces and trims; `raw` already folded per code point.
std::string squeeze(const std::string& raw) {
  std::string out;
  out.reserve(raw.size());
  for (const char c : raw) {
    if (c == ' ' && (out.empty() || out.back() == ' ')) continue;
    out += c;
  }
  while (!out.empty() && out.back() == ' ')
    out.pop_back();
  return out;
}

std::string fold_with(std::string_view text, bool umlauts_as_e) {
  std::string raw;
  raw.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    const char32_t cp = next_code_point(text, i);
    if (umlauts_as_e) {
      if (cp == 0xE4 || cp == 0xC4) {
        raw += "ae";
        continue;
      }
      if (cp == 0xF6 || cp == 0xD6) {
        raw += "oe";
        continue;
      }
      if (cp == 0xFC || cp == 0xDC) {
        raw += "ue";
        continue;
      }
    }
    raw += fold_code_point(cp);
  }
  return squeeze(raw);
}

bool has_umlaut(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const char32_t cp = next_code_point(text, i);
    if (cp == 0xE4 || cp == 0xC4 || cp == 0xF6 || cp == 0xD6 || cp == 0xFC || cp == 0xDC)
      return true;
  }
  return false;
}

} // namespace

std::string fold(std::string_view text) { return fold_with(text, false); }

std::vector<std::string> folded_spellings(std::string_view text) {
  std::vector<std::string> keys{fold_with(text, false)};
  if (has_umlaut(text)) keys.push_back(fold_with(text, true));
  return keys;
}

std::vector<Word> split_words(std::string_view sentence) {
  std::vector<Word> words;
  std::size_t i = 0;
  std::size_t start = std::string_view::npos;
  std::size_t last_end = 0;
  const auto close = [&](std::size_t end) {
    if (start == std::string_view::npos) return;
    std::string folded = fold(sentence.substr(start, end - start));
    if (!folded.empty()) words.push_back({std::move(folded), start, end});
    start = std::string_view::npos;
  };
  while (i < sentence.size()) {
    const std::size_t at = i;
    const char32_t cp = next_code_point(sentence, i);
    const bool joins = cp == '-' || cp == '\'' || cp == 0x2019 || cp == '.';
    const std::string f = fold_code_point(cp);
    const bool word_char = !f.empty() && f != " ";
    if (word_char || (joins && start != std::string_view::npos)) {
      if (start == std::string_view::npos) start = at;
      if (word_char) last_end = i;
    } else {
      close(last_end);
    }
  }
  close(last_end);
  return words;
}

} // namespace assistant::travel
