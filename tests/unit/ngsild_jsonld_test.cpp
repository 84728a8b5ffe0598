#include "context/jsonld/context.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "core/json.hpp"

namespace {

using context::jsonld::ContextError;
using context::jsonld::Resolver;
namespace json = boost::json;

const std::string kSuiteUrl = "https://forge.etsi.org/rep/cim/ngsi-ld-test-suite/-/raw/develop/"
                              "resources/jsonld-contexts/ngsi-ld-test-suite-compound.jsonld";

std::string preloaded() {
  return std::string(STADTKERN_SOURCE_DIR) + "/tests/e2e/data/ngsi-ld/contexts";
}

TEST(NgsildJsonld, CoreContextExpandsCoreTermsAndDefaultVocab) {
  const Resolver r;
  const auto core = r.core();
  EXPECT_EQ(core->expand("location"), "https://uri.etsi.org/ngsi-ld/location");
  EXPECT_EQ(core->expand("speed"), "https://uri.etsi.org/ngsi-ld/default-context/speed");
  EXPECT_EQ(core->compact("https://uri.etsi.org/ngsi-ld/default-context/speed"), "speed");
  EXPECT_EQ(core->compact("https://uri.etsi.org/ngsi-ld/location"), "location");
  // An IRI no term covers stays whole.
  EXPECT_EQ(core->compact("https://example.org/x#y"), "https://example.org/x#y");
  // Absolute IRIs are kept on expansion.
  EXPECT_EQ(core->expand("https://example.org/x#y"), "https://example.org/x#y");
}

TEST(NgsildJsonld, InlineContextWithPrefixesAndVocab) {
  const Resolver r;
  const auto v = core::json::parse(
      R"({"ex": "https://example.org/ns#", "Car": "ex:Car", "speed": {"@id": "ex:speed"},
          "@vocab": "https://example.org/vocab/"})");
  const auto ctx = r.resolve(v);
  EXPECT_EQ(ctx->expand("Car"), "https://example.org/ns#Car");
  EXPECT_EQ(ctx->expand("speed"), "https://example.org/ns#speed");
  EXPECT_EQ(ctx->expand("ex:colour"), "https://example.org/ns#colour");
  EXPECT_EQ(ctx->expand("other"), "https://example.org/vocab/other");
  EXPECT_EQ(ctx->compact("https://example.org/ns#speed"), "speed");
  EXPECT_EQ(ctx->compact("https://example.org/ns#colour"), "ex:colour");
  EXPECT_EQ(ctx->compact("https://example.org/vocab/other"), "other");
  // The core context stays underneath.
  EXPECT_EQ(ctx->expand("location"), "https://uri.etsi.org/ngsi-ld/location");
}

TEST(NgsildJsonld, PreloadedContextsResolveByUrlIncludingNestedImports) {
  const Resolver r(preloaded());
  const auto ctx = r.resolve(json::string(kSuiteUrl));
  EXPECT_EQ(ctx->expand("Building"), "https://ngsi-ld-test-suite/context#Building");
  EXPECT_EQ(ctx->compact("https://ngsi-ld-test-suite/context#airQualityLevel"), "airQualityLevel");
  // Resolving twice returns the cached context.
  EXPECT_EQ(ctx, r.resolve(json::string(kSuiteUrl)));
}

TEST(NgsildJsonld, ArrayOfContextsLaterDefinitionsWin) {
  const Resolver r;
  const auto ctx = r.resolve(core::json::parse(
      R"([{"name": "https://a.example/name"}, {"name": "https://b.example/name"}])"));
  EXPECT_EQ(ctx->expand("name"), "https://b.example/name");
}

TEST(NgsildJsonld, UnknownUrlIsUnavailableAndBadShapesAreMalformed) {
  const Resolver r;
  try {
    r.resolve(json::string("https://nowhere.example/ctx.jsonld"));
    FAIL() << "expected ContextError";
  } catch (const ContextError& e) {
    EXPECT_TRUE(e.unavailable);
  }
  try {
    r.resolve(json::value(42));
    FAIL() << "expected ContextError";
  } catch (const ContextError& e) {
    EXPECT_FALSE(e.unavailable);
  }
  try {
    r.resolve(core::json::parse(R"({"a": 5})"));
    FAIL() << "expected ContextError";
  } catch (const ContextError& e) {
    EXPECT_FALSE(e.unavailable);
  }
}

TEST(NgsildJsonld, CoreUrlOfAnyVersionIsServedLocally) {
  const Resolver r;
  const auto ctx =
      r.resolve(json::string("https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context-v1.6.jsonld"));
  EXPECT_EQ(ctx->expand("observedAt"), "https://uri.etsi.org/ngsi-ld/observedAt");
}

TEST(NgsildJsonld, ContextNestedTooDeeplyIsRefused) {
  const Resolver r;
  json::value v = json::object{{"a", "https://a.example/a"}};
  for (int i = 0; i < 20; ++i)
    v = json::array{v};
  EXPECT_THROW(r.resolve(v), ContextError);
}

TEST(NgsildJsonld, RemoteContextsAreFetchedOnceAndKept) {
  int calls = 0;
  const Resolver r({}, [&calls](const std::string& url) -> std::optional<std::string> {
    ++calls;
    if (url == "https://ctx.example/a.jsonld")
      return R"({"@context": {"Car": "https://ctx.example/ns#Car"}})";
    if (url == "https://ctx.example/broken.jsonld") return "{not json";
    return std::nullopt;
  });
  EXPECT_EQ(r.resolve(json::string("https://ctx.example/a.jsonld"))->expand("Car"),
            "https://ctx.example/ns#Car");
  // Another context importing the same URL does not fetch it again.
  const auto nested = r.resolve(
      core::json::parse(R"(["https://ctx.example/a.jsonld", {"x": "https://x.example/x"}])"));
  EXPECT_EQ(nested->expand("Car"), "https://ctx.example/ns#Car");
  EXPECT_EQ(calls, 1);
  for (const char* url :
       {"https://ctx.example/missing.jsonld", "https://ctx.example/broken.jsonld"}) {
    try {
      r.resolve(json::string(url));
      FAIL() << url;
    } catch (const ContextError& e) {
      EXPECT_TRUE(e.unavailable) << url;
    }
  }
  // Only web URLs are fetched.
  EXPECT_THROW(r.resolve(json::string("file:///etc/passwd")), ContextError);
  EXPECT_EQ(calls, 3);
}

} // namespace
