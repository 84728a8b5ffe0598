// Bookings: holds, book, get, cancel, reschedule, and the caller's access.
#include "appointments/appointments.hpp"

#include <sodium.h>

#include <algorithm>
#include <cctype>

#include "appointments/appointments_store.hpp"
#include "core/error.hpp"
#include "core/ids.hpp"

namespace appointments {
namespace {

using namespace std::chrono;

constexpr std::string_view kCodeAlphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

[[noreturn]] void bad(const std::string& detail) {
  throw core::Error(core::ErrorKind::invalid_argument, detail);
}

[[noreturn]] void no_such_appointment() {
  throw core::Error(core::ErrorKind::not_found, "Diesen Termin gibt es nicht.");
}

std::string hash_token(std::string_view token) {
  unsigned char digest[32];
  crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(token.data()),
                     token.size(), nullptr, 0);
  char hex[sizeof digest * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

bool token_matches(std::string_view token, const std::string& stored_hash) {
  if (token.empty() || token.size() > 200) return false;
  const std::string h = hash_token(token);
  return h.size() == stored_hash.size() &&
         sodium_memcmp(h.data(), stored_hash.data(), h.size()) == 0;
}

bool has_control_chars(std::string_view s) {
  return std::any_of(s.begin(), s.end(),
                     [](char ch) { return static_cast<unsigned char>(ch) < 0x20 || ch == 0x7f; });
}

void check_contact(const std::string& name, const std::string& email, bool email_required) {
  if (name.empty() || name.size() > 200 || has_control_chars(name))
    bad("Bitte geben Sie Ihren Namen an (höchstens 200 Zeichen).");
  if (email.empty() && !email_required) return;
  const auto at = email.find('@');
  if (email.size() > 254 || at == std::string::npos || at == 0 ||
      email.find('.', at) == std::string::npos || email.back() == '.' ||
      email.find_first_of(" \t\r\n<>,;\"") != std::string::npos || has_control_chars(email))
    bad("Bitte geben Sie eine gültige E-Mail-Adresse an.");
}

} // namespace

std::string new_confirmation_code() {
  std::string code;
  for (int i = 0; i < 8; ++i) {
    if (i == 4) code += '-';
    code += kCodeAlphabet[randombytes_uniform(static_cast<std::uint32_t>(kCodeAlphabet.size()))];
  }
  return code;
}

std::string normalise_code(std::string_view typed) {
  std::string plain;
  for (char ch : typed) {
    if (ch == '-' || ch == ' ') continue;
    const char up = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    if (kCodeAlphabet.find(up) == std::string_view::npos) return {};
    plain += up;
  }
  if (plain.size() != 8) return {};
  return plain.substr(0, 4) + "-" + plain.substr(4);
}

Calendar::Calendar(store::Database& db, const catalog::Catalog& catalog, const core::Clock& clock,
                   Settings settings)
    : db_(db), catalog_(catalog), clock_(clock), settings_(settings) {}

std::vector<store::Migration> Calendar::migrations() { return tables::migrations(); }

Calendar::Checked Calendar::check_slot(const catalog::Snapshot& snap, const std::string& service_id,
                                       const std::string& office_id, core::TimePoint start) const {
  const catalog::Service* service = snap.service(service_id);
  if (!service) throw core::Error(core::ErrorKind::not_found, "Diese Leistung gibt es nicht.");
  if (!service->appointment_minutes || *service->appointment_minutes <= 0)
    bad("Für diese Leistung kann man keinen Termin buchen.");
  const catalog::Office* office = snap.office(office_id);
  if (!office) throw core::Error(core::ErrorKind::not_found, "Diesen Standort gibt es nicht.");
  if (std::find(service->offices.begin(), service->offices.end(), office_id) ==
      service->offices.end())
    bad("Dieser Standort bietet die Leistung nicht an.");
  const minutes duration(*service->appointment_minutes);
  const Interval time{start, start + duration};
  const auto now = clock_.now();
  if (start <= now) bad("Dieser Termin liegt in der Vergangenheit.");
  if (start > now + settings_.booking_horizon)
    bad("Termine können höchstens " + std::to_string(settings_.booking_horizon.count()) +
        " Tage im Voraus gebucht werden.");
  const DayHours hours = opening_hours(*office, core::berlin_date(start));
  if (hours.windows.empty())
    bad("An diesem Tag ist der Standort geschlossen (" + hours.closed_reason + ").");
  const bool inside = std::any_of(hours.windows.begin(), hours.windows.end(), [&](const auto& w) {
    return w.start <= time.start && time.end <= w.end;
  });
  if (!inside) bad("Diese Zeit liegt außerhalb der Öffnungszeiten.");
  if (!on_grid(hours.windows, duration, start))
    bad("Termine für diese Leistung beginnen nur im " + std::to_string(duration.count()) +
        "-Minuten-Raster ab Öffnung.");
  return {service, office, time};
}

bool Calendar::fits(store::Connection& c, const Checked& slot, core::TimePoint now,
                    const std::string& except_appointment) const {
  if (!tables::blocks(c, slot.office->id, slot.time).empty()) return false;
  const auto busy = tables::busy(c, slot.office->id, slot.time, now, except_appointment);
  return max_overlap(busy, slot.time) < slot.office->counters;
}

Outcome Calendar::hold(const std::string& service_id, const std::string& office_id,
                       core::TimePoint start, const std::string& client) {
  const auto snap = catalog_.snapshot();
  const Checked slot = check_slot(*snap, service_id, office_id, start);
  const auto now = clock_.now();
  Outcome out;
  out.hold = {core::random_id(),
              office_id,
              service_id,
              slot.time,
              now + settings_.hold_ttl,
              hash_token("hold-client:" + client)};
  out.status = db_.write([&](store::Connection& c) {
    tables::delete_expired_holds(c, now);
    if (tables::count_holds_of(c, out.hold.client, now) >= settings_.holds_per_client)
      return Outcome::Status::too_many_holds;
    if (!fits(c, slot, now)) return Outcome::Status::taken;
    tables::insert_hold(c, out.hold);
    return Outcome::Status::ok;
  });
  return out;
}

Outcome Calendar::book(const BookingInput& in) {
  const bool citizen = in.identity && in.identity->role == http::Role::citizen;
  std::string name = in.name;
  if (name.empty() && citizen) name = in.identity->display_name;
  check_contact(name, in.email, !citizen);
  if (in.hold_id.empty() && (in.service_id.empty() || in.office_id.empty() || !in.start))
    bad("Bitte geben Sie eine Reservierung (hold) oder Leistung, Standort und Beginn an.");
  const auto snap = catalog_.snapshot();
  const auto now = clock_.now();
  std::optional<Checked> direct;
  if (in.hold_id.empty()) direct = check_slot(*snap, in.service_id, in.office_id, *in.start);

  Outcome out;
  out.token = core::random_id(32);
  Appointment& a = out.appointment;
  a.id = core::random_id();
  a.token_hash = hash_token(out.token);
  a.user_id = citizen ? in.identity->user_id : "";
  a.name = name;
  a.email = in.email;
  a.created_at = core::format_utc(now);
  out.status = db_.write([&](store::Connection& c) {
    Checked slot{};
    if (direct) {
      slot = *direct;
    } else {
      const auto hold = tables::take_hold(c, in.hold_id, now);
      if (!hold) return Outcome::Status::hold_expired;
      if ((!in.service_id.empty() && in.service_id != hold->service_id) ||
          (!in.office_id.empty() && in.office_id != hold->office_id) ||
          (in.start && *in.start != hold->time.start))
        bad("Die Reservierung gilt für einen anderen Termin.");
      slot = check_slot(*snap, hold->service_id, hold->office_id, hold->time.start);
    }
    if (!fits(c, slot, now)) return Outcome::Status::taken;
    a.office_id = slot.office->id;
    a.service_id = slot.service->id;
    a.time = slot.time;
    do {
      a.code = new_confirmation_code();
    } while (tables::code_exists(c, a.code));
    tables::insert_appointment(c, a);
    if (booked_) booked_(c, a, out.token);
    return Outcome::Status::ok;
  });
  if (out.status != Outcome::Status::ok) out.token.clear();
  return out;
}

int Calendar::access(const Appointment& a, const Caller& caller) const {
  if (token_matches(caller.token, a.token_hash)) return 1;
  const http::Identity* who = caller.identity;
  if (!who) return 0;
  if (!a.user_id.empty() && who->user_id == a.user_id) return 1;
  if (who->role == http::Role::admin) return 2;
  if (who->role == http::Role::staff) {
    const auto snap = catalog_.snapshot();
    const catalog::Office* office = snap->office(a.office_id);
    if (office && !who->department.empty() && office->department == who->department) return 2;
  }
  return 0;
}

void Calendar::audit(store::Connection& c, const http::Identity& actor, const Appointment& a,
                     std::string_view action) const {
  if (audit_) audit_(c, actor, a.user_id, action, "appointment " + a.code);
}

Appointment Calendar::get(const std::string& typed_code, const Caller& caller) {
  const std::string code = normalise_code(typed_code);
  if (code.empty()) no_such_appointment();
  auto a = db_.read([&](store::Connection& c) { return tables::appointment_by_code(c, code); });
  if (!a) no_such_appointment();
  const int level = access(*a, caller);
  if (level == 0) no_such_appointment();
  if (level == 2)
    db_.write([&](store::Connection& c) { audit(c, *caller.identity, *a, "appointments.read"); });
  return *a;
}

Appointment Calendar::cancel(const std::string& typed_code, const Caller& caller) {
  const std::string code = normalise_code(typed_code);
  if (code.empty()) no_such_appointment();
  const auto now = clock_.now();
  return db_.write([&](store::Connection& c) {
    auto a = tables::appointment_by_code(c, code);
    if (!a) no_such_appointment();
    const int level = access(*a, caller);
    if (level == 0) no_such_appointment();
    if (a->status == Status::cancelled) return *a;
    if (a->status != Status::booked || a->time.start <= now)
      throw core::Error(core::ErrorKind::conflict,
                        "Dieser Termin liegt in der Vergangenheit und kann nicht mehr abgesagt "
                        "werden.");
    tables::set_status(c, a->id, Status::cancelled);
    if (level == 2) audit(c, *caller.identity, *a, "appointments.cancel");
    a->status = Status::cancelled;
    return *a;
  });
}

Outcome Calendar::reschedule(const std::string& typed_code, const Caller& caller,
                             core::TimePoint start) {
  const std::string code = normalise_code(typed_code);
  if (code.empty()) no_such_appointment();
  const auto snap = catalog_.snapshot();
  const auto now = clock_.now();
  Outcome out;
  out.status = db_.write([&](store::Connection& c) {
    auto a = tables::appointment_by_code(c, code);
    if (!a) no_such_appointment();
    const int level = access(*a, caller);
    if (level == 0) no_such_appointment();
    if (a->status != Status::booked || a->time.start <= now)
      throw core::Error(core::ErrorKind::conflict,
                        "Nur künftige, gebuchte Termine können verschoben werden.");
    const Checked slot = check_slot(*snap, a->service_id, a->office_id, start);
    if (!fits(c, slot, now, a->id)) return Outcome::Status::taken;
    tables::set_time(c, a->id, slot.time);
    if (level == 2) audit(c, *caller.identity, *a, "appointments.reschedule");
    a->time = slot.time;
    out.appointment = *a;
    return Outcome::Status::ok;
  });
  return out;
}

std::vector<Appointment> Calendar::of_user(const std::string& user_id) const {
  return db_.read([&](store::Connection& c) { return tables::appointments_of_user(c, user_id); });
}

std::vector<Appointment> Calendar::of_user(store::Connection& c, const std::string& user_id) const {
  return tables::appointments_of_user(c, user_id);
}

void Calendar::erase_user(store::Connection& c, const std::string& user_id,
                          core::TimePoint now) const {
  tables::erase_user(c, user_id, now);
}

} // namespace appointments
