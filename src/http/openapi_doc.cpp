#include "http/openapi_doc.hpp"

#include "core/json.hpp"

namespace http::openapi {

namespace json = boost::json;

json::object string_schema(std::string_view description, int min_length, int max_length) {
  json::object s{{"type", "string"}, {"description", description}};
  if (min_length) s["minLength"] = min_length;
  if (max_length) s["maxLength"] = max_length;
  return s;
}

json::object
object_schema(std::initializer_list<std::pair<std::string_view, json::value>> members) {
  json::object properties;
  json::array required;
  for (const auto& [name, schema] : members) {
    properties[name] = schema;
    required.push_back(json::string(name));
  }
  return {
      {"type", "object"}, {"required", std::move(required)}, {"properties", std::move(properties)}};
}

json::object parameter(std::string_view name, std::string_view in, std::string_view type,
                       std::string_view description, bool required) {
  return {{"name", name},
          {"in", in},
          {"required", required || in == "path"},
          {"description", description},
          {"schema", {{"type", type}}}};
}

json::object problem_response(std::string_view description) {
  return {
      {"description", description},
      {"content",
       {{"application/problem+json", {{"schema", {{"$ref", "#/components/schemas/Problem"}}}}}}}};
}

Operation::Operation(std::string_view id, std::string_view tag, std::string_view summary,
                     std::string_view description) {
  op_["tags"] = json::array{json::string(tag)};
  if (!id.empty()) op_["operationId"] = id;
  op_["summary"] = summary;
  if (!description.empty()) op_["description"] = description;
  op_["responses"] = json::object{};
}

Operation& Operation::param(std::string_view name, std::string_view in, std::string_view type,
                            std::string_view description, bool required) {
  return param(parameter(name, in, type, description, required));
}

Operation& Operation::param(json::object parameter) {
  json::value& list = op_["parameters"];
  if (!list.is_array()) list = json::array{};
  list.as_array().push_back(std::move(parameter));
  return *this;
}

Operation& Operation::body(json::value schema, std::string_view media) {
  return body_object({{"required", true}, {"content", {{media, {{"schema", std::move(schema)}}}}}});
}

Operation& Operation::body_object(json::object request_body) {
  op_["requestBody"] = std::move(request_body);
  return *this;
}

Operation& Operation::response(std::string_view status, std::string_view description,
                               json::value schema, std::string_view media) {
  return response_object(status, {{"description", description},
                                  {"content", {{media, {{"schema", std::move(schema)}}}}}});
}

Operation& Operation::response(std::string_view status, std::string_view description) {
  return response_object(status, {{"description", description}});
}

Operation& Operation::response_object(std::string_view status, json::object response) {
  op_["responses"].as_object()[status] = std::move(response);
  return *this;
}

Operation& Operation::problem(std::string_view status, std::string_view description) {
  return response_object(status, problem_response(description));
}

Operation& Operation::set(std::string_view key, json::value value) {
  op_[key] = std::move(value);
  return *this;
}

std::string Operation::json() const { return core::json::dump(op_); }

} // namespace http::openapi
