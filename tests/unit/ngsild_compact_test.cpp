#include "context/model/compact.hpp"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

#include "core/json.hpp"

namespace {

using context::Entity;
namespace json = boost::json;

const context::jsonld::Resolver& resolver() {
  static const context::jsonld::Resolver r;
  return r;
}

Entity sample() {
  return context::parse_entity(core::json::parse_object(R"({
      "id": "urn:ngsi-ld:AirQualityObserved:c1", "type": "AirQualityObserved",
      "name": {"type": "Property", "value": "Luftmessstation am Marktplatz der Stadt"},
      "no2": [{"type": "Property", "value": 21.5, "unitCode": "GQ",
               "observedAt": "2026-11-26T10:00:00Z"},
              {"type": "Property", "value": 19, "datasetId": "urn:ngsi-ld:Dataset:b"}],
      "tags": {"type": "Property", "value": ["ein ziemlich langer Eintrag", {"k": [1, 2, 3]}]},
      "location": {"type": "GeoProperty",
                   "value": {"type": "Point", "coordinates": [7.4653, 51.5136]}}})"),
                               *resolver().core(), "2024-01-01T00:00:00.000Z");
}

TEST(NgsildCompact, KeepsEveryAttributeAndRendersTheSame) {
  Entity e = sample();
  const json::object before = e.attrs;
  const std::string rendered = core::json::dump(context::render(e, *resolver().core(), {}));
  const std::size_t held = context::compacted_bytes();

  context::compact(e);

  EXPECT_NE(e.attrs.storage(), before.storage());
  EXPECT_GT(context::compacted_bytes(), held);
  EXPECT_EQ(e.attrs, before);
  EXPECT_EQ(core::json::dump(context::render(e, *resolver().core(), {})), rendered);
  EXPECT_EQ(context::from_storage(context::to_storage(e)).attrs, before);
}

TEST(NgsildCompact, TheBlockGoesWithTheLastReference) {
  const std::size_t held = context::compacted_bytes();
  {
    Entity e = sample();
    context::compact(e);
    EXPECT_GT(context::compacted_bytes(), held);
    const Entity copy = e; // shares the block
    e = sample();
    EXPECT_GT(context::compacted_bytes(), held);
  }
  EXPECT_EQ(context::compacted_bytes(), held);
}

TEST(NgsildCompact, TheBlockHoldsExactlyWhatTheCopyNeeds) {
  const std::size_t held = context::compacted_bytes();
  Entity e = sample();
  context::compact(e);
  const std::size_t first = context::compacted_bytes() - held;
  // Compacting again measures the same copy: same size, a fresh block (the
  // old one is released).
  context::compact(e);
  EXPECT_EQ(context::compacted_bytes() - held, first);
}

TEST(NgsildCompact, CopiesOfACompactedEntityCanBeChangedWhileItIsRead) {
  Entity e = sample();
  context::compact(e);
  const json::object original = e.attrs;
  const std::string no2 = resolver().core()->expand("no2");

  // A write works on a copy: its allocations must not disturb the original,
  // also when several threads copy values out of it at once.
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&e, &no2] {
      for (int i = 0; i < 200; ++i) {
        Entity copy = e;
        copy.attrs[no2].as_array().emplace_back(json::object{{"type", "Property"}, {"value", i}});
        copy.attrs["https://example.org/added-attribute-with-a-long-name"] =
            json::array{json::object{{"type", "Property"}, {"value", "x"}}};
        json::value piece = e.attrs.at(no2); // same resource as the original
        piece.as_array().clear();
        ASSERT_EQ(copy.attrs.at(no2).as_array().size(), 3u);
      }
    });
  for (auto& t : threads)
    t.join();
  EXPECT_EQ(e.attrs, original);
  EXPECT_EQ(e.attrs.at(no2).as_array().size(), 2u);
}

TEST(NgsildCompact, AnEntityWithoutAttributesStaysAsItIs) {
  Entity e = context::parse_entity(
      core::json::parse_object(R"({"id": "urn:ngsi-ld:Thing:empty", "type": "Thing"})"),
      *resolver().core(), "2024-01-01T00:00:00.000Z");
  const std::size_t held = context::compacted_bytes();
  context::compact(e);
  EXPECT_TRUE(e.attrs.empty());
  EXPECT_EQ(context::compacted_bytes(), held);
}

} // namespace
