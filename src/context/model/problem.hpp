// The errors of the NGSI-LD API (ETSI GS CIM 009, ProblemDetails types) and
// their HTTP statuses, in one place. Domain code throws context::Problem;
// api/ turns it into the spec's JSON body.
#pragma once

#include <string>
#include <string_view>

namespace context {

// The spec's error types.
enum class ProblemType {
  invalid_request,          // 400 InvalidRequest: not JSON, wrong shape of the request
  bad_request_data,         // 400 BadRequestData: the content breaks the rules
  already_exists,           // 409 AlreadyExists
  operation_not_supported,  // 422 OperationNotSupported
  resource_not_found,       // 404 ResourceNotFound
  ld_context_not_available, // 503 LdContextNotAvailable
  nonexistent_tenant,       // 404 NonexistentTenant
  too_complex_query,        // 403 TooComplexQuery
  too_many_results,         // 403 TooManyResults
  not_acceptable,           // 406 NotAcceptable (no spec URI of its own)
  unsupported_media_type,   // 415 UnsupportedMediaType
  unauthorized,             // 401 (write without credentials)
  forbidden,                // 403
  internal_error,           // 500 InternalError
};

// An NGSI-LD error with a detail safe to show.
struct Problem {
  ProblemType type;
  std::string detail;
};

// The type URI ("https://uri.etsi.org/ngsi-ld/errors/BadRequestData").
std::string_view type_uri(ProblemType type);
// The short title ("Bad request data").
std::string_view title(ProblemType type);
int status_of(ProblemType type);

[[noreturn]] inline void fail(ProblemType type, std::string detail) {
  throw Problem{type, std::move(detail)};
}

} // namespace context
