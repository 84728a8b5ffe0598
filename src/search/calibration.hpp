// Turning Xapian's ranking into answers a citizen can trust. Every candidate
// gets a score in 0..1:
//
//   coverage   the importance-weighted share of the question's concepts it
//              covers, by the field where they matched (title 1 ... text 0.55,
//              less where only a compound part matched)
//   × strength how close its BM25 weight comes to the best candidate's
//   × focus    how much of its title the question covers (so "Personalausweis"
//              prefers "Personalausweis beantragen" to "Verlust des
//              Personalausweises melden"); full when a title, keyword or
//              synonym is exactly the question
//
// and the candidates are re-ranked by it. If the question has off-topic
// markers (not just in passing), only candidates that name them in title or
// keywords remain. The best one is an answer only if it covers enough of the
// question and scores high enough; otherwise the honest answer is no answer.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "search/interpreter.hpp"
#include "search/term_stats.hpp"

namespace search {

// Coverage and score below which the best candidate is not an answer.
// Measured on ~600 labelled questions against the Musterstadt catalogue and
// a test catalogue: the best hit of in-domain questions scores >= 0.37, of
// off-topic ones that pass the coverage rule mostly <= 0.35.
inline constexpr double kMinCoverage = 0.4;
inline constexpr double kMinScore = 0.35;
// From this many concepts on, a question is long and both limits are lowered
// by kLongLenience: its context words dilute coverage.
inline constexpr std::size_t kLongQuestion = 6;
inline constexpr double kLongLenience = 0.8;
// Share of the score that does not depend on BM25 strength, and on title focus.
inline constexpr double kStrengthBase = 0.5;
inline constexpr double kFocusBase = 0.8;
// Share of a question's importance from which an off-topic marker decides.
inline constexpr double kMarkerShare = 0.2;
// How much of a title word counts as covered when the question names only one of its parts.
inline constexpr double kPartFocus = 0.5;
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

// What calibration knows about the documents.
struct DocumentFacts {
  const TermStats& stats;
  const std::vector<std::vector<TitleWord>>& titles; // every document's title words
  // Documents with a title, keyword or synonym that is exactly the question
  // (ascending): they get full focus. Empty if none.
  const std::vector<std::uint32_t>& exact;
};

// Scores and re-ranks the candidates (Xapian's order) and decides no_answer.
Verdict calibrate(const Interpretation& question, const std::vector<Candidate>& candidates,
                  const DocumentFacts& facts, std::size_t limit);

} // namespace search
