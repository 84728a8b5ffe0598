#include "opendata/sensor_files.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <charconv>
#include <memory>

#include "core/clock.hpp"
#include "opendata/content_hash.hpp"
#include "opendata/csv.hpp"

namespace opendata {
namespace {

namespace json = boost::json;

constexpr std::size_t kPiece = 64 * 1024;
constexpr std::string_view kSourcePrefix = "context.hourly.";
const std::string kDefaultTenant;

// One sensor's numeric attribute: what a series of rows is about.
struct Series {
  std::string entity_id;
  std::string attribute; // expanded IRI (the rollups' key)
  std::string name;      // as the file shows it (compacted)
  std::string unit;      // UN/CEFACT code of the current value, or ""
};

// Every (sensor, attribute) of the type, in order of id and name: the
// entities come from the broker's index, so this is a lookup, not a scan.
std::vector<Series> series_of(const SensorSource& src, const std::string& type) {
  std::vector<Series> out;
  const std::string type_iri = src.names.expand(type);
  const auto entities = src.broker.select(kDefaultTenant, [&](const context::Entity& e) {
    return std::find(e.types.begin(), e.types.end(), type_iri) != e.types.end();
  });
  for (const auto& e : entities) {
    std::vector<Series> own;
    for (const auto& [attr, instances] : e->attrs) {
      if (!instances.is_array() || instances.as_array().empty()) continue;
      const auto& first = instances.as_array().front();
      if (!first.is_object()) continue;
      const auto& inst = first.as_object();
      const auto* value = inst.if_contains("value");
      if (!value || !(value->is_number() || value->is_bool())) continue;
      std::string unit;
      if (const auto* u = inst.if_contains("unitCode"); u && u->is_string())
        unit = std::string(u->as_string());
      own.push_back({e->id, std::string(attr), src.names.compact(attr), std::move(unit)});
    }
    std::sort(own.begin(), own.end(),
              [](const Series& a, const Series& b) { return a.name < b.name; });
    for (auto& s : own)
      out.push_back(std::move(s));
  }
  return out;
}

// Shortest text that reads back as the same double (never exponent form
// for the magnitudes sensors report).
void put_number(std::string& out, double v) {
  char buf[32];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  if (ec == std::errc()) out.append(buf, end);
}

void put_int(std::string& out, std::int64_t v) {
  char buf[24];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  if (ec == std::errc()) out.append(buf, end);
}

// Fields with characters CSV must quote go through csv::field; sensor ids,
// names and units normally do not, so the common case is a plain append.
void put_text(std::string& out, const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos)
    out += s;
  else
    csv::field(out, s);
}

// What every row of a series repeats, written once per series: the text
// before the hour and the text after the maximum.
struct SeriesText {
  std::string head;
  std::string tail;
};

SeriesText csv_text(const Series& s) {
  SeriesText t;
  put_text(t.head, s.entity_id);
  t.head += ',';
  put_text(t.head, s.name);
  t.head += ',';
  t.tail += ',';
  put_text(t.tail, s.unit);
  t.tail += "\r\n";
  return t;
}

SeriesText json_text(const Series& s) {
  SeriesText t;
  t.head = "{\"sensor\":";
  t.head += json::serialize(json::value(s.entity_id));
  t.head += ",\"merkmal\":";
  t.head += json::serialize(json::value(s.name));
  t.head += ",\"stunde\":\"";
  t.tail = ",\"einheit\":";
  t.tail += s.unit.empty() ? "null" : json::serialize(json::value(s.unit));
  t.tail += "}";
  return t;
}

// Streams the rows of all series: each piece formats whole series straight
// from the rollups as they are read until it holds kPiece bytes, so memory
// holds one series' text at most.
class HourlyProducer {
public:
  HourlyProducer(const SensorSource& src, std::vector<Series> series, std::string until_hour,
                 bool as_csv)
      : src_(src), series_(std::move(series)), until_(std::move(until_hour)), csv_(as_csv) {}

  bool operator()(std::string& out) {
    if (!started_) {
      started_ = true;
      out += csv_ ? "sensor,merkmal,stunde,anzahl,mittelwert,minimum,maximum,einheit\r\n" : "[";
    }
    while (out.size() < kPiece) {
      if (next_ == series_.size()) {
        if (!csv_) out += first_ ? "]\n" : "\n]\n";
        return false;
      }
      const Series& s = series_[next_++];
      const SeriesText text = csv_ ? csv_text(s) : json_text(s);
      src_.broker.each_rollup(kDefaultTenant, s.entity_id, s.attribute, "", until_,
                              [&](const context::history_store::RollupView& r) {
                                csv_ ? write_csv(out, text, r) : write_json(out, text, r);
                              });
    }
    return true;
  }

private:
  // "2026-01-05T13" -> "2026-01-05T13:00:00Z".
  static void put_hour(std::string& out, std::string_view hour) {
    out += hour;
    out += ":00:00Z";
  }

  static void write_csv(std::string& out, const SeriesText& t,
                        const context::history_store::RollupView& r) {
    const double mean = r.n > 0 ? r.sum / static_cast<double>(r.n) : 0;
    out += t.head;
    put_hour(out, r.hour);
    out += ',';
    put_int(out, r.n);
    out += ',';
    put_number(out, mean);
    out += ',';
    put_number(out, r.min);
    out += ',';
    put_number(out, r.max);
    out += t.tail;
  }

  void write_json(std::string& out, const SeriesText& t,
                  const context::history_store::RollupView& r) {
    const double mean = r.n > 0 ? r.sum / static_cast<double>(r.n) : 0;
    out += first_ ? "\n" : ",\n";
    first_ = false;
    out += t.head;
    put_hour(out, r.hour);
    out += "\",\"anzahl\":";
    put_int(out, r.n);
    out += ",\"mittelwert\":";
    put_number(out, mean);
    out += ",\"minimum\":";
    put_number(out, r.min);
    out += ",\"maximum\":";
    put_number(out, r.max);
    out += t.tail;
  }

  const SensorSource& src_;
  std::vector<Series> series_;
  std::string until_;
  bool csv_;
  bool started_ = false;
  bool first_ = true;
  std::size_t next_ = 0;
};

} // namespace

const std::vector<std::string>& sensor_types() {
  static const std::vector<std::string> types = {
      "AirQualityObserved", "NoiseLevelObserved", "TrafficFlowObserved",
      "WeatherObserved",    "OffStreetParking",   "ParkingSpot",
      "Streetlight",        "WasteContainer",     "EVChargingStation"};
  return types;
}

std::string sensor_type_of_source(std::string_view live_source) {
  if (!live_source.starts_with(kSourcePrefix)) return "";
  const std::string type(live_source.substr(kSourcePrefix.size()));
  const auto& types = sensor_types();
  return std::find(types.begin(), types.end(), type) != types.end() ? type : "";
}

http::Download sensor_hourly(const SensorSource& source, const std::string& type, bool as_csv) {
  // Complete hours only: everything before the current UTC hour.
  const std::string until = core::format_utc(source.clock.now()).substr(0, 13);
  auto series = series_of(source, type);
  ContentHash h;
  h.add(type);
  h.add(until);
  h.add(source.broker.history_serial());
  for (const auto& s : series) {
    h.add(s.entity_id);
    h.add(s.name);
    h.add(s.unit);
  }
  http::Download d;
  d.filename = as_csv ? "stundenwerte.csv" : "stundenwerte.json";
  d.etag = h.etag(d.filename);
  d.content_type = as_csv ? "text/csv; charset=utf-8; header=present" : "application/json";
  auto shared = std::make_shared<const std::vector<Series>>(std::move(series));
  const SensorSource* src = &source;
  d.open = [src, shared, until, as_csv]() -> http::ChunkSource {
    auto producer = std::make_shared<HourlyProducer>(*src, *shared, until, as_csv);
    return [producer](std::string& out) { return (*producer)(out); };
  };
  return d;
}

} // namespace opendata
