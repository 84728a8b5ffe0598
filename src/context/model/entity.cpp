#include "context/model/entity.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <map>
#include <mutex>

#include "context/model/instance.hpp"
#include "context/model/problem.hpp"
#include "core/json.hpp"

namespace context {
namespace detail {
namespace {

namespace json = boost::json;

constexpr std::array<std::string_view, 8> kAttributeTypes = {
    "Property",      "Relationship", "GeoProperty",  "LanguageProperty",
    "VocabProperty", "JsonProperty", "ListProperty", "ListRelationship"};

constexpr std::array<std::string_view, 7> kGeometryTypes = {
    "Point",           "LineString",   "Polygon",           "MultiPoint",
    "MultiLineString", "MultiPolygon", "GeometryCollection"};

// Entity members that are not attributes.
constexpr std::array<std::string_view, 7> kEntityMembers = {
    "id", "type", "scope", "@context", "createdAt", "modifiedAt", "deletedAt"};

} // namespace

[[noreturn]] void bad(std::string detail) {
  fail(ProblemType::bad_request_data, std::move(detail));
}

namespace {

bool is_number_array(const json::value& v, std::size_t min, std::size_t max) {
  const auto* a = v.if_array();
  if (!a || a->size() < min || a->size() > max) return false;
  return std::all_of(a->begin(), a->end(), [](const json::value& x) { return x.is_number(); });
}

// Checks the nesting depth of GeoJSON coordinates for the geometry type.
bool valid_coordinates(std::string_view type, const json::value& c, int depth = 0) {
  const int want = type == "Point"                                  ? 0
                   : type == "LineString" || type == "MultiPoint"   ? 1
                   : type == "Polygon" || type == "MultiLineString" ? 2
                                                                    : 3;
  if (depth == want) return is_number_array(c, 2, 3);
  const auto* a = c.if_array();
  if (!a || a->empty()) return false;
  return std::all_of(a->begin(), a->end(),
                     [&](const json::value& x) { return valid_coordinates(type, x, depth + 1); });
}

void check_geometry(std::string_view name, const json::value& v) {
  const auto* o = v.if_object();
  const auto* t = o ? o->if_contains("type") : nullptr;
  if (!t || !t->is_string() || !one_of(t->as_string(), kGeometryTypes))
    bad("the GeoProperty '" + std::string(name) + "' needs a GeoJSON geometry as its value");
  if (t->as_string() == "GeometryCollection") {
    const auto* g = o->if_contains("geometries");
    if (!g || !g->is_array()) bad("GeometryCollection needs 'geometries'");
    for (const auto& item : g->as_array())
      check_geometry(name, item);
    return;
  }
  const auto* c = o->if_contains("coordinates");
  if (!c || !valid_coordinates(t->as_string(), *c))
    bad("the GeoProperty '" + std::string(name) + "' has invalid coordinates");
}

bool is_uri_list(const json::value& v) {
  if (const auto* s = v.if_string()) return is_uri(*s);
  if (const auto* a = v.if_array())
    return !a->empty() && std::all_of(a->begin(), a->end(), [](const json::value& x) {
      return x.is_string() && is_uri(x.as_string());
    });
  return false;
}

// The NGSI-LD type of an instance given without "type" (concise format).
std::string infer_type(std::string_view name, const json::object& o) {
  if (o.contains("object")) return "Relationship";
  if (o.contains("languageMap")) return "LanguageProperty";
  if (o.contains("vocab")) return "VocabProperty";
  if (o.contains("json")) return "JsonProperty";
  if (o.contains("valueList")) return "ListProperty";
  if (o.contains("objectList")) return "ListRelationship";
  if (const auto* v = o.if_contains("value")) {
    if (const auto* vo = v->if_object(); vo && vo->contains("coordinates")) return "GeoProperty";
    return "Property";
  }
  (void)name;
  return {};
}

// Sub-attributes and members of one instance.
json::object parse_instance_object(std::string_view name, const json::object& in,
                                   const jsonld::Context& ctx, const std::string& now, int depth) {
  json::object out;
  std::string type;
  if (const auto* t = in.if_contains("type")) {
    if (!t->is_string() || !one_of(t->as_string(), kAttributeTypes)) {
      // A plain JSON object (e.g. a GeoJSON geometry) given as a concise value.
      if (t->is_string() && one_of(t->as_string(), kGeometryTypes)) {
        check_geometry(name, in);
        out["type"] = "GeoProperty";
        out["value"] = in;
        return out;
      }
      bad("the attribute '" + std::string(name) + "' has an invalid type");
    }
    type = std::string(t->as_string());
  } else {
    type = infer_type(name, in);
    if (type.empty()) {
      out["type"] = "Property";
      out["value"] = in;
      return out;
    }
  }
  out["type"] = type;
  auto require = [&](std::string_view member) -> const json::value& {
    const auto* m = in.if_contains(member);
    if (!m || m->is_null())
      bad("the " + type + " '" + std::string(name) + "' needs '" + std::string(member) + "'");
    return *m;
  };
  if (type == "Property") {
    out["value"] = require("value");
  } else if (type == "GeoProperty") {
    const auto& value = require("value");
    if (!(value.is_string() && value.as_string() == kNgsiLdNull)) check_geometry(name, value);
    out["value"] = value;
  } else if (type == "Relationship") {
    const auto& object = require("object");
    if (!is_uri_list(object))
      bad("the object of the Relationship '" + std::string(name) + "' must be a URI");
    out["object"] = object;
    if (const auto* ot = in.if_contains("objectType")) out["objectType"] = *ot;
  } else if (type == "LanguageProperty") {
    const auto& map = require("languageMap");
    if (!map.is_object()) bad("the languageMap of '" + std::string(name) + "' must be an object");
    for (const auto& [lang, text] : map.as_object()) {
      const bool ok =
          text.is_string() ||
          (text.is_array() && std::all_of(text.as_array().begin(), text.as_array().end(),
                                          [](auto& x) { return x.is_string(); }));
      if (!ok || lang.empty())
        bad("the languageMap of '" + std::string(name) + "' must map languages to strings");
    }
    out["languageMap"] = map;
  } else if (type == "VocabProperty") {
    const auto& vocab = require("vocab");
    auto expand = [&](const json::value& x) -> json::value {
      if (!x.is_string()) bad("the vocab of '" + std::string(name) + "' must be strings");
      return json::string(ctx.expand(x.as_string()));
    };
    if (const auto* a = vocab.if_array()) {
      json::array items;
      for (const auto& x : *a)
        items.push_back(expand(x));
      out["vocab"] = std::move(items);
    } else {
      out["vocab"] = expand(vocab);
    }
  } else if (type == "JsonProperty") {
    out["json"] = require("json");
  } else if (type == "ListProperty") {
    const auto& list = require("valueList");
    if (!list.is_array()) bad("the valueList of '" + std::string(name) + "' must be an array");
    out["valueList"] = list;
  } else if (type == "ListRelationship") {
    const auto& list = require("objectList");
    if (!list.is_array()) bad("the objectList of '" + std::string(name) + "' must be an array");
    out["objectList"] = list;
  }
  if (const auto* at = in.if_contains("observedAt")) {
    if (!at->is_string() || !is_date_time(at->as_string()))
      bad("observedAt of '" + std::string(name) + "' must be a DateTime");
    out["observedAt"] = *at;
  }
  if (const auto* unit = in.if_contains("unitCode")) {
    if (!unit->is_string()) bad("unitCode of '" + std::string(name) + "' must be a string");
    out["unitCode"] = *unit;
  }
  if (const auto* ds = in.if_contains("datasetId")) {
    if (!ds->is_string() || !is_uri(ds->as_string()))
      bad("datasetId of '" + std::string(name) + "' must be a URI");
    out["datasetId"] = *ds;
  }
  if (const auto* lang = in.if_contains("lang"); lang && lang->is_string()) out["lang"] = *lang;
  for (const auto& [key, value] : in) {
    if (one_of(key, kInstanceMembers) || key == "@context") continue;
    if (!valid_name(key)) bad("invalid sub-attribute name '" + std::string(key) + "'");
    if (depth > 4) bad("sub-attributes are nested too deeply");
    out[ctx.expand(key)] = parse_instance(key, value, ctx, now, depth + 1);
  }
  out["createdAt"] = now;
  out["modifiedAt"] = now;
  return out;
}

} // namespace

json::object parse_instance(std::string_view name, const json::value& v, const jsonld::Context& ctx,
                            const std::string& now, int depth) {
  if (const auto* o = v.if_object()) return parse_instance_object(name, *o, ctx, now, depth);
  if (v.is_null()) bad("the attribute '" + std::string(name) + "' must not be null");
  // Concise: a bare value is a Property.
  json::object out{{"type", "Property"}, {"value", v}};
  out["createdAt"] = now;
  out["modifiedAt"] = now;
  return out;
}

std::string dataset_of(const json::object& instance) {
  if (const auto* d = instance.if_contains("datasetId"); d && d->is_string())
    return std::string(d->as_string());
  return {};
}

json::array& instances_of(json::object& attrs, std::string_view name) {
  return attrs[name].as_array();
}

// Replaces (or adds) one instance; keeps createdAt of the one replaced.
void put_instance(json::array& list, json::object instance) {
  const std::string ds = dataset_of(instance);
  for (auto& existing : list) {
    auto& old = existing.as_object();
    if (dataset_of(old) == ds) {
      if (const auto* c = old.if_contains("createdAt")) instance["createdAt"] = *c;
      existing = std::move(instance);
      return;
    }
  }
  list.push_back(std::move(instance));
}

} // namespace detail

namespace json = boost::json;
using detail::bad;
using detail::kEntityMembers;
using detail::one_of;
using detail::parse_instance;
using detail::put_instance;

bool valid_name(std::string_view name) {
  if (name.empty() || name.size() > 1024) return false;
  for (const char c : name) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x21 || c == '<' || c == '>' || c == '"' || c == '\'' || c == '=' || c == ';' ||
        c == '(' || c == ')' || c == '\\')
      return false;
  }
  return true;
}

bool is_uri(std::string_view s) {
  const auto colon = s.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon + 1 >= s.size()) return false;
  if (!std::isalpha(static_cast<unsigned char>(s[0]))) return false;
  for (std::size_t i = 1; i < colon; ++i) {
    const char c = s[i];
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '+' && c != '-' && c != '.')
      return false;
  }
  return std::none_of(s.begin(), s.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u <= 0x20 || c == '<' || c == '>' || c == '"' || c == '\\';
  });
}

bool is_date_time(std::string_view s) {
  // YYYY-MM-DDTHH:MM:SS[.f+](Z|+hh:mm|-hh:mm)
  auto digits = [&](std::size_t at, std::size_t n) {
    if (at + n > s.size()) return false;
    for (std::size_t i = at; i < at + n; ++i)
      if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
    return true;
  };
  if (!digits(0, 4) || s.size() < 20 || s[4] != '-' || !digits(5, 2) || s[7] != '-' ||
      !digits(8, 2) || s[10] != 'T' || !digits(11, 2) || s[13] != ':' || !digits(14, 2) ||
      s[16] != ':' || !digits(17, 2))
    return false;
  std::size_t i = 19;
  if (i < s.size() && s[i] == '.') {
    ++i;
    const std::size_t start = i;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i])))
      ++i;
    if (i == start) return false;
  }
  if (i < s.size() && s[i] == 'Z') return i + 1 == s.size();
  if (i < s.size() && (s[i] == '+' || s[i] == '-'))
    return i + 6 == s.size() && digits(i + 1, 2) && s[i + 3] == ':' && digits(i + 4, 2);
  return false;
}

json::array parse_attribute(std::string_view name, const json::value& v, const jsonld::Context& ctx,
                            const std::string& now) {
  if (!valid_name(name)) bad("invalid attribute name '" + std::string(name) + "'");
  json::array instances;
  if (const auto* a = v.if_array();
      a && !a->empty() && a->front().is_object() &&
      (a->front().as_object().contains("type") || a->front().as_object().contains("value") ||
       a->front().as_object().contains("object"))) {
    for (const auto& item : *a) {
      if (!item.is_object()) bad("the instances of '" + std::string(name) + "' must be objects");
      put_instance(instances, parse_instance(name, item, ctx, now, 0));
    }
    if (instances.size() != a->size())
      bad("the attribute '" + std::string(name) + "' repeats a datasetId");
  } else {
    instances.push_back(parse_instance(name, v, ctx, now, 0));
  }
  return instances;
}

Entity parse_entity(const json::object& body, const jsonld::Context& ctx, const std::string& now,
                    bool require_id_type) {
  Entity e;
  if (const auto* id = body.if_contains("id")) {
    if (!id->is_string() || !is_uri(id->as_string())) bad("the entity id must be a URI");
    e.id = std::string(id->as_string());
  } else if (const auto* id2 = body.if_contains("@id")) {
    if (!id2->is_string() || !is_uri(id2->as_string())) bad("the entity id must be a URI");
    e.id = std::string(id2->as_string());
  } else if (require_id_type) {
    bad("the entity needs an 'id'");
  }
  const json::value* type = body.if_contains("type");
  if (!type) type = body.if_contains("@type");
  if (type) {
    auto add = [&](const json::value& t) {
      if (!t.is_string() || !valid_name(t.as_string())) bad("the entity type must be a valid name");
      const std::string iri = ctx.expand(t.as_string());
      if (iri.starts_with('@'))
        bad("'" + std::string(t.as_string()) + "' is not a valid entity type");
      if (std::find(e.types.begin(), e.types.end(), iri) == e.types.end()) e.types.push_back(iri);
    };
    if (const auto* a = type->if_array()) {
      if (a->empty()) bad("the entity type must not be empty");
      for (const auto& t : *a)
        add(t);
    } else {
      add(*type);
    }
  } else if (require_id_type) {
    bad("the entity needs a 'type'");
  }
  if (const auto* scope = body.if_contains("scope")) {
    auto add = [&](const json::value& s) {
      if (!s.is_string() || !s.as_string().starts_with("/")) bad("a scope must start with '/'");
      e.scopes.emplace_back(s.as_string());
    };
    if (const auto* a = scope->if_array())
      for (const auto& s : *a)
        add(s);
    else
      add(*scope);
  }
  for (const auto& [key, value] : body) {
    if (one_of(key, kEntityMembers) || key == "@id" || key == "@type") continue;
    const std::string iri = ctx.expand(key);
    if (iri.starts_with('@')) bad("'" + std::string(key) + "' is not a valid attribute name");
    e.attrs[iri] = parse_attribute(key, value, ctx, now);
  }
  e.created_at = now;
  e.modified_at = now;
  return e;
}

std::string to_storage(const Entity& e) {
  json::array types;
  for (const auto& t : e.types)
    types.push_back(json::string(t));
  json::array scopes;
  for (const auto& s : e.scopes)
    scopes.push_back(json::string(s));
  return core::json::dump(json::object{{"id", e.id},
                                       {"types", std::move(types)},
                                       {"scopes", std::move(scopes)},
                                       {"attrs", e.attrs},
                                       {"createdAt", e.created_at},
                                       {"modifiedAt", e.modified_at}});
}

namespace {

// The shared lists: each list once, as long as an entity holds it.
class TypeLists {
public:
  std::shared_ptr<const std::vector<std::string>> intern(std::vector<std::string> types) {
    std::lock_guard lock(mutex_);
    if (auto it = lists_.find(types); it != lists_.end())
      if (auto list = it->second.lock()) return list;
    auto list = std::make_shared<const std::vector<std::string>>(types);
    lists_.insert_or_assign(std::move(types), list);
    // Forget the lists no entity holds any more, now and then.
    if (lists_.size() >= 2 * kept_ + 64) {
      std::erase_if(lists_, [](const auto& kv) { return kv.second.expired(); });
      kept_ = lists_.size();
    }
    return list;
  }

private:
  std::mutex mutex_;
  std::map<std::vector<std::string>, std::weak_ptr<const std::vector<std::string>>> lists_;
  std::size_t kept_ = 0;
};

TypeLists& type_lists() {
  static TypeLists lists;
  return lists;
}

} // namespace

TypeList::TypeList(std::vector<std::string> types) {
  if (!types.empty()) list_ = type_lists().intern(std::move(types));
}

const std::vector<std::string>& TypeList::list() const {
  static const std::vector<std::string> none;
  return list_ ? *list_ : none;
}

void TypeList::push_back(std::string type) {
  std::vector<std::string> types = list();
  types.push_back(std::move(type));
  list_ = type_lists().intern(std::move(types));
}

Entity from_storage(std::string_view text) {
  json::object o = core::json::parse_object(text, 256);
  Entity e;
  e.id = std::string(o.at("id").as_string());
  std::vector<std::string> types;
  for (const auto& t : o.at("types").as_array())
    types.emplace_back(t.as_string());
  e.types = std::move(types);
  for (const auto& s : o.at("scopes").as_array())
    e.scopes.emplace_back(s.as_string());
  e.attrs = std::move(o.at("attrs").as_object());
  e.created_at = std::string(o.at("createdAt").as_string());
  e.modified_at = std::string(o.at("modifiedAt").as_string());
  return e;
}

} // namespace context
