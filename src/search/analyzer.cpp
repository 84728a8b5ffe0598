#include "search/analyzer.hpp"

#include <xapian.h>

#include <array>

namespace search {
namespace {

// Decodes the code point at s[i]. Returns its length in bytes, or 0 for an
// invalid sequence (truncated, overlong, surrogate, beyond U+10FFFF).
std::size_t decode_utf8(std::string_view s, std::size_t i, char32_t& cp) {
  const auto c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) {
    cp = c;
    return 1;
  }
  std::size_t n = 0;
  char32_t min = 0;
  if ((c & 0xE0) == 0xC0) {
    n = 2, cp = c & 0x1F, min = 0x80;
  } else if ((c & 0xF0) == 0xE0) {
    n = 3, cp = c & 0x0F, min = 0x800;
  } else if ((c & 0xF8) == 0xF0) {
    n = 4, cp = c & 0x07, min = 0x10000;
  } else {
    return 0;
  }
  if (i + n > s.size()) return 0;
  for (std::size_t k = 1; k < n; ++k) {
    const auto cc = static_cast<unsigned char>(s[i + k]);
    if ((cc & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (cc & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return n;
}

// ASCII folding of the lower-case letters U+00DF..U+00FF (ß, à..ÿ).
constexpr std::array<std::string_view, 33> kLatin1Fold = {
    "ss", "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i",  "i", "i",
    "d",  "n", "o", "o", "o", "o", "o", "",   "o", "u", "u", "u", "u", "y", "th", "y"};

// ASCII folding of Latin Extended-A, U+0100..U+017F (one letter each).
constexpr std::string_view kLatinExtAFold =
    "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiiiiijjkkkllllllllllnnnnnnnnnoooooooorrrrrr"
    "ssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";
static_assert(kLatinExtAFold.size() == 128);

bool is_combining_mark(char32_t cp) { return cp >= 0x300 && cp <= 0x36F; }

bool is_word_char(char32_t cp) {
  if (cp < 0x80)
    return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
  return Xapian::Unicode::is_wordchar(cp) && cp != 0x203F && cp != 0x2040;
}

// Appends the folded form of the lower-case code point `lower`.
void append_folded(char32_t lower, std::string& out) {
  if (lower < 0x80) {
    out += static_cast<char>(lower);
  } else if (lower >= 0xDF && lower <= 0xFF) {
    out += kLatin1Fold[lower - 0xDF];
  } else if (lower >= 0x100 && lower <= 0x17F) {
    out += kLatinExtAFold[lower - 0x100];
  } else if (!is_combining_mark(lower)) {
    Xapian::Unicode::append_utf8(out, lower);
  }
}

bool is_vowel(char c) {
  return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
}

bool ends_with(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

} // namespace

std::vector<Token> tokenize(std::string_view text, std::size_t max_tokens) {
  std::vector<Token> out;
  Token current;
  bool too_long = false;
  auto flush = [&] {
    if (!current.folded.empty() && !too_long) out.push_back(std::move(current));
    current = Token{};
    too_long = false;
  };
  std::size_t i = 0;
  while (i < text.size() && out.size() < max_tokens) {
    char32_t cp = 0;
    const std::size_t n = decode_utf8(text, i, cp);
    if (n == 0) { // invalid byte: a separator
      flush();
      ++i;
      continue;
    }
    i += n;
    if (!is_word_char(cp)) {
      flush();
      continue;
    }
    if (too_long) continue;
    const auto lower = static_cast<char32_t>(Xapian::Unicode::tolower(cp));
    append_folded(lower, current.folded);
    Xapian::Unicode::append_utf8(current.display, lower);
    if (current.folded.size() > kMaxWordBytes) too_long = true;
  }
  if (out.size() < max_tokens) flush();
  return out;
}

std::string fold_text(std::string_view text) {
  std::string out;
  for (const Token& t : tokenize(text)) {
    if (!out.empty()) out += ' ';
    out += t.folded;
  }
  return out;
}

std::string fold_digraphs(std::string_view w) {
  std::string out;
  out.reserve(w.size());
  for (std::size_t i = 0; i < w.size(); ++i) {
    const char c = w[i];
    out += c;
    if ((c == 'a' || c == 'o' || c == 'u') && i + 1 < w.size() && w[i + 1] == 'e') {
      const char prev = i > 0 ? w[i - 1] : ' ';
      if (!is_vowel(prev) && prev != 'q') ++i; // drop the "e" of "ue"
    }
  }
  return out;
}

bool is_ascii_word(std::string_view w) {
  if (w.empty()) return false;
  for (char c : w) {
    if (c < 'a' || c > 'z') return false;
  }
  return true;
}

struct Stemmer::Impl {
  Xapian::Stem stem{"german"};
};

Stemmer::Stemmer() : impl_(std::make_unique<Impl>()) {}
Stemmer::~Stemmer() = default;

std::string Stemmer::operator()(std::string_view folded) {
  std::string word(folded);
  for (char c : word) {
    if (c >= '0' && c <= '9') return word;
  }
  // "anmeldung(en)" -> "anmeld", as the stemmer makes of "anmelden"; keep at least four letters.
  if (word.size() >= 9 && ends_with(word, "ungen")) {
    word.resize(word.size() - 5);
  } else if (word.size() >= 7 && ends_with(word, "ung")) {
    word.resize(word.size() - 3);
  } else if (word.size() >= 10 && ends_with(word, "erinnen")) { // "burgerinnen" -> "burger"
    word.resize(word.size() - 5);
  } else if (word.size() >= 7 && ends_with(word, "erin")) { // "rentnerin" -> "rentner"
    word.resize(word.size() - 2);
  }
  return impl_->stem(word);
}

} // namespace search
