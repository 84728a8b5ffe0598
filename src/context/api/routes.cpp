#include "context/api/routes.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <map>
#include <set>

#include "context/api/negotiation.hpp"
#include "context/api/options.hpp"
#include "core/ids.hpp"
#include "core/json.hpp"
#include "http/identity.hpp"

namespace context::api {
namespace {

namespace json = boost::json;
using http::Method;
using http::Request;
using http::Response;

constexpr std::string_view kRoot = "/ngsi-ld/v1";
constexpr std::int64_t kDefaultLimit = 20;
constexpr std::int64_t kMaxLimit = 1000;
constexpr std::size_t kMaxBatch = 10000;
constexpr std::size_t kBatchBodyLimit = 32 * 1024 * 1024;

struct Deps {
  Broker& broker;
  const jsonld::Resolver& resolver;
  AccessPolicy policy;
};

bool same_key(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  unsigned char diff = 0;
  for (std::size_t i = 0; i < a.size(); ++i)
    diff |= static_cast<unsigned char>(a[i] ^ b[i]);
  return diff == 0;
}

void require_writer(const Request& r, const AccessPolicy& policy) {
  if (r.identity &&
      (r.identity->role == http::Role::staff || r.identity->role == http::Role::admin))
    return;
  std::string_view key = r.header("X-Api-Key");
  if (key.empty()) {
    const std::string_view auth = r.header("Authorization");
    if (auth.starts_with("Bearer ")) key = auth.substr(7);
  }
  if (!key.empty())
    for (const auto& k : policy.api_keys)
      if (same_key(key, k)) return;
  fail(key.empty() ? ProblemType::unauthorized : ProblemType::forbidden,
       key.empty() ? "writing needs an API key (X-Api-Key) or a staff session"
                   : "the API key is not valid");
}

std::string entity_id_param(const Request& r) {
  const std::string& id = r.param("id");
  if (!is_uri(id)) fail(ProblemType::bad_request_data, "the entity id must be a URI");
  return id;
}

std::string attr_param(const Request& r, const jsonld::Context& ctx) {
  const std::string& name = r.param("attr");
  if (!valid_name(name)) fail(ProblemType::bad_request_data, "invalid attribute name");
  return ctx.expand(name);
}

const json::object& require_object(const json::value& v) {
  if (!v.is_object()) fail(ProblemType::bad_request_data, "the body must be a JSON object");
  return v.as_object();
}

EntityPtr require_entity(const Deps& d, const Exchange& x, const std::string& id) {
  if (!d.broker.tenant_exists(x.tenant))
    fail(ProblemType::nonexistent_tenant, "the tenant '" + x.tenant + "' does not exist");
  auto e = d.broker.get(x.tenant, id);
  if (!e) fail(ProblemType::resource_not_found, "no entity " + id);
  return e;
}

json::object problem_json(const Problem& p) {
  return {{"type", type_uri(p.type)},
          {"title", title(p.type)},
          {"status", status_of(p.type)},
          {"detail", p.detail}};
}

// 204 when everything was updated, else 207 with updated / notUpdated.
Response merge_response(const MergeResult& m, const Exchange& x) {
  if (m.not_updated.empty()) return respond_empty(204, x);
  json::array updated, not_updated;
  for (const auto& u : m.updated)
    updated.push_back(json::string(u));
  for (const auto& n : m.not_updated)
    not_updated.push_back(json::object{{"attributeName", n.attr}, {"reason", n.reason}});
  Exchange plain = x;
  plain.ld_response = false;
  Response res =
      respond(json::object{{"updated", std::move(updated)}, {"notUpdated", std::move(not_updated)}},
              plain, 207);
  res.headers.set("Link", "");
  return res;
}

// ---- entities ----

Response create_entity(Deps& d, Request& r) {
  require_writer(r, d.policy);
  auto p = read_payload(r, d.resolver);
  Entity e = parse_entity(require_object(p.body), *p.exchange.ctx, d.broker.now());
  const std::string id = e.id;
  d.broker.create(p.exchange.tenant, std::move(e));
  Response res = respond_empty(201, p.exchange);
  res.headers.add("Location", std::string(kRoot) + "/entities/" + id);
  return res;
}

Response retrieve_entity(Deps& d, Request& r) {
  const std::string id = entity_id_param(r);
  const Exchange x = read_exchange(r, d.resolver);
  const Options o = read_options(r);
  const RenderOptions ro = render_options(r, o, *x.ctx);
  auto e = require_entity(d, x, id);
  if (!ro.attrs.empty() || !ro.lang.empty() || !ro.pick.empty() || !ro.omit.empty())
    return respond(render(*e, *x.ctx, ro), x);
  // The whole entity: served from the entity's render cache when the last
  // request had the same context and shape.
  const unsigned shape =
      (ro.key_values ? 1u : 0u) | (ro.sys_attrs ? 2u : 0u) | (x.ld_response ? 4u : 0u);
  if (auto slot = e->rendered.get();
      slot && slot->context_serial == x.ctx->serial() && slot->shape == shape)
    return respond_serialized(slot->body, x);
  auto slot = std::make_shared<RenderCache::Slot>();
  slot->context_serial = x.ctx->serial();
  slot->shape = shape;
  slot->body = core::json::dump(with_context(render(*e, *x.ctx, ro), x));
  e->rendered.put(slot);
  return respond_serialized(slot->body, x);
}

Response delete_entity(Deps& d, Request& r) {
  require_writer(r, d.policy);
  const std::string id = entity_id_param(r);
  const Exchange x = read_exchange(r, d.resolver);
  require_entity(d, x, id);
  d.broker.remove(x.tenant, id);
  return respond_empty(204, x);
}

Response append_attrs(Deps& d, Request& r) {
  require_writer(r, d.policy);
  const std::string id = entity_id_param(r);
  auto p = read_payload(r, d.resolver);
  const Options o = read_options(r);
  Entity fragment = parse_entity(require_object(p.body), *p.exchange.ctx, d.broker.now(), false);
  if (!fragment.id.empty() && fragment.id != id)
    fail(ProblemType::bad_request_data, "the id in the body differs from the URL");
  require_entity(d, p.exchange, id);
  const MergeResult m =
      d.broker.append(p.exchange.tenant, id, fragment, o.has("noOverwrite"), *p.exchange.ctx);
  return merge_response(m, p.exchange);
}

Response update_attrs(Deps& d, Request& r) {
  require_writer(r, d.policy);
  const std::string id = entity_id_param(r);
  auto p = read_payload(r, d.resolver);
  Entity fragment = parse_entity(require_object(p.body), *p.exchange.ctx, d.broker.now(), false);
  require_entity(d, p.exchange, id);
  const MergeResult m = d.broker.update(p.exchange.tenant, id, fragment, *p.exchange.ctx);
  return merge_response(m, p.exchange);
}

Response merge_entity(Deps& d, Request& r) {
  require_writer(r, d.policy);
  const std::string id = entity_id_param(r);
  auto p = read_payload(r, d.resolver, true);
  Entity fragment = parse_entity(require_object(p.body), *p.exchange.ctx, d.broker.now(), false);
  if (!fragment.id.empty() && fragment.id != id)
    fail(ProblemType::bad_request_data, "the id in the body differs from the URL");
  require_entity(d, p.exchange, id);
  d.broker.merge(p.exchange.tenant, id, fragment, *p.exchange.ctx);
  return respond_empty(204, p.exchange);
}

Response replace_entity(Deps& d, Request& r) {
  require_writer(r, d.policy);
  const std::string id = entity_id_param(r);
  auto p = read_payload(r, d.resolver);
  Entity e = parse_entity(require_object(p.body), *p.exchange.ctx, d.broker.now(), false);
  if (!e.id.empty() && e.id != id)
    fail(ProblemType::bad_request_data, "the id in the body differs from the URL");
  if (e.types.empty()) fail(ProblemType::bad_request_data, "the entity needs a 'type'");
  require_entity(d, p.exchange, id);
  d.broker.replace(p.exchange.tenant, id, std::move(e));
  return respond_empty(204, p.exchange);
}

Response partial_attr_update(Deps& d, Request& r) {
  require_writer(r, d.policy);
  const std::string id = entity_id_param(r);
  auto p = read_payload(r, d.resolver);
  const std::string attr = attr_param(r, *p.exchange.ctx);
  require_entity(d, p.exchange, id);
  d.broker.partial_update(p.exchange.tenant, id, attr, require_object(p.body), *p.exchange.ctx);
  return respond_empty(204, p.exchange);
}

Response replace_attr(Deps& d, Request& r) {
  require_writer(r, d.policy);
  const std::string id = entity_id_param(r);
  auto p = read_payload(r, d.resolver);
  const std::string attr = attr_param(r, *p.exchange.ctx);
  auto e = require_entity(d, p.exchange, id);
  if (!e->attrs.contains(attr))
    fail(ProblemType::resource_not_found, "the entity has no attribute " + r.param("attr"));
  Entity fragment;
  fragment.attrs[attr] = parse_attribute(r.param("attr"), p.body, *p.exchange.ctx, d.broker.now());
  d.broker.append(p.exchange.tenant, id, fragment, false, *p.exchange.ctx);
  return respond_empty(204, p.exchange);
}

Response delete_attr(Deps& d, Request& r) {
  require_writer(r, d.policy);
  const std::string id = entity_id_param(r);
  const Exchange x = read_exchange(r, d.resolver);
  const std::string attr = attr_param(r, *x.ctx);
  const std::string dataset = r.query_param("datasetId").value_or("");
  const std::string all = r.query_param("deleteAll").value_or("false");
  if (all != "true" && all != "false")
    fail(ProblemType::bad_request_data, "deleteAll must be true or false");
  if (!dataset.empty() && !is_uri(dataset))
    fail(ProblemType::bad_request_data, "datasetId must be a URI");
  require_entity(d, x, id);
  d.broker.delete_attribute(x.tenant, id, attr, dataset, all == "true");
  return respond_empty(204, x);
}

// ---- queries ----

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
  const auto found = d.broker.select(x.tenant, predicate(sel));
  json::array items;
  const auto total = static_cast<std::int64_t>(found.size());
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

Response query_entities(Deps& d, Request& r) {
  const Exchange x = read_exchange(r, d.resolver);
  const Options o = read_options(r);
  const RenderOptions ro = render_options(r, o, *x.ctx);
  const Page page = read_page(r, o);
  Selection sel;
  if (auto t = r.query_param("type"); t && !t->empty()) sel.type_groups = parse_types(*t, *x.ctx);
  for (const auto& id : split(r.query_param("id").value_or(""), ',')) {
    if (!is_uri(id)) fail(ProblemType::bad_request_data, "id must be a list of URIs");
    sel.ids.insert(id);
  }
  sel.id_pattern = r.query_param("idPattern").value_or("");
  sel.attrs = ro.attrs;
  if (auto q = r.query_param("q"); q && !q->empty()) {
    sel.q = query::parse(*q);
    query::expand_names(*sel.q, *x.ctx);
  }
  if (r.query_param("georel") || r.query_param("geometry") || r.query_param("coordinates"))
    sel.geo = query::GeoQuery::parse(r.query_param("georel").value_or(""),
                                     r.query_param("geometry").value_or(""),
                                     r.query_param("coordinates").value_or(""),
                                     r.query_param("geoproperty").value_or(""), *x.ctx);
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

// ---- batch ----

std::vector<BatchItem> batch_items(Deps& d, const Request& r, const Payload& p, bool need_type) {
  if (!p.body.is_array()) fail(ProblemType::bad_request_data, "the body must be an array");
  const auto& arr = p.body.as_array();
  if (arr.empty()) fail(ProblemType::bad_request_data, "the array must not be empty");
  if (arr.size() > kMaxBatch)
    fail(ProblemType::bad_request_data,
         "at most " + std::to_string(kMaxBatch) + " entities per batch");
  const bool ld = is_ld_request(r);
  const std::string now = d.broker.now();
  std::vector<BatchItem> items;
  for (const auto& v : arr) {
    BatchItem item;
    try {
      const json::object& o = require_object(v);
      if (const auto* id = o.if_contains("id"); id && id->is_string())
        item.id = std::string(id->as_string());
      const auto ctx = entity_context(o, p, d.resolver, ld);
      json::object body = o;
      body.erase("@context");
      item.entity = parse_entity(body, *ctx, now, need_type);
      if (!need_type && item.entity->id.empty())
        fail(ProblemType::bad_request_data, "the entity needs an 'id'");
    } catch (const Problem& problem) {
      item.problem = problem;
      item.entity.reset();
    }
    items.push_back(std::move(item));
  }
  return items;
}

Response batch_response(const BatchResult& b, const Exchange& x, int ok_status,
                        const std::vector<std::string>* created = nullptr) {
  if (b.errors.empty()) {
    if (ok_status == 204) return respond_empty(204, x);
    json::array ids;
    for (const auto& id : created ? *created : b.success)
      ids.push_back(json::string(id));
    Exchange plain = x;
    plain.ld_response = false;
    Response res = respond(std::move(ids), plain, ok_status);
    res.headers.set("Link", "");
    return res;
  }
  json::array success, errors;
  for (const auto& id : b.success)
    success.push_back(json::string(id));
  for (const auto& [id, problem] : b.errors)
    errors.push_back(json::object{{"entityId", id}, {"error", problem_json(problem)}});
  Exchange plain = x;
  plain.ld_response = false;
  Response res = respond(
      json::object{{"success", std::move(success)}, {"errors", std::move(errors)}}, plain, 207);
  res.headers.set("Link", "");
  return res;
}

Response batch_create(Deps& d, Request& r) {
  require_writer(r, d.policy);
  auto p = read_payload(r, d.resolver);
  auto items = batch_items(d, r, p, true);
  const BatchResult b = d.broker.batch_create(p.exchange.tenant, std::move(items));
  return batch_response(b, p.exchange, 201);
}

Response batch_upsert(Deps& d, Request& r) {
  require_writer(r, d.policy);
  auto p = read_payload(r, d.resolver);
  const Options o = read_options(r);
  if (o.has("update") && o.has("replace"))
    fail(ProblemType::bad_request_data, "options update and replace exclude each other");
  auto items = batch_items(d, r, p, true);
  std::vector<std::string> created;
  const BatchResult b =
      d.broker.batch_upsert(p.exchange.tenant, std::move(items), !o.has("update"), created);
  if (b.errors.empty() && created.empty()) return respond_empty(204, p.exchange);
  return batch_response(b, p.exchange, 201, &created);
}

Response batch_update(Deps& d, Request& r) {
  require_writer(r, d.policy);
  auto p = read_payload(r, d.resolver);
  const Options o = read_options(r);
  auto items = batch_items(d, r, p, false);
  const BatchResult b = d.broker.batch_update(p.exchange.tenant, std::move(items),
                                              o.has("noOverwrite"), *p.exchange.ctx);
  return batch_response(b, p.exchange, 204);
}

Response batch_delete(Deps& d, Request& r) {
  require_writer(r, d.policy);
  auto p = read_payload(r, d.resolver);
  if (!p.body.is_array()) fail(ProblemType::bad_request_data, "the body must be an array of ids");
  const auto& arr = p.body.as_array();
  if (arr.empty()) fail(ProblemType::bad_request_data, "the array must not be empty");
  std::vector<std::string> ids;
  BatchResult invalid;
  for (const auto& v : arr) {
    if (!v.is_string() || !is_uri(v.as_string()))
      fail(ProblemType::bad_request_data, "the body must be an array of entity ids (URIs)");
    ids.emplace_back(v.as_string());
  }
  const BatchResult b = d.broker.batch_delete(p.exchange.tenant, ids);
  return batch_response(b, p.exchange, 204);
}

// ---- types and attributes ----

struct TypeInfo {
  std::int64_t count = 0;
  std::map<std::string, std::set<std::string>> attrs; // attribute -> attribute types
};

std::map<std::string, TypeInfo> type_infos(Deps& d, const Exchange& x) {
  std::map<std::string, TypeInfo> out;
  for (const auto& e : d.broker.select(x.tenant, [](const Entity&) { return true; }))
    for (const auto& t : e->types) {
      auto& info = out[t];
      ++info.count;
      for (const auto& [name, list] : e->attrs)
        for (const auto& inst : list.as_array())
          info.attrs[std::string(name)].insert(std::string(inst.at("type").as_string()));
    }
  return out;
}

std::string random_urn(std::string_view kind) {
  return "urn:ngsi-ld:" + std::string(kind) + ":" + core::random_id(12);
}

Response list_types(Deps& d, Request& r) {
  const Exchange x = read_exchange(r, d.resolver);
  const auto infos = type_infos(d, x);
  const bool details = r.query_param("details").value_or("") == "true";
  if (details) {
    json::array out;
    for (const auto& [type, info] : infos) {
      json::array names;
      for (const auto& [a, _] : info.attrs)
        names.push_back(json::string(x.ctx->compact(a)));
      out.push_back(json::object{{"id", type},
                                 {"type", "EntityType"},
                                 {"typeName", x.ctx->compact(type)},
                                 {"attributeNames", std::move(names)}});
    }
    return respond(std::move(out), x);
  }
  json::array names;
  for (const auto& [type, _] : infos)
    names.push_back(json::string(x.ctx->compact(type)));
  return respond(json::object{{"id", random_urn("EntityTypeList")},
                              {"type", "EntityTypeList"},
                              {"typeList", std::move(names)}},
                 x);
}

Response get_type(Deps& d, Request& r) {
  const Exchange x = read_exchange(r, d.resolver);
  const std::string& name = r.param("type");
  if (!valid_name(name)) fail(ProblemType::bad_request_data, "invalid type name");
  const std::string type = x.ctx->expand(name);
  const auto infos = type_infos(d, x);
  auto it = infos.find(type);
  if (it == infos.end()) fail(ProblemType::resource_not_found, "no entity of type " + name);
  json::array details;
  for (const auto& [a, types] : it->second.attrs) {
    json::array ts;
    for (const auto& t : types)
      ts.push_back(json::string(t));
    details.push_back(json::object{{"id", a},
                                   {"type", "Attribute"},
                                   {"attributeName", x.ctx->compact(a)},
                                   {"attributeTypes", std::move(ts)}});
  }
  return respond(json::object{{"id", type},
                              {"type", "EntityTypeInfo"},
                              {"typeName", x.ctx->compact(type)},
                              {"entityCount", it->second.count},
                              {"attributeDetails", std::move(details)}},
                 x);
}

struct AttrInfo {
  std::int64_t count = 0;
  std::set<std::string> attribute_types;
  std::set<std::string> type_names;
};

std::map<std::string, AttrInfo> attr_infos(Deps& d, const Exchange& x) {
  std::map<std::string, AttrInfo> out;
  for (const auto& e : d.broker.select(x.tenant, [](const Entity&) { return true; }))
    for (const auto& [name, list] : e->attrs) {
      auto& info = out[std::string(name)];
      info.count += static_cast<std::int64_t>(list.as_array().size());
      for (const auto& inst : list.as_array())
        info.attribute_types.insert(std::string(inst.at("type").as_string()));
      for (const auto& t : e->types)
        info.type_names.insert(t);
    }
  return out;
}

json::array compacted(const std::set<std::string>& iris, const jsonld::Context& ctx) {
  json::array out;
  for (const auto& i : iris)
    out.push_back(json::string(ctx.compact(i)));
  return out;
}

Response list_attributes(Deps& d, Request& r) {
  const Exchange x = read_exchange(r, d.resolver);
  const auto infos = attr_infos(d, x);
  if (r.query_param("details").value_or("") == "true") {
    json::array out;
    for (const auto& [a, info] : infos)
      out.push_back(json::object{{"id", a},
                                 {"type", "Attribute"},
                                 {"attributeName", x.ctx->compact(a)},
                                 {"typeNames", compacted(info.type_names, *x.ctx)}});
    return respond(std::move(out), x);
  }
  json::array names;
  for (const auto& [a, _] : infos)
    names.push_back(json::string(x.ctx->compact(a)));
  return respond(json::object{{"id", random_urn("AttributeList")},
                              {"type", "AttributeList"},
                              {"attributeList", std::move(names)}},
                 x);
}

Response get_attribute(Deps& d, Request& r) {
  const Exchange x = read_exchange(r, d.resolver);
  const std::string& name = r.param("attr");
  if (!valid_name(name)) fail(ProblemType::bad_request_data, "invalid attribute name");
  const std::string attr = x.ctx->expand(name);
  const auto infos = attr_infos(d, x);
  auto it = infos.find(attr);
  if (it == infos.end()) fail(ProblemType::resource_not_found, "no attribute " + name);
  json::array types;
  for (const auto& t : it->second.attribute_types)
    types.push_back(json::string(t));
  return respond(json::object{{"id", attr},
                              {"type", "Attribute"},
                              {"attributeName", x.ctx->compact(attr)},
                              {"attributeCount", it->second.count},
                              {"attributeTypes", std::move(types)},
                              {"typeNames", compacted(it->second.type_names, *x.ctx)}},
                 x);
}

// Runs a handler; NGSI-LD errors become ProblemDetails.
http::Handler wrap(std::shared_ptr<Deps> d, Response (*fn)(Deps&, Request&)) {
  return [d, fn](Request& r) -> Response {
    try {
      return fn(*d, r);
    } catch (const Problem& p) {
      return problem_response(p);
    }
  };
}

} // namespace

void add_routes(http::Router& router, Broker& broker, const jsonld::Resolver& resolver,
                AccessPolicy policy) {
  auto d = std::make_shared<Deps>(Deps{broker, resolver, std::move(policy)});
  const std::string root(kRoot);
  http::RouteOptions batch;
  batch.body_limit = kBatchBodyLimit;
  router.add(Method::post, root + "/entities", wrap(d, create_entity));
  router.add(Method::get, root + "/entities", wrap(d, query_entities));
  // Retrieval reads the in-memory index only (no database, no waiting): it
  // runs on the I/O thread, without the hop to the worker pool.
  http::RouteOptions in_memory;
  in_memory.inline_handler = true;
  router.add(Method::get, root + "/entities/{id}", wrap(d, retrieve_entity), in_memory);
  router.add(Method::del, root + "/entities/{id}", wrap(d, delete_entity));
  router.add(Method::put, root + "/entities/{id}", wrap(d, replace_entity));
  router.add(Method::patch, root + "/entities/{id}", wrap(d, merge_entity));
  router.add(Method::post, root + "/entities/{id}/attrs", wrap(d, append_attrs));
  router.add(Method::patch, root + "/entities/{id}/attrs", wrap(d, update_attrs));
  router.add(Method::patch, root + "/entities/{id}/attrs/{attr}", wrap(d, partial_attr_update));
  router.add(Method::put, root + "/entities/{id}/attrs/{attr}", wrap(d, replace_attr));
  router.add(Method::del, root + "/entities/{id}/attrs/{attr}", wrap(d, delete_attr));
  router.add(Method::post, root + "/entityOperations/create", wrap(d, batch_create), batch);
  router.add(Method::post, root + "/entityOperations/upsert", wrap(d, batch_upsert), batch);
  router.add(Method::post, root + "/entityOperations/update", wrap(d, batch_update), batch);
  router.add(Method::post, root + "/entityOperations/delete", wrap(d, batch_delete), batch);
  router.add(Method::post, root + "/entityOperations/query", wrap(d, query_post));
  router.add(Method::get, root + "/types", wrap(d, list_types));
  router.add(Method::get, root + "/types/{type}", wrap(d, get_type));
  router.add(Method::get, root + "/attributes", wrap(d, list_attributes));
  router.add(Method::get, root + "/attributes/{attr}", wrap(d, get_attribute));
}

} // namespace context::api
