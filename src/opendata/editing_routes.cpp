// Staff editing of datasets: /api/opendata/datasets (create),
// /api/opendata/datasets/{name} (read with ETag, replace with If-Match),
// .../publish and .../unpublish, .../history. Staff change the datasets of
// the organization whose title is their department; admins all.
#include <boost/json.hpp>

#include <charconv>

#include "core/error.hpp"
#include "core/json.hpp"
#include "http/identity.hpp"
#include "http/openapi_doc.hpp"
#include "http/params.hpp"
#include "http/problem.hpp"
#include "opendata/detect.hpp"
#include "opendata/routes.hpp"

namespace opendata {
namespace {

namespace json = boost::json;
using http::Method;
using http::Request;
using http::Response;

constexpr std::size_t kBodyLimit = 256 * 1024;
// Largest uploaded file.
constexpr std::size_t kUploadLimit = 16 * 1024 * 1024;

const http::Identity& editor(const Request& r) {
  return http::require_role(r, {http::Role::staff, http::Role::admin});
}

// Staff may change datasets of their department's organization only.
bool may_change(const http::Identity& who, const Snapshot& snap, const std::string& organization) {
  if (who.role == http::Role::admin) return true;
  const Organization* org = snap.organization(organization);
  return org && org->title == who.department;
}

void require_department(const http::Identity& who, const Snapshot& snap,
                        const std::string& organization) {
  if (!may_change(who, snap, organization))
    throw core::Error(core::ErrorKind::forbidden, "Staff of " + who.department +
                                                      " cannot change datasets of '" +
                                                      organization + "'.");
}

Dataset parse_dataset(const Request& r) {
  const json::object body = core::json::parse_object(r.body);
  std::vector<FieldError> errors;
  Dataset d = dataset_from_json(body, errors);
  if (!errors.empty()) {
    json::array list;
    for (const auto& e : errors)
      list.push_back({{"field", e.field}, {"message", e.message}});
    throw core::Error(core::ErrorKind::unprocessable,
                      "The dataset breaks " + std::to_string(errors.size()) + " rule(s).",
                      core::json::dump(json::object{{"errors", std::move(list)}}));
  }
  return d;
}

Response with_record(const Dataset& d, int status) {
  Response r = Response::json(core::json::dump(to_json(d)), status);
  r.headers.add("ETag", "\"" + std::to_string(d.version) + "\"");
  r.headers.add("Cache-Control", "no-store");
  return r;
}

std::int64_t if_match_version(const Request& r) {
  const std::string_view v = r.header("If-Match");
  if (v.empty())
    throw core::Error(core::ErrorKind::precondition_required,
                      "Send If-Match with the ETag of the dataset you read, e.g. If-Match: \"3\".");
  std::int64_t n = 0;
  if (v.size() < 3 || v.front() != '"' || v.back() != '"' ||
      std::from_chars(v.data() + 1, v.data() + v.size() - 1, n).ptr != v.data() + v.size() - 1 ||
      n <= 0)
    throw core::Error(core::ErrorKind::precondition_failed,
                      "If-Match must name one version of the dataset, e.g. \"3\".");
  return n;
}

Response saved(OpenData& od, const Request& r, SaveStatus status, const std::string& name,
               bool created) {
  if (status == SaveStatus::stale)
    throw core::Error(created ? core::ErrorKind::conflict : core::ErrorKind::precondition_failed,
                      created ? "A dataset named '" + name + "' exists."
                              : "The dataset was changed meanwhile; read it again.");
  const Dataset* d = od.snapshot()->dataset(name);
  if (!d) throw core::Error(core::ErrorKind::internal, "saved dataset missing");
  Response resp = with_record(*d, created ? 201 : 200);
  if (created) resp.headers.add("Location", "/api/opendata/datasets/" + name);
  (void)r;
  return resp;
}

Response create(OpenData& od, const Request& r) {
  const auto& who = editor(r);
  Dataset d = parse_dataset(r);
  require_department(who, *od.snapshot(), d.organization);
  return saved(od, r, od.save(d, std::int64_t{0}, who.username), d.name, true);
}

Response read(OpenData& od, const Request& r) {
  const auto snap = od.snapshot();
  const Dataset* d = visible_dataset(*snap, r.param("name"), r);
  if (!d)
    throw core::Error(core::ErrorKind::not_found, "There is no dataset '" + r.param("name") + "'.");
  return with_record(*d, 200);
}

Response replace(OpenData& od, const Request& r) {
  const auto& who = editor(r);
  const auto snap = od.snapshot();
  const Dataset* stored = snap->dataset(r.param("name"));
  if (!stored)
    throw core::Error(core::ErrorKind::not_found, "There is no dataset '" + r.param("name") + "'.");
  require_department(who, *snap, stored->organization);
  const std::int64_t version = if_match_version(r);
  Dataset d = parse_dataset(r);
  if (d.name != stored->name)
    throw core::Error(core::ErrorKind::unprocessable, "The name of a dataset cannot change.");
  require_department(who, *snap, d.organization);
  return saved(od, r, od.save(d, version, who.username), d.name, false);
}

Response set_private(OpenData& od, const Request& r, bool is_private) {
  const auto& who = editor(r);
  const auto snap = od.snapshot();
  const Dataset* stored = snap->dataset(r.param("name"));
  if (!stored)
    throw core::Error(core::ErrorKind::not_found, "There is no dataset '" + r.param("name") + "'.");
  require_department(who, *snap, stored->organization);
  Dataset d = *stored;
  d.is_private = is_private;
  const SaveStatus status = od.save(d, stored->version, who.username);
  if (status == SaveStatus::unchanged) return with_record(*stored, 200);
  return saved(od, r, status, d.name, false);
}

// A file name: a slug and the extension of its type ("bezirke-2026.csv").
bool valid_file_name(const std::string& name) {
  const auto dot = name.rfind('.');
  if (dot == std::string::npos) return false;
  const std::string ext = name.substr(dot + 1);
  return is_slug(name.substr(0, dot)) &&
         (ext == "csv" || ext == "json" || ext == "geojson" || ext == "xlsx" || ext == "pdf");
}

Response upload(OpenData& od, const Request& r) {
  const auto& who = editor(r);
  const auto snap = od.snapshot();
  const Dataset* stored = snap->dataset(r.param("name"));
  if (!stored)
    throw core::Error(core::ErrorKind::not_found, "There is no dataset '" + r.param("name") + "'.");
  require_department(who, *snap, stored->organization);
  const std::string& file = r.param("file");
  if (!valid_file_name(file))
    http::bad_request("The file name must be a slug with the extension of its type: "
                      ".csv, .json, .geojson, .xlsx or .pdf (e.g. bezirke-2026.csv).");
  const std::int64_t version = if_match_version(r);
  std::string why;
  const auto type = detect_file_type(r.body, why);
  if (!type)
    throw core::Error(core::ErrorKind::unsupported,
                      "Accepted are CSV (RFC 4180, UTF-8), JSON, GeoJSON, XLSX and PDF; this is " +
                          why + ".");
  if (file.substr(file.rfind('.') + 1) != type->extension)
    throw core::Error(core::ErrorKind::unsupported, "The content is " + type->format +
                                                        ", so the name must end in ." +
                                                        type->extension + ".");
  const SaveStatus status =
      od.upload(stored->name, version, file, r.query_param("title").value_or(""), r.body,
                type->format, type->media_type, who.username);
  return saved(od, r, status, stored->name, false);
}

// Every dataset of the catalogue, private ones too, with what the staff list
// shows: whether the platform generates its files and whether the caller may
// change it.
Response list(OpenData& od, const Request& r) {
  const auto& who = editor(r);
  const auto snap = od.snapshot();
  json::array items;
  for (const auto& d : snap->datasets()) {
    const Organization* org = snap->organization(d.organization);
    const std::string org_title = org ? org->title : d.organization;
    items.push_back({{"name", d.name},
                     {"title", d.title},
                     {"organization", d.organization},
                     {"organization_title", org_title},
                     {"private", d.is_private},
                     {"modified", d.modified},
                     {"version", d.version},
                     {"live_source", d.live_source},
                     {"files", d.distributions.size()},
                     {"editable", may_change(who, *snap, d.organization)}});
  }
  Response resp = Response::json(core::json::dump(json::object{{"items", std::move(items)}}));
  resp.headers.add("Cache-Control", "no-store");
  return resp;
}

Response history(OpenData& od, const Request& r) {
  editor(r);
  const auto entries = od.history("dataset", r.param("name"));
  if (entries.empty())
    throw core::Error(core::ErrorKind::not_found, "There is no dataset '" + r.param("name") + "'.");
  json::array items;
  for (const auto& e : entries)
    items.push_back({{"version", e.version},
                     {"at", e.at},
                     {"actor", e.actor},
                     {"record", core::json::parse(e.doc)}});
  Response resp = Response::json(core::json::dump(json::object{{"items", std::move(items)}}));
  resp.headers.add("Cache-Control", "no-store");
  return resp;
}

std::string doc(const char* id, const char* summary, bool body, bool name, bool if_match,
                std::initializer_list<std::pair<const char*, const char*>> problems,
                const char* ok_status = "200") {
  http::openapi::Operation op(id, "Offene Daten (Redaktion)", summary);
  if (name) op.path("name", "The dataset's name (slug)");
  if (if_match)
    op.param("If-Match", "header", "string", "The ETag of the version you read, e.g. \"3\"", true);
  const json::value record = json::object{
      {"type", "object"},
      {"description", "A dataset: name, title, notes, organization, contact_email or "
                      "contact_url, license (dcat-ap.de code), attribution, themes, keywords, "
                      "temporal_start/end, issued, accrual_periodicity, live_source, private, "
                      "usage {personal_data, purpose, retention, quality}, distributions"}};
  if (body) op.body(record);
  op.response(ok_status, "The dataset (ETag: its version)", record);
  for (const auto& [status, text] : problems)
    op.problem(status, text);
  return op.json();
}

} // namespace

void add_editing_routes(http::Router& router, OpenData& od) {
  auto options = [](std::string openapi) {
    http::RouteOptions o;
    o.body_limit = kBodyLimit;
    o.openapi = std::move(openapi);
    return o;
  };
  router.add(
      Method::post, "/api/opendata/datasets", [&od](Request& r) { return create(od, r); },
      options(doc("createDataset", "Create a dataset (staff of its organization, admin)", true,
                  false, false,
                  {{"400", "Malformed JSON"},
                   {"401", "Not logged in"},
                   {"403", "Not staff of the organization"},
                   {"409", "The name is taken"},
                   {"422", "Invalid fields (errors lists them)"}},
                  "201")));
  {
    http::openapi::Operation op("listDatasetsForEditing", "Offene Daten (Redaktion)",
                                "Every dataset, published or not (staff, admin)",
                                "items: name, title, organization, organization_title, private, "
                                "modified, version, live_source (non-empty: files generated by "
                                "the platform), files (count), editable (the caller may change "
                                "it).");
    op.response("200", "The datasets by name", json::object{{"type", "object"}});
    op.problem("401", "Not logged in").problem("403", "Not staff");
    router.add(
        Method::get, "/api/opendata/datasets", [&od](Request& r) { return list(od, r); },
        options(op.json()));
  }
  router.add(
      Method::get, "/api/opendata/datasets/{name}", [&od](Request& r) { return read(od, r); },
      options(doc("getDataset", "A dataset's record with its version (ETag)", false, true, false,
                  {{"404", "Unknown (or private and not staff)"}})));
  router.add(
      Method::put, "/api/opendata/datasets/{name}", [&od](Request& r) { return replace(od, r); },
      options(doc("replaceDataset", "Replace a dataset (optimistic locking with If-Match)", true,
                  true, true,
                  {{"400", "Malformed JSON"},
                   {"401", "Not logged in"},
                   {"403", "Not staff of the organization"},
                   {"404", "Unknown dataset"},
                   {"412", "Stale If-Match"},
                   {"422", "Invalid fields"},
                   {"428", "If-Match is missing"}})));
  router.add(
      Method::post, "/api/opendata/datasets/{name}/publish",
      [&od](Request& r) { return set_private(od, r, false); },
      options(doc("publishDataset", "Publish a dataset (private = false)", false, true, false,
                  {{"401", "Not logged in"},
                   {"403", "Not staff of the organization"},
                   {"404", "Unknown dataset"}})));
  router.add(
      Method::post, "/api/opendata/datasets/{name}/unpublish",
      [&od](Request& r) { return set_private(od, r, true); },
      options(doc("unpublishDataset", "Withdraw a dataset (private = true)", false, true, false,
                  {{"401", "Not logged in"},
                   {"403", "Not staff of the organization"},
                   {"404", "Unknown dataset"}})));
  {
    http::openapi::Operation op("uploadDatasetFile", "Offene Daten (Redaktion)",
                                "Upload a file of a dataset (staff of its organization, admin)",
                                "The body is the file (at most 16 MiB). Its type is recognised "
                                "from the content (CSV per RFC 4180 in UTF-8, JSON, GeoJSON, "
                                "XLSX, PDF), never from the name or Content-Type; the name's "
                                "extension must match it. The file becomes a distribution of "
                                "the dataset (a new version), downloadable at "
                                "/opendata/download/{name}/{file}.");
    op.path("name", "The dataset's name").path("file", "The file name, e.g. bezirke-2026.csv");
    op.param("If-Match", "header", "string", "The ETag of the dataset version you read", true);
    op.query("title", "string", "The distribution's title (default: the file name)");
    op.body_object(json::object{{"required", true},
                                {"content",
                                 {{"application/octet-stream",
                                   {{"schema", {{"type", "string"}, {"format", "binary"}}}}}}}});
    op.response("200", "The dataset with the new distribution", json::object{{"type", "object"}});
    for (const auto& [status, text] : std::initializer_list<std::pair<const char*, const char*>>{
             {"400", "Bad file name"},
             {"401", "Not logged in"},
             {"403", "Not staff of the organization"},
             {"404", "Unknown dataset"},
             {"412", "Stale If-Match"},
             {"413", "Larger than 16 MiB"},
             {"415", "Not a CSV, JSON, GeoJSON, XLSX or PDF file, or the name does not match"},
             {"422", "A live dataset"},
             {"428", "If-Match is missing"}})
      op.problem(status, text);
    http::RouteOptions o;
    o.body_limit = kUploadLimit;
    o.openapi = op.json();
    router.add(
        Method::put, "/api/opendata/datasets/{name}/files/{file}",
        [&od](Request& r) { return upload(od, r); }, o);
  }
  router.add(
      Method::get, "/api/opendata/datasets/{name}/history",
      [&od](Request& r) { return history(od, r); },
      options(doc("datasetHistory", "Every version of a dataset (staff, admin)", false, true, false,
                  {{"401", "Not logged in"}, {"403", "Not staff"}, {"404", "Unknown dataset"}})));
}

} // namespace opendata
