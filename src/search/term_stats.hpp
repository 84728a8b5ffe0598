// What the index knows about its terms (stems), kept in memory so that a
// question can be planned (which terms exist, in which fields, how rare they
// are) and its matches judged (which document has which term where) without a
// round trip to Xapian.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace search {

// The fields of a document, as bits of a mask.
enum Field : std::uint8_t { kTitle = 1, kKeywords = 2, kSummary = 4, kText = 8 };
inline constexpr std::array<Field, 4> kFields = {kTitle, kKeywords, kSummary, kText};

// Prefix of a field's terms in the Xapian database: "S" + stem for a title word.
constexpr std::string_view field_prefix(Field field) {
  switch (field) {
  case kTitle: return "S";
  case kKeywords: return "K";
  case kSummary: return "A";
  case kText: return "T";
  }
  return "T";
}

// The bit of a field mask saying that the term occurs there as a whole word,
// not only as the part of a compound ("hund" in "Hundesteuer").
constexpr std::uint8_t whole_word(Field field) { return static_cast<std::uint8_t>(field << 4); }

// Hash for unordered containers of std::string that can be probed with a string_view.
struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

// A word of a document's title as the ids of the terms it is indexed under:
// its own stem first, then the stems of its compound parts.
using TitleWord = std::vector<std::uint32_t>;

// Term statistics and per-document term fields. Built single-threaded with
// add() and finish(); afterwards immutable and safe to read from any thread.
class TermStats {
public:
  // One stem of the index.
  struct Term {
    std::uint32_t id = 0;
    std::uint32_t df = 0;         // documents that have it in any field
    std::uint32_t topical_df = 0; // documents that have it in title or keywords (are about it)
    std::uint8_t fields = 0;      // fields it occurs in, over all documents
  };

  // Records that document `doc` (0-based) has `stem` in `field`, as a whole
  // word or only as the part of a compound.
  void add(std::uint32_t doc, std::string_view stem, Field field, bool whole);
  // Completes the statistics for `doc_count` documents. REQUIRES: called once, after all add().
  void finish(std::uint32_t doc_count);

  // The term, or nullptr when no document has it.
  const Term* find(std::string_view stem) const;
  // The fields in which document `doc` has `term` (0: not at all), with the
  // whole_word() bits of the fields where it is a word of its own.
  std::uint8_t fields_of(std::uint32_t doc, const Term& term) const;
  // True when some document has both terms (in any field).
  bool share_a_document(const Term& a, const Term& b) const;
  // Document frequency of the term with id `id`.
  std::uint32_t df(std::uint32_t id) const { return id < df_.size() ? df_[id] : 0; }
  // Inverse document frequency of a term with `df` documents, ln(1 + N/df); df 0 counts as 0.5.
  double idf(double df) const;
  std::uint32_t doc_count() const { return doc_count_; }

private:
  std::unordered_map<std::string, Term, StringHash, std::equal_to<>> terms_;
  // Per document: (term id, field mask), sorted by term id after finish().
  std::vector<std::vector<std::pair<std::uint32_t, std::uint8_t>>> docs_;
  std::vector<std::uint32_t> df_;                    // by term id
  std::vector<std::vector<std::uint32_t>> postings_; // by term id: its documents, ascending
  std::uint32_t doc_count_ = 0;
};

} // namespace search
