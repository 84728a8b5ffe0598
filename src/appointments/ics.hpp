// The calendar file of an appointment: iCalendar (RFC 5545) made with
// libical, one VEVENT with DTSTART/DTEND in Europe/Berlin and the matching
// VTIMEZONE, so calendar programs show the right wall time on both sides of
// a summer-time change.
#pragma once

#include <string>

#include "appointments/model.hpp"
#include "catalog/model.hpp"

namespace appointments {

// The .ics text (CRLF line ends, folded by libical). `service` and `office`
// may be null when the catalogue no longer has them.
std::string to_ics(const Appointment& a, const catalog::Service* service,
                   const catalog::Office* office, core::TimePoint now);

} // namespace appointments
