#include "core/error.hpp"

namespace core {

std::string_view to_string(ErrorKind kind) {
  switch (kind) {
  case ErrorKind::invalid_argument: return "invalid_argument";
  case ErrorKind::unauthenticated: return "unauthenticated";
  case ErrorKind::forbidden: return "forbidden";
  case ErrorKind::not_found: return "not_found";
  case ErrorKind::conflict: return "conflict";
  case ErrorKind::precondition_failed: return "precondition_failed";
  case ErrorKind::unprocessable: return "unprocessable";
  case ErrorKind::precondition_required: return "precondition_required";
  case ErrorKind::too_large: return "too_large";
  case ErrorKind::unsupported: return "unsupported";
  case ErrorKind::unavailable: return "unavailable";
  case ErrorKind::internal: return "internal";
  }
  return "internal";
}

} // namespace core
