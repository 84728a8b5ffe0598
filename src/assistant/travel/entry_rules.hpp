// Entry rules for German citizens, per destination country, as compiled in
// data/assistant/entry-rules.json from the Auswärtiges Amt's published
// rules. They are a summary with a date ("Stand"); every answer built from
// them must name the Auswärtiges Amt's travel advice as authoritative
// (EntryRules::authoritative(), and the phrasing in phrasing.hpp does).
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/city_time.hpp"

namespace assistant::travel {

// The German identity and travel documents.
enum class DocumentKind {
  reisepass,
  vorlaeufiger_reisepass,
  personalausweis,
  vorlaeufiger_personalausweis,
  kinderreisepass,
};

// "reisepass", "vorlaeufiger_reisepass", ... (the names used in the data file).
std::string_view to_string(DocumentKind kind);
// The inverse of to_string; false for an unknown name.
bool parse_document_kind(std::string_view text, DocumentKind& kind);
// "Reisepass", "vorläufiger Reisepass", ... (German, nominative).
std::string_view german_name(DocumentKind kind);

// How long a document must still be valid.
struct Validity {
  enum class Kind {
    stay,            // until the day of departure
    after_entry,     // at least `months` + `days` beyond the day of entry
    after_departure, // at least `months` + `days` beyond the day of departure
  };
  Kind kind = Kind::stay;
  int months = 0;
  int days = 0;
  // False where the minimum validity is not certain (the data says less
  // rather than invent): answers then send the citizen to the Auswärtiges
  // Amt for the exact minimum.
  bool confirmed = true;
};

// The rule of one destination country.
struct EntryRule {
  std::string country;                 // ISO 3166-1 alpha-2, "MA"
  std::string name;                    // German name, "Marokko"
  std::vector<DocumentKind> documents; // accepted for entry, never empty
  Validity validity;
  std::string visa;  // visa or travel authorisation hint (German)
  std::string notes; // further hints, may be empty
  std::string link;  // the Auswärtiges Amt page of the country
  bool accepts(DocumentKind kind) const;
};

// All rules; immutable after loading, safe to read from any thread.
class EntryRules {
public:
  // Reads and validates the JSON file. Throws core::Error (invalid_argument)
  // naming the destination and field on any problem: unknown document kind
  // or validity kind, duplicate or unknown country, a link that is not on
  // www.auswaertiges-amt.de, a missing "stand" or source statement.
  static EntryRules load(const std::filesystem::path& file);
  static EntryRules parse(std::string_view json_text);

  // The rule for a country code ("ma" or "MA"), or nullptr.
  const EntryRule* find(std::string_view country) const;
  const std::vector<EntryRule>& all() const { return rules_; }

  core::Date stand() const { return stand_; }           // when the facts were compiled
  const std::string& source() const { return source_; } // how they were compiled
  const std::string& authoritative() const { return authoritative_; } // "Verbindlich sind ..."
  const std::string& general_link() const { return general_link_; }

private:
  std::vector<EntryRule> rules_;
  std::unordered_map<std::string, std::size_t> by_country_;
  core::Date stand_{};
  std::string source_;
  std::string authoritative_;
  std::string general_link_;
};

} // namespace assistant::travel
