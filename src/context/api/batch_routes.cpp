// Handlers of /entityOperations/create, upsert, update and delete.
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
  items.reserve(arr.size());
  for (const auto& v : arr) {
    BatchItem item;
    try {
      const json::object& o = require_object(v);
      if (const auto* id = o.if_contains("id"); id && id->is_string())
        item.id = std::string(id->as_string());
      const auto ctx = entity_context(o, p, d.resolver, ld);
      if (o.contains("@context")) {
        json::object body = o;
        body.erase("@context");
        item.entity = parse_entity(body, *ctx, now, need_type);
      } else {
        item.entity = parse_entity(o, *ctx, now, need_type);
      }
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

} // namespace

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

} // namespace context::api::detail
