#include "context/subscriptions/subscription.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <mutex>
#include <thread>

#include "context/broker.hpp"
#include "context/model/problem.hpp"
#include "context/subscriptions/notifier.hpp"
#include "core/clock.hpp"
#include "core/json.hpp"
#include "store/database.hpp"

namespace {

namespace subs = context::subscriptions;
using context::Problem;
using context::ProblemType;

constexpr const char* kNow = "2026-01-01T12:00:00.000Z";

class NgsildSubscription : public ::testing::Test {
protected:
  subs::Subscription parse(const std::string& text) {
    return subs::parse(core::json::parse_object(text), resolver_.core(), nullptr, kNow);
  }
  ProblemType problem_of(const std::string& text) {
    try {
      parse(text);
    } catch (const Problem& p) {
      return p.type;
    }
    ADD_FAILURE() << "accepted: " << text;
    return ProblemType::internal_error;
  }
  context::Entity entity(const std::string& text) {
    return context::parse_entity(core::json::parse_object(text), *resolver_.core(), kNow);
  }
  context::jsonld::Resolver resolver_;
};

constexpr const char* kEndpoint = R"("notification": {"endpoint": {"uri": "http://r/n"}})";

std::string with_endpoint(const std::string& members) {
  return "{" + members + (members.empty() ? "" : ", ") + kEndpoint + "}";
}

TEST_F(NgsildSubscription, ParsesTheMembers) {
  const auto s = parse(R"({"id": "urn:ngsi-ld:Subscription:1", "type": "Subscription",
    "entities": [{"type": "Building", "idPattern": "^urn:b"}], "watchedAttributes": ["height"],
    "q": "height>10", "throttling": 5, "expiresAt": "2030-01-01T00:00:00Z", "isActive": false,
    "notification": {"attributes": ["height"], "format": "keyValues",
      "endpoint": {"uri": "http://r/n", "accept": "application/ld+json",
                   "receiverInfo": [{"key": "X-A", "value": "b"}]}}})");
  EXPECT_EQ(s.id, "urn:ngsi-ld:Subscription:1");
  ASSERT_EQ(s.entities.size(), 1u);
  EXPECT_EQ(s.entities[0].type, "https://uri.etsi.org/ngsi-ld/default-context/Building");
  EXPECT_EQ(s.watched,
            std::vector<std::string>{"https://uri.etsi.org/ngsi-ld/default-context/height"});
  EXPECT_TRUE(s.q.has_value());
  EXPECT_EQ(s.throttling, 5);
  EXPECT_TRUE(s.key_values);
  EXPECT_EQ(s.accept, "application/ld+json");
  EXPECT_EQ(s.receiver_info.size(), 1u);
  EXPECT_FALSE(s.active);
  EXPECT_EQ(subs::status_name(s, kNow), "paused");
  EXPECT_EQ(subs::status_name(s, "2030-01-01T00:00:00.000Z"), "expired");
  EXPECT_EQ(subs::status_name(s, "2029-12-31T23:59:59.999Z"), "paused");
  auto offset = s;
  offset.active = true;
  offset.expires_at = "2030-01-01T01:00:00+02:00"; // 2029-12-31T23:00:00Z
  EXPECT_EQ(subs::status_name(offset, "2029-12-31T22:59:59.999Z"), "active");
  EXPECT_EQ(subs::status_name(offset, "2029-12-31T23:00:00.000Z"), "expired");
  offset.expires_at = "2029-12-31T23:00:00.5Z";
  EXPECT_EQ(subs::status_name(offset, "2029-12-31T23:00:00.499Z"), "active");
  EXPECT_EQ(subs::status_name(offset, "2029-12-31T23:00:00.500Z"), "expired");
}

TEST_F(NgsildSubscription, GeneratesAnId) {
  const auto s = parse(with_endpoint(R"("entities": [{"type": "Building"}])"));
  EXPECT_TRUE(s.id.starts_with("urn:ngsi-ld:Subscription:"));
  EXPECT_EQ(subs::status_name(s, kNow), "active");
}

TEST_F(NgsildSubscription, RejectsBadPayloads) {
  for (const std::string& members : {
           std::string(""),                                          // neither entities nor watched
           std::string(R"("entities": [])"),                         // empty
           std::string(R"("entities": [{"id": "urn:x"}])"),          // no type
           std::string(R"("entities": [{"type": "B", "id": "x"}])"), // id not a URI
           std::string(R"("entities": [{"type": "B", "idPattern": "("}])"),
           std::string(R"("watchedAttributes": [])"),
           std::string(R"("watchedAttributes": ["a b"])"),
           std::string(R"("entities": [{"type": "B"}], "q": "a>>")"),
           std::string(R"("entities": [{"type": "B"}], "throttling": 0)"),
           std::string(R"("entities": [{"type": "B"}], "throttling": 1.5)"),
           std::string(R"("entities": [{"type": "B"}], "timeInterval": 5, "throttling": 1)"),
           std::string(R"("watchedAttributes": ["a"], "timeInterval": 5)"),
           std::string(R"("entities": [{"type": "B"}], "expiresAt": "2001-01-01T00:00:00Z")"),
           std::string(R"("entities": [{"type": "B"}], "expiresAt": "tomorrow")"),
           std::string(R"("entities": [{"type": "B"}], "isActive": 1)"),
           std::string(R"("entities": [{"type": "B"}], "type": "Entity")"),
       })
    EXPECT_EQ(problem_of(with_endpoint(members)), ProblemType::bad_request_data) << members;
  for (
      const std::string& notification : {
          std::string(R"({})"),
          std::string(R"({"endpoint": {"uri": "relative/path"}})"),
          std::string(R"({"endpoint": {"uri": "http://r", "accept": "text/plain"}})"),
          std::string(R"({"endpoint": {"uri": "http://r"}, "format": "fancy"})"),
          std::string(
              R"({"endpoint": {"uri": "http://r", "receiverInfo": [{"key": "a:b", "value": "v"}]}})"),
          std::string(R"({"endpoint": {"uri": "http://r"}, "attributes": ["id"], "omit": ["id"]})"),
          std::string(R"({"endpoint": {"uri": "http://r"}, "attributes": ["a"], "pick": ["id"]})"),
          std::string(R"({"endpoint": {"uri": "http://r"}, "pick": ["id"], "omit": ["id"]})"),
          std::string(R"({"endpoint": {"uri": "http://r"}, "pick": []})"),
          std::string(R"({"endpoint": {"uri": "http://r"}, "omit": ["a b"]})"),
      })
    EXPECT_EQ(problem_of(R"({"entities": [{"type": "B"}], "notification": )" + notification + "}"),
              ProblemType::bad_request_data)
        << notification;
}

TEST_F(NgsildSubscription, MatchesSelectedEntitiesAndWatchedAttributes) {
  const auto s = parse(
      with_endpoint(R"("entities": [{"type": "Building", "idPattern": "^urn:ngsi-ld:Building:A"}],
    "watchedAttributes": ["height"], "q": "height>10")"));
  const auto high = entity(R"({"id": "urn:ngsi-ld:Building:A1", "type": "Building",
    "height": {"type": "Property", "value": 20}, "name": {"type": "Property", "value": "x"}})");
  const auto low = entity(R"({"id": "urn:ngsi-ld:Building:A2", "type": "Building",
    "height": {"type": "Property", "value": 5}})");
  const auto other = entity(R"({"id": "urn:ngsi-ld:Building:B1", "type": "Building",
    "height": {"type": "Property", "value": 20}})");
  const std::string height = "https://uri.etsi.org/ngsi-ld/default-context/height";
  const std::string name = "https://uri.etsi.org/ngsi-ld/default-context/name";
  const std::vector<context::Change> height_changed{{height, "", boost::json::object{}}};
  const std::vector<context::Change> name_changed{{name, "", boost::json::object{}}};
  EXPECT_TRUE(subs::matches(s, nullptr, &high, height_changed));
  EXPECT_FALSE(subs::matches(s, nullptr, &high, name_changed)) << "not watched";
  EXPECT_FALSE(subs::matches(s, nullptr, &low, height_changed)) << "q";
  EXPECT_FALSE(subs::matches(s, nullptr, &other, height_changed)) << "idPattern";
  EXPECT_FALSE(subs::matches(s, &high, nullptr, height_changed)) << "deleted";
  EXPECT_FALSE(subs::matches(s, &high, &high, {})) << "nothing changed";
}

TEST_F(NgsildSubscription, PatchMergesNotificationMembers) {
  const auto request = core::json::parse_object(R"({"entities": [{"type": "B"}], "throttling": 3,
    "notification": {"format": "keyValues", "endpoint": {"uri": "http://a", "accept": "application/json"}}})");
  const auto out = subs::patched(
      request,
      core::json::parse_object(
          R"({"throttling": null, "notification": {"endpoint": {"uri": "http://b"}}, "id": "urn:other"})"));
  EXPECT_FALSE(out.contains("throttling"));
  EXPECT_FALSE(out.contains("id"));
  EXPECT_EQ(out.at("notification").at("format").as_string(), "keyValues");
  EXPECT_EQ(out.at("notification").at("endpoint").at("uri").as_string(), "http://b");
  EXPECT_EQ(out.at("notification").at("endpoint").at("accept").as_string(), "application/json");
}

TEST_F(NgsildSubscription, StorageRoundTrip) {
  auto s = parse(with_endpoint(
      R"("id": "urn:ngsi-ld:Subscription:7", "entities": [{"type": "B"}], "q": "a==1")"));
  s.status.times_sent = 3;
  s.status.last_success = kNow;
  const auto back = subs::from_storage(subs::to_storage(s), resolver_, kNow);
  EXPECT_EQ(back.id, s.id);
  EXPECT_EQ(back.status.times_sent, 3);
  EXPECT_EQ(back.status.last_success, kNow);
  EXPECT_TRUE(back.q.has_value());
  const auto rendered = subs::render(back, kNow, *resolver_.core());
  EXPECT_EQ(rendered.at("notification").at("timesSent").as_int64(), 3);
  EXPECT_EQ(rendered.at("status").as_string(), "active");
}

// A transport that records what it gets and fails while told to.
class FakeTransport : public subs::Transport {
public:
  struct Shared {
    std::mutex m;
    std::vector<subs::Delivery> got;
    bool fail = false;
  };
  explicit FakeTransport(Shared& s) : s_(s) {}
  bool deliver(const subs::Delivery& d, std::string& error) override {
    std::lock_guard lock(s_.m);
    s_.got.push_back(d);
    const bool fail = s_.fail || d.uri.starts_with("http://dead");
    if (fail) error = "down";
    return !fail;
  }

private:
  Shared& s_;
};

class NgsildNotifier : public ::testing::Test {
protected:
  void SetUp() override {
    db_ = store::Database::open("sqlite::memory:", "");
    auto all = context::Broker::migrations();
    for (auto& m : subs::Notifier::migrations())
      all.push_back(m);
    db_->migrate(all);
    broker_ = std::make_unique<context::Broker>(*db_, clock_);
    subs::NotifierOptions o;
    o.retry_base = std::chrono::milliseconds(20);
    o.retry_cap = std::chrono::milliseconds(40);
    o.poll = std::chrono::milliseconds(10);
    notifier_ = std::make_unique<subs::Notifier>(*db_, *broker_, resolver_, o);
    notifier_->add_transport("http", std::make_unique<FakeTransport>(shared_));
    broker_->set_observer(notifier_.get());
  }
  void TearDown() override { notifier_->stop(); }

  void create(const std::string& id, int height) {
    broker_->create("",
                    context::parse_entity(
                        core::json::parse_object(
                            R"({"id": ")" + id +
                            R"(", "type": "Building", "height": {"type": "Property", "value": )" +
                            std::to_string(height) + "}}"),
                        *resolver_.core(), broker_->now()));
  }
  std::size_t received() {
    std::lock_guard lock(shared_.m);
    return shared_.got.size();
  }
  bool wait_for(std::size_t n) {
    for (int i = 0; i < 300 && received() < n; ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    return received() >= n;
  }

  core::ManualClock clock_{core::TimePoint(std::chrono::hours(24 * 365 * 56))};
  context::jsonld::Resolver resolver_;
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<context::Broker> broker_;
  FakeTransport::Shared shared_;
  std::unique_ptr<subs::Notifier> notifier_;
};

TEST_F(NgsildNotifier, NoSubscriptionMeansNoOutboxRows) {
  EXPECT_FALSE(notifier_->watching(""));
  create("urn:ngsi-ld:Building:1", 1);
  EXPECT_EQ(notifier_->pending(), 0);
}

TEST_F(NgsildNotifier, OutboxRowCommitsWithTheChangeAndIsDeliveredLater) {
  notifier_->create("", subs::parse(core::json::parse_object(R"({"id": "urn:ngsi-ld:Subscription:n",
    "entities": [{"type": "Building"}], "notification": {"endpoint": {"uri": "http://r/n"}}})"),
                                    resolver_.core(), nullptr, broker_->now()));
  EXPECT_TRUE(notifier_->watching(""));
  EXPECT_FALSE(notifier_->watching("other"));
  create("urn:ngsi-ld:Building:1", 1);
  EXPECT_EQ(notifier_->pending(), 1) << "written in the commit, before any worker runs";
  create("urn:ngsi-ld:Building:2", 2);
  notifier_->start();
  ASSERT_TRUE(wait_for(2));
  {
    std::lock_guard lock(shared_.m);
    const auto body = core::json::parse_object(shared_.got[0].body);
    EXPECT_EQ(body.at("subscriptionId").as_string(), "urn:ngsi-ld:Subscription:n");
    EXPECT_EQ(body.at("data").as_array()[0].at("id").as_string(), "urn:ngsi-ld:Building:1");
  }
  for (int i = 0; i < 100 && notifier_->pending() > 0; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  EXPECT_EQ(notifier_->pending(), 0);
  EXPECT_EQ(notifier_->get("", "urn:ngsi-ld:Subscription:n")->status.times_sent, 2);
}

TEST_F(NgsildNotifier, RetriesUntilTheEndpointAnswers) {
  notifier_->create("", subs::parse(core::json::parse_object(R"({"id": "urn:ngsi-ld:Subscription:r",
    "entities": [{"type": "Building"}], "notification": {"endpoint": {"uri": "http://r/n"}}})"),
                                    resolver_.core(), nullptr, broker_->now()));
  shared_.fail = true;
  notifier_->start();
  create("urn:ngsi-ld:Building:1", 1);
  ASSERT_TRUE(wait_for(3));
  // The third failure is recorded after the transport returned it.
  const auto failed = [&] {
    return notifier_->get("", "urn:ngsi-ld:Subscription:r")->status.times_failed;
  };
  for (int i = 0; i < 300 && failed() < 3; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  EXPECT_GE(failed(), 3);
  EXPECT_EQ(notifier_->pending(), 1);
  {
    std::lock_guard lock(shared_.m);
    shared_.fail = false;
  }
  for (int i = 0; i < 300 && notifier_->pending() > 0; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  EXPECT_EQ(notifier_->pending(), 0);
  const auto s = notifier_->get("", "urn:ngsi-ld:Subscription:r");
  EXPECT_EQ(s->status.times_sent, 1);
  EXPECT_EQ(s->status.consecutive_errors, 0);
}

} // namespace

namespace {

TEST_F(NgsildSubscription, NotificationTriggers) {
  const auto deletions = parse(with_endpoint(
      R"("entities": [{"type": "Building"}], "notificationTrigger": ["entityDeleted", "attributeDeleted"])"));
  const auto updates = parse(with_endpoint(R"("entities": [{"type": "Building"}])"));
  const auto e = entity(R"({"id": "urn:ngsi-ld:Building:1", "type": "Building",
    "height": {"type": "Property", "value": 20}})");
  const std::string height = "https://uri.etsi.org/ngsi-ld/default-context/height";
  const std::string width = "https://uri.etsi.org/ngsi-ld/default-context/width";
  const std::vector<context::Change> updated{{height, "", boost::json::object{}}};
  const std::vector<context::Change> created{{width, "", boost::json::object{}}};
  const std::vector<context::Change> removed{{height, "", std::nullopt}};
  EXPECT_TRUE(subs::matches(deletions, &e, nullptr, removed));
  EXPECT_TRUE(subs::matches(deletions, &e, &e, removed));
  EXPECT_FALSE(subs::matches(deletions, &e, &e, updated));
  EXPECT_FALSE(subs::matches(deletions, nullptr, &e, updated));
  EXPECT_TRUE(subs::matches(updates, &e, &e, updated));
  EXPECT_TRUE(subs::matches(updates, &e, &e, created));
  EXPECT_FALSE(subs::matches(updates, &e, &e, removed));
  EXPECT_FALSE(subs::matches(updates, &e, nullptr, removed));
  EXPECT_EQ(
      problem_of(with_endpoint(R"("entities": [{"type": "B"}], "notificationTrigger": ["never"])")),
      ProblemType::bad_request_data);
}

} // namespace

namespace {

TEST_F(NgsildNotifier, ADeadEndpointWithABacklogDoesNotHoldBackOthers) {
  const auto sub = [&](const std::string& id, const std::string& uri, const std::string& type) {
    notifier_->create(
        "", subs::parse(core::json::parse_object(
                            R"({"id": ")" + id + R"(", "entities": [{"type": ")" + type +
                            R"("}], "notification": {"endpoint": {"uri": ")" + uri + R"("}}})"),
                        resolver_.core(), nullptr, broker_->now()));
  };
  sub("urn:ngsi-ld:Subscription:dead", "http://dead/n", "Building");
  for (int i = 0; i < 300; ++i)
    create("urn:ngsi-ld:Building:" + std::to_string(i), i);
  sub("urn:ngsi-ld:Subscription:live", "http://live/n", "Building");
  create("urn:ngsi-ld:Building:last", 1);
  notifier_->start();
  bool live = false;
  for (int i = 0; i < 300 && !live; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    std::lock_guard lock(shared_.m);
    for (const auto& d : shared_.got)
      live = live || d.uri == "http://live/n";
  }
  EXPECT_TRUE(live) << "the live subscription waited behind 300 notifications of a dead one";
  EXPECT_GE(notifier_->pending(), 300);
}

} // namespace

namespace {

TEST_F(NgsildNotifier, TheBacklogOfOneSubscriptionIsBounded) {
  subs::NotifierOptions o;
  o.max_pending = 5;
  subs::Notifier bounded(*db_, *broker_, resolver_, o);
  bounded.add_transport("http", std::make_unique<FakeTransport>(shared_));
  broker_->set_observer(&bounded);
  bounded.create("", subs::parse(core::json::parse_object(R"({"id": "urn:ngsi-ld:Subscription:b",
    "entities": [{"type": "Building"}], "notification": {"endpoint": {"uri": "http://dead/n"}}})"),
                                 resolver_.core(), nullptr, broker_->now()));
  for (int i = 0; i < 20; ++i)
    create("urn:ngsi-ld:Building:" + std::to_string(i), i);
  EXPECT_EQ(bounded.pending(), 5);
  broker_->set_observer(notifier_.get());
}

} // namespace
