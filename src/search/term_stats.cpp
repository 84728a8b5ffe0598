#include "search/term_stats.hpp"

#include <algorithm>
#include <cmath>

namespace search {

void TermStats::add(std::uint32_t doc, std::string_view stem, Field field, bool whole) {
  auto it = terms_.find(stem);
  if (it == terms_.end()) {
    Term term;
    term.id = static_cast<std::uint32_t>(terms_.size());
    it = terms_.emplace(std::string(stem), term).first;
  }
  it->second.fields |= field;
  if (docs_.size() <= doc) docs_.resize(doc + 1);
  docs_[doc].emplace_back(it->second.id,
                          static_cast<std::uint8_t>(field | (whole ? whole_word(field) : 0)));
}

void TermStats::finish(std::uint32_t doc_count) {
  doc_count_ = doc_count;
  docs_.resize(doc_count);
  std::vector<std::uint32_t> df(terms_.size(), 0);
  std::vector<std::uint32_t> topical(terms_.size(), 0);
  for (auto& entries : docs_) {
    std::sort(entries.begin(), entries.end());
    // Merge the entries of one term into one mask.
    std::size_t out = 0;
    for (std::size_t i = 0; i < entries.size(); ++i) {
      if (out > 0 && entries[out - 1].first == entries[i].first) {
        entries[out - 1].second |= entries[i].second;
      } else {
        entries[out++] = entries[i];
        ++df[entries[i].first];
      }
    }
    for (std::size_t k = 0; k < out; ++k) {
      if (entries[k].second & (kTitle | kKeywords)) ++topical[entries[k].first];
    }
    entries.resize(out);
    entries.shrink_to_fit();
  }
  for (auto& [stem, term] : terms_) {
    term.df = df[term.id];
    term.topical_df = topical[term.id];
  }
  df_ = std::move(df);
  postings_.assign(terms_.size(), {});
  for (std::uint32_t doc = 0; doc < docs_.size(); ++doc) {
    for (const auto& [id, mask] : docs_[doc])
      postings_[id].push_back(doc);
  }
}

const TermStats::Term* TermStats::find(std::string_view stem) const {
  const auto it = terms_.find(stem);
  return it == terms_.end() ? nullptr : &it->second;
}

std::uint8_t TermStats::fields_of(std::uint32_t doc, const Term& term) const {
  if (doc >= docs_.size()) return 0;
  const auto& entries = docs_[doc];
  const auto it = std::lower_bound(entries.begin(), entries.end(),
                                   std::pair<std::uint32_t, std::uint8_t>(term.id, 0));
  return it != entries.end() && it->first == term.id ? it->second : 0;
}

double TermStats::idf(double df) const {
  const double n = std::max<double>(doc_count_, 1);
  return std::log(1.0 + n / std::max(df, 0.5));
}

bool TermStats::share_a_document(const Term& a, const Term& b) const {
  if (a.id >= postings_.size() || b.id >= postings_.size()) return false;
  const auto& x = postings_[a.id];
  const auto& y = postings_[b.id];
  for (auto i = x.begin(), j = y.begin(); i != x.end() && j != y.end();) {
    if (*i == *j) return true;
    *i < *j ? ++i : ++j;
  }
  return false;
}

} // namespace search
