// HTTP binding of catalogue editing: POST/PUT /api/services and
// /api/offices, and the history of a record. The rules themselves live in
// catalog/editing.hpp and Catalog::save; this file turns requests into
// records and outcomes into answers.
#include <boost/json.hpp>

#include <string>

#include "catalog/routes.hpp"
#include "core/error.hpp"
#include "core/json.hpp"
#include "http/openapi_doc.hpp"

namespace catalog {
namespace {

namespace json = boost::json;
using http::Method;
using http::Request;
using http::Response;
using http::Role;

// A record of the largest kind the codec accepts (a 20,000 character
// description and lists) fits with room to spare.
constexpr std::size_t kRecordBodyLimit = 256 * 1024;

[[noreturn]] void fail(core::ErrorKind kind, const std::string& detail,
                       const json::object& extensions = {}) {
  throw core::Error(kind, detail,
                    extensions.empty() ? std::string() : core::json::dump(extensions));
}

Editor editor_of(const Request& r) {
  const http::Identity& who = http::require_role(r, {Role::staff, Role::admin});
  return {who.user_id, who.display_name, who.department, who.role == Role::admin};
}

void require_department(const Editor& editor, const std::string& department,
                        const std::string& what) {
  if (!may_edit(editor, department))
    fail(core::ErrorKind::forbidden,
         editor.department.empty()
             ? "Only administrators and staff of the department may change " + what + "."
             : "Staff of " + editor.department + " may change only records of " +
                   editor.department + ", not " + what + " of '" + department + "'.");
}

json::object errors_member(const std::vector<ValidationError>& errors) {
  json::array list;
  for (const auto& e : errors)
    list.push_back(json::object{{"record", core::json::to_valid_utf8(e.record)},
                                {"field", core::json::to_valid_utf8(e.field)},
                                {"message", core::json::to_valid_utf8(e.message)}});
  return {{"errors", std::move(list)}};
}

[[noreturn]] void invalid(const std::vector<ValidationError>& errors) {
  fail(core::ErrorKind::unprocessable,
       std::to_string(errors.size()) + (errors.size() == 1 ? " problem" : " problems") +
           " in the record; nothing was saved (see errors).",
       errors_member(errors));
}

// The body as a record object: read-only members of GET dropped, the id
// checked against the path (PUT).
json::object record_body(const Request& r, RecordKind kind, const std::string* path_id) {
  json::value parsed = core::json::parse(r.body);
  if (!parsed.is_object())
    fail(core::ErrorKind::invalid_argument,
         "The request body must be a JSON object: one record in the catalogue format.");
  json::object body = std::move(parsed.as_object());
  drop_read_only_members(body, kind);
  if (path_id)
    if (const auto* id = body.if_contains("id");
        id && !(id->is_string() && id->as_string() == *path_id))
      fail(core::ErrorKind::invalid_argument,
           "The id in the body differs from the id in the path ('" + *path_id + "').");
  return body;
}

// The department named by a body, when it is readable, for an early 403.
std::string department_of(const json::object& body) {
  const auto* d = body.if_contains("department");
  return d && d->is_string() ? std::string(d->as_string()) : std::string();
}

std::vector<std::int64_t> required_versions(const Request& r) {
  const IfMatch m = parse_if_match(r.header("If-Match"), r.headers.has("If-Match"));
  if (!m.present)
    fail(core::ErrorKind::precondition_required,
         "Send If-Match with the ETag of the record you read (GET), e.g. If-Match: \"3\".");
  if (m.any && m.versions.empty())
    fail(core::ErrorKind::precondition_required,
         "If-Match: * is not enough: name the version you read, e.g. If-Match: \"3\".");
  return m.versions;
}

std::string etag(std::int64_t version) { return "\"" + std::to_string(version) + "\""; }

// The answer to a save (the record as stored, with its version), or the
// error it is.
template <class Record>
Response answer(const SaveResult& result, Record record, const std::string& what,
                const std::string& location) {
  using S = SaveResult::Status;
  switch (result.status) {
  case S::exists: fail(core::ErrorKind::conflict, "There is already " + what + ".");
  case S::missing: fail(core::ErrorKind::not_found, "There is no " + what + ".");
  case S::forbidden:
    fail(core::ErrorKind::forbidden, "You may not change " + what + " of another department.");
  case S::stale:
    fail(core::ErrorKind::precondition_failed,
         "The record was changed meanwhile: the current version is " +
             std::to_string(result.version) + ". Load it again and repeat your change.",
         {{"current_version", result.version}});
  case S::invalid: invalid(result.errors);
  case S::created:
  case S::updated:
  case S::unchanged: break;
  }
  record.version = result.version;
  Response response = Response::json(core::json::dump(to_json(record, true)),
                                     result.status == S::created ? 201 : 200);
  response.headers.add("ETag", etag(result.version));
  response.headers.add("Cache-Control", "no-store");
  if (result.status == S::created) response.headers.add("Location", location);
  return response;
}

Response save_service(Catalog& catalog, const Request& r, bool create) {
  const Editor editor = editor_of(r);
  std::optional<std::vector<std::int64_t>> if_match;
  const std::string* path_id = create ? nullptr : &r.param("id");
  if (!create) {
    auto snap = catalog.snapshot();
    const Service* stored = snap ? snap->service(*path_id) : nullptr;
    if (!stored) fail(core::ErrorKind::not_found, "There is no service '" + *path_id + "'.");
    require_department(editor, stored->department, "this service");
    if_match = required_versions(r);
  }
  const json::object body = record_body(r, RecordKind::service, path_id);
  if (const std::string d = department_of(body); !d.empty())
    require_department(editor, d, "a service");
  std::vector<ValidationError> errors;
  Service service = service_from_json(body, "service", errors);
  if (!errors.empty()) invalid(errors);
  const SaveResult result = catalog.save(service, if_match, editor);
  const std::string what = "a service '" + service.id + "'";
  const std::string location = "/api/services/" + service.id;
  return answer(result, std::move(service), what, location);
}

Response save_office(Catalog& catalog, const Request& r, bool create) {
  const Editor editor = editor_of(r);
  std::optional<std::vector<std::int64_t>> if_match;
  const std::string* path_id = create ? nullptr : &r.param("id");
  if (!create) {
    auto snap = catalog.snapshot();
    const Office* stored = snap ? snap->office(*path_id) : nullptr;
    if (!stored) fail(core::ErrorKind::not_found, "There is no office '" + *path_id + "'.");
    require_department(editor, stored->department, "this office");
    if_match = required_versions(r);
  }
  const json::object body = record_body(r, RecordKind::office, path_id);
  if (const std::string d = department_of(body); !d.empty())
    require_department(editor, d, "an office");
  std::vector<ValidationError> errors;
  Office office = office_from_json(body, "office", errors);
  if (!errors.empty()) invalid(errors);
  const SaveResult result = catalog.save(office, if_match, editor);
  const std::string what = "an office '" + office.id + "'";
  const std::string location = "/api/offices/" + office.id;
  return answer(result, std::move(office), what, location);
}

Response history(const Catalog& catalog, const Request& r, RecordKind kind) {
  http::require_role(r, {Role::staff, Role::admin});
  const std::string& id = r.param("id");
  const auto entries = catalog.history(kind, id);
  if (entries.empty())
    fail(core::ErrorKind::not_found,
         "There is no " + std::string(to_string(kind)) + " '" + id + "'.");
  json::array list;
  for (const HistoryEntry& e : entries) {
    json::array fields;
    for (const auto& f : e.fields)
      fields.emplace_back(f);
    list.push_back(json::object{{"version", e.version},
                                {"changed_at", e.changed_at},
                                {"changed_by", e.changed_by},
                                {"changed_by_name", e.changed_by_name},
                                {"action", e.action},
                                {"fields", std::move(fields)}});
  }
  Response response = Response::json(core::json::dump(json::object{{"history", std::move(list)}}));
  response.headers.add("Cache-Control", "no-store");
  return response;
}

// --- OpenAPI -------------------------------------------------------------------

using http::openapi::Operation;
constexpr const char* kTag = "Leistungen bearbeiten";

json::object record_response(const char* description, bool created) {
  json::object headers{{"ETag",
                        {{"description", "The new version in quotes, for the next If-Match"},
                         {"schema", {{"type", "string"}}}}}};
  if (created)
    headers["Location"] = {{"description", "Where the record is read"},
                           {"schema", {{"type", "string"}}}};
  return {{"description", description},
          {"headers", std::move(headers)},
          {"content", {{"application/json", {{"schema", {{"type", "object"}}}}}}}};
}

std::string save_doc(const char* kind, bool create) {
  const std::string record = std::string("one ") + kind +
                             " in the catalogue format "
                             "(docs/catalog-format.md); the read-only members of GET are ignored";
  const std::string summary =
      create ? std::string("Create ") + kind + " (staff of its department, admin)"
             : std::string("Replace ") + kind +
                   " (optimistic locking with If-Match; staff of its department, admin)";
  Operation op("", kTag, summary);
  op.body_object({{"required", true},
                  {"description", record},
                  {"content", {{"application/json", {{"schema", {{"type", "object"}}}}}}}});
  if (create) {
    op.response_object("201", record_response("Created with version 1", true));
  } else {
    op.param("If-Match", "header", "string", "The ETag of the version you read, e.g. \"3\"", true);
    op.response_object("200",
                       record_response("Saved (or unchanged); ETag is the current version", false));
  }
  op.problem("400", "Malformed JSON, not an object, or an id that differs from the path")
      .problem("401", "Not logged in")
      .problem("403", "Not staff of the record's department (or an admin)")
      .problem("413", "Body larger than 256 KiB")
      .problem("422", "The record breaks the rules: `errors` lists every {record, field, "
                      "message}; nothing was saved");
  if (create) {
    op.problem("409", "A record with this id exists");
  } else {
    op.problem("404", "No such record")
        .problem("412", "Stale If-Match: `current_version` names the current one")
        .problem("428", "If-Match is missing");
  }
  return op.json();
}

std::string history_doc(const char* kind) {
  json::object entry{
      {"type", "object"},
      {"properties",
       {{"version", {{"type", "integer"}}},
        {"changed_at", {{"type", "string"}, {"format", "date-time"}}},
        {"changed_by", {{"type", "string"}, {"description", "User id (or import/demo)"}}},
        {"changed_by_name", {{"type", "string"}}},
        {"action", {{"type", "string"}, {"enum", {"create", "update", "delete"}}}},
        {"fields", {{"type", "array"}, {"items", {{"type", "string"}}}}}}}};
  return Operation("", kTag, std::string("Changes of ") + kind + ", newest first (staff, admin)")
      .response("200", "Who changed what and when",
                json::object{{"type", "object"},
                             {"properties",
                              {{"history", {{"type", "array"}, {"items", std::move(entry)}}}}}})
      .problem("401", "Not logged in")
      .problem("403", "Not staff or admin")
      .problem("404", "No such record")
      .json();
}

} // namespace

void add_editing_routes(http::Router& router, Catalog& catalog) {
  const auto edit = [](std::string doc) {
    return http::RouteOptions{.body_limit = kRecordBodyLimit, .openapi = std::move(doc)};
  };
  router.add(
      Method::post, "/api/services",
      [&catalog](Request& r) { return save_service(catalog, r, true); },
      edit(save_doc("a service", true)));
  router.add(
      Method::put, "/api/services/{id}",
      [&catalog](Request& r) { return save_service(catalog, r, false); },
      edit(save_doc("a service", false)));
  router.add(
      Method::post, "/api/offices",
      [&catalog](Request& r) { return save_office(catalog, r, true); },
      edit(save_doc("an office", true)));
  router.add(
      Method::put, "/api/offices/{id}",
      [&catalog](Request& r) { return save_office(catalog, r, false); },
      edit(save_doc("an office", false)));
  router.add(Method::get, "/api/services/{id}/history",
             [&catalog](Request& r) { return history(catalog, r, RecordKind::service); },
             {.openapi = history_doc("a service")});
  router.add(Method::get, "/api/offices/{id}/history",
             [&catalog](Request& r) { return history(catalog, r, RecordKind::office); },
             {.openapi = history_doc("an office")});
}

} // namespace catalog
