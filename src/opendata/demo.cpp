// The Musterstadt demo catalogue: three departments, the live datasets the
// platform generates, and one dataset that points to an external file.
#include <boost/json.hpp>

#include "core/city_time.hpp"
#include "core/error.hpp"
#include "opendata/opendata.hpp"
#include "opendata/sensor_files.hpp"

namespace opendata {
namespace {

namespace json = boost::json;

Dataset checked(const json::object& o) {
  std::vector<FieldError> errors;
  Dataset d = dataset_from_json(o, errors);
  if (!errors.empty())
    throw core::Error(core::ErrorKind::internal,
                      "demo dataset " + d.name + ": " + errors[0].field + " " + errors[0].message);
  return d;
}

json::object dist(const char* id, const char* title, const char* format, const char* media,
                  const char* file) {
  return {{"id", id}, {"title", title}, {"format", format}, {"media_type", media}, {"file", file}};
}

// What each sensor type's dataset is called and about.
struct SensorDataset {
  const char* type;
  const char* name;
  const char* title;
  const char* what; // the measured quantities, for the description
  std::vector<std::string> themes;
  std::vector<std::string> keywords;
};

const std::vector<SensorDataset>& sensor_datasets() {
  static const std::vector<SensorDataset> all = {
      {"AirQualityObserved",
       "sensoren-luftqualitaet",
       "Luftqualität: Stundenwerte",
       "Stickstoffdioxid, Feinstaub (PM10, PM2,5), Ozon und Temperatur der Messstationen",
       {"ENVI", "HEAL"},
       {"Luftqualität", "Feinstaub", "Stickstoffdioxid", "Sensoren"}},
      {"NoiseLevelObserved",
       "sensoren-laerm",
       "Lärmpegel: Stundenwerte",
       "Mittelungspegel LAeq und Maximalpegel LAmax der Lärmmessstellen",
       {"ENVI", "HEAL"},
       {"Lärm", "Umwelt", "Sensoren"}},
      {"TrafficFlowObserved",
       "sensoren-verkehr",
       "Verkehrsfluss: Stundenwerte",
       "Verkehrsstärke, mittlere Geschwindigkeit und Belegung der Zählstellen",
       {"TRAN"},
       {"Verkehr", "Verkehrszählung", "Sensoren"}},
      {"WeatherObserved",
       "sensoren-wetter",
       "Wetter: Stundenwerte",
       "Temperatur, relative Luftfeuchte, Wind, Niederschlag und Luftdruck der Wetterstationen",
       {"ENVI", "AGRI"},
       {"Wetter", "Klima", "Sensoren"}},
      {"OffStreetParking",
       "sensoren-parkhaeuser",
       "Parkhäuser: freie Plätze je Stunde",
       "freie und gesamte Stellplätze der Parkhäuser",
       {"TRAN"},
       {"Parken", "Parkhaus", "Sensoren"}},
      {"ParkingSpot",
       "sensoren-parkplaetze",
       "Parkplatzsensoren: Stundenwerte",
       "numerische Merkmale der einzelnen Stellplatzsensoren (der Status frei/belegt ist "
       "Text und steht in der NGSI-LD-Schnittstelle)",
       {"TRAN"},
       {"Parken", "Stellplatz", "Sensoren"}},
      {"Streetlight",
       "sensoren-strassenbeleuchtung",
       "Straßenbeleuchtung: Stundenwerte",
       "Beleuchtungsstärke der Straßenlaternen",
       {"ENER", "TRAN"},
       {"Straßenbeleuchtung", "Energie", "Sensoren"}},
      {"WasteContainer",
       "sensoren-abfallbehaelter",
       "Abfallbehälter: Füllstand je Stunde",
       "Füllstand der Abfall- und Wertstoffbehälter",
       {"ENVI"},
       {"Abfall", "Füllstand", "Sensoren"}},
      {"EVChargingStation",
       "sensoren-ladesaeulen",
       "Ladesäulen: freie Ladepunkte je Stunde",
       "freie und gesamte Ladepunkte der öffentlichen Ladesäulen",
       {"ENER", "TRAN"},
       {"Elektromobilität", "Ladesäule", "Sensoren"}},
  };
  return all;
}

json::object sensor_dataset(const SensorDataset& s, const std::string& year) {
  const std::string stem = std::string(s.name).substr(std::string("sensoren-").size());
  return {{"name", s.name},
          {"title", s.title},
          {"notes", std::string("Stündliche Zusammenfassung der Messwerte (") + s.what +
                        "): je Sensor, Merkmal und vollständiger Stunde (UTC) die Zahl der Werte, "
                        "Mittelwert, Minimum und Maximum mit der Einheit (UN/CEFACT-Code). Aus den "
                        "Sensordaten der Stadtplattform erzeugt, stets aktuell; Einzelwerte und "
                        "Echtzeitdaten über die NGSI-LD-Schnittstelle /ngsi-ld/v1."},
          {"organization", "umwelt-mobilitaet"},
          {"contact_email", "umwelt@musterstadt.example"},
          {"license", "dl-by-de/2.0"},
          {"attribution", "Stadt Musterstadt, Amt für Umwelt und Mobilität"},
          {"themes", json::value_from(s.themes)},
          {"keywords", json::value_from(s.keywords)},
          {"issued", year + "-01-01"},
          {"temporal_start", std::to_string(std::stoi(year) - 1) + "-01-01"},
          {"accrual_periodicity", "HOURLY"},
          {"live_source", std::string("context.hourly.") + s.type},
          {"usage",
           {{"personal_data", "keine"},
            {"purpose", "Umwelt- und Verkehrsbeobachtung, Forschung, Anwendungen Dritter."},
            {"retention", "Stundenwerte ab Beginn der Messung; die Datei wird bei jedem Abruf "
                          "aus den gespeicherten Werten erzeugt."},
            {"quality", "Automatische Messungen ohne manuelle Prüfung; Ausfälle zeigen sich als "
                        "fehlende Stunden, Stunden mit wenigen Werten an der Spalte anzahl."}}},
          {"distributions", json::array{json::object{{"id", stem + "-csv"},
                                                     {"title", std::string(s.title) + " (CSV)"},
                                                     {"format", "CSV"},
                                                     {"media_type", "text/csv"},
                                                     {"file", "stundenwerte.csv"}},
                                        json::object{{"id", stem + "-json"},
                                                     {"title", std::string(s.title) + " (JSON)"},
                                                     {"format", "JSON"},
                                                     {"media_type", "application/json"},
                                                     {"file", "stundenwerte.json"}}}}};
}

} // namespace

const std::vector<std::string>& live_source_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> all = {"catalog.services", "catalog.offices",
                                    "appointments.waiting_times"};
    for (const auto& type : sensor_types())
      all.push_back("context.hourly." + type);
    return all;
  }();
  return names;
}

int OpenData::seed_demo() {
  if (!snapshot()->datasets().empty()) return 0;
  const std::vector<Organization> orgs = {
      {"buergeramt", "Bürgeramt",
       "Melde-, Pass- und Ausweiswesen; betreibt die Bürgerbüros der Stadt Musterstadt.",
       "buergeramt@musterstadt.example", "https://www.musterstadt.example/buergeramt"},
      {"digitalisierung", "Stabsstelle Digitalisierung",
       "Verantwortet die digitale Verwaltung, das Onlinezugangsgesetz und die offenen Daten.",
       "opendata@musterstadt.example", "https://www.musterstadt.example/digitalisierung"},
      {"statistik", "Amt für Statistik und Wahlen",
       "Amtliche Statistik, Wahlen und das Geodatenportal der Stadt Musterstadt.",
       "statistik@musterstadt.example", "https://www.musterstadt.example/statistik"},
      {"umwelt-mobilitaet", "Amt für Umwelt und Mobilität",
       "Betreibt die Sensoren der Stadt: Luft, Lärm, Wetter, Verkehr, Parken, Beleuchtung, "
       "Abfall und Ladesäulen.",
       "umwelt@musterstadt.example", "https://www.musterstadt.example/umwelt"},
  };
  for (const auto& o : orgs)
    save(o, "demo");

  const std::string year = core::format_date(core::berlin_today(clock_)).substr(0, 4);
  const json::object usage_none{{"personal_data", "keine"},
                                {"purpose", "Transparenz über das Angebot der Verwaltung; "
                                            "Grundlage für Anwendungen Dritter."},
                                {"retention", "Stets der aktuelle Stand; frühere Stände werden "
                                              "nicht veröffentlicht."},
                                {"quality", "Aus dem gepflegten Leistungskatalog erzeugt; "
                                            "redaktionell geprüft durch die Fachämter."}};
  const std::vector<json::object> datasets = {
      {{"name", "leistungskatalog"},
       {"title", "Leistungskatalog der Stadt Musterstadt mit Reifegrad"},
       {"notes", "Alle Verwaltungsleistungen der Stadt Musterstadt mit LeiKa-Schlüssel, "
                 "zuständigem Amt und digitalem Reifegrad nach dem OZG-Reifegradmodell "
                 "(0 bis 4). Wird bei jedem Abruf aus dem Leistungskatalog erzeugt."},
       {"organization", "digitalisierung"},
       {"contact_email", "opendata@musterstadt.example"},
       {"license", "dl-by-de/2.0"},
       {"attribution", "Stadt Musterstadt, Stabsstelle Digitalisierung"},
       {"themes", json::array{"GOVE"}},
       {"keywords", json::array{"Verwaltungsleistungen", "OZG", "Reifegrad", "Leistungskatalog"}},
       {"issued", year + "-01-01"},
       {"accrual_periodicity", "CONT"},
       {"live_source", "catalog.services"},
       {"usage", usage_none},
       {"distributions",
        json::array{dist("leistungen-csv", "Leistungen (CSV)", "CSV", "text/csv", "leistungen.csv"),
                    dist("leistungen-json", "Leistungen (JSON)", "JSON", "application/json",
                         "leistungen.json")}}},
      {{"name", "behoerdenstandorte"},
       {"title", "Standorte und Öffnungszeiten der Ämter"},
       {"notes", "Ämter und Bürgerbüros der Stadt Musterstadt mit Adresse, Lage, "
                 "Öffnungszeiten und Hinweisen zur Barrierefreiheit, als GeoJSON."},
       {"organization", "buergeramt"},
       {"contact_email", "buergeramt@musterstadt.example"},
       {"license", "dl-zero-de/2.0"},
       {"themes", json::array{"GOVE", "REGI"}},
       {"keywords", json::array{"Öffnungszeiten", "Standorte", "Bürgerbüro"}},
       {"issued", year + "-01-01"},
       {"accrual_periodicity", "CONT"},
       {"live_source", "catalog.offices"},
       {"usage", usage_none},
       {"distributions", json::array{dist("standorte-geojson", "Standorte (GeoJSON)", "GEOJSON",
                                          "application/geo+json", "standorte.geojson")}}},
      {{"name", "termin-wartezeiten"},
       {"title", "Wartezeiten auf einen Termin"},
       {"notes", "Wie viele Tage im Voraus Termine gebucht wurden, je Leistung und "
                 "Buchungsmonat: Zahl der Fälle, kleinster Wert, Median, Mittelwert, "
                 "90. Perzentil und größter Wert. Gruppen mit weniger als fünf Fällen werden "
                 "ohne jede Zahl veröffentlicht."},
       {"organization", "buergeramt"},
       {"contact_email", "buergeramt@musterstadt.example"},
       {"license", "dl-by-de/2.0"},
       {"attribution", "Stadt Musterstadt, Bürgeramt"},
       {"themes", json::array{"GOVE", "SOCI"}},
       {"keywords", json::array{"Termine", "Wartezeit", "Bürgerbüro"}},
       {"issued", year + "-01-01"},
       {"accrual_periodicity", "CONT"},
       {"live_source", "appointments.waiting_times"},
       {"usage",
        {{"personal_data", "anonymisiert"},
         {"purpose", "Transparenz über die Terminlage; Planung des Besuchs."},
         {"retention", "Berechnet aus den gebuchten, nicht abgesagten Terminen; die Datei "
                       "enthält nur Zusammenfassungen und wird bei jedem Abruf neu erzeugt."},
         {"quality", "Nur Zusammenfassungen; Gruppen unter 5 Fällen werden unterdrückt. "
                     "Abgesagte Termine zählen nicht."}}},
       {"distributions", json::array{dist("wartezeiten-csv", "Wartezeiten (CSV)", "CSV", "text/csv",
                                          "wartezeiten.csv"),
                                     dist("wartezeiten-json", "Wartezeiten (JSON)", "JSON",
                                          "application/json", "wartezeiten.json")}}},
      {{"name", "stadtbezirke"},
       {"title", "Stadtbezirke Musterstadt"},
       {"notes", "Grenzen der sieben Stadtbezirke als Geodaten des Geodatenportals."},
       {"organization", "statistik"},
       {"contact_url", "https://www.musterstadt.example/statistik/kontakt"},
       {"license", "cc-by/4.0"},
       {"attribution", "Stadt Musterstadt, Amt für Statistik und Wahlen"},
       {"themes", json::array{"REGI"}},
       {"keywords", json::array{"Stadtbezirke", "Geodaten", "Grenzen"}},
       {"temporal_start", "2020-01-01"},
       {"issued", "2020-03-01"},
       {"accrual_periodicity", "IRREG"},
       {"usage",
        {{"personal_data", "keine"},
         {"purpose", "Räumliche Bezugsgrundlage für Statistik und Planung."},
         {"retention", "Dauerhaft; ältere Stände auf Anfrage."},
         {"quality", "Amtliche Grenzen, Lagegenauigkeit 1 m."}}},
       {"distributions",
        json::array{json::object{{"id", "bezirke-wfs"},
                                 {"title", "Stadtbezirke (WFS)"},
                                 {"format", "WFS_SRVC"},
                                 {"media_type", "application/gml+xml"},
                                 {"access_url", "https://geo.musterstadt.example/wfs/bezirke"}}}}},
      {{"name", "haushalt-2027-entwurf"},
       {"title", "Haushaltsplan 2027 (Entwurf)"},
       {"notes", "Entwurf des Haushaltsplans 2027 nach Produktbereichen; wird nach dem "
                 "Ratsbeschluss veröffentlicht."},
       {"organization", "statistik"},
       {"contact_email", "statistik@musterstadt.example"},
       {"license", "dl-zero-de/2.0"},
       {"themes", json::array{"ECON", "GOVE"}},
       {"keywords", json::array{"Haushalt", "Finanzen"}},
       {"accrual_periodicity", "ANNUAL"},
       {"private", true},
       {"usage",
        {{"personal_data", "keine"},
         {"purpose", "Transparenz über die Finanzen der Stadt."},
         {"retention", "Dauerhaft."},
         {"quality", "Entwurf: Zahlen können sich bis zum Beschluss ändern."}}},
       {"distributions",
        json::array{json::object{{"id", "haushalt-csv"},
                                 {"title", "Haushaltsplan 2027 (CSV)"},
                                 {"format", "CSV"},
                                 {"media_type", "text/csv"},
                                 {"access_url", "https://www.musterstadt.example/haushalt.csv"},
                                 {"byte_size", 48213}}}}},
  };
  std::vector<json::object> all = datasets;
  for (const auto& s : sensor_datasets())
    all.push_back(sensor_dataset(s, year));
  int created = 0;
  for (const auto& o : all)
    if (save(checked(o), std::nullopt, "demo") == SaveStatus::created) ++created;
  return created;
}

} // namespace opendata
