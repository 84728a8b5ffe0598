// Answering a GET of a generated file that is streamed, never held whole:
// conditional requests (If-None-Match, If-Modified-Since -> 304), one byte
// range (Range, If-Range -> 206 or 416) and gzip while streaming. Static
// files (http/static_files.hpp) are held in memory and answered there; both
// use the same ETag comparison and the same gzip encoder.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "http/message.hpp"

namespace http {

// A file that can be produced as often as needed, each time alike as long as
// its ETag stays the same.
struct Download {
  std::string content_type;
  std::string etag;          // strong, quoted: "\"3f2a\""
  std::string last_modified; // IMF-fixdate, or empty when unknown
  std::string filename;      // for Content-Disposition (inline); empty: none
  std::string cache_control = "no-cache";
  // Opens a fresh producer of the whole file.
  std::function<ChunkSource()> open;
};

// The response for a GET or HEAD of the download. A range needs the length of
// the file, so it is produced once to count (memory stays flat) and again to
// send the range; several ranges are answered with the whole file.
Response respond_download(const Download& download, const Request& request);

// A byte range asked for by a Range header, resolved against a length.
struct ByteRange {
  std::uint64_t first = 0;
  std::uint64_t last = 0; // inclusive
};
// Parses a "bytes=" Range header with one range: std::nullopt when absent,
// malformed or several ranges (then the whole file is sent); a range that
// starts beyond the end gives {first > last} (416).
std::optional<ByteRange> parse_range(std::string_view header, std::uint64_t length);

// True when an If-None-Match value names the tag ("*", lists, weak forms).
bool etag_matches(std::string_view if_none_match, std::string_view etag);

} // namespace http
