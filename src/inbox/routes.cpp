#include "inbox/routes.hpp"

#include <boost/json.hpp>

#include <charconv>

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

int limit_of(const Request& r) {
  const auto text = r.query_param("limit");
  if (!text) return kDefaultPage;
  int value = 0;
  const auto [ptr, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (text->empty() || ec != std::errc() || ptr != text->data() + text->size())
    throw core::Error(core::ErrorKind::invalid_argument, "limit muss eine ganze Zahl sein.");
  return value; // Inbox::list checks the range
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
  json::object ok{
      {"description", "A page of the caller's messages, newest first"},
      {"content",
       {{"application/json",
         {{"schema",
           {{"type", "object"},
            {"required", {"items", "unread", "next"}},
            {"properties",
             {{"items", {{"type", "array"}, {"items", message_schema()}}},
              {"unread", {{"type", "integer"}, {"description", "Unread messages in all pages"}}},
              {"next",
               {{"type", {"string", "null"}},
                {"description",
                 "Pass as `before` for the next, older page; null at the end"}}}}}}}}}}}};
  json::object op =
      json::parse(operation("listInbox", "My inbox (Postfach)",
                            "Messages of the city to the logged-in person, newest "
                            "first: reminders about expiring documents, "
                            "appointment confirmations.",
                            {{"200", ok},
                             {"400", problem("limit is not a whole number 1..200")},
                             {"401", problem("Not logged in")},
                             {"404", problem("before is not a message of the caller")}}))
          .as_object();
  op["parameters"] = json::array{
      json::object{{"name", "limit"},
                   {"in", "query"},
                   {"required", false},
                   {"description", "Messages per page, 1..200 (default 50)"},
                   {"schema", {{"type", "integer"}}}},
      json::object{{"name", "before"},
                   {"in", "query"},
                   {"required", false},
                   {"description", "Only messages older than this one (the next of a page)"},
                   {"schema", {{"type", "string"}}}}};
  return core::json::dump(op);
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
  router.add(
      Method::get, "/api/me/inbox",
      [&inbox](Request& r) {
        const std::string& user_id = http::require_login(r).user_id;
        const Listing listing =
            inbox.list(user_id, limit_of(r), r.query_param("before").value_or(""));
        json::array items;
        for (const auto& m : listing.messages)
          items.push_back(to_json(m));
        return no_store(Response::json(core::json::dump(json::object{
            {"items", std::move(items)},
            {"unread", listing.unread},
            {"next", listing.next.empty() ? json::value(nullptr) : json::value(listing.next)}})));
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
