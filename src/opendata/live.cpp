#include "opendata/live.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <memory>

#include "core/json.hpp"
#include "opendata/content_hash.hpp"
#include "opendata/csv.hpp"

namespace opendata {
namespace {

namespace json = boost::json;

constexpr std::size_t kPiece = 64 * 1024;

using Hash = ContentHash;

// A producer that writes a header, then one item at a time until a piece is
// full, then a footer.
template <class Items, class Write>
http::ChunkSource items_source(std::shared_ptr<const Items> items, std::string header,
                               std::string footer, Write write) {
  auto at = std::make_shared<std::size_t>(0);
  auto started = std::make_shared<bool>(false);
  return [=](std::string& out) {
    if (!*started) {
      out += header;
      *started = true;
    }
    while (*at < items->size() && out.size() < kPiece) {
      write(out, (*items)[*at], *at);
      ++*at;
    }
    if (*at < items->size()) return true;
    out += footer;
    return false;
  };
}

std::string opt(const std::optional<int>& v) { return v ? std::to_string(*v) : std::string(); }

json::value opt_json(const std::optional<int>& v) {
  return v ? json::value(*v) : json::value(nullptr);
}

std::string joined(const std::vector<std::string>& list, std::string_view sep) {
  std::string out;
  for (const auto& s : list) {
    if (!out.empty()) out += sep;
    out += s;
  }
  return out;
}

// "Mo 08:00-12:30; Di 08:00-16:00" (in the order given).
std::string opening_text(const catalog::Office& o) {
  std::string out;
  for (const auto& slot : o.opening_hours) {
    if (!out.empty()) out += "; ";
    std::string day = slot.day;
    if (!day.empty()) day[0] = static_cast<char>(day[0] - 'a' + 'A');
    out += day + " " + slot.open + "-" + slot.close;
  }
  return out;
}

struct Services {
  std::shared_ptr<const catalog::Snapshot> snapshot;
  std::size_t size() const { return snapshot->services().size(); }
  const catalog::Service& operator[](std::size_t i) const { return snapshot->services()[i]; }
};

struct Offices {
  std::shared_ptr<const catalog::Snapshot> snapshot;
  std::size_t size() const { return snapshot->offices().size(); }
  const catalog::Office& operator[](std::size_t i) const { return snapshot->offices()[i]; }
};

std::string catalog_etag(const catalog::Snapshot& snap, std::string_view file) {
  Hash h;
  for (const auto& s : snap.services()) {
    h.add(s.id);
    h.add(s.version);
  }
  for (const auto& o : snap.offices()) {
    h.add(o.id);
    h.add(o.version);
  }
  return h.etag(file);
}

http::Download services_csv(std::shared_ptr<const catalog::Snapshot> snap) {
  http::Download d;
  d.content_type = "text/csv; charset=utf-8; header=present";
  d.etag = catalog_etag(*snap, "leistungen.csv");
  d.filename = "leistungen.csv";
  auto items = std::make_shared<const Services>(Services{std::move(snap)});
  d.open = [items] {
    std::string header;
    csv::row(header, {"id", "leika", "titel", "thema", "amt", "reifegrad", "reifegrad_2025",
                      "online_dienst", "kanaele", "termin_minuten", "letzte_pruefung"});
    return items_source(
        items, header, "", [](std::string& out, const catalog::Service& s, std::size_t) {
          csv::row(out, {s.id, s.leika, s.title, s.topic, s.department, std::to_string(s.maturity),
                         opt(s.maturity_2025), s.online_service_url.value_or(""),
                         joined(s.channels, " "), opt(s.appointment_minutes), s.last_review});
        });
  };
  return d;
}

http::Download services_json(std::shared_ptr<const catalog::Snapshot> snap) {
  http::Download d;
  d.content_type = "application/json";
  d.etag = catalog_etag(*snap, "leistungen.json");
  d.filename = "leistungen.json";
  auto items = std::make_shared<const Services>(Services{std::move(snap)});
  d.open = [items] {
    return items_source(
        items, "[", "]\n", [](std::string& out, const catalog::Service& s, std::size_t i) {
          if (i > 0) out += ",\n";
          json::object o{{"id", s.id},
                         {"leika", s.leika},
                         {"titel", s.title},
                         {"thema", s.topic},
                         {"amt", s.department},
                         {"reifegrad", s.maturity},
                         {"reifegrad_2025", opt_json(s.maturity_2025)},
                         {"online_dienst", s.online_service_url ? json::value(*s.online_service_url)
                                                                : json::value(nullptr)},
                         {"kanaele", json::value_from(s.channels)},
                         {"termin_minuten", opt_json(s.appointment_minutes)},
                         {"letzte_pruefung", s.last_review}};
          out += core::json::dump(o);
        });
  };
  return d;
}

http::Download offices_geojson(std::shared_ptr<const catalog::Snapshot> snap) {
  http::Download d;
  d.content_type = "application/geo+json";
  d.etag = catalog_etag(*snap, "standorte.geojson");
  d.filename = "standorte.geojson";
  auto items = std::make_shared<const Offices>(Offices{std::move(snap)});
  d.open = [items] {
    return items_source(
        items, R"({"type":"FeatureCollection","features":[)", "]}\n",
        [](std::string& out, const catalog::Office& o, std::size_t i) {
          if (i > 0) out += ",\n";
          json::array hours;
          for (const auto& slot : o.opening_hours)
            hours.push_back({{"tag", slot.day}, {"von", slot.open}, {"bis", slot.close}});
          json::object feature{
              {"type", "Feature"},
              {"id", o.id},
              {"geometry", {{"type", "Point"}, {"coordinates", json::array{o.lon, o.lat}}}},
              {"properties",
               {{"id", o.id},
                {"name", o.name},
                {"amt", o.department},
                {"strasse", o.street},
                {"plz", o.postal_code},
                {"ort", o.city},
                {"telefon", o.phone},
                {"email", o.email},
                {"oeffnungszeiten", opening_text(o)},
                {"oeffnungszeiten_liste", std::move(hours)},
                {"barrierefreiheit", o.accessibility},
                {"schalter", o.counters}}}};
          out += core::json::dump(feature);
        });
  };
  return d;
}

// A figure of a group, or empty when the group is suppressed.
std::string figure(const WaitingGroup& g, double v) {
  if (g.suppressed) return "";
  char buf[32];
  std::snprintf(buf, sizeof buf, v == static_cast<int>(v) ? "%.0f" : "%.1f", v);
  return buf;
}

json::value figure_json(const WaitingGroup& g, double v) {
  if (g.suppressed) return nullptr;
  if (v == static_cast<int>(v)) return static_cast<std::int64_t>(v);
  return std::round(v * 10) / 10;
}

constexpr const char* kSuppressedNote = "weniger als 5 Fälle";

http::Download waiting(const catalog::Catalog& catalog, const appointments::Calendar& calendar,
                       bool as_csv) {
  const auto snap = catalog.snapshot();
  auto groups = std::make_shared<const std::vector<WaitingGroup>>(
      waiting_groups(calendar.booked_waits(), *snap));
  Hash h;
  for (const auto& g : *groups) {
    h.add(g.service_id);
    h.add(g.service_title);
    h.add(g.month);
    h.add(g.suppressed ? "-"
                       : std::to_string(g.cases) + "/" + std::to_string(g.min_days) + "/" +
                             std::to_string(g.median_days) + "/" + std::to_string(g.p90_days) +
                             "/" + std::to_string(g.max_days));
  }
  http::Download d;
  d.filename = as_csv ? "wartezeiten.csv" : "wartezeiten.json";
  d.etag = h.etag(d.filename);
  d.content_type = as_csv ? "text/csv; charset=utf-8; header=present" : "application/json";
  if (as_csv) {
    d.open = [groups] {
      std::string header;
      csv::row(header, {"leistung_id", "leistung", "monat", "faelle", "tage_min", "tage_median",
                        "tage_mittel", "tage_p90", "tage_max", "hinweis"});
      return items_source(
          groups, header, "", [](std::string& out, const WaitingGroup& g, std::size_t) {
            csv::row(out, {g.service_id, g.service_title, g.month, figure(g, g.cases),
                           figure(g, g.min_days), figure(g, g.median_days), figure(g, g.mean_days),
                           figure(g, g.p90_days), figure(g, g.max_days),
                           g.suppressed ? kSuppressedNote : ""});
          });
    };
  } else {
    d.open = [groups] {
      return items_source(
          groups, "[", "]\n", [](std::string& out, const WaitingGroup& g, std::size_t i) {
            if (i > 0) out += ",\n";
            out += core::json::dump(json::object{
                {"leistung_id", g.service_id},
                {"leistung", g.service_title},
                {"monat", g.month},
                {"faelle", figure_json(g, g.cases)},
                {"tage_min", figure_json(g, g.min_days)},
                {"tage_median", figure_json(g, g.median_days)},
                {"tage_mittel", figure_json(g, g.mean_days)},
                {"tage_p90", figure_json(g, g.p90_days)},
                {"tage_max", figure_json(g, g.max_days)},
                {"hinweis", g.suppressed ? json::value(kSuppressedNote) : json::value(nullptr)}});
          });
    };
  }
  return d;
}

} // namespace

std::vector<WaitingGroup> waiting_groups(const std::vector<appointments::BookedWait>& waits,
                                         const catalog::Snapshot& snapshot) {
  std::vector<WaitingGroup> out;
  for (std::size_t i = 0; i < waits.size();) {
    std::size_t end = i;
    std::vector<int> days;
    while (end < waits.size() && waits[end].service_id == waits[i].service_id &&
           waits[end].month == waits[i].month)
      days.push_back(waits[end++].days);
    std::sort(days.begin(), days.end());
    WaitingGroup g;
    g.service_id = waits[i].service_id;
    const catalog::Service* s = snapshot.service(g.service_id);
    g.service_title = s ? s->title : "";
    g.month = waits[i].month;
    g.cases = static_cast<int>(days.size());
    g.suppressed = g.cases < kMinGroupSize;
    if (!g.suppressed) {
      // Nearest-rank percentiles: the smallest value with at least p % of
      // the cases at or below it.
      const auto rank = [&](int p) {
        const std::size_t r = (days.size() * static_cast<std::size_t>(p) + 99) / 100;
        return days[std::max<std::size_t>(r, 1) - 1];
      };
      g.min_days = days.front();
      g.max_days = days.back();
      g.median_days = rank(50);
      g.p90_days = rank(90);
      double sum = 0;
      for (int v : days)
        sum += v;
      g.mean_days = sum / static_cast<double>(days.size());
    } else {
      g.cases = 0; // not even the count of a small group leaves the platform
    }
    out.push_back(std::move(g));
    i = end;
  }
  return out;
}

std::vector<std::string> LiveFiles::files_of(const std::string& source) {
  if (source == "catalog.services") return {"leistungen.csv", "leistungen.json"};
  if (source == "catalog.offices") return {"standorte.geojson"};
  if (source == "appointments.waiting_times") return {"wartezeiten.csv", "wartezeiten.json"};
  if (!sensor_type_of_source(source).empty()) return {"stundenwerte.csv", "stundenwerte.json"};
  return {};
}

std::optional<http::Download> LiveFiles::file(const std::string& source,
                                              const std::string& file) const {
  if (source == "catalog.services" && file == "leistungen.csv")
    return services_csv(catalog_.snapshot());
  if (source == "catalog.services" && file == "leistungen.json")
    return services_json(catalog_.snapshot());
  if (source == "catalog.offices" && file == "standorte.geojson")
    return offices_geojson(catalog_.snapshot());
  if (source == "appointments.waiting_times" && file == "wartezeiten.csv")
    return waiting(catalog_, calendar_, true);
  if (source == "appointments.waiting_times" && file == "wartezeiten.json")
    return waiting(catalog_, calendar_, false);
  if (const std::string type = sensor_type_of_source(source); !type.empty() && sensors_) {
    if (file == "stundenwerte.csv") return sensor_hourly(*sensors_, type, true);
    if (file == "stundenwerte.json") return sensor_hourly(*sensors_, type, false);
  }
  return std::nullopt;
}

} // namespace opendata
