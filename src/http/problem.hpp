// Errors as application/problem+json (RFC 9457), the shape of every 4xx/5xx
// of Stadtkern's own API. The mapping from core::ErrorKind to a status code
// lives here and nowhere else; routes that speak a standard with its own
// error shape (NGSI-LD, CKAN, Open311) translate from the same kinds.
#pragma once

#include <boost/json/fwd.hpp>

#include <string>
#include <string_view>

#include "core/error.hpp"
#include "http/message.hpp"

namespace http {

// The HTTP status for an error kind (not_found -> 404, ...).
int status_for(core::ErrorKind kind);

// The standard reason phrase ("Not Found"); "Unknown" for an unknown code.
std::string_view reason_phrase(int status);

// A problem+json response: {"type", "title", "status", "detail", "instance"}.
// `type` is a URI reference such as "/problems/not-found"; title defaults to
// the reason phrase; `instance` is the request path when given. `extensions`
// adds members (RFC 9457 extension members such as "errors"); the standard
// members keep their values when a name clashes.
Response problem(int status, std::string_view type, std::string_view detail,
                 std::string_view instance = {}, std::string_view title = {},
                 const boost::json::object* extensions = nullptr);

// The problem response for a domain error raised while serving `request`,
// with the error's extension members.
Response problem_from_error(const core::Error& error, const Request& request);

} // namespace http
