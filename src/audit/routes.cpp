#include "audit/routes.hpp"

#include <boost/json.hpp>

#include "core/error.hpp"
#include "core/json.hpp"
#include "http/openapi_doc.hpp"
#include "http/params.hpp"

namespace audit {
namespace {

namespace json = boost::json;
using http::Request;
using http::Response;

Response list(const AuditLog& log, const Request& r) {
  http::require_role(r, {http::Role::admin});
  Query q;
  q.subject_id = r.query_param("subject").value_or("");
  q.actor_id = r.query_param("actor").value_or("");
  q.action = r.query_param("action").value_or("");
  if (r.query_param("before")) q.before = http::whole_number_param(r, "before", 1, INT64_MAX, 0);
  q.limit = static_cast<int>(http::whole_number_param(r, "limit", 1, 500, 50));
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
  return http::no_store(Response::json(core::json::dump(body)));
}

std::string list_doc() {
  return http::openapi::Operation(
             "listAuditLog", "Verwaltung",
             "The audit log of access to personal data (administrators)",
             "Who read or changed whose personal data, what and when; newest first. Page with "
             "`before` = the `next_before` of the previous page.")
      .query("subject", "string", "Only accesses to this person's data (user id)")
      .query("actor", "string", "Only accesses by this user (user id)")
      .query("action", "string", "Exact action, or a prefix ending in '.' such as 'documents.'")
      .query("before", "integer", "Only entries older than this id (paging)")
      .query("limit", "integer", "At most this many entries (1-500, default 50)")
      .response("200", "Entries, newest first", json::object{{"type", "object"}})
      .problem("400", "A malformed parameter")
      .problem("401", "Not logged in")
      .problem("403", "Not an administrator")
      .json();
}

} // namespace

void add_routes(http::Router& router, const AuditLog& log) {
  router.add(http::Method::get, "/api/admin/audit", [&log](Request& r) { return list(log, r); },
             {.openapi = list_doc()});
}

} // namespace audit
