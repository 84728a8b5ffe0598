#include "context/query/pattern.hpp"

#include <cctype>
#include <vector>

#include "context/model/problem.hpp"

namespace context::query {
namespace {

constexpr std::size_t kMaxPattern = 256;
constexpr std::size_t kMaxText = 1024;

bool is_quantifier(char c) { return c == '*' || c == '+' || c == '?' || c == '{'; }

// True when a repeated group contains a quantifier or an alternation
// ("(a+)+", "(a|aa)*"), or the pattern uses back-references: the shapes that
// make backtracking exponential.
bool catastrophic(std::string_view p) {
  std::vector<bool> inner_quantified; // per open group: holds a quantifier
  bool escaped = false, in_class = false;
  int quantifiers = 0;
  bool after_quantifier = false; // the previous token was a quantifier
  for (std::size_t i = 0; i < p.size(); ++i) {
    const char c = p[i];
    if (!escaped && !in_class && is_quantifier(c)) {
      // Stacked quantifiers ("a**", "a+{2}") multiply; only a lazy '?' may follow.
      if (after_quantifier && !(c == '?' && i > 0 && p[i - 1] != '?')) return true;
      if (++quantifiers > 32) return true;
      if (c == '{') {
        // Bounded repetition: small counts only ("a{1000}" builds a huge automaton).
        std::size_t j = i + 1;
        int value = 0;
        while (j < p.size() && p[j] != '}') {
          if (p[j] >= '0' && p[j] <= '9') {
            value = value * 10 + (p[j] - '0');
            if (value > 100) return true;
          } else if (p[j] == ',') {
            value = 0;
          }
          ++j;
        }
      }
      after_quantifier = true;
    } else if (!(c == '}' && after_quantifier) &&
               !(after_quantifier && (std::isdigit(static_cast<unsigned char>(c)) || c == ','))) {
      after_quantifier = false;
    }
    if (escaped) {
      escaped = false;
      if (c >= '1' && c <= '9') return true; // back-reference
      continue;
    }
    if (c == '\\') {
      escaped = true;
      continue;
    }
    if (in_class) {
      if (c == ']') in_class = false;
      continue;
    }
    if (c == '[') {
      in_class = true;
    } else if (c == '(') {
      inner_quantified.push_back(false);
    } else if (c == ')') {
      if (inner_quantified.empty()) return false; // unbalanced: std::regex refuses it
      const bool inner = inner_quantified.back();
      inner_quantified.pop_back();
      const bool quantified = i + 1 < p.size() && is_quantifier(p[i + 1]);
      if (quantified && inner) return true;
      if (quantified || inner)
        if (!inner_quantified.empty()) inner_quantified.back() = true;
    } else if ((is_quantifier(c) || c == '|') && !inner_quantified.empty()) {
      // An alternation inside a repeated group backtracks like a quantifier
      // ("(a|aa)+"); write character classes instead ("[ab]+").
      inner_quantified.back() = true;
    }
  }
  return false;
}

} // namespace

std::shared_ptr<const std::regex> compile_pattern(std::string_view pattern) {
  if (pattern.size() > kMaxPattern)
    fail(ProblemType::bad_request_data, "the pattern is longer than 256 characters");
  if (catastrophic(pattern))
    fail(ProblemType::bad_request_data,
         "the pattern nests quantifiers or uses back-references, which is not allowed");
  try {
    return std::make_shared<const std::regex>(std::string(pattern), std::regex::ECMAScript);
  } catch (const std::regex_error&) {
    fail(ProblemType::bad_request_data, "the pattern is not a valid regular expression");
  }
}

bool search(const std::regex& re, std::string_view text) {
  if (text.size() > kMaxText) return false;
  try {
    return std::regex_search(text.begin(), text.end(), re);
  } catch (const std::regex_error&) {
    return false;
  }
}

} // namespace context::query
