#include "context/query/q.hpp"

#include <gtest/gtest.h>

#include <tuple>

#include "context/query/geo.hpp"
#include "context/query/pattern.hpp"

#include "context/model/entity.hpp"
#include "context/model/problem.hpp"
#include "core/json.hpp"

namespace {

using context::Entity;
using context::Problem;
namespace query = context::query;

Entity car() {
  static const context::jsonld::Resolver resolver;
  const auto body = core::json::parse_object(R"({
    "id": "urn:ngsi-ld:Vehicle:A1", "type": "Vehicle",
    "speed": {"type": "Property", "value": 55, "unitCode": "KMH",
              "observedAt": "2024-01-02T10:00:00Z",
              "source": {"type": "Property", "value": "GPS"}},
    "brandName": {"type": "Property", "value": "Mercedes"},
    "tags": {"type": "Property", "value": ["red", "fast"]},
    "address": {"type": "Property", "value": {"city": "Musterstadt", "zip": "12345"}},
    "isParked": {"type": "Relationship", "object": "urn:ngsi-ld:Parking:P1"},
    "electric": {"type": "Property", "value": false}
  })");
  return context::parse_entity(body, *resolver.core(), "2024-01-01T00:00:00.000Z");
}

bool eval(const std::string& q) {
  static const context::jsonld::Resolver resolver;
  auto e = query::parse(q);
  query::expand_names(e, *resolver.core());
  return query::matches(e, car());
}

TEST(NgsildQuery, Comparisons) {
  EXPECT_TRUE(eval("speed>50"));
  EXPECT_FALSE(eval("speed>55"));
  EXPECT_TRUE(eval("speed>=55"));
  EXPECT_TRUE(eval("speed<=55"));
  EXPECT_FALSE(eval("speed<55"));
  EXPECT_TRUE(eval("speed==55"));
  EXPECT_TRUE(eval("speed!=56"));
  EXPECT_TRUE(eval("brandName==\"Mercedes\""));
  EXPECT_FALSE(eval("brandName==\"BMW\""));
  EXPECT_TRUE(eval("electric==false"));
  EXPECT_TRUE(eval("isParked==urn:ngsi-ld:Parking:P1"));
}

TEST(NgsildQuery, RangesListsAndPatterns) {
  EXPECT_TRUE(eval("speed==50..60"));
  EXPECT_FALSE(eval("speed==56..60"));
  EXPECT_TRUE(eval("speed==54,55,56"));
  EXPECT_FALSE(eval("speed==1,2"));
  EXPECT_TRUE(eval("brandName~=\"^Merc\""));
  EXPECT_FALSE(eval("brandName~=\"^BMW\""));
  EXPECT_TRUE(eval("brandName!~=\"^BMW\""));
  EXPECT_TRUE(eval("tags==\"red\""));
}

TEST(NgsildQuery, LogicAndParentheses) {
  EXPECT_TRUE(eval("speed>50;brandName==\"Mercedes\""));
  EXPECT_FALSE(eval("speed>60;brandName==\"Mercedes\""));
  EXPECT_TRUE(eval("speed>60|brandName==\"Mercedes\""));
  EXPECT_TRUE(eval("(speed>60|speed<56);electric==false"));
  EXPECT_FALSE(eval("(speed>60|speed<50);electric==false"));
  // ; binds tighter than |
  EXPECT_TRUE(eval("speed>60;electric==true|brandName==\"Mercedes\""));
}

TEST(NgsildQuery, PathsSubAttributesAndExistence) {
  EXPECT_TRUE(eval("speed.source==\"GPS\""));
  EXPECT_FALSE(eval("speed.source==\"Radar\""));
  EXPECT_TRUE(eval("speed.unitCode==\"KMH\""));
  EXPECT_TRUE(eval("speed.observedAt>2024-01-01T00:00:00Z"));
  EXPECT_TRUE(eval("address[city]==\"Musterstadt\""));
  EXPECT_FALSE(eval("address[city]==\"Berlin\""));
  EXPECT_TRUE(eval("speed"));
  EXPECT_FALSE(eval("colour"));
  EXPECT_FALSE(eval("colour==1"));
}

TEST(NgsildQuery, CatastrophicPatternsAreRefused) {
  for (const char* p : {"(a+)+$", "(a*)*b", "((ab)*)+", "(a|a?)+x", "(x+x+)+y", "(.*){2,}",
                        "(a)\\1", "(a|aa)+b", "^Muste*********r", "a{1000}", "a{2}{3}", "a+*"})
    EXPECT_THROW(context::query::compile_pattern(p), Problem) << p;
  for (const char* p : {"^urn:ngsi-ld:Vehicle:.*", "(ab)+", "a+b*", "[(]+", "\\(a+\\)+", "(a|b)c*",
                        "^(Vehicle|Bus):"})
    EXPECT_NO_THROW(context::query::compile_pattern(p)) << p;
  EXPECT_THROW(context::query::compile_pattern(std::string(300, 'a')), Problem);
  EXPECT_THROW(context::query::compile_pattern("(unclosed"), Problem);
}

TEST(NgsildQuery, MalformedExpressionsAreBadRequestData) {
  for (const char* q : {"", "speed>", "(speed>1", "speed>1)", "speed==1..", ";", "speed>1;",
                        "speed~=5", "speed>1..2", "a[b", "speed==\"open"}) {
    EXPECT_THROW(query::parse(q), Problem) << q;
  }
  std::string deep(200, '(');
  EXPECT_THROW(query::parse(deep + "a" + std::string(200, ')')), Problem);
}

} // namespace

namespace {

using context::query::GeoQuery;

TEST(NgsildGeo, NearWithinAndRefusals) {
  static const context::jsonld::Resolver resolver;
  const auto& ctx = *resolver.core();
  const auto rathaus = context::parse_entity(
      core::json::parse_object(R"({"id": "urn:ngsi-ld:Building:rathaus", "type": "Building",
        "location": {"type": "GeoProperty", "value": {"type": "Point", "coordinates": [7.4653, 51.5136]}}})"),
      ctx, "2024-01-01T00:00:00.000Z");
  // About 700 m east (0.01 degrees of longitude at 51.5 degrees north).
  EXPECT_TRUE(GeoQuery::parse("near;maxDistance==800", "Point", "[7.4753,51.5136]", "", ctx)
                  .matches(rathaus));
  EXPECT_FALSE(GeoQuery::parse("near;maxDistance==600", "Point", "[7.4753,51.5136]", "", ctx)
                   .matches(rathaus));
  EXPECT_TRUE(GeoQuery::parse("near;minDistance==600", "Point", "[7.4753,51.5136]", "", ctx)
                  .matches(rathaus));
  EXPECT_TRUE(GeoQuery::parse("within", "Polygon",
                              "[[[7.4,51.5],[7.5,51.5],[7.5,51.6],[7.4,51.5]]]", "", ctx)
                  .matches(rathaus));
  // The same ring given clockwise is corrected, not refused.
  EXPECT_TRUE(GeoQuery::parse("within", "Polygon",
                              "[[[7.4,51.5],[7.4,51.6],[7.5,51.6],[7.5,51.5],[7.4,51.5]]]", "", ctx)
                  .matches(rathaus));
  EXPECT_FALSE(GeoQuery::parse("within", "Polygon",
                               "[[[7.4,51.5],[7.5,51.5],[7.5,51.6],[7.4,51.5]]]", "elsewhere", ctx)
                   .matches(rathaus));
  for (auto [rel, geometry, coords] :
       std::initializer_list<std::tuple<const char*, const char*, const char*>>{
           {"near", "Point", "[7,51]"},
           {"near;maxDistance==-5", "Point", "[7,51]"},
           {"near;maxDistance==5", "Polygon", "[[[7,51],[8,51],[8,52],[7,51]]]"},
           {"within", "Point", "[7,51]"},
           {"within", "Polygon", "[[[7,51],[8,51]]]"},
           {"intersects", "Point", "[7]"},
           {"intersects", "Point", "[200,51]"},
           {"intersects", "Point", "nonsense"},
           {"touches", "Point", "[7,51]"},
           {"", "Point", "[7,51]"}}) {
    EXPECT_THROW(GeoQuery::parse(rel, geometry, coords, "", ctx), Problem) << rel << coords;
  }
}

} // namespace
