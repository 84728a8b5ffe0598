#include "assistant/travel/routes.hpp"

#include "assistant/travel/phrasing.hpp"
#include "core/error.hpp"
#include "core/json.hpp"
#include "http/openapi_doc.hpp"
#include "http/params.hpp"

namespace assistant::travel {
namespace {

namespace json = boost::json;
using http::Method;
using http::Request;
using http::Response;

constexpr std::size_t kMaxQuery = 300;
constexpr const char* kAttribution = "Ortsdaten: GeoNames (https://www.geonames.org/), CC BY 4.0";

std::size_t limit_param(const Request& r) {
  return static_cast<std::size_t>(http::whole_number_param(r, "limit", 1, 20, 5));
}

json::object validity_json(const Validity& v) {
  const char* kind = v.kind == Validity::Kind::stay          ? "stay"
                     : v.kind == Validity::Kind::after_entry ? "after_entry"
                                                             : "after_departure";
  return {{"kind", kind}, {"months", v.months}, {"days", v.days}, {"confirmed", v.confirmed}};
}

json::value entry_json(const EntryRule* rule, const EntryRules& rules) {
  if (rule == nullptr) return nullptr;
  json::array documents;
  for (const auto kind : rule->documents)
    documents.emplace_back(to_string(kind));
  return json::object{{"documents", std::move(documents)},
                      {"validity", validity_json(rule->validity)},
                      {"visa", rule->visa},
                      {"notes", rule->notes},
                      {"link", rule->link},
                      {"text", describe_rule(*rule, rules)}};
}

json::object place_json(const Resolution& r, const EntryRules& rules) {
  return {{"name", r.name},
          {"kind", to_string(r.kind)},
          {"population", r.population},
          {"typo", r.distance > 0},
          {"country", json::object{{"code", r.country->code},
                                   {"name_de", r.country->name_de},
                                   {"name_en", r.country->name_en}}},
          {"entry", entry_json(rules.find(r.country->code), rules)}};
}

Response destinations(const Gazetteer& gazetteer, const EntryRules& rules, const Request& r) {
  const auto q = std::string(r.query_param("q").value_or(""));
  if (q.size() > kMaxQuery)
    http::bad_request("'q' must be at most " + std::to_string(kMaxQuery) + " bytes");
  const auto limit = limit_param(r);
  json::array items;
  json::value mention = nullptr;
  for (const auto& c : gazetteer.candidates(q, limit))
    items.push_back(place_json(c, rules));
  if (items.empty()) {
    if (const auto m = gazetteer.find_in(q)) {
      mention = json::object{{"text", m->text}, {"begin", m->begin}, {"end", m->end}};
      items.push_back(place_json(m->place, rules));
    }
  }
  return Response::json(core::json::dump(json::object{{"query", q},
                                                      {"items", std::move(items)},
                                                      {"mention", std::move(mention)},
                                                      {"stand", core::format_date(rules.stand())},
                                                      {"source", rules.source()},
                                                      {"authoritative", rules.authoritative()},
                                                      {"general_link", rules.general_link()},
                                                      {"attribution", kAttribution}}));
}

std::string open_api() {
  return http::openapi::Operation(
             "resolveTravelDestination", "Assistent",
             "Resolve a travel destination (name or question) to its country and the entry rules "
             "for German citizens",
             "Names in German or English, with typos (Marrakesch, Marakesch, Mailand, Malle); "
             "when no name matches, the destination mentioned in a question (Brauche ich für "
             "Marrakesch einen Pass?). The Auswärtiges Amt's travel advice is authoritative. "
             "City data: GeoNames, CC BY 4.0.")
      .param({{"name", "q"},
              {"in", "query"},
              {"required", false},
              {"schema", {{"type", "string"}, {"maxLength", 300}}},
              {"description", "A destination or a question; empty gives no items"}})
      .param({{"name", "limit"},
              {"in", "query"},
              {"required", false},
              {"schema", {{"type", "integer"}, {"minimum", 1}, {"maximum", 20}}},
              {"description", "At most this many places, in different countries (default 5)"}})
      .response("200",
                "Places best first, each with its country and the entry rule (null when none is "
                "compiled); mention is set when the place was found inside a question",
                boost::json::object{{"type", "object"}})
      .problem("400", "Problem")
      .json();
}

} // namespace

void add_routes(http::Router& router, const Gazetteer& gazetteer, const EntryRules& rules) {
  router.add(Method::get, "/api/travel/destinations",
             [&gazetteer, &rules](Request& r) { return destinations(gazetteer, rules, r); },
             {.openapi = open_api()});
}

} // namespace assistant::travel
