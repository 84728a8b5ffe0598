// Import of the register from CSV: every row is checked and every problem
// reported with its row and column; only a file without any problem is
// written, in one transaction.
#include <map>
#include <set>
#include <utility>

#include "catalog/loader.hpp"
#include "core/error.hpp"
#include "core/ids.hpp"
#include "core/json.hpp"
#include "documents/documents.hpp"
#include "documents/documents_store.hpp"

namespace documents {
namespace {

const std::vector<std::string> kRequiredColumns = {"username",   "kind",        "number",
                                                   "issue_date", "expiry_date", "authority"};
const std::string kStatusColumn = "status";

// A checked row, ready to be written.
struct Candidate {
  int row = 0;
  std::string username;
  Document document;
};

std::string shown(std::string_view value) {
  std::string v = core::json::to_valid_utf8(value.substr(0, 40));
  for (char& c : v)
    if (static_cast<unsigned char>(c) < 0x20) c = ' ';
  return "\"" + v + (value.size() > 40 ? "…" : "") + "\"";
}

class RowChecker {
public:
  RowChecker(const accounts::Accounts& accounts, core::Date today, std::vector<ImportError>& errors)
      : accounts_(accounts), today_(today), errors_(errors) {}

  std::optional<Candidate> check(int row, const std::map<std::string, std::string>& cells) {
    row_ = row;
    const std::size_t before = errors_.size();
    Candidate c;
    c.row = row;
    c.username = cells.at("username");
    if (c.username.empty()) {
      error("username", "Der Benutzername fehlt.");
    } else if (const auto user = user_for(c.username)) {
      c.document.owner_id = *user;
    } else {
      error("username", "Ein Konto " + shown(c.username) + " gibt es nicht.");
    }
    const auto kind = kind_from_string(cells.at("kind"));
    if (!kind)
      error("kind", "Unbekannte Dokumentart " + shown(cells.at("kind")) +
                        " (erlaubt: personalausweis, reisepass, kinderreisepass, "
                        "vorlaeufiger_personalausweis, vorlaeufiger_reisepass, fuehrerschein).");
    else
      c.document.kind = *kind;
    c.document.number = cells.at("number");
    if (const auto problem = check_number(c.document.number); !problem.empty())
      error("number", problem);
    const auto issue = date("issue_date", cells.at("issue_date"), true);
    if (issue) c.document.issue_date = *issue;
    const bool expiry_needed = !kind || expiry_required(*kind);
    c.document.expiry_date = date("expiry_date", cells.at("expiry_date"), expiry_needed);
    if (issue && core::days_between(*issue, today_) < 0)
      error("issue_date", "Das Ausstellungsdatum liegt in der Zukunft.");
    if (issue && c.document.expiry_date && core::days_between(*issue, *c.document.expiry_date) <= 0)
      error("expiry_date", "Das Ablaufdatum liegt nicht nach dem Ausstellungsdatum.");
    c.document.authority = cells.at("authority");
    if (const auto problem = check_authority(c.document.authority); !problem.empty())
      error("authority", problem);
    state(cells, c.document);
    if (errors_.size() != before) return std::nullopt;
    return c;
  }

private:
  void error(std::string field, std::string message) {
    errors_.push_back({row_, std::move(field), std::move(message)});
  }

  std::optional<std::string> user_for(const std::string& username) {
    if (const auto it = users_.find(username); it != users_.end()) return it->second;
    std::optional<std::string> id;
    if (username.size() <= 100)
      if (const auto user = accounts_.user_by_username(username)) id = user->id;
    users_.emplace(username, id);
    return id;
  }

  std::optional<core::Date> date(const char* field, const std::string& text, bool required) {
    if (text.empty()) {
      if (required) error(field, "Das Datum fehlt.");
      return std::nullopt;
    }
    const auto d = core::parse_date(text);
    if (!d) error(field, shown(text) + " ist kein Datum der Form JJJJ-MM-TT.");
    return d;
  }

  void state(const std::map<std::string, std::string>& cells, Document& d) {
    const auto it = cells.find(kStatusColumn);
    if (it == cells.end() || it->second.empty()) return;
    if (it->second == "abgelaufen") { // computed, never stored: must agree with the date
      if (!d.expiry_date || core::days_between(*d.expiry_date, today_) <= 0)
        error(kStatusColumn, "\"abgelaufen\" passt nicht zum Ablaufdatum.");
      return;
    }
    const auto s = state_from_string(it->second);
    if (!s)
      error(kStatusColumn, "Unbekannter Status " + shown(it->second) +
                               " (erlaubt: gueltig, abgelaufen, verloren, gestohlen).");
    else
      d.state = *s;
  }

  const accounts::Accounts& accounts_;
  core::Date today_;
  std::vector<ImportError>& errors_;
  std::map<std::string, std::optional<std::string>> users_;
  int row_ = 0;
};

// The header's column positions; problems go to errors (row 1).
std::map<std::string, std::size_t> read_header(const std::vector<std::string>& header,
                                               std::vector<ImportError>& errors) {
  std::map<std::string, std::size_t> columns;
  for (std::size_t i = 0; i < header.size(); ++i) {
    const std::string& name = header[i];
    const bool known =
        name == kStatusColumn ||
        std::find(kRequiredColumns.begin(), kRequiredColumns.end(), name) != kRequiredColumns.end();
    if (!known)
      errors.push_back({1, name, "Unbekannte Spalte " + shown(name) + "."});
    else if (!columns.emplace(name, i).second)
      errors.push_back({1, name, "Die Spalte kommt zweimal vor."});
  }
  for (const auto& name : kRequiredColumns)
    if (!columns.contains(name)) errors.push_back({1, name, "Die Spalte fehlt."});
  return columns;
}

bool blank(const std::vector<std::string>& cells) {
  return cells.empty() || (cells.size() == 1 && cells[0].empty());
}

} // namespace

ImportReport Register::import_csv(const http::Identity& staff, std::string_view csv,
                                  bool dry_run) const {
  ImportReport report;
  report.dry_run = dry_run;
  if (core::json::to_valid_utf8(csv) != csv) {
    report.errors.push_back({0, "", "Die Datei ist kein gültiges UTF-8."});
    return report;
  }
  std::vector<std::vector<std::string>> rows;
  std::string parse_error;
  if (!catalog::parse_csv(csv, rows, parse_error)) {
    report.errors.push_back({0, "", "Die Datei ist kein gültiges CSV: " + parse_error});
    return report;
  }
  while (!rows.empty() && blank(rows.back()))
    rows.pop_back();
  if (rows.empty()) {
    report.errors.push_back({1, "", "Die Datei ist leer; erwartet wird eine Kopfzeile."});
    return report;
  }
  if (rows.size() - 1 > kMaxImportRows) {
    report.errors.push_back(
        {0, "", "Höchstens " + std::to_string(kMaxImportRows) + " Zeilen je Import."});
    return report;
  }
  const auto columns = read_header(rows[0], report.errors);
  if (!report.errors.empty()) return report;

  RowChecker checker(accounts_, today(), report.errors);
  std::vector<Candidate> candidates;
  std::map<std::pair<Kind, std::string>, int> seen;
  for (std::size_t i = 1; i < rows.size(); ++i) {
    const int row = int(i) + 1;
    const auto& cells = rows[i];
    ++report.rows;
    if (cells.size() != rows[0].size()) {
      report.errors.push_back({row, "",
                               "Die Zeile hat " + std::to_string(cells.size()) + " statt " +
                                   std::to_string(rows[0].size()) + " Felder."});
      continue;
    }
    std::map<std::string, std::string> named;
    for (const auto& [name, index] : columns)
      named[name] = cells[index];
    auto candidate = checker.check(row, named);
    if (!candidate) continue;
    const auto key = std::pair(candidate->document.kind, candidate->document.number);
    if (const auto [it, fresh] = seen.emplace(key, row); !fresh) {
      report.errors.push_back(
          {row, "number",
           "Dieses Dokument steht schon in Zeile " + std::to_string(it->second) + "."});
      continue;
    }
    candidates.push_back(std::move(*candidate));
  }
  if (!report.errors.empty()) return report;

  const std::string now = core::format_utc(clock_.now());
  // Checks against the stored register, then writes, in one transaction.
  db_.write([&](store::Connection& c) {
    std::vector<std::optional<Document>> stored;
    for (const auto& candidate : candidates) {
      const Document& d = candidate.document;
      stored.push_back(tables::document_by_number(c, d.kind, d.number));
      if (stored.back() && stored.back()->owner_id != d.owner_id)
        report.errors.push_back({candidate.row, "number",
                                 "Diese Dokumentnummer gehört im Register einer anderen Person."});
    }
    if (!report.errors.empty()) return;
    std::set<std::string> people;
    for (std::size_t i = 0; i < candidates.size(); ++i) {
      Document& d = candidates[i].document;
      d.updated_at = now;
      if (stored[i]) {
        d.id = stored[i]->id;
        d.created_at = stored[i]->created_at;
        ++report.updated;
        if (!dry_run) tables::update_document(c, d);
      } else {
        d.id = core::random_id();
        d.created_at = now;
        ++report.added;
        if (!dry_run) tables::insert_document(c, d);
      }
      people.insert(d.owner_id);
    }
    if (!dry_run)
      for (const auto& person : people)
        audit(c, staff, person, "documents.import", {});
  });
  report.imported = !dry_run && report.errors.empty();
  return report;
}

} // namespace documents
