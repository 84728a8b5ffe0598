#include "inbox/routes.hpp"

#include <boost/json.hpp>

#include "core/error.hpp"
#include "core/json.hpp"

namespace inbox {
namespace {

namespace json = boost::json;
using http::Method;
using http::Request;
using http::Response;

Response no_store(Response r) {
  r.headers.set("Cache-Control", "no-store");
  return r;
}

[[noreturn]] void not_found() {
  throw core::Error(core::ErrorKind::not_found, "Diese Nachricht gibt es in Ihrem Postfach nicht.");
}

json::object problem(const char* description) {
  return {
      {"description", description},
      {"content",
       {{"application/problem+json", {{"schema", {{"$ref", "#/components/schemas/Problem"}}}}}}}};
}

std::string operation(const char* id, const char* summary, const char* description,
                      json::object responses) {
  return core::json::dump(json::object{{"tags", {"Postfach"}},
                                       {"operationId", id},
                                       {"summary", summary},
                                       {"description", description},
                                       {"responses", std::move(responses)}});
}

json::object message_schema() {
  const json::object text{{"type", "string"}};
  return {{"type", "object"},
          {"required", {"id", "created_at", "subject", "body", "action", "read", "read_at"}},
          {"properties",
           {{"id", text},
            {"created_at", {{"type", "string"}, {"format", "date-time"}}},
            {"subject", text},
            {"body", text},
            {"action",
             {{"type", {"object", "null"}},
              {"description", "A one-click offer, e.g. an appointment for the right service"},
              {"properties", {{"label", text}, {"url", text}}}}},
            {"read", {{"type", "boolean"}}},
            {"read_at", {{"type", {"string", "null"}}, {"format", "date-time"}}}}}};
}

std::string list_doc() {
  json::object ok{{"description", "The caller's messages, newest first, and how many are unread"},
                  {"content",
                   {{"application/json",
                     {{"schema",
                       {{"type", "object"},
                        {"required", {"items", "unread"}},
                        {"properties",
                         {{"items", {{"type", "array"}, {"items", message_schema()}}},
                          {"unread", {{"type", "integer"}}}}}}}}}}}};
  return operation("listInbox", "My inbox (Postfach)",
                   "Messages of the city to the logged-in person: reminders about expiring "
                   "documents, appointment confirmations.",
                   {{"200", ok}, {"401", problem("Not logged in")}});
}

std::string change_doc(const char* id, const char* summary, const char* done) {
  return operation(id, summary,
                   "Only the caller's own messages; another person's or an unknown id answers "
                   "404. A state-changing request with the session cookie must come from this "
                   "site (Origin check).",
                   {{"204", {{"description", done}}},
                    {"401", problem("Not logged in")},
                    {"403", problem("Sent from another site")},
                    {"404", problem("No such message in the caller's inbox")}});
}

} // namespace

void add_routes(http::Router& router, const Inbox& inbox) {
  router.add(Method::get, "/api/me/inbox",
             [&inbox](Request& r) {
               const Listing listing = inbox.list(http::require_login(r).user_id);
               json::array items;
               for (const auto& m : listing.messages)
                 items.push_back(to_json(m));
               return no_store(Response::json(core::json::dump(
                   json::object{{"items", std::move(items)}, {"unread", listing.unread}})));
             },
             {.openapi = list_doc()});
  router.add(Method::post, "/api/me/inbox/{id}/read",
             [&inbox](Request& r) {
               if (!inbox.mark_read(http::require_login(r).user_id, r.param("id"))) not_found();
               return no_store(Response::empty(204));
             },
             {.body_limit = 1024,
              .openapi = change_doc("markInboxMessageRead", "Mark a message read", "Marked read")});
  router.add(Method::del, "/api/me/inbox/{id}",
             [&inbox](Request& r) {
               if (!inbox.remove(http::require_login(r).user_id, r.param("id"))) not_found();
               return no_store(Response::empty(204));
             },
             {.body_limit = 1024,
              .openapi = change_doc("deleteInboxMessage", "Delete a message", "Deleted")});
}

} // namespace inbox
