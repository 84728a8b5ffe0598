// gzip (RFC 1952) for text responses, with zlib.
#pragma once

#include <memory>
#include <string>
#include <string_view>

namespace http {

// A gzip member produced piece by piece, for bodies that are streamed: each
// write() appends what zlib has ready, finish() the rest and the trailer.
// Memory stays flat whatever the size of the input. Not thread-safe.
class GzipEncoder {
public:
  explicit GzipEncoder(int level = 6);
  ~GzipEncoder();
  GzipEncoder(const GzipEncoder&) = delete;
  GzipEncoder& operator=(const GzipEncoder&) = delete;

  void write(std::string_view data, std::string& out);
  // REQUIRES: called once, last.
  void finish(std::string& out);

private:
  struct State;
  std::unique_ptr<State> state_;
};

// Compresses data into a gzip member. level 1 (fast) .. 9 (small).
std::string gzip_compress(std::string_view data, int level = 6);

// True when an Accept-Encoding header value allows gzip (and not with q=0).
bool accepts_gzip(std::string_view accept_encoding);

// True for textual media types worth compressing (text/*, JSON, JS, XML, SVG...).
bool is_compressible(std::string_view content_type);

} // namespace http
