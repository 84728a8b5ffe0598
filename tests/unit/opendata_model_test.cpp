// The open-data records: the codec's rules, the versioned store and the demo
// seed.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "app/schema.hpp"
#include "core/clock.hpp"
#include "core/error.hpp"
#include "core/json.hpp"
#include "opendata/opendata.hpp"
#include "opendata/sensor_files.hpp"

namespace {

namespace json = boost::json;
using namespace opendata;

json::object valid_dataset() {
  return core::json::parse_object(R"({
    "name": "baeume", "title": "Baumkataster", "notes": "Alle Straßenbäume.",
    "organization": "gruen", "contact_email": "gruen@musterstadt.example",
    "license": "dl-by-de/2.0", "attribution": "Stadt Musterstadt",
    "themes": ["ENVI"], "keywords": ["Bäume"], "issued": "2026-01-01",
    "accrual_periodicity": "MONTHLY",
    "usage": {"personal_data": "keine", "purpose": "p", "retention": "r", "quality": "q"},
    "distributions": [{"id": "baeume-csv", "title": "CSV", "format": "CSV",
                       "media_type": "text/csv", "access_url": "https://x.example/b.csv",
                       "byte_size": 1234}]})");
}

std::vector<std::string> fields_of(const json::object& o) {
  std::vector<FieldError> errors;
  dataset_from_json(o, errors);
  std::vector<std::string> out;
  for (const auto& e : errors)
    out.push_back(e.field);
  return out;
}

TEST(OpenDataModel, ValidDatasetRoundTrips) {
  std::vector<FieldError> errors;
  const Dataset d = dataset_from_json(valid_dataset(), errors);
  EXPECT_TRUE(errors.empty());
  ASSERT_EQ(d.distributions.size(), 1u);
  EXPECT_EQ(d.distributions[0].byte_size, 1234);
  std::vector<FieldError> again;
  const Dataset back = dataset_from_json(to_json(d), again);
  EXPECT_TRUE(again.empty());
  EXPECT_EQ(core::json::dump(to_json(back)), core::json::dump(to_json(d)));
}

TEST(OpenDataModel, EveryBrokenRuleIsNamed) {
  auto o = valid_dataset();
  o["name"] = "Bäume!";
  o["license"] = "proprietary";
  o["themes"] = json::array{"WEATHER"};
  o["issued"] = "1.1.2026";
  o["usage"].as_object()["personal_data"] = "pseudonymisiert";
  o["distributions"].as_array()[0].as_object()["access_url"] = "javascript:alert(1)";
  const auto f = fields_of(o);
  for (const char* name : {"name", "license", "themes", "issued", "usage.personal_data",
                           "distributions[0].access_url"})
    EXPECT_NE(std::find(f.begin(), f.end(), name), f.end()) << name;
}

TEST(OpenDataModel, AttributionLicenceNeedsAttributionText) {
  auto o = valid_dataset();
  o.erase("attribution");
  EXPECT_EQ(fields_of(o), std::vector<std::string>{"attribution"});
  o["license"] = "dl-zero-de/2.0";
  EXPECT_TRUE(fields_of(o).empty());
}

TEST(OpenDataModel, ContactAddressesMustMakeValidIris) {
  for (const char* bad : {"a b@x.de", "a@b@c.de", "<a@x.de>", "a{b}@x.de", "a\\b@x.de", "@x.de",
                          "a@", "a@x.de?subject=x"}) {
    auto o = valid_dataset();
    o["contact_email"] = bad;
    EXPECT_EQ(fields_of(o), std::vector<std::string>{"contact_email"}) << bad;
  }
  auto o = valid_dataset();
  o["contact_email"] = "vorname.nachname+daten@musterstadt.example";
  EXPECT_TRUE(fields_of(o).empty());
}

TEST(OpenDataModel, WrongTypesAreErrorsNotCrashes) {
  auto o = valid_dataset();
  o["title"] = 5;
  o["keywords"] = "x";
  o["private"] = "yes";
  o["distributions"] = json::array{1, json::object{}};
  const auto f = fields_of(o);
  EXPECT_GE(f.size(), 5u);
}

struct OpenDataStoreTest : ::testing::Test {
  std::unique_ptr<store::Database> db = store::Database::open("sqlite::memory:", "");
  core::ManualClock clock{core::TimePoint{} + std::chrono::hours(24 * 365 * 56)};
  void SetUp() override { db->migrate(app::all_migrations()); }
};

TEST_F(OpenDataStoreTest, EveryChangeIsVersioned) {
  OpenData od(*db, clock);
  od.reload();
  EXPECT_EQ(
      od.save(Organization{"gruen", "Grünflächenamt", "", "gruen@musterstadt.example", ""}, "anna"),
      SaveStatus::created);
  std::vector<FieldError> errors;
  Dataset d = dataset_from_json(valid_dataset(), errors);
  EXPECT_EQ(od.save(d, std::nullopt, "anna"), SaveStatus::created);
  EXPECT_EQ(od.save(d, std::nullopt, "anna"), SaveStatus::unchanged);
  d.title = "Baumkataster 2026";
  EXPECT_EQ(od.save(d, std::int64_t{5}, "anna"), SaveStatus::stale);
  clock.advance(std::chrono::hours(1));
  EXPECT_EQ(od.save(d, std::int64_t{1}, "bert"), SaveStatus::updated);
  const auto snap = od.snapshot();
  ASSERT_NE(snap->dataset("baeume"), nullptr);
  EXPECT_EQ(snap->dataset("baeume")->title, "Baumkataster 2026");
  EXPECT_EQ(snap->dataset("baeume")->version, 2);
  EXPECT_EQ(snap->last_modified(), snap->dataset("baeume")->modified);
  const auto history = od.history("dataset", "baeume");
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(history[0].actor, "bert");
  EXPECT_NE(history[0].doc.find("Baumkataster 2026"), std::string::npos);
  EXPECT_EQ(history[1].version, 1);
}

TEST_F(OpenDataStoreTest, UnknownOrganizationOrLiveSourceIsRefusedAndNothingWritten) {
  OpenData od(*db, clock);
  std::vector<FieldError> errors;
  Dataset d = dataset_from_json(valid_dataset(), errors);
  EXPECT_THROW(od.save(d, std::nullopt, "anna"), core::Error);
  od.save(Organization{"gruen", "Grünflächenamt", "", "gruen@musterstadt.example", ""}, "anna");
  d.live_source = "sensors.everything";
  EXPECT_THROW(od.save(d, std::nullopt, "anna"), core::Error);
  EXPECT_TRUE(od.snapshot()->datasets().empty());
  EXPECT_TRUE(od.history("dataset", "baeume").empty());
}

TEST_F(OpenDataStoreTest, DemoSeedsOnce) {
  OpenData od(*db, clock);
  od.reload();
  // Five of the administration, one per sensor type.
  const int expected = 5 + static_cast<int>(sensor_types().size());
  EXPECT_EQ(od.seed_demo(), expected);
  EXPECT_EQ(od.seed_demo(), 0);
  OpenData again(*db, clock);
  again.reload();
  EXPECT_EQ(again.snapshot()->datasets().size(), static_cast<std::size_t>(expected));
  EXPECT_TRUE(again.snapshot()->dataset("haushalt-2027-entwurf")->is_private);
  EXPECT_EQ(again.snapshot()->organizations().size(), 4u);
  EXPECT_EQ(again.snapshot()->dataset("sensoren-luftqualitaet")->live_source,
            "context.hourly.AirQualityObserved");
  EXPECT_NE(again.snapshot()->dataset("leistungskatalog"), nullptr);
}

} // namespace
