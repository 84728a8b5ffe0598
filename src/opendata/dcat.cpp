#include "opendata/dcat.hpp"

#include <algorithm>
#include <cstdio>

namespace opendata {
namespace {

using rdf::iri;
using rdf::literal;
using rdf::Term;
using rdf::text;

const std::string kXsd(rdf::kXsd);
const std::string kThemes = "http://publications.europa.eu/resource/authority/data-theme/";
const std::string kFrequency = "http://publications.europa.eu/resource/authority/frequency/";
const std::string kFileType = "http://publications.europa.eu/resource/authority/file-type/";
const std::string kLicenses = "http://dcat-ap.de/def/licenses/";
const std::string kLanguage = "http://publications.europa.eu/resource/authority/language/DEU";

void prefixes(rdf::Graph& g) {
  g.prefix("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#");
  g.prefix("dcat", "http://www.w3.org/ns/dcat#");
  g.prefix("dct", "http://purl.org/dc/terms/");
  g.prefix("dcatde", "http://dcat-ap.de/def/dcatde/");
  g.prefix("foaf", "http://xmlns.com/foaf/0.1/");
  g.prefix("vcard", "http://www.w3.org/2006/vcard/ns#");
  g.prefix("locn", "http://www.w3.org/ns/locn#");
  g.prefix("gsp", "http://www.opengis.net/ont/geosparql#");
  g.prefix("xsd", kXsd);
  g.prefix("hydra", "http://www.w3.org/ns/hydra/core#");
}

// A date ("2026-01-01") as xsd:date, a date-time as xsd:dateTime.
Term date_term(const std::string& value) {
  return literal(value, kXsd + (value.size() == 10 ? "date" : "dateTime"));
}

std::string dataset_iri(const std::string& base, const std::string& name) {
  return base + "/opendata/dataset/" + name;
}

std::string org_iri(const std::string& base, const std::string& name) {
  return base + "/opendata/organization/" + name;
}

void add_publisher(rdf::Graph& g, const Organization& org, const std::string& base) {
  const Term o = iri(org_iri(base, org.name));
  g.add(o, "rdf:type", iri(g.expand("foaf:Organization")));
  g.add(o, "foaf:name", text(org.title, "de"));
  if (!org.homepage.empty()) g.add(o, "foaf:homepage", iri(org.homepage));
  if (!org.email.empty()) g.add(o, "foaf:mbox", iri("mailto:" + org.email));
}

std::string bbox_wkt(const CityInfo& c) {
  auto num = [](double v) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.4f", v);
    return std::string(buffer);
  };
  const std::string w = num(c.west), s = num(c.south), e = num(c.east), n = num(c.north);
  return "POLYGON((" + w + " " + s + ", " + e + " " + s + ", " + e + " " + n + ", " + w + " " + n +
         ", " + w + " " + s + "))";
}

void add_dataset(rdf::Graph& g, const Dataset& d, const Organization* publisher,
                 const CityInfo& city, const std::string& base) {
  const std::string self = dataset_iri(base, d.name);
  const Term ds = iri(self);
  g.add(ds, "rdf:type", iri(g.expand("dcat:Dataset")));
  g.add(ds, "dct:title", text(d.title, "de"));
  g.add(ds, "dct:description", text(d.notes, "de"));
  g.add(ds, "dct:identifier", literal(self));
  // The dataset's page in the portal, for people (the IRI above is for machines).
  g.add(ds, "dcat:landingPage", iri(base + "/daten/" + d.name));
  if (publisher) g.add(ds, "dct:publisher", iri(org_iri(base, publisher->name)));
  for (const auto& t : d.themes)
    g.add(ds, "dcat:theme", iri(kThemes + t));
  for (const auto& k : d.keywords)
    g.add(ds, "dcat:keyword", text(k, "de"));
  if (!d.issued.empty()) g.add(ds, "dct:issued", date_term(d.issued));
  if (!d.modified.empty()) g.add(ds, "dct:modified", date_term(d.modified));
  if (!d.accrual_periodicity.empty())
    g.add(ds, "dct:accrualPeriodicity", iri(kFrequency + d.accrual_periodicity));
  g.add(ds, "dct:language", iri(kLanguage));
  const std::string geocoding =
      "http://dcat-ap.de/def/politicalGeocoding/municipalityKey/" + city.municipality_key;
  g.add(ds, "dcatde:politicalGeocodingLevelURI",
        iri("http://dcat-ap.de/def/politicalGeocoding/Level/municipality"));
  g.add(ds, "dcatde:politicalGeocodingURI", iri(geocoding));
  g.add(ds, "dcatde:contributorID",
        iri("http://dcat-ap.de/def/contributors/" + city.contributor_id));
  g.add(ds, "dct:spatial", iri(geocoding));
  const Term place = iri(self + "#raum");
  g.add(ds, "dct:spatial", place);
  if (!d.temporal_start.empty() || !d.temporal_end.empty()) {
    const Term period = iri(self + "#zeitraum");
    g.add(ds, "dct:temporal", period);
    g.add(period, "rdf:type", iri(g.expand("dct:PeriodOfTime")));
    if (!d.temporal_start.empty()) g.add(period, "dcat:startDate", date_term(d.temporal_start));
    if (!d.temporal_end.empty()) g.add(period, "dcat:endDate", date_term(d.temporal_end));
  }
  const Term contact = iri(self + "#kontakt");
  g.add(ds, "dcat:contactPoint", contact);
  for (const auto& dist : d.distributions)
    g.add(ds, "dcat:distribution", iri(self + "/distribution/" + dist.id));

  g.add(place, "rdf:type", iri(g.expand("dct:Location")));
  g.add(place, "locn:geographicName", text(city.name, "de"));
  g.add(place, "dcat:bbox", literal(bbox_wkt(city), g.expand("gsp:wktLiteral")));

  g.add(contact, "rdf:type", iri(g.expand("vcard:Organization")));
  g.add(contact, "vcard:fn", text(publisher ? publisher->title : city.name, "de"));
  if (!d.contact_email.empty()) g.add(contact, "vcard:hasEmail", iri("mailto:" + d.contact_email));
  if (!d.contact_url.empty()) g.add(contact, "vcard:hasURL", iri(d.contact_url));

  for (const auto& dist : d.distributions) {
    const Term x = iri(self + "/distribution/" + dist.id);
    g.add(x, "rdf:type", iri(g.expand("dcat:Distribution")));
    g.add(x, "dct:title", text(dist.title, "de"));
    g.add_if(x, "dct:description", text(dist.description, "de"));
    const std::string url = dist.file.empty()
                                ? dist.access_url
                                : base + "/opendata/download/" + d.name + "/" + dist.file;
    g.add(x, "dcat:accessURL", iri(url));
    if (!dist.file.empty()) g.add(x, "dcat:downloadURL", iri(url));
    g.add(x, "dct:format", iri(kFileType + dist.format));
    g.add(x, "dcat:mediaType",
          iri("https://www.iana.org/assignments/media-types/" + dist.media_type));
    if (dist.byte_size)
      g.add(x, "dcat:byteSize", literal(std::to_string(*dist.byte_size), kXsd + "decimal"));
    const std::string license = dist.license.empty() ? d.license : dist.license;
    g.add(x, "dct:license", iri(kLicenses + license));
    if (!d.attribution.empty())
      g.add(x, "dcatde:licenseAttributionByText", text(d.attribution, "de"));
    if (!d.modified.empty()) g.add(x, "dct:modified", date_term(d.modified));
  }
}

std::string page_url(const CatalogPage& p, int page) {
  std::string url = p.base_url + "/opendata/catalog." + p.format + "?page=" + std::to_string(page);
  if (!p.modified_since.empty()) url += "&modified_since=" + p.modified_since;
  return url;
}

} // namespace

rdf::Graph catalog_graph(const std::vector<const Dataset*>& datasets,
                         const std::vector<Organization>& organizations, const CityInfo& city,
                         const CatalogPage& page) {
  rdf::Graph g;
  prefixes(g);
  const std::string base = page.base_url;
  const Term cat = iri(base + "/opendata/catalog");
  g.add(cat, "rdf:type", iri(g.expand("dcat:Catalog")));
  g.add(cat, "dct:title", text("Offene Daten der Stadt " + city.name, "de"));
  g.add(cat, "dct:description",
        text("Datensätze der Stadt " + city.name +
                 ", aus der Plattform erzeugt und stets aktuell; abrufbar über DCAT-AP.de und "
                 "die CKAN-API.",
             "de"));
  g.add(cat, "dct:publisher", iri(base + "/opendata/organization/stadt"));
  g.add(cat, "foaf:homepage", iri(base + "/"));
  g.add(cat, "dct:language", iri(kLanguage));
  std::string modified;
  for (const Dataset* d : datasets)
    modified = std::max(modified, d->modified);
  if (!modified.empty()) g.add(cat, "dct:modified", date_term(modified));
  for (const Dataset* d : datasets)
    g.add(cat, "dcat:dataset", iri(dataset_iri(base, d->name)));
  const Term city_org = iri(base + "/opendata/organization/stadt");
  g.add(city_org, "rdf:type", iri(g.expand("foaf:Organization")));
  g.add(city_org, "foaf:name", text("Stadt " + city.name, "de"));

  const int last = std::max<int>(1, static_cast<int>((page.total + page.page_size - 1) /
                                                     static_cast<std::size_t>(page.page_size)));
  const Term self = iri(page_url(page, page.page));
  g.add(self, "rdf:type", iri(g.expand("hydra:PagedCollection")));
  g.add(self, "hydra:totalItems", literal(std::to_string(page.total), kXsd + "integer"));
  g.add(self, "hydra:itemsPerPage", literal(std::to_string(page.page_size), kXsd + "integer"));
  g.add(self, "hydra:firstPage", literal(page_url(page, 1)));
  g.add(self, "hydra:lastPage", literal(page_url(page, last)));
  if (page.page > 1) g.add(self, "hydra:previousPage", literal(page_url(page, page.page - 1)));
  if (page.page < last) g.add(self, "hydra:nextPage", literal(page_url(page, page.page + 1)));

  std::vector<std::string> publishers;
  for (const Dataset* d : datasets) {
    const Organization* org = nullptr;
    for (const auto& o : organizations)
      if (o.name == d->organization) org = &o;
    add_dataset(g, *d, org, city, base);
    if (org && std::find(publishers.begin(), publishers.end(), org->name) == publishers.end())
      publishers.push_back(org->name);
  }
  for (const auto& name : publishers)
    for (const auto& o : organizations)
      if (o.name == name) add_publisher(g, o, base);
  return g;
}

rdf::Graph dataset_graph(const Dataset& dataset, const Organization* publisher,
                         const CityInfo& city, const std::string& base_url) {
  rdf::Graph g;
  prefixes(g);
  add_dataset(g, dataset, publisher, city, base_url);
  if (publisher) add_publisher(g, *publisher, base_url);
  return g;
}

std::optional<std::string> rdf_media_type(std::string_view extension) {
  if (extension == "ttl") return "text/turtle; charset=utf-8";
  if (extension == "rdf") return "application/rdf+xml; charset=utf-8";
  if (extension == "jsonld") return "application/ld+json";
  return std::nullopt;
}

std::string serialize(const rdf::Graph& graph, std::string_view extension) {
  if (extension == "ttl") return rdf::to_turtle(graph);
  if (extension == "rdf") return rdf::to_rdfxml(graph);
  return rdf::to_jsonld(graph);
}

} // namespace opendata
