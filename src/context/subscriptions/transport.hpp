// How a notification leaves the broker: one Transport per URI scheme
// (http, https, mqtt), registered with the Notifier. The delivery worker
// calls deliver() for each pending notification; a transport never sees
// the database or the subscription, only what to send and where.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace context::subscriptions {

// One notification to send: where, what, with which headers.
struct Delivery {
  std::string uri;
  std::string content_type;
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
};

// Sends deliveries for one URI scheme (http, https, mqtt). Called from the
// delivery worker thread; returns true on success, else fills error.
class Transport {
public:
  virtual ~Transport() = default;
  virtual bool deliver(const Delivery& d, std::string& error) = 0;
};

} // namespace context::subscriptions
