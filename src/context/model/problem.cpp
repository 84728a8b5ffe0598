#include "context/model/problem.hpp"

namespace context {

std::string_view type_uri(ProblemType type) {
  switch (type) {
  case ProblemType::invalid_request: return "https://uri.etsi.org/ngsi-ld/errors/InvalidRequest";
  case ProblemType::bad_request_data: return "https://uri.etsi.org/ngsi-ld/errors/BadRequestData";
  case ProblemType::already_exists: return "https://uri.etsi.org/ngsi-ld/errors/AlreadyExists";
  case ProblemType::operation_not_supported:
    return "https://uri.etsi.org/ngsi-ld/errors/OperationNotSupported";
  case ProblemType::resource_not_found:
    return "https://uri.etsi.org/ngsi-ld/errors/ResourceNotFound";
  case ProblemType::ld_context_not_available:
    return "https://uri.etsi.org/ngsi-ld/errors/LdContextNotAvailable";
  case ProblemType::nonexistent_tenant:
    return "https://uri.etsi.org/ngsi-ld/errors/NonexistentTenant";
  case ProblemType::too_complex_query: return "https://uri.etsi.org/ngsi-ld/errors/TooComplexQuery";
  case ProblemType::too_many_results: return "https://uri.etsi.org/ngsi-ld/errors/TooManyResults";
  case ProblemType::not_acceptable: return "https://uri.etsi.org/ngsi-ld/errors/NotAcceptable";
  case ProblemType::unsupported_media_type:
    return "https://uri.etsi.org/ngsi-ld/errors/UnsupportedMediaType";
  case ProblemType::unauthorized: return "https://uri.etsi.org/ngsi-ld/errors/Unauthorized";
  case ProblemType::forbidden: return "https://uri.etsi.org/ngsi-ld/errors/Forbidden";
  case ProblemType::internal_error: return "https://uri.etsi.org/ngsi-ld/errors/InternalError";
  }
  return "https://uri.etsi.org/ngsi-ld/errors/InternalError";
}

std::string_view title(ProblemType type) {
  switch (type) {
  case ProblemType::invalid_request: return "Invalid request";
  case ProblemType::bad_request_data: return "Bad request data";
  case ProblemType::already_exists: return "Already exists";
  case ProblemType::operation_not_supported: return "Operation not supported";
  case ProblemType::resource_not_found: return "Resource not found";
  case ProblemType::ld_context_not_available: return "JSON-LD context not available";
  case ProblemType::nonexistent_tenant: return "Nonexistent tenant";
  case ProblemType::too_complex_query: return "Too complex query";
  case ProblemType::too_many_results: return "Too many results";
  case ProblemType::not_acceptable: return "Not acceptable";
  case ProblemType::unsupported_media_type: return "Unsupported media type";
  case ProblemType::unauthorized: return "Unauthorized";
  case ProblemType::forbidden: return "Forbidden";
  case ProblemType::internal_error: return "Internal error";
  }
  return "Internal error";
}

int status_of(ProblemType type) {
  switch (type) {
  case ProblemType::invalid_request:
  case ProblemType::bad_request_data: return 400;
  case ProblemType::already_exists: return 409;
  case ProblemType::operation_not_supported: return 422;
  case ProblemType::resource_not_found:
  case ProblemType::nonexistent_tenant: return 404;
  case ProblemType::ld_context_not_available: return 503;
  case ProblemType::too_complex_query:
  case ProblemType::too_many_results:
  case ProblemType::forbidden: return 403;
  case ProblemType::not_acceptable: return 406;
  case ProblemType::unsupported_media_type: return 415;
  case ProblemType::unauthorized: return 401;
  case ProblemType::internal_error: return 500;
  }
  return 500;
}

} // namespace context
