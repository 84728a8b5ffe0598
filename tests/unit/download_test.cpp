// Streamed downloads: byte ranges, the streaming gzip encoder, slicing and
// conditional answers of http::respond_download, and the CSV writer.
#include "http/download.hpp"

#include <gtest/gtest.h>
#include <zlib.h>

#include "http/gzip.hpp"
#include "opendata/csv.hpp"

namespace {

std::string gunzip(const std::string& data) {
  z_stream zs{};
  inflateInit2(&zs, 15 + 16);
  std::string out(8 << 20, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  const int rc = inflate(&zs, Z_FINISH);
  out.resize(zs.total_out);
  inflateEnd(&zs);
  EXPECT_EQ(rc, Z_STREAM_END);
  return out;
}

// A file of `n` numbered lines, produced 7 lines at a time.
http::Download numbers(int n) {
  http::Download d;
  d.content_type = "text/plain";
  d.etag = "\"n\"";
  d.last_modified = "Thu, 26 Nov 2026 12:00:00 GMT";
  d.open = [n] {
    auto i = std::make_shared<int>(0);
    return http::ChunkSource([n, i](std::string& out) {
      for (int k = 0; k < 7 && *i < n; ++k, ++*i)
        out += std::to_string(*i) + "\n";
      return *i < n;
    });
  };
  return d;
}

std::string drain(const http::Response& r) {
  std::string all, piece;
  for (bool more = true; more;) {
    piece.clear();
    more = r.stream(piece);
    all += piece;
  }
  return all;
}

std::string whole(int n) {
  std::string s;
  for (int i = 0; i < n; ++i)
    s += std::to_string(i) + "\n";
  return s;
}

TEST(Download, ParsesOneByteRange) {
  using http::parse_range;
  EXPECT_FALSE(parse_range("", 100));
  EXPECT_FALSE(parse_range("bytes=1-2,4-5", 100));
  EXPECT_FALSE(parse_range("bytes=x-2", 100));
  EXPECT_FALSE(parse_range("bytes=5-2", 100));
  EXPECT_FALSE(parse_range("bytes=99999999999999999999999-", 100));
  auto r = parse_range("bytes=10-19", 100);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->first, 10u);
  EXPECT_EQ(r->last, 19u);
  r = parse_range("bytes=90-200", 100);
  EXPECT_EQ(r->last, 99u);
  r = parse_range("bytes=-30", 100);
  EXPECT_EQ(r->first, 70u);
  r = parse_range("bytes=-300", 100);
  EXPECT_EQ(r->first, 0u);
  r = parse_range("bytes=100-", 100);
  EXPECT_GT(r->first, r->last); // unsatisfiable
}

TEST(Download, StreamedGzipEqualsTheInput) {
  std::string input;
  for (int i = 0; i < 200000; ++i)
    input += "Zeile " + std::to_string(i * 7919 % 1000) + "\n";
  http::GzipEncoder encoder(5);
  std::string out;
  for (std::size_t at = 0; at < input.size(); at += 1000)
    encoder.write(std::string_view(input).substr(at, 1000), out);
  encoder.finish(out);
  EXPECT_LT(out.size(), input.size() / 4);
  EXPECT_EQ(gunzip(out), input);
  EXPECT_EQ(gunzip(http::gzip_compress("")), "");
}

TEST(Download, RangesSliceTheStreamAcrossPieces) {
  const auto d = numbers(1000);
  const std::string all = whole(1000);
  http::Request req;
  req.headers.add("Range", "bytes=13-2000");
  auto r = http::respond_download(d, req);
  EXPECT_EQ(r.status, 206);
  EXPECT_EQ(drain(r), all.substr(13, 2000 - 13 + 1));
  EXPECT_EQ(*r.stream_length, 2000u - 13 + 1);
  EXPECT_EQ(r.headers.get("Content-Range"), "bytes 13-2000/" + std::to_string(all.size()));
}

TEST(Download, ConditionalAndGzip) {
  const auto d = numbers(5000);
  http::Request req;
  req.headers.add("If-None-Match", "\"x\", \"n\"");
  EXPECT_EQ(http::respond_download(d, req).status, 304);
  http::Request since;
  since.headers.add("If-Modified-Since", d.last_modified);
  EXPECT_EQ(http::respond_download(d, since).status, 304);
  http::Request zipped;
  zipped.headers.add("Accept-Encoding", "gzip");
  auto r = http::respond_download(d, zipped);
  EXPECT_EQ(r.headers.get("Content-Encoding"), "gzip");
  EXPECT_EQ(r.headers.get("ETag"), "\"n-gz\"");
  EXPECT_EQ(gunzip(drain(r)), whole(5000));
}

TEST(Csv, QuotesOnlyWhatNeedsIt) {
  std::string out;
  opendata::csv::row(out, {"a", "b,c", "d\"e", "f\r\ng", "", "Grüße"});
  EXPECT_EQ(out, "a,\"b,c\",\"d\"\"e\",\"f\r\ng\",,Grüße\r\n");
}

} // namespace
