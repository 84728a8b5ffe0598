#include "http/static_files.hpp"

#include <cstdio>
#include <fstream>
#include <sstream>

#include "http/download.hpp"
#include "http/gzip.hpp"

namespace http {
namespace {

std::string fnv1a_hex(std::string_view data) {
  std::uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : data) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  char buffer[24];
  std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(h));
  return buffer;
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

bool is_hidden(const std::filesystem::path& relative) {
  for (const auto& part : relative)
    if (!part.empty() && part.native().front() == '.') return true;
  return false;
}

// The web app runs under a strict policy: only our own origin, no inline scripts.
constexpr const char* kContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'";

} // namespace

std::string_view media_type_for(std::string_view name) {
  static const std::pair<std::string_view, std::string_view> kTypes[] = {
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json"},
      {".map", "application/json"},
      {".webmanifest", "application/manifest+json"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".jpg", "image/jpeg"},
      {".jpeg", "image/jpeg"},
      {".gif", "image/gif"},
      {".webp", "image/webp"},
      {".ico", "image/x-icon"},
      {".woff2", "font/woff2"},
      {".woff", "font/woff"},
      {".txt", "text/plain; charset=utf-8"},
      {".xml", "application/xml"},
      {".pdf", "application/pdf"},
      {".wasm", "application/wasm"},
  };
  for (const auto& [ext, type] : kTypes)
    if (name.size() >= ext.size() && name.substr(name.size() - ext.size()) == ext) return type;
  return "application/octet-stream";
}

StaticFiles StaticFiles::load(const std::filesystem::path& dir) {
  StaticFiles set;
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) return set;
  for (auto it = std::filesystem::recursive_directory_iterator(dir, ec);
       !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
    if (!it->is_regular_file()) continue;
    const auto relative = std::filesystem::relative(it->path(), dir);
    if (is_hidden(relative)) continue;
    const std::string url = "/" + relative.generic_string();
    StaticFile file;
    auto content = std::make_shared<std::string>(read_file(it->path()));
    file.content_type = std::string(media_type_for(url));
    file.etag = "\"" + fnv1a_hex(*content) + "\"";
    file.cache_control =
        url.starts_with("/assets/") ? "public, max-age=31536000, immutable" : "no-cache";
    if (is_compressible(file.content_type) && content->size() >= 256) {
      auto compressed = std::make_shared<std::string>(gzip_compress(*content, 6));
      if (compressed->size() < content->size()) file.gzip_body = std::move(compressed);
    }
    set.total_bytes_ += content->size();
    file.body = std::move(content);
    set.files_.emplace(url, std::move(file));
  }
  return set;
}

const StaticFile* StaticFiles::find(std::string_view path) const {
  if (path == "/") path = "/index.html";
  auto it = files_.find(std::string(path));
  return it == files_.end() ? nullptr : &it->second;
}

Response StaticFiles::respond(const StaticFile& file, const Request& request) {
  Response r;
  r.content_type = file.content_type;
  r.headers.add("ETag", file.etag);
  r.headers.add("Cache-Control", file.cache_control);
  r.compressible = false; // already decided here
  if (file.content_type.starts_with("text/html")) {
    r.headers.add("Content-Security-Policy", kContentSecurityPolicy);
  }
  if (file.gzip_body) r.headers.add("Vary", "Accept-Encoding");
  const std::string_view inm = request.header("If-None-Match");
  if (!inm.empty() && etag_matches(inm, file.etag)) {
    r.status = 304;
    return r;
  }
  if (file.gzip_body && accepts_gzip(request.header("Accept-Encoding"))) {
    r.headers.add("Content-Encoding", "gzip");
    r.shared_body = file.gzip_body;
  } else {
    r.shared_body = file.body;
  }
  return r;
}

} // namespace http
