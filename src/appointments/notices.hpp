// What the appointment system tells the booker by mail (and, for logged-in
// citizens, in the Postfach):
// - the confirmation when an appointment with an e-mail address is booked,
//   written in the booking's own write job: code, date and time in German,
//   the office's address, the link with the secret token to see, cancel or
//   move it, and the .ics link. The token exists only at booking time, so
//   this mail is the one place the booker keeps it;
// - the reminder on the day before (Europe/Berlin), once per appointment
//   (claimed in the database, so several servers send it once), without the
//   token: it repeats the code and points to the confirmation mail's link.
//   Cancelled appointments get none.
// Every link starts with the configured public_url.
#pragma once

#include <string>

#include "appointments/appointments.hpp"
#include "core/city_time.hpp"
#include "inbox/inbox.hpp"
#include "mail/outbox.hpp"

namespace appointments {

// How many reminders one run wrote.
struct NoticeRun {
  core::Date day;   // the day of the appointments reminded of
  int mails = 0;    // reminder mails queued
  int messages = 0; // Postfach messages written
};

class Notices {
public:
  // All references must outlive the object. public_url: "https://stadt.example".
  Notices(store::Database& db, const Calendar& calendar, const mail::Outbox& outbox,
          const inbox::Inbox& inbox, std::string public_url);

  // Queues the confirmation mail of a new booking (nothing without an e-mail
  // address). Call inside the booking's write job (Calendar::set_booked_hook).
  void booked(store::Connection& c, const Appointment& a, const std::string& token) const;

  // Reminds of the booked appointments on the Berlin day after `today`;
  // each appointment once, however often this runs.
  NoticeRun remind(core::Date today) const;

  // The German texts, for tests and the log.
  std::string when_de(const Appointment& a) const;

private:
  std::string where_de(const Appointment& a) const;
  std::string service_title(const Appointment& a) const;

  store::Database& db_;
  const Calendar& calendar_;
  const mail::Outbox& outbox_;
  const inbox::Inbox& inbox_;
  std::string public_url_;
};

} // namespace appointments
