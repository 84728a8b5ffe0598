// The type index and Broker::select with type groups, a cap and a count.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "context/broker.hpp"
#include "context/index/type_index.hpp"
#include "core/clock.hpp"
#include "core/json.hpp"
#include "store/database.hpp"

namespace {

using context::Broker;
using context::Entity;
using context::EntityPtr;
using context::index::TypeIndex;

EntityPtr entity(const std::string& id, std::vector<std::string> types) {
  auto e = std::make_shared<Entity>();
  e->id = id;
  e->types = std::move(types);
  return e;
}

std::vector<std::string> ids(const std::vector<const EntityPtr*>& v) {
  std::vector<std::string> out;
  for (const auto* e : v)
    out.push_back((*e)->id);
  return out;
}

std::vector<std::string> ids(const std::vector<EntityPtr>& v) {
  std::vector<std::string> out;
  for (const auto& e : v)
    out.push_back(e->id);
  return out;
}

TEST(NgsildTypeIndex, FollowsCreatesTypeChangesAndDeletes) {
  TypeIndex index;
  const auto a = entity("urn:b", {"T:A"});
  const auto ab = entity("urn:a", {"T:A", "T:B"});
  index.replace(nullptr, a);
  index.replace(nullptr, ab);
  ASSERT_NE(index.of("T:A"), nullptr);
  EXPECT_EQ(index.of("T:A")->size(), 2u);
  EXPECT_EQ(index.of("T:B")->size(), 1u);
  EXPECT_EQ(index.of("T:C"), nullptr);
  // urn:b becomes a C: it leaves A.
  const auto c = entity("urn:b", {"T:C"});
  index.replace(a, c);
  EXPECT_EQ(index.of("T:A")->size(), 1u);
  EXPECT_EQ(index.of("T:C")->begin()->second, c);
  index.replace(ab, nullptr);
  EXPECT_EQ(index.of("T:A"), nullptr); // an emptied type is gone
  EXPECT_EQ(index.of("T:B"), nullptr);
}

TEST(NgsildTypeIndex, CandidatesMergeGroupsByIdWithoutRepeats) {
  TypeIndex index;
  for (const auto& e : {entity("urn:3", {"A"}), entity("urn:1", {"A", "B"}), entity("urn:2", {"B"}),
                        entity("urn:4", {"C"}), entity("urn:5", {"A"})})
    index.replace(nullptr, e);
  using Groups = std::vector<std::vector<std::string>>;
  EXPECT_EQ(ids(index.candidates(Groups{{"A"}})),
            (std::vector<std::string>{"urn:1", "urn:3", "urn:5"}));
  // A or B: urn:1 has both and comes once.
  EXPECT_EQ(ids(index.candidates(Groups{{"A"}, {"B"}})),
            (std::vector<std::string>{"urn:1", "urn:2", "urn:3", "urn:5"}));
  // A and B: the entities of the rarer type B (the caller checks the rest).
  EXPECT_EQ(ids(index.candidates(Groups{{"A", "B"}})),
            (std::vector<std::string>{"urn:1", "urn:2"}));
  // A type nobody has empties its group only.
  EXPECT_TRUE(index.candidates(Groups{{"A", "X"}}).empty());
  EXPECT_EQ(ids(index.candidates(Groups{{"X"}, {"C"}})), (std::vector<std::string>{"urn:4"}));
}

class NgsildSelect : public ::testing::Test {
protected:
  void SetUp() override {
    db_ = store::Database::open("sqlite::memory:", "");
    db_->migrate(Broker::migrations());
    broker_ = std::make_unique<Broker>(*db_, clock_);
  }
  Entity parse(const std::string& text) {
    return context::parse_entity(core::json::parse_object(text), *resolver_.core(), broker_->now(),
                                 true);
  }
  std::string type(const std::string& name) { return resolver_.core()->expand(name); }
  void add(int n, const std::string& t) {
    broker_->create("", parse(R"({"id": "urn:ngsi-ld:)" + t + ":" + std::to_string(n) +
                              R"(", "type": ")" + t + R"(", "n": {"type": "Property", "value": )" +
                              std::to_string(n) + "}}"));
  }
  static bool has_type(const Entity& e, const std::string& t) {
    for (const auto& x : e.types)
      if (x == t) return true;
    return false;
  }

  core::ManualClock clock_{core::TimePoint(std::chrono::hours(24 * 365 * 55))};
  context::jsonld::Resolver resolver_;
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<Broker> broker_;
};

TEST_F(NgsildSelect, VisitsOnlyTheTypeAndCountsBeyondTheCap) {
  for (int i = 0; i < 10; ++i) {
    add(i, "Room");
    add(i, "Car");
  }
  const std::string room = type("Room");
  int visited = 0;
  const auto even_room = [&](const Entity& e) {
    ++visited;
    return has_type(e, room) && e.id.back() % 2 == 0;
  };
  std::size_t total = 0;
  auto found = broker_->select("", {{room}}, even_room, 3, &total);
  EXPECT_EQ(visited, 10); // the cars are not visited
  EXPECT_EQ(total, 5u);
  EXPECT_EQ(ids(found), (std::vector<std::string>{"urn:ngsi-ld:Room:0", "urn:ngsi-ld:Room:2",
                                                  "urn:ngsi-ld:Room:4"}));
  // Without a count the scan stops at the cap.
  visited = 0;
  found = broker_->select("", {{room}}, even_room, 2, nullptr);
  EXPECT_EQ(found.size(), 2u);
  EXPECT_EQ(visited, 3);
  // No type: the whole tenant, in id order.
  found = broker_->select(
      "", {}, [](const Entity&) { return true; }, 100, &total);
  EXPECT_EQ(total, 20u);
  EXPECT_EQ(found.front()->id, "urn:ngsi-ld:Car:0");
  EXPECT_EQ(broker_->select("", {{type("Nothing")}}, even_room, 10, &total).size(), 0u);
  EXPECT_EQ(total, 0u);
}

TEST_F(NgsildSelect, IndexFollowsReplaceRemoveAndLoad) {
  add(1, "Room");
  add(2, "Room");
  const auto all = [](const Entity&) { return true; };
  // Room:1 becomes a Car.
  broker_->replace("", "urn:ngsi-ld:Room:1",
                   parse(R"({"id": "urn:ngsi-ld:Room:1", "type": "Car"})"));
  EXPECT_EQ(ids(broker_->select("", {{type("Room")}}, all, 10, nullptr)),
            (std::vector<std::string>{"urn:ngsi-ld:Room:2"}));
  EXPECT_EQ(ids(broker_->select("", {{type("Car")}}, all, 10, nullptr)),
            (std::vector<std::string>{"urn:ngsi-ld:Room:1"}));
  broker_->remove("", "urn:ngsi-ld:Room:2");
  EXPECT_TRUE(broker_->select("", {{type("Room")}}, all, 10, nullptr).empty());
  // A broker loading the same database finds the types again.
  Broker again(*db_, clock_);
  again.load();
  EXPECT_EQ(ids(again.select("", {{type("Car")}}, all, 10, nullptr)),
            (std::vector<std::string>{"urn:ngsi-ld:Room:1"}));
  EXPECT_TRUE(again.select("", {{type("Room")}}, all, 10, nullptr).empty());
}

} // namespace
