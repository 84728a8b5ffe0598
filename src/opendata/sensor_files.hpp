// The sensor datasets: hourly aggregates (count, mean, minimum, maximum) of
// every numeric attribute of the city's sensors of one NGSI-LD type, read
// from the context broker's hourly rollups while the file is sent. Only
// complete hours are published, so the file does not change within an hour
// except when late or back-filled values arrive.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "context/broker.hpp"
#include "context/jsonld/context.hpp"
#include "core/clock.hpp"
#include "http/download.hpp"

namespace opendata {

// Where the sensor datasets read from. All must outlive the files.
struct SensorSource {
  const context::Broker& broker;
  const context::jsonld::Context& names; // compacts type and attribute IRIs
  const core::Clock& clock;
};

// The sensor types that have a dataset, by their short NGSI-LD type name.
const std::vector<std::string>& sensor_types();
// "context.hourly.<Type>" -> "<Type>", else "".
std::string sensor_type_of_source(std::string_view live_source);

// The file "stundenwerte.csv" or "stundenwerte.json" of a sensor type (the
// default tenant's entities of that type).
http::Download sensor_hourly(const SensorSource& source, const std::string& type, bool as_csv);

} // namespace opendata
