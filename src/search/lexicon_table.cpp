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

} // namespace

LexiconTable::LexiconTable(const Lexicon& lexicon) {
  for (const std::string& word : lexicon.stop_words) {
    for (const Token& t : tokenize(word))
      stop_words_.insert(t.folded);
  }
  auto add = [&](const std::map<std::string, std::vector<std::string>>& map, Source::Kind kind) {
    for (const auto& [key, values] : map) {
      Source source{phrase(key), {}, kind};
      if (source.key.empty() || source.key.size() > kMaxKeyWords) continue;
      for (const std::string& value : values) {
        Phrase p = phrase(value);
        if (!p.empty()) source.values.push_back(std::move(p));
      }
      sources_.push_back(std::move(source));
    }
  };
  add(lexicon.synonyms, Source::synonym);
  add(lexicon.translations, Source::translation);
  for (const std::string& marker : lexicon.off_topic) {
    Source source{phrase(marker), {}, Source::off_topic};
    if (!source.key.empty() && source.key.size() <= kMaxKeyWords)
      sources_.push_back(std::move(source));
  }
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

std::vector<Token> LexiconTable::words() const {
  std::vector<Token> out;
  for (const Source& source : sources_) {
    out.insert(out.end(), source.key.begin(), source.key.end());
    for (const Phrase& value : source.values)
      out.insert(out.end(), value.begin(), value.end());
  }
  return out;
}

void LexiconTable::compile(Stemmer& stemmer, const Resolver& resolve) {
  entries_.clear();
  max_key_words_ = 0;
  for (const Source& source : sources_) {
    std::string key;
    for (const Token& t : source.key) {
      if (!key.empty()) key += ' ';
      key += stemmer(t.folded);
    }
    Entry& entry = entries_[key];
    max_key_words_ = std::max(max_key_words_, source.key.size());
    if (source.kind == Source::off_topic) {
      entry.off_topic = true;
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
      auto& list = source.kind == Source::synonym ? entry.synonyms : entry.translations;
      list.push_back(std::move(expansion));
    }
  }
}

const LexiconTable::Entry* LexiconTable::match(const std::vector<std::string>& stems,
                                               std::size_t pos, std::size_t& length) const {
  const std::size_t longest = std::min(max_key_words_, stems.size() - std::min(pos, stems.size()));
  for (std::size_t n = longest; n >= 1; --n) {
    std::string key = stems[pos];
    for (std::size_t k = 1; k < n; ++k)
      key += ' ' + stems[pos + k];
    const auto it = entries_.find(key);
    if (it != entries_.end()) {
      length = n;
      return &it->second;
    }
  }
  return nullptr;
}

const LexiconTable::Entry* LexiconTable::find(std::string_view stem) const {
  const auto it = entries_.find(stem);
  return it == entries_.end() ? nullptr : &it->second;
}

} // namespace search
