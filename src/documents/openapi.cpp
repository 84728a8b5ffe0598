#include "documents/openapi.hpp"

#include <boost/json.hpp>

#include "core/json.hpp"

namespace documents::openapi {
namespace {

namespace json = boost::json;

json::object problem(const char* description) {
  return {
      {"description", description},
      {"content",
       {{"application/problem+json", {{"schema", {{"$ref", "#/components/schemas/Problem"}}}}}}}};
}

json::object text(const char* description) {
  return {{"type", "string"}, {"description", description}};
}

json::object document_schema() {
  return {
      {"type", "object"},
      {"required",
       {"id", "kind", "kind_label", "number", "issue_date", "expiry_date", "authority", "status",
        "days_until_expiry"}},
      {"properties",
       {{"id", text("Random id of the register entry")},
        {"kind",
         {{"type", "string"},
          {"enum",
           {"personalausweis", "reisepass", "kinderreisepass", "vorlaeufiger_personalausweis",
            "vorlaeufiger_reisepass", "fuehrerschein"}}}},
        {"kind_label", text("German name of the kind (\"Reisepass\")")},
        {"number", text("Document number; masked (\"C01X••••7K\") for the holder, full for "
                        "staff of the Bürgeramt")},
        {"issue_date", {{"type", "string"}, {"format", "date"}}},
        {"expiry_date",
         {{"type", {"string", "null"}}, {"format", "date"}, {"description", "null: never"}}},
        {"days_until_expiry",
         {{"type", {"integer", "null"}},
          {"description", "From today (Europe/Berlin) to the expiry date; negative when expired"}}},
        {"authority", text("Issuing authority")},
        {"status",
         {{"type", "string"},
          {"enum", {"gueltig", "abgelaufen", "verloren", "gestohlen"}},
          {"description",
           "abgelaufen follows from the expiry date and today in Europe/Berlin"}}}}}};
}

json::object list_response(const char* description) {
  return {{"description", description},
          {"content",
           {{"application/json",
             {{"schema",
               {{"type", "object"},
                {"required", {"today", "items"}},
                {"properties",
                 {{"today", {{"type", "string"}, {"format", "date"}}},
                  {"items", {{"type", "array"}, {"items", document_schema()}}}}}}}}}}}};
}

json::object one_response(const char* description) {
  return {{"description", description},
          {"content", {{"application/json", {{"schema", document_schema()}}}}}};
}

json::object status_body(json::array allowed) {
  return {{"required", true},
          {"content",
           {{"application/json",
             {{"schema",
               {{"type", "object"},
                {"required", {"status"}},
                {"properties", {{"status", {{"type", "string"}, {"enum", allowed}}}}}}}}}}}};
}

std::string operation(const char* id, const char* summary, const char* description,
                      json::object responses, json::object body = {}, json::array parameters = {}) {
  json::object op{{"tags", {"Dokumente"}},
                  {"operationId", id},
                  {"summary", summary},
                  {"description", description},
                  {"responses", std::move(responses)}};
  if (!body.empty()) op["requestBody"] = std::move(body);
  if (!parameters.empty()) op["parameters"] = std::move(parameters);
  return core::json::dump(op);
}

constexpr const char* kStaffNote = " For staff of the Bürgeramt and administrators (others: 403); "
                                   "every call is written to the audit log.";

} // namespace

std::string my_documents() {
  return operation(
      "listMyDocuments", "My identity documents",
      "Personalausweis, Reisepass, Führerschein … of the logged-in person, with "
      "masked numbers and their status today.",
      {{"200", list_response("The caller's documents")}, {"401", problem("Not logged in")}});
}

std::string report() {
  return operation("reportMyDocument", "Report my document lost or stolen",
                   "Only the holder's own documents; another person's or an unknown id answers "
                   "404. Only the Bürgeramt can make a reported document valid again.",
                   {{"200", one_response("The document with its new status")},
                    {"400", problem("Malformed body or a status other than verloren/gestohlen")},
                    {"401", problem("Not logged in")},
                    {"403", problem("Sent from another site")},
                    {"404", problem("No such document of the caller")}},
                   status_body({"verloren", "gestohlen"}));
}

std::string person_documents() {
  return operation(
      "listPersonDocuments", "A person's identity documents (staff)",
      (std::string("The register entries of one account, with full numbers.") + kStaffNote).c_str(),
      {{"200", list_response("The person's documents")},
       {"401", problem("Not logged in")},
       {"403", problem("Not staff of the Bürgeramt or admin")},
       {"404", problem("No such account")}});
}

std::string set_status() {
  return operation(
      "setDocumentStatus", "Set a document's status (staff)",
      (std::string("Marks a document lost or stolen, or valid again.") + kStaffNote).c_str(),
      {{"200", one_response("The document with its new status")},
       {"400", problem("Malformed body or unknown status")},
       {"401", problem("Not logged in")},
       {"403", problem("Not staff of the Bürgeramt or admin, or sent from another site")},
       {"404", problem("No such document")}},
      status_body({"gueltig", "verloren", "gestohlen"}));
}

std::string import() {
  json::object report{{"description", "Imported (or, with dry_run, valid)"},
                      {"content",
                       {{"application/json",
                         {{"schema",
                           {{"type", "object"},
                            {"properties",
                             {{"dry_run", {{"type", "boolean"}}},
                              {"imported", {{"type", "boolean"}}},
                              {"rows", {{"type", "integer"}}},
                              {"added", {{"type", "integer"}}},
                              {"updated", {{"type", "integer"}}}}}}}}}}}};
  json::object invalid = problem("Invalid rows: nothing imported; `errors` lists every problem "
                                 "as {row, field, message} (row 1 is the header)");
  json::object body{
      {"required", true},
      {"description",
       "RFC 4180 CSV, UTF-8, header row: username, kind, number, issue_date, expiry_date "
       "(empty for a Führerschein without one), authority, and optionally status (gueltig, "
       "abgelaufen, verloren, gestohlen). A row with the kind and number of a stored document "
       "updates it."},
      {"content", {{"text/csv", {{"schema", {{"type", "string"}}}}}}}};
  json::array parameters{json::object{{"name", "dry_run"},
                                      {"in", "query"},
                                      {"required", false},
                                      {"description", "true: validate only, change nothing"},
                                      {"schema", {{"type", "boolean"}}}}};
  return operation(
      "importDocuments", "Import the document register from CSV (staff)",
      (std::string("Every row is validated; when any is invalid nothing is imported (all or "
                   "nothing, one transaction). At most 10,000 rows and 2 MiB.") +
       kStaffNote)
          .c_str(),
      {{"200", report},
       {"400", problem("Malformed query")},
       {"401", problem("Not logged in")},
       {"403", problem("Not staff of the Bürgeramt or admin, or sent from another site")},
       {"413", problem("Body larger than 2 MiB")},
       {"422", invalid}},
      body, parameters);
}

} // namespace documents::openapi
