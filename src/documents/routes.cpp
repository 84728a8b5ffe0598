#include "documents/routes.hpp"

#include <boost/json.hpp>

#include "core/error.hpp"
#include "core/json.hpp"
#include "documents/openapi.hpp"
#include "http/params.hpp"
#include "http/problem.hpp"

namespace documents {
namespace {

namespace json = boost::json;
using http::Method;
using http::no_store;
using http::Request;
using http::Response;

// For staff and admins; everyone else 403 (401 without login).
const http::Identity& require_manager(const Request& r) {
  const http::Identity& who = http::require_login(r);
  if (!Register::may_manage(who))
    throw core::Error(core::ErrorKind::forbidden,
                      "Das Dokumentenregister führt das Bürgeramt; dafür fehlt Ihnen die Rolle.");
  return who;
}

json::object document_json(const Document& d, core::Date today, bool full_number) {
  json::object o{{"id", d.id},
                 {"kind", to_string(d.kind)},
                 {"kind_label", label(d.kind)},
                 {"number", full_number ? d.number : mask_number(d.number)},
                 {"issue_date", core::format_date(d.issue_date)},
                 {"authority", d.authority},
                 {"status", to_string(status_on(d, today))}};
  o["expiry_date"] = d.expiry_date ? json::value(core::format_date(*d.expiry_date)) : nullptr;
  o["days_until_expiry"] =
      d.expiry_date ? json::value(core::days_between(today, *d.expiry_date)) : nullptr;
  return o;
}

Response documents_json(const std::vector<Document>& documents, core::Date today,
                        bool full_numbers) {
  json::array items;
  for (const auto& d : documents)
    items.push_back(document_json(d, today, full_numbers));
  return no_store(Response::json(core::json::dump(
      json::object{{"today", core::format_date(today)}, {"items", std::move(items)}})));
}

StoredState state_of(const Request& r, bool allow_valid) {
  const std::string text = core::json::required_string(core::json::parse_object(r.body), "status");
  const auto state = state_from_string(text);
  if (!state || (!allow_valid && *state == StoredState::valid))
    throw core::Error(core::ErrorKind::invalid_argument,
                      allow_valid ? "status muss gueltig, verloren oder gestohlen sein."
                                  : "status muss verloren oder gestohlen sein.");
  return *state;
}

bool dry_run_of(const Request& r) {
  const auto v = r.query_param("dry_run");
  if (!v || v->empty() || *v == "false" || *v == "0") return false;
  if (*v == "true" || *v == "1") return true;
  throw core::Error(core::ErrorKind::invalid_argument, "dry_run muss true oder false sein.");
}

Response import(const Register& reg, const Request& r) {
  const http::Identity& staff = require_manager(r);
  const bool dry_run = dry_run_of(r);
  const ImportReport report = reg.import_csv(staff, r.body, dry_run);
  if (!report.errors.empty()) {
    Response resp = http::problem(422, "/problems/invalid-register",
                                  std::to_string(report.errors.size()) +
                                      " Fehler in der Registerdatei; es wurde nichts importiert.",
                                  r.path);
    json::object body = core::json::parse_object(resp.body);
    json::array errors;
    for (const auto& e : report.errors)
      errors.push_back(json::object{{"row", e.row}, {"field", e.field}, {"message", e.message}});
    body["errors"] = std::move(errors);
    resp.body = core::json::dump(body);
    return no_store(std::move(resp));
  }
  return no_store(Response::json(core::json::dump(json::object{{"dry_run", report.dry_run},
                                                               {"imported", report.imported},
                                                               {"rows", report.rows},
                                                               {"added", report.added},
                                                               {"updated", report.updated}})));
}

} // namespace

void add_routes(http::Router& router, const Register& reg) {
  router.add(Method::get, "/api/me/documents",
             [&reg](Request& r) {
               return documents_json(reg.own(http::require_login(r).user_id), reg.today(), false);
             },
             {.openapi = openapi::my_documents()});
  router.add(Method::post, "/api/me/documents/{id}/report",
             [&reg](Request& r) {
               const http::Identity& who = http::require_login(r);
               const Document d = reg.report(who.user_id, r.param("id"), state_of(r, false));
               return no_store(
                   Response::json(core::json::dump(document_json(d, reg.today(), false))));
             },
             {.body_limit = 4096, .openapi = openapi::report()});
  router.add(Method::get, "/api/citizens/{user_id}/documents",
             [&reg](Request& r) {
               const http::Identity& staff = require_manager(r);
               return documents_json(reg.of_person(staff, r.param("user_id")), reg.today(), true);
             },
             {.openapi = openapi::person_documents()});
  router.add(Method::post, "/api/documents/{id}/status",
             [&reg](Request& r) {
               const http::Identity& staff = require_manager(r);
               const Document d = reg.set_state(staff, r.param("id"), state_of(r, true));
               return no_store(
                   Response::json(core::json::dump(document_json(d, reg.today(), true))));
             },
             {.body_limit = 4096, .openapi = openapi::set_status()});
  router.add(Method::post, "/api/documents/import", [&reg](Request& r) { return import(reg, r); },
             {.body_limit = kImportBodyLimit, .openapi = openapi::import()});
}

} // namespace documents
