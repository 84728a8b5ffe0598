#include "search/calibration.hpp"

#include <algorithm>

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
  if (fields & kTitle) return 1.0;
  if (fields & kKeywords) return 0.95;
  if (fields & kSummary) return 0.8;
  if (fields & kText) return 0.55;
  return 0;
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
                  const TermStats& stats, std::size_t limit) {
  Verdict verdict;
  if (candidates.empty()) return verdict;
  double max_weight = 0;
  for (const Candidate& c : candidates)
    max_weight = std::max(max_weight, c.weight);
  if (max_weight <= 0) return verdict;

  struct Ranked {
    Scored scored;
    double weight;
  };
  std::vector<Ranked> ranked;
  ranked.reserve(candidates.size());
  for (const Candidate& c : candidates) {
    const double score = coverage(question, c.doc, stats) * (0.5 + 0.5 * c.weight / max_weight);
    ranked.push_back(Ranked{Scored{c.doc, std::clamp(score, 0.0, 1.0)}, c.weight});
  }
  std::stable_sort(ranked.begin(), ranked.end(), [](const Ranked& a, const Ranked& b) {
    return a.scored.score != b.scored.score ? a.scored.score > b.scored.score : a.weight > b.weight;
  });

  const Scored& top = ranked.front().scored;
  if (top.score < kMinCoverage) return verdict;
  for (const Concept& c : question.concepts) {
    if (c.off_topic && !names(c, top.doc, stats)) return verdict;
  }
  verdict.no_answer = false;
  for (const Ranked& r : ranked) {
    if (verdict.hits.size() >= limit || r.scored.score < kMinRelativeScore * top.score) break;
    verdict.hits.push_back(r.scored);
  }
  return verdict;
}

} // namespace search
