// The RDF graph and its serialisations (escaping of IRIs and literals,
// datatypes, languages, prefixes) and the DCAT-AP.de catalogue pages.
#include "opendata/rdf.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "core/json.hpp"
#include "opendata/dcat.hpp"

namespace {

using namespace opendata;

rdf::Graph sample() {
  rdf::Graph g;
  g.prefix("dct", "http://purl.org/dc/terms/");
  g.prefix("xsd", std::string(rdf::kXsd));
  const auto s = rdf::iri("http://x.example/d/1");
  g.add(s, std::string(rdf::kRdfType), rdf::iri("http://www.w3.org/ns/dcat#Dataset"));
  g.add(s, "dct:title", rdf::text("Zitat \"a\\b\"\nZeile\t<&>", "de"));
  g.add(s, "dct:issued", rdf::literal("2026-01-01", g.expand("xsd:date")));
  g.add(s, "dct:title", rdf::text("Second", "en"));
  g.add(s, "dct:source", rdf::iri("http://x.example/a b>{}|^`\\\"<"));
  g.add(s, "dct:spatial", rdf::blank("b1"));
  g.add(rdf::blank("b1"), "dct:description", rdf::literal(std::string("ctl\x01") + "ü"));
  g.add(s, "http://other.example/ns#count", rdf::literal("3", g.expand("xsd:integer")));
  return g;
}

TEST(Rdf, TurtleEscapesAndAbbreviates) {
  const std::string t = rdf::to_turtle(sample());
  EXPECT_NE(t.find("@prefix dct: <http://purl.org/dc/terms/> ."), std::string::npos);
  EXPECT_NE(t.find("<http://x.example/d/1>\n    a <http://www.w3.org/ns/dcat#Dataset>"),
            std::string::npos);
  EXPECT_NE(t.find(R"(dct:title "Zitat \"a\\b\"\nZeile\t<&>"@de ;)"), std::string::npos);
  EXPECT_NE(t.find(R"("Second"@en)"), std::string::npos);
  EXPECT_NE(t.find(R"("2026-01-01"^^xsd:date)"), std::string::npos);
  EXPECT_NE(
      t.find(
          R"(<http://x.example/a\u0020b\u003E\u007B\u007D\u007C\u005E\u0060\u005C\u0022\u003C>)"),
      std::string::npos);
  EXPECT_NE(t.find("dct:spatial _:b1"), std::string::npos);
  EXPECT_NE(t.find("\"ctl\\u0001ü\""), std::string::npos);
  EXPECT_NE(t.find("<http://other.example/ns#count> \"3\"^^xsd:integer"), std::string::npos);
}

TEST(Rdf, RdfXmlEscapesAndDeclaresUnknownNamespaces) {
  const std::string x = rdf::to_rdfxml(sample());
  EXPECT_NE(x.find("<rdf:Description rdf:about=\"http://x.example/d/1\">"), std::string::npos);
  EXPECT_NE(x.find("<dct:title xml:lang=\"de\">Zitat &quot;a\\b&quot;\nZeile\t&lt;&amp;&gt;"
                   "</dct:title>"),
            std::string::npos);
  EXPECT_NE(x.find("<dct:issued rdf:datatype=\"http://www.w3.org/2001/XMLSchema#date\">"),
            std::string::npos);
  EXPECT_NE(x.find("<ns0:count xmlns:ns0=\"http://other.example/ns#\""), std::string::npos);
  EXPECT_NE(x.find("rdf:resource=\"http://x.example/a b&gt;{}|^`\\&quot;&lt;\""),
            std::string::npos);
  EXPECT_NE(x.find("<rdf:Description rdf:nodeID=\"b1\">"), std::string::npos);
  EXPECT_NE(x.find("ctl\xEF\xBF\xBDü"), std::string::npos); // XML 1.0 cannot hold U+0001
}

TEST(Rdf, JsonLdHasTheContextTypesAndTypedValues) {
  const auto doc = core::json::parse(rdf::to_jsonld(sample())).as_object();
  EXPECT_EQ(doc.at("@context").at("dct").as_string(), "http://purl.org/dc/terms/");
  const auto& nodes = doc.at("@graph").as_array();
  ASSERT_EQ(nodes.size(), 2u);
  const auto& d = nodes[0].as_object();
  EXPECT_EQ(d.at("@type").as_array()[0].as_string(), "http://www.w3.org/ns/dcat#Dataset");
  EXPECT_EQ(d.at("dct:title").as_array()[0].at("@value").as_string(), "Zitat \"a\\b\"\nZeile\t<&>");
  EXPECT_EQ(d.at("dct:title").as_array()[1].at("@language").as_string(), "en");
  EXPECT_EQ(d.at("dct:issued").as_array()[0].at("@type").as_string(),
            "http://www.w3.org/2001/XMLSchema#date");
  EXPECT_EQ(d.at("dct:spatial").as_array()[0].at("@id").as_string(), "_:b1");
  EXPECT_TRUE(d.contains("http://other.example/ns#count"));
}

TEST(Dcat, PagesLinkLikeCkanextDcat) {
  CatalogPage page;
  page.base_url = "https://stadt.example";
  page.format = "ttl";
  page.page = 2;
  page.page_size = 100;
  page.total = 250;
  page.modified_since = "2026-01-01";
  const std::string t = rdf::to_turtle(catalog_graph({}, {}, CityInfo{}, page));
  const std::string self =
      "<https://stadt.example/opendata/catalog.ttl?page=2&modified_since=2026-01-01>";
  EXPECT_NE(t.find(self + "\n    a hydra:PagedCollection"), std::string::npos);
  EXPECT_NE(t.find("hydra:totalItems \"250\"^^xsd:integer"), std::string::npos);
  EXPECT_NE(t.find("hydra:previousPage \"https://stadt.example/opendata/catalog.ttl?page=1&"),
            std::string::npos);
  EXPECT_NE(t.find("hydra:nextPage \"https://stadt.example/opendata/catalog.ttl?page=3&"),
            std::string::npos);
  EXPECT_NE(t.find("hydra:lastPage \"https://stadt.example/opendata/catalog.ttl?page=3&"),
            std::string::npos);
}

TEST(Dcat, DatasetCarriesTheGermanProfileFields) {
  Dataset d;
  d.name = "baeume";
  d.title = "Bäume";
  d.notes = "Alle Bäume";
  d.organization = "gruen";
  d.contact_email = "gruen@stadt.example";
  d.license = "cc-by/4.0";
  d.attribution = "Stadt";
  d.themes = {"ENVI"};
  d.temporal_start = "2020-01-01";
  d.distributions.push_back(
      {"csv", "CSV", "", "CSV", "text/csv", "", "https://x.example/b.csv", 42, ""});
  Organization org{"gruen", "Grünflächenamt", "", "gruen@stadt.example", ""};
  const std::string t = rdf::to_turtle(dataset_graph(d, &org, CityInfo{}, "https://s.example"));
  for (const char* expected :
       {"dcatde:politicalGeocodingLevelURI <http://dcat-ap.de/def/politicalGeocoding/Level/"
        "municipality>",
        "dcatde:contributorID <http://dcat-ap.de/def/contributors/musterstadt>",
        "dct:license <http://dcat-ap.de/def/licenses/cc-by/4.0>",
        "dcatde:licenseAttributionByText \"Stadt\"@de", "dcat:byteSize \"42\"^^xsd:decimal",
        "dcat:startDate \"2020-01-01\"^^xsd:date", "vcard:hasEmail <mailto:gruen@stadt.example>",
        "dcat:accessURL <https://x.example/b.csv>", "gsp:wktLiteral"})
    EXPECT_NE(t.find(expected), std::string::npos) << expected;
  EXPECT_EQ(t.find("dcat:downloadURL"), std::string::npos); // an access URL is no download
}

} // namespace
