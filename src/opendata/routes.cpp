#include "opendata/routes.hpp"

#include <memory>

#include "core/city_time.hpp"
#include "core/clock.hpp"
#include "http/download.hpp"
#include "http/params.hpp"
#include "http/problem.hpp"
#include "opendata/dcat.hpp"

namespace opendata {
namespace {

using http::Method;
using http::Request;
using http::Response;

Response not_found(const Request& r, const std::string& what) {
  return http::problem(404, "/problems/not-found", what, r.path);
}

// An uploaded file, read chunk by chunk while it is sent.
Response uploaded(const OpenData& open_data, const Dataset& d, const Distribution& dist,
                  const Request& r) {
  const auto info = open_data.file_info(d.name, dist.file);
  if (!info) return not_found(r, "The dataset '" + d.name + "' has no file '" + dist.file + "'.");
  http::Download file;
  file.content_type = dist.media_type == "text/csv" ? "text/csv; charset=utf-8" : dist.media_type;
  file.etag = info->etag;
  if (auto t = core::parse_iso_instant(info->uploaded_at))
    file.last_modified = core::format_http_date(*t);
  file.filename = dist.file;
  if (d.is_private) file.cache_control = "private, no-cache";
  file.open = [&open_data, name = d.name, path = dist.file, chunks = info->chunks] {
    auto seq = std::make_shared<std::int64_t>(0);
    return http::ChunkSource([&open_data, name, path, chunks, seq](std::string& out) {
      if (*seq < chunks) out += open_data.file_chunk(name, path, (*seq)++);
      return *seq < chunks;
    });
  };
  return http::respond_download(file, r);
}

Response download(OpenData& open_data, const LiveFiles& live, const Request& r) {
  const auto snap = open_data.snapshot();
  const Dataset* d = visible_dataset(*snap, r.param("dataset"), r);
  if (!d) return not_found(r, "There is no dataset '" + r.param("dataset") + "'.");
  const std::string& name = r.param("file");
  const Distribution* dist = nullptr;
  for (const auto& x : d->distributions)
    if (!x.file.empty() && x.file == name) dist = &x;
  if (!dist) return not_found(r, "The dataset '" + d->name + "' has no file '" + name + "'.");
  if (d->live_source.empty()) return uploaded(open_data, *d, *dist, r);
  auto file = live.file(d->live_source, name);
  if (!file) return not_found(r, "The dataset '" + d->name + "' has no file '" + name + "'.");
  file->last_modified =
      core::format_http_date(open_data.live_since(d->name + "/" + name, file->etag));
  if (d->is_private) file->cache_control = "private, no-cache";
  return http::respond_download(*file, r);
}

constexpr int kPageSize = 100;

Response rdf_response(std::string body, const std::string& extension) {
  return Response::text(std::move(body), *rdf_media_type(extension));
}

// modified_since as the UTC text datasets carry ("2026-11-01" or a time with offset).
std::string modified_since(const Request& r) {
  const std::string value = r.query_param("modified_since").value_or("");
  if (value.empty()) return {};
  if (core::parse_date(value)) return value;
  if (auto t = core::parse_iso_instant(value)) return core::format_utc(*t);
  http::bad_request("'modified_since' must be an ISO 8601 date or date-time with offset, e.g. "
                    "2026-11-01 or 2026-11-01T00:00:00Z.");
}

Response catalog(const OpenData& open_data, const std::string& base, const std::string& ext,
                 const Request& r) {
  const auto snap = open_data.snapshot();
  CatalogPage page;
  page.base_url = base;
  page.format = ext;
  page.page_size = kPageSize;
  page.modified_since = modified_since(r);
  page.page = static_cast<int>(http::whole_number_param(r, "page", 1, 1000000, 1));
  std::vector<const Dataset*> matching;
  for (const auto& d : snap->datasets())
    if (!d.is_private && (page.modified_since.empty() || d.modified >= page.modified_since))
      matching.push_back(&d);
  page.total = matching.size();
  const std::size_t from = static_cast<std::size_t>(page.page - 1) * kPageSize;
  if (from > 0 && from >= matching.size())
    return not_found(r, "The catalogue has no page " + std::to_string(page.page) + ".");
  std::vector<const Dataset*> on_page(
      matching.begin() + static_cast<std::ptrdiff_t>(from),
      matching.begin() + static_cast<std::ptrdiff_t>(std::min(matching.size(), from + kPageSize)));
  return rdf_response(
      serialize(catalog_graph(on_page, snap->organizations(), open_data.city(), page), ext), ext);
}

Response dataset_rdf(const OpenData& open_data, const std::string& base, const Request& r) {
  const std::string& file = r.param("file");
  const auto dot = file.rfind('.');
  const std::string ext = dot == std::string::npos ? "" : file.substr(dot + 1);
  if (!rdf_media_type(ext)) return not_found(r, "Datasets are described as .ttl, .rdf or .jsonld.");
  const auto snap = open_data.snapshot();
  const Dataset* d = visible_dataset(*snap, file.substr(0, dot), r);
  if (!d) return not_found(r, "There is no dataset '" + file.substr(0, dot) + "'.");
  Response resp = rdf_response(
      serialize(dataset_graph(*d, snap->organization(d->organization), open_data.city(), base),
                ext),
      ext);
  if (d->is_private) resp.headers.add("Cache-Control", "private, no-store");
  return resp;
}

} // namespace

bool sees_private(const http::Request& request) {
  return request.identity && (request.identity->role == http::Role::staff ||
                              request.identity->role == http::Role::admin);
}

const Dataset* visible_dataset(const Snapshot& snapshot, std::string_view name,
                               const http::Request& request) {
  const Dataset* d = snapshot.dataset(name);
  if (!d || (d->is_private && !sees_private(request))) return nullptr;
  return d;
}

void add_routes(http::Router& router, OpenData& open_data, const LiveFiles& live,
                std::string public_url) {
  while (!public_url.empty() && public_url.back() == '/')
    public_url.pop_back();
  for (std::string ext : {"ttl", "rdf", "jsonld"})
    router.add(Method::get, "/opendata/catalog." + ext, [&open_data, public_url, ext](Request& r) {
      return catalog(open_data, public_url, ext, r);
    });
  router.add(Method::get, "/opendata/dataset/{file}", [&open_data, public_url](Request& r) {
    return dataset_rdf(open_data, public_url, r);
  });
  router.add(Method::get, "/opendata/download/{dataset}/{file}",
             [&open_data, &live](Request& r) { return download(open_data, live, r); });
}

} // namespace opendata
