#include "context/model/entity.hpp"

#include <gtest/gtest.h>

#include "context/model/problem.hpp"
#include "core/json.hpp"

namespace {

using context::Entity;
using context::Problem;
namespace json = boost::json;

const context::jsonld::Resolver& resolver() {
  static const context::jsonld::Resolver r;
  return r;
}

Entity parse(const std::string& text, bool whole = true) {
  return context::parse_entity(core::json::parse_object(text), *resolver().core(),
                               "2024-01-01T00:00:00.000Z", whole);
}

TEST(NgsildEntity, ExpandsNamesAndRendersThemBack) {
  const Entity e = parse(R"({"id": "urn:ngsi-ld:Vehicle:A1", "type": "Vehicle",
                             "speed": {"type": "Property", "value": 55}})");
  EXPECT_EQ(e.types.front(), "https://uri.etsi.org/ngsi-ld/default-context/Vehicle");
  ASSERT_TRUE(e.attrs.contains("https://uri.etsi.org/ngsi-ld/default-context/speed"));
  const auto out = context::render(e, *resolver().core(), {});
  EXPECT_EQ(
      core::json::dump(out),
      R"({"id":"urn:ngsi-ld:Vehicle:A1","type":"Vehicle","speed":{"type":"Property","value":55}})");
}

TEST(NgsildEntity, RejectsInvalidPayloads) {
  for (
      const char* bad : {
          R"({"type": "Vehicle"})",
          R"({"id": "not a uri", "type": "Vehicle"})",
          R"({"id": "urn:a:b"})",
          R"({"id": "urn:a:b", "type": []})",
          R"({"id": "urn:a:b", "type": "V", "speed": {"type": "Property"}})",
          R"({"id": "urn:a:b", "type": "V", "r": {"type": "Relationship", "object": "x y"}})",
          R"({"id": "urn:a:b", "type": "V", "l": {"type": "GeoProperty", "value": {"type": "Point"}}})",
          R"({"id": "urn:a:b", "type": "V", "s": {"type": "Property", "value": 1, "observedAt": "yesterday"}})",
          R"x({"id": "urn:a:b", "type": "V", "bad(name)": 1})x",
          R"({"id": "urn:a:b", "type": "V", "s": {"type": "Unknown", "value": 1}})",
          R"({"id": "urn:a:b", "type": "V", "s": [{"type": "Property", "value": 1}, {"type": "Property", "value": 2}]})",
      }) {
    EXPECT_THROW(parse(bad), Problem) << bad;
  }
}

TEST(NgsildEntity, DatasetInstancesAppendUpdateDelete) {
  Entity e = parse(R"({"id": "urn:a:b", "type": "V",
    "speed": [{"type": "Property", "value": 1},
              {"type": "Property", "value": 2, "datasetId": "urn:ds:gps"}]})");
  const auto& ctx = *resolver().core();
  const std::string speed = ctx.expand("speed");
  EXPECT_EQ(e.attrs.at(speed).as_array().size(), 2u);

  Entity frag = parse(R"({"speed": {"type": "Property", "value": 3, "datasetId": "urn:ds:gps"},
                          "colour": {"type": "Property", "value": "red"}})",
                      false);
  auto r = context::append(e, frag, true, ctx, "2024-01-02T00:00:00.000Z");
  EXPECT_EQ(r.updated, std::vector<std::string>{"colour"});
  ASSERT_EQ(r.not_updated.size(), 1u);
  EXPECT_EQ(r.not_updated[0].attr, "speed");

  r = context::update(
      e,
      parse(R"({"speed": {"type": "Property", "value": 9, "datasetId": "urn:ds:gps"},
                                   "missing": {"type": "Property", "value": 1}})",
            false),
      ctx, "2024-01-03T00:00:00.000Z");
  EXPECT_EQ(r.updated, std::vector<std::string>{"speed"});
  ASSERT_EQ(r.not_updated.size(), 1u);
  EXPECT_EQ(e.modified_at, "2024-01-03T00:00:00.000Z");
  EXPECT_EQ(r.changes.size(), 1u);

  std::vector<context::Change> changes;
  EXPECT_TRUE(context::delete_attribute(e, speed, "urn:ds:gps", false, changes));
  EXPECT_EQ(e.attrs.at(speed).as_array().size(), 1u);
  EXPECT_FALSE(context::delete_attribute(e, speed, "urn:ds:none", false, changes));
  EXPECT_TRUE(context::delete_attribute(e, speed, "", true, changes));
  EXPECT_FALSE(e.attrs.contains(speed));
}

TEST(NgsildEntity, PartialUpdateKeepsOtherMembersAndCreatedAt) {
  Entity e = parse(R"({"id": "urn:a:b", "type": "V",
                      "speed": {"type": "Property", "value": 1, "unitCode": "KMH"}})");
  const auto& ctx = *resolver().core();
  context::MergeResult r;
  ASSERT_TRUE(context::partial_update(e, ctx.expand("speed"),
                                      core::json::parse_object(R"({"value": 7})"), ctx,
                                      "2024-02-01T00:00:00.000Z", r));
  const auto& inst = e.attrs.at(ctx.expand("speed")).as_array().front().as_object();
  EXPECT_EQ(inst.at("value").as_int64(), 7);
  EXPECT_EQ(inst.at("unitCode").as_string(), "KMH");
  EXPECT_EQ(inst.at("createdAt").as_string(), "2024-01-01T00:00:00.000Z");
  EXPECT_EQ(inst.at("modifiedAt").as_string(), "2024-02-01T00:00:00.000Z");
}

TEST(NgsildEntity, KeyValuesAndStorageRoundTrip) {
  const Entity e = parse(R"({"id": "urn:a:b", "type": ["V", "W"],
    "speed": {"type": "Property", "value": 5},
    "at": {"type": "Relationship", "object": "urn:p:1"},
    "name": {"type": "LanguageProperty", "languageMap": {"de": "Rathaus", "en": "Town hall"}},
    "location": {"type": "GeoProperty", "value": {"type": "Point", "coordinates": [7.1, 51.2]}}})");
  context::RenderOptions kv;
  kv.key_values = true;
  const auto out = context::render(e, *resolver().core(), kv);
  EXPECT_EQ(out.at("speed").as_int64(), 5);
  EXPECT_EQ(out.at("at").as_string(), "urn:p:1");
  EXPECT_EQ(out.at("type").as_array().size(), 2u);
  EXPECT_TRUE(out.at("location").is_object());
  const Entity back = context::from_storage(context::to_storage(e));
  EXPECT_EQ(core::json::dump(context::render(back, *resolver().core(), {})),
            core::json::dump(context::render(e, *resolver().core(), {})));
}

TEST(NgsildEntity, NullDeletesTheNamedInstance) {
  Entity e = parse(R"({"id": "urn:a:b", "type": "V",
    "speed": [{"type": "Property", "value": 1},
              {"type": "Property", "value": 2, "datasetId": "urn:ds:gps"}],
    "at": {"type": "Relationship", "object": "urn:p:1"}})");
  const auto& ctx = *resolver().core();
  auto r = context::update(e,
                           parse(R"({"speed": {"type": "Property", "value": "urn:ngsi-ld:null",
                                                  "datasetId": "urn:ds:gps"},
                                        "at": {"type": "Relationship", "object": "urn:ngsi-ld:null"}})",
                                 false),
                           ctx, "2024-01-02T00:00:00.000Z");
  EXPECT_TRUE(r.not_updated.empty());
  EXPECT_EQ(e.attrs.at(ctx.expand("speed")).as_array().size(), 1u);
  EXPECT_FALSE(e.attrs.contains(ctx.expand("at")));
  ASSERT_EQ(r.changes.size(), 2u);
  EXPECT_FALSE(r.changes[0].instance.has_value());
  // In a new entity a null instance is simply left out.
  Entity fresh = parse(
      R"({"id": "urn:a:c", "type": "V", "s": {"type": "Property", "value": "urn:ngsi-ld:null"}})");
  context::drop_null_instances(fresh);
  EXPECT_TRUE(fresh.attrs.empty());
}

TEST(NgsildEntity, DateTimes) {
  EXPECT_TRUE(context::is_date_time("2020-09-09T16:40:00.000Z"));
  EXPECT_TRUE(context::is_date_time("2020-09-09T16:40:00Z"));
  EXPECT_TRUE(context::is_date_time("2020-09-09T16:40:00+02:00"));
  EXPECT_FALSE(context::is_date_time("2020-09-09"));
  EXPECT_FALSE(context::is_date_time("2020-09-09T16:40:00"));
  EXPECT_FALSE(context::is_date_time("2020-09-09T16:40:00.Z"));
}

} // namespace
