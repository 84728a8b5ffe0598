// Our own small HTTP request and response types. Handlers see only these,
// never Beast, so that the Beast templates stay in http/server.cpp and a
// handler can be unit-tested by building a Request by hand.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>

#include "http/identity.hpp"
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace http {

enum class Method { get, head, post, put, patch, del, options, other };

std::string_view to_string(Method m);
Method method_from_string(std::string_view name);

// A header value or list element without the optional whitespace (spaces and
// tabs, RFC 9110 section 5.6.3) around it.
std::string_view trim_ows(std::string_view s);

// Header fields as name/value pairs; names are matched case-insensitively.
class Headers {
public:
  void add(std::string name, std::string value) {
    fields_.emplace_back(std::move(name), std::move(value));
  }
  // The first value of the field, or an empty view when absent.
  std::string_view get(std::string_view name) const;
  bool has(std::string_view name) const;
  // Replaces every value of the field with one.
  void set(std::string name, std::string value);
  const std::vector<std::pair<std::string, std::string>>& all() const { return fields_; }

private:
  std::vector<std::pair<std::string, std::string>> fields_;
};

// One request as a handler sees it. The body is complete (already read and
// within the route's limit).
struct Request {
  Method method = Method::get;
  std::string target;   // as sent: "/api/services?q=pass"
  std::string path;     // percent-decoded path: "/api/services"
  std::string raw_path; // path as sent, still percent-encoded (routing uses it)
  std::string query;    // raw query without '?': "q=pass"
  Headers headers;
  std::string body;
  std::string request_id;
  std::string remote_address;
  // Filled by the router: {name} segments of the matched pattern.
  std::vector<std::pair<std::string, std::string>> path_params;
  // Filled by the dispatcher for routes that run on the worker pool, when the
  // request carries valid credentials (see http/identity.hpp).
  std::optional<Identity> identity;

  std::string_view header(std::string_view name) const { return headers.get(name); }
  // The decoded value of a path parameter. REQUIRES: the pattern has it.
  const std::string& param(std::string_view name) const;
  // The first decoded value of a query parameter ("a+b" and %XX decoded).
  std::optional<std::string> query_param(std::string_view name) const;
  // All decoded query parameters in order.
  std::vector<std::pair<std::string, std::string>> query_params() const;
};

// A body produced while it is sent (exports that are never held whole in
// memory). Each call appends the next piece (best some 64 KiB) to `out` and
// returns false once the body is complete. Called on a worker thread, one
// call at a time; an exception aborts the response (the connection closes).
using ChunkSource = std::function<bool(std::string& out)>;

// One response. Either `body`, `shared_body` (a body kept in memory and sent
// without a copy, such as a static file) or `stream` carries the payload.
struct Response {
  int status = 200;
  std::string content_type;
  Headers headers;
  std::string body;
  std::shared_ptr<const std::string> shared_body;
  bool compressible = true; // may be gzip-encoded when the client accepts it
  // When set, the body comes from here (chunked transfer coding, or
  // Content-Length when stream_length is known); body stays empty.
  ChunkSource stream;
  std::optional<std::uint64_t> stream_length;

  std::string_view payload() const {
    return shared_body ? std::string_view(*shared_body) : std::string_view(body);
  }

  static Response json(std::string body, int status = 200);
  static Response text(std::string body, std::string content_type = "text/plain; charset=utf-8",
                       int status = 200);
  static Response empty(int status);
};

// Decodes %XX escapes (not '+'); std::nullopt for a malformed escape or a
// decoded NUL byte.
std::optional<std::string> percent_decode(std::string_view s);

} // namespace http
