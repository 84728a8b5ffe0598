#include "audit/routes.hpp"

#include <boost/json.hpp>

#include <charconv>

#include "core/error.hpp"
#include "core/json.hpp"

namespace audit {
namespace {

namespace json = boost::json;
using http::Request;
using http::Response;

std::int64_t integer_param(const Request& r, const char* name, std::int64_t min, std::int64_t max,
                           std::int64_t fallback) {
  const auto text = r.query_param(name);
  if (!text || text->empty()) return fallback;
  std::int64_t value = 0;
  const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (ec != std::errc() || end != text->data() + text->size() || value < min || value > max)
    throw core::Error(core::ErrorKind::invalid_argument,
                      std::string("'") + name + "' must be a whole number from " +
                          std::to_string(min) + " to " + std::to_string(max));
  return value;
}

Response list(const AuditLog& log, const Request& r) {
  http::require_role(r, {http::Role::admin});
  Query q;
  q.subject_id = r.query_param("subject").value_or("");
  q.actor_id = r.query_param("actor").value_or("");
  q.action = r.query_param("action").value_or("");
  if (r.query_param("before")) q.before = integer_param(r, "before", 1, INT64_MAX, 0);
  q.limit = static_cast<int>(integer_param(r, "limit", 1, 500, 50));
  const auto entries = log.list(q);
  json::array items;
  for (const Entry& e : entries)
    items.push_back(
        {{"id", e.id},
         {"at", e.at},
         {"actor", {{"id", e.actor_id}, {"name", e.actor_name}, {"role", e.actor_role}}},
         {"subject_id", e.subject_id},
         {"action", e.action},
         {"object", e.object}});
  json::object body{{"entries", std::move(items)}};
  // The cursor for the next (older) page when this one is full.
  body["next_before"] = static_cast<int>(entries.size()) == q.limit && !entries.empty()
                            ? json::value(entries.back().id)
                            : json::value(nullptr);
  Response resp = Response::json(core::json::dump(body));
  resp.headers.set("Cache-Control", "no-store");
  return resp;
}

std::string list_doc() {
  const auto param = [](const char* name, const char* type, const char* description) {
    return json::object{{"name", name},
                        {"in", "query"},
                        {"required", false},
                        {"schema", {{"type", type}}},
                        {"description", description}};
  };
  const auto problem = [](const char* description) {
    return json::object{
        {"description", description},
        {"content",
         {{"application/problem+json", {{"schema", {{"$ref", "#/components/schemas/Problem"}}}}}}}};
  };
  const json::object op{
      {"tags", {"Verwaltung"}},
      {"operationId", "listAuditLog"},
      {"summary", "The audit log of access to personal data (administrators)"},
      {"description",
       "Who read or changed whose personal data, what and when; newest first. Page with "
       "`before` = the `next_before` of the previous page."},
      {"parameters",
       {param("subject", "string", "Only accesses to this person's data (user id)"),
        param("actor", "string", "Only accesses by this user (user id)"),
        param("action", "string", "Exact action, or a prefix ending in '.' such as 'documents.'"),
        param("before", "integer", "Only entries older than this id (paging)"),
        param("limit", "integer", "At most this many entries (1-500, default 50)")}},
      {"responses",
       {{"200",
         {{"description", "Entries, newest first"},
          {"content", {{"application/json", {{"schema", {{"type", "object"}}}}}}}}},
        {"400", problem("A malformed parameter")},
        {"401", problem("Not logged in")},
        {"403", problem("Not an administrator")}}}};
  return core::json::dump(op);
}

} // namespace

void add_routes(http::Router& router, const AuditLog& log) {
  router.add(http::Method::get, "/api/admin/audit", [&log](Request& r) { return list(log, r); },
             {.openapi = list_doc()});
}

} // namespace audit
