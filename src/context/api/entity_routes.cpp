// Handlers of /entities and /entities/{id}[/attrs[/{attr}]].
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
  const unsigned shape = (ro.key_values ? 1u : 0u) | (ro.sys_attrs ? 2u : 0u) |
                         (x.ld_response ? 4u : 0u) | (ro.concise ? 8u : 0u);
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

} // namespace context::api::detail
