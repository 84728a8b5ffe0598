#include "search/calibration.hpp"

#include <algorithm>
#include <array>

namespace search {
namespace {

// The best reading of concept `c` in document `doc`, 0..1.
double match(const Concept& c, std::uint32_t doc, const TermStats& stats) {
  double best = 0;
  for (const Concept::Alternative& a : c.alternatives) {
    double sum = 0;
    for (const std::string& stem : a.stems) {
      if (const TermStats::Term* term = stats.find(stem)) {
        sum += field_factor(stats.fields_of(doc, *term));
      }
    }
    if (!a.stems.empty())
      best = std::max(best, a.weight * sum / static_cast<double>(a.stems.size()));
  }
  return best;
}

// True when document `doc` names concept `c` (all stems of one reading) in its title or keywords.
bool names(const Concept& c, std::uint32_t doc, const TermStats& stats) {
  for (const Concept::Alternative& a : c.alternatives) {
    const bool all =
        !a.stems.empty() &&
        std::all_of(a.stems.begin(), a.stems.end(), [&](const std::string& stem) {
          const TermStats::Term* term = stats.find(stem);
          return term != nullptr && (stats.fields_of(doc, *term) & (kTitle | kKeywords)) != 0;
        });
    if (all) return true;
  }
  return false;
}

} // namespace

double field_factor(std::uint8_t fields) {
  constexpr std::array<double, 4> kFactor = {1.0, 0.95, 0.8, 0.55}; // by kFields
  double best = 0;
  for (std::size_t f = 0; f < kFields.size(); ++f) {
    if ((fields & kFields[f]) == 0) continue;
    const bool whole = (fields & whole_word(kFields[f])) != 0;
    best = std::max(best, kFactor[f] * (whole ? 1.0 : kPartFactor));
  }
  return best;
}

double coverage(const Interpretation& question, std::uint32_t doc, const TermStats& stats) {
  double total = 0, covered = 0;
  for (const Concept& c : question.concepts) {
    total += c.importance;
    covered += c.importance * match(c, doc, stats);
  }
  return total > 0 ? covered / total : 0;
}

Verdict calibrate(const Interpretation& question, const std::vector<Candidate>& candidates,
                  const TermStats& stats, const std::vector<std::vector<TitleWord>>& titles,
                  std::size_t limit) {
  Verdict verdict;
  double max_weight = 0;
  for (const Candidate& c : candidates)
    max_weight = std::max(max_weight, c.weight);
  if (candidates.empty() || max_weight <= 0) return verdict;

  // The ids of every term the question may match.
  std::vector<std::uint32_t> query_terms;
  for (const Concept& c : question.concepts) {
    for (const Concept::Alternative& a : c.alternatives) {
      for (const std::string& stem : a.stems) {
        if (const TermStats::Term* term = stats.find(stem)) query_terms.push_back(term->id);
      }
    }
  }
  std::sort(query_terms.begin(), query_terms.end());
  auto focus = [&](std::uint32_t doc) { // idf-weighted share of the title the question covers
    if (doc >= titles.size()) return 0.0;
    double total = 0, covered = 0;
    for (const TitleWord& word : titles[doc]) {
      const double idf = stats.idf(stats.df(word.front()));
      total += idf;
      const bool hit = std::any_of(word.begin(), word.end(), [&](std::uint32_t id) {
        return std::binary_search(query_terms.begin(), query_terms.end(), id);
      });
      if (hit) covered += idf;
    }
    return total > 0 ? covered / total : 0.0;
  };

  struct Ranked {
    Scored scored;
    double coverage;
    double weight;
  };
  std::vector<Ranked> ranked;
  ranked.reserve(candidates.size());
  for (const Candidate& c : candidates) {
    const double cov = coverage(question, c.doc, stats);
    const double score = cov * (kStrengthBase + (1 - kStrengthBase) * c.weight / max_weight) *
                         (kFocusBase + (1 - kFocusBase) * focus(c.doc));
    ranked.push_back(Ranked{Scored{c.doc, std::clamp(score, 0.0, 1.0)}, cov, c.weight});
  }
  std::stable_sort(ranked.begin(), ranked.end(), [](const Ranked& a, const Ranked& b) {
    return a.scored.score != b.scored.score ? a.scored.score > b.scored.score : a.weight > b.weight;
  });

  const Ranked& top = ranked.front();
  if (top.coverage < kMinCoverage) return verdict;
  for (const Concept& c : question.concepts) {
    if (c.off_topic && !names(c, top.scored.doc, stats)) return verdict;
  }
  verdict.no_answer = false;
  for (const Ranked& r : ranked) {
    if (verdict.hits.size() >= limit || r.scored.score < kMinRelativeScore * top.scored.score)
      break;
    verdict.hits.push_back(r.scored);
  }
  return verdict;
}

} // namespace search
