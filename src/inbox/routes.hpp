// HTTP binding of the Postfach: /api/me/inbox (the caller's own messages
// only; a foreign or unknown id answers 404). Answers carry no-store.
#pragma once

#include "http/router.hpp"
#include "inbox/inbox.hpp"

namespace inbox {

// Registers the routes. inbox must outlive the router.
void add_routes(http::Router& router, const Inbox& inbox);

} // namespace inbox
