// Fills a data directory for bench/memory.sh: ENTITIES AirQualityObserved
// entities in the tenant "mass" (the shape bench/context.sh uses) and
// OBSERVATIONS history rows of no2 and pm10 (hourly, spread over the first
// entities) through Broker::append_observations, the back-fill path.
//
//   build/memory_fill_bench DIR [ENTITIES] [OBSERVATIONS]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "context/broker.hpp"
#include "core/clock.hpp"
#include "core/json.hpp"
#include "store/database.hpp"

namespace {

std::string entity_id(long i) { return "urn:ngsi-ld:AirQualityObserved:m" + std::to_string(i); }

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

} // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s DIR [ENTITIES] [OBSERVATIONS]\n", argv[0]);
    return 2;
  }
  const long entities = argc > 2 ? std::atol(argv[2]) : 100000;
  const long observations = argc > 3 ? std::atol(argv[3]) : 10000000;
  auto db = store::Database::open("sqlite:stadtkern.db", argv[1]);
  db->migrate(context::Broker::migrations());
  context::Broker broker(*db, core::Clock::system());
  broker.load();
  context::jsonld::Resolver resolver;
  const auto& ctx = *resolver.core();

  auto t0 = std::chrono::steady_clock::now();
  for (long start = 0; start < entities; start += 1000) {
    std::vector<context::BatchItem> items;
    for (long i = start; i < std::min(start + 1000, entities); ++i) {
      const std::string text = R"({"id": ")" + entity_id(i) + R"(", "type": "AirQualityObserved",
          "no2": {"type": "Property", "value": )" +
                               std::to_string(i % 80) +
                               R"(, "unitCode": "GQ", "observedAt": "2026-11-26T10:00:00Z"},
          "pm10": {"type": "Property", "value": )" +
                               std::to_string(i % 50) +
                               R"(, "unitCode": "GQ", "observedAt": "2026-11-26T10:00:00Z"},
          "location": {"type": "GeoProperty", "value": {"type": "Point", "coordinates": [)" +
                               std::to_string(7.4 + static_cast<double>(i % 100) / 1000) + ", " +
                               std::to_string(51.5 + static_cast<double>(i / 100 % 100) / 1000) +
                               "]}}}";
      items.push_back({entity_id(i),
                       context::parse_entity(core::json::parse_object(text), ctx, broker.now()),
                       std::nullopt});
    }
    std::vector<std::string> created;
    broker.batch_upsert("mass", std::move(items), false, created);
  }
  std::printf("entities: %ld in %.1f s\n", entities, seconds_since(t0));

  // Hourly values from 2025-01-01, 5,000 hours per attribute and entity.
  const long per_series = 5000;
  const std::string attrs[] = {ctx.expand("no2"), ctx.expand("pm10")};
  const auto start_time = core::TimePoint(std::chrono::hours(24 * 20089));
  t0 = std::chrono::steady_clock::now();
  long written = 0;
  std::vector<context::Observation> rows;
  for (long e = 0; written < observations && e < entities; ++e) {
    for (const auto& attr : attrs)
      for (long h = 0; h < per_series && written < observations; ++h, ++written)
        rows.push_back({entity_id(e), attr,
                        core::format_utc_millis(start_time + std::chrono::hours(h)),
                        boost::json::value(static_cast<double>((e + h) % 97)), "GQ"});
    if (rows.size() >= 50000) {
      broker.append_observations("mass", rows);
      rows.clear();
    }
  }
  if (!rows.empty()) broker.append_observations("mass", rows);
  std::printf("observations: %ld in %.1f s\n", written, seconds_since(t0));
  db->close();
  return 0;
}
