#include "mqtt/client.hpp"

#include <mosquitto.h>
#include <spdlog/spdlog.h>

#include <charconv>
#include <mutex>

#include "core/error.hpp"

namespace mqtt {

namespace {

void init_library() {
  static std::once_flag once;
  std::call_once(once, [] { mosquitto_lib_init(); });
}

[[noreturn]] void bad(const std::string& what) {
  throw core::Error(core::ErrorKind::invalid_argument, what);
}

} // namespace

Address parse_url(std::string_view url) {
  constexpr std::string_view scheme = "mqtt://";
  if (!url.starts_with(scheme)) bad("'" + std::string(url) + "' is not an mqtt:// URL");
  std::string_view rest = url.substr(scheme.size());
  Address a;
  if (const auto slash = rest.find('/'); slash != std::string_view::npos) {
    a.path = std::string(rest.substr(slash + 1));
    rest = rest.substr(0, slash);
  }
  std::string_view host = rest;
  if (const auto colon = rest.rfind(':'); colon != std::string_view::npos) {
    host = rest.substr(0, colon);
    const std::string_view port = rest.substr(colon + 1);
    int p = 0;
    const auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), p);
    if (ec != std::errc() || end != port.data() + port.size() || p < 1 || p > 65535)
      bad("'" + std::string(url) + "' has an invalid port");
    a.port = p;
  }
  if (host.empty()) bad("'" + std::string(url) + "' names no host");
  for (const char c : host)
    if (c == '@' || c == ' ' || c == '?' || c == '#')
      bad("'" + std::string(url) + "' has an invalid host");
  a.host = std::string(host);
  return a;
}

Client::Client(Options options, std::vector<std::string> subscriptions, MessageHandler on_message,
               ConnectHandler on_connect)
    : options_(std::move(options)), address_(parse_url(options_.url)),
      subscriptions_(std::move(subscriptions)), on_message_(std::move(on_message)),
      on_connect_(std::move(on_connect)) {
  if (options_.client_id.empty() || options_.client_id.size() > 128)
    bad("the MQTT client id must have 1 to 128 characters");
  init_library();
  mosq_ = mosquitto_new(options_.client_id.c_str(), options_.clean_session, this);
  if (!mosq_) bad("cannot create an MQTT client");
  mosquitto_int_option(mosq_, MOSQ_OPT_PROTOCOL_VERSION, MQTT_PROTOCOL_V311);
  if (!options_.user.empty() &&
      mosquitto_username_pw_set(mosq_, options_.user.c_str(),
                                options_.password.empty() ? nullptr : options_.password.c_str()) !=
          MOSQ_ERR_SUCCESS)
    bad("invalid MQTT user or password");
  mosquitto_reconnect_delay_set(mosq_, 1, static_cast<unsigned>(options_.reconnect_max_seconds),
                                /*exponential=*/true);
  mosquitto_connect_callback_set(mosq_, &Client::on_connect_cb);
  mosquitto_disconnect_callback_set(mosq_, &Client::on_disconnect_cb);
  mosquitto_subscribe_callback_set(mosq_, &Client::on_subscribe_cb);
  mosquitto_message_callback_set(mosq_, &Client::on_message_cb);
  mosquitto_publish_callback_set(mosq_, &Client::on_publish_cb);
}

Client::~Client() {
  stop();
  if (mosq_) mosquitto_destroy(mosq_);
}

void Client::start() {
  if (started_) return;
  // connect_async only fails for bad arguments or an unresolvable host; the
  // network thread retries a refused connection by itself.
  const int rc = mosquitto_connect_async(mosq_, address_.host.c_str(), address_.port,
                                         options_.keepalive_seconds);
  if (rc != MOSQ_ERR_SUCCESS)
    spdlog::warn("mqtt: connecting to {}:{} failed ({}), retrying in the background", address_.host,
                 address_.port, mosquitto_strerror(rc));
  if (const int l = mosquitto_loop_start(mosq_); l != MOSQ_ERR_SUCCESS)
    throw core::Error(core::ErrorKind::internal,
                      std::string("mqtt: cannot start the network thread: ") +
                          mosquitto_strerror(l));
  started_ = true;
}

void Client::stop() {
  if (!started_) return;
  started_ = false;
  mosquitto_disconnect(mosq_);
  mosquitto_loop_stop(mosq_, /*force=*/false);
  connected_ = false;
}

bool Client::publish(const std::string& topic, std::string_view payload, int qos) {
  return mosquitto_publish(mosq_, nullptr, topic.c_str(), static_cast<int>(payload.size()),
                           payload.data(), qos, false) == MOSQ_ERR_SUCCESS;
}

bool Client::publish_confirmed(const std::string& topic, std::string_view payload,
                               std::chrono::milliseconds timeout, std::string& error) {
  int mid = 0;
  const int rc = mosquitto_publish(mosq_, &mid, topic.c_str(), static_cast<int>(payload.size()),
                                   payload.data(), 1, false);
  if (rc != MOSQ_ERR_SUCCESS) {
    error = std::string("MQTT publish failed: ") + mosquitto_strerror(rc);
    return false;
  }
  // A PUBACK that came before this point is already in acked_.
  std::unique_lock lock(acked_mutex_);
  if (!acked_cv_.wait_for(lock, timeout, [&] { return acked_.contains(mid); })) {
    error = "no PUBACK from the MQTT broker within " + std::to_string(timeout.count()) + " ms";
    return false;
  }
  acked_.erase(mid);
  return true;
}

void Client::on_publish_cb(mosquitto*, void* self, int mid) {
  auto* c = static_cast<Client*>(self);
  {
    std::lock_guard lock(c->acked_mutex_);
    c->acked_.insert(mid);
    // Keep the set small: mids of QoS 0 publishes or of waits that gave up.
    if (c->acked_.size() > 10000) c->acked_.erase(c->acked_.begin());
  }
  c->acked_cv_.notify_all();
}

void Client::on_connect_cb(mosquitto* m, void* self, int rc) {
  auto* c = static_cast<Client*>(self);
  if (rc != 0) {
    spdlog::warn("mqtt: {}:{} refused the connection: {}", c->address_.host, c->address_.port,
                 mosquitto_connack_string(rc));
    return;
  }
  spdlog::info("mqtt: connected to {}:{} as {}", c->address_.host, c->address_.port,
               c->options_.client_id);
  c->pending_subacks_ = static_cast<int>(c->subscriptions_.size());
  for (const auto& s : c->subscriptions_)
    if (const int r = mosquitto_subscribe(m, nullptr, s.c_str(), 1); r != MOSQ_ERR_SUCCESS)
      spdlog::error("mqtt: subscribing to {} failed: {}", s, mosquitto_strerror(r));
  if (c->subscriptions_.empty()) {
    c->connected_ = true;
    if (c->on_connect_) c->on_connect_(true);
  }
}

void Client::on_subscribe_cb(mosquitto*, void* self, int, int count, const int* granted) {
  auto* c = static_cast<Client*>(self);
  for (int i = 0; i < count; ++i)
    if (granted[i] > 2) spdlog::error("mqtt: the broker refused a subscription");
  if (--c->pending_subacks_ == 0) {
    c->connected_ = true;
    if (c->on_connect_) c->on_connect_(true);
  }
}

void Client::on_disconnect_cb(mosquitto*, void* self, int rc) {
  auto* c = static_cast<Client*>(self);
  c->connected_ = false;
  if (rc != 0)
    spdlog::warn("mqtt: connection to {}:{} lost ({}), reconnecting", c->address_.host,
                 c->address_.port, mosquitto_strerror(rc));
  if (c->on_connect_) c->on_connect_(false);
}

void Client::on_message_cb(mosquitto*, void* self, const mosquitto_message* m) {
  auto* c = static_cast<Client*>(self);
  c->on_message_(std::string_view(m->topic ? m->topic : ""),
                 std::string_view(static_cast<const char*>(m->payload),
                                  static_cast<std::size_t>(m->payloadlen > 0 ? m->payloadlen : 0)));
}

} // namespace mqtt
