#include "context/ingest/ingest.hpp"

#include <spdlog/spdlog.h>

#include <map>
#include <optional>
#include <vector>

#include "context/ingest/message.hpp"
#include "context/model/problem.hpp"
#include "core/clock.hpp"

namespace context::ingest {

namespace {
constexpr int kLogLinesPerSecond = 5;
constexpr int kCommitAttempts = 3;
} // namespace

Ingest::Ingest(Broker& broker, const jsonld::Resolver& resolver, Settings settings)
    : broker_(broker), core_ctx_(resolver.core()), settings_(std::move(settings)) {
  client_ = std::make_unique<mqtt::Client>(
      settings_.connection, std::vector<std::string>{"stadtkern/+/+/+/attrs"},
      [this](std::string_view topic, std::string_view payload) { enqueue(topic, payload); });
}

Ingest::~Ingest() { stop(); }

void Ingest::start() {
  thread_ = std::thread([this] { run(); });
  client_->start();
}

void Ingest::stop() {
  if (!thread_.joinable()) return;
  {
    std::lock_guard lock(mutex_);
    stopping_ = true; // lets a waiting network thread go on
  }
  space_cv_.notify_all();
  client_->stop();
  cv_.notify_all();
  thread_.join();
}

void Ingest::enqueue(std::string_view topic, std::string_view payload) {
  Raw raw{std::string(topic), std::string(payload), broker_.now()};
  std::unique_lock lock(mutex_);
  // Back-pressure: while the ingest thread is behind, stop reading from the
  // socket; the broker keeps the rest.
  space_cv_.wait(lock, [this] { return queue_.size() < settings_.queue_max || stopping_; });
  queue_.push_back(std::move(raw));
  if (queue_.size() == 1) cv_.notify_one();
}

void Ingest::run() {
  std::deque<Raw> batch;
  while (true) {
    {
      std::unique_lock lock(mutex_);
      // Idle (nothing arrived while the last batch committed): collect for
      // the batch window. Busy: what arrived during that commit is the batch.
      const bool idle = queue_.empty();
      cv_.wait(lock, [this] { return !queue_.empty() || stopping_; });
      if (queue_.empty() && stopping_) return;
      if (idle && !stopping_ && queue_.size() < settings_.batch_max)
        cv_.wait_for(lock, settings_.batch_window,
                     [this] { return queue_.size() >= settings_.batch_max || stopping_; });
      const std::size_t n = std::min(queue_.size(), settings_.batch_max);
      for (std::size_t i = 0; i < n; ++i) {
        batch.push_back(std::move(queue_.front()));
        queue_.pop_front();
      }
    }
    space_cv_.notify_all();
    apply(batch);
    batch.clear();
  }
}

void Ingest::apply(std::deque<Raw>& batch) {
  // Per tenant the positions of its valid messages in the batch.
  std::map<std::string, std::vector<std::size_t>> by_tenant;
  std::vector<std::optional<Message>> parsed(batch.size());
  for (std::size_t i = 0; i < batch.size(); ++i) {
    const Raw& raw = batch[i];
    std::string why;
    parsed[i] = parse_message(raw.topic, raw.payload, *core_ctx_, raw.received_at, why);
    if (!parsed[i]) {
      counters_.malformed++;
      const auto second = std::chrono::duration_cast<std::chrono::seconds>(
                              std::chrono::steady_clock::now().time_since_epoch())
                              .count();
      if (last_log_second_.exchange(second) != second) logged_this_second_ = 0;
      if (logged_this_second_++ < kLogLinesPerSecond)
        spdlog::warn("mqtt: malformed message on '{}': {}", raw.topic.substr(0, 300), why);
      continue;
    }
    by_tenant[parsed[i]->tenant].push_back(i);
  }
  for (const auto& [tenant, positions] : by_tenant) {
    const std::size_t n = positions.size();
    for (int attempt = 1;; ++attempt) {
      // The items are consumed by the upsert; a retry parses its messages
      // again (they parsed before) instead of every batch keeping a copy.
      std::vector<BatchItem> items;
      items.reserve(n);
      for (std::size_t i : positions) {
        if (!parsed[i]) {
          std::string why;
          parsed[i] = parse_message(batch[i].topic, batch[i].payload, *core_ctx_,
                                    batch[i].received_at, why);
          if (!parsed[i]) continue; // cannot happen: parsing is deterministic
        }
        BatchItem item;
        item.id = parsed[i]->entity.id;
        item.entity = std::move(parsed[i]->entity);
        parsed[i].reset();
        items.push_back(std::move(item));
      }
      try {
        std::vector<std::string> created;
        const BatchResult r = broker_.batch_upsert(tenant, std::move(items), false, created);
        counters_.stored += r.success.size();
        counters_.failed += r.errors.size();
        counters_.batches++;
        break;
      } catch (const std::exception& e) {
        if (attempt >= kCommitAttempts) {
          counters_.failed += n;
          spdlog::error("mqtt: storing {} messages of tenant '{}' failed: {}", n, tenant, e.what());
          break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50 * attempt));
      } catch (const Problem& p) {
        counters_.failed += n;
        spdlog::error("mqtt: storing {} messages of tenant '{}' failed: {}", n, tenant, p.detail);
        break;
      }
    }
  }
}

void Ingest::render_metrics(std::string& out) const {
  out += "# HELP stadtkern_mqtt_messages_total MQTT ingest messages by outcome.\n"
         "# TYPE stadtkern_mqtt_messages_total counter\n";
  out += "stadtkern_mqtt_messages_total{result=\"stored\"} " +
         std::to_string(counters_.stored.load()) + "\n";
  out += "stadtkern_mqtt_messages_total{result=\"malformed\"} " +
         std::to_string(counters_.malformed.load()) + "\n";
  out += "stadtkern_mqtt_messages_total{result=\"failed\"} " +
         std::to_string(counters_.failed.load()) + "\n";
  out += "# HELP stadtkern_mqtt_batches_total Batches committed by the MQTT ingest.\n"
         "# TYPE stadtkern_mqtt_batches_total counter\n";
  out += "stadtkern_mqtt_batches_total " + std::to_string(counters_.batches.load()) + "\n";
  out += "# HELP stadtkern_mqtt_connected 1 while connected to the MQTT broker.\n"
         "# TYPE stadtkern_mqtt_connected gauge\n";
  out += std::string("stadtkern_mqtt_connected ") + (connected() ? "1" : "0") + "\n";
}

} // namespace context::ingest
