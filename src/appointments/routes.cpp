#include "appointments/routes.hpp"

#include "appointments/ics.hpp"
#include "appointments/openapi.hpp"
#include "core/city_time.hpp"
#include "core/error.hpp"
#include "core/json.hpp"
#include "http/params.hpp"
#include "http/problem.hpp"

namespace appointments {
namespace {

namespace json = boost::json;
using http::Method;
using http::personal;
using http::Request;
using http::Response;
using namespace std::chrono;

core::TimePoint instant(const std::string& text, const char* name) {
  auto t = core::parse_iso_instant(text);
  if (!t)
    http::bad_request(std::string("'") + name +
                      "' must be an ISO 8601 time with offset, e.g. 2026-11-26T09:00:00+01:00.");
  return *t;
}

// A date (Berlin midnight; `end_of_day` = the next midnight) or an instant.
std::optional<core::TimePoint> range_param(const Request& r, const char* name, bool end_of_day) {
  auto text = r.query_param(name);
  if (!text || text->empty()) return std::nullopt;
  if (auto day = core::parse_date(*text, core::kInstantYears))
    return core::berlin_instant(core::add_days(*day, end_of_day ? 1 : 0), minutes{0});
  return instant(*text, name);
}

std::string text_member(const json::object& o, const char* name) {
  return core::json::optional_string(o, name).value_or("");
}

json::object appointment_json(const Calendar& calendar, const Appointment& a) {
  const auto snap = calendar.snapshot();
  const catalog::Service* s = snap->service(a.service_id);
  const catalog::Office* o = snap->office(a.office_id);
  json::object office{{"id", a.office_id}};
  if (o) {
    office["name"] = o->name;
    office["address"] = o->street + ", " + o->postal_code + " " + o->city;
  }
  return {{"code", a.code},
          {"status", to_string(a.status)},
          {"service", {{"id", a.service_id}, {"title", s ? s->title : ""}}},
          {"office", std::move(office)},
          {"start", core::format_iso_berlin(a.time.start)},
          {"end", core::format_iso_berlin(a.time.end)},
          {"name", a.name},
          {"email", a.email},
          {"with_account", !a.user_id.empty()},
          {"created_at", a.created_at}};
}

Response taken(const Request& r, const std::string& detail) {
  return http::problem(409, "/problems/slot-taken", detail, r.path);
}

Caller caller_of(const Request& r) {
  return {r.query_param("token").value_or(""), r.identity ? &*r.identity : nullptr};
}

Response slots(const Calendar& calendar, const Request& r) {
  SlotQuery q;
  q.service_id = r.query_param("service").value_or("");
  if (q.service_id.empty()) http::bad_request("'service' is required.");
  q.office_id = r.query_param("office").value_or("");
  q.from = range_param(r, "from", false);
  q.to = range_param(r, "to", true);
  if (auto limit = http::whole_number_param(r, "limit", 0, INT64_MAX))
    q.limit = static_cast<std::size_t>(*limit);
  const auto found = calendar.free_slots(q);
  const auto snap = calendar.snapshot();
  json::array items;
  for (const Slot& s : found) {
    const catalog::Office* o = snap->office(s.office_id);
    items.push_back({{"office", s.office_id},
                     {"office_name", o ? o->name : ""},
                     {"start", core::format_iso_berlin(s.time.start)},
                     {"end", core::format_iso_berlin(s.time.end)},
                     {"free", s.free}});
  }
  const catalog::Service* service = snap->service(q.service_id);
  return Response::json(core::json::dump(
      json::object{{"service", q.service_id},
                   {"duration_minutes", service ? service->appointment_minutes.value_or(0) : 0},
                   {"items", std::move(items)}}));
}

Response hold(Calendar& calendar, const Request& r) {
  const json::object body = core::json::parse_object(r.body);
  const Outcome out = calendar.hold(
      core::json::required_string(body, "service"), core::json::required_string(body, "office"),
      instant(core::json::required_string(body, "start"), "start"), r.remote_address);
  if (out.status == Outcome::Status::too_many_holds) {
    Response resp = http::problem(
        429, "/problems/too-many-holds",
        "Sie haben schon mehrere Termine reserviert. Bitte buchen Sie einen davon oder warten "
        "Sie einige Minuten.",
        r.path);
    resp.headers.add("Retry-After", std::to_string(calendar.settings().hold_ttl.count() * 60));
    return resp;
  }
  if (out.status != Outcome::Status::ok)
    return taken(r, "Dieser Termin ist leider schon vergeben.");
  return Response::json(
      core::json::dump(json::object{{"hold", out.hold.id},
                                    {"service", out.hold.service_id},
                                    {"office", out.hold.office_id},
                                    {"start", core::format_iso_berlin(out.hold.time.start)},
                                    {"end", core::format_iso_berlin(out.hold.time.end)},
                                    {"expires_at", core::format_iso_berlin(out.hold.expires_at)}}),
      201);
}

json::object links(const Appointment& a, const std::string& token) {
  const std::string base = "/api/appointments/" + a.code;
  return {{"self", base + "?token=" + token},
          {"ics", base + ".ics?token=" + token},
          {"cancel", base + "/cancel?token=" + token},
          {"reschedule", base + "/reschedule?token=" + token}};
}

Response book(Calendar& calendar, const Request& r) {
  const json::object body = core::json::parse_object(r.body);
  BookingInput in;
  in.hold_id = text_member(body, "hold");
  in.service_id = text_member(body, "service");
  in.office_id = text_member(body, "office");
  if (auto start = core::json::optional_string(body, "start")) in.start = instant(*start, "start");
  in.name = text_member(body, "name");
  in.email = text_member(body, "email");
  in.identity = r.identity ? &*r.identity : nullptr;
  const Outcome out = calendar.book(in);
  if (out.status == Outcome::Status::hold_expired)
    return http::problem(409, "/problems/hold-expired",
                         "Die Reservierung ist abgelaufen. Bitte wählen Sie den Termin erneut.",
                         r.path);
  if (out.status == Outcome::Status::taken)
    return taken(r, "Dieser Termin ist leider schon vergeben.");
  Response resp = Response::json(
      core::json::dump(json::object{{"code", out.appointment.code},
                                    {"token", out.token},
                                    {"appointment", appointment_json(calendar, out.appointment)},
                                    {"links", links(out.appointment, out.token)}}),
      201);
  resp.headers.add("Location", "/api/appointments/" + out.appointment.code);
  return resp;
}

Response get(Calendar& calendar, const Request& r) {
  std::string code = r.param("code");
  const bool ics = code.size() > 4 && code.ends_with(".ics");
  if (ics) code.resize(code.size() - 4);
  const Appointment a = calendar.get(code, caller_of(r));
  if (!ics) return Response::json(core::json::dump(appointment_json(calendar, a)));
  const auto snap = calendar.snapshot();
  Response resp = Response::text(
      to_ics(a, snap->service(a.service_id), snap->office(a.office_id), calendar.now()),
      "text/calendar; charset=utf-8");
  resp.headers.add("Content-Disposition", "attachment; filename=\"termin-" + a.code + ".ics\"");
  return resp;
}

Response reschedule(Calendar& calendar, const Request& r) {
  const json::object body = core::json::parse_object(r.body);
  const Outcome out = calendar.reschedule(
      r.param("code"), caller_of(r), instant(core::json::required_string(body, "start"), "start"));
  if (out.status != Outcome::Status::ok)
    return taken(r, "Der neue Termin ist leider schon vergeben; der alte bleibt bestehen.");
  return Response::json(core::json::dump(appointment_json(calendar, out.appointment)));
}

Response office_view(Calendar& calendar, const Request& r) {
  const http::Identity& who = http::require_role(r, {http::Role::staff, http::Role::admin});
  std::optional<core::Day> from;
  int length = 1;
  if (auto date = r.query_param("date"); date && !date->empty()) {
    from = core::parse_date(*date, core::kInstantYears);
    if (!from) http::bad_request("'date' must be a date such as 2026-11-26.");
  } else if (auto week = r.query_param("week"); week && !week->empty()) {
    from = core::parse_iso_week(*week);
    if (!from) http::bad_request("'week' must be an ISO week such as 2026-W48.");
    length = 7;
  } else {
    http::bad_request("Give 'date' (2026-11-26) or 'week' (2026-W48).");
  }
  const std::string& office = r.param("id");
  const core::Day to = *from + days(length);
  const auto list = calendar.of_office(office, *from, to, who);
  json::array items, blocks;
  for (const Appointment& a : list)
    items.push_back(appointment_json(calendar, a));
  for (const Block& b : calendar.blocks_of(office, *from, to, who))
    blocks.push_back({{"id", b.id},
                      {"start", core::format_iso_berlin(b.time.start)},
                      {"end", core::format_iso_berlin(b.time.end)},
                      {"reason", b.reason}});
  return Response::json(core::json::dump(json::object{{"office", office},
                                                      {"from", core::format_date(*from)},
                                                      {"to", core::format_date(to)},
                                                      {"items", std::move(items)},
                                                      {"blocks", std::move(blocks)}}));
}

Response mark(Calendar& calendar, const Request& r) {
  const http::Identity& who = http::require_role(r, {http::Role::staff, http::Role::admin});
  const json::object body = core::json::parse_object(r.body);
  const auto status = status_from_string(core::json::required_string(body, "status"));
  if (!status || *status == Status::cancelled)
    http::bad_request("'status' must be booked, arrived, done or no_show.");
  return Response::json(core::json::dump(
      appointment_json(calendar, calendar.mark(r.param("id"), r.param("code"), *status, who))));
}

Response add_block(Calendar& calendar, const Request& r) {
  const http::Identity& who = http::require_role(r, {http::Role::staff, http::Role::admin});
  const json::object body = core::json::parse_object(r.body);
  const Interval time{instant(core::json::required_string(body, "start"), "start"),
                      instant(core::json::required_string(body, "end"), "end")};
  const Block b = calendar.add_block(r.param("id"), time, text_member(body, "reason"), who);
  return Response::json(
      core::json::dump(json::object{{"id", b.id},
                                    {"office", b.office_id},
                                    {"start", core::format_iso_berlin(b.time.start)},
                                    {"end", core::format_iso_berlin(b.time.end)},
                                    {"reason", b.reason}}),
      201);
}

Response walk_in(Calendar& calendar, const Request& r) {
  const http::Identity& who = http::require_role(r, {http::Role::staff, http::Role::admin});
  const json::object body = core::json::parse_object(r.body);
  const Appointment a = calendar.walk_in(
      r.param("id"), core::json::required_string(body, "service"), text_member(body, "name"), who);
  return Response::json(core::json::dump(appointment_json(calendar, a)), 201);
}

Response waiting_times(const Calendar& calendar) {
  json::array items;
  for (const WaitingTime& w : calendar.waiting_times())
    items.push_back({{"service", w.service_id},
                     {"office", w.office_id},
                     {"next_free", w.next_free ? json::value(core::format_iso_berlin(*w.next_free))
                                               : json::value(nullptr)},
                     {"days", w.days ? json::value(*w.days) : json::value(nullptr)}});
  return Response::json(core::json::dump(json::object{{"items", std::move(items)}}));
}

} // namespace

void add_routes(http::Router& router, Calendar& calendar) {
  const auto options = [](std::string doc) {
    return http::RouteOptions{.body_limit = kBodyLimit, .openapi = std::move(doc)};
  };
  Calendar& c = calendar;
  router.add(
      Method::get, "/api/appointments/slots", [&c](Request& r) { return slots(c, r); },
      options(openapi::slots()));
  router.add(
      Method::get, "/api/appointments/waiting-times", [&c](Request&) { return waiting_times(c); },
      options(openapi::waiting_times()));
  router.add(
      Method::post, "/api/appointments/holds", [&c](Request& r) { return hold(c, r); },
      options(openapi::hold()));
  router.add(Method::post, "/api/appointments", personal([&c](Request& r) { return book(c, r); }),
             options(openapi::book()));
  router.add(Method::get, "/api/appointments/{code}",
             personal([&c](Request& r) { return get(c, r); }), options(openapi::get()));
  const auto cancel = [&c](Request& r) {
    return Response::json(
        core::json::dump(appointment_json(c, c.cancel(r.param("code"), caller_of(r)))));
  };
  router.add(Method::del, "/api/appointments/{code}", personal(cancel),
             options(openapi::cancel(false)));
  router.add(Method::post, "/api/appointments/{code}/cancel", personal(cancel),
             options(openapi::cancel(true)));
  router.add(Method::post, "/api/appointments/{code}/reschedule",
             personal([&c](Request& r) { return reschedule(c, r); }),
             options(openapi::reschedule()));
  router.add(Method::get, "/api/me/appointments", personal([&c](Request& r) {
               json::array items;
               for (const Appointment& a : c.of_user(http::require_login(r).user_id))
                 items.push_back(appointment_json(c, a));
               return Response::json(core::json::dump(json::object{{"items", std::move(items)}}));
             }),
             options(openapi::mine()));
  router.add(Method::get, "/api/offices/{id}/appointments",
             personal([&c](Request& r) { return office_view(c, r); }),
             options(openapi::office_view()));
  router.add(Method::post, "/api/offices/{id}/appointments/{code}/status",
             personal([&c](Request& r) { return mark(c, r); }), options(openapi::mark()));
  router.add(Method::post, "/api/offices/{id}/walk-ins",
             personal([&c](Request& r) { return walk_in(c, r); }), options(openapi::walk_in()));
  router.add(Method::post, "/api/offices/{id}/blocks",
             personal([&c](Request& r) { return add_block(c, r); }), options(openapi::add_block()));
  router.add(Method::del, "/api/offices/{id}/blocks/{block}", personal([&c](Request& r) {
               c.remove_block(r.param("id"), r.param("block"),
                              http::require_role(r, {http::Role::staff, http::Role::admin}));
               return Response::empty(204);
             }),
             options(openapi::remove_block()));
}

} // namespace appointments
