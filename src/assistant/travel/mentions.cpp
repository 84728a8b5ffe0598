// Gazetteer::find_in: the destination a sentence talks about.
#include <algorithm>
#include <string_view>
#include <tuple>
#include <unordered_set>

#include "assistant/travel/fold.hpp"
#include "assistant/travel/gazetteer.hpp"
#include "assistant/travel/gazetteer_impl.hpp"

namespace assistant::travel {
namespace {

// Words that never start or end a place name in a question (folded): German
// and English function words, and the vocabulary of travel questions.
// clang-format off
const std::unordered_set<std::string_view> kStopWords = {
    // German function words
    "ich", "du", "er", "sie", "es", "wir", "ihr", "mich", "mir", "dich", "dir", "uns", "euch", "man", "mein",
    "meine", "meinen", "meinem", "meiner", "dein", "deine", "unser", "unsere", "ein", "eine", "einen",
    "einem", "einer", "der", "die", "das", "den", "dem", "des", "und", "oder", "aber", "wenn", "ob", "dass",
    "weil", "fur", "fuer", "nach", "in", "im", "ins", "an", "am", "auf", "aus", "von", "vom", "zu", "zum",
    "zur", "mit", "ohne", "bei", "beim", "uber", "ueber", "unter", "vor", "hinter", "bis", "ab", "seit",
    "gegen", "um", "durch", "was", "wie", "wo", "wohin", "woher", "wann", "welche", "welcher", "welches",
    "wer", "warum", "ja", "nein", "nicht", "kein", "keine", "keinen", "auch", "noch", "schon", "nur", "mal",
    "bitte", "danke", "hallo", "dort", "da", "hier", "denn", "dann", "so", "sehr", "mehr", "viel", "alle",
    "alles", "etwas", "jetzt", "heute", "morgen", "bald", "ist", "sind", "bin", "bist", "war", "waren",
    "wird", "werden", "habe", "hast", "hat", "haben", "kann", "kannst", "konnen", "koennen", "muss", "musst",
    "mussen", "muessen", "darf", "darfst", "durfen", "duerfen", "soll", "sollte", "will", "willst", "mochte",
    "moechte", "mochten", "brauche", "brauchst", "braucht", "brauchen", "geht", "gehen", "fahre", "fahren",
    "fahrt", "fliege", "fliegst", "fliegen", "fliegt", "reise", "reisen", "reist", "gilt", "gelten", "reicht",
    "reichen", "genugt", "genuegt", "lange", "langer", "laenger", "gultig", "gueltig",
    // travel vocabulary
    "pass", "passe", "reisepass", "kinderreisepass", "ausweis", "personalausweis", "perso", "dokument",
    "dokumente", "papiere", "visum", "visa", "einreise", "ausreise", "urlaub", "ferien", "flug", "kind",
    "kinder", "kindern", "sohn", "tochter", "familie", "frau", "mann", "woche", "wochen", "tag", "tage",
    "tagen", "monat", "monate", "monaten", "jahr", "jahre", "jahren", "sommer", "winter", "fruhling",
    "fruehling", "herbst", "ostern", "weihnachten", "nachsten", "naechsten", "nachste", "naechste",
    "nachstes", "naechstes", "reiseziel", "land", "stadt", "insel", "hin", "zuruck", "zurueck",
    "einreisebestimmungen", "bestimmungen", "guten", "neu", "neue", "neuen", "neuer", "alt", "alte", "alten",
    "abgelaufen", "abgelaufenen", "abgelaufenem", "gultigen", "gueltigen", "beachten", "wissen", "fragen",
    "frage",
    // English
    "i", "you", "we", "the", "a", "an", "to", "for", "of", "from", "and", "or", "do", "does", "need", "is",
    "are", "my", "go", "going", "travel", "trip", "passport", "id", "card", "visa", "with", "what", "which",
    "can", "next", "week", "month",
};
// clang-format on

// Prepositions before a place that is where the trip starts, not its goal.
const std::unordered_set<std::string_view> kOrigin = {"von", "vom", "ab", "aus", "from"};
// Prepositions before a destination.
const std::unordered_set<std::string_view> kGoal = {"nach", "in", "fur", "fuer", "auf",
                                                    "an",   "zu", "to",  "into"};

bool is_stop(const Word& w) { return kStopWords.contains(w.folded); }

std::size_t letters(const std::string& folded) {
  return folded.size() - static_cast<std::size_t>(std::count(folded.begin(), folded.end(), ' '));
}

// How good a mention is; compared lexicographically, smaller is better.
struct Score {
  int after_origin = 0; // 1 after "von", "aus" ...
  int at_home = 0;      // 1 in Germany (the trip usually starts there)
  int distance = 0;
  int not_after_goal = 1;
  int shorter = 0; // minus the number of words
  Candidate candidate;
  auto key() const { return std::tie(after_origin, at_home, distance, not_after_goal, shorter); }
};

} // namespace

std::optional<Mention> Gazetteer::find_in(std::string_view sentence) const {
  const auto words = split_words(sentence);
  std::optional<Score> best;
  std::size_t best_first = 0, best_last = 0;
  constexpr std::size_t kMaxWords = 3;
  for (std::size_t first = 0; first < words.size(); ++first) {
    if (is_stop(words[first])) continue;
    const bool after_origin = first > 0 && kOrigin.contains(words[first - 1].folded);
    const bool after_goal = first > 0 && kGoal.contains(words[first - 1].folded);
    std::string key;
    for (std::size_t last = first; last < words.size() && last < first + kMaxWords; ++last) {
      if (last > first) key += ' ';
      key += words[last].folded;
      if (is_stop(words[last])) continue;
      const auto n = letters(key);
      if (n < 3) continue;
      // Typos only in runs of six letters or more, where a near miss is
      // unlikely to be an ordinary word ("neuen" is not "Nauen"); and not
      // for places in Germany, where the trip starts.
      const int limit = n >= 6 ? Impl::typo_limit(key) : 0;
      const auto found = impl_->ranked(key, 1, limit);
      if (found.empty()) continue;
      const auto& c = found.front();
      if (c.distance > 0 && impl_->entries[c.entry].country->code == "DE") continue;
      Score s{after_origin ? 1 : 0,
              impl_->entries[c.entry].country->code == "DE" ? 1 : 0,
              c.distance,
              after_goal ? 0 : 1,
              -static_cast<int>(last - first + 1),
              c};
      const bool better = !best || s.key() < best->key() ||
                          (s.key() == best->key() && s.candidate < best->candidate);
      if (better) {
        best = s;
        best_first = first;
        best_last = last;
      }
    }
  }
  if (!best) return std::nullopt;
  Mention m;
  m.place = impl_->resolution(best->candidate);
  m.begin = words[best_first].begin;
  m.end = words[best_last].end;
  m.text = std::string(sentence.substr(m.begin, m.end - m.begin));
  return m;
}

} // namespace assistant::travel
