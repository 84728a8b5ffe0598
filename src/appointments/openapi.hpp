// OpenAPI 3.1 operation objects (JSON text) of the appointment routes, for
// /api/openapi.json. Kept apart so routes.cpp reads as the flow it is.
#pragma once

#include <string>

namespace appointments::openapi {

std::string slots();
std::string hold();
std::string book();
std::string get();
std::string cancel(bool post);
std::string reschedule();
std::string mine();
std::string office_view();
std::string mark();
std::string walk_in();
std::string add_block();
std::string remove_block();
std::string waiting_times();

} // namespace appointments::openapi
