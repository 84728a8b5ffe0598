// The broker's write-behind journal: attribute updates are stored as
// journal rows; a broker loading the database afterwards, without any
// checkpoint in between, sees exactly the entities the writer saw, and the
// history and rollups are the same as if every write had gone straight to
// the history.
#include "context/store/journal.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "context/broker.hpp"
#include "core/clock.hpp"
#include "core/json.hpp"
#include "store/database.hpp"

namespace {

using context::Broker;
using context::Entity;

class NgsildJournal : public ::testing::Test {
protected:
  void SetUp() override {
    db_ = store::Database::open("sqlite::memory:", "");
    db_->migrate(Broker::migrations());
    broker_ = std::make_unique<Broker>(*db_, clock_);
    broker_->load();
  }

  Entity parse(const std::string& text, bool whole = true) {
    return context::parse_entity(core::json::parse_object(text), ctx(), broker_->now(), whole);
  }
  const context::jsonld::Context& ctx() { return *resolver_.core(); }
  void tick() { clock_.advance(std::chrono::seconds(1)); }

  std::int64_t count(const std::string& sql) {
    return db_->read([&](store::Connection& c) { return c.query_one(sql)->integer(0); });
  }
  // The stored form of every entity of a tenant, as JSON (member order aside).
  static boost::json::array entities_of(const Broker& b, const std::string& tenant) {
    boost::json::array out;
    for (const auto& e : b.select(tenant, [](const Entity&) { return true; }))
      out.push_back(boost::json::parse(context::to_storage(*e)));
    return out;
  }

  core::ManualClock clock_{core::TimePoint(std::chrono::hours(24 * 365 * 56))};
  context::jsonld::Resolver resolver_;
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<Broker> broker_;
};

constexpr const char* kSensor = R"({"id": "urn:ngsi-ld:Sensor:S1", "type": "Sensor",
  "temperature": {"type": "Property", "value": 20, "unitCode": "CEL",
                  "observedAt": "2026-01-01T10:00:00.000Z"},
  "name": {"type": "Property", "value": "Markt"},
  "reading": [{"type": "Property", "value": 1, "datasetId": "urn:ngsi-ld:Dataset:a"},
              {"type": "Property", "value": 2, "datasetId": "urn:ngsi-ld:Dataset:b"}]})";

TEST_F(NgsildJournal, AttributeUpdatesAreJournalledAndReplayedOnLoad) {
  broker_->create("", parse(kSensor));
  const auto journal_rows = [&] { return count("SELECT COUNT(*) FROM ngsild_journal"); };
  const std::string stored_before = db_->read([](store::Connection& c) {
    return c.query_one("SELECT body FROM ngsild_entities")->text(0);
  });
  // Every kind of attribute write: update, append (a new attribute and a
  // datasetId instance), partial update, merge, delete of one instance, and
  // a batch upsert in update mode.
  tick();
  broker_->update("", "urn:ngsi-ld:Sensor:S1",
                  parse(R"({"temperature": {"type": "Property",
      "value": 21.5, "unitCode": "CEL", "observedAt": "2026-01-01T10:10:00.000Z"}})",
                        false),
                  ctx());
  tick();
  broker_->append("", "urn:ngsi-ld:Sensor:S1",
                  parse(R"({"colour": {"type": "Property",
      "value": "rot"}, "reading": {"type": "Property", "value": 3,
      "datasetId": "urn:ngsi-ld:Dataset:c"}})",
                        false),
                  false, ctx());
  tick();
  broker_->partial_update("", "urn:ngsi-ld:Sensor:S1", ctx().expand("name"),
                          core::json::parse_object(R"({"value": "Marktplatz"})"), ctx());
  tick();
  broker_->merge(
      "", "urn:ngsi-ld:Sensor:S1",
      parse(R"({"temperature": {"value": 22, "observedAt": "2026-01-01T10:20:00.000Z"}})", false),
      ctx());
  tick();
  broker_->delete_attribute("", "urn:ngsi-ld:Sensor:S1", ctx().expand("reading"),
                            "urn:ngsi-ld:Dataset:a", false);
  tick();
  std::vector<context::BatchItem> items(1);
  items[0].id = "urn:ngsi-ld:Sensor:S1";
  items[0].entity = parse(R"({"id": "urn:ngsi-ld:Sensor:S1", "type": "Sensor",
      "temperature": {"type": "Property", "value": 23, "unitCode": "CEL",
                      "observedAt": "2026-01-01T11:00:00.000Z"}})");
  std::vector<std::string> created;
  broker_->batch_upsert("", std::move(items), false, created);

  // The stored row is still the created one; the changes are in the journal.
  EXPECT_EQ(db_->read([](store::Connection& c) {
    return c.query_one("SELECT body FROM ngsild_entities")->text(0);
  }),
            stored_before);
  EXPECT_GE(journal_rows(), 9);
  EXPECT_EQ(count("SELECT COUNT(*) FROM ngsild_attribute_history"), 0);

  const auto expected = entities_of(*broker_, "");
  Broker reloaded(*db_, clock_);
  reloaded.load();
  EXPECT_EQ(entities_of(reloaded, ""), expected);
  // Loading ends with a checkpoint: the rows are current, the journal empty.
  EXPECT_EQ(journal_rows(), 0);
  Broker again(*db_, clock_);
  again.load();
  EXPECT_EQ(entities_of(again, ""), expected);
  // Nothing of the history was lost on the way: 4 created instances and
  // the 7 changed since.
  EXPECT_EQ(again.history_count("", "urn:ngsi-ld:Sensor:S1"), 4 + 7);
  // The rollups of the journalled observations were summed on the way.
  const auto sums =
      again.rollups("", "urn:ngsi-ld:Sensor:S1", ctx().expand("temperature"), "2026-01-01", "");
  ASSERT_EQ(sums.size(), 2u);
  EXPECT_EQ(sums[0].hour, "2026-01-01T10");
  EXPECT_EQ(sums[0].n, 3); // 20, 21.5, 22
  EXPECT_EQ(sums[0].sum, 63.5);
  EXPECT_EQ(sums[1].n, 1); // 23
  EXPECT_EQ(sums[1].max, 23.0);
}

TEST_F(NgsildJournal, AWholeEntityWriteAfterJournalledOnesIsNotUndoneOnLoad) {
  broker_->create("", parse(kSensor));
  tick();
  broker_->update("", "urn:ngsi-ld:Sensor:S1",
                  parse(R"({"name": {"type": "Property", "value": "vorher"}})", false), ctx());
  tick();
  // Replace stores the whole entity: the journal row before it must not be
  // applied to it again.
  broker_->replace("", "urn:ngsi-ld:Sensor:S1",
                   parse(R"({"id": "urn:ngsi-ld:Sensor:S1", "type": "Sensor",
                             "name": {"type": "Property", "value": "ersetzt"}})"));
  tick();
  broker_->update("", "urn:ngsi-ld:Sensor:S1",
                  parse(R"({"name": {"type": "Property", "value": "danach"}})", false), ctx());
  const auto expected = entities_of(*broker_, "");
  Broker reloaded(*db_, clock_);
  reloaded.load();
  EXPECT_EQ(entities_of(reloaded, ""), expected);
  EXPECT_EQ(reloaded.get("", "urn:ngsi-ld:Sensor:S1")->attrs.size(), 1u);
}

TEST_F(NgsildJournal, ADeletedEntityStaysDeletedAndKeepsItsHistory) {
  broker_->create("t", parse(kSensor));
  tick();
  broker_->update("t", "urn:ngsi-ld:Sensor:S1",
                  parse(R"({"temperature": {"type": "Property",
      "value": 30, "observedAt": "2026-01-01T12:00:00.000Z"}})",
                        false),
                  ctx());
  tick();
  broker_->remove("t", "urn:ngsi-ld:Sensor:S1");
  Broker reloaded(*db_, clock_);
  reloaded.load();
  EXPECT_FALSE(reloaded.get("t", "urn:ngsi-ld:Sensor:S1"));
  // 4 created, 1 update, 4 ends recorded by the deletion.
  EXPECT_EQ(reloaded.history_count("t", "urn:ngsi-ld:Sensor:S1"), 9);
}

TEST_F(NgsildJournal, ACheckpointStartsOnceTheJournalIsLongEnough) {
  broker_->set_checkpoint_rows(10);
  broker_->create("", parse(kSensor));
  for (int i = 0; i < 12; ++i) {
    tick();
    char body[160];
    std::snprintf(body, sizeof body,
                  R"({"temperature": {"type": "Property", "value": %d,
                      "observedAt": "2026-01-01T10:%02d:00.000Z"}})",
                  i, i);
    broker_->update("", "urn:ngsi-ld:Sensor:S1", parse(body, false), ctx());
  }
  // The create's 4 rows and 6 updates reached 10; the journal restarted.
  EXPECT_EQ(count("SELECT COUNT(*) FROM ngsild_journal"), 6);
  EXPECT_EQ(count("SELECT COUNT(*) FROM ngsild_attribute_history"), 10);
  // Reading the history moves the rest first: every value, in the rollup.
  EXPECT_EQ(broker_->history_count("", "urn:ngsi-ld:Sensor:S1"), 16);
  EXPECT_EQ(count("SELECT COUNT(*) FROM ngsild_journal"), 0);
  const auto sums = broker_->rollups("", "urn:ngsi-ld:Sensor:S1", ctx().expand("temperature"),
                                     "2026-01-01T10", "");
  ASSERT_EQ(sums.size(), 1u);
  EXPECT_EQ(sums[0].n, 13);     // 20 at creation and 0..11
  EXPECT_EQ(sums[0].sum, 86.0); // 20 + 66
  EXPECT_EQ(sums[0].max, 20.0);
}

TEST_F(NgsildJournal, OneWriteChangingAnInstanceTwiceReplaysToTheLastValue) {
  broker_->create("", parse(kSensor));
  tick();
  // One batch names the entity twice: both changes are in one commit.
  std::vector<context::BatchItem> items(3);
  const char* bodies[] = {
      R"({"id": "urn:ngsi-ld:Sensor:S1", "type": "Sensor",
          "temperature": {"type": "Property", "value": 24}, "colour": {"type": "Property",
          "value": "blau"}})",
      R"({"id": "urn:ngsi-ld:Sensor:S1", "type": "Sensor",
          "temperature": {"type": "Property", "value": 25},
          "reading": {"type": "Property", "value": 9, "datasetId": "urn:ngsi-ld:Dataset:a"}})",
      R"({"id": "urn:ngsi-ld:Sensor:S1", "type": "Sensor",
          "colour": {"type": "Property", "value": "grün"}})"};
  for (int i = 0; i < 3; ++i) {
    items[i].id = "urn:ngsi-ld:Sensor:S1";
    items[i].entity = parse(bodies[i]);
  }
  std::vector<std::string> created;
  broker_->batch_upsert("", std::move(items), false, created);
  const auto expected = entities_of(*broker_, "");
  EXPECT_EQ(count("SELECT journal_seq FROM ngsild_entities"), 4); // the row is the created one
  Broker reloaded(*db_, clock_);
  reloaded.load();
  EXPECT_EQ(entities_of(reloaded, ""), expected);
}

TEST_F(NgsildJournal, ReplaysToNoticesAChangeTheListDoesNotName) {
  Entity before = parse(kSensor);
  Entity after = before;
  after.attrs[ctx().expand("name")].as_array()[0].as_object()["value"] = "anders";
  EXPECT_FALSE(context::journal::replays_to(before, after, {}));
  const context::Change named{ctx().expand("name"), "",
                              after.attrs[ctx().expand("name")].as_array()[0].as_object()};
  EXPECT_TRUE(context::journal::replays_to(before, after, {named}));
  after.types.push_back("https://example.org/Other");
  EXPECT_FALSE(context::journal::replays_to(before, after, {named}));
}

} // namespace
