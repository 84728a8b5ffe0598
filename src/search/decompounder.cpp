#include "search/decompounder.hpp"

#include <algorithm>
#include <array>
#include <limits>

namespace search {
namespace {

// Linking elements (Fugenelemente) between the parts of a compound.
constexpr std::array<std::string_view, 7> kLinkers = {"s", "es", "n", "en", "e", "er", "ns"};
// Inflection endings a compound's last part may carry.
constexpr std::array<std::string_view, 7> kEndings = {"e", "en", "n", "s", "es", "er", "ern"};

constexpr std::size_t kMinWord = 6;  // shorter words are not split
constexpr std::size_t kMaxWord = 48; // nor longer ones

double part_cost(std::size_t length) { return length <= Decompounder::kMinPart ? 1.6 : 1.0; }
// A first part that is no known word ("anwohner" in "anwohnerparken") is
// accepted when the rest splits into known words, but costs more.
constexpr std::size_t kMinUnknownFirst = 4;
constexpr double kUnknownFirstCost = 2.0;
// On a tie, a part without a linking element wins ("anwohner" + "steuer", not "anwohn" + "er").
constexpr double kLinkerCost = 0.01;

} // namespace

void Decompounder::add_word(std::string_view folded, std::string_view display,
                            std::string_view stem) {
  if (folded.size() < kMinPart || folded.size() > kMaxWord) return;
  words_.try_emplace(std::string(folded), std::string(display));
  modifiers_.emplace(folded);
  if (folded.size() >= 5 && folded.back() == 'e') {
    modifiers_.emplace(folded.substr(0, folded.size() - 1));
  }
  if (stem.size() >= kMinPart) {
    stems_.emplace(stem);
    modifiers_.emplace(stem);
  }
  longest_ = std::max(longest_, folded.size() + 3); // + an inflection ending
}

std::string Decompounder::display(std::string_view folded) const {
  const auto it = words_.find(folded);
  return it == words_.end() ? std::string(folded) : it->second;
}

bool Decompounder::known_modifier(std::string_view part) const {
  // "schul" (Schulamt) from "schule", "verwarn" (Verwarngeld) as the stem of "verwarnung".
  return modifiers_.contains(part);
}

bool Decompounder::known_head(std::string_view part, Stemmer& stemmer) const {
  if (words_.contains(part)) return true;
  for (std::string_view ending : kEndings) {
    if (part.size() >= ending.size() + kMinPart && part.ends_with(ending) &&
        words_.contains(part.substr(0, part.size() - ending.size()))) {
      return true;
    }
  }
  return part.size() > kMinPart && stems_.contains(stemmer(part));
}

std::vector<std::string> Decompounder::split(std::string_view w, Stemmer& stemmer) const {
  const std::size_t n = w.size();
  if (n < kMinWord || n > kMaxWord || words_.empty()) return {};
  constexpr double kInf = std::numeric_limits<double>::infinity();
  // best[i]: cheapest split of w[0, i) that ends where a part starts at i.
  // from[i], part_end[i]: where the last part before i starts and ends.
  std::array<double, kMaxWord + 1> best;
  std::array<std::size_t, kMaxWord + 1> from{};
  std::array<std::size_t, kMaxWord + 1> part_end{};
  std::array<std::size_t, kMaxWord + 1> parts{};
  best.fill(kInf);
  best[0] = 0;
  auto relax = [&](std::size_t next, std::size_t start, std::size_t end, double cost) {
    cost += best[start];
    if (cost < best[next] && parts[start] < kMaxParts) {
      best[next] = cost;
      from[next] = start;
      part_end[next] = end;
      parts[next] = parts[start] + 1;
    }
  };
  for (std::size_t i = 0; i < n; ++i) {
    if (best[i] == kInf) continue;
    for (std::size_t k = i + kMinPart; k <= n && k - i <= longest_; ++k) {
      const std::string_view part = w.substr(i, k - i);
      if (k == n) {
        if (i > 0 && known_head(part, stemmer)) relax(n, i, k, part_cost(part.size()));
        continue;
      }
      double cost = part_cost(part.size());
      if (!known_modifier(part)) {
        if (i > 0 || part.size() < kMinUnknownFirst) continue;
        cost = kUnknownFirstCost;
      }
      relax(k, i, k, cost);
      for (std::string_view linker : kLinkers) {
        if (k + linker.size() < n && w.substr(k, linker.size()) == linker) {
          relax(k + linker.size(), i, k, cost + kLinkerCost);
        }
      }
    }
  }
  if (best[n] == kInf) return {};
  std::vector<std::string> out;
  for (std::size_t pos = n; pos > 0; pos = from[pos]) {
    out.emplace_back(w.substr(from[pos], part_end[pos] - from[pos]));
  }
  return {out.rbegin(), out.rend()};
}

} // namespace search
