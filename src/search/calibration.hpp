// Turning Xapian's ranking into answers a citizen can trust: every candidate
// gets a calibrated score in 0..1, the importance-weighted share of the
// question's concepts it covers, discounted by the field where they matched
// and by how far its BM25 weight trails the best one. The best candidate must
// cover enough of the question, and must name any off-topic marker of the
// question itself; otherwise the honest answer is no answer.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "search/interpreter.hpp"
#include "search/term_stats.hpp"

namespace search {

// Coverage below which the best candidate is not an answer.
inline constexpr double kMinCoverage = 0.4;
// Hits scoring below this share of the best score are dropped.
inline constexpr double kMinRelativeScore = 0.2;

// A document as ranked by Xapian.
struct Candidate {
  std::uint32_t doc = 0; // document number
  double weight = 0;     // BM25 weight
};

// A document with its calibrated score.
struct Scored {
  std::uint32_t doc = 0;
  double score = 0;
};

// The verdict on one question.
struct Verdict {
  std::vector<Scored> hits; // best first, at most `limit`; empty when no_answer
  bool no_answer = true;
};

// How much a concept matched in a field counts: title 1, keywords 0.95, summary 0.8, text 0.55.
double field_factor(std::uint8_t fields);

// Share of the question's meaning that document `doc` covers, 0..1.
double coverage(const Interpretation& question, std::uint32_t doc, const TermStats& stats);

// Scores and re-ranks the candidates (Xapian's order) and decides no_answer.
Verdict calibrate(const Interpretation& question, const std::vector<Candidate>& candidates,
                  const TermStats& stats, std::size_t limit);

} // namespace search
