#include "catalog/routes.hpp"

#include <algorithm>
#include <map>

#include "catalog/letters.hpp"
#include "catalog/loader.hpp"
#include "core/error.hpp"
#include "core/json.hpp"
#include "http/openapi_doc.hpp"
#include "http/params.hpp"

namespace catalog {
namespace {

namespace json = boost::json;
using http::Method;
using http::Request;
using http::Response;

std::size_t size_param(const Request& r, const char* name, std::size_t fallback, std::size_t max) {
  return static_cast<std::size_t>(http::whole_number_param(
      r, name, 0, static_cast<std::int64_t>(max), static_cast<std::int64_t>(fallback)));
}

json::object service_summary(const Service& s) {
  return {{"id", s.id},
          {"title", s.title},
          {"summary", s.summary},
          {"topic", s.topic},
          {"department", s.department},
          {"maturity", s.maturity},
          {"online", s.online_service_url.has_value()},
          {"url", "/leistungen/" + s.id}};
}

json::object stats_json(const MaturityStats& m) {
  json::object levels;
  for (std::size_t i = 0; i < m.by_level.size(); ++i)
    levels[std::to_string(i)] = m.by_level[i];
  return {{"services", m.services},
          {"by_level", std::move(levels)},
          {"average", m.average},
          {"share_online", m.share_online}};
}

std::shared_ptr<const Snapshot> require_snapshot(const Catalog& catalog) {
  auto snap = catalog.snapshot();
  if (!snap) throw core::Error(core::ErrorKind::unavailable, "the catalogue is being loaded");
  return snap;
}

Response list_services(const Catalog& catalog, const Request& r) {
  auto snap = require_snapshot(catalog);
  const auto department = r.query_param("department").value_or("");
  const auto topic = r.query_param("topic").value_or("");
  const auto letter = r.query_param("letter").value_or("");
  std::optional<int> maturity;
  if (auto m = r.query_param("maturity"); m && !m->empty()) {
    if (m->size() != 1 || (*m)[0] < '0' || (*m)[0] > '4')
      http::bad_request("'maturity' must be 0 to 4");
    maturity = (*m)[0] - '0';
  }
  const std::size_t offset = size_param(r, "offset", 0, 1'000'000);
  const std::size_t limit = size_param(r, "limit", 50, 500);
  json::array items;
  std::size_t total = 0;
  std::map<std::string, int> departments, topics, letters;
  for (const Service& s : snap->services()) {
    ++departments[s.department];
    ++topics[s.topic];
    if (!department.empty() && s.department != department) continue;
    if (!topic.empty() && s.topic != topic) continue;
    if (maturity && s.maturity != *maturity) continue;
    ++letters[initial_letter(s.title)]; // the A-Z bar: every filter but the letter
    if (!starts_with_letter(s.title, letter)) continue;
    if (total++ < offset || items.size() >= limit) continue;
    items.push_back(service_summary(s));
  }
  auto facet = [](const std::map<std::string, int>& counts) {
    json::array a;
    for (const auto& [name, count] : counts)
      a.push_back(json::object{{"name", name}, {"services", count}});
    return a;
  };
  json::object body{{"items", std::move(items)},
                    {"total", total},
                    {"offset", offset},
                    {"limit", limit},
                    {"facets", json::object{{"departments", facet(departments)},
                                            {"topics", facet(topics)},
                                            {"letters", facet(letters)}}}};
  return Response::json(core::json::dump(body));
}

Response get_service(const Catalog& catalog, const Request& r) {
  auto snap = require_snapshot(catalog);
  const Service* s = snap->service(r.param("id"));
  if (!s)
    throw core::Error(core::ErrorKind::not_found, "There is no service '" + r.param("id") + "'.");
  json::object body = to_json(*s, true);
  json::array offices;
  for (const auto& id : s->offices)
    if (const Office* o = snap->office(id))
      offices.push_back(
          json::object{{"id", o->id}, {"name", o->name}, {"url", "/aemter/" + o->id}});
  body["office_details"] = std::move(offices);
  json::array related;
  for (const auto& id : s->related)
    if (const Service* rel = snap->service(id)) related.push_back(service_summary(*rel));
  body["related_details"] = std::move(related);
  json::array fees;
  for (const Fee& f : s->fees)
    fees.push_back(json::string(format_fee(f)));
  body["fees_text"] = std::move(fees);
  Response response = Response::json(core::json::dump(body));
  response.headers.add("ETag", "\"" + std::to_string(s->version) + "\"");
  return response;
}

Response list_offices(const Catalog& catalog) {
  auto snap = require_snapshot(catalog);
  json::array items;
  for (const Office& o : snap->offices())
    items.push_back(to_json(o, true));
  return Response::json(core::json::dump(
      json::object{{"items", std::move(items)}, {"total", snap->offices().size()}}));
}

Response get_office(const Catalog& catalog, const Request& r) {
  auto snap = require_snapshot(catalog);
  const Office* o = snap->office(r.param("id"));
  if (!o)
    throw core::Error(core::ErrorKind::not_found, "There is no office '" + r.param("id") + "'.");
  json::object body = to_json(*o, true);
  json::array services;
  for (const Service& s : snap->services())
    if (std::find(s.offices.begin(), s.offices.end(), o->id) != s.offices.end())
      services.push_back(service_summary(s));
  body["services"] = std::move(services);
  Response response = Response::json(core::json::dump(body));
  response.headers.add("ETag", "\"" + std::to_string(o->version) + "\"");
  return response;
}

Response search(Catalog& catalog, const Request& r) {
  const std::string q = r.query_param("q").value_or("");
  const auto characters =
      std::count_if(q.begin(), q.end(), [](char c) { return (c & 0xC0) != 0x80; });
  if (characters > 500) http::bad_request("'q' must be at most 500 characters");
  const std::size_t limit = size_param(r, "limit", 10, 100);
  if (limit == 0) http::bad_request("'limit' must be at least 1");
  const SearchAnswer answer = catalog.search(q, limit);
  json::array results;
  for (const SearchHit& hit : answer.hits)
    results.push_back(json::object{{"id", hit.service->id},
                                   {"title", hit.service->title},
                                   {"summary", hit.service->summary},
                                   {"score", hit.score},
                                   {"url", "/leistungen/" + hit.service->id}});
  return Response::json(
      core::json::dump(json::object{{"results", std::move(results)},
                                    {"no_answer", answer.no_answer},
                                    {"interpreted_query", answer.interpreted_query}}));
}

Response inventory(const Catalog& catalog) {
  auto snap = require_snapshot(catalog);
  json::array departments;
  for (const auto& [name, stats] : catalog.inventory_by_department()) {
    json::object d = stats_json(stats);
    d["department"] = name;
    departments.push_back(std::move(d));
  }
  json::array services;
  for (const Service& s : snap->services())
    services.push_back(json::object{
        {"id", s.id},
        {"title", s.title},
        {"department", s.department},
        {"topic", s.topic},
        {"maturity", s.maturity},
        {"maturity_2025", s.maturity_2025 ? json::value(*s.maturity_2025) : json::value(nullptr)},
        {"online_service_url",
         s.online_service_url ? json::value(*s.online_service_url) : json::value(nullptr)}});
  return Response::json(
      core::json::dump(json::object{{"total", stats_json(catalog.inventory_total())},
                                    {"departments", std::move(departments)},
                                    {"services", std::move(services)}}));
}

Response csv_response(std::string body, const std::string& filename) {
  Response r = Response::text(std::move(body), "text/csv; charset=utf-8");
  r.headers.add("Content-Disposition", "attachment; filename=\"" + filename + "\"");
  return r;
}

Response inventory_csv(const Catalog& catalog) {
  auto snap = require_snapshot(catalog);
  std::string out = "id,title,department,topic,maturity,maturity_2025,online_service_url\r\n";
  for (const Service& s : snap->services()) {
    bool first = true;
    for (const std::string& cell :
         {s.id, s.title, s.department, s.topic, std::to_string(s.maturity),
          s.maturity_2025 ? std::to_string(*s.maturity_2025) : std::string(),
          s.online_service_url.value_or("")}) {
      if (!first) out += ',';
      first = false;
      append_csv_cell(out, cell);
    }
    out += "\r\n";
  }
  return csv_response(std::move(out), "ist-analyse.csv");
}

using Params = std::vector<json::object>;

std::string doc(const std::string& tag, const std::string& summary, const Params& parameters,
                const std::string& ok_description, const std::string& media = "application/json") {
  http::openapi::Operation op("", tag, summary);
  for (const json::object& p : parameters)
    op.param(p);
  return op
      .response("200", ok_description,
                json::object{{"type", media == "application/json" ? "object" : "string"}}, media)
      .problem("400", "Problem")
      .problem("404", "Problem")
      .json();
}

json::object query_param(const char* name, const char* type, const char* description) {
  return http::openapi::parameter(name, "query", type, description);
}

} // namespace

void add_routes(http::Router& router, Catalog& catalog) {
  const json::object offset = query_param("offset", "integer", "Skip this many results");
  const json::object limit =
      query_param("limit", "integer", "At most this many results (default 50, max 500)");
  router.add(
      Method::get, "/api/services", [&catalog](Request& r) { return list_services(catalog, r); },
      {.openapi =
           doc("Leistungen", "List the services, filtered and paged, with facets",
               {query_param("department", "string", "Only this department"),
                query_param("topic", "string", "Only this topic"),
                query_param("maturity", "integer", "Only this OZG maturity level (0-4)"),
                query_param("letter", "string",
                            "Titles starting with this letter or prefix, ignoring case and "
                            "accents (ä matches Ä and A; the A-Z list); # = titles not starting "
                            "with a letter"),
                offset, limit},
               "A page of services; facets count services per department, topic and initial letter "
               "(letters: A-Z and # for other first characters, counted with every filter but "
               "the letter)")});
  router.add(Method::get, "/api/services/{id}",
             [&catalog](Request& r) { return get_service(catalog, r); },
             {.openapi = doc("Leistungen", "One service with all its facts", {},
                             "The service (ETag = version)")});
  router.add(Method::get, "/api/offices", [&catalog](Request&) { return list_offices(catalog); },
             {.openapi = doc("Leistungen", "All offices with address, position and opening hours",
                             {}, "The offices")});
  router.add(Method::get, "/api/offices/{id}",
             [&catalog](Request& r) { return get_office(catalog, r); },
             {.openapi = doc("Leistungen", "One office and the services it provides", {},
                             "The office (ETag = version)")});
  router.add(
      Method::get, "/api/search", [&catalog](Request& r) { return search(catalog, r); },
      {.openapi =
           doc("Leistungen", "Find the service for a question in plain words (German or English)",
               {query_param("q", "string", "The question, e.g. 'Brauche ich einen neuen Perso?'"),
                query_param("limit", "integer", "At most this many results (default 10, max 100)")},
               "Results best first; no_answer is true when nothing fits")});
  router.add(Method::get, "/api/inventory", [&catalog](Request&) { return inventory(catalog); },
             {.openapi = doc("Ist-Analyse",
                             "Digital maturity of every service, per department and in total", {},
                             "Maturity figures")});
  router.add(Method::get, "/api/inventory.csv",
             [&catalog](Request&) { return inventory_csv(catalog); },
             {.openapi = doc("Ist-Analyse", "The maturity of every service as CSV", {},
                             "CSV (RFC 4180)", "text/csv")});
  router.add(
      Method::get, "/api/catalog/export.json",
      [&catalog](Request&) {
        auto snap = require_snapshot(catalog);
        json::array services, offices;
        for (const Service& s : snap->services())
          services.push_back(to_json(s));
        for (const Office& o : snap->offices())
          offices.push_back(to_json(o));
        Response r = Response::json(core::json::dump(
            json::object{{"services", std::move(services)}, {"offices", std::move(offices)}}));
        r.headers.add("Content-Disposition", "attachment; filename=\"leistungskatalog.json\"");
        return r;
      },
      {.openapi = doc("Leistungen", "The whole catalogue in the import format (JSON)", {},
                      "Services and offices")});
  router.add(Method::get, "/api/catalog/services.csv",
             [&catalog](Request&) {
               return csv_response(services_to_csv(require_snapshot(catalog)->services()),
                                   "leistungen.csv");
             },
             {.openapi = doc("Leistungen", "All services as CSV (lists and objects as JSON cells)",
                             {}, "CSV (RFC 4180)", "text/csv")});
  router.add(
      Method::get, "/api/catalog/offices.csv",
      [&catalog](Request&) {
        return csv_response(offices_to_csv(require_snapshot(catalog)->offices()), "aemter.csv");
      },
      {.openapi = doc("Leistungen", "All offices as CSV", {}, "CSV (RFC 4180)", "text/csv")});
  add_editing_routes(router, catalog);
}

} // namespace catalog
