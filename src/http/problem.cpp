#include "http/problem.hpp"

#include <boost/json.hpp>

#include "core/json.hpp"

namespace http {

int status_for(core::ErrorKind kind) {
  using core::ErrorKind;
  switch (kind) {
  case ErrorKind::invalid_argument: return 400;
  case ErrorKind::unauthenticated: return 401;
  case ErrorKind::forbidden: return 403;
  case ErrorKind::not_found: return 404;
  case ErrorKind::conflict: return 409;
  case ErrorKind::precondition_failed: return 412;
  case ErrorKind::unprocessable: return 422;
  case ErrorKind::precondition_required: return 428;
  case ErrorKind::too_large: return 413;
  case ErrorKind::unsupported: return 415;
  case ErrorKind::unavailable: return 503;
  case ErrorKind::internal: return 500;
  }
  return 500;
}

std::string_view reason_phrase(int status) {
  switch (status) {
  case 200: return "OK";
  case 201: return "Created";
  case 204: return "No Content";
  case 206: return "Partial Content";
  case 304: return "Not Modified";
  case 400: return "Bad Request";
  case 401: return "Unauthorized";
  case 403: return "Forbidden";
  case 404: return "Not Found";
  case 405: return "Method Not Allowed";
  case 408: return "Request Timeout";
  case 409: return "Conflict";
  case 411: return "Length Required";
  case 412: return "Precondition Failed";
  case 413: return "Content Too Large";
  case 415: return "Unsupported Media Type";
  case 422: return "Unprocessable Content";
  case 428: return "Precondition Required";
  case 429: return "Too Many Requests";
  case 431: return "Request Header Fields Too Large";
  case 500: return "Internal Server Error";
  case 501: return "Not Implemented";
  case 503: return "Service Unavailable";
  default: return "Unknown";
  }
}

Response problem(int status, std::string_view type, std::string_view detail,
                 std::string_view instance, std::string_view title,
                 const boost::json::object* extensions) {
  boost::json::object body;
  if (extensions)
    for (const auto& [key, value] : *extensions)
      body[key] = value; // the standard members below win over a clash
  body["type"] = type;
  body["title"] = title.empty() ? reason_phrase(status) : title;
  body["status"] = status;
  // Detail and instance may quote the request: keep the JSON valid UTF-8.
  if (!detail.empty()) body["detail"] = core::json::to_valid_utf8(detail);
  if (!instance.empty()) body["instance"] = core::json::to_valid_utf8(instance);
  Response r;
  r.status = status;
  r.content_type = "application/problem+json";
  r.body = core::json::dump(body);
  return r;
}

Response problem_from_error(const core::Error& error, const Request& request) {
  std::string type = "/problems/";
  for (char c : core::to_string(error.kind()))
    type += (c == '_') ? '-' : c;
  boost::json::object extensions;
  if (!error.extensions().empty()) {
    boost::json::error_code ec;
    boost::json::value parsed = boost::json::parse(error.extensions(), ec);
    if (!ec && parsed.is_object()) extensions = std::move(parsed.as_object());
  }
  return problem(status_for(error.kind()), type, error.detail(), request.path, {},
                 extensions.empty() ? nullptr : &extensions);
}

} // namespace http
