// gzip (RFC 1952) for text responses, with zlib.
#pragma once

#include <string>
#include <string_view>

namespace http {

// Compresses data into a gzip member. level 1 (fast) .. 9 (small).
std::string gzip_compress(std::string_view data, int level = 6);

// True when an Accept-Encoding header value allows gzip (and not with q=0).
bool accepts_gzip(std::string_view accept_encoding);

// True for textual media types worth compressing (text/*, JSON, JS, XML, SVG...).
bool is_compressible(std::string_view content_type);

} // namespace http
