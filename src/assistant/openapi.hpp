// The OpenAPI documentation of the assistant's route.
#pragma once

#include <string>

namespace assistant::openapi {

std::string turn();

} // namespace assistant::openapi
