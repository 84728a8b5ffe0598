// HTTP binding of the CKAN Action API v3: /api/3/action/{action} for GET
// (query parameters) and POST (a JSON object, or a form), answered in CKAN's
// envelope {"help", "success", "result"} and its error shapes.
#include <boost/json.hpp>

#include "core/error.hpp"
#include "core/json.hpp"
#include "http/openapi_doc.hpp"
#include "opendata/ckan.hpp"
#include "opendata/routes.hpp"

namespace opendata {
namespace {

namespace json = boost::json;
using http::Method;
using http::Request;
using http::Response;

constexpr std::size_t kBodyLimit = 64 * 1024;

Response envelope(const std::string& help, bool success, const char* member, json::value value,
                  int status) {
  Response r =
      Response::json(core::json::dump(json::object{
                         {"help", help}, {"success", success}, {member, std::move(value)}}),
                     status);
  return r;
}

// CKAN answers a request it cannot read with a bare JSON string and 400.
Response bad_request(const std::string& message) {
  return Response::json(core::json::dump(json::string("Bad request - " + message)), 400);
}

ckan::Params params_of(const Request& r) {
  if (r.method != Method::post || r.body.empty()) return ckan::Params::from_query(r.query_params());
  if (r.header("Content-Type").starts_with("application/x-www-form-urlencoded")) {
    Request form;
    form.query = r.body;
    return ckan::Params::from_query(form.query_params());
  }
  json::value body = core::json::parse(r.body); // core::Error on malformed JSON
  if (!body.is_object())
    throw core::Error(core::ErrorKind::invalid_argument, "Request data JSON decoded to " +
                                                             core::json::dump(body).substr(0, 100) +
                                                             " but it needs to be a dictionary.");
  return ckan::Params(std::move(body.as_object()));
}

Response run(const ckan::Api& api, const std::string& help_url, const std::string& action,
             Request& r) {
  const std::string help = help_url + action;
  try {
    const ckan::Params params = params_of(r);
    Response resp = Response::json("{\"help\":" + core::json::dump(json::string(help)) +
                                   ",\"success\":true,\"result\":" +
                                   api.call(action, params, ckan::Caller{sees_private(r)}) + "}");
    if (r.identity) resp.headers.add("Cache-Control", "private, no-store");
    return resp;
  } catch (const ckan::ActionError& e) {
    return envelope(help, false, "error", e.error, e.status);
  } catch (const core::Error& e) {
    if (e.kind() == core::ErrorKind::invalid_argument)
      return bad_request("JSON Error: " + e.detail());
    throw;
  }
}

json::value envelope_schema(json::value result) {
  return json::object{
      {"type", "object"},
      {"required", json::array{"help", "success"}},
      {"properties",
       {{"help", {{"type", "string"}, {"description", "URL of help_show for this action"}}},
        {"success", {{"type", "boolean"}}},
        {"result", std::move(result)},
        {"error",
         {{"type", "object"},
          {"description", "Only when success is false: {\"__type\": \"Not Found Error\" | "
                          "\"Validation Error\" | \"Authorization Error\" | \"Search Query "
                          "Error\" | \"Search Error\", \"message\": ...} (a Validation Error "
                          "names the fields)"},
          {"properties",
           {{"__type", {{"type", "string"}}}, {"message", {{"type", "string"}}}}}}}}}};
}

std::string operation(const std::string& action, Method method) {
  const std::string help = ckan::Api::help(action);
  const std::string summary = help.substr(0, help.find('\n'));
  http::openapi::Operation op(std::string("ckan_") + action +
                                  (method == Method::post ? "_post" : ""),
                              "Offene Daten (CKAN)", summary,
                              help + "\n\nCKAN Action API v3. GET takes the parameters in the "
                                     "query string (lists as JSON text), POST as a JSON object.");
  const json::value any = json::object{{"description", "The action's result, as in CKAN"}};
  op.response("200", "CKAN envelope with the result", envelope_schema(any));
  op.response("400",
              "Unreadable request: a JSON string \"Bad request - ...\", or a Search Query "
              "Error envelope",
              json::object{{"type", json::array{"string", "object"}}});
  op.response("404", "Not Found Error envelope", envelope_schema(any));
  op.response("409", "Validation Error or Search Error envelope", envelope_schema(any));
  if (method == Method::post)
    op.body(json::object{{"type", "object"}, {"description", "The action's parameters"}});
  return op.json();
}

std::string unknown_operation(Method method) {
  http::openapi::Operation op(method == Method::post ? "ckan_unknown_post" : "ckan_unknown",
                              "Offene Daten (CKAN)", "Any other action name",
                              "CKAN answers 400 with the JSON string \"Bad request - Action name "
                              "not known: …\".");
  op.path("action", "The action name");
  op.response("400", "Action name not known", json::object{{"type", "string"}});
  return op.json();
}

} // namespace

void add_ckan_routes(http::Router& router, const ckan::Api& api, std::string public_url) {
  while (!public_url.empty() && public_url.back() == '/')
    public_url.pop_back();
  const std::string help_url = public_url + "/api/3/action/help_show?name=";
  for (const auto& action : ckan::Api::actions())
    for (Method method : {Method::get, Method::post}) {
      http::RouteOptions options;
      options.body_limit = kBodyLimit;
      options.openapi = operation(action, method);
      router.add(
          method, "/api/3/action/" + action,
          [&api, help_url, action](Request& r) { return run(api, help_url, action, r); }, options);
    }
  for (Method method : {Method::get, Method::post}) {
    http::RouteOptions options;
    options.body_limit = kBodyLimit;
    options.openapi = unknown_operation(method);
    router.add(
        method, "/api/3/action/{action}",
        [](Request& r) { return bad_request("Action name not known: " + r.param("action")); },
        options);
  }
}

} // namespace opendata
