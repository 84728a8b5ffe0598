// Notifications over HTTP(S): a POST of the body to the endpoint with
// libcurl; any 2xx answer is a success. One transport serves both schemes.
#pragma once

#include <chrono>
#include <memory>

#include "context/subscriptions/transport.hpp"

namespace context::subscriptions {

// timeout bounds one attempt (connect and transfer), so that a dead
// endpoint holds a delivery worker no longer than that.
std::unique_ptr<Transport> http_transport(std::chrono::milliseconds timeout);

} // namespace context::subscriptions
