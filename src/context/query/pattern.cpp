#include "context/query/pattern.hpp"

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
  for (std::size_t i = 0; i < p.size(); ++i) {
    const char c = p[i];
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
