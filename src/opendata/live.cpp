#include "opendata/live.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <cstdio>
#include <map>
#include <memory>

#include "core/json.hpp"
#include "opendata/csv.hpp"

namespace opendata {
namespace {

namespace json = boost::json;

constexpr std::size_t kPiece = 64 * 1024;

// FNV-1a over the text of the parts that decide the content.
class Hash {
public:
  void add(std::string_view s) {
    for (unsigned char c : s) {
      h_ ^= c;
      h_ *= 1099511628211ULL;
    }
    h_ ^= 0xff;
    h_ *= 1099511628211ULL;
  }
  void add(std::int64_t v) { add(std::to_string(v)); }
  std::string etag(std::string_view file) const {
    char buffer[40];
    std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(h_));
    return "\"" + std::string(file.substr(0, file.find('.'))) + "-" + buffer + "\"";
  }

private:
  std::uint64_t h_ = 1469598103934665603ULL;
};

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

http::Download waiting(const catalog::Catalog& catalog, const appointments::Calendar& calendar,
                       bool as_csv) {
  const auto snap = catalog.snapshot();
  auto groups = std::make_shared<const std::vector<WaitingGroup>>(
      waiting_groups(calendar.waiting_times(), *snap));
  Hash h;
  for (const auto& g : *groups) {
    h.add(g.service_id);
    h.add(g.service_title);
    h.add(g.offices);
    h.add(opt(g.min_days) + "/" + opt(g.median_days) + "/" + opt(g.max_days));
  }
  http::Download d;
  d.filename = as_csv ? "wartezeiten.csv" : "wartezeiten.json";
  d.etag = h.etag(d.filename);
  d.content_type = as_csv ? "text/csv; charset=utf-8; header=present" : "application/json";
  if (as_csv) {
    d.open = [groups] {
      std::string header;
      csv::row(header,
               {"leistung_id", "leistung", "standorte", "tage_min", "tage_median", "tage_max"});
      return items_source(groups, header, "",
                          [](std::string& out, const WaitingGroup& g, std::size_t) {
                            csv::row(out, {g.service_id, g.service_title, std::to_string(g.offices),
                                           opt(g.min_days), opt(g.median_days), opt(g.max_days)});
                          });
    };
  } else {
    d.open = [groups] {
      return items_source(
          groups, "[", "]\n", [](std::string& out, const WaitingGroup& g, std::size_t i) {
            if (i > 0) out += ",\n";
            out += core::json::dump(json::object{{"leistung_id", g.service_id},
                                                 {"leistung", g.service_title},
                                                 {"standorte", g.offices},
                                                 {"tage_min", opt_json(g.min_days)},
                                                 {"tage_median", opt_json(g.median_days)},
                                                 {"tage_max", opt_json(g.max_days)}});
          });
    };
  }
  return d;
}

} // namespace

std::vector<WaitingGroup> waiting_groups(const std::vector<appointments::WaitingTime>& times,
                                         const catalog::Snapshot& snapshot) {
  std::map<std::string, std::vector<int>> days; // by service; offices without a free slot count
  std::map<std::string, int> offices;
  for (const auto& t : times) {
    ++offices[t.service_id];
    if (t.days) days[t.service_id].push_back(*t.days);
  }
  std::vector<WaitingGroup> out;
  for (const auto& [service, count] : offices) {
    WaitingGroup g;
    g.service_id = service;
    const catalog::Service* s = snapshot.service(service);
    g.service_title = s ? s->title : "";
    g.offices = count;
    auto& d = days[service];
    if (count >= kMinGroupSize && !d.empty()) {
      std::sort(d.begin(), d.end());
      g.min_days = d.front();
      g.max_days = d.back();
      g.median_days = d[(d.size() - 1) / 2];
    }
    out.push_back(std::move(g));
  }
  return out;
}

std::vector<std::string> LiveFiles::files_of(const std::string& source) {
  if (source == "catalog.services") return {"leistungen.csv", "leistungen.json"};
  if (source == "catalog.offices") return {"standorte.geojson"};
  if (source == "appointments.waiting_times") return {"wartezeiten.csv", "wartezeiten.json"};
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
  return std::nullopt;
}

} // namespace opendata
