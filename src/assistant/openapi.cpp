#include "assistant/openapi.hpp"

#include <boost/json.hpp>

#include "http/openapi_doc.hpp"

namespace assistant::openapi {
namespace {

namespace json = boost::json;

json::object str(const char* description) {
  return {{"type", "string"}, {"description", description}};
}

} // namespace

std::string turn() {
  json::object slot{
      {"type", "object"},
      {"description", "A slot button of an earlier answer"},
      {"required", json::array{"office_id", "start"}},
      {"properties",
       {{"office_id", str("Office id")}, {"start", str("ISO 8601 start with offset")}}}};
  json::object request{{"type", "object"},
                       {"description", "At least one of text, slot, service_id"},
                       {"properties",
                        {{"conversation_id",
                          {{"type", json::array{"string", "null"}},
                           {"description", "null to start; the id of an earlier answer to go on"}}},
                         {"text",
                          {{"type", "string"},
                           {"maxLength", 500},
                           {"description", "The citizen's sentence (German or English)"}}},
                         {"slot", slot},
                         {"service_id", str("The service page the chat was opened from")}}}};
  json::object action{
      {"type", "object"},
      {"description",
       "One of: offer_appointment {service_id, service_title, office_id, office_name, "
       "office_address}; book {service_id, office_id, start, end, label} (slot buttons, up to "
       "3, right after offer_appointment); booked {code, service_title, office_name, "
       "office_address, start, end, label, url, ics_url}; cancelled {code, label}; handoff "
       "{phone, phone_label, office_name, office_phone, opening_hours}; login_required {url, "
       "label}; link {title, url}; reply {text} (quick-reply suggestion)"},
      {"required", json::array{"type"}},
      {"properties",
       {{"type",
         {{"type", "string"},
          {"enum", json::array{"offer_appointment", "book", "booked", "cancelled", "handoff",
                               "login_required", "link", "reply"}}}}}}};
  json::object response{
      {"type", "object"},
      {"required", json::array{"conversation_id", "intent", "confidence", "reply"}},
      {"properties",
       {{"conversation_id", str("Send it with the next turn")},
        {"intent",
         {{"type", "string"},
          {"enum",
           json::array{"greeting", "thanks", "travel.documents", "service.info", "service.cost",
                       "service.documents", "service.location", "service.hours", "service.online",
                       "service.duration", "document.status", "appointment.book",
                       "appointment.choose", "appointment.list", "appointment.cancel", "affirm",
                       "deny", "handoff"}}}},
        {"confidence", {{"type", "number"}, {"minimum", 0}, {"maximum", 1}}},
        {"reply",
         {{"type", "object"},
          {"required", json::array{"text", "actions", "sources"}},
          {"properties",
           {{"text", str("Plain text; paragraphs separated by a blank line; lines starting with "
                         "'• ' are list items")},
            {"actions", {{"type", "array"}, {"items", action}}},
            {"sources",
             {{"type", "array"},
              {"items", http::openapi::object_schema(
                            {{"title", json::value(str("Title"))},
                             {"url", json::value(str("Page of the source"))}})}}}}}}}}}};
  return http::openapi::Operation(
             "assistantTurn", "Assistent", "One turn of the citizen assistant",
             "Rule-based and on-premises: answers from the service catalogue, the entry rules "
             "of the Auswärtiges Amt, and (logged in) the citizen's documents and appointments. "
             "Books appointments for logged-in citizens. Works anonymously; answers are "
             "no-store.")
      .body(request)
      .response("200", "The answer", response)
      .problem("400", "Malformed JSON, wrong types, no text/slot/service_id, text too long")
      .problem("403", "A browser request with a cookie from another site")
      .problem("404", "Unknown, expired or foreign conversation id")
      .problem("413", "Body larger than 4 KiB")
      .json();
}

} // namespace assistant::openapi
