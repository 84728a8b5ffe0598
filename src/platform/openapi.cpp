#include "platform/openapi.hpp"

#include <boost/json.hpp>

#include "core/error.hpp"
#include "core/json.hpp"

namespace platform {
namespace {

namespace json = boost::json;

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

json::object problem_schema() {
  return json::parse(R"({
    "type": "object",
    "description": "An error as application/problem+json (RFC 9457).",
    "required": ["type", "title", "status"],
    "properties": {
      "type": {"type": "string", "description": "URI reference naming the kind of problem"},
      "title": {"type": "string"},
      "status": {"type": "integer"},
      "detail": {"type": "string", "description": "What was wrong, for a person"},
      "instance": {"type": "string", "description": "The request path"}
    }
  })")
      .as_object();
}

} // namespace

std::string build_openapi(const http::Router& router, const ApiInfo& info) {
  json::object doc;
  doc["openapi"] = "3.1.0";
  doc["info"] = {{"title", info.title},
                 {"version", info.version},
                 {"description", info.description},
                 {"license", {{"name", "Apache-2.0"}, {"identifier", "Apache-2.0"}}}};
  json::object paths;
  for (const http::Route& route : router.routes()) {
    if (route.options.openapi.empty()) {
      if (route.pattern.starts_with("/api/"))
        throw core::Error(core::ErrorKind::internal,
                          "route without OpenAPI description: " + route.pattern);
      continue;
    }
    json::value parsed;
    try {
      parsed = core::json::parse(route.options.openapi);
    } catch (const core::Error& e) {
      throw core::Error(core::ErrorKind::internal,
                        "OpenAPI text of " + route.pattern + ": " + e.detail());
    }
    if (!parsed.is_object())
      throw core::Error(core::ErrorKind::internal,
                        "OpenAPI text of " + route.pattern + " is not an object");
    json::object operation = std::move(parsed.as_object());
    // Declare every {name} of the pattern as a required path parameter.
    json::array declared;
    if (auto* p = operation.if_contains("parameters"); p && p->is_array()) declared = p->as_array();
    for (const std::string& segment : route.segments) {
      if (segment.size() < 3 || segment.front() != '{') continue;
      const std::string name = segment.substr(1, segment.size() - 2);
      bool found = false;
      for (const auto& param : declared)
        if (param.is_object() && param.as_object().contains("name") &&
            param.at("name") == name.c_str() && param.at("in") == "path")
          found = true;
      if (!found)
        declared.push_back(
            {{"name", name}, {"in", "path"}, {"required", true}, {"schema", {{"type", "string"}}}});
    }
    if (!declared.empty()) operation["parameters"] = std::move(declared);
    json::value& item = paths[route.pattern];
    if (!item.is_object()) item.emplace_object();
    item.as_object()[lower(http::to_string(route.method))] = std::move(operation);
  }
  doc["paths"] = std::move(paths);
  json::object schemas;
  schemas["Problem"] = problem_schema();
  doc["components"] = {{"schemas", std::move(schemas)}};
  return json::serialize(doc);
}

} // namespace platform
