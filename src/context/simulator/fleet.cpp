#include "context/simulator/fleet.hpp"

#include <boost/json/array.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "context/simulator/patterns.hpp"

namespace context::simulator {
namespace {

namespace json = boost::json;

struct Point {
  double lat, lon;
};

// A street as a polyline between known places of the demo town.
struct Street {
  const char* name;
  std::vector<Point> points;
};

const std::vector<Street>& streets() {
  static const std::vector<Street> all = {
      {"Markt", {{51.5130, 7.4645}, {51.5142, 7.4662}}},
      {"Bahnhofstraße", {{51.5136, 7.4653}, {51.5121, 7.4689}, {51.5090, 7.4760}}},
      {"Ringstraße",
       {{51.5171, 7.4601},
        {51.5188, 7.4680},
        {51.5152, 7.4745},
        {51.5095, 7.4725},
        {51.5082, 7.4625},
        {51.5128, 7.4568},
        {51.5171, 7.4601}}},
      {"Nordstraße", {{51.5142, 7.4650}, {51.5220, 7.4640}, {51.5294, 7.4627}}},
      {"Kirchweg", {{51.5128, 7.4660}, {51.5060, 7.4690}, {51.4997, 7.4714}}},
      {"Am Gewerbepark", {{51.5110, 7.4720}, {51.5062, 7.4871}}},
      {"Hafenweg", {{51.5152, 7.4702}, {51.5190, 7.4800}, {51.5229, 7.4892}}},
      {"Weberstraße", {{51.5109, 7.4611}, {51.5136, 7.4653}}},
      {"Parkallee", {{51.5157, 7.4586}, {51.5200, 7.4560}, {51.5250, 7.4540}}},
      {"Schulstraße", {{51.5152, 7.4702}, {51.5175, 7.4730}}},
  };
  return all;
}

// The point at fraction f (0..1) of the street's length.
Point along(const Street& s, double f) {
  std::vector<double> lengths;
  double total = 0;
  for (std::size_t i = 1; i < s.points.size(); ++i) {
    const double d = std::hypot(s.points[i].lat - s.points[i - 1].lat,
                                (s.points[i].lon - s.points[i - 1].lon) * 0.62);
    lengths.push_back(d);
    total += d;
  }
  double want = std::clamp(f, 0.0, 1.0) * total;
  for (std::size_t i = 0; i < lengths.size(); ++i) {
    if (want <= lengths[i] || i + 1 == lengths.size()) {
      const double r = lengths[i] > 0 ? std::min(1.0, want / lengths[i]) : 0;
      return {s.points[i].lat + r * (s.points[i + 1].lat - s.points[i].lat),
              s.points[i].lon + r * (s.points[i + 1].lon - s.points[i].lon)};
    }
    want -= lengths[i];
  }
  return s.points.back();
}

struct Plan {
  const char* type;
  const char* label; // German name stem
  int count;
};

// How many sensors of each type, and what people call them.
const std::vector<Plan>& plans() {
  static const std::vector<Plan> all = {
      {"AirQualityObserved", "Luftmessstation", 12},
      {"OffStreetParking", "Parkhaus", 8},
      {"ParkingSpot", "Stellplatz", 60},
      {"TrafficFlowObserved", "Verkehrszählstelle", 20},
      {"NoiseLevelObserved", "Lärmmessstelle", 15},
      {"WeatherObserved", "Wetterstation", 3},
      {"Streetlight", "Straßenleuchte", 60},
      {"WasteContainer", "Wertstoffcontainer", 25},
      {"EVChargingStation", "Ladesäule", 10},
  };
  return all;
}

std::vector<Sensor> build_fleet() {
  std::vector<Sensor> fleet;
  const auto& st = streets();
  std::uint64_t seed = 0x5EED5EED;
  int global = 0;
  for (const auto& plan : plans()) {
    for (int i = 0; i < plan.count; ++i, ++global) {
      Sensor s;
      char id[128];
      std::snprintf(id, sizeof id, "urn:ngsi-ld:%s:musterstadt-%03d", plan.type, i + 1);
      s.id = id;
      s.type = plan.type;
      s.seed = seed + std::uint64_t(global) * 7919;
      // Streets in turn, positions spread along each street by a
      // low-discrepancy sequence, a few metres off the centre line.
      const Street& street = st[std::size_t(global * 7 + i) % st.size()];
      const double f = std::fmod(0.5 + (global + 1) * 0.6180339887, 1.0);
      const Point p = along(street, 0.05 + 0.9 * f);
      s.lat = p.lat + 0.00012 * noise(s.seed, 1);
      s.lon = p.lon + 0.00018 * noise(s.seed, 2);
      s.street = street.name;
      s.house_number = 1 + int(f * 80);
      s.name = std::string(plan.label) + " " + street.name + " " + std::to_string(i + 1);
      s.scale = 0.85 + 0.3 * (noise(s.seed, 3) + 1) / 2;
      if (s.type == "OffStreetParking") s.capacity = 120 + 40 * (i % 6);
      if (s.type == "EVChargingStation") s.capacity = 2 + 2 * (i % 3);
      s.collection_day = i % 5;
      fleet.push_back(std::move(s));
    }
  }
  return fleet;
}

double round_to(double v, double step) { return std::round(v / step) * step; }

Reading number(const char* attr, double v, const char* unit, double step) {
  return {attr, json::value(round_to(v, step)), unit, true};
}

Reading integer(const char* attr, std::int64_t v, const char* unit = "", bool history = true) {
  return {attr, json::value(v), unit, history};
}

Reading text(const char* attr, const char* v) { return {attr, json::value(v), "", false}; }

} // namespace

const std::vector<Sensor>& musterstadt_fleet() {
  static const std::vector<Sensor> fleet = build_fleet();
  return fleet;
}

std::vector<Reading> readings(const Sensor& s, std::int64_t unix_seconds) {
  const LocalTime t = local_time(unix_seconds);
  // Measurement noise changes every ten seconds; each attribute draws its own.
  const std::int64_t slot = unix_seconds / 10;
  auto jitter = [&](int attr) { return noise(s.seed + std::uint64_t(attr) * 104729, slot); };
  // Weather shared by the whole town, drifting slowly (hourly noise).
  const std::int64_t hour = unix_seconds / 3600;
  const double temp = air_temperature(t) + 1.2 * noise(0xA1, hour / 6) + 0.3 * jitter(90);
  const double traffic = traffic_level(t);
  std::vector<Reading> r;
  if (s.type == "AirQualityObserved") {
    const double no2 = (12 + 48 * traffic) * s.scale + 4 * jitter(1);
    const double pm10 = (14 + 10 * traffic + (temp < 5 ? 8 : 0)) * s.scale + 3 * jitter(2);
    const double pm25 = pm10 * 0.62 + 1.5 * jitter(3);
    // Ozone: sunshine and warmth, low where traffic consumes it.
    const double sun = std::max(0.0, std::sin(3.14159 * (t.hour - 6) / 14));
    const double o3 = 20 + std::max(0.0, temp) * 2.2 * sun + 10 * (1 - traffic) + 5 * jitter(4);
    r.push_back(number("no2", std::max(1.0, no2), "GQ", 0.1));
    r.push_back(number("pm10", std::max(1.0, pm10), "GQ", 0.1));
    r.push_back(number("pm25", std::max(0.5, pm25), "GQ", 0.1));
    r.push_back(number("o3", std::clamp(o3, 2.0, 220.0), "GQ", 0.1));
    r.push_back(number("temperature", temp, "CEL", 0.1));
  } else if (s.type == "OffStreetParking") {
    const double occ = std::clamp(parking_occupancy(t) * s.scale + 0.04 * jitter(1), 0.0, 1.0);
    const auto free_spots = std::int64_t(std::lround(s.capacity * (1 - occ)));
    r.push_back(integer("availableSpotNumber", free_spots));
    r.push_back(integer("totalSpotNumber", s.capacity, "", false));
  } else if (s.type == "ParkingSpot") {
    const double occ = std::clamp(parking_occupancy(t) * s.scale, 0.0, 0.98);
    // A spot's state holds for 20-minute stretches.
    const double draw = (noise(s.seed + 11, unix_seconds / 1200) + 1) / 2;
    r.push_back(text("status", draw < occ ? "occupied" : "free"));
  } else if (s.type == "TrafficFlowObserved") {
    const double intensity = std::max(0.0, (20 + 880 * traffic) * s.scale * (1 + 0.08 * jitter(1)));
    const double occupancy =
        std::clamp(0.02 + 0.5 * traffic * traffic + 0.02 * jitter(2), 0.0, 1.0);
    const double speed = std::clamp(48 - 26 * traffic * traffic + 3 * jitter(3), 5.0, 60.0);
    r.push_back(integer("intensity", std::int64_t(std::lround(intensity))));
    r.push_back(number("averageVehicleSpeed", speed, "KMH", 0.1));
    r.push_back(number("occupancy", occupancy, "C62", 0.001));
  } else if (s.type == "NoiseLevelObserved") {
    const double laeq = 38 + 30 * std::sqrt(traffic) * s.scale + 1.5 * jitter(1);
    const double lamax = laeq + 9 + 4 * (jitter(2) + 1);
    r.push_back(number("LAeq", std::clamp(laeq, 30.0, 85.0), "2N", 0.1));
    r.push_back(number("LAmax", std::clamp(lamax, 35.0, 100.0), "2N", 0.1));
  } else if (s.type == "WeatherObserved") {
    const double rain_chance = (noise(0xB2, hour / 3) + 1) / 2; // shared by the town
    const double rain = rain_chance > 0.82 ? (rain_chance - 0.82) * 20 * (1 + 0.2 * jitter(4)) : 0;
    const double humidity =
        std::clamp(0.78 - 0.02 * (temp - 10) + (rain > 0 ? 0.15 : 0) + 0.03 * jitter(1), 0.2, 1.0);
    const double wind = std::max(0.0, 3.5 + 2.5 * noise(0xC3, hour / 4) + 0.8 * jitter(2));
    const double pressure = 1013 + 12 * noise(0xD4, hour / 24) + 0.5 * jitter(3);
    r.push_back(number("temperature", temp, "CEL", 0.1));
    r.push_back(number("relativeHumidity", humidity, "C62", 0.01));
    r.push_back(number("windSpeed", wind, "MTS", 0.1));
    r.push_back(number("precipitation", std::max(0.0, rain), "MMT", 0.1));
    r.push_back(number("atmosphericPressure", pressure, "A97", 0.1));
  } else if (s.type == "Streetlight") {
    const bool dark = is_dark(t);
    // Dimmed to 50 % in the deep night (00:00-05:00).
    const double level = !dark ? 0.0 : (t.hour < 5 ? 0.5 : 1.0);
    r.push_back(text("powerState", dark ? "on" : "off"));
    r.push_back(number("illuminanceLevel", level, "C62", 0.01));
  } else if (s.type == "WasteContainer") {
    const double fill = waste_fill(unix_seconds, s.collection_day, 0.75 * s.scale);
    r.push_back(number("fillingLevel", std::clamp(fill + 0.01 * jitter(1), 0.0, 1.0), "C62", 0.01));
    r.push_back(text("status", fill >= 0.9 ? "full" : "ok"));
  } else if (s.type == "EVChargingStation") {
    const double use = std::clamp(0.1 + 0.6 * parking_occupancy(t) * s.scale, 0.0, 1.0);
    const double draw = (noise(s.seed + 13, unix_seconds / 1800) + 1) / 2;
    const auto busy =
        std::min<std::int64_t>(s.capacity, std::lround(s.capacity * use * (0.6 + 0.8 * draw)));
    const std::int64_t available = s.capacity - busy;
    r.push_back(integer("availableCapacity", available));
    r.push_back(integer("capacity", s.capacity, "", false));
    r.push_back(
        text("status", available == 0 ? "full" : (available == 1 ? "almostFull" : "working")));
  }
  return r;
}

namespace {

json::object property(const Reading& r, const std::string& observed_at) {
  json::object p{{"type", "Property"}, {"value", r.value}, {"observedAt", observed_at}};
  if (!r.unit.empty()) p["unitCode"] = r.unit;
  return p;
}

} // namespace

json::object entity_payload(const Sensor& s, std::int64_t unix_seconds,
                            const std::string& observed_at) {
  json::object e = update_payload(s, unix_seconds, observed_at);
  e["name"] = json::object{{"type", "Property"}, {"value", s.name}};
  e["address"] = json::object{
      {"type", "Property"},
      {"value", json::object{{"streetAddress", s.street + " " + std::to_string(s.house_number)},
                             {"postalCode", "59999"},
                             {"addressLocality", "Musterstadt"},
                             {"addressCountry", "DE"}}}};
  e["location"] = json::object{
      {"type", "GeoProperty"},
      {"value", json::object{{"type", "Point"}, {"coordinates", json::array{s.lon, s.lat}}}}};
  if (s.type == "WeatherObserved" || s.type == "AirQualityObserved" ||
      s.type == "NoiseLevelObserved" || s.type == "TrafficFlowObserved")
    e["dataProvider"] = json::object{{"type", "Property"}, {"value", "Stadt Musterstadt"}};
  return e;
}

json::object update_payload(const Sensor& s, std::int64_t unix_seconds,
                            const std::string& observed_at) {
  json::object e{{"id", s.id}, {"type", s.type}};
  for (const auto& r : readings(s, unix_seconds))
    e[r.attr] = property(r, observed_at);
  return e;
}

} // namespace context::simulator
