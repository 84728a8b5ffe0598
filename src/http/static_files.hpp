// The built web app (web/dist), held in memory and served with the right
// media type, a strong ETag, cache headers and a precompressed gzip variant.
// Only files found when loading are served: a request path is looked up by
// exact name, so "../" or encoded tricks can never reach another file.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "http/message.hpp"

namespace http {

// One file ready to send.
struct StaticFile {
  std::shared_ptr<const std::string> body;
  std::shared_ptr<const std::string> gzip_body; // null when not worth it
  std::string content_type;
  std::string etag;          // "\"<hash>\""
  std::string cache_control; // immutable for hashed assets, no-cache otherwise
};

// A read-only set of files. Thread-safe after load().
class StaticFiles {
public:
  // Loads every regular file below dir (skipping dot files). A missing dir
  // gives an empty set (the API still works without a built web app).
  static StaticFiles load(const std::filesystem::path& dir);

  // The file for a decoded URL path ("/assets/app.js"; "/" is index.html).
  const StaticFile* find(std::string_view path) const;
  // index.html, the SPA fallback; null when absent.
  const StaticFile* index() const { return find("/index.html"); }
  std::size_t size() const { return files_.size(); }
  std::size_t total_bytes() const { return total_bytes_; }

  // The response for a GET/HEAD of file: 304 when If-None-Match matches,
  // the gzip variant when accepted.
  static Response respond(const StaticFile& file, const Request& request);

private:
  std::unordered_map<std::string, StaticFile> files_;
  std::size_t total_bytes_ = 0;
};

// The media type for a file name by its extension.
std::string_view media_type_for(std::string_view filename);

} // namespace http
