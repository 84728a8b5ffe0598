#include "assistant/travel/typo_index.hpp"

#include <algorithm>
#include <cstdlib>

namespace assistant::travel {
namespace {

// The distinct trigrams of " key " (padded, so first and last letters count).
std::vector<std::uint32_t> trigrams(std::string_view key) {
  std::string padded;
  padded.reserve(key.size() + 2);
  padded += ' ';
  padded += key;
  padded += ' ';
  std::vector<std::uint32_t> out;
  for (std::size_t i = 0; i + 3 <= padded.size(); ++i) {
    out.push_back(static_cast<std::uint32_t>(static_cast<unsigned char>(padded[i])) << 16 |
                  static_cast<std::uint32_t>(static_cast<unsigned char>(padded[i + 1])) << 8 |
                  static_cast<unsigned char>(padded[i + 2]));
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

} // namespace

int edit_distance(std::string_view a, std::string_view b, int limit) {
  const int n = static_cast<int>(a.size());
  const int m = static_cast<int>(b.size());
  if (std::abs(n - m) > limit) return limit + 1;
  // Three rows of the optimal string alignment matrix.
  std::vector<int> before(m + 1), previous(m + 1), current(m + 1);
  for (int j = 0; j <= m; ++j)
    previous[j] = j;
  for (int i = 1; i <= n; ++i) {
    current[0] = i;
    int row_min = current[0];
    for (int j = 1; j <= m; ++j) {
      const int cost = a[i - 1] == b[j - 1] ? 0 : 1;
      int best = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        best = std::min(best, before[j - 2] + 1);
      current[j] = best;
      row_min = std::min(row_min, best);
    }
    if (row_min > limit) return limit + 1;
    std::swap(before, previous);
    std::swap(previous, current);
  }
  return std::min(previous[m], limit + 1);
}

void TypoIndex::build(const std::vector<std::string>& keys) {
  keys_ = &keys;
  postings_.clear();
  for (std::uint32_t id = 0; id < keys.size(); ++id)
    for (const auto t : trigrams(keys[id]))
      postings_[t].push_back(id);
  for (auto& [t, ids] : postings_)
    ids.shrink_to_fit();
}

std::vector<TypoIndex::Hit> TypoIndex::search(std::string_view query, int max_distance) const {
  std::vector<Hit> hits;
  if (keys_ == nullptr || query.empty()) return hits;
  const auto grams = trigrams(query);
  // An edit touches at most three trigrams, a swap of neighbours four.
  const int needed = std::max(1, static_cast<int>(grams.size()) - 4 * max_distance);
  std::unordered_map<std::uint32_t, int> shared;
  shared.reserve(1024);
  for (const auto t : grams) {
    const auto it = postings_.find(t);
    if (it == postings_.end()) continue;
    for (const auto id : it->second)
      ++shared[id];
  }
  const int length = static_cast<int>(query.size());
  for (const auto& [id, count] : shared) {
    if (count < needed) continue;
    const std::string& key = (*keys_)[id];
    if (std::abs(static_cast<int>(key.size()) - length) > max_distance) continue;
    const int d = edit_distance(query, key, max_distance);
    if (d <= max_distance) hits.push_back({id, d});
  }
  return hits;
}

} // namespace assistant::travel
