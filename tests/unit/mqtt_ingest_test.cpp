#include <gtest/gtest.h>

#include <string>

#include "context/broker.hpp"
#include "context/ingest/message.hpp"
#include "core/clock.hpp"
#include "core/error.hpp"
#include "mqtt/client.hpp"
#include "store/database.hpp"

namespace {

using context::ingest::parse_message;
using context::ingest::parse_topic;

const std::string kNgsi = "https://uri.etsi.org/ngsi-ld/";
const std::string kDefault = "https://uri.etsi.org/ngsi-ld/default-context/";
const std::string kNow = "2026-11-26T10:00:00.000Z";

class MqttIngest : public ::testing::Test {
protected:
  std::optional<context::ingest::Message> parse(const std::string& topic,
                                                const std::string& payload) {
    why_.clear();
    return parse_message(topic, payload, *resolver_.core(), kNow, why_);
  }
  context::jsonld::Resolver resolver_;
  std::string why_;
};

TEST(MqttTopic, AcceptsDefaultAndNamedTenants) {
  std::string why;
  auto t = parse_topic("stadtkern/default/Streetlight/urn:ngsi-ld:Streetlight:1/attrs", why);
  ASSERT_TRUE(t) << why;
  EXPECT_EQ(t->tenant, "");
  EXPECT_EQ(t->type, "Streetlight");
  EXPECT_EQ(t->id, "urn:ngsi-ld:Streetlight:1");
  t = parse_topic("stadtkern/musterstadt/WeatherObserved/urn:ngsi-ld:W:2/attrs", why);
  ASSERT_TRUE(t) << why;
  EXPECT_EQ(t->tenant, "musterstadt");
}

TEST(MqttTopic, RejectsWrongShapes) {
  std::string why;
  for (const char* topic : {
           "",
           "stadtkern",
           "stadtkern/default/T/urn:a:b",
           "stadtkern/default/T/urn:a:b/attrs/x",
           "other/default/T/urn:a:b/attrs",
           "stadtkern/default/T/urn:a:b/values",
           "stadtkern//T/urn:a:b/attrs",
           "stadtkern/bad tenant/T/urn:a:b/attrs",
           "stadtkern/default//urn:a:b/attrs",
           "stadtkern/default/T/not-a-uri/attrs",
           "stadtkern/default/T+/urn:a:b/attrs",
           "stadtkern/default/T/urn:a:#/attrs",
           "stadtkern/default/T/urn:a:\x01/attrs",
           "stadtkern/default/T/urn:a:b//attrs",
           "stadtkern/default/T\xff\xfe/urn:a:b/attrs",
           "stadtkern/default/T/urn:a:\xc3/attrs",
       }) {
    EXPECT_FALSE(parse_topic(topic, why)) << topic;
    EXPECT_FALSE(why.empty()) << topic;
  }
  EXPECT_FALSE(parse_topic("stadtkern/" + std::string(65, 'a') + "/T/urn:a:b/attrs", why));
}

TEST_F(MqttIngest, PlainValuesBecomePropertiesObservedAtReceipt) {
  auto m = parse("stadtkern/default/AirQualityObserved/urn:ngsi-ld:AQ:1/attrs",
                 R"({"temperature": 21.5, "status": "free"})");
  ASSERT_TRUE(m) << why_;
  EXPECT_EQ(m->entity.id, "urn:ngsi-ld:AQ:1");
  ASSERT_EQ(m->entity.types.size(), 1u);
  EXPECT_EQ(m->entity.types[0], kDefault + "AirQualityObserved");
  const auto& t = m->entity.attrs.at(kDefault + "temperature").as_array().at(0).as_object();
  EXPECT_EQ(t.at("type").as_string(), "Property");
  EXPECT_EQ(t.at("value").as_double(), 21.5);
  EXPECT_EQ(t.at("observedAt").as_string(), kNow);
  const auto& s = m->entity.attrs.at(kNgsi + "status").as_array().at(0).as_object();
  EXPECT_EQ(s.at("value").as_string(), "free");
}

TEST_F(MqttIngest, FragmentsKeepTheirObservedAtAndUnitCode) {
  auto m = parse("stadtkern/t1/WeatherObserved/urn:ngsi-ld:W:1/attrs",
                 R"({"temperature": {"type": "Property", "value": 3, "unitCode": "CEL",
                     "observedAt": "2026-01-02T03:04:05.000Z"},
                     "location": {"type": "GeoProperty",
                                  "value": {"type": "Point", "coordinates": [8.1, 50.2]}}})");
  ASSERT_TRUE(m) << why_;
  EXPECT_EQ(m->tenant, "t1");
  const auto& t = m->entity.attrs.at(kDefault + "temperature").as_array().at(0).as_object();
  EXPECT_EQ(t.at("unitCode").as_string(), "CEL");
  EXPECT_EQ(t.at("observedAt").as_string(), "2026-01-02T03:04:05.000Z");
  const auto& l = m->entity.attrs.at(kNgsi + "location").as_array().at(0).as_object();
  EXPECT_EQ(l.at("type").as_string(), "GeoProperty");
  EXPECT_EQ(l.at("observedAt").as_string(), kNow);
}

TEST_F(MqttIngest, MalformedPayloadsAreRejectedWithAReason) {
  const std::string topic = "stadtkern/default/T/urn:ngsi-ld:T:1/attrs";
  for (const char* payload : {
           "",
           "not json",
           "[1,2]",
           "42",
           "{}",
           R"({"temperature": 1,)",
           R"({"id": "urn:x:y", "temperature": 1})",
           R"({"type": "Other", "temperature": 1})",
           R"({"@context": "https://example.org/ctx", "a": 1})",
           R"({"createdAt": "2026-01-01T00:00:00Z"})",
           R"({"temperature": {"type": "Property"}})",
           R"({"temperature": {"type": "Relationship", "object": "not a uri"}})",
           R"({"temperature": {"type": "Property", "value": 1, "observedAt": "yesterday"}})",
           R"({"bad name": 1})",
       }) {
    EXPECT_FALSE(parse(topic, payload)) << payload;
    EXPECT_FALSE(why_.empty()) << payload;
  }
  EXPECT_FALSE(parse(topic, "{\"a\": \"" + std::string(70 * 1024, 'x') + "\"}"));
  EXPECT_NE(why_.find("exceeds"), std::string::npos);
  std::string deep = R"({"a": )";
  for (int i = 0; i < 100; ++i)
    deep += "[";
  EXPECT_FALSE(parse(topic, deep));
  EXPECT_FALSE(parse("stadtkern/default/T/nouri/attrs", R"({"a": 1})"));
}

TEST_F(MqttIngest, MessagesOfOneBatchEachLeaveAHistoryRow) {
  // The ingest's path through the broker: an upsert in update mode creates
  // the entity with the topic's type, later messages append.
  const core::ManualClock clock{core::TimePoint(std::chrono::hours(24 * 365 * 56))};
  auto db = store::Database::open("sqlite::memory:", "");
  db->migrate(context::Broker::migrations());
  context::Broker broker(*db, clock);
  const std::string topic = "stadtkern/default/Streetlight/urn:ngsi-ld:S:1/attrs";
  std::vector<context::BatchItem> items;
  for (int i = 0; i < 3; ++i) {
    auto m = parse(topic, R"({"power": )" + std::to_string(i) + "}");
    ASSERT_TRUE(m) << why_;
    items.push_back({m->entity.id, std::move(m->entity), std::nullopt});
  }
  std::vector<std::string> created;
  const auto r = broker.batch_upsert("", std::move(items), false, created);
  EXPECT_EQ(r.success.size(), 3u);
  EXPECT_TRUE(r.errors.empty());
  ASSERT_EQ(created.size(), 1u);
  const auto e = broker.get("", "urn:ngsi-ld:S:1");
  ASSERT_TRUE(e);
  EXPECT_EQ(e->types.at(0), kDefault + "Streetlight");
  EXPECT_EQ(e->attrs.at(kDefault + "power").as_array().at(0).at("value").to_number<int>(), 2);
  EXPECT_EQ(broker.history_count("", "urn:ngsi-ld:S:1"), 3);
}

TEST(MqttUrl, ParsesHostPortAndPath) {
  auto a = mqtt::parse_url("mqtt://localhost");
  EXPECT_EQ(a.host, "localhost");
  EXPECT_EQ(a.port, 1883);
  a = mqtt::parse_url("mqtt://10.0.0.5:1884/city/alerts");
  EXPECT_EQ(a.host, "10.0.0.5");
  EXPECT_EQ(a.port, 1884);
  EXPECT_EQ(a.path, "city/alerts");
  for (const char* bad : {"http://x", "mqtt://", "mqtt://:1883", "mqtt://h:0", "mqtt://h:99999",
                          "mqtt://h:12a", "mqtt://u@h"})
    EXPECT_THROW(mqtt::parse_url(bad), core::Error) << bad;
}

} // namespace
