#include "opendata/sensor_files.hpp"

#include <gtest/gtest.h>

#include <string>

#include "context/model/entity.hpp"
#include "core/clock.hpp"
#include "core/json.hpp"
#include "store/database.hpp"

namespace {

using context::Broker;

// The exact bytes of stundenwerte.csv/.json for two sensors with hand-written
// rollups: order (sensor id, attribute name, hour), number formatting
// (shortest round-trip text), complete hours only, units and their absence.
class SensorFiles : public ::testing::Test {
protected:
  void SetUp() override {
    db_ = store::Database::open("sqlite::memory:", "");
    db_->migrate(Broker::migrations());
    broker_ = std::make_unique<Broker>(*db_, clock_);
    const auto& ctx = *resolver_.core();
    for (const char* text :
         {R"({"id": "urn:ngsi-ld:AirQualityObserved:b", "type": "AirQualityObserved",
              "NO2": {"type": "Property", "value": 20.5, "unitCode": "GQ"},
              "CO": {"type": "Property", "value": 1}})",
          R"({"id": "urn:ngsi-ld:AirQualityObserved:a", "type": "AirQualityObserved",
              "NO2": {"type": "Property", "value": 3, "unitCode": "GQ"},
              "name": {"type": "Property", "value": "text is no series"}})",
          R"({"id": "urn:ngsi-ld:NoiseLevelObserved:x", "type": "NoiseLevelObserved",
              "LAeq": {"type": "Property", "value": 50}})"})
      broker_->create(
          "", context::parse_entity(core::json::parse_object(text), ctx, broker_->now(), true));
    db_->write([&](store::Connection& c) {
      c.execute("DELETE FROM ngsild_attribute_rollup");
      const auto add = [&](const char* id, const char* attr, const char* hour, std::int64_t n,
                           double sum, double min, double max) {
        c.execute("INSERT INTO ngsild_attribute_rollup (tenant, entity_id, attribute, hour, n, "
                  "sum, sumsq, min, max) VALUES ('', ?, ?, ?, ?, ?, 0, ?, ?)",
                  {std::string(id), ctx.expand(attr), std::string(hour), n, sum, min, max});
      };
      add("urn:ngsi-ld:AirQualityObserved:b", "NO2", "2024-12-01T10", 3, 1.0, 0.1, 0.7);
      add("urn:ngsi-ld:AirQualityObserved:b", "NO2", "2024-12-01T09", 60, 1230.0, -4.5, 1e21);
      add("urn:ngsi-ld:AirQualityObserved:b", "CO", "2024-12-01T09", 1, 2.0, 2.0, 2.0);
      add("urn:ngsi-ld:AirQualityObserved:a", "NO2", "2024-12-01T11", 7, 22.0, 0.125, 1234567.875);
      // The current hour (clock: 2024-12-27T00) is not complete yet.
      add("urn:ngsi-ld:AirQualityObserved:a", "NO2", "2024-12-27T00", 1, 5.0, 5.0, 5.0);
      add("urn:ngsi-ld:NoiseLevelObserved:x", "LAeq", "2024-12-01T09", 1, 50.0, 50.0, 50.0);
    });
  }

  std::string read(bool as_csv) {
    const opendata::SensorSource src{*broker_, *resolver_.core(), clock_};
    const auto d = opendata::sensor_hourly(src, "AirQualityObserved", as_csv);
    auto producer = d.open();
    std::string all, piece;
    for (bool more = true; more;) {
      piece.clear();
      more = producer(piece);
      all += piece;
    }
    return all;
  }

  core::ManualClock clock_{core::TimePoint(std::chrono::hours(24 * 365 * 55))};
  context::jsonld::Resolver resolver_;
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<Broker> broker_;
};

TEST_F(SensorFiles, CsvIsPinned) {
  EXPECT_EQ(read(true),
            "sensor,merkmal,stunde,anzahl,mittelwert,minimum,maximum,einheit\r\n"
            "urn:ngsi-ld:AirQualityObserved:a,NO2,2024-12-01T11:00:00Z,7,3.142857142857143,0.125,"
            "1234567.875,GQ\r\n"
            "urn:ngsi-ld:AirQualityObserved:b,CO,2024-12-01T09:00:00Z,1,2,2,2,\r\n"
            "urn:ngsi-ld:AirQualityObserved:b,NO2,2024-12-01T09:00:00Z,60,20.5,-4.5,1e+21,GQ\r\n"
            "urn:ngsi-ld:AirQualityObserved:b,NO2,2024-12-01T10:00:00Z,3,0.3333333333333333,0.1,"
            "0.7,GQ\r\n");
}

TEST_F(SensorFiles, JsonIsPinned) {
  EXPECT_EQ(read(false),
            "[\n"
            R"({"sensor":"urn:ngsi-ld:AirQualityObserved:a","merkmal":"NO2",)"
            R"("stunde":"2024-12-01T11:00:00Z","anzahl":7,"mittelwert":3.142857142857143,)"
            R"("minimum":0.125,"maximum":1234567.875,"einheit":"GQ"},)"
            "\n"
            R"({"sensor":"urn:ngsi-ld:AirQualityObserved:b","merkmal":"CO",)"
            R"("stunde":"2024-12-01T09:00:00Z","anzahl":1,"mittelwert":2,"minimum":2,)"
            R"("maximum":2,"einheit":null},)"
            "\n"
            R"({"sensor":"urn:ngsi-ld:AirQualityObserved:b","merkmal":"NO2",)"
            R"("stunde":"2024-12-01T09:00:00Z","anzahl":60,"mittelwert":20.5,"minimum":-4.5,)"
            R"("maximum":1e+21,"einheit":"GQ"},)"
            "\n"
            R"({"sensor":"urn:ngsi-ld:AirQualityObserved:b","merkmal":"NO2",)"
            R"("stunde":"2024-12-01T10:00:00Z","anzahl":3,"mittelwert":0.3333333333333333,)"
            R"("minimum":0.1,"maximum":0.7,"einheit":"GQ"})"
            "\n]\n");
}

} // namespace
