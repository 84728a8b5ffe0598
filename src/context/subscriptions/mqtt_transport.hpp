// Notifications over MQTT: endpoint mqtt://host[:port]/topic; the
// notification body is published to the topic with QoS 1, and a delivery
// succeeds once the broker acknowledged it (PUBACK).
#pragma once

#include <chrono>
#include <memory>

#include "context/subscriptions/transport.hpp"

namespace context::subscriptions {

// One MQTT connection per broker (host:port), opened on the first delivery
// to it and kept (clean session, client id stadtkern-notify-<pid>-<n>);
// timeout bounds the wait for the PUBACK of one delivery.
std::unique_ptr<Transport> mqtt_transport(std::chrono::milliseconds timeout);

} // namespace context::subscriptions
