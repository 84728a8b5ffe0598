// HTTP binding of the Bürgerkonto: /api/auth/* (login, logout, registration,
// verification, password reset), /api/me and the DSGVO rights (export,
// deletion of one's own account). Every answer is personal, so
// every answer carries Cache-Control: no-store.
#pragma once

#include <cstddef>

#include "accounts/accounts.hpp"
#include "http/router.hpp"

namespace accounts {

// Largest request body of these routes.
inline constexpr std::size_t kBodyLimit = 16 * 1024;

// Registers the routes. accounts and audit must outlive the router.
void add_routes(http::Router& router, Accounts& accounts, const audit::AuditLog& audit);

} // namespace accounts
