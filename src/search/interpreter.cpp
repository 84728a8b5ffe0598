#include "search/interpreter.hpp"

#include <algorithm>

namespace search {
namespace {

// The stem list without duplicates, in first-seen order.
void add_unique(std::vector<std::string>& list, std::string stem) {
  if (std::find(list.begin(), list.end(), stem) == list.end()) list.push_back(std::move(stem));
}

// Importance of a word the index does not know: half that of a word found
// in 2 % of the documents. Such words are often filler ("wollen") the stop
// list missed, but in off-topic questions ("Lottozahlen") they are the point.
double unknown_importance(const TermStats& stats) {
  return 0.5 * stats.idf(std::max(1.0, 0.02 * stats.doc_count()));
}

} // namespace

std::vector<std::string> resolve_word(std::string_view folded, const TermStats& stats,
                                      const Decompounder& decompounder, Stemmer& stemmer) {
  std::string stem = stemmer(folded);
  if (stats.find(stem) != nullptr) return {stem};
  const std::string variant = fold_digraphs(folded);
  if (variant != folded) {
    stem = stemmer(variant);
    if (stats.find(stem) != nullptr) return {stem};
  }
  for (const std::string& word : {std::string(folded), variant}) {
    std::vector<std::string> out;
    for (const std::string& part : decompounder.split(word, stemmer)) {
      std::string part_stem = stemmer(part);
      if (stats.find(part_stem) != nullptr) add_unique(out, std::move(part_stem));
    }
    if (!out.empty()) return out;
  }
  return {};
}

Interpretation Interpreter::interpret(std::string_view query, Stemmer& stemmer) const {
  // All words with their stems; `content` indexes the words that are not stop words.
  const std::vector<Token> words = tokenize(query, kMaxTokens);
  std::vector<std::string> stems;
  std::vector<std::size_t> content;
  std::vector<std::string> content_stems;
  std::vector<std::size_t> content_at(words.size() + 1, 0); // word -> its position in content
  for (std::size_t i = 0; i < words.size(); ++i) {
    stems.push_back(stemmer(words[i].folded));
    content_at[i] = content.size();
    if (!lexicon_.is_stop_word(words[i].folded)) {
      content.push_back(i);
      content_stems.push_back(stems.back());
    }
  }
  auto display = [&](std::size_t from, std::size_t to) { // words[from, to), stop words left out
    std::string out;
    for (std::size_t k = from; k < to; ++k) {
      if (lexicon_.is_stop_word(words[k].folded)) continue;
      if (!out.empty()) out += ' ';
      out += words[k].display;
    }
    return out;
  };

  Interpretation out;
  for (std::size_t i = 0; i < words.size() && out.concepts.size() < kMaxConcepts;) {
    std::size_t length = 0;
    if (const LexiconTable::Entry* entry = lexicon_.match_with_stop_words(stems, i, length)) {
      std::vector<std::string> own;
      for (std::size_t k = i; k < i + length; ++k) {
        if (!lexicon_.is_stop_word(words[k].folded)) own.push_back(stems[k]);
      }
      add_entry(*entry, display(i, i + length), own, 1.0, out);
      i += length;
      continue;
    }
    if (lexicon_.is_stop_word(words[i].folded)) {
      ++i;
      continue;
    }
    const std::size_t p = content_at[i];
    if (const LexiconTable::Entry* entry = lexicon_.match(content_stems, p, length)) {
      const std::vector<std::string> own(content_stems.begin() + p,
                                         content_stems.begin() + p + length);
      const std::size_t end = p + length < content.size() ? content[p + length] : words.size();
      add_entry(*entry, display(i, end), own, 1.0, out);
      i = end;
      continue;
    }
    add_word(words[i], stems[i], stemmer, out);
    ++i;
  }
  for (const Concept& c : out.concepts) {
    if (!out.text.empty()) out.text += ' ';
    out.text += c.display;
  }
  return out;
}

void Interpreter::add_word(const Token& word, const std::string& stem, Stemmer& stemmer,
                           Interpretation& out) const {
  if (add_known(word.display, {stem}, 1.0, out)) return;

  // "fuehrerschein": the umlaut written as "ue".
  const std::string variant = fold_digraphs(word.folded);
  if (variant != word.folded) {
    const std::string variant_stem = stemmer(variant);
    if (const LexiconTable::Entry* entry = lexicon_.find(variant_stem)) {
      add_entry(*entry, word.display, {variant_stem}, 1.0, out);
      return;
    }
    if (add_known(decompounder_.display(variant), {variant_stem}, 1.0, out)) return;
  }

  // A compound of known words: every part becomes a concept of its own.
  for (const std::string& folded : {word.folded, variant}) {
    const std::vector<std::string> parts = decompounder_.split(folded, stemmer);
    std::vector<std::string> part_stems;
    for (const std::string& part : parts) {
      std::string part_stem = stemmer(part);
      if (lexicon_.find(part_stem) == nullptr && stats_.find(part_stem) == nullptr) break;
      part_stems.push_back(std::move(part_stem));
    }
    if (parts.empty() || part_stems.size() != parts.size()) continue;
    for (std::size_t k = 0; k < parts.size(); ++k) {
      const std::string display = decompounder_.display(parts[k]);
      if (const LexiconTable::Entry* entry = lexicon_.find(part_stems[k])) {
        add_entry(*entry, display, {part_stems[k]}, 1.0, out);
      } else {
        add_known(display, {part_stems[k]}, 1.0, out);
      }
    }
    return;
  }

  // A misspelt word.
  if (const auto correction = speller_.correct(word.folded)) {
    const double weight = kCorrectionWeight[correction->distance];
    const std::string corrected_stem = stemmer(correction->folded);
    bool done = false;
    if (const LexiconTable::Entry* entry = lexicon_.find(corrected_stem)) {
      add_entry(*entry, correction->display, {corrected_stem}, weight, out);
      done = true;
    } else {
      done =
          add_known(correction->display,
                    resolve_word(correction->folded, stats_, decompounder_, stemmer), weight, out);
    }
    if (done) {
      // A correction is a guess ("läuft" may become "laut"): it weighs no more than an unknown
      // word.
      out.concepts.back().importance =
          std::min(out.concepts.back().importance, unknown_importance(stats_));
      out.corrected = true;
      return;
    }
  }

  Concept unknown;
  unknown.display = word.display;
  unknown.importance = unknown_importance(stats_);
  out.concepts.push_back(std::move(unknown));
}

bool Interpreter::add_known(std::string_view display, const std::vector<std::string>& stems,
                            double weight, Interpretation& out) const {
  if (stems.empty()) return false;
  for (const std::string& stem : stems) {
    if (stats_.find(stem) == nullptr) return false;
  }
  Concept c;
  c.display = std::string(display);
  c.alternatives.push_back(Concept::Alternative{stems, weight});
  c.importance = importance(stems);
  out.concepts.push_back(std::move(c));
  return true;
}

void Interpreter::add_entry(const LexiconTable::Entry& entry, std::string display,
                            const std::vector<std::string>& stems, double weight,
                            Interpretation& out) const {
  Concept c;
  c.off_topic = entry.off_topic;
  const bool known = !stems.empty() &&
                     std::all_of(stems.begin(), stems.end(),
                                 [&](const std::string& s) { return stats_.find(s) != nullptr; });
  if (known) c.alternatives.push_back(Concept::Alternative{stems, weight});
  // Its own words tell how specific the question is; else the most specific expansion.
  c.importance = known ? importance(stems) : 0;
  std::string meaning;
  auto add = [&](const std::vector<LexiconTable::Expansion>& list, double factor) {
    for (const LexiconTable::Expansion& e : list) {
      c.alternatives.push_back(Concept::Alternative{e.stems, weight * factor});
      if (!known) c.importance = std::max(c.importance, importance(e.stems));
      if (!meaning.empty()) meaning += ", ";
      meaning += e.display;
    }
  };
  add(entry.synonyms, kSynonymWeight);
  add(entry.translations, kTranslationWeight);
  c.display = meaning.empty() ? std::move(display) : display + " (" + meaning + ")";
  if (c.alternatives.empty()) c.importance = unknown_importance(stats_);
  out.concepts.push_back(std::move(c));
}

double Interpreter::importance(const std::vector<std::string>& stems) const {
  double best = 0;
  bool generic = !stems.empty();
  for (const std::string& stem : stems) {
    if (const TermStats::Term* term = stats_.find(stem))
      best = std::max(best, stats_.idf(term->df));
    generic = generic && lexicon_.is_generic(stem);
  }
  return generic ? best * kGenericImportance : best;
}

} // namespace search
