// The identity documents of the register: what a document is, which states
// it can be in, and the rules that need no database (masking, status on a
// given day, input checks).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/city_time.hpp"

namespace documents {

// The kinds of documents the Bürgeramt (and the Führerscheinstelle) issues.
enum class Kind {
  personalausweis,
  reisepass,
  kinderreisepass,
  vorlaeufiger_personalausweis,
  vorlaeufiger_reisepass,
  fuehrerschein,
};

// Machine name in the API and the CSV ("reisepass", "vorlaeufiger_personalausweis").
std::string_view to_string(Kind kind);
// German label for people ("Reisepass", "vorläufiger Personalausweis").
std::string_view label(Kind kind);
// Accepts the machine name or the German label, ignoring case.
std::optional<Kind> kind_from_string(std::string_view text);
// Every kind in declaration order.
const std::vector<Kind>& all_kinds();
// True when documents of this kind must carry an expiry date (all but the Führerschein).
bool expiry_required(Kind kind);

// What is stored about a document's state. Expiry is not stored: it follows
// from the expiry date and the day (see status_on).
enum class StoredState { valid, lost, stolen };
std::string_view to_string(StoredState state);
std::optional<StoredState> state_from_string(std::string_view text);

// What a person is shown: gültig, abgelaufen, verloren, gestohlen.
enum class Status { gueltig, abgelaufen, verloren, gestohlen };
std::string_view to_string(Status status);

// One document of the register.
struct Document {
  std::string id;       // core::random_id()
  std::string owner_id; // the user id of the holder
  Kind kind = Kind::personalausweis;
  std::string number;                    // as issued ("C01X00T47K")
  core::Date issue_date;                 // Berlin calendar date
  std::optional<core::Date> expiry_date; // none for a Führerschein without one
  std::string authority;                 // "Stadt Musterstadt, Bürgeramt"
  StoredState state = StoredState::valid;
  std::string created_at; // ISO 8601 UTC
  std::string updated_at; // ISO 8601 UTC
};

// The status on a Berlin calendar day: lost and stolen win; otherwise
// abgelaufen from the day after the expiry date on, gültig before.
Status status_on(const Document& document, core::Date today);

// The number as a citizen sees it: the first 4 and the last 2 characters,
// the rest as '•' ("C01X••••7K"); numbers of 6 characters or fewer show
// only their last character. Counts characters (UTF-8), not bytes.
std::string mask_number(std::string_view number);

// Input rules of a document number: 5–20 characters, letters A–Z and digits
// only (upper case). Returns the problem in German, or "" when it is fine.
std::string check_number(std::string_view number);
// The authority: 1–200 characters, no control characters, valid UTF-8.
std::string check_authority(std::string_view authority);

} // namespace documents
