// OpenAPI 3.1 operation objects (JSON text) of the Bürgerkonto routes, for
// /api/openapi.json. Kept apart so routes.cpp reads as the flow it is.
#pragma once

#include <string>

namespace accounts::openapi {

std::string login();
std::string logout();
std::string logout_all();
std::string me();
std::string register_citizen();
std::string verify();
std::string request_reset();
std::string confirm_reset();
std::string export_data();
std::string delete_account();

} // namespace accounts::openapi
