// Does a citizen's document get them into a destination? A pure function of
// the rule, the documents, the trip dates and "today" (all calendar dates in
// Europe/Berlin; see core/city_time.hpp for core::berlin_today()).
#pragma once

#include <optional>
#include <vector>

#include "assistant/travel/entry_rules.hpp"
#include "core/city_time.hpp"

namespace assistant::travel {

// The state of a document as the citizen's records know it.
enum class DocumentStatus {
  valid,       // issued and in the citizen's hands
  lost,        // reported lost: invalid, never counts
  stolen,      // reported stolen: invalid, never counts
  invalidated, // otherwise declared invalid (e.g. replaced)
};

// One document of the citizen.
struct CitizenDocument {
  DocumentKind kind = DocumentKind::reisepass;
  core::Date expires{}; // last day of validity
  DocumentStatus status = DocumentStatus::valid;
};

// The trip: entry into the destination and, if known, the day of departure
// from it (the return).
struct Trip {
  core::Date entry{};
  std::optional<core::Date> departure;
};

// What the check found for one document.
enum class Finding {
  sufficient,   // accepted and valid long enough
  not_accepted, // the destination does not accept this kind
  not_usable,   // lost, stolen or invalidated
  expired,      // not valid any more on the day of entry
  too_short,    // valid on entry, but not as long as the rule requires
};

// "sufficient", "not_accepted", "not_usable", "expired", "too_short".
std::string_view to_string(Finding finding);

struct DocumentFinding {
  CitizenDocument document;
  Finding finding = Finding::sufficient;
  bool expired_already = false; // expired before today (only for `expired`)
  int months_left = 0;          // whole months from today to expiry (0 if expired)
  int days_short = 0;           // days the document lacks (expired, too_short)
  int months_short = 0;         // the same in months, rounded up
};

struct CheckResult {
  bool sufficient = false;               // at least one finding is `sufficient`
  core::Date required_until{};           // the last day a document must be valid on
  bool validity_confirmed = true;        // false: the rule's minimum validity is not certain,
                                         // the citizen must check it with the Auswärtiges Amt
  bool departure_assumed = false;        // the rule depends on the departure, which was not
                                         // given: checked as if the trip ended on entry day
  std::vector<DocumentFinding> findings; // one per document, in the order given
};

// The last day a document must be valid on for `trip` under `validity`;
// never before the day of departure.
core::Date required_until(const Validity& validity, const Trip& trip);

// Checks every document against the rule. REQUIRES: trip.departure, if
// given, is not before trip.entry.
CheckResult check_documents(const EntryRule& rule, const std::vector<CitizenDocument>& documents,
                            const Trip& trip, core::Date today);

} // namespace assistant::travel
