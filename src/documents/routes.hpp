// HTTP binding of the document register:
//   GET  /api/me/documents                     the caller's own (numbers masked)
//   POST /api/me/documents/{id}/report         the holder reports one lost or stolen
//   GET  /api/citizens/{user_id}/documents     staff of the Bürgeramt, admin (full numbers)
//   POST /api/documents/{id}/status            staff of the Bürgeramt, admin
//   POST /api/documents/import[?dry_run=true]  staff of the Bürgeramt, admin (text/csv)
// Answers carry Cache-Control: no-store.
#pragma once

#include <cstddef>

#include "documents/documents.hpp"
#include "http/router.hpp"

namespace documents {

// Largest register CSV accepted by the import.
inline constexpr std::size_t kImportBodyLimit = 2 * 1024 * 1024;

// Registers the routes. reg must outlive the router.
void add_routes(http::Router& router, const Register& reg);

} // namespace documents
