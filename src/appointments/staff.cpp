// The offices' side: day and week views, marking appointments, blocked times.
#include "appointments/appointments.hpp"

#include <algorithm>

#include "appointments/appointments_store.hpp"
#include "core/error.hpp"
#include "core/ids.hpp"

namespace appointments {
namespace {

using namespace std::chrono;

// [from 00:00, to 00:00) in Berlin as UTC.
Interval days_span(core::Day from, core::Day to) {
  return {*core::berlin_instant(from, minutes{0}), *core::berlin_instant(to, minutes{0})};
}

} // namespace

void Calendar::staff_office(const std::string& office_id, const http::Identity& staff) const {
  const auto snap = catalog_.snapshot();
  const catalog::Office* office = snap->office(office_id);
  if (!office) throw core::Error(core::ErrorKind::not_found, "Diesen Standort gibt es nicht.");
  const bool allowed = staff.role == http::Role::admin ||
                       (staff.role == http::Role::staff && !staff.department.empty() &&
                        staff.department == office->department);
  if (!allowed)
    throw core::Error(core::ErrorKind::forbidden,
                      "Nur Beschäftigte der zuständigen Stelle sehen diesen Kalender.");
}

std::vector<Appointment> Calendar::of_office(const std::string& office_id, core::Day from,
                                             core::Day to, const http::Identity& staff) {
  staff_office(office_id, staff);
  const Interval span = days_span(from, to);
  return db_.write([&](store::Connection& c) {
    auto list = tables::appointments_of_office(c, office_id, span);
    for (const Appointment& a : list)
      if (!a.name.empty()) audit(c, staff, a, "appointments.read");
    return list;
  });
}

std::vector<Block> Calendar::blocks_of(const std::string& office_id, core::Day from, core::Day to,
                                       const http::Identity& staff) const {
  staff_office(office_id, staff);
  const Interval span = days_span(from, to);
  return db_.read([&](store::Connection& c) { return tables::blocks(c, office_id, span); });
}

Appointment Calendar::mark(const std::string& office_id, const std::string& typed_code,
                           Status status, const http::Identity& staff) {
  staff_office(office_id, staff);
  if (status == Status::cancelled)
    throw core::Error(core::ErrorKind::invalid_argument,
                      "Absagen geht über DELETE /api/appointments/{code}.");
  const std::string code = normalise_code(typed_code);
  if (code.empty()) throw core::Error(core::ErrorKind::not_found, "Diesen Termin gibt es nicht.");
  return db_.write([&](store::Connection& c) {
    auto a = tables::appointment_by_code(c, code);
    if (!a || a->office_id != office_id)
      throw core::Error(core::ErrorKind::not_found, "Diesen Termin gibt es nicht.");
    if (a->status == Status::cancelled)
      throw core::Error(core::ErrorKind::conflict, "Dieser Termin ist abgesagt.");
    tables::set_status(c, a->id, status);
    audit(c, staff, *a, "appointments.mark");
    a->status = status;
    return *a;
  });
}

Appointment Calendar::walk_in(const std::string& office_id, const std::string& service_id,
                              std::string name, const http::Identity& staff) {
  staff_office(office_id, staff);
  const auto snap = catalog_.snapshot();
  const catalog::Service* service = snap->service(service_id);
  if (!service) throw core::Error(core::ErrorKind::not_found, "Diese Leistung gibt es nicht.");
  if (!service->appointment_minutes || std::find(service->offices.begin(), service->offices.end(),
                                                 office_id) == service->offices.end())
    throw core::Error(core::ErrorKind::invalid_argument,
                      "Dieser Standort bietet die Leistung nicht mit Termin an.");
  if (name.size() > 200)
    throw core::Error(core::ErrorKind::invalid_argument, "'name' is longer than 200 bytes.");
  const auto start = floor<minutes>(clock_.now());
  Appointment a;
  a.id = core::random_id();
  a.token_hash = core::random_id(32); // no token is handed out: nobody can match it
  a.office_id = office_id;
  a.service_id = service_id;
  a.time = {start, start + minutes(*service->appointment_minutes)};
  a.name = std::move(name);
  a.status = Status::arrived;
  a.created_at = core::format_utc(clock_.now());
  db_.write([&](store::Connection& c) {
    do {
      a.code = new_confirmation_code();
    } while (tables::code_exists(c, a.code));
    tables::insert_appointment(c, a);
  });
  return a;
}

Block Calendar::add_block(const std::string& office_id, Interval time, std::string reason,
                          const http::Identity& staff) {
  staff_office(office_id, staff);
  if (time.end <= time.start)
    throw core::Error(core::ErrorKind::invalid_argument, "'end' must lie after 'start'.");
  if (time.end - time.start > days(31))
    throw core::Error(core::ErrorKind::invalid_argument, "A block may last at most 31 days.");
  if (reason.size() > 500)
    throw core::Error(core::ErrorKind::invalid_argument, "'reason' is longer than 500 bytes.");
  Block b{core::random_id(), office_id, time, std::move(reason), staff.user_id};
  const std::string now = core::format_utc(clock_.now());
  db_.write([&](store::Connection& c) { tables::insert_block(c, b, now); });
  return b;
}

void Calendar::remove_block(const std::string& office_id, const std::string& block_id,
                            const http::Identity& staff) {
  staff_office(office_id, staff);
  const bool deleted =
      db_.write([&](store::Connection& c) { return tables::delete_block(c, office_id, block_id); });
  if (!deleted) throw core::Error(core::ErrorKind::not_found, "Diese Sperrzeit gibt es nicht.");
}

} // namespace appointments
