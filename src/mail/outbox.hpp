// The outbox: e-mails the city sends (verification links, reminders) wait
// here until the sender job delivers them. Modules enqueue inside their own
// write job, so a mail exists exactly when the change that caused it is
// committed. The body of a sent mail is cleared (it may hold a one-time
// token); a failed delivery is retried with growing pauses.
//
// Thread-safe: every method may be called from any thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "store/database.hpp"

namespace mail {

// An e-mail to one recipient (plain text, UTF-8).
struct Mail {
  std::string recipient;
  std::string subject;
  std::string body;
};

// A mail waiting for delivery.
struct Pending {
  std::string id;
  Mail mail;
  int attempts = 0; // failed deliveries so far
};

// Deliveries are given up after this many failures.
inline constexpr int kMaxAttempts = 8;

// How long a claimed mail stays with its sender before another may try it.
inline constexpr std::chrono::seconds kClaimLease{300};

// The pause after the n-th failure (1-based): 1, 2, 4, … minutes, at most 6 hours.
std::chrono::seconds retry_backoff(int failures);

class Outbox {
public:
  // db and clock must outlive the object.
  Outbox(store::Database& db, const core::Clock& clock) : db_(db), clock_(clock) {}

  // The table mail_outbox (created as 0202_mail_outbox by the accounts
  // module before the outbox had a module of its own) and its delivery state.
  static std::vector<store::Migration> migrations();

  // Queues a mail inside the caller's running write job.
  void enqueue(store::Connection& c, const Mail& mail) const;

  // Deletes every queued or sent mail to this address (exact match), inside
  // the caller's running write job (account deletion).
  void erase_mails_to(store::Connection& c, const std::string& recipient) const;

  // Mails due for delivery now (unsent, not given up, pause over), oldest first.
  std::vector<Pending> pending(int limit) const;
  // Claims the mails due now for one delivery attempt (at most `limit`):
  // they are not due again for kClaimLease, so a second process running the
  // sender at the same time does not send them too.
  std::vector<Pending> claim_due(int limit) const;
  // Mails not yet sent, including those waiting for a retry (for the log).
  std::int64_t queued_count() const;

  // Delivered: records the time and clears the body.
  void mark_sent(const std::string& id) const;
  // Delivery failed: counts it and schedules the next attempt after
  // retry_backoff(); after kMaxAttempts the mail is given up (body cleared).
  void mark_failed(const std::string& id, const std::string& error) const;

private:
  store::Database& db_;
  const core::Clock& clock_;
};

} // namespace mail
