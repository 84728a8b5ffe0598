// Migration context-004-history-by-time: a history stored under the old key
// (dataset, recorded time) is re-keyed by each series' time order without
// losing a row, and temporal reads by observed or recorded time find the
// same instances as before.
#include <algorithm>
#include <gtest/gtest.h>

#include "context/broker.hpp"
#include "context/store/history_store.hpp"
#include "core/clock.hpp"
#include "store/database.hpp"

namespace {

using context::history_store::HistoryRow;
using context::history_store::TimeFilter;

constexpr const char* kMigration = "context-004-history-by-time";

std::vector<store::Migration> before_re_keying() {
  auto all = context::Broker::migrations();
  std::erase_if(all, [](const store::Migration& m) { return m.id == kMigration; });
  return all;
}

class NgsildHistoryMigration : public ::testing::Test {
protected:
  void SetUp() override {
    db_ = store::Database::open("sqlite::memory:", "");
    db_->migrate(before_re_keying());
    db_->write([](store::Connection& c) {
      const char* insert =
          "INSERT INTO ngsild_attribute_history (tenant, entity_id, attribute, dataset_id, "
          "recorded_at, seq, observed_at, instance, value_num) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
      // Observed late, recorded early; observed early, recorded late: the
      // new key orders them by observation.
      c.execute(insert, {"", "urn:S1", "temp", "", "2026-01-01T10:00:00.000Z", 1,
                         "2026-01-01T12:00:00.000Z", R"({"value":1})", 1.0});
      c.execute(insert, {"", "urn:S1", "temp", "", "2026-01-01T11:00:00.000Z", 2,
                         "2026-01-01T09:00:00.000Z", R"({"value":2})", 2.0});
      // Without observedAt, and a deletion.
      c.execute(insert, {"", "urn:S1", "temp", "urn:ds:b", "2026-01-01T10:30:00.000Z", 3,
                         store::null, R"({"value":3})", 3.0});
      c.execute(insert, {"", "urn:S1", "temp", "", "2026-01-01T13:00:00.000Z", 4, store::null,
                         store::null, store::null});
      c.execute(insert, {"t2", "urn:S1", "temp", "", "2026-01-01T10:00:00.000Z", 5,
                         "2026-01-01T11:00:00+01:00", R"({"value":5})", 5.0});
    });
  }

  std::vector<std::int64_t> seqs(const TimeFilter& f, const std::string& tenant = "") {
    return db_->read([&](store::Connection& c) {
      std::vector<std::int64_t> out;
      for (const HistoryRow& r :
           context::history_store::series(c, tenant, "urn:S1", {"temp"}, f, 100))
        out.push_back(r.seq);
      return out;
    });
  }

  std::unique_ptr<store::Database> db_;
};

TEST_F(NgsildHistoryMigration, KeepsEveryRowAndKeysItByObservationTime) {
  EXPECT_EQ(db_->migrate(context::Broker::migrations()), 1);
  const auto rows = db_->read([](store::Connection& c) {
    std::vector<std::string> out;
    for (const auto& r : c.query("SELECT tenant || '|' || seq || '|' || at || '|' || "
                                 "observed || '|' || recorded_at || '|' || "
                                 "dataset_id || '|' || COALESCE(instance, '-') || '|' || "
                                 "COALESCE(value_num, '-') FROM ngsild_attribute_history"))
      out.push_back(r.text(0));
    return out;
  });
  // In key order: tenant, entity, attribute, at, seq.
  EXPECT_EQ(rows, (std::vector<std::string>{
                      "|2|2026-01-01T09:00:00.000Z|1|"
                      "2026-01-01T11:00:00.000Z||{\"value\":2}|2.0",
                      "|3|2026-01-01T10:30:00.000Z|0|2026-01-01T10:30:00.000Z|urn:ds:b|"
                      "{\"value\":3}|3.0",
                      "|1|2026-01-01T12:00:00.000Z|1|"
                      "2026-01-01T10:00:00.000Z||{\"value\":1}|1.0",
                      "|4|2026-01-01T13:00:00.000Z|0|2026-01-01T13:00:00.000Z||-|-",
                      "t2|5|2026-01-01T10:00:00.000Z|1|"
                      "2026-01-01T10:00:00.000Z||{\"value\":5}|5.0",
                  }));
  const bool index_left = db_->read([](store::Connection& c) {
    return c.query_one("SELECT 1 FROM sqlite_master WHERE name = 'ngsild_history_observed'")
        .has_value();
  });
  EXPECT_FALSE(index_left);
}

TEST_F(NgsildHistoryMigration, SumsTheRollupsAgainInUtcHours) {
  db_->write([](store::Connection& c) {
    // The old schema's back-fill was done long ago, and it summed t2's
    // value in the hour of its local time.
    c.execute("DELETE FROM ngsild_temporal_backfill");
    c.execute("INSERT INTO ngsild_attribute_rollup (tenant, entity_id, attribute, hour, n, sum, "
              "sumsq, min, max) VALUES ('t2', 'urn:S1', 'temp', '2026-01-01T11', 1, 5, 25, 5, 5)");
  });
  db_->migrate(context::Broker::migrations());
  core::ManualClock clock{core::TimePoint(std::chrono::hours(24 * 365 * 56))};
  context::Broker broker(*db_, clock);
  broker.load(); // runs the pending back-fill
  const auto hours = db_->read([](store::Connection& c) {
    return context::history_store::rollups(c, "t2", "urn:S1", "temp", "", "");
  });
  ASSERT_EQ(hours.size(), 1u);
  EXPECT_EQ(hours[0].hour, "2026-01-01T10");
  EXPECT_EQ(hours[0].n, 1);
  EXPECT_EQ(hours[0].sum, 5.0);
}

TEST_F(NgsildHistoryMigration, ReadsByObservedAndRecordedTimeAfterIt) {
  db_->migrate(context::Broker::migrations());
  TimeFilter observed;
  EXPECT_EQ(seqs(observed), (std::vector<std::int64_t>{2, 1})); // no observedAt: not listed
  observed.from = "2026-01-01T10:00:00.000Z";
  EXPECT_EQ(seqs(observed), (std::vector<std::int64_t>{1}));
  TimeFilter newest;
  newest.last_n = 1;
  EXPECT_EQ(seqs(newest), (std::vector<std::int64_t>{1}));
  TimeFilter recorded;
  recorded.observed = false;
  EXPECT_EQ(seqs(recorded), (std::vector<std::int64_t>{1, 3, 2})); // deletion: not listed
  recorded.to = "2026-01-01T10:45:00.000Z";
  EXPECT_EQ(seqs(recorded), (std::vector<std::int64_t>{1, 3}));
  EXPECT_EQ(seqs(TimeFilter{}, "t2"), (std::vector<std::int64_t>{5}));
}

} // namespace

namespace {

// Times with offsets or without milliseconds are keyed in UTC with
// milliseconds, so ranges and hours are right whatever form a sensor sends.
TEST(NgsildHistoryKeys, TimesAreKeyedInUtcWithMilliseconds) {
  auto db = store::Database::open("sqlite::memory:", "");
  db->migrate(context::Broker::migrations());
  std::vector<context::history_store::BulkRow> rows;
  rows.push_back({"urn:S1", "temp", "2026-01-01T11:30:00+01:00", R"({"value":1})", 1.0, "", ""});
  rows.push_back({"urn:S1", "temp", "2026-01-01T10:15:00Z", R"({"value":2})", 2.0, "", ""});
  rows.push_back({"urn:S1", "temp", "2026-01-01T10:15:00.500Z", R"({"value":3})", 3.0, "", ""});
  std::int64_t seq = 1;
  db->write([&](store::Connection& c) { context::history_store::append_bulk(c, "", rows, seq); });
  db->read([](store::Connection& c) {
    TimeFilter f;
    f.from = "2026-01-01T10:15:00.100Z";
    std::vector<std::string> times;
    for (const auto& r : context::history_store::series(c, "", "urn:S1", {"temp"}, f, 100))
      times.push_back(r.time);
    EXPECT_EQ(times,
              (std::vector<std::string>{"2026-01-01T10:15:00.500Z", "2026-01-01T10:30:00.000Z"}));
    const auto hours = context::history_store::rollups(c, "", "urn:S1", "temp", "", "");
    ASSERT_EQ(hours.size(), 1u);
    EXPECT_EQ(hours[0].hour, "2026-01-01T10");
    EXPECT_EQ(hours[0].n, 3);
  });
}

} // namespace
