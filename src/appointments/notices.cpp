#include "appointments/notices.hpp"

#include "appointments/appointments_store.hpp"

namespace appointments {
namespace {

using namespace std::chrono;

constexpr const char* kWeekdays[] = {"Montag",  "Dienstag", "Mittwoch", "Donnerstag",
                                     "Freitag", "Samstag",  "Sonntag"};

std::string two_digits(int n) { return std::string(1, char('0' + n / 10)) + char('0' + n % 10); }

} // namespace

Notices::Notices(store::Database& db, const Calendar& calendar, const mail::Outbox& outbox,
                 const inbox::Inbox& inbox, std::string public_url)
    : db_(db), calendar_(calendar), outbox_(outbox), inbox_(inbox),
      public_url_(std::move(public_url)) {}

std::string Notices::when_de(const Appointment& a) const {
  const core::Date day = core::berlin_date(a.time.start);
  const int minute = core::berlin_minute_of_day(a.time.start);
  return std::string(kWeekdays[core::weekday_index(day)]) + ", " + core::format_date_de(day) +
         ", " + two_digits(minute / 60) + ":" + two_digits(minute % 60) + " Uhr";
}

std::string Notices::where_de(const Appointment& a) const {
  const auto snap = calendar_.snapshot();
  const catalog::Office* o = snap->office(a.office_id);
  if (!o) return a.office_id;
  std::string text = o->name;
  if (!o->street.empty()) text += ", " + o->street;
  if (!o->postal_code.empty() || !o->city.empty()) text += ", " + o->postal_code + " " + o->city;
  return text;
}

std::string Notices::service_title(const Appointment& a) const {
  const auto snap = calendar_.snapshot();
  const catalog::Service* s = snap->service(a.service_id);
  return s ? s->title : a.service_id;
}

void Notices::booked(store::Connection& c, const Appointment& a, const std::string& token) const {
  if (a.email.empty()) return;
  // The page shows, cancels and moves the appointment; the calendar file comes from the API.
  const std::string page = public_url_ + "/termine/" + a.code + "?token=" + token;
  const std::string ics = public_url_ + "/api/appointments/" + a.code + ".ics?token=" + token;
  outbox_.enqueue(c, {a.email, "Stadtkern: Ihr Termin am " + when_de(a) + " (" + a.code + ")",
                      "Guten Tag " + a.name +
                          ",\n\n"
                          "Ihr Termin ist gebucht.\n\n"
                          "Leistung: " +
                          service_title(a) + "\nWann: " + when_de(a) + "\nWo: " + where_de(a) +
                          "\nBestätigungscode: " + a.code +
                          "\n\n"
                          "Termin ansehen, absagen oder verschieben:\n  " +
                          page +
                          "\n"
                          "In den Kalender übernehmen (.ics):\n  " +
                          ics +
                          "\n\n"
                          "Bitte bewahren Sie diese E-Mail auf: Nur mit diesem Link können Sie "
                          "den Termin ändern oder absagen.\n\n"
                          "Ihre Stadtverwaltung\n"});
}

NoticeRun Notices::remind(core::Date today) const {
  NoticeRun run;
  run.day = core::add_days(today, 1);
  const auto from = core::berlin_instant_lenient(run.day, minutes{0});
  const auto to = core::berlin_instant_lenient(core::add_days(run.day, 1), minutes{0});
  const std::string now = core::format_utc(calendar_.now());
  const auto due = db_.read([&](store::Connection& c) {
    return tables::booked_starting(c, Interval{from, to});
  });
  for (const Appointment& a : due) {
    db_.write([&](store::Connection& c) {
      if (!tables::claim_reminder(c, a.id, now)) return; // another run sent it
      const std::string text =
          "Sie haben morgen einen Termin.\n\n"
          "Leistung: " +
          service_title(a) + "\nWann: " + when_de(a) + "\nWo: " + where_de(a) +
          "\nBestätigungscode: " + a.code +
          "\n\nWenn Sie nicht kommen können, sagen Sie den Termin bitte ab oder verschieben "
          "Sie ihn – mit dem Link aus Ihrer Buchungsbestätigung.";
      if (!a.email.empty()) {
        outbox_.enqueue(c,
                        {a.email, "Stadtkern: Erinnerung an Ihren Termin morgen (" + a.code + ")",
                         "Guten Tag " + a.name + ",\n\n" + text + "\n\nIhre Stadtverwaltung\n"});
        ++run.mails;
      }
      if (!a.user_id.empty()) {
        inbox_.post(c, a.user_id,
                    {"Ihr Termin morgen: " + when_de(a), text,
                     inbox::Action{"Meine Termine ansehen", "/konto/termine"}});
        ++run.messages;
      }
    });
  }
  return run;
}

} // namespace appointments
