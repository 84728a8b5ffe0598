// Times Broker::append_observations (the back-fill path of simulators and
// imports): POINTS one-minute observations of one attribute into a fresh
// SQLite database with the server's settings. bench/temporal.sh runs it.
//
//   build/temporal_append_bench DIR [POINTS]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "context/broker.hpp"
#include "core/clock.hpp"
#include "core/json.hpp"
#include "store/database.hpp"

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s DIR [POINTS]\n", argv[0]);
    return 2;
  }
  const long points = argc > 2 ? std::atol(argv[2]) : 525600;
  auto db = store::Database::open("sqlite:temporal-append.db", argv[1]);
  db->migrate(context::Broker::migrations());
  context::Broker broker(*db, core::Clock::system());
  broker.load();
  context::jsonld::Resolver resolver;
  const auto& ctx = *resolver.core();
  broker.create("", context::parse_entity(core::json::parse_object(R"({
      "id": "urn:ngsi-ld:WeatherObserved:append", "type": "WeatherObserved",
      "temperature": {"type": "Property", "value": 1}})"),
                                          ctx, broker.now()));
  const std::string attr = ctx.expand("temperature");
  std::vector<context::Observation> rows;
  rows.reserve(static_cast<std::size_t>(points));
  const auto start = core::TimePoint(std::chrono::hours(24 * 20089)); // 2025-01-01
  for (long m = 0; m < points; ++m)
    rows.push_back({"urn:ngsi-ld:WeatherObserved:append", attr,
                    core::format_utc_millis(start + std::chrono::minutes(m)),
                    boost::json::value(10.0 + static_cast<double>(m % 1440) / 100.0), "CEL"});
  const auto t0 = std::chrono::steady_clock::now();
  broker.append_observations("", rows);
  const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::printf("append_observations: %ld rows in %.2f s (%.0f rows/s)\n", points, s,
              static_cast<double>(points) / s);
  db->close();
  return 0;
}
