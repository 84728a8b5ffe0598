// Handlers of GET /entities and POST /entityOperations/query.
#include "context/api/handlers.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <map>
#include <set>

#include "context/api/negotiation.hpp"
#include "context/api/options.hpp"
#include "core/ids.hpp"
#include "core/json.hpp"
#include "http/identity.hpp"

namespace context::api::detail {

namespace json = boost::json;
using http::Request;
using http::Response;

namespace {

struct Page {
  std::int64_t limit = kDefaultLimit;
  std::int64_t offset = 0;
  bool count = false;
};

std::int64_t integer_param(const Request& r, const char* name, std::int64_t fallback) {
  auto v = r.query_param(name);
  if (!v || v->empty()) return fallback;
  std::int64_t n = 0;
  for (const char c : *v) {
    if (c < '0' || c > '9' || n > 1'000'000'000)
      fail(ProblemType::bad_request_data,
           std::string("'") + name + "' must be a whole number not below 0");
    n = n * 10 + (c - '0');
  }
  return n;
}

Page read_page(const Request& r, const Options& o) {
  Page p;
  p.limit = integer_param(r, "limit", kDefaultLimit);
  p.offset = integer_param(r, "offset", 0);
  p.count = r.query_param("count").value_or("") == "true" || o.has("count");
  if (p.limit > kMaxLimit)
    fail(ProblemType::too_many_results, "limit must not exceed " + std::to_string(kMaxLimit));
  if (p.limit == 0 && !p.count)
    fail(ProblemType::bad_request_data, "limit=0 is only allowed with count=true");
  return p;
}

// The query string without limit/offset, for paging links.
std::string base_query(const Request& r) {
  std::string out;
  std::string_view rest = r.query;
  while (!rest.empty()) {
    const auto amp = rest.find('&');
    const std::string_view part = rest.substr(0, amp);
    rest = amp == std::string_view::npos ? std::string_view() : rest.substr(amp + 1);
    if (part.starts_with("limit=") || part.starts_with("offset=") || part.empty()) continue;
    out += std::string(part) + "&";
  }
  return out;
}

Response query_response(Deps& d, const Request& r, const Exchange& x, const Selection& sel,
                        const RenderOptions& ro, const Page& page) {
  // Without count, one match past the page tells whether there is a next page.
  std::size_t matched = 0;
  const auto found =
      d.broker.select(x.tenant, sel.type_groups, predicate(sel, true),
                      static_cast<std::size_t>(page.offset + page.limit) + (page.count ? 0 : 1),
                      page.count ? &matched : nullptr);
  json::array items;
  const auto total = static_cast<std::int64_t>(page.count ? matched : found.size());
  for (std::int64_t i = page.offset; i < total && i < page.offset + page.limit; ++i) {
    auto item = render(*found[static_cast<std::size_t>(i)], *x.ctx, ro);
    if (!item.empty()) items.push_back(std::move(item)); // pick may leave nothing
  }
  Response res = respond(std::move(items), x);
  if (page.count) res.headers.add("NGSILD-Results-Count", std::to_string(total));
  const std::string base = std::string(kRoot) + "/entities?" + base_query(r);
  if (page.limit > 0 && page.offset + page.limit < total)
    res.headers.add("Link", "<" + base + "limit=" + std::to_string(page.limit) +
                                "&offset=" + std::to_string(page.offset + page.limit) +
                                ">; rel=\"next\"; type=\"application/json\"");
  if (page.offset > 0 && page.limit > 0)
    res.headers.add("Link",
                    "<" + base + "limit=" + std::to_string(page.limit) + "&offset=" +
                        std::to_string(std::max<std::int64_t>(0, page.offset - page.limit)) +
                        ">; rel=\"prev\"; type=\"application/json\"");
  return res;
}

} // namespace

Selection selection_from_query(const Request& r, const jsonld::Context& ctx,
                               const RenderOptions& ro) {
  Selection sel;
  if (auto t = r.query_param("type"); t && !t->empty()) sel.type_groups = parse_types(*t, ctx);
  for (const auto& id : split(r.query_param("id").value_or(""), ',')) {
    if (!is_uri(id)) fail(ProblemType::bad_request_data, "id must be a list of URIs");
    sel.ids.insert(id);
  }
  sel.id_pattern = r.query_param("idPattern").value_or("");
  sel.attrs = ro.attrs;
  if (auto q = r.query_param("q"); q && !q->empty()) {
    sel.q = query::parse(*q);
    query::expand_names(*sel.q, ctx);
  }
  if (r.query_param("georel") || r.query_param("geometry") || r.query_param("coordinates"))
    sel.geo = query::GeoQuery::parse(
        r.query_param("georel").value_or(""), r.query_param("geometry").value_or(""),
        r.query_param("coordinates").value_or(""), r.query_param("geoproperty").value_or(""), ctx);
  return sel;
}

Response query_entities(Deps& d, Request& r) {
  const Exchange x = read_exchange(r, d.resolver);
  const Options o = read_options(r);
  const RenderOptions ro = render_options(r, o, *x.ctx);
  const Page page = read_page(r, o);
  Selection sel = selection_from_query(r, *x.ctx, ro);
  if (sel.empty())
    fail(ProblemType::bad_request_data,
         "a query needs at least one of type, id, idPattern, attrs, q or a geo-query");
  if (!d.broker.tenant_exists(x.tenant))
    fail(ProblemType::nonexistent_tenant, "the tenant '" + x.tenant + "' does not exist");
  return query_response(d, r, x, sel, ro, page);
}

Response query_post(Deps& d, Request& r) {
  auto p = read_payload(r, d.resolver);
  const json::object& body = require_object(p.body);
  if (const auto* t = body.if_contains("type"); !t || !t->is_string() || t->as_string() != "Query")
    fail(ProblemType::bad_request_data, "the body must be a Query (\"type\": \"Query\")");
  const Options o = read_options(r);
  RenderOptions ro = render_options(r, o, *p.exchange.ctx);
  const Page page = read_page(r, o);
  Selection sel;
  const auto& ctx = *p.exchange.ctx;
  if (const auto* ents = body.if_contains("entities")) {
    if (!ents->is_array()) fail(ProblemType::bad_request_data, "entities must be an array");
    for (const auto& item : ents->as_array()) {
      if (!item.is_object()) fail(ProblemType::bad_request_data, "entities must hold objects");
      const auto& sel_item = item.as_object();
      if (const auto* t = sel_item.if_contains("type"); t && t->is_string()) {
        auto groups = parse_types(t->as_string(), ctx);
        sel.type_groups.insert(sel.type_groups.end(), groups.begin(), groups.end());
      }
      if (const auto* id = sel_item.if_contains("id"); id && id->is_string())
        sel.ids.insert(std::string(id->as_string()));
      if (const auto* ip = sel_item.if_contains("idPattern"); ip && ip->is_string())
        sel.id_pattern = std::string(ip->as_string());
    }
  }
  if (const auto* attrs = body.if_contains("attrs")) {
    if (!attrs->is_array()) fail(ProblemType::bad_request_data, "attrs must be an array");
    for (const auto& a : attrs->as_array()) {
      if (!a.is_string() || !valid_name(a.as_string()))
        fail(ProblemType::bad_request_data, "attrs must hold attribute names");
      ro.attrs.insert(ctx.expand(a.as_string()));
    }
    sel.attrs = ro.attrs;
  }
  if (const auto* q = body.if_contains("q")) {
    if (!q->is_string()) fail(ProblemType::bad_request_data, "q must be a string");
    sel.q = query::parse(q->as_string());
    query::expand_names(*sel.q, ctx);
  }
  if (const auto* g = body.if_contains("geoQ")) {
    if (!g->is_object()) fail(ProblemType::bad_request_data, "geoQ must be an object");
    const auto& geo = g->as_object();
    auto text = [&](const char* name) -> std::string {
      const auto* v = geo.if_contains(name);
      if (!v) return {};
      if (v->is_string()) return std::string(v->as_string());
      if (std::string_view(name) == "coordinates") return core::json::dump(*v);
      fail(ProblemType::bad_request_data, std::string("geoQ.") + name + " must be a string");
    };
    sel.geo = query::GeoQuery::parse(text("georel"), text("geometry"), text("coordinates"),
                                     text("geoproperty"), ctx);
  }
  if (sel.empty()) fail(ProblemType::bad_request_data, "a query needs entities, attrs or q");
  Exchange x = p.exchange;
  if (!r.header("Accept").empty()) x.ld_response = read_exchange(r, d.resolver).ld_response;
  if (!d.broker.tenant_exists(x.tenant))
    fail(ProblemType::nonexistent_tenant, "the tenant '" + x.tenant + "' does not exist");
  return query_response(d, r, x, sel, ro, page);
}

} // namespace context::api::detail
