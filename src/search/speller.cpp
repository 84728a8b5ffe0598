#include "search/speller.hpp"

#include <algorithm>
#include <functional>
#include <unordered_map>

#include "core/edit_distance.hpp"
#include "search/analyzer.hpp"

namespace search {
namespace {

std::uint64_t hash_of(std::string_view s) { return std::hash<std::string_view>{}(s); }

// Calls f(variant) for `word` and every variant with up to `depth` letters deleted
// (variants may repeat).
template <typename F> void for_each_deletion(const std::string& word, int depth, F&& f) {
  f(word);
  if (depth == 0 || word.size() <= 1) return;
  for (std::size_t i = 0; i < word.size(); ++i) {
    if (i > 0 && word[i] == word[i - 1]) continue; // same variant as deleting word[i - 1]
    std::string shorter = word;
    shorter.erase(i, 1);
    for_each_deletion(shorter, depth - 1, f);
  }
}

} // namespace

void Speller::add(std::string_view folded, std::string_view display, std::uint32_t weight) {
  if (folded.size() < kMinLength || folded.size() > kMaxWordBytes || !is_ascii_word(folded)) return;
  words_.push_back(Word{std::string(folded), std::string(display), weight});
}

void Speller::finish() {
  // Merge duplicates: sum the weights, keep the display form of the heaviest entry.
  std::sort(words_.begin(), words_.end(), [](const Word& a, const Word& b) {
    return a.folded != b.folded ? a.folded < b.folded : a.weight > b.weight;
  });
  std::vector<Word> merged;
  for (Word& w : words_) {
    if (!merged.empty() && merged.back().folded == w.folded) {
      merged.back().weight += w.weight;
    } else {
      merged.push_back(std::move(w));
    }
  }
  words_ = std::move(merged);
  deletes_.clear();
  for (std::uint32_t id = 0; id < words_.size(); ++id) {
    const std::string& word = words_[id].folded;
    // A word of length 4 is only ever within distance 1 of an allowed query (up to 6 letters).
    const int depth = word.size() <= kMinLength ? 1 : 2;
    for_each_deletion(word, depth, [&](const std::string& variant) {
      deletes_.emplace_back(hash_of(variant), id);
    });
  }
  std::sort(deletes_.begin(), deletes_.end());
  deletes_.erase(std::unique(deletes_.begin(), deletes_.end()), deletes_.end());
  deletes_.shrink_to_fit();
}

std::optional<Speller::Correction> Speller::correct(std::string_view folded) const {
  if (folded.size() < kMinLength || folded.size() > kMaxWordBytes || !is_ascii_word(folded) ||
      deletes_.empty()) {
    return std::nullopt;
  }
  const int max = max_distance(folded.size());
  const std::string query(folded);
  std::vector<std::uint32_t> candidates;
  for_each_deletion(query, max, [&](const std::string& variant) {
    const std::uint64_t h = hash_of(variant);
    auto it =
        std::lower_bound(deletes_.begin(), deletes_.end(), std::make_pair(h, std::uint32_t{0}));
    for (; it != deletes_.end() && it->first == h; ++it)
      candidates.push_back(it->second);
  });
  std::sort(candidates.begin(), candidates.end());
  candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());

  const Word* best = nullptr;
  int best_distance = max + 1;
  auto better = [&](const Word& w, int d) {
    if (best == nullptr || d != best_distance) return d < best_distance;
    const bool same_first = w.folded.front() == query.front();
    const bool best_same_first = best->folded.front() == query.front();
    if (same_first != best_same_first) return same_first;
    if (w.weight != best->weight) return w.weight > best->weight;
    return w.folded < best->folded;
  };
  for (std::uint32_t id : candidates) {
    const Word& w = words_[id];
    const int d = core::edit_distance(query, w.folded, max);
    if (d == 0 || d > max) continue;
    if (better(w, d)) best = &w, best_distance = d;
  }
  if (best == nullptr) return std::nullopt;
  return Correction{best->folded, best->display, best_distance};
}

} // namespace search
