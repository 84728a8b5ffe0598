#include "http/download.hpp"

#include <charconv>
#include <memory>

#include "http/gzip.hpp"

namespace http {
namespace {

std::optional<std::uint64_t> number(std::string_view s) {
  std::uint64_t v = 0;
  if (s.empty()) return std::nullopt;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return v;
}

// The tag that names the gzip-encoded variant ("\"abc\"" -> "\"abc-gz\"").
std::string gzip_tag(const std::string& etag) {
  if (etag.size() < 2) return etag;
  return etag.substr(0, etag.size() - 1) + "-gz\"";
}

// The bytes [first, last] of what source produces.
ChunkSource slice(ChunkSource source, std::uint64_t first, std::uint64_t last) {
  auto at = std::make_shared<std::uint64_t>(0);
  auto buffer = std::make_shared<std::string>();
  return [source = std::move(source), at, buffer, first, last](std::string& out) {
    for (;;) {
      buffer->clear();
      const bool more = source(*buffer);
      const std::uint64_t begin = *at, end = *at + buffer->size(); // [begin, end)
      *at = end;
      if (end > first && begin <= last) {
        const std::uint64_t from = std::max(first, begin) - begin;
        const std::uint64_t to = std::min(last + 1, end) - begin;
        out.append(*buffer, from, to - from);
      }
      if (!more || *at > last) return false;
      if (!out.empty()) return true;
    }
  };
}

ChunkSource gzipped(ChunkSource source) {
  auto encoder = std::make_shared<GzipEncoder>(5);
  auto buffer = std::make_shared<std::string>();
  auto done = std::make_shared<bool>(false);
  return [source = std::move(source), encoder, buffer, done](std::string& out) {
    while (!*done) {
      buffer->clear();
      const bool more = source(*buffer);
      encoder->write(*buffer, out);
      if (!more) {
        encoder->finish(out);
        *done = true;
        break;
      }
      if (out.size() >= 16 * 1024) return true;
    }
    return false;
  };
}

std::uint64_t count_bytes(const ChunkSource& source) {
  std::uint64_t total = 0;
  std::string buffer;
  for (bool more = true; more;) {
    buffer.clear();
    more = source(buffer);
    total += buffer.size();
  }
  return total;
}

} // namespace

bool etag_matches(std::string_view if_none_match, std::string_view etag) {
  if (if_none_match == "*") return true;
  std::size_t pos = 0;
  while (pos < if_none_match.size()) {
    std::size_t end = if_none_match.find(',', pos);
    if (end == std::string_view::npos) end = if_none_match.size();
    std::string_view tag = if_none_match.substr(pos, end - pos);
    while (!tag.empty() && tag.front() == ' ')
      tag.remove_prefix(1);
    while (!tag.empty() && tag.back() == ' ')
      tag.remove_suffix(1);
    if (tag.starts_with("W/")) tag.remove_prefix(2);
    if (tag == etag) return true;
    pos = end + 1;
  }
  return false;
}

std::optional<ByteRange> parse_range(std::string_view header, std::uint64_t length) {
  if (!header.starts_with("bytes=")) return std::nullopt;
  std::string_view spec = header.substr(6);
  while (!spec.empty() && spec.front() == ' ')
    spec.remove_prefix(1);
  while (!spec.empty() && spec.back() == ' ')
    spec.remove_suffix(1);
  if (spec.find(',') != std::string_view::npos) return std::nullopt;
  const std::size_t dash = spec.find('-');
  if (dash == std::string_view::npos) return std::nullopt;
  const std::string_view a = spec.substr(0, dash), b = spec.substr(dash + 1);
  if (a.empty()) { // suffix: the last n bytes
    const auto n = number(b);
    if (!n) return std::nullopt;
    if (*n == 0 || length == 0) return ByteRange{1, 0};
    return ByteRange{length - std::min(*n, length), length - 1};
  }
  const auto first = number(a);
  if (!first) return std::nullopt;
  std::uint64_t last = length == 0 ? 0 : length - 1;
  if (!b.empty()) {
    const auto l = number(b);
    if (!l || *l < *first) return std::nullopt;
    last = std::min(*l, last);
  }
  if (*first >= length) return ByteRange{1, 0};
  return ByteRange{*first, last};
}

Response respond_download(const Download& d, const Request& request) {
  Response r;
  r.content_type = d.content_type;
  r.compressible = false; // decided here
  r.headers.add("Cache-Control", d.cache_control);
  r.headers.add("Accept-Ranges", "bytes");
  r.headers.add("Vary", "Accept-Encoding");
  if (!d.last_modified.empty()) r.headers.add("Last-Modified", d.last_modified);
  if (!d.filename.empty())
    r.headers.add("Content-Disposition", "inline; filename=\"" + d.filename + "\"");

  const std::string_view range_header = request.header("Range");
  const std::string_view if_range = request.header("If-Range");
  const bool range_applies =
      !range_header.empty() && (if_range.empty() || if_range == d.etag ||
                                (!d.last_modified.empty() && if_range == d.last_modified));
  const bool gzip = !range_applies && accepts_gzip(request.header("Accept-Encoding")) &&
                    is_compressible(d.content_type);
  const std::string etag = gzip ? gzip_tag(d.etag) : d.etag;
  r.headers.add("ETag", etag);

  const std::string_view inm = request.header("If-None-Match");
  if (!inm.empty()
          ? (etag_matches(inm, d.etag) || etag_matches(inm, gzip_tag(d.etag)))
          : (!d.last_modified.empty() && request.header("If-Modified-Since") == d.last_modified)) {
    r.status = 304;
    return r;
  }
  if (range_applies) {
    const std::uint64_t length = count_bytes(d.open());
    if (auto range = parse_range(range_header, length)) {
      if (range->first > range->last) {
        r.status = 416;
        r.headers.add("Content-Range", "bytes */" + std::to_string(length));
        return r;
      }
      r.status = 206;
      r.headers.add("Content-Range", "bytes " + std::to_string(range->first) + "-" +
                                         std::to_string(range->last) + "/" +
                                         std::to_string(length));
      r.stream_length = range->last - range->first + 1;
      r.stream = slice(d.open(), range->first, range->last);
      return r;
    }
  }
  if (gzip) r.headers.add("Content-Encoding", "gzip");
  r.stream = gzip ? gzipped(d.open()) : d.open();
  return r;
}

} // namespace http
