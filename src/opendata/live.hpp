// The datasets the platform generates itself, always from the current state:
// the service catalogue with its maturity levels (CSV, JSON), the offices
// with opening hours (GeoJSON) and the waiting times for appointments
// (aggregates only, small groups suppressed; CSV, JSON). Each file is
// produced piece by piece while it is sent, never held whole.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "appointments/appointments.hpp"
#include "catalog/catalog.hpp"
#include "http/download.hpp"
#include "opendata/model.hpp"
#include "opendata/sensor_files.hpp"

namespace opendata {

// Groups with fewer cases than this are published without their figures.
inline constexpr int kMinGroupSize = 5;

// The modules the live files read. All must outlive the object. Thread-safe.
class LiveFiles {
public:
  // Without `sensors` the sensor datasets have no files.
  LiveFiles(const catalog::Catalog& catalog, const appointments::Calendar& calendar,
            const SensorSource* sensors = nullptr)
      : catalog_(catalog), calendar_(calendar), sensors_(sensors) {}

  // The file `file` of a dataset whose live_source is `source`, ready to
  // stream: media type, a strong ETag that changes exactly when the content
  // does, and the producer. std::nullopt when the source has no such file.
  // Last-Modified is left to the caller (it knows since when the ETag holds).
  std::optional<http::Download> file(const std::string& source, const std::string& file) const;

  // The files a source offers ("leistungen.csv", ...).
  static std::vector<std::string> files_of(const std::string& source);

private:
  const catalog::Catalog& catalog_;
  const appointments::Calendar& calendar_;
  const SensorSource* sensors_;
};

// One row of the waiting-time statistics: a service and a month of
// booking, over the appointments booked then (not cancelled): how many
// days they were booked in advance. Groups of fewer than kMinGroupSize
// cases are published without any figure, not even the count (suppressed).
struct WaitingGroup {
  std::string service_id;
  std::string service_title;
  std::string month; // "2026-11"
  bool suppressed = true;
  int cases = 0;
  int min_days = 0, median_days = 0, p90_days = 0, max_days = 0;
  double mean_days = 0;
};
// `waits` ordered by service and month, as Calendar::booked_waits gives them.
std::vector<WaitingGroup> waiting_groups(const std::vector<appointments::BookedWait>& waits,
                                         const catalog::Snapshot& snapshot);

} // namespace opendata
