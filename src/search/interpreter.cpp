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

// The words of a question that one kind of lexicon key is matched against.
struct Sequence {
  std::vector<std::size_t> word;  // position -> index into the question's words
  std::vector<std::string> stems; // position -> stem
  std::vector<std::size_t> at;    // index of a word -> its position, or npos

  explicit Sequence(std::size_t words) : at(words, std::string::npos) {}
  void add(std::size_t w, const std::string& stem) {
    at[w] = word.size();
    word.push_back(w);
    stems.push_back(stem);
  }
  // The index of the word after a match of `length` positions from `pos`.
  std::size_t end(std::size_t pos, std::size_t length) const { return word[pos + length - 1] + 1; }
};

} // namespace

std::string phrase_key(std::vector<std::string> stems) {
  std::sort(stems.begin(), stems.end());
  stems.erase(std::unique(stems.begin(), stems.end()), stems.end());
  std::string key;
  for (const std::string& s : stems) {
    if (!key.empty()) key += ' ';
    key += s;
  }
  return key;
}

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
  const std::vector<Token> words = tokenize(query, kMaxTokens);
  std::vector<std::string> stems;
  std::vector<bool> stop;
  Sequence content(words.size()); // no stop words
  Sequence keyed(words.size());   // no stop words but those inside lexicon keys
  for (std::size_t i = 0; i < words.size(); ++i) {
    stems.push_back(stemmer(words[i].folded));
    stop.push_back(lexicon_.is_stop_word(words[i].folded));
    if (!stop[i]) content.add(i, stems[i]);
    if (!stop[i] || lexicon_.is_key_stop_word(words[i].folded)) keyed.add(i, stems[i]);
  }
  // The lexicon concept of words[from, end): own stems and display without stop words.
  auto add_key = [&](const LexiconTable::Entry& entry, std::size_t from, std::size_t end,
                     std::size_t length, Interpretation& out) {
    std::vector<std::string> own;
    std::string display;
    for (std::size_t k = from; k < end; ++k) {
      if (stop[k]) continue;
      own.push_back(stems[k]);
      if (!display.empty()) display += ' ';
      display += words[k].display;
    }
    add_entry(entry, std::move(display), own, length > 1, 1.0, out);
  };

  Interpretation out;
  for (std::size_t i = 0; i < words.size() && out.concepts.size() < kMaxConcepts;) {
    std::size_t length = 0;
    const std::size_t k = keyed.at[i];
    if (k != std::string::npos) {
      if (const auto* entry = lexicon_.match_with_stop_words(keyed.stems, k, length)) {
        const std::size_t end = keyed.end(k, length);
        add_key(*entry, i, end, length, out);
        i = end;
        continue;
      }
    }
    const std::size_t c = content.at[i];
    if (c == std::string::npos) { // a stop word
      ++i;
      continue;
    }
    if (const auto* entry = lexicon_.match(content.stems, c, length)) {
      const std::size_t end = content.end(c, length);
      add_key(*entry, i, end, length, out);
      i = end;
      continue;
    }
    add_word(words[i], stems[i], stemmer, out);
    ++i;
  }
  drop_unsupported_corrections(out, stemmer);
  std::vector<std::string> own;
  for (const Concept& c : out.concepts) {
    if (!out.text.empty()) out.text += ' ';
    out.text += c.display;
    own.insert(own.end(), c.own.begin(), c.own.end());
  }
  out.phrase = phrase_key(std::move(own));
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
      add_entry(*entry, word.display, {variant_stem}, false, 1.0, out);
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
      const LexiconTable::Entry* entry = lexicon_.find(part_stem);
      const bool german_entry = entry != nullptr && (entry->off_topic || !entry->synonyms.empty());
      if (!german_entry && stats_.find(part_stem) == nullptr) break;
      part_stems.push_back(std::move(part_stem));
    }
    if (parts.empty() || part_stems.size() != parts.size()) continue;
    const std::size_t first = out.concepts.size();
    for (std::size_t k = 0; k < parts.size(); ++k) {
      const std::string display = decompounder_.display(parts[k]);
      // English is not compounded: "Gewerberegister" is no "register".
      const LexiconTable::Entry* entry = lexicon_.find(part_stems[k]);
      if (entry != nullptr && (entry->off_topic || !entry->synonyms.empty())) {
        LexiconTable::Entry german = *entry;
        german.translations.clear();
        add_entry(german, display, {part_stems[k]}, false, 1.0, out);
      } else {
        add_known(display, {part_stems[k]}, 1.0, out);
      }
    }
    // The parts of one word share its weight ("Straßenbahn" is one word, not two).
    for (std::size_t k = first; k < out.concepts.size(); ++k) {
      out.concepts[k].importance /= static_cast<double>(parts.size());
    }
    return;
  }

  // A misspelt word.
  if (const auto correction = speller_.correct(word.folded)) {
    const double weight = kCorrectionWeight[correction->distance];
    const std::string corrected_stem = stemmer(correction->folded);
    bool done = false;
    if (const LexiconTable::Entry* entry = lexicon_.find(corrected_stem)) {
      add_entry(*entry, correction->display, {corrected_stem}, false, weight, out);
      done = true;
    } else {
      done =
          add_known(correction->display,
                    resolve_word(correction->folded, stats_, decompounder_, stemmer), weight, out);
    }
    if (done) {
      // A correction is a guess ("läuft" may become "laut"): it weighs no
      // more than an unknown word.
      out.concepts.back().importance =
          std::min(out.concepts.back().importance, unknown_importance(stats_));
      out.concepts.back().typed = word.display;
      out.corrected = true;
      return;
    }
  }

  Concept unknown;
  unknown.display = word.display;
  unknown.own = {stem};
  unknown.importance = unknown_importance(stats_);
  if (lexicon_.is_generic(stem)) unknown.importance *= kGenericImportance; // "Sommer"
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
  c.own = stems;
  out.concepts.push_back(std::move(c));
  return true;
}

void Interpreter::add_entry(const LexiconTable::Entry& entry, std::string display,
                            const std::vector<std::string>& stems, bool phrase, double weight,
                            Interpretation& out) const {
  Concept c;
  c.off_topic = entry.off_topic;
  c.own = stems;
  const bool known = !stems.empty() &&
                     std::all_of(stems.begin(), stems.end(),
                                 [&](const std::string& s) { return stats_.find(s) != nullptr; });
  // A phrase key ("führerschein machen") means its expansion more than its own words.
  const bool expanded = !entry.synonyms.empty() || !entry.translations.empty();
  if (known) {
    c.alternatives.push_back(
        Concept::Alternative{stems, phrase && expanded ? weight * kPhraseWordsWeight : weight});
  }
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
  // Words of one phrase narrow each other down ("steuer id"): their idfs add up.
  double sum = 0;
  bool generic = !stems.empty();
  for (const std::string& stem : stems) {
    if (const TermStats::Term* term = stats_.find(stem)) {
      // How many services are about it (title, keywords); for other words, how many mention it.
      sum += term->topical_df > 0 ? stats_.idf(term->topical_df)
                                  : stats_.idf(term->df) * kTextOnlyImportance;
    }
    generic = generic && lexicon_.is_generic(stem);
  }
  sum = std::min(sum, stats_.idf(0));
  return generic ? sum * kGenericImportance : sum;
}

void Interpreter::drop_unsupported_corrections(Interpretation& out, Stemmer& stemmer) const {
  auto terms_of = [&](const Concept& c) {
    std::vector<const TermStats::Term*> terms;
    for (const Concept::Alternative& a : c.alternatives) {
      for (const std::string& stem : a.stems) {
        if (const TermStats::Term* term = stats_.find(stem)) terms.push_back(term);
      }
    }
    return terms;
  };
  bool corrected = false;
  for (Concept& c : out.concepts) {
    if (c.typed.empty()) continue;
    const auto mine = terms_of(c);
    bool others = false, supported = false;
    for (const Concept& other : out.concepts) {
      if (&other == &c || other.alternatives.empty()) continue;
      others = true;
      for (const TermStats::Term* b : terms_of(other)) {
        for (const TermStats::Term* a : mine)
          supported = supported || stats_.share_a_document(*a, *b);
      }
    }
    if (others && !supported) {
      const std::string typed = std::move(c.typed);
      c = Concept{};
      c.display = typed;
      c.own = {stemmer(fold_text(typed))};
      c.importance = unknown_importance(stats_);
    } else {
      corrected = true;
    }
  }
  out.corrected = corrected;
}

} // namespace search
