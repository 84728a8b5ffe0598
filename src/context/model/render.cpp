// Rendering an entity for a request: normalized, concise or simplified, compacted
// with the request's context, sysAttrs, attrs, pick/omit, lang.
#include <boost/json.hpp>

#include "context/model/entity.hpp"
#include "context/model/instance.hpp"

namespace context {
namespace {

namespace json = boost::json;
using detail::dataset_of;
using detail::kInstanceMembers;
using detail::one_of;

json::value simplified(const json::object& inst, const jsonld::Context& ctx,
                       const RenderOptions& o) {
  const auto type = inst.at("type").as_string();
  if (type == "Relationship") return inst.at("object");
  if (type == "LanguageProperty") {
    const auto& map = inst.at("languageMap").as_object();
    if (!o.lang.empty()) {
      if (const auto* t = map.if_contains(o.lang)) return *t;
      if (!map.empty()) return map.begin()->value();
    }
    return json::object{{"languageMap", map}};
  }
  if (type == "VocabProperty") {
    const auto& v = inst.at("vocab");
    if (const auto* a = v.if_array()) {
      json::array out;
      for (const auto& x : *a)
        out.push_back(json::string(ctx.compact(x.as_string())));
      return json::object{{"vocab", std::move(out)}};
    }
    return json::object{{"vocab", ctx.compact(v.as_string())}};
  }
  if (type == "JsonProperty") return json::object{{"json", inst.at("json")}};
  if (type == "ListProperty") return json::object{{"valueList", inst.at("valueList")}};
  if (type == "ListRelationship") return json::object{{"objectList", inst.at("objectList")}};
  return inst.at("value");
}

json::value concise(const json::object& inst, const jsonld::Context& ctx, const RenderOptions& o,
                    bool allow_bare);

json::object normalized(const json::object& inst, const jsonld::Context& ctx,
                        const RenderOptions& o) {
  json::object out;
  for (const auto& [key, value] : inst) {
    if (one_of(key, kInstanceMembers)) {
      if ((key == "createdAt" || key == "modifiedAt") && !o.sys_attrs) continue;
      if (key == "vocab") {
        if (const auto* a = value.if_array()) {
          json::array items;
          for (const auto& x : *a)
            items.push_back(json::string(ctx.compact(x.as_string())));
          out[key] = std::move(items);
        } else {
          out[key] = ctx.compact(value.as_string());
        }
        continue;
      }
      out[key] = value;
    } else if (const auto* sub = value.if_object()) {
      out[ctx.compact(key)] = o.concise ? concise(*sub, ctx, o, true) : normalized(*sub, ctx, o);
    }
  }
  if (!o.lang.empty() && inst.at("type").as_string() == "LanguageProperty") {
    const auto& map = inst.at("languageMap").as_object();
    out.erase("languageMap");
    out["type"] = "Property";
    if (const auto* t = map.if_contains(o.lang)) {
      out["value"] = *t;
      out["lang"] = o.lang;
    } else if (!map.empty()) {
      out["value"] = map.begin()->value();
      out["lang"] = map.begin()->key();
    }
  }
  return out;
}

// The concise form: the normalized instance without "type" (its members
// tell it: value, object, languageMap, ...). With allow_bare, an instance
// that holds nothing but a scalar value, or a GeoProperty nothing but its
// geometry, becomes that value alone. Arrays and other objects keep their
// "value" member, since bare they would read back as instances.
json::value concise(const json::object& inst, const jsonld::Context& ctx, const RenderOptions& o,
                    bool allow_bare) {
  const bool geo = inst.at("type").as_string() == "GeoProperty";
  json::object out = normalized(inst, ctx, o);
  out.erase("type");
  if (allow_bare && out.size() == 1) {
    if (const auto* v = out.if_contains("value")) {
      if (!v->is_object() && !v->is_array()) return *v;
      if (geo && v->is_object()) return *v;
    }
  }
  return out;
}

} // namespace

json::object render(const Entity& e, const jsonld::Context& ctx, const RenderOptions& o) {
  json::object out;
  out["id"] = e.id;
  if (e.types.size() == 1) {
    out["type"] = ctx.compact(e.types.front());
  } else {
    json::array types;
    for (const auto& t : e.types)
      types.push_back(json::string(ctx.compact(t)));
    out["type"] = std::move(types);
  }
  if (!e.scopes.empty()) {
    if (e.scopes.size() == 1) {
      out["scope"] = e.scopes.front();
    } else {
      json::array scopes;
      for (const auto& s : e.scopes)
        scopes.push_back(json::string(s));
      out["scope"] = std::move(scopes);
    }
  }
  for (const auto& [name, list] : e.attrs) {
    if (!o.attrs.empty() && !o.attrs.contains(std::string(name))) continue;
    const auto& instances = list.as_array();
    if (instances.empty()) continue;
    const std::string key = ctx.compact(name);
    if (o.key_values) {
      if (instances.size() == 1) {
        out[key] = simplified(instances.front().as_object(), ctx, o);
      } else {
        json::array values;
        for (const auto& inst : instances) {
          json::object item{{"value", simplified(inst.as_object(), ctx, o)}};
          if (const auto ds = dataset_of(inst.as_object()); !ds.empty()) item["datasetId"] = ds;
          values.push_back(std::move(item));
        }
        out[key] = std::move(values);
      }
    } else if (instances.size() == 1) {
      const auto& inst = instances.front().as_object();
      out[key] = o.concise ? concise(inst, ctx, o, true) : normalized(inst, ctx, o);
    } else {
      json::array values;
      for (const auto& inst : instances)
        values.push_back(o.concise ? concise(inst.as_object(), ctx, o, false)
                                   : normalized(inst.as_object(), ctx, o));
      out[key] = std::move(values);
    }
  }
  if (o.sys_attrs) {
    out["createdAt"] = e.created_at.view();
    out["modifiedAt"] = e.modified_at.view();
  }
  if (!o.pick.empty() || !o.omit.empty()) {
    auto member_of = [&](std::string_view key) {
      return key == "id" || key == "type" ? std::string(key) : ctx.expand(key);
    };
    json::object kept;
    for (auto& [key, value] : out) {
      const std::string m = member_of(key);
      if (!o.pick.empty() && !o.pick.contains(m)) continue;
      if (o.omit.contains(m)) continue;
      kept[key] = std::move(value);
    }
    return kept;
  }
  return out;
}

} // namespace context
