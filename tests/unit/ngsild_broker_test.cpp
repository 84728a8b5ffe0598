#include "context/broker.hpp"

#include <gtest/gtest.h>

#include <array>
#include <atomic>
#include <cstdio>
#include <map>
#include <thread>

#include "context/model/problem.hpp"
#include "core/clock.hpp"
#include "core/json.hpp"
#include "store/database.hpp"

namespace {

using context::Broker;
using context::Entity;
using context::Problem;
using context::ProblemType;

class NgsildBroker : public ::testing::Test {
protected:
  void SetUp() override {
    db_ = store::Database::open("sqlite::memory:", "");
    db_->migrate(Broker::migrations());
    broker_ = std::make_unique<Broker>(*db_, clock_);
  }

  Entity parse(const std::string& text, bool whole = true) {
    return context::parse_entity(core::json::parse_object(text), *resolver_.core(), broker_->now(),
                                 whole);
  }

  core::ManualClock clock_{core::TimePoint(std::chrono::hours(24 * 365 * 55))};
  context::jsonld::Resolver resolver_;
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<Broker> broker_;
};

constexpr const char* kCar = R"({"id": "urn:ngsi-ld:Vehicle:A1", "type": "Vehicle",
  "speed": {"type": "Property", "value": 50}, "brand": {"type": "Property", "value": "VW"}})";

TEST_F(NgsildBroker, EveryWritePathRecordsHistory) {
  broker_->create("", parse(kCar));
  EXPECT_EQ(broker_->history_count("", "urn:ngsi-ld:Vehicle:A1"), 2);
  const auto& ctx = *resolver_.core();
  broker_->update("", "urn:ngsi-ld:Vehicle:A1",
                  parse(R"({"speed": {"type": "Property", "value": 60}})", false), ctx);
  EXPECT_EQ(broker_->history_count("", "urn:ngsi-ld:Vehicle:A1"), 3);
  broker_->append("", "urn:ngsi-ld:Vehicle:A1",
                  parse(R"({"colour": {"type": "Property", "value": "red"}})", false), false, ctx);
  EXPECT_EQ(broker_->history_count("", "urn:ngsi-ld:Vehicle:A1"), 4);
  broker_->partial_update("", "urn:ngsi-ld:Vehicle:A1", ctx.expand("speed"),
                          core::json::parse_object(R"({"value": 70})"), ctx);
  EXPECT_EQ(broker_->history_count("", "urn:ngsi-ld:Vehicle:A1"), 5);
  broker_->delete_attribute("", "urn:ngsi-ld:Vehicle:A1", ctx.expand("colour"), "", false);
  EXPECT_EQ(broker_->history_count("", "urn:ngsi-ld:Vehicle:A1"), 6);
  std::vector<context::BatchItem> items(1);
  items[0].id = "urn:ngsi-ld:Vehicle:A1";
  items[0].entity = parse(R"({"id": "urn:ngsi-ld:Vehicle:A1", "type": "Vehicle",
                              "speed": {"type": "Property", "value": 80}})");
  std::vector<std::string> created;
  broker_->batch_upsert("", std::move(items), false, created);
  EXPECT_TRUE(created.empty());
  EXPECT_EQ(broker_->history_count("", "urn:ngsi-ld:Vehicle:A1"), 7);
  broker_->remove("", "urn:ngsi-ld:Vehicle:A1");
  // Deleting the entity records the end of its two remaining attributes.
  EXPECT_EQ(broker_->history_count("", "urn:ngsi-ld:Vehicle:A1"), 9);
}

TEST_F(NgsildBroker, TenantsAreIsolatedAndSurviveReload) {
  broker_->create("north", parse(kCar));
  EXPECT_TRUE(broker_->get("north", "urn:ngsi-ld:Vehicle:A1"));
  EXPECT_FALSE(broker_->get("", "urn:ngsi-ld:Vehicle:A1"));
  EXPECT_FALSE(broker_->tenant_exists("south"));
  broker_->create("", parse(kCar)); // the same id in another tenant
  Broker reloaded(*db_, clock_);
  reloaded.load();
  EXPECT_TRUE(reloaded.get("north", "urn:ngsi-ld:Vehicle:A1"));
  EXPECT_TRUE(reloaded.get("", "urn:ngsi-ld:Vehicle:A1"));
  EXPECT_TRUE(reloaded.tenant_exists("north"));
}

TEST_F(NgsildBroker, CreateTwiceIsAlreadyExistsAndChangesNothing) {
  broker_->create("", parse(kCar));
  try {
    broker_->create("", parse(R"({"id": "urn:ngsi-ld:Vehicle:A1", "type": "Bus"})"));
    FAIL() << "expected AlreadyExists";
  } catch (const Problem& p) {
    EXPECT_EQ(p.type, ProblemType::already_exists);
  }
  EXPECT_EQ(broker_->get("", "urn:ngsi-ld:Vehicle:A1")->types.size(), 1u);
  EXPECT_EQ(broker_->history_count("", "urn:ngsi-ld:Vehicle:A1"), 2);
}

TEST_F(NgsildBroker, BatchReportsEachFailureAndCommitsTheRest) {
  broker_->create("", parse(kCar));
  std::vector<context::BatchItem> items(3);
  items[0].id = "urn:ngsi-ld:Vehicle:A1";
  items[0].entity = parse(kCar);
  items[1].id = "urn:ngsi-ld:Vehicle:B2";
  items[1].entity = parse(R"({"id": "urn:ngsi-ld:Vehicle:B2", "type": "Vehicle"})");
  items[2].id = "bad";
  items[2].problem = Problem{ProblemType::bad_request_data, "broken"};
  const auto r = broker_->batch_create("", std::move(items));
  EXPECT_EQ(r.success, std::vector<std::string>{"urn:ngsi-ld:Vehicle:B2"});
  ASSERT_EQ(r.errors.size(), 2u);
  EXPECT_EQ(r.errors[0].second.type, ProblemType::already_exists);
  EXPECT_TRUE(broker_->get("", "urn:ngsi-ld:Vehicle:B2"));
}

TEST_F(NgsildBroker, ConcurrentWritersAreCombinedWithoutLosingOne) {
  broker_->create("", parse(kCar));
  const auto& ctx = *resolver_.core();
  constexpr int kThreads = 8, kEach = 50;
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        const std::string name = "a" + std::to_string(t);
        try {
          broker_->append("", "urn:ngsi-ld:Vehicle:A1",
                          parse(R"({")" + name + R"(": {"type": "Property", "value": )" +
                                    std::to_string(i) + "}}",
                                false),
                          false, ctx);
        } catch (...) {
          ++failures;
        }
      }
    });
  for (auto& th : threads)
    th.join();
  EXPECT_EQ(failures, 0);
  const auto e = broker_->get("", "urn:ngsi-ld:Vehicle:A1");
  for (int t = 0; t < kThreads; ++t)
    EXPECT_EQ(e->attrs.at(ctx.expand("a" + std::to_string(t))).as_array()[0].at("value").as_int64(),
              kEach - 1);
  EXPECT_EQ(broker_->history_count("", "urn:ngsi-ld:Vehicle:A1"), 2 + kThreads * kEach);
  // A failing write in a combined group fails alone.
  EXPECT_THROW(broker_->create("", parse(kCar)), Problem);
}

TEST_F(NgsildBroker, ReplaceKeepsCreatedAtAndDropsOldAttributes) {
  broker_->create("", parse(kCar));
  const std::string created = broker_->get("", "urn:ngsi-ld:Vehicle:A1")->created_at.str();
  clock_.advance(std::chrono::seconds(5));
  broker_->replace(
      "", "urn:ngsi-ld:Vehicle:A1",
      parse(R"({"type": "Vehicle", "seats": {"type": "Property", "value": 4}})", false));
  const auto e = broker_->get("", "urn:ngsi-ld:Vehicle:A1");
  EXPECT_EQ(e->created_at, created);
  EXPECT_EQ(e->attrs.size(), 1u);
  EXPECT_NE(e->modified_at, created);
}

} // namespace

namespace {

// Rollup rows of one attribute: hour -> (n, sum, sumsq, min, max).
std::map<std::string, std::array<double, 5>> rollups(store::Database& db,
                                                     const context::Broker& broker,
                                                     const std::string& id,
                                                     const std::string& attr) {
  broker.settle_history("");
  std::map<std::string, std::array<double, 5>> out;
  db.read([&](store::Connection& c) {
    for (const auto& r : c.query("SELECT hour, n, sum, sumsq, min, max FROM "
                                 "ngsild_attribute_rollup WHERE entity_id = ? AND attribute = ?",
                                 {id, attr}))
      out[r.text(0)] = {r.real(1), r.real(2), r.real(3), r.real(4), r.real(5)};
  });
  return out;
}

} // namespace

TEST_F(NgsildBroker, AppendObservationsFillsHistoryAndRollups) {
  broker_->create("", parse(kCar));
  const auto speed = resolver_.core()->expand("speed");
  std::vector<context::Observation> rows;
  for (int m = 0; m < 120; ++m) {
    char at[32];
    std::snprintf(at, sizeof at, "2026-01-01T%02d:%02d:00.000Z", m / 60, m % 60);
    rows.push_back({"urn:ngsi-ld:Vehicle:A1", speed, at, boost::json::value(m), "KMH"});
  }
  broker_->append_observations("", rows);
  EXPECT_EQ(broker_->history_count("", "urn:ngsi-ld:Vehicle:A1"), 2 + 120);
  const auto r = rollups(*db_, *broker_, "urn:ngsi-ld:Vehicle:A1", speed);
  ASSERT_TRUE(r.count("2026-01-01T00"));
  ASSERT_TRUE(r.count("2026-01-01T01"));
  const auto& h1 = r.at("2026-01-01T01");
  double sum = 0, sumsq = 0;
  for (int m = 60; m < 120; ++m) {
    sum += m;
    sumsq += double(m) * m;
  }
  EXPECT_EQ(h1[0], 60);
  EXPECT_DOUBLE_EQ(h1[1], sum);
  EXPECT_DOUBLE_EQ(h1[2], sumsq);
  EXPECT_EQ(h1[3], 60);
  EXPECT_EQ(h1[4], 119);
  // The entity's current state is untouched.
  EXPECT_EQ(broker_->get("", "urn:ngsi-ld:Vehicle:A1")
                ->attrs.at(speed)
                .as_array()[0]
                .as_object()
                .at("value")
                .as_int64(),
            50);
  // Unknown entities: nothing written.
  rows.push_back({"urn:ngsi-ld:Vehicle:none", speed, "2026-01-02T00:00:00.000Z", 1, ""});
  try {
    broker_->append_observations("", rows);
    FAIL() << "expected resource_not_found";
  } catch (const Problem& p) {
    EXPECT_EQ(p.type, ProblemType::resource_not_found);
  }
  EXPECT_EQ(broker_->history_count("", "urn:ngsi-ld:Vehicle:A1"), 2 + 120);
  // A malformed time: nothing written either.
  rows.back() = {"urn:ngsi-ld:Vehicle:A1", speed, "2026-01-02\"}", 1, ""};
  try {
    broker_->append_observations("", rows);
    FAIL() << "expected bad_request_data";
  } catch (const Problem& p) {
    EXPECT_EQ(p.type, ProblemType::bad_request_data);
  }
  EXPECT_EQ(broker_->history_count("", "urn:ngsi-ld:Vehicle:A1"), 2 + 120);
}

TEST_F(NgsildBroker, EveryWriteUpdatesRollups) {
  broker_->create("", parse(R"({"id": "urn:ngsi-ld:Vehicle:A1", "type": "Vehicle",
    "speed": {"type": "Property", "value": 50, "observedAt": "2026-01-01T10:05:00.000Z"},
    "brand": {"type": "Property", "value": "VW", "observedAt": "2026-01-01T10:05:00.000Z"}})"));
  const auto& ctx = *resolver_.core();
  broker_->update("", "urn:ngsi-ld:Vehicle:A1",
                  parse(R"({"speed": {"type": "Property", "value": 60,
                            "observedAt": "2026-01-01T10:35:00.000Z"}})",
                        false),
                  ctx);
  // Without observedAt a value is history but not an observation.
  broker_->update("", "urn:ngsi-ld:Vehicle:A1",
                  parse(R"({"speed": {"type": "Property", "value": 99}})", false), ctx);
  const auto r = rollups(*db_, *broker_, "urn:ngsi-ld:Vehicle:A1", ctx.expand("speed"));
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r.begin()->first, "2026-01-01T10");
  const auto& h = r.begin()->second;
  EXPECT_EQ(h[0], 2);
  EXPECT_DOUBLE_EQ(h[1], 110);
  EXPECT_DOUBLE_EQ(h[3], 50);
  EXPECT_DOUBLE_EQ(h[4], 60);
  // Strings are not summarised.
  EXPECT_TRUE(rollups(*db_, *broker_, "urn:ngsi-ld:Vehicle:A1", ctx.expand("brand")).empty());
}

TEST_F(NgsildBroker, LoadBackfillsRollupsOfOlderHistory) {
  broker_->create("", parse(R"({"id": "urn:ngsi-ld:Vehicle:A1", "type": "Vehicle",
    "speed": {"type": "Property", "value": 50, "observedAt": "2026-01-01T10:05:00.000Z"}})"));
  const auto speed = resolver_.core()->expand("speed");
  broker_->settle_history("");
  // As a database from before the temporal migration: no numbers, no rollups.
  db_->write([](store::Connection& c) {
    c.execute("UPDATE ngsild_attribute_history SET value_num = NULL");
    c.execute("DELETE FROM ngsild_attribute_rollup");
    c.execute("INSERT INTO ngsild_temporal_backfill (pending) VALUES (1)");
  });
  ASSERT_TRUE(rollups(*db_, *broker_, "urn:ngsi-ld:Vehicle:A1", speed).empty());
  Broker fresh(*db_, clock_);
  fresh.load();
  const auto r = rollups(*db_, *broker_, "urn:ngsi-ld:Vehicle:A1", speed);
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r.at("2026-01-01T10")[1], 50);
  // Done once: the marker is gone.
  EXPECT_FALSE(db_->read([](store::Connection& c) {
    return c.query_one("SELECT pending FROM ngsild_temporal_backfill").has_value();
  }));
}
