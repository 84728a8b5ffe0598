// The subscription engine's public face: holds the tenants' subscriptions,
// turns committed entity changes into pending notifications (an outbox in
// the same transaction as the change) and delivers them from worker threads
// through the Transport registered for the endpoint's URI scheme.
#pragma once

#include <memory>
#include <string>

#include "context/subscriptions/transport.hpp"

namespace context::subscriptions {

class Notifier {
public:
  // Registers the transport for a URI scheme ("http", "https", "mqtt");
  // a later registration for the same scheme replaces the earlier one.
  // REQUIRES: called before start().
  void add_transport(const std::string& scheme, std::unique_ptr<Transport> transport);
};

} // namespace context::subscriptions
