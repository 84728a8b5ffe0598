// MQTT ingest: subscribes to stadtkern/+/+/+/attrs and applies every valid
// message (see message.hpp) as an upsert in update mode through the broker.
//
// Throughput: the network thread only queues messages; one ingest thread
// takes what arrived within `batch_window` after an idle spell (or up to
// `batch_max` messages), parses it and applies it per tenant as one batch
// (one commit). Under load, what arrived during a commit is the next batch
// at once, so batches grow with the rate instead of waiting a window each. Messages
// of one entity keep their order, and each one becomes its own history row.
//
// Durability window: libmosquitto acknowledges a QoS 1 message (PUBACK) as
// soon as it is received, before the ingest thread has committed it. A
// message is lost if the process dies (kill -9, power loss) in the few
// milliseconds between its receipt and the commit of its batch. stop()
// (SIGTERM) first disconnects and then commits everything received, so a
// clean shutdown loses nothing; messages sent while Stadtkern is down wait
// in the broker's persistent session.
//
// Malformed messages are counted and logged (at most a few lines a second)
// with their topic; they never stop the stream.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "context/broker.hpp"
#include "context/jsonld/context.hpp"
#include "mqtt/client.hpp"

namespace context::ingest {

// Settings of the ingest (config keys mqtt.*).
struct Settings {
  mqtt::Options connection;
  std::chrono::milliseconds batch_window{5};
  std::size_t batch_max = 5000;
  std::size_t queue_max = 200000; // the network thread waits above this
};

// Counts since start, for /metrics.
struct Counters {
  std::atomic<std::uint64_t> stored{0};
  std::atomic<std::uint64_t> malformed{0};
  std::atomic<std::uint64_t> failed{0}; // valid, but the commit failed
  std::atomic<std::uint64_t> batches{0};
};

// The running ingest: owns the MQTT client and the ingest thread.
class Ingest {
public:
  Ingest(Broker& broker, const jsonld::Resolver& resolver, Settings settings);
  ~Ingest();
  Ingest(const Ingest&) = delete;
  Ingest& operator=(const Ingest&) = delete;

  void start();
  // Disconnects, then applies every message already received.
  void stop();

  const Counters& counters() const { return counters_; }
  bool connected() const { return client_ && client_->connected(); }
  // The Prometheus lines (stadtkern_mqtt_*).
  void render_metrics(std::string& out) const;

private:
  struct Raw {
    std::string topic;
    std::string payload;
    std::string received_at;
  };
  void enqueue(std::string_view topic, std::string_view payload);
  void run();
  void apply(std::deque<Raw>& batch);

  Broker& broker_;
  std::shared_ptr<const jsonld::Context> core_ctx_;
  Settings settings_;
  Counters counters_;
  std::unique_ptr<mqtt::Client> client_;
  std::mutex mutex_;
  std::condition_variable cv_;       // ingest thread: work or stop
  std::condition_variable space_cv_; // network thread: room in the queue
  std::deque<Raw> queue_;
  bool stopping_ = false;
  std::thread thread_;
  std::atomic<std::int64_t> last_log_second_{0};
  std::atomic<int> logged_this_second_{0};
};

} // namespace context::ingest
