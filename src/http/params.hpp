// Small helpers every module's routes.cpp shares: refusing bad input with a
// 400, whole-number query parameters with bounds, the Origin check of
// cookieless state-changing routes, and the no-store wrapper of routes that
// answer with personal data.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "http/message.hpp"
#include "http/router.hpp"

namespace http {

// Throws core::Error{invalid_argument, detail}: a 400 problem+json.
[[noreturn]] void bad_request(const std::string& detail);

// The query parameter `name` as a whole number in [min, max]; std::nullopt
// when it is absent or empty. Anything else (signs where min >= 0, spaces,
// fractions, too large, out of range) is a 400 that names the parameter and
// the range: "'limit' must be a whole number from 1 to 20".
std::optional<std::int64_t> whole_number_param(const Request& r, const char* name, std::int64_t min,
                                               std::int64_t max);
// The same with a value for an absent or empty parameter.
std::int64_t whole_number_param(const Request& r, const char* name, std::int64_t min,
                                std::int64_t max, std::int64_t fallback);

// Refuses (403) a browser request sent by another site: the dispatcher checks
// requests that carry a cookie; routes used before there is one (login,
// registration, password reset) call this. Requests without Origin (not
// browsers) pass; otherwise Origin must be http(s)://<Host>.
void require_own_origin(const Request& r);

// Marks a response as personal: Cache-Control: no-store.
Response no_store(Response r);
// Runs a handler and marks every answer (errors too) as personal (no-store);
// internal errors are rethrown for the dispatcher to log.
Handler personal(std::function<Response(Request&)> handler);

} // namespace http
