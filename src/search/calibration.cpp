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

// The ids of every term the question may match, sorted.
std::vector<std::uint32_t> query_terms(const Interpretation& question, const TermStats& stats) {
  std::vector<std::uint32_t> ids;
  for (const Concept& c : question.concepts) {
    for (const Concept::Alternative& a : c.alternatives) {
      for (const std::string& stem : a.stems) {
        if (const TermStats::Term* term = stats.find(stem)) ids.push_back(term->id);
      }
    }
  }
  std::sort(ids.begin(), ids.end());
  return ids;
}

// The idf-weighted share of document `doc`'s title that the question (as
// `asked` term ids) covers; 1 when a title, keyword or synonym is exactly it.
double focus(std::uint32_t doc, const std::vector<std::uint32_t>& asked,
             const DocumentFacts& facts) {
  if (std::binary_search(facts.exact.begin(), facts.exact.end(), doc)) return 1.0;
  if (doc >= facts.titles.size()) return 0.0;
  auto is_asked = [&](std::uint32_t id) {
    return std::binary_search(asked.begin(), asked.end(), id);
  };
  double total = 0, covered = 0;
  for (const TitleWord& word : facts.titles[doc]) {
    const double idf = facts.stats.idf(facts.stats.df(word.front()));
    total += idf;
    if (is_asked(word.front())) {
      covered += idf;
    } else if (std::any_of(word.begin() + 1, word.end(), is_asked)) {
      covered += idf * kPartFocus; // "Reisepass" covers half of "Kinderreisepass"
    }
  }
  return total > 0 ? covered / total : 0.0;
}

// True when document `doc` names every off-topic marker that matters in the
// question: one with a fair share of its importance ("Steuer-ID vergessen"),
// not one in passing ("... im Krankenhaus verstorben, was muss ich erledigen").
bool names_markers(const Interpretation& question, std::uint32_t doc, const TermStats& stats) {
  double total = 0;
  for (const Concept& c : question.concepts)
    total += c.importance;
  return std::all_of(question.concepts.begin(), question.concepts.end(), [&](const Concept& c) {
    return !c.off_topic || c.importance < kMarkerShare * total || names(c, doc, stats);
  });
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
                  const DocumentFacts& facts, std::size_t limit) {
  Verdict verdict;
  double max_weight = 0;
  for (const Candidate& c : candidates)
    max_weight = std::max(max_weight, c.weight);
  if (max_weight <= 0) return verdict;

  struct Ranked {
    Scored scored;
    double coverage;
    double weight;
  };
  const std::vector<std::uint32_t> asked = query_terms(question, facts.stats);
  std::vector<Ranked> ranked;
  for (const Candidate& c : candidates) {
    // A question with an off-topic marker ("Steuer-ID") is answered only by
    // services that name it themselves.
    if (!names_markers(question, c.doc, facts.stats)) continue;
    const double cov = coverage(question, c.doc, facts.stats);
    const double strength = kStrengthBase + (1 - kStrengthBase) * c.weight / max_weight;
    const double title = kFocusBase + (1 - kFocusBase) * focus(c.doc, asked, facts);
    ranked.push_back(
        Ranked{Scored{c.doc, std::clamp(cov * strength * title, 0.0, 1.0)}, cov, c.weight});
  }
  std::stable_sort(ranked.begin(), ranked.end(), [](const Ranked& a, const Ranked& b) {
    return a.scored.score != b.scored.score ? a.scored.score > b.scored.score : a.weight > b.weight;
  });
  if (ranked.empty()) return verdict;
  const Ranked& top = ranked.front();
  // A long question says more than any one service covers ("we moved last
  // week with the kids from Köln, what do we have to do?").
  const double lenience = question.concepts.size() >= kLongQuestion ? kLongLenience : 1.0;
  if (top.coverage < kMinCoverage * lenience || top.scored.score < kMinScore * lenience) {
    return verdict;
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
