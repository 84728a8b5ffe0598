#include <gtest/gtest.h>

#include <boost/json/serialize.hpp>

#include <map>
#include <set>
#include <stdexcept>

#include "context/simulator/fleet.hpp"
#include "context/simulator/patterns.hpp"

using namespace context::simulator;

namespace {

// 2026-01-12 is a Monday. Unix seconds of that day, local (CET, UTC+1) hour h.
std::int64_t monday_jan(double h) { return 1768172400 + std::int64_t(h * 3600); }
// 2026-07-13 is a Monday; CEST (UTC+2).
std::int64_t monday_jul(double h) { return 1783893600 + std::int64_t(h * 3600); }

const Sensor& first_of(const std::string& type) {
  for (const auto& s : musterstadt_fleet())
    if (s.type == type) return s;
  throw std::runtime_error("no sensor of type " + type);
}

double value_of(const Sensor& s, std::int64_t t, const std::string& attr) {
  for (const auto& r : readings(s, t))
    if (r.attr == attr) return r.value.to_number<double>();
  throw std::runtime_error("no attribute " + attr);
}

std::string text_of(const Sensor& s, std::int64_t t, const std::string& attr) {
  for (const auto& r : readings(s, t))
    if (r.attr == attr) return std::string(r.value.as_string());
  throw std::runtime_error("no attribute " + attr);
}

// The mean of an attribute over the fleet's sensors of one type.
double fleet_mean(const std::string& type, std::int64_t t, const std::string& attr) {
  double sum = 0;
  int n = 0;
  for (const auto& s : musterstadt_fleet())
    if (s.type == type) {
      sum += value_of(s, t, attr);
      ++n;
    }
  return sum / n;
}

} // namespace

TEST(SensorSimulator, LocalTimeFollowsBerlinSummerTime) {
  const auto winter = local_time(monday_jan(8));
  EXPECT_EQ(winter.weekday, 0);
  EXPECT_NEAR(winter.hour, 8.0, 1e-9);
  EXPECT_EQ(winter.day_of_year, 11);
  const auto summer = local_time(monday_jul(8));
  EXPECT_EQ(summer.weekday, 0);
  EXPECT_NEAR(summer.hour, 8.0, 1e-9);
  // 2026-03-29 01:00 UTC: clocks go from 02:00 to 03:00.
  EXPECT_NEAR(local_time(1774746000 - 60).hour, 1.0 + 59.0 / 60, 1e-9);
  EXPECT_NEAR(local_time(1774746000).hour, 3.0, 1e-9);
}

TEST(SensorSimulator, FleetHasTheTypesCountsAndIdsAllInsideTown) {
  const auto& fleet = musterstadt_fleet();
  EXPECT_GE(fleet.size(), 200u);
  std::map<std::string, int> per_type;
  std::set<std::string> ids;
  for (const auto& s : fleet) {
    ++per_type[s.type];
    ids.insert(s.id);
    EXPECT_GT(s.lat, kSouth) << s.id;
    EXPECT_LT(s.lat, kNorth) << s.id;
    EXPECT_GT(s.lon, kWest) << s.id;
    EXPECT_LT(s.lon, kEast) << s.id;
    EXPECT_FALSE(s.name.empty());
  }
  EXPECT_EQ(ids.size(), fleet.size());
  EXPECT_EQ(per_type.size(), 9u);
  EXPECT_TRUE(ids.count("urn:ngsi-ld:AirQualityObserved:musterstadt-001"));
  EXPECT_TRUE(ids.count("urn:ngsi-ld:EVChargingStation:musterstadt-010"));
}

TEST(SensorSimulator, ValuesAreAPureFunctionOfSensorAndTime) {
  const auto& s = first_of("AirQualityObserved");
  const auto t = monday_jan(9.3);
  EXPECT_EQ(boost::json::serialize(update_payload(s, t, "x")),
            boost::json::serialize(update_payload(s, t, "x")));
  // Two sensors of one type differ (own seed).
  const auto& other = musterstadt_fleet()[1];
  ASSERT_EQ(other.type, s.type);
  EXPECT_NE(value_of(s, t, "no2"), value_of(other, t, "no2"));
}

TEST(SensorSimulator, TrafficNoiseAndNo2PeakAtRushHourOnWorkingDays) {
  const auto rush = monday_jan(17);
  const auto night = monday_jan(3);
  const auto sunday_rush = monday_jan(17) - 86400;
  EXPECT_GT(fleet_mean("TrafficFlowObserved", rush, "intensity"),
            4 * fleet_mean("TrafficFlowObserved", night, "intensity"));
  EXPECT_GT(fleet_mean("TrafficFlowObserved", rush, "intensity"),
            2 * fleet_mean("TrafficFlowObserved", sunday_rush, "intensity"));
  EXPECT_LT(fleet_mean("TrafficFlowObserved", rush, "averageVehicleSpeed"),
            fleet_mean("TrafficFlowObserved", night, "averageVehicleSpeed"));
  EXPECT_GT(fleet_mean("NoiseLevelObserved", rush, "LAeq"),
            fleet_mean("NoiseLevelObserved", night, "LAeq") + 10);
  EXPECT_GT(fleet_mean("AirQualityObserved", monday_jan(7.75), "no2"),
            1.5 * fleet_mean("AirQualityObserved", night, "no2"));
  for (const auto& s : musterstadt_fleet()) {
    if (s.type == "NoiseLevelObserved") {
      EXPECT_GE(value_of(s, rush, "LAmax"), value_of(s, rush, "LAeq"));
    }
  }
}

TEST(SensorSimulator, TemperatureFollowsSeasonAndHour) {
  const auto& w = first_of("WeatherObserved");
  EXPECT_GT(value_of(w, monday_jul(15), "temperature"),
            value_of(w, monday_jan(15), "temperature") + 8);
  EXPECT_GT(value_of(w, monday_jul(15), "temperature"),
            value_of(w, monday_jul(5), "temperature") + 4);
  // The pure curve: coldest before sunrise, warmest mid-afternoon.
  const auto jul = local_time(monday_jul(0));
  auto at = [&](double h) {
    auto t = jul;
    t.hour = h;
    return air_temperature(t);
  };
  for (double h = 0; h < 24; h += 0.5) {
    EXPECT_LE(at(5), at(h) + 1e-9);
    EXPECT_GE(at(15), at(h) - 1e-9);
  }
  for (std::int64_t h = 0; h < 24 * 365; h += 7) {
    const double t = value_of(w, monday_jan(0) + h * 3600, "temperature");
    EXPECT_GT(t, -20);
    EXPECT_LT(t, 40);
  }
}

TEST(SensorSimulator, StreetlightsBurnAtNightAndLongerInWinter) {
  const auto& l = first_of("Streetlight");
  EXPECT_EQ(text_of(l, monday_jan(22), "powerState"), "on");
  EXPECT_EQ(text_of(l, monday_jan(12), "powerState"), "off");
  EXPECT_EQ(text_of(l, monday_jan(17.5), "powerState"), "on");  // dark in January
  EXPECT_EQ(text_of(l, monday_jul(17.5), "powerState"), "off"); // light in July
  EXPECT_DOUBLE_EQ(value_of(l, monday_jan(12), "illuminanceLevel"), 0.0);
  EXPECT_GT(value_of(l, monday_jan(22), "illuminanceLevel"),
            value_of(l, monday_jan(2), "illuminanceLevel"));
}

TEST(SensorSimulator, WasteFillsUpUntilTheWeeklyCollection) {
  for (const auto& s : musterstadt_fleet()) {
    if (s.type != "WasteContainer") continue;
    // Collection at 07:00 local on its day: just before is fuller than just after.
    const auto day = monday_jan(7) + std::int64_t(s.collection_day) * 86400;
    EXPECT_GT(value_of(s, day - 600, "fillingLevel"), 0.5) << s.id;
    EXPECT_LT(value_of(s, day + 600, "fillingLevel"), 0.1) << s.id;
    double last = -1;
    for (int h = 1; h < 7 * 24; h += 12) {
      const double v = waste_fill(day + h * 3600, s.collection_day, 0.75 * s.scale);
      EXPECT_GT(v, last);
      last = v;
    }
  }
}

TEST(SensorSimulator, ParkingIsFullAtBusinessHours) {
  const auto busy = monday_jan(11);
  const auto night = monday_jan(2);
  for (const auto& s : musterstadt_fleet())
    if (s.type == "OffStreetParking") {
      const double total = value_of(s, busy, "totalSpotNumber");
      EXPECT_LT(value_of(s, busy, "availableSpotNumber"), 0.3 * total) << s.id;
      EXPECT_GT(value_of(s, night, "availableSpotNumber"), 0.6 * total) << s.id;
      EXPECT_GE(value_of(s, busy, "availableSpotNumber"), 0);
    }
  int occupied_day = 0, occupied_night = 0;
  for (const auto& s : musterstadt_fleet())
    if (s.type == "ParkingSpot") {
      occupied_day += text_of(s, busy, "status") == "occupied";
      occupied_night += text_of(s, night, "status") == "occupied";
    }
  EXPECT_GT(occupied_day, 2 * occupied_night);
}

TEST(SensorSimulator, ChargingStationsStayWithinCapacity) {
  for (const auto& s : musterstadt_fleet())
    if (s.type == "EVChargingStation")
      for (int h = 0; h < 24 * 7; ++h) {
        const double a = value_of(s, monday_jan(h), "availableCapacity");
        EXPECT_GE(a, 0);
        EXPECT_LE(a, value_of(s, monday_jan(h), "capacity"));
      }
}

TEST(SensorSimulator, PayloadCarriesUnitCodesLocationAndAddress) {
  const auto& s = first_of("AirQualityObserved");
  const auto e = entity_payload(s, monday_jan(9), "2026-01-12T08:00:00.000Z");
  EXPECT_EQ(e.at("id").as_string(), "urn:ngsi-ld:AirQualityObserved:musterstadt-001");
  EXPECT_EQ(e.at("no2").at("unitCode").as_string(), "GQ");
  EXPECT_EQ(e.at("temperature").at("unitCode").as_string(), "CEL");
  EXPECT_EQ(e.at("no2").at("observedAt").as_string(), "2026-01-12T08:00:00.000Z");
  EXPECT_EQ(e.at("location").at("type").as_string(), "GeoProperty");
  EXPECT_EQ(e.at("address").at("value").at("addressLocality").as_string(), "Musterstadt");
}
