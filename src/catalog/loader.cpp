#include "catalog/loader.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "core/error.hpp"
#include "core/json.hpp"

namespace catalog {
namespace {

namespace json = boost::json;
namespace fs = std::filesystem;

std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// Parses text as JSON, recording a problem instead of throwing.
std::optional<json::value> parse_or_record(std::string_view text, const std::string& source,
                                           std::vector<ValidationError>& errors) {
  try {
    return core::json::parse(text);
  } catch (const core::Error& e) {
    errors.push_back({source, "", e.detail()});
    return std::nullopt;
  }
}

template <class Record, class Decode>
void read_array(const json::value& v, const std::string& source, std::vector<Record>& out,
                Decode decode, std::vector<ValidationError>& errors) {
  if (!v.is_array()) {
    errors.push_back({source, "", "must be a JSON array"});
    return;
  }
  std::size_t i = 0;
  for (const auto& item : v.as_array())
    out.push_back(decode(item, source + "[" + std::to_string(i++) + "]", errors));
}

// The columns of the services CSV and whether each cell holds JSON.
struct Column {
  const char* name;
  bool json;
};
constexpr Column kServiceColumns[] = {
    {"id", false},
    {"leika", false},
    {"title", false},
    {"summary", false},
    {"description", false},
    {"topic", false},
    {"department", false},
    {"prerequisites", true},
    {"documents", true},
    {"fees", true},
    {"processing_time", false},
    {"deadlines", false},
    {"legal_basis", true},
    {"forms", true},
    {"hints", true},
    {"offices", true},
    {"online_service_url", false},
    {"channels", true},
    {"maturity", true},
    {"maturity_2025", true},
    {"appointment_minutes", true},
    {"keywords", true},
    {"synonyms", true},
    {"related", true},
    {"last_review", false},
};

} // namespace

CatalogData parse_catalog_json(std::string_view text, const std::string& source,
                               std::vector<ValidationError>& errors) {
  CatalogData data;
  auto v = parse_or_record(text, source, errors);
  if (!v) return data;
  if (!v->is_object()) {
    errors.push_back({source, "", "must be a JSON object with \"services\" and \"offices\""});
    return data;
  }
  const auto& o = v->as_object();
  for (const auto& [key, value] : o)
    if (key != "services" && key != "offices")
      errors.push_back({source, std::string(key), "is not a known field"});
  if (auto* offices = o.if_contains("offices"))
    read_array(*offices, source + " offices", data.offices, office_from_json, errors);
  else
    errors.push_back({source, "offices", "is required"});
  if (auto* services = o.if_contains("services"))
    read_array(*services, source + " services", data.services, service_from_json, errors);
  else
    errors.push_back({source, "services", "is required"});
  return data;
}

CatalogData read_catalog_dir(const fs::path& dir, std::vector<ValidationError>& errors) {
  CatalogData data;
  const fs::path offices = dir / "offices.json";
  if (!fs::is_regular_file(offices)) {
    errors.push_back({offices.string(), "", "file not found"});
  } else if (auto v = parse_or_record(read_text(offices), offices.filename().string(), errors)) {
    read_array(*v, "offices.json", data.offices, office_from_json, errors);
  }
  std::vector<fs::path> files;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir / "leistungen", ec))
    if (entry.is_regular_file() && entry.path().extension() == ".json")
      files.push_back(entry.path());
  if (files.empty())
    errors.push_back({(dir / "leistungen").string(), "", "no service files (*.json) found"});
  std::sort(files.begin(), files.end());
  for (const auto& file : files) {
    const std::string name = "leistungen/" + file.filename().string();
    if (auto v = parse_or_record(read_text(file), name, errors))
      read_array(*v, name, data.services, service_from_json, errors);
  }
  return data;
}

CatalogData read_catalog(const fs::path& path, std::vector<ValidationError>& errors) {
  if (fs::is_directory(path)) return read_catalog_dir(path, errors);
  if (!fs::is_regular_file(path)) {
    errors.push_back({path.string(), "", "no such file or directory"});
    return {};
  }
  if (path.extension() == ".csv") {
    CatalogData data;
    data.services = parse_services_csv(read_text(path), errors);
    return data;
  }
  return parse_catalog_json(read_text(path), path.filename().string(), errors);
}

void append_csv_cell(std::string& out, std::string_view cell) {
  const bool quote = cell.find_first_of(",\"\r\n") != std::string_view::npos ||
                     (!cell.empty() && cell.front() == ' ');
  if (!quote) {
    out.append(cell);
    return;
  }
  out += '"';
  for (char c : cell) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

bool parse_csv(std::string_view text, std::vector<std::vector<std::string>>& rows,
               std::string& error) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3); // BOM from spreadsheet programs
  std::vector<std::string> row;
  std::string cell;
  bool quoted = false, cell_started = false;
  std::size_t line = 1;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          cell += '"';
          ++i;
        } else {
          quoted = false;
        }
      } else {
        if (c == '\n') ++line;
        cell += c;
      }
      continue;
    }
    if (c == '"') {
      if (cell_started) {
        error = "line " + std::to_string(line) + ": a quote inside an unquoted cell";
        return false;
      }
      quoted = cell_started = true;
    } else if (c == ',') {
      row.push_back(std::move(cell));
      cell.clear();
      cell_started = false;
    } else if (c == '\r' || c == '\n') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      row.push_back(std::move(cell));
      rows.push_back(std::move(row));
      row.clear();
      cell.clear();
      cell_started = false;
      ++line;
    } else {
      cell += c;
      cell_started = true;
    }
  }
  if (quoted) {
    error = "line " + std::to_string(line) + ": a quoted cell is not closed";
    return false;
  }
  if (cell_started || !row.empty()) {
    row.push_back(std::move(cell));
    rows.push_back(std::move(row));
  }
  return true;
}

std::string services_to_csv(const std::vector<Service>& services) {
  std::string out;
  for (const Column& col : kServiceColumns) {
    if (&col != kServiceColumns) out += ',';
    out += col.name;
  }
  out += "\r\n";
  for (const Service& s : services) {
    const json::object o = to_json(s);
    bool first = true;
    for (const Column& col : kServiceColumns) {
      if (!first) out += ',';
      first = false;
      const json::value* v = o.if_contains(col.name);
      if (!v || v->is_null()) continue;
      append_csv_cell(out, v->is_string() ? std::string(v->as_string()) : core::json::dump(*v));
    }
    out += "\r\n";
  }
  return out;
}

std::string offices_to_csv(const std::vector<Office>& offices) {
  std::string out =
      "id,name,department,street,postal_code,city,lat,lon,phone,email,opening_hours,exceptions,"
      "accessibility,counters,transit\r\n";
  for (const Office& o : offices) {
    const json::object j = to_json(o);
    const std::string cells[] = {o.id,
                                 o.name,
                                 o.department,
                                 o.street,
                                 o.postal_code,
                                 o.city,
                                 core::json::dump(json::value(o.lat)),
                                 core::json::dump(json::value(o.lon)),
                                 o.phone,
                                 o.email,
                                 core::json::dump(j.at("opening_hours")),
                                 core::json::dump(j.at("exceptions")),
                                 o.accessibility,
                                 std::to_string(o.counters),
                                 o.transit};
    bool first = true;
    for (const auto& cell : cells) {
      if (!first) out += ',';
      first = false;
      append_csv_cell(out, cell);
    }
    out += "\r\n";
  }
  return out;
}

std::vector<Service> parse_services_csv(std::string_view text,
                                        std::vector<ValidationError>& errors) {
  std::vector<Service> services;
  std::vector<std::vector<std::string>> rows;
  std::string error;
  if (!parse_csv(text, rows, error)) {
    errors.push_back({"CSV", "", error});
    return services;
  }
  if (rows.empty()) {
    errors.push_back({"CSV", "", "the file is empty; expected a header row"});
    return services;
  }
  const auto& header = rows.front();
  for (const auto& name : header) {
    const bool known = std::any_of(std::begin(kServiceColumns), std::end(kServiceColumns),
                                   [&](const Column& c) { return name == c.name; });
    if (!known) errors.push_back({"CSV header", name, "is not a known column"});
  }
  for (std::size_t r = 1; r < rows.size(); ++r) {
    const std::string label = "CSV row " + std::to_string(r + 1);
    const auto& row = rows[r];
    if (row.size() == 1 && row[0].empty()) continue; // blank line
    if (row.size() != header.size()) {
      errors.push_back({label, "",
                        "has " + std::to_string(row.size()) + " cells; the header has " +
                            std::to_string(header.size())});
      continue;
    }
    json::object o;
    for (std::size_t c = 0; c < header.size(); ++c) {
      const auto* col = std::find_if(std::begin(kServiceColumns), std::end(kServiceColumns),
                                     [&](const Column& k) { return header[c] == k.name; });
      if (col == std::end(kServiceColumns)) continue;
      const std::string& cell = row[c];
      if (cell.empty()) {
        o[header[c]] = nullptr;
      } else if (col->json) {
        try {
          o[header[c]] = core::json::parse(cell);
        } catch (const core::Error& e) {
          errors.push_back({label, header[c], "is not valid JSON: " + e.detail()});
        }
      } else {
        o[header[c]] = cell;
      }
    }
    for (const char* list : {"prerequisites", "documents", "fees", "legal_basis"})
      if (o.if_contains(list) && o.at(list).is_null()) o[list] = json::array();
    services.push_back(service_from_json(o, label, errors));
  }
  return services;
}

} // namespace catalog
