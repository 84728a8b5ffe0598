#include "http/params.hpp"

#include <charconv>

#include "core/error.hpp"
#include "http/problem.hpp"

namespace http {

void bad_request(const std::string& detail) {
  throw core::Error(core::ErrorKind::invalid_argument, detail);
}

std::optional<std::int64_t> whole_number_param(const Request& r, const char* name, std::int64_t min,
                                               std::int64_t max) {
  const auto text = r.query_param(name);
  if (!text || text->empty()) return std::nullopt;
  std::int64_t value = 0;
  const char* end = text->data() + text->size();
  const auto [ptr, ec] = std::from_chars(text->data(), end, value);
  if (ec != std::errc() || ptr != end || value < min || value > max)
    bad_request(std::string("'") + name + "' must be a whole number from " + std::to_string(min) +
                " to " + std::to_string(max));
  return value;
}

std::int64_t whole_number_param(const Request& r, const char* name, std::int64_t min,
                                std::int64_t max, std::int64_t fallback) {
  return whole_number_param(r, name, min, max).value_or(fallback);
}

void require_own_origin(const Request& r) {
  const std::string_view origin = r.header("Origin");
  if (origin.empty()) return;
  const std::string_view host = r.header("Host");
  for (std::string_view scheme : {"http://", "https://"}) {
    if (!origin.starts_with(scheme)) continue;
    const std::string_view rest = origin.substr(scheme.size());
    if (!host.empty() && rest.substr(0, rest.find('/')) == host) return;
  }
  throw core::Error(core::ErrorKind::forbidden,
                    "This request did not come from this site (Origin check).");
}

Response no_store(Response r) {
  r.headers.set("Cache-Control", "no-store");
  return r;
}

Handler personal(std::function<Response(Request&)> handler) {
  return [handler = std::move(handler)](Request& r) {
    Response resp;
    try {
      resp = handler(r);
    } catch (const core::Error& e) {
      if (e.kind() == core::ErrorKind::internal) throw; // logged by the dispatcher
      resp = problem_from_error(e, r);
    }
    return no_store(std::move(resp)); // X-Frame-Options, Referrer-Policy: the HTTP layer
  };
}

} // namespace http
