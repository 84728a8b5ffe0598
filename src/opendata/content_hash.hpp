// A strong ETag for a generated file from the parts that decide its content
// (FNV-1a over their text): equal parts give equal tags.
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

namespace opendata {

class ContentHash {
public:
  void add(std::string_view s) {
    for (unsigned char c : s) {
      h_ ^= c;
      h_ *= 1099511628211ULL;
    }
    h_ ^= 0xff; // separates the parts: ("ab","c") differs from ("a","bc")
    h_ *= 1099511628211ULL;
  }
  void add(std::int64_t v) { add(std::to_string(v)); }
  // "\"<file name without extension>-<16 hex digits>\"".
  std::string etag(std::string_view file) const {
    char buffer[40];
    std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(h_));
    return "\"" + std::string(file.substr(0, file.find('.'))) + "-" + buffer + "\"";
  }

private:
  std::uint64_t h_ = 1469598103934665603ULL;
};

} // namespace opendata
