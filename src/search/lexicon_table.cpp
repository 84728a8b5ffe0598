#include "search/lexicon_table.hpp"

#include <algorithm>

namespace search {
namespace {

std::string join_display(const std::vector<Token>& phrase) {
  std::string out;
  for (const Token& t : phrase) {
    if (!out.empty()) out += ' ';
    out += t.display;
  }
  return out;
}

std::string join_stems(const std::vector<Token>& phrase, Stemmer& stemmer) {
  std::string out;
  for (const Token& t : phrase) {
    if (!out.empty()) out += ' ';
    out += stemmer(t.folded);
  }
  return out;
}

} // namespace

LexiconTable::LexiconTable(const Lexicon& lexicon) {
  for (const std::string& word : lexicon.stop_words) {
    for (const Token& t : tokenize(word))
      stop_words_.insert(t.folded);
  }
  auto add = [&](std::string_view text, std::vector<Phrase> values, Source::Kind kind) {
    Key k = key(text);
    if (k.content.empty() || k.raw.size() > kMaxKeyWords) return;
    for (const Token& t : k.raw) {
      if (is_stop_word(t.folded)) key_stop_words_.insert(t.folded);
    }
    sources_.push_back(Source{std::move(k), std::move(values), kind});
  };
  for (const auto& [name, values] : lexicon.synonyms) {
    std::vector<Phrase> phrases;
    for (const std::string& value : values)
      phrases.push_back(phrase(value));
    add(name, std::move(phrases), Source::synonym);
  }
  for (const auto& [name, values] : lexicon.translations) {
    std::vector<Phrase> phrases;
    for (const std::string& value : values)
      phrases.push_back(phrase(value));
    add(name, std::move(phrases), Source::translation);
  }
  for (const std::string& marker : lexicon.off_topic)
    add(marker, {}, Source::off_topic);
  for (const std::string& word : lexicon.generic) {
    for (Token& t : phrase(word))
      generic_words_.push_back(std::move(t));
  }
}

LexiconTable::Key LexiconTable::key(std::string_view text) const {
  Key k;
  k.raw = tokenize(text, kMaxKeyWords + 1);
  for (const Token& t : k.raw) {
    if (!is_stop_word(t.folded)) k.content.push_back(t);
  }
  return k;
}

LexiconTable::Phrase LexiconTable::phrase(std::string_view text) const {
  Phrase out;
  for (Token& t : tokenize(text, 16)) {
    if (!is_stop_word(t.folded)) out.push_back(std::move(t));
  }
  return out;
}

bool LexiconTable::is_stop_word(std::string_view folded) const {
  if (stop_words_.empty()) return false;
  if (stop_words_.contains(folded)) return true;
  const std::string variant = fold_digraphs(folded);
  return variant != folded && stop_words_.contains(variant);
}

std::vector<Token> LexiconTable::words(bool with_off_topic) const {
  std::vector<Token> out = generic_words_;
  for (const Source& source : sources_) {
    if (source.kind == Source::off_topic && !with_off_topic) continue;
    out.insert(out.end(), source.key.content.begin(), source.key.content.end());
    for (const Phrase& value : source.values)
      out.insert(out.end(), value.begin(), value.end());
  }
  return out;
}

void LexiconTable::compile(Stemmer& stemmer, const Resolver& resolve) {
  entries_.clear();
  stop_word_entries_.clear();
  max_key_words_ = max_stop_word_key_words_ = 0;
  generic_.clear();
  for (const Token& t : generic_words_)
    generic_.insert(stemmer(t.folded));

  for (const Source& source : sources_) {
    // A key with stop words matches only with them ("führerschein machen"),
    // and without them only if that still leaves two words ("register a business").
    std::vector<Entry*> targets;
    if (source.key.raw.size() != source.key.content.size()) {
      targets.push_back(&stop_word_entries_[join_stems(source.key.raw, stemmer)]);
      max_stop_word_key_words_ = std::max(max_stop_word_key_words_, source.key.raw.size());
    }
    if (source.key.raw.size() == source.key.content.size() || source.key.content.size() >= 2) {
      targets.push_back(&entries_[join_stems(source.key.content, stemmer)]);
      max_key_words_ = std::max(max_key_words_, source.key.content.size());
    }
    for (Entry* entry : targets) {
      if (source.kind == Source::off_topic) {
        entry->off_topic = true;
        continue;
      }
      for (const Phrase& value : source.values) {
        Expansion expansion{join_display(value), {}};
        for (const Token& t : value) {
          for (std::string& stem : resolve(t.folded)) {
            if (std::find(expansion.stems.begin(), expansion.stems.end(), stem) ==
                expansion.stems.end()) {
              expansion.stems.push_back(std::move(stem));
            }
          }
        }
        if (expansion.stems.empty()) continue; // the index does not know it: nothing to find
        auto same = [&](const Expansion& e) { return e.stems == expansion.stems; };
        if (std::any_of(entry->synonyms.begin(), entry->synonyms.end(), same) ||
            std::any_of(entry->translations.begin(), entry->translations.end(), same)) {
          continue; // "baby" as a synonym and as a translation
        }
        auto& list = source.kind == Source::synonym ? entry->synonyms : entry->translations;
        list.push_back(std::move(expansion));
      }
    }
  }
}

const LexiconTable::Entry* LexiconTable::longest(const Entries& entries, std::size_t max_words,
                                                 const std::vector<std::string>& stems,
                                                 std::size_t pos, std::size_t& length) {
  if (pos >= stems.size()) return nullptr;
  for (std::size_t n = std::min(max_words, stems.size() - pos); n >= 1; --n) {
    std::string key = stems[pos];
    for (std::size_t k = 1; k < n; ++k)
      key += ' ' + stems[pos + k];
    const auto it = entries.find(key);
    if (it != entries.end()) {
      length = n;
      return &it->second;
    }
  }
  return nullptr;
}

const LexiconTable::Entry* LexiconTable::match(const std::vector<std::string>& stems,
                                               std::size_t pos, std::size_t& length) const {
  return longest(entries_, max_key_words_, stems, pos, length);
}

const LexiconTable::Entry*
LexiconTable::match_with_stop_words(const std::vector<std::string>& stems, std::size_t pos,
                                    std::size_t& length) const {
  return longest(stop_word_entries_, max_stop_word_key_words_, stems, pos, length);
}

const LexiconTable::Entry* LexiconTable::find(std::string_view stem) const {
  const auto it = entries_.find(stem);
  return it == entries_.end() ? nullptr : &it->second;
}

} // namespace search
