// Maps a method and a path to a handler. Patterns are literal segments and
// `{name}` parameters ("/api/services/{id}"); a literal segment wins over a
// parameter at the same position. The router also answers the two questions
// the server needs for a miss: does the path exist at all (404) and, if so,
// which methods does it allow (405 + Allow).
#pragma once

#include <boost/container/small_vector.hpp>

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "http/message.hpp"

namespace http {

using Handler = std::function<Response(Request&)>;

// How the server runs a route.
struct RouteOptions {
  // Run on the I/O thread. Only for handlers that never block and finish in
  // microseconds (health, metrics); everything else runs on the worker pool.
  bool inline_handler = false;
  // Largest accepted request body; 0 = the server's default limit.
  std::size_t body_limit = 0;
  // OpenAPI 3.1 operation object (JSON text) for /api/openapi.json; empty =
  // not part of the documented API (e.g. /metrics, /health).
  std::string openapi;
};

// A registered route.
struct Route {
  Method method;
  std::string pattern;
  Handler handler;
  RouteOptions options;
  std::size_t index = 0; // position in registration order, for metrics
  std::vector<std::string> segments;
};

// The outcome of Router::match().
struct Match {
  enum class Kind { found, not_found, method_not_allowed } kind = Kind::not_found;
  const Route* route = nullptr;
  std::vector<std::pair<std::string, std::string>> params;
  std::string allow; // "GET, HEAD" for method_not_allowed
};

// Not thread-safe while adding; match() is safe from many threads once all
// routes are added (before the server starts).
class Router {
public:
  // Adds a route. A GET route also answers HEAD. Throws core::Error{conflict}
  // when the same method and pattern shape is added twice, and
  // invalid_argument for a malformed pattern.
  void add(Method method, std::string pattern, Handler handler, RouteOptions options = {});

  // Finds the route for a path as sent (still percent-encoded); parameter
  // values are decoded one segment at a time, so "%2F" inside an id stays in
  // that id. Throws core::Error{invalid_argument} for a malformed escape.
  Match match(Method method, std::string_view raw_path) const;

  const std::vector<Route>& routes() const { return routes_; }

private:
  std::vector<Route> routes_;
};

// Path segments without allocation for the usual depth.
using PathParts = boost::container::small_vector<std::string_view, 8>;

// Splits "/a/b/" into {"a", "b"}; "/" into {}.
PathParts split_path(std::string_view path);

} // namespace http
