// The subscription engine's public face: holds the tenants' subscriptions,
// turns committed entity changes into pending notifications (an outbox in
// the same transaction as the change, so a notification survives a crash
// right after the commit) and delivers them from worker threads through the
// Transport registered for the endpoint's URI scheme, with retries and
// exponential backoff. Delivery status is written back durably.
//
// Thread-safety: every public method may be called from many threads.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <shared_mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "context/broker.hpp"
#include "context/subscriptions/subscription.hpp"
#include "context/subscriptions/subscription_store.hpp"
#include "context/subscriptions/transport.hpp"

namespace context::subscriptions {

// Delivery tuning.
struct NotifierOptions {
  int workers = 4;                            // parallel deliveries
  std::chrono::milliseconds retry_base{1000}; // first retry after this
  std::chrono::milliseconds retry_cap{60000}; // backoff never waits longer
  int max_attempts = 12;                      // then the notification is dropped
  // Notifications waiting per subscription at most: while a subscription's
  // endpoint is down and this many wait, new ones are dropped (logged), so a
  // dead endpoint cannot fill the disk.
  std::int64_t max_pending = 1000;
  std::chrono::milliseconds poll{250}; // look for due retries this often
};

class Notifier final : public ChangeObserver {
public:
  // REQUIRES: db, broker and resolver outlive the notifier.
  Notifier(store::Database& db, Broker& broker, const jsonld::Resolver& resolver,
           NotifierOptions options = {});
  ~Notifier() override; // stops the workers

  static std::vector<store::Migration> migrations();

  // Registers the transport for a URI scheme ("http", "https", "mqtt");
  // a later registration for the same scheme replaces the earlier one.
  // REQUIRES: called before start().
  void add_transport(const std::string& scheme, std::unique_ptr<Transport> transport);

  // Reads the subscriptions from the database. Call once before serving.
  void load();
  // Starts the delivery workers (pending notifications of an earlier run
  // are delivered first). stop() joins them.
  void start();
  void stop();

  // The API. Each write returns once committed. Throws Problem
  // (already_exists, resource_not_found, bad_request_data).
  void create(const std::string& tenant, Subscription s);
  std::vector<Subscription> list(const std::string& tenant) const;
  std::optional<Subscription> get(const std::string& tenant, const std::string& id) const;
  // Applies a PATCH fragment (already without @context).
  void update(const std::string& tenant, const std::string& id,
              const boost::json::object& fragment);
  void remove(const std::string& tenant, const std::string& id);

  // Notifications waiting for delivery (metrics, tests).
  std::int64_t pending() const;
  // Since the start: delivered, failed attempts, dropped (backlog full or
  // out of attempts).
  struct Counters {
    std::uint64_t sent = 0;
    std::uint64_t failed = 0;
    std::uint64_t dropped = 0;
  };
  Counters counters() const { return {sent_.load(), failed_.load(), dropped_.load()}; }
  std::string now() const { return broker_.now(); }

  // ChangeObserver.
  bool watching(const std::string& tenant) const override;
  void on_commit(store::Connection& c, const std::string& tenant,
                 const std::vector<EntityChange>& changes) override;
  void committed() override;

private:
  struct Entry {
    Subscription sub;
    std::chrono::steady_clock::time_point last_sent{}; // throttling, periodic
    std::int64_t pending = 0;                          // in the outbox
    // True when this notification may go into the outbox (counts it).
    bool admit(const NotifierOptions& o, std::atomic<std::uint64_t>& dropped);
  };
  using Key = std::pair<std::string, std::string>; // tenant, id
  // One entity of a notification: its state, the state before the change
  // (showChanges; nullptr when unknown or new), and whether it was deleted.
  struct Notified {
    const Entity* entity;
    const Entity* before;
    bool deleted;
  };

  subscription_store::Pending notification(const std::string& tenant, const Subscription& s,
                                           const std::vector<Notified>& data) const;
  void dispatch_loop();
  void deliver_loop();
  void deliver_one(subscription_store::Pending p);
  void enqueue_periodic();

  store::Database& db_;
  Broker& broker_;
  const jsonld::Resolver& resolver_;
  NotifierOptions options_;
  std::map<std::string, std::unique_ptr<Transport>> transports_;

  std::mutex api_mutex_; // one create / update / remove at a time (database and memory agree)
  mutable std::shared_mutex subs_mutex_;
  std::map<Key, Entry> subs_;
  std::map<std::string, int> per_tenant_;
  std::atomic<std::size_t> count_{0};

  std::mutex work_mutex_;
  std::condition_variable work_cv_;
  bool wake_ = false;
  bool stopping_ = false;
  std::vector<subscription_store::Pending> jobs_;
  std::set<Key> in_flight_; // one delivery per subscription at a time (keeps order)
  std::vector<std::thread> threads_;
  std::atomic<std::uint64_t> sent_{0};
  std::atomic<std::uint64_t> failed_{0};
  std::atomic<std::uint64_t> dropped_{0};
};

} // namespace context::subscriptions
