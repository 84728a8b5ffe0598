// Everything about answering a request that does not touch the socket:
// route lookup, the body limit that applies, running the handler, turning
// errors into problem+json, static files with the SPA fallback, and the final
// touches (request id, gzip). http/server.cpp reads and writes; this decides.
#pragma once

#include <cstddef>

#include "http/message.hpp"
#include "http/metrics.hpp"
#include "http/router.hpp"
#include "http/static_files.hpp"

namespace http {

// What the server must know about a request before reading its body.
struct Plan {
  Match match;
  std::size_t body_limit = 0;
  bool run_inline = true; // false: run execute() on the worker pool
  std::size_t metrics_slot = Metrics::kUnmatchedSlot;
};

class Dispatcher {
public:
  // All references must outlive the dispatcher. Thread-safe.
  Dispatcher(const Router& router, const StaticFiles& files, std::size_t default_body_limit)
      : router_(router), files_(files), default_body_limit_(default_body_limit) {}

  // Installs who resolves identities (accounts module). Call before serving.
  void set_authenticator(const Authenticator* authenticator) { authenticator_ = authenticator; }

  // Routes the request (method and decoded path must be set).
  Plan plan(const Request& request) const;

  // Produces the response: the route's handler, a static file, the SPA
  // index, or a problem (404/405). Never throws: a core::Error becomes its
  // problem, any other exception a 500 problem that is logged with the
  // request id. Applies gzip when the client accepts it.
  Response execute(const Plan& plan, Request& request) const;

private:
  Response run_route(const Plan& plan, Request& request) const;
  Response serve_unrouted(const Plan& plan, const Request& request) const;

  const Router& router_;
  const StaticFiles& files_;
  const Authenticator* authenticator_ = nullptr;
  std::size_t default_body_limit_;
};

// True for paths that belong to a machine API (no SPA fallback there).
bool is_api_path(std::string_view path);

// True when a state-changing request that carries a cookie comes from our
// own origin (Origin, or else Referer, matches the Host). Requests without a
// cookie (API clients with a bearer token, anonymous forms) are not affected.
bool same_origin_or_cookieless(const Request& request);

// Compresses the body with gzip when the request accepts it and it is worth
// it (textual, at least 1 KiB, not yet encoded). Adds Vary: Accept-Encoding.
void maybe_compress(Response& response, const Request& request);

} // namespace http
