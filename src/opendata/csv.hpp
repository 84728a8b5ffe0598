// CSV per RFC 4180 (UTF-8, CRLF line ends, a header row): one writer for all
// of the open-data exports.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>

namespace opendata::csv {

// Appends one field, quoted when it holds a comma, quote, CR or LF (quotes
// doubled).
void field(std::string& out, std::string_view value);

// Appends one record of fields and the CRLF.
void row(std::string& out, std::initializer_list<std::string_view> fields);

} // namespace opendata::csv
