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

bool same_key(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  unsigned char diff = 0;
  for (std::size_t i = 0; i < a.size(); ++i)
    diff |= static_cast<unsigned char>(a[i] ^ b[i]);
  return diff == 0;
}

} // namespace

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

} // namespace context::api::detail
