// The tables of subscriptions: the subscriptions themselves (stored form of
// subscription.hpp) and the outbox of pending notifications, which the
// delivery workers drain. Functions run inside a caller's read or write job.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "context/subscriptions/transport.hpp"
#include "store/database.hpp"

namespace context::subscription_store {

std::vector<store::Migration> migrations();

// Every stored subscription: tenant and stored text.
void for_each(store::Connection& c,
              const std::function<void(const std::string& tenant, const std::string& body)>& take);
void put(store::Connection& c, const std::string& tenant, const std::string& id,
         const std::string& body);
// Deletes the subscription and its pending notifications; false when absent.
bool remove(store::Connection& c, const std::string& tenant, const std::string& id);

// One pending notification.
struct Pending {
  std::int64_t seq = 0;
  std::string tenant;
  std::string subscription_id;
  subscriptions::Delivery delivery;
  std::int64_t attempts = 0;
  std::int64_t next_attempt_ms = 0; // epoch milliseconds
};

void enqueue(store::Connection& c, const Pending& p);
// Up to `limit` notifications due at `now_ms`, oldest first, at most one per
// subscription: its oldest, and only when that one is due (a subscription's
// notifications go out in order; one waiting for a retry holds back the
// later ones of its subscription, never those of others).
std::vector<Pending> due(store::Connection& c, std::int64_t now_ms, int limit);
void done(store::Connection& c, std::int64_t seq);
void retry_at(store::Connection& c, std::int64_t seq, std::int64_t attempts,
              std::int64_t next_attempt_ms);
std::int64_t pending_count(store::Connection& c);
// The pending notifications per subscription.
void pending_per_subscription(
    store::Connection& c,
    const std::function<void(const std::string& tenant, const std::string& id, std::int64_t n)>&
        take);

} // namespace context::subscription_store
