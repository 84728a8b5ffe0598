#include "search/index_builder.hpp"

#include <xapian.h>

#include <algorithm>
#include <array>
#include <map>
#include <unordered_map>

#include "core/error.hpp"
#include "search/analyzer.hpp"
#include "search/interpreter.hpp"

namespace search {
namespace {

// How much a word of a field counts when the speller chooses between
// candidates; lexicon words count like keywords.
constexpr std::array<std::uint32_t, 4> kSpellWeight = {4, 3, 1, 0};
constexpr std::uint32_t kLexiconSpellWeight = 3;

// A document's words, by field (title, keywords + synonyms, summary, text), stop words removed.
using AnalysedDocument = std::array<std::vector<Token>, 4>;

AnalysedDocument analyse(const Document& doc, const LexiconTable& lexicon) {
  AnalysedDocument out;
  auto keep = [&](std::string_view text, std::vector<Token>& field) {
    for (Token& t : tokenize(text)) {
      if (!lexicon.is_stop_word(t.folded)) field.push_back(std::move(t));
    }
  };
  keep(doc.title, out[0]);
  for (const std::string& keyword : doc.keywords)
    keep(keyword, out[1]);
  for (const std::string& synonym : doc.synonyms)
    keep(synonym, out[1]);
  keep(doc.summary, out[2]);
  keep(doc.text, out[3]);
  return out;
}

// The stems a word is indexed under: its own and those of its compound parts. Cached per word.
class WordStems {
public:
  WordStems(const Decompounder& decompounder, Stemmer& stemmer)
      : decompounder_(decompounder), stemmer_(stemmer) {}

  const std::vector<std::string>& operator()(const std::string& folded) {
    auto [it, inserted] = cache_.try_emplace(folded);
    if (inserted) {
      it->second.push_back(stemmer_(folded));
      for (const std::string& part : decompounder_.split(folded, stemmer_)) {
        std::string stem = stemmer_(part);
        if (std::find(it->second.begin(), it->second.end(), stem) == it->second.end()) {
          it->second.push_back(std::move(stem));
        }
      }
    }
    return it->second;
  }

private:
  const Decompounder& decompounder_;
  Stemmer& stemmer_;
  std::unordered_map<std::string, std::vector<std::string>> cache_;
};

// Every title, keyword and synonym of every document as a phrase a question may repeat exactly.
void add_phrases(const std::vector<Document>& docs, IndexData& data, Stemmer& stemmer) {
  for (std::uint32_t n = 0; n < docs.size(); ++n) {
    std::vector<std::string_view> phrases = {docs[n].title};
    phrases.insert(phrases.end(), docs[n].keywords.begin(), docs[n].keywords.end());
    phrases.insert(phrases.end(), docs[n].synonyms.begin(), docs[n].synonyms.end());
    for (std::string_view phrase : phrases) {
      std::vector<std::string> stems;
      for (const Token& t : tokenize(phrase, Interpreter::kMaxTokens)) {
        if (!data.lexicon.is_stop_word(t.folded)) stems.push_back(stemmer(t.folded));
      }
      if (stems.empty()) continue;
      std::vector<std::uint32_t>& list = data.phrases[phrase_key(std::move(stems))];
      if (list.empty() || list.back() != n) list.push_back(n);
    }
  }
}

// Writes the glass database and fills the term statistics and title words.
void write_database(const std::vector<Document>& docs,
                    const std::vector<AnalysedDocument>& analysed, IndexData& data,
                    Stemmer& stemmer, const std::filesystem::path& db_dir) {
  std::vector<std::vector<std::vector<std::string>>> title_stems(docs.size());
  try {
    Xapian::WritableDatabase db(db_dir.string(),
                                Xapian::DB_CREATE | Xapian::DB_BACKEND_GLASS | Xapian::DB_NO_SYNC);
    WordStems word_stems(data.decompounder, stemmer);
    for (std::uint32_t n = 0; n < analysed.size(); ++n) {
      std::map<std::string, Xapian::termcount> terms; // prefixed term -> wdf
      for (std::size_t f = 0; f < kFields.size(); ++f) {
        const std::string prefix(field_prefix(kFields[f]));
        for (const Token& t : analysed[n][f]) {
          const std::vector<std::string>& stems = word_stems(t.folded);
          for (std::size_t k = 0; k < stems.size(); ++k) { // the word's own stem, then its parts
            ++terms[prefix + stems[k]];
            data.stats.add(n, stems[k], kFields[f], k == 0);
          }
          if (kFields[f] == kTitle) title_stems[n].push_back(stems);
        }
      }
      Xapian::Document xdoc;
      for (const auto& [term, wdf] : terms)
        xdoc.add_term(term, wdf);
      xdoc.add_boolean_term("Q" + docs[n].id.substr(0, 200));
      db.add_document(xdoc);
    }
    db.commit();
    db.close();
  } catch (const Xapian::Error& e) {
    throw core::Error(core::ErrorKind::unavailable, "search index: " + e.get_description());
  }
  data.stats.finish(static_cast<std::uint32_t>(docs.size()));
  data.titles.resize(docs.size());
  for (std::size_t n = 0; n < docs.size(); ++n) {
    for (const std::vector<std::string>& stems : title_stems[n]) {
      TitleWord word;
      for (const std::string& stem : stems)
        word.push_back(data.stats.find(stem)->id);
      data.titles[n].push_back(std::move(word));
    }
  }
}

} // namespace

std::unique_ptr<IndexData> build_index(const std::vector<Document>& docs, const Lexicon& lexicon,
                                       const std::filesystem::path& db_dir) {
  auto data = std::make_unique<IndexData>(lexicon);
  Stemmer stemmer;
  std::vector<AnalysedDocument> analysed;
  analysed.reserve(docs.size());
  for (const Document& doc : docs) {
    analysed.push_back(analyse(doc, data->lexicon));
    data->ids.push_back(doc.id);
  }
  add_phrases(docs, *data, stemmer);

  // The compound dictionary: every word of the documents and the lexicon.
  for (const AnalysedDocument& doc : analysed) {
    for (const auto& field : doc) {
      for (const Token& t : field)
        data->decompounder.add_word(t.folded, t.display, stemmer(t.folded));
    }
  }
  for (const Token& t : data->lexicon.words(true)) {
    data->decompounder.add_word(t.folded, t.display, stemmer(t.folded));
  }

  write_database(docs, analysed, *data, stemmer, db_dir);
  data->lexicon.compile(stemmer, [&](std::string_view folded) {
    return resolve_word(folded, data->stats, data->decompounder, stemmer);
  });

  // The speller offers words citizens see: titles, keywords, summaries and
  // the lexicon, but no off-topic marker ("zweiter" must not become "wetter").
  for (const AnalysedDocument& doc : analysed) {
    for (std::size_t f = 0; f < doc.size(); ++f) {
      if (kSpellWeight[f] == 0) continue;
      for (const Token& t : doc[f])
        data->speller.add(t.folded, t.display, kSpellWeight[f]);
    }
  }
  for (const Token& t : data->lexicon.words(false)) {
    data->speller.add(t.folded, t.display, kLexiconSpellWeight);
  }
  data->speller.finish();
  return data;
}

} // namespace search
