#include "http/gzip.hpp"

#include <zlib.h>

#include <stdexcept>

namespace http {

struct GzipEncoder::State {
  z_stream zs{};
};

GzipEncoder::GzipEncoder(int level) : state_(std::make_unique<State>()) {
  // windowBits 15 + 16 selects the gzip wrapper.
  if (deflateInit2(&state_->zs, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
    throw std::runtime_error("deflateInit2 failed");
}

GzipEncoder::~GzipEncoder() { deflateEnd(&state_->zs); }

namespace {

void pump(z_stream& zs, std::string_view data, int flush, std::string& out) {
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  int rc = Z_OK;
  do {
    const std::size_t before = out.size();
    const std::size_t room = deflateBound(&zs, zs.avail_in) + 64;
    out.resize(before + room);
    zs.next_out = reinterpret_cast<Bytef*>(out.data() + before);
    zs.avail_out = static_cast<uInt>(room);
    rc = deflate(&zs, flush);
    out.resize(before + room - zs.avail_out);
    if (rc == Z_STREAM_ERROR) throw std::runtime_error("deflate failed");
  } while (zs.avail_in > 0 || zs.avail_out == 0 || (flush == Z_FINISH && rc != Z_STREAM_END));
}

} // namespace

void GzipEncoder::write(std::string_view data, std::string& out) {
  // Large inputs go in pieces so that avail_in (an unsigned int) never overflows.
  constexpr std::size_t kPiece = 1 << 24;
  for (std::size_t at = 0; at < data.size(); at += kPiece)
    pump(state_->zs, data.substr(at, kPiece), Z_NO_FLUSH, out);
}

void GzipEncoder::finish(std::string& out) { pump(state_->zs, {}, Z_FINISH, out); }

std::string gzip_compress(std::string_view data, int level) {
  GzipEncoder encoder(level);
  std::string out;
  out.reserve(data.size() / 3 + 64);
  encoder.write(data, out);
  encoder.finish(out);
  return out;
}

bool accepts_gzip(std::string_view header) {
  std::size_t pos = 0;
  while (pos < header.size()) {
    std::size_t end = header.find(',', pos);
    if (end == std::string_view::npos) end = header.size();
    std::string_view item = header.substr(pos, end - pos);
    pos = end + 1;
    while (!item.empty() && item.front() == ' ')
      item.remove_prefix(1);
    const std::size_t semi = item.find(';');
    std::string_view coding = item.substr(0, semi);
    while (!coding.empty() && coding.back() == ' ')
      coding.remove_suffix(1);
    if (coding != "gzip" && coding != "*") continue;
    if (semi == std::string_view::npos) return true;
    std::string_view params = item.substr(semi + 1);
    const std::size_t q = params.find("q=");
    if (q == std::string_view::npos) return true;
    std::string_view value = params.substr(q + 2);
    // q=0, q=0.0, q=0.000 mean "not acceptable".
    bool zero = !value.empty() && value.front() == '0';
    for (std::size_t i = 1; zero && i < value.size() && value[i] != ';' && value[i] != ' '; ++i)
      if (value[i] != '.' && value[i] != '0') zero = false;
    return !zero;
  }
  return false;
}

bool is_compressible(std::string_view type) {
  return type.starts_with("text/") || type.find("json") != std::string_view::npos ||
         type.find("javascript") != std::string_view::npos ||
         type.find("xml") != std::string_view::npos || type.starts_with("image/svg") ||
         type.starts_with("application/wasm") || type.find("turtle") != std::string_view::npos;
}

} // namespace http
