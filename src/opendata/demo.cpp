// The Musterstadt demo catalogue: three departments, the live datasets the
// platform generates, and one dataset that points to an external file.
#include <boost/json.hpp>

#include "core/city_time.hpp"
#include "core/error.hpp"
#include "opendata/opendata.hpp"

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

} // namespace

const std::vector<std::string>& live_source_names() {
  static const std::vector<std::string> names = {"catalog.services", "catalog.offices",
                                                 "appointments.waiting_times"};
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
  int created = 0;
  for (const auto& o : datasets)
    if (save(checked(o), std::nullopt, "demo") == SaveStatus::created) ++created;
  return created;
}

} // namespace opendata
