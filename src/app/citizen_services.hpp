// Wiring of the Bürgerkonto's services beyond the account itself: the mail
// outbox and its SMTP sender, the Postfach, the document register and the
// reminders, with the background jobs that run them. serve() creates one
// of these after the accounts; `stadtkern reminders run` uses the same.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "accounts/accounts.hpp"
#include "audit/audit_log.hpp"
#include "core/city_time.hpp"
#include "core/config.hpp"
#include "documents/documents.hpp"
#include "documents/personal_data.hpp"
#include "documents/reminders.hpp"
#include "http/router.hpp"
#include "inbox/inbox.hpp"
#include "inbox/personal_data.hpp"
#include "jobs/scheduler.hpp"
#include "mail/outbox.hpp"
#include "mail/smtp_sender.hpp"

namespace app {

class CitizenServices {
public:
  // Registers the documents and the inbox as holders of personal data with
  // accounts (export, deletion). Throws core::Error{invalid_argument} for a
  // bad reminders/mail setting. All references must outlive the object.
  CitizenServices(const core::Config& config, store::Database& db, const core::Clock& clock,
                  accounts::Accounts& accounts, const audit::AuditLog& audit);
  ~CitizenServices();

  // --demo: Tom's documents, dated relative to today.
  void seed_demo();
  void add_routes(http::Router& router);
  // Another daily job at reminders.time (Europe/Berlin), also run once at
  // start. REQUIRES: before start_jobs().
  void add_daily_job(std::string name, std::function<void()> job);
  // The daily reminders and, with mail.smtp_url, the mail sender.
  void start_jobs();
  void stop_jobs();

  const mail::Outbox& outbox() const { return outbox_; }
  const inbox::Inbox& inbox() const { return inbox_; }
  const documents::Register& document_register() const { return register_; }
  const documents::Reminders& reminders() const { return reminders_; }

private:
  const core::Config& config_;
  const core::Clock& clock_;
  const accounts::Accounts& accounts_;
  mail::Outbox outbox_;
  inbox::Inbox inbox_;
  documents::Register register_;
  documents::Reminders reminders_;
  documents::PersonalData documents_data_{register_};
  inbox::PersonalData inbox_data_{inbox_};
  std::unique_ptr<mail::SmtpSender> sender_;
  jobs::Scheduler scheduler_;
};

// `stadtkern reminders run [--today YYYY-MM-DD]`: sends the reminders due on
// that day (default: today in Europe/Berlin) and prints what it did.
int run_reminders(const core::Config& config, const std::string& today);

} // namespace app
