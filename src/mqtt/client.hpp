// A small MQTT client over libmosquitto: one connection to one broker, kept
// up by a background network thread that reconnects with exponential
// backoff (1 s doubling up to a cap) after a lost connection.
//
// Contract:
// - The session is persistent (clean_session = false, unless Options say
//   otherwise) under the configured
//   client id, and the subscriptions are made with QoS 1 and renewed on
//   every (re)connect. So messages published with QoS 1 while this client
//   is away are queued by the broker and delivered after the next connect.
// - on_message runs on the network thread, one message at a time, in the
//   order the broker sends them. libmosquitto acknowledges a QoS 1 message
//   (PUBACK) before it calls on_message: a message counts as delivered once
//   on_message has been called (see context/ingest for the resulting window).
// - publish() may be called from any thread once start() returned; QoS 0 or
//   1. Messages published while disconnected are queued by libmosquitto.
// - stop() disconnects cleanly and joins the network thread; after it
//   returns no callback runs any more. The destructor calls stop().
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <set>
#include <string>
#include <string_view>
#include <vector>

struct mosquitto;
struct mosquitto_message;

namespace mqtt {

// Where and as whom to connect.
struct Options {
  std::string url;       // mqtt://host[:port] (default port 1883)
  std::string client_id; // stable id of the persistent session
  std::string user;      // optional
  std::string password;  // optional
  int keepalive_seconds = 30;
  int reconnect_max_seconds = 60; // cap of the backoff
  bool clean_session = false;     // true: no persistent session (publishers)
};

// The parts of an mqtt:// URL.
struct Address {
  std::string host;
  int port = 1883;
  std::string path; // after the first '/' following host:port, without it ("" if none)
};

// Parses mqtt://host[:port][/path]. Throws core::Error{invalid_argument}.
Address parse_url(std::string_view url);

// A connection to one MQTT broker (see the file comment for the contract).
class Client {
public:
  using MessageHandler = std::function<void(std::string_view topic, std::string_view payload)>;
  using ConnectHandler = std::function<void(bool connected)>;

  // Throws core::Error{invalid_argument} for a bad URL or options.
  Client(Options options, std::vector<std::string> subscriptions, MessageHandler on_message,
         ConnectHandler on_connect = {});
  ~Client();
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  // Starts the network thread and the first connection attempt (a broker
  // that is not reachable yet is retried in the background).
  void start();
  void stop();

  // Queues a message. Returns false when libmosquitto refuses it (too large,
  // stopped); true does not mean the broker has it.
  bool publish(const std::string& topic, std::string_view payload, int qos);
  // Publishes with QoS 1 and waits until the broker acknowledged it (PUBACK)
  // or `timeout` passed (then false, with the reason in `error`).
  bool publish_confirmed(const std::string& topic, std::string_view payload,
                         std::chrono::milliseconds timeout, std::string& error);

  // True once connected and the broker has confirmed the subscriptions.
  bool connected() const { return connected_.load(); }

private:
  static void on_connect_cb(mosquitto*, void* self, int rc);
  static void on_disconnect_cb(mosquitto*, void* self, int rc);
  static void on_subscribe_cb(mosquitto*, void* self, int mid, int count, const int* granted);
  static void on_publish_cb(mosquitto*, void* self, int mid);
  static void on_message_cb(mosquitto*, void* self, const mosquitto_message* m);

  Options options_;
  Address address_;
  std::vector<std::string> subscriptions_;
  MessageHandler on_message_;
  ConnectHandler on_connect_;
  mosquitto* mosq_ = nullptr;
  std::atomic<bool> connected_{false};
  std::atomic<int> pending_subacks_{0};
  bool started_ = false;
  std::mutex acked_mutex_;
  std::condition_variable acked_cv_;
  std::set<int> acked_; // mids of confirmed publishes not yet collected
};

} // namespace mqtt
