#include "inbox/routes.hpp"

#include <boost/json.hpp>

#include "core/error.hpp"
#include "core/json.hpp"
#include "http/openapi_doc.hpp"
#include "http/params.hpp"

namespace inbox {
namespace {

namespace json = boost::json;
using http::Method;
using http::no_store;
using http::Request;
using http::Response;
using http::openapi::Operation;

[[noreturn]] void not_found() {
  throw core::Error(core::ErrorKind::not_found, "Diese Nachricht gibt es in Ihrem Postfach nicht.");
}

int limit_of(const Request& r) {
  // An empty limit is refused here (other routes read it as absent);
  // Inbox::list checks the range (1..200) and says so.
  if (const auto text = r.query_param("limit"); text && text->empty())
    http::bad_request("'limit' must be a whole number from 1 to 200");
  return static_cast<int>(http::whole_number_param(r, "limit", INT32_MIN, INT32_MAX, kDefaultPage));
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
  return Operation("listInbox", "Postfach", "My inbox (Postfach)",
                   "Messages of the city to the logged-in person, newest first: reminders about "
                   "expiring documents, appointment confirmations.")
      .query("limit", "integer", "Messages per page, 1..200 (default 50)")
      .query("before", "string", "Only messages older than this one (the next of a page)")
      .response(
          "200", "A page of the caller's messages, newest first",
          http::openapi::object_schema(
              {{"items", {{"type", "array"}, {"items", message_schema()}}},
               {"unread", {{"type", "integer"}, {"description", "Unread messages in all pages"}}},
               {"next",
                {{"type", {"string", "null"}},
                 {"description", "Pass as `before` for the next, older page; null at the end"}}}}))
      .problem("400", "limit is not a whole number 1..200")
      .problem("401", "Not logged in")
      .problem("404", "before is not a message of the caller")
      .json();
}

std::string change_doc(const char* id, const char* summary, const char* done) {
  return Operation(id, "Postfach", summary,
                   "Only the caller's own messages; another person's or an unknown id answers "
                   "404. A state-changing request with the session cookie must come from this "
                   "site (Origin check).")
      .response("204", done)
      .problem("401", "Not logged in")
      .problem("403", "Sent from another site")
      .problem("404", "No such message in the caller's inbox")
      .json();
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
