// One way to write the OpenAPI 3.1 operation object of a route (the JSON text
// a Route carries in `openapi`, collected into /api/openapi.json). Modules
// describe their operations with this builder instead of hand-made JSON:
//
//   http::openapi::Operation("listInbox", "Postfach", "My inbox")
//       .query("limit", "integer", "1..200, default 50")
//       .response("200", "The messages", schema)
//       .problem("401", "Not logged in")
//       .json();
//
// Problem responses refer to #/components/schemas/Problem (application/
// problem+json). Not thread-safe; build once at start.
#pragma once

#include <boost/json.hpp>

#include <initializer_list>
#include <string>
#include <utility>

namespace http::openapi {

// {"type": "string", "description": ...} with optional length bounds (0 = none).
boost::json::object string_schema(std::string_view description, int min_length = 0,
                                  int max_length = 0);

// An object schema whose members are all required.
boost::json::object
object_schema(std::initializer_list<std::pair<std::string_view, boost::json::value>> members);

// A parameter object in "query", "path" (always required) or "header", with a
// JSON schema type ("string", "integer", "boolean").
boost::json::object parameter(std::string_view name, std::string_view in, std::string_view type,
                              std::string_view description, bool required = false);

// The problem+json response object with this description.
boost::json::object problem_response(std::string_view description);

// An OpenAPI operation object under construction.
class Operation {
public:
  // operationId (empty: none), its tag (the group in the viewer), the
  // one-line summary and an optional longer description.
  Operation(std::string_view id, std::string_view tag, std::string_view summary,
            std::string_view description = {});

  // A parameter (see parameter()).
  Operation& param(std::string_view name, std::string_view in, std::string_view type,
                   std::string_view description, bool required = false);
  Operation& query(std::string_view name, std::string_view type, std::string_view description,
                   bool required = false) {
    return param(name, "query", type, description, required);
  }
  Operation& path(std::string_view name, std::string_view description) {
    return param(name, "path", "string", description, true);
  }
  // A parameter object written out in full.
  Operation& param(boost::json::object parameter);

  // A required request body of `media` type with this schema.
  Operation& body(boost::json::value schema, std::string_view media = "application/json");
  // A request body object written out in full.
  Operation& body_object(boost::json::object request_body);

  // A response with a body of `media` type with this schema.
  Operation& response(std::string_view status, std::string_view description,
                      boost::json::value schema, std::string_view media = "application/json");
  // A response without a body.
  Operation& response(std::string_view status, std::string_view description);
  // A response object written out in full (headers, several media types).
  Operation& response_object(std::string_view status, boost::json::object response);
  // A problem+json response.
  Operation& problem(std::string_view status, std::string_view description);

  // The operation as one member: "x-..." extensions or other fields.
  Operation& set(std::string_view key, boost::json::value value);

  const boost::json::object& object() const { return op_; }
  // The JSON text for http::Route::openapi.
  std::string json() const;

private:
  boost::json::object op_;
};

} // namespace http::openapi
