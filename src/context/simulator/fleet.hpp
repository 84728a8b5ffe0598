// The Musterstadt sensor fleet: which sensors exist (Smart Data Models
// types, ids, names, addresses, positions along the town's streets) and what
// each measures at a given instant. Everything is a pure function of the
// fixed seed, the sensor and the time, so runs and tests agree.
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace context::simulator {

// The town's extent (WGS84 degrees); every sensor lies inside.
inline constexpr double kSouth = 51.495, kNorth = 51.535, kWest = 7.450, kEast = 7.495;

// One simulated device.
struct Sensor {
  std::string id;   // urn:ngsi-ld:<type>:musterstadt-NNN
  std::string type; // Smart Data Models type
  std::string name; // German, for people
  std::string street;
  int house_number = 1;
  double lat = 0, lon = 0;
  std::uint64_t seed = 0;
  int capacity = 0;       // parking spaces or charging points
  int collection_day = 0; // waste containers: weekday emptied (0 = Monday)
  double scale = 1;       // per-sensor variation of levels
};

// One measured attribute at one instant.
struct Reading {
  std::string attr; // Smart Data Models name (compact term)
  boost::json::value value;
  std::string unit;    // UN/CEFACT code, "" when none
  bool history = true; // back-filled (numeric and changing)
};

// The whole fleet (213 sensors of 9 types), in a fixed order.
const std::vector<Sensor>& musterstadt_fleet();

// What `s` measures at `unix_seconds`.
std::vector<Reading> readings(const Sensor& s, std::int64_t unix_seconds);

// The NGSI-LD payload of the full entity (name, address, location and the
// readings with observedAt), for the core @context.
boost::json::object entity_payload(const Sensor& s, std::int64_t unix_seconds,
                                   const std::string& observed_at);

// The payload of an update: id, type and the readings with observedAt.
boost::json::object update_payload(const Sensor& s, std::int64_t unix_seconds,
                                   const std::string& observed_at);

} // namespace context::simulator
