#include "opendata/routes.hpp"

#include "core/clock.hpp"
#include "http/download.hpp"
#include "http/problem.hpp"

namespace opendata {
namespace {

using http::Method;
using http::Request;
using http::Response;

Response not_found(const Request& r, const std::string& what) {
  return http::problem(404, "/problems/not-found", what, r.path);
}

Response download(OpenData& open_data, const LiveFiles& live, const Request& r) {
  const auto snap = open_data.snapshot();
  const Dataset* d = visible_dataset(*snap, r.param("dataset"), r);
  if (!d) return not_found(r, "There is no dataset '" + r.param("dataset") + "'.");
  const std::string& name = r.param("file");
  const Distribution* dist = nullptr;
  for (const auto& x : d->distributions)
    if (!x.file.empty() && x.file == name) dist = &x;
  if (!dist || d->live_source.empty())
    return not_found(r, "The dataset '" + d->name + "' has no file '" + name + "'.");
  auto file = live.file(d->live_source, name);
  if (!file) return not_found(r, "The dataset '" + d->name + "' has no file '" + name + "'.");
  file->last_modified =
      core::format_http_date(open_data.live_since(d->name + "/" + name, file->etag));
  if (d->is_private) file->cache_control = "private, no-cache";
  return http::respond_download(*file, r);
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

void add_routes(http::Router& router, OpenData& open_data, const LiveFiles& live) {
  router.add(Method::get, "/opendata/download/{dataset}/{file}",
             [&open_data, &live](Request& r) { return download(open_data, live, r); });
}

} // namespace opendata
