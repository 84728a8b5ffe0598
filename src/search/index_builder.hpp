// Building an index: analyses the documents once, writes the Xapian glass
// database, and keeps in memory what every search needs without asking
// Xapian (term statistics, compound dictionary, speller, compiled lexicon).
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "search/decompounder.hpp"
#include "search/lexicon_table.hpp"
#include "search/search.hpp"
#include "search/speller.hpp"
#include "search/term_stats.hpp"

namespace search {

// Everything an index knows besides its Xapian database. Immutable once
// built; safe to read from any thread.
struct IndexData {
  explicit IndexData(const Lexicon& l) : lexicon(l) {}

  std::vector<std::string> ids;               // by document number = Xapian docid - 1
  std::vector<std::vector<TitleWord>> titles; // by document number
  // phrase_key() of every title, keyword and synonym -> the documents with it, ascending.
  std::unordered_map<std::string, std::vector<std::uint32_t>> phrases;
  LexiconTable lexicon;
  TermStats stats;
  Decompounder decompounder;
  Speller speller;
};

// Analyses `docs` (every field word stemmed, compounds also indexed by their
// parts), writes them into a new glass database at `db_dir` and returns the
// in-memory data. REQUIRES: ids are valid (Index::build checks them).
// Throws core::Error{unavailable} when Xapian cannot write the database.
std::unique_ptr<IndexData> build_index(const std::vector<Document>& docs, const Lexicon& lexicon,
                                       const std::filesystem::path& db_dir);

} // namespace search
