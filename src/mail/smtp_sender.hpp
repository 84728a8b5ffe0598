// Delivery of the outbox by SMTP (libcurl). The sender job claims the mails
// that are due, sends each as a plain-text UTF-8 message and marks it sent
// (body cleared) or failed (retried later with backoff).
#pragma once

#include <memory>
#include <string>

#include "mail/outbox.hpp"

namespace mail {

// Where and how to deliver.
struct SmtpSettings {
  std::string url;  // "smtp://mail.example.org:587" (STARTTLS when offered), "smtps://…:465"
  std::string from; // envelope and header sender: "buergerkonto@musterstadt.de"
  std::string user; // optional AUTH
  std::string password;
  // smtp://: STARTTLS is required (true) or used when offered (false).
  bool require_tls = true;
};

// The message as sent (RFC 5322 headers, base64 body). CR and LF are
// removed from header values, so no input can add a header.
std::string format_message(const SmtpSettings& settings, const Mail& mail, core::TimePoint now,
                           const std::string& message_id);

// Sends mails by SMTP. Thread-safe; one transfer at a time per object.
class SmtpSender {
public:
  // REQUIRES: settings.url and settings.from are not empty.
  SmtpSender(SmtpSettings settings, const Outbox& outbox, const core::Clock& clock);
  ~SmtpSender();

  // Sends the mails due now (at most `limit`); returns how many were sent.
  int deliver_due(int limit = 50);

private:
  // Empty string on success, else the error.
  std::string send(const Mail& mail);

  SmtpSettings settings_;
  const Outbox& outbox_;
  const core::Clock& clock_;
};

} // namespace mail
