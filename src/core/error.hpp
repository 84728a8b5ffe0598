// The one error type of Stadtkern. Domain code throws (or returns) a
// core::Error with a kind and a human-readable detail; the HTTP layer maps the
// kind to a status code and the response shape of the route in one place
// (http/problem.cpp), so modules never think in status codes.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

namespace core {

// What went wrong, from the caller's point of view.
enum class ErrorKind {
  invalid_argument,      // the request is malformed or a value is out of range (400)
  unauthenticated,       // a login is needed (401)
  forbidden,             // logged in, but not allowed (403)
  not_found,             // no such thing, or not visible to the caller (404)
  conflict,              // the state does not allow it (409)
  precondition_failed,   // a condition of the request (If-Match) does not hold (412)
  unprocessable,         // well-formed, but the content breaks the rules (422)
  precondition_required, // the request must be conditional (If-Match) (428)
  too_large,             // a body or upload exceeds its limit (413)
  unsupported,           // a feature or media type we do not offer (415/501)
  unavailable,           // a dependency is down or shutting down (503)
  internal,              // a bug: never the client's fault (500)
};

// Stable machine name of a kind ("not_found"), used in logs and problem types.
std::string_view to_string(ErrorKind kind);

// An error with a kind and a detail safe to show to the client.
//
// `extensions` optionally carries more members for the client as the text of
// a JSON object (RFC 9457 extension members, e.g. {"errors": [...]}); the
// HTTP layer merges them into the problem. Empty = none.
class Error : public std::runtime_error {
public:
  Error(ErrorKind kind, std::string detail, std::string extensions = {})
      : std::runtime_error(std::move(detail)), kind_(kind), extensions_(std::move(extensions)) {}

  ErrorKind kind() const { return kind_; }
  std::string detail() const { return what(); }
  const std::string& extensions() const { return extensions_; }

private:
  ErrorKind kind_;
  std::string extensions_;
};

} // namespace core
