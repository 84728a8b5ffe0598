#include "context/subscriptions/mqtt_transport.hpp"

#include <unistd.h>

#include <atomic>
#include <map>
#include <mutex>
#include <string>

#include "core/error.hpp"
#include "mqtt/client.hpp"

namespace context::subscriptions {

namespace {

class MqttTransport final : public Transport {
public:
  explicit MqttTransport(std::chrono::milliseconds timeout) : timeout_(timeout) {}

  bool deliver(const Delivery& d, std::string& error) override {
    mqtt::Address a;
    try {
      a = mqtt::parse_url(d.uri);
    } catch (const core::Error& e) {
      error = e.what();
      return false;
    }
    if (a.path.empty() || a.path.find_first_of("+#") != std::string::npos) {
      error = "the MQTT endpoint names no topic, or a wildcard: " + d.uri;
      return false;
    }
    mqtt::Client* client = client_for(a, error);
    if (!client) return false;
    return client->publish_confirmed(a.path, d.body, timeout_, error);
  }

private:
  mqtt::Client* client_for(const mqtt::Address& a, std::string& error) {
    const std::string key = a.host + ":" + std::to_string(a.port);
    std::lock_guard lock(mutex_);
    auto& c = clients_[key];
    if (!c) {
      try {
        mqtt::Options o;
        o.url = "mqtt://" + key;
        o.client_id =
            "stadtkern-notify-" + std::to_string(::getpid()) + "-" + std::to_string(next_id_++);
        o.clean_session = true;
        c = std::make_unique<mqtt::Client>(o, std::vector<std::string>{},
                                           [](std::string_view, std::string_view) {});
        c->start();
      } catch (const std::exception& e) {
        clients_.erase(key);
        error = e.what();
        return nullptr;
      }
    }
    return c.get();
  }

  std::chrono::milliseconds timeout_;
  std::mutex mutex_;
  std::map<std::string, std::unique_ptr<mqtt::Client>> clients_;
  int next_id_ = 1;
};

} // namespace

std::unique_ptr<Transport> mqtt_transport(std::chrono::milliseconds timeout) {
  return std::make_unique<MqttTransport>(timeout);
}

} // namespace context::subscriptions
