#include "appointments/openapi.hpp"

#include <boost/json.hpp>

#include <initializer_list>
#include <utility>

#include "http/openapi_doc.hpp"

namespace appointments::openapi {
namespace {

namespace json = boost::json;

json::object problem(const char* description) {
  return http::openapi::problem_response(description);
}

json::object ok(const char* description, const char* media = "application/json") {
  return {{"description", description},
          {"content",
           {{media,
             {{"schema",
               {{"type", std::string(media) == "application/json" ? "object" : "string"}}}}}}}};
}

json::object param(const char* name, const char* in, const char* description,
                   const char* type = "string", bool required = false) {
  return http::openapi::parameter(name, in, type, description, required);
}

json::object token_param() {
  return param("token", "query",
               "The secret from the booking confirmation (not needed by the citizen who booked "
               "while logged in, or by staff of the office)");
}

json::object body(std::initializer_list<std::pair<const char*, const char*>> members,
                  std::initializer_list<const char*> required) {
  json::object properties;
  for (const auto& [name, description] : members)
    properties[name] = {{"type", "string"}, {"description", description}};
  json::array req;
  for (const char* r : required)
    req.push_back(json::string(r));
  return {{"required", true},
          {"content",
           {{"application/json",
             {{"schema",
               {{"type", "object"}, {"required", std::move(req)}, {"properties", properties}}}}}}}};
}

std::string operation(const char* id, const char* summary, const char* description,
                      json::array parameters, json::object responses, json::object request = {}) {
  http::openapi::Operation op(id, "Termine", summary, description);
  for (auto& p : parameters)
    op.param(std::move(p.as_object()));
  for (auto& [status, response] : responses)
    op.response_object(status, std::move(response.as_object()));
  if (!request.empty()) op.body_object(std::move(request));
  return op.json();
}

json::object code_param() {
  return param("code", "path",
               "Confirmation code (\"K7M2-Q9TX\"); \"<code>.ics\" answers the calendar file");
}

} // namespace

std::string slots() {
  return operation(
      "appointmentSlots", "Free appointment slots of a service",
      "The earliest free slots on the service's grid inside the opening hours (holidays, "
      "closures and blocked times left out), for one office or every office offering it. "
      "from/to are dates (Berlin) or ISO 8601 instants; at most 62 days apart.",
      {param("service", "query", "Service id", "string", true),
       param("office", "query", "Office id (default: every office offering the service)"),
       param("from", "query", "Start (default: now)"),
       param("to", "query", "End, a date counts as the whole day (default: from + 28 days)"),
       param("limit", "query", "At most this many slots (1-1000, default 50)", "integer")},
      {{"200", ok("Free slots, earliest first; `free` = desks still free")},
       {"400", problem("Missing or malformed parameter, service not bookable or not offered")},
       {"404", problem("Unknown service or office")}});
}

std::string hold() {
  return operation(
      "holdAppointmentSlot", "Reserve a slot for a few minutes during checkout",
      "Reserves the slot for 5 minutes; the reservation ends by itself. Book it with "
      "POST /api/appointments and the hold id.",
      {},
      {{"201", ok("The hold: id, slot and expires_at")},
       {"400", problem("Past, outside opening hours, closed, off the grid or not offered")},
       {"404", problem("Unknown service or office")},
       {"409", problem("The slot is taken")},
       {"429", problem("This client already holds 5 unexpired reservations")}},
      body({{"service", "Service id"}, {"office", "Office id"}, {"start", "ISO 8601 instant"}},
           {"service", "office", "start"}));
}

std::string book() {
  return operation(
      "bookAppointment", "Book an appointment",
      "Books from a hold, or directly with service, office and start. Anonymous bookings need "
      "name and email; a logged-in citizen books for themself (name defaults to the account's). "
      "The answer carries the confirmation code and the secret token (shown once).",
      {},
      {{"201", ok("Booked: code, token, appointment, links")},
       {"400", problem("Malformed input, or the slot breaks a calendar rule")},
       {"404", problem("Unknown service or office")},
       {"409", problem("The slot is taken, or the hold expired")},
       {"413", problem("Body larger than 16 KiB")}},
      body({{"hold", "Hold id (instead of service, office, start)"},
            {"service", "Service id"},
            {"office", "Office id"},
            {"start", "ISO 8601 instant"},
            {"name", "Name of the person"},
            {"email", "E-mail address for the confirmation"}},
           {}));
}

std::string get() {
  return operation("getAppointment", "One appointment (or its .ics calendar file)",
                   "For the holder of the token, the citizen who booked it, and staff of the "
                   "office (audited). Anyone else gets 404, as for an unknown code.",
                   {code_param(), token_param()},
                   {{"200", ok("The appointment (text/calendar for <code>.ics)")},
                    {"404", problem("Unknown code, wrong token or not yours")}});
}

std::string cancel(bool post) {
  return operation(post ? "cancelAppointmentPost" : "cancelAppointment", "Cancel an appointment",
                   "Frees the slot. Cancelling a cancelled appointment answers it again.",
                   {code_param(), token_param()},
                   {{"200", ok("The cancelled appointment")},
                    {"404", problem("Unknown code, wrong token or not yours")},
                    {"409", problem("The appointment lies in the past or was served")}});
}

std::string reschedule() {
  return operation("rescheduleAppointment", "Move an appointment to another start",
                   "Atomically: the new slot is checked and taken, or the old one stays.",
                   {code_param(), token_param()},
                   {{"200", ok("The moved appointment")},
                    {"400", problem("The new start breaks a calendar rule")},
                    {"404", problem("Unknown code, wrong token or not yours")},
                    {"409", problem("The new slot is taken, or the appointment is past")}},
                   body({{"start", "ISO 8601 instant"}}, {"start"}));
}

std::string mine() {
  return operation("myAppointments", "The logged-in citizen's appointments", "Earliest first.", {},
                   {{"200", ok("The appointments")}, {"401", problem("Not logged in")}});
}

std::string office_view() {
  return operation(
      "officeAppointments", "Day or week view of an office (staff)",
      "Appointments with personal data and blocked times; staff of the office's department or "
      "admin. Every appointment shown is recorded in the audit log.",
      {param("id", "path", "Office id"), param("date", "query", "A day, 2026-11-26"),
       param("week", "query", "An ISO week, 2026-W48")},
      {{"200", ok("Appointments and blocks")},
       {"400", problem("Give date or week")},
       {"401", problem("Not logged in")},
       {"403", problem("Not staff of this office")},
       {"404", problem("Unknown office")}});
}

std::string mark() {
  return operation("markAppointment", "Mark an appointment arrived, done or no-show (staff)",
                   "status: booked, arrived (came in / walk-in at the desk), done, no_show.",
                   {param("id", "path", "Office id"), code_param()},
                   {{"200", ok("The appointment")},
                    {"400", problem("Unknown status")},
                    {"401", problem("Not logged in")},
                    {"403", problem("Not staff of this office")},
                    {"404", problem("Unknown office or code")},
                    {"409", problem("The appointment is cancelled")}},
                   body({{"status", "booked, arrived, done or no_show"}}, {"status"}));
}

std::string walk_in() {
  return operation("registerWalkIn", "Register a walk-in (staff)",
                   "A person who came without an appointment: an appointment from now for the "
                   "service's duration, status arrived. It takes a desk, so fewer slots are "
                   "offered online while it lasts.",
                   {param("id", "path", "Office id")},
                   {{"201", ok("The walk-in's appointment")},
                    {"400", problem("Malformed body, or the office does not offer the service")},
                    {"401", problem("Not logged in")},
                    {"403", problem("Not staff of this office")},
                    {"404", problem("Unknown office or service")}},
                   body({{"service", "Service id"}, {"name", "Name (optional)"}}, {"service"}));
}

std::string add_block() {
  return operation("blockOfficeTime", "Block a time of an office (staff)",
                   "No slots are offered inside it; existing appointments stay (the answer "
                   "counts them).",
                   {param("id", "path", "Office id")},
                   {{"201", ok("The block")},
                    {"400", problem("Malformed times")},
                    {"401", problem("Not logged in")},
                    {"403", problem("Not staff of this office")},
                    {"404", problem("Unknown office")}},
                   body({{"start", "ISO 8601 instant"},
                         {"end", "ISO 8601 instant"},
                         {"reason", "Why (shown to staff)"}},
                        {"start", "end"}));
}

std::string remove_block() {
  return operation("unblockOfficeTime", "Delete a blocked time (staff)", "",
                   {param("id", "path", "Office id"), param("block", "path", "Block id")},
                   {{"204", {{"description", "Deleted"}}},
                    {"401", problem("Not logged in")},
                    {"403", problem("Not staff of this office")},
                    {"404", problem("Unknown office or block")}});
}

std::string waiting_times() {
  return operation("appointmentWaitingTimes", "Days to the next free slot per service and office",
                   "For the cockpit; no personal data. days is null when nothing is free within "
                   "60 days.",
                   {}, {{"200", ok("Waiting times")}});
}

} // namespace appointments::openapi
