#include "assistant/travel/typo_index.hpp"

#include "core/edit_distance.hpp"

#include <algorithm>
#include <array>
#include <cstdlib>

namespace assistant::travel {
namespace {

std::uint32_t fnv1a(std::string_view s) {
  std::uint32_t h = 2166136261u;
  for (const char c : s) {
    h ^= static_cast<unsigned char>(c);
    h *= 16777619u;
  }
  return h;
}

// Hashes of `key` and of every string left after deleting up to `depth`
// characters from it, sorted and without repeats.
std::vector<std::uint32_t> deletion_hashes(std::string_view key, int depth) {
  std::vector<std::uint32_t> out{fnv1a(key)};
  std::string one, two;
  for (std::size_t i = 0; i < key.size() && depth >= 1; ++i) {
    if (i > 0 && key[i] == key[i - 1]) continue; // same string as deleting key[i-1]
    one.assign(key.substr(0, i)).append(key.substr(i + 1));
    out.push_back(fnv1a(one));
    for (std::size_t j = i; j < one.size() && depth >= 2; ++j) {
      if (j > i && one[j] == one[j - 1]) continue;
      two.assign(std::string_view(one).substr(0, j)).append(std::string_view(one).substr(j + 1));
      out.push_back(fnv1a(two));
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

} // namespace

// Sorts by hash with four passes of a byte-wise radix sort: a million
// postings in a few milliseconds, several times faster than std::sort.
void TypoIndex::sort_by_hash(std::vector<Posting>& postings) {
  std::vector<Posting> buffer(postings.size());
  for (int shift = 0; shift < 32; shift += 8) {
    std::array<std::size_t, 257> offsets{};
    for (const auto& p : postings)
      ++offsets[((p.hash >> shift) & 0xFF) + 1];
    for (std::size_t b = 1; b < offsets.size(); ++b)
      offsets[b] += offsets[b - 1];
    for (const auto& p : postings)
      buffer[offsets[(p.hash >> shift) & 0xFF]++] = p;
    postings.swap(buffer);
  }
}

namespace {

// How deep a key is indexed: distance two needs keys of five letters or more
// (a four-letter query allows one typo), and very long names stop at one.
int index_depth(std::string_view key) {
  if (key.size() < TypoIndex::kMinLetters) return 0;
  if (key.size() < 5 || key.size() > 24) return 1;
  return 2;
}

} // namespace

void TypoIndex::build(const std::vector<std::string>& keys) {
  keys_ = &keys;
  postings_.clear();
  for (std::uint32_t id = 0; id < keys.size(); ++id) {
    const int depth = index_depth(keys[id]);
    if (depth == 0) continue;
    for (const auto h : deletion_hashes(keys[id], depth))
      postings_.push_back({h, id});
  }
  sort_by_hash(postings_);
  postings_.shrink_to_fit();
}

std::vector<TypoIndex::Hit> TypoIndex::search(std::string_view query, int max_distance) const {
  std::vector<Hit> hits;
  if (keys_ == nullptr || query.size() < kMinLetters) return hits;
  max_distance = std::clamp(max_distance, 1, kMaxDistance);
  std::vector<std::uint32_t> candidates;
  for (const auto h : deletion_hashes(query, max_distance)) {
    auto range = std::equal_range(postings_.begin(), postings_.end(), Posting{h, 0});
    for (auto it = range.first; it != range.second; ++it)
      candidates.push_back(it->key);
  }
  std::sort(candidates.begin(), candidates.end());
  candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
  const int length = static_cast<int>(query.size());
  for (const auto id : candidates) {
    const std::string& key = (*keys_)[id];
    if (std::abs(static_cast<int>(key.size()) - length) > max_distance) continue;
    const int d = core::edit_distance(query, key, max_distance);
    if (d <= max_distance) hits.push_back({id, d});
  }
  return hits;
}

} // namespace assistant::travel
