// OpenAPI 3.1 operation objects of the document register's routes.
#pragma once

#include <string>

namespace documents::openapi {

std::string my_documents();
std::string report();
std::string person_documents();
std::string set_status();
std::string import();

} // namespace documents::openapi
