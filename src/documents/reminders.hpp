// Proactive reminders: "Hallo Tom! Dein Reisepass läuft in 4 Monaten ab …"
// Once a day the job looks for valid documents that expire within one of
// the configured windows (default 180 and 30 days) and posts a message into
// the holder's Postfach with a one-click appointment offer for the right
// service, plus a mail when the holder's e-mail address is verified.
//
// Exactly once per document, window and expiry date: a unique constraint
// records each reminder in the same transaction as the message, so a second
// run, or a second process running the job at the same time, sends nothing
// again; a renewed document (a new expiry date) starts fresh.
//
// Thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "accounts/accounts.hpp"
#include "core/city_time.hpp"
#include "documents/model.hpp"
#include "inbox/inbox.hpp"
#include "mail/outbox.hpp"
#include "store/database.hpp"

namespace documents {

// "180,30" -> {180, 30}: 1..3650 days each, no duplicates; sorted
// descending. core::Error{invalid_argument} otherwise.
std::vector<int> parse_windows(std::string_view text);

// The catalogue service that renews a kind ("reisepass-beantragen").
std::string_view renewal_service(Kind kind);

// "in 4 Monaten", "in einem Monat", "in 12 Tagen", "morgen", "heute".
std::string time_until(core::Date today, core::Date expiry);

// What one run did.
struct ReminderRun {
  core::Date today;
  int documents = 0; // documents inside a window
  int messages = 0;  // inbox messages written (new reminders)
  int mails = 0;     // mails queued
};

class Reminders {
public:
  // All references must outlive the object. windows: see parse_windows.
  // public_url (config public_url, "https://stadt.example") starts the booking
  // link in the mails; the Postfach's offer stays a path inside the web app.
  Reminders(store::Database& db, const core::Clock& clock, const accounts::Accounts& accounts,
            const inbox::Inbox& inbox, const mail::Outbox& outbox, std::vector<int> windows,
            std::string public_url);

  // Sends the reminders due on `today` (a Berlin calendar date).
  ReminderRun run(core::Date today) const;
  // The same for today in Europe/Berlin by the clock.
  ReminderRun run_today() const { return run(core::berlin_date(clock_.now())); }

private:
  store::Database& db_;
  const core::Clock& clock_;
  const accounts::Accounts& accounts_;
  const inbox::Inbox& inbox_;
  const mail::Outbox& outbox_;
  std::vector<int> windows_; // descending
  std::string public_url_;
};

} // namespace documents
