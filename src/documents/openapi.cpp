#include "documents/openapi.hpp"

#include <boost/json.hpp>

#include "http/openapi_doc.hpp"

namespace documents::openapi {
namespace {

namespace json = boost::json;
using http::openapi::Operation;

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

json::object list_schema() {
  return http::openapi::object_schema(
      {{"today", {{"type", "string"}, {"format", "date"}}},
       {"items", {{"type", "array"}, {"items", document_schema()}}}});
}

json::object status_schema(json::array allowed) {
  return http::openapi::object_schema({{"status", {{"type", "string"}, {"enum", allowed}}}});
}

Operation operation(const char* id, const char* summary, const std::string& description) {
  return Operation(id, "Dokumente", summary, description);
}

constexpr const char* kStaffNote = " For staff of the Bürgeramt and administrators (others: 403); "
                                   "every call is written to the audit log.";

} // namespace

std::string my_documents() {
  return operation("listMyDocuments", "My identity documents",
                   "Personalausweis, Reisepass, Führerschein … of the logged-in person, with "
                   "masked numbers and their status today.")
      .response("200", "The caller's documents", list_schema())
      .problem("401", "Not logged in")
      .json();
}

std::string report() {
  return operation("reportMyDocument", "Report my document lost or stolen",
                   "Only the holder's own documents; another person's or an unknown id answers "
                   "404. Only the Bürgeramt can make a reported document valid again.")
      .body(status_schema({"verloren", "gestohlen"}))
      .response("200", "The document with its new status", document_schema())
      .problem("400", "Malformed body or a status other than verloren/gestohlen")
      .problem("401", "Not logged in")
      .problem("403", "Sent from another site")
      .problem("404", "No such document of the caller")
      .json();
}

std::string person_documents() {
  return operation("listPersonDocuments", "A person's identity documents (staff)",
                   std::string("The register entries of one account, with full numbers.") +
                       kStaffNote)
      .response("200", "The person's documents", list_schema())
      .problem("401", "Not logged in")
      .problem("403", "Not staff of the Bürgeramt or admin")
      .problem("404", "No such account")
      .json();
}

std::string set_status() {
  return operation("setDocumentStatus", "Set a document's status (staff)",
                   std::string("Marks a document lost or stolen, or valid again.") + kStaffNote)
      .body(status_schema({"gueltig", "verloren", "gestohlen"}))
      .response("200", "The document with its new status", document_schema())
      .problem("400", "Malformed body or unknown status")
      .problem("401", "Not logged in")
      .problem("403", "Not staff of the Bürgeramt or admin, or sent from another site")
      .problem("404", "No such document")
      .json();
}

std::string import() {
  const json::object report{{"type", "object"},
                            {"properties",
                             {{"dry_run", {{"type", "boolean"}}},
                              {"imported", {{"type", "boolean"}}},
                              {"rows", {{"type", "integer"}}},
                              {"added", {{"type", "integer"}}},
                              {"updated", {{"type", "integer"}}}}}};
  return operation(
             "importDocuments", "Import the document register from CSV (staff)",
             std::string("Every row is validated; when any is invalid nothing is imported "
                         "(all or nothing, one transaction). At most 10,000 rows and 2 MiB.") +
                 kStaffNote)
      .query("dry_run", "boolean", "true: validate only, change nothing")
      .body_object(
          {{"required", true},
           {"description",
            "RFC 4180 CSV, UTF-8, header row: username, kind, number, issue_date, expiry_date "
            "(empty for a Führerschein without one), authority, and optionally status (gueltig, "
            "abgelaufen, verloren, gestohlen). A row with the kind and number of a stored "
            "document updates it."},
           {"content", {{"text/csv", {{"schema", {{"type", "string"}}}}}}}})
      .response("200", "Imported (or, with dry_run, valid)", report)
      .problem("400", "Malformed query")
      .problem("401", "Not logged in")
      .problem("403", "Not staff of the Bürgeramt or admin, or sent from another site")
      .problem("413", "Body larger than 2 MiB")
      .problem("422", "Invalid rows: nothing imported; `errors` lists every problem as {row, "
                      "field, message} (row 1 is the header)")
      .json();
}

} // namespace documents::openapi
