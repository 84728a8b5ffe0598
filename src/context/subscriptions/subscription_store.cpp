#include "context/subscriptions/subscription_store.hpp"

#include <boost/json.hpp>

namespace context::subscription_store {

namespace json = boost::json;

std::vector<store::Migration> migrations() {
  return {{"context-subscriptions-001", R"sql(
CREATE TABLE ngsild_subscriptions (
  tenant TEXT NOT NULL,
  id     TEXT NOT NULL,
  body   TEXT NOT NULL,
  PRIMARY KEY (tenant, id)
);
CREATE TABLE ngsild_notifications (
  seq             INTEGER PRIMARY KEY,
  tenant          TEXT NOT NULL,
  subscription_id TEXT NOT NULL,
  uri             TEXT NOT NULL,
  content_type    TEXT NOT NULL,
  headers         TEXT NOT NULL,
  body            TEXT NOT NULL,
  attempts        INTEGER NOT NULL,
  next_attempt    INTEGER NOT NULL
);
CREATE INDEX ngsild_notifications_due ON ngsild_notifications (next_attempt, seq);
CREATE INDEX ngsild_notifications_subscription ON ngsild_notifications (tenant, subscription_id, seq);
)sql"}};
}

void for_each(store::Connection& c,
              const std::function<void(const std::string&, const std::string&)>& take) {
  for (const auto& r : c.query("SELECT tenant, body FROM ngsild_subscriptions ORDER BY tenant, id"))
    take(r.text(0), r.text(1));
}

void put(store::Connection& c, const std::string& tenant, const std::string& id,
         const std::string& body) {
  c.execute("INSERT INTO ngsild_subscriptions (tenant, id, body) VALUES (?, ?, ?) "
            "ON CONFLICT (tenant, id) DO UPDATE SET body = excluded.body",
            {tenant, id, body});
}

bool remove(store::Connection& c, const std::string& tenant, const std::string& id) {
  c.execute("DELETE FROM ngsild_notifications WHERE tenant = ? AND subscription_id = ?",
            {tenant, id});
  return c.execute("DELETE FROM ngsild_subscriptions WHERE tenant = ? AND id = ?", {tenant, id}) >
         0;
}

void enqueue(store::Connection& c, const Pending& p) {
  json::array headers;
  for (const auto& [k, v] : p.delivery.headers) {
    json::array pair;
    pair.emplace_back(k);
    pair.emplace_back(v);
    headers.emplace_back(std::move(pair));
  }
  c.execute("INSERT INTO ngsild_notifications (tenant, subscription_id, uri, content_type, "
            "headers, body, attempts, next_attempt) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            {p.tenant, p.subscription_id, p.delivery.uri, p.delivery.content_type,
             json::serialize(headers), p.delivery.body, p.attempts, p.next_attempt_ms});
}

std::vector<Pending> due(store::Connection& c, std::int64_t now_ms, int limit) {
  std::vector<Pending> out;
  const auto rows =
      c.query("SELECT seq, tenant, subscription_id, uri, content_type, headers, body, attempts, "
              "next_attempt FROM ngsild_notifications n WHERE next_attempt <= ? AND seq = "
              "(SELECT MIN(seq) FROM ngsild_notifications m WHERE m.tenant = n.tenant AND "
              "m.subscription_id = n.subscription_id) ORDER BY seq LIMIT ?",
              {now_ms, std::int64_t{limit}});
  for (const auto& r : rows) {
    Pending p;
    p.seq = r.integer(0);
    p.tenant = r.text(1);
    p.subscription_id = r.text(2);
    p.delivery.uri = r.text(3);
    p.delivery.content_type = r.text(4);
    const json::value headers = json::parse(r.text(5));
    for (const auto& h : headers.as_array())
      p.delivery.headers.emplace_back(std::string(h.as_array()[0].as_string()),
                                      std::string(h.as_array()[1].as_string()));
    p.delivery.body = r.text(6);
    p.attempts = r.integer(7);
    p.next_attempt_ms = r.integer(8);
    out.push_back(std::move(p));
  }
  return out;
}

void done(store::Connection& c, std::int64_t seq) {
  c.execute("DELETE FROM ngsild_notifications WHERE seq = ?", {seq});
}

void retry_at(store::Connection& c, std::int64_t seq, std::int64_t attempts,
              std::int64_t next_attempt_ms) {
  c.execute("UPDATE ngsild_notifications SET attempts = ?, next_attempt = ? WHERE seq = ?",
            {attempts, next_attempt_ms, seq});
}

std::int64_t pending_count(store::Connection& c) {
  return c.query_one("SELECT COUNT(*) FROM ngsild_notifications")->integer(0);
}

void pending_per_subscription(
    store::Connection& c,
    const std::function<void(const std::string&, const std::string&, std::int64_t)>& take) {
  for (const auto& r : c.query("SELECT tenant, subscription_id, COUNT(*) FROM ngsild_notifications "
                               "GROUP BY tenant, subscription_id"))
    take(r.text(0), r.text(1), r.integer(2));
}

} // namespace context::subscription_store
