// HTTP binding of the audit log: GET /api/admin/audit (administrators only).
#pragma once

#include "audit/audit_log.hpp"
#include "http/router.hpp"

namespace audit {

// Registers the audit routes. log must outlive the router.
void add_routes(http::Router& router, const AuditLog& log);

} // namespace audit
