// The body of POST /temporal/entityOperations/query (a Query with
// entities, attrs, q, geoQ and temporalQ) as the query string of
// GET /temporal/entities, so both answer through the same code.
#include "context/api/handlers.hpp"

#include <boost/json.hpp>

#include "core/json.hpp"

namespace context::api::detail {

namespace json = boost::json;

namespace {

void append_param(std::string& out, std::string_view name, std::string_view value) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  if (!out.empty()) out += '&';
  out += name;
  out += '=';
  for (const char ch : value) {
    const auto c = static_cast<unsigned char>(ch);
    const bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                            (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~';
    if (unreserved) {
      out += ch;
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
}

std::string text_of(const json::object& o, std::string_view where, std::string_view name) {
  const auto* v = o.if_contains(name);
  if (!v) return {};
  if (v->is_string()) return std::string(v->as_string());
  fail(ProblemType::bad_request_data, std::string(where) + std::string(name) + " must be a string");
}

const json::object* member_object(const json::object& o, std::string_view name) {
  const auto* v = o.if_contains(name);
  if (!v) return nullptr;
  if (!v->is_object())
    fail(ProblemType::bad_request_data, std::string(name) + " must be an object");
  return &v->as_object();
}

// Joins the strings of `name` of every object of the entities array.
std::string joined(const json::array& entities, std::string_view name) {
  std::string out;
  for (const auto& item : entities) {
    const std::string v = text_of(item.as_object(), "entities[].", name);
    if (v.empty()) continue;
    if (!out.empty()) out += ',';
    out += v;
  }
  return out;
}

} // namespace

std::string temporal_query_params(const json::object& body) {
  if (const auto* t = body.if_contains("type"); !t || !t->is_string() || t->as_string() != "Query")
    fail(ProblemType::bad_request_data, "the body must be a Query (\"type\": \"Query\")");
  std::string out;
  const auto add = [&](std::string_view name, const std::string& value) {
    if (!value.empty()) append_param(out, name, value);
  };
  if (const auto* ents = body.if_contains("entities")) {
    if (!ents->is_array()) fail(ProblemType::bad_request_data, "entities must be an array");
    const auto& list = ents->as_array();
    for (const auto& item : list)
      if (!item.is_object()) fail(ProblemType::bad_request_data, "entities must hold objects");
    add("type", joined(list, "type"));
    add("id", joined(list, "id"));
    std::string pattern;
    for (const auto& item : list)
      if (auto p = text_of(item.as_object(), "entities[].", "idPattern"); !p.empty()) {
        if (!pattern.empty())
          fail(ProblemType::bad_request_data, "a Query takes at most one idPattern");
        pattern = std::move(p);
      }
    add("idPattern", pattern);
  }
  if (const auto* attrs = body.if_contains("attrs")) {
    if (!attrs->is_array()) fail(ProblemType::bad_request_data, "attrs must be an array");
    std::string list;
    for (const auto& a : attrs->as_array()) {
      if (!a.is_string()) fail(ProblemType::bad_request_data, "attrs must hold attribute names");
      if (!list.empty()) list += ',';
      list += a.as_string();
    }
    add("attrs", list);
  }
  add("q", text_of(body, "", "q"));
  if (const auto* geo = member_object(body, "geoQ")) {
    add("georel", text_of(*geo, "geoQ.", "georel"));
    add("geometry", text_of(*geo, "geoQ.", "geometry"));
    if (const auto* c = geo->if_contains("coordinates"))
      add("coordinates", c->is_string() ? std::string(c->as_string()) : core::json::dump(*c));
    add("geoproperty", text_of(*geo, "geoQ.", "geoproperty"));
  }
  if (const auto* tq = member_object(body, "temporalQ")) {
    for (const char* name : {"timerel", "timeAt", "endTimeAt", "timeproperty"})
      add(name, text_of(*tq, "temporalQ.", name));
    if (const auto* n = tq->if_contains("lastN")) {
      if (n->is_int64() || n->is_uint64())
        add("lastN", core::json::dump(*n));
      else
        fail(ProblemType::bad_request_data, "temporalQ.lastN must be a whole number");
    }
  }
  return out;
}

} // namespace context::api::detail
