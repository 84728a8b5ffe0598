// Turning Xapian's ranking into answers a citizen can trust. Every candidate
// gets a score in 0..1:
//
//   coverage   the importance-weighted share of the question's concepts it
//              covers, by the field where they matched (title 1 ... text 0.55)
//   × strength how close its BM25 weight comes to the best candidate's
//   × focus    how much of its title the question covers (so "Personalausweis"
//              prefers "Personalausweis beantragen" to "Verlust des
//              Personalausweises melden")
//
// and the candidates are re-ranked by it. The best one is an answer only if
// it covers enough of the question and names every off-topic marker of the
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
// Share of the score that does not depend on BM25 strength, and on title focus.
inline constexpr double kStrengthBase = 0.5;
inline constexpr double kFocusBase = 0.8;
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

// How much a match found only through a compound part counts ("leben" in
// "Lebensunterhalt"), relative to a word of its own.
inline constexpr double kPartFactor = 0.8;

// How much a concept matched in a field counts: title 1, keywords 0.95,
// summary 0.8, text 0.55; times kPartFactor where it is only a compound part.
double field_factor(std::uint8_t fields);

// Share of the question's meaning that document `doc` covers, 0..1.
double coverage(const Interpretation& question, std::uint32_t doc, const TermStats& stats);

// Scores and re-ranks the candidates (Xapian's order) and decides no_answer.
// `titles` holds every document's title words.
Verdict calibrate(const Interpretation& question, const std::vector<Candidate>& candidates,
                  const TermStats& stats, const std::vector<std::vector<TitleWord>>& titles,
                  std::size_t limit);

} // namespace search
