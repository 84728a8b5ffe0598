// Recognises the type of an uploaded file from its content, never from its
// name: PDF, XLSX (an Office Open XML workbook), GeoJSON, JSON and CSV
// (RFC 4180, UTF-8). Anything else is refused.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace opendata {

// What a file is: the EU file type code and its media type.
struct FileType {
  std::string format;     // "CSV", "JSON", "GEOJSON", "XLSX", "PDF"
  std::string media_type; // "text/csv", ...
  std::string extension;  // "csv", ...
};

// The type of data, or std::nullopt with `why` saying what is wrong.
std::optional<FileType> detect_file_type(std::string_view data, std::string& why);

} // namespace opendata
