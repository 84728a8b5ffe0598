// Handlers of /types, /types/{type}, /attributes and /attributes/{attr}.
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

} // namespace

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

namespace {

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

} // namespace

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

} // namespace context::api::detail
