#include "opendata/detect.hpp"

#include <boost/json.hpp>

#include "core/error.hpp"
#include "core/json.hpp"

namespace opendata {
namespace {

bool valid_utf8(std::string_view s) {
  return core::json::to_valid_utf8(s).size() == s.size() && core::json::to_valid_utf8(s) == s;
}

// Checks RFC 4180 structure: quotes balanced, every record with as many
// fields as the header, at least a header and one record.
bool looks_like_csv(std::string_view s, std::string& why) {
  std::size_t fields = 1, header_fields = 0, records = 0;
  bool quoted = false, at_field_start = true;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < s.size() && s[i + 1] == '"')
          ++i;
        else
          quoted = false;
      }
      continue;
    }
    if (c == '"' && at_field_start) {
      quoted = true;
      at_field_start = false;
    } else if (c == ',' || c == ';') {
      ++fields;
      at_field_start = true;
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < s.size() && s[i + 1] == '\n') ++i;
      if (records == 0)
        header_fields = fields;
      else if (fields != header_fields) {
        why = "record " + std::to_string(records + 1) + " has " + std::to_string(fields) +
              " fields, the header " + std::to_string(header_fields);
        return false;
      }
      ++records;
      fields = 1;
      at_field_start = true;
    } else if (c == '\0') {
      why = "it holds NUL bytes";
      return false;
    } else {
      at_field_start = false;
    }
  }
  if (quoted) {
    why = "a quoted field is not closed";
    return false;
  }
  if (!at_field_start || fields > 1) { // a last record without a line end
    if (records == 0)
      header_fields = fields;
    else if (fields != header_fields) {
      why = "the last record has " + std::to_string(fields) + " fields";
      return false;
    }
    ++records;
  }
  if (records < 2 || header_fields < 2) {
    why = "a CSV file needs a header and at least one record of two or more fields";
    return false;
  }
  return true;
}

bool is_geojson(const boost::json::value& v) {
  if (!v.is_object()) return false;
  const auto* type = v.as_object().if_contains("type");
  if (!type || !type->is_string()) return false;
  for (std::string_view t : {"FeatureCollection", "Feature", "Point", "MultiPoint", "LineString",
                             "MultiLineString", "Polygon", "MultiPolygon", "GeometryCollection"})
    if (type->as_string() == t) return true;
  return false;
}

} // namespace

std::optional<FileType> detect_file_type(std::string_view data, std::string& why) {
  if (data.empty()) {
    why = "the file is empty";
    return std::nullopt;
  }
  if (data.starts_with("%PDF-")) return FileType{"PDF", "application/pdf", "pdf"};
  if (data.starts_with(std::string_view("PK\x03\x04", 4))) {
    // An Office Open XML workbook names its parts in the central directory.
    if (data.find("[Content_Types].xml") != std::string_view::npos &&
        data.find("xl/workbook.xml") != std::string_view::npos)
      return FileType{"XLSX", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                      "xlsx"};
    why = "a ZIP archive that is no XLSX workbook";
    return std::nullopt;
  }
  if (!valid_utf8(data)) {
    why = "not a PDF or XLSX file, and not UTF-8 text";
    return std::nullopt;
  }
  std::string_view text = data;
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3); // BOM
  std::size_t first = text.find_first_not_of(" \t\r\n");
  if (first != std::string_view::npos && (text[first] == '{' || text[first] == '[')) {
    try {
      const auto v = core::json::parse(text);
      if (is_geojson(v)) return FileType{"GEOJSON", "application/geo+json", "geojson"};
      return FileType{"JSON", "application/json", "json"};
    } catch (const core::Error& e) {
      why = "JSON text that does not parse: " + e.detail();
      return std::nullopt;
    }
  }
  std::string csv_why;
  if (looks_like_csv(text, csv_why)) return FileType{"CSV", "text/csv", "csv"};
  why = "text that is no CSV file (" + csv_why + ")";
  return std::nullopt;
}

} // namespace opendata
