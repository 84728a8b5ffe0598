// HTTP binding of the appointment system: /api/appointments/*,
// /api/me/appointments and the staff routes under /api/offices/{id}/.
// Answers with personal data carry Cache-Control: no-store.
#pragma once

#include <cstddef>

#include "appointments/appointments.hpp"
#include "http/router.hpp"

namespace appointments {

// Largest request body of these routes.
inline constexpr std::size_t kBodyLimit = 16 * 1024;

// Registers the routes. calendar must outlive the router.
void add_routes(http::Router& router, Calendar& calendar);

} // namespace appointments
