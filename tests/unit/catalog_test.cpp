// The catalogue: validation reports every problem, CSV round trips, and an
// import is all or nothing.
#include <gtest/gtest.h>

#include <filesystem>

#include "catalog/catalog.hpp"
#include "catalog/loader.hpp"
#include "core/json.hpp"

namespace {

namespace fs = std::filesystem;
namespace json = boost::json;

json::object office_json(const std::string& id) {
  return core::json::parse(R"({"id": ")" + id +
                           R"(", "name": "Bürgerbüro Mitte", "department": "Bürgeramt",
    "address": {"street": "Markt 1", "postal_code": "59999", "city": "Musterstadt"},
    "position": {"lat": 51.5136, "lon": 7.4653}, "phone": "+49 2999 1", "email": "bb@musterstadt.de",
    "opening_hours": [{"day": "mo", "open": "08:00", "close": "12:30"}],
    "exceptions": [{"date": "2026-12-24", "closed": true, "note": "Heiligabend"}],
    "accessibility": "Stufenloser Zugang", "counters": 4})")
      .as_object();
}

json::object service_json(const std::string& id, const std::string& leika) {
  return core::json::parse(R"j({"id": ")j" + id + R"j(", "leika": ")j" + leika + R"j(",
    "title": "Reisepass beantragen", "summary": "Den Reisepass gibt es im Bürgerbüro.",
    "description": "Text, mit \"Anführungszeichen\"\nund Zeilen.", "topic": "Melde- und Passwesen", "department": "Bürgeramt",
    "prerequisites": [], "documents": ["Personalausweis", "Foto"],
    "fees": [{"amount": 70, "condition": "ab 24 Jahren"}, {"amount": 37.5, "condition": "unter 24 Jahren"}],
    "legal_basis": ["Passgesetz (PassG)"], "offices": ["buergerbuero-mitte"], "online_service_url": null,
    "channels": ["vor_ort"], "maturity": 1, "appointment_minutes": 15, "keywords": ["Pass", "passport"],
    "last_review": "2026-10-01"})j")
      .as_object();
}

std::vector<catalog::ValidationError> service_errors(const json::value& v) {
  std::vector<catalog::ValidationError> errors;
  catalog::service_from_json(v, "test", errors);
  return errors;
}

bool has_error(const std::vector<catalog::ValidationError>& errors, const std::string& field) {
  for (const auto& e : errors)
    if (e.field == field) return true;
  return false;
}

TEST(CatalogCodec, AValidServiceHasNoErrorsAndRoundTrips) {
  std::vector<catalog::ValidationError> errors;
  const auto s = catalog::service_from_json(service_json("reisepass-beantragen", "99088013000000"),
                                            "t", errors);
  EXPECT_TRUE(errors.empty()) << errors[0].field << ": " << errors[0].message;
  EXPECT_EQ(s.fees.size(), 2u);
  EXPECT_DOUBLE_EQ(s.fees[1].amount, 37.5);
  EXPECT_EQ(s.appointment_minutes, 15);
  const auto again = catalog::service_from_json(catalog::to_json(s), "t", errors);
  EXPECT_TRUE(errors.empty());
  EXPECT_EQ(core::json::dump(catalog::to_json(again)), core::json::dump(catalog::to_json(s)));
}

TEST(CatalogCodec, EveryProblemOfARecordIsReported) {
  json::object bad = service_json("Bad Id", "123");
  bad["maturity"] = 7;
  bad["channels"] = json::array{"fax"};
  bad["fees"] = json::array{json::object{{"amount", -1}}};
  bad["colour"] = "red";
  bad.erase("appointment_minutes");
  const auto errors = service_errors(bad);
  for (const char* field : {"id", "leika", "maturity", "channels[0]", "fees[0].amount", "colour",
                            "appointment_minutes"})
    EXPECT_TRUE(has_error(errors, field)) << field;
  for (const auto& e : errors)
    EXPECT_EQ(e.record, "service Bad Id");
}

TEST(CatalogCodec, WrongTypesAreErrorsNotCrashes) {
  for (const char* text :
       {R"([])", R"("text")", R"({"id": 5, "fees": "free", "documents": [1, null]})", "null"}) {
    const auto errors = service_errors(core::json::parse(text));
    EXPECT_FALSE(errors.empty()) << text;
  }
}

TEST(CatalogCodec, OfficeHoursAreChecked) {
  json::object o = office_json("buergerbuero-mitte");
  o["opening_hours"] = core::json::parse(R"([{"day": "xx", "open": "25:00", "close": "08:00"}])");
  std::vector<catalog::ValidationError> errors;
  catalog::office_from_json(o, "t", errors);
  EXPECT_TRUE(has_error(errors, "opening_hours[0].day"));
  EXPECT_TRUE(has_error(errors, "opening_hours[0].open"));
}

TEST(CatalogCodec, CrossReferencesAreChecked) {
  std::vector<catalog::ValidationError> errors;
  catalog::CatalogData data;
  data.offices.push_back(catalog::office_from_json(office_json("buergerbuero-mitte"), "o", errors));
  auto s1 = catalog::service_from_json(service_json("a", "99000000000001"), "s", errors);
  auto s2 = catalog::service_from_json(service_json("a", "99000000000001"), "s", errors);
  s2.offices = {"nowhere"};
  s2.related = {"missing"};
  data.services = {s1, s2};
  ASSERT_TRUE(errors.empty());
  catalog::check_catalog(data, errors);
  EXPECT_TRUE(has_error(errors, "id"));
  EXPECT_TRUE(has_error(errors, "leika"));
  EXPECT_TRUE(has_error(errors, "offices[0]"));
  EXPECT_TRUE(has_error(errors, "related[0]"));
}

TEST(CatalogCsv, ServicesRoundTripThroughCsv) {
  std::vector<catalog::ValidationError> errors;
  const auto s = catalog::service_from_json(service_json("reisepass-beantragen", "99088013000000"),
                                            "t", errors);
  const std::string csv = catalog::services_to_csv({s});
  const auto back = catalog::parse_services_csv(csv, errors);
  ASSERT_TRUE(errors.empty()) << errors[0].record << " " << errors[0].field << ": "
                              << errors[0].message;
  ASSERT_EQ(back.size(), 1u);
  EXPECT_EQ(core::json::dump(catalog::to_json(back[0])), core::json::dump(catalog::to_json(s)));
}

TEST(CatalogCsv, MalformedCsvIsReported) {
  std::vector<catalog::ValidationError> errors;
  catalog::parse_services_csv("id,title\n\"open quote,x\n", errors);
  EXPECT_FALSE(errors.empty());
  errors.clear();
  catalog::parse_services_csv("id,nonsense\nx,y\n", errors);
  EXPECT_TRUE(has_error(errors, "nonsense"));
}

TEST(CatalogCsv, ParserHandlesQuotesAndNewlines) {
  std::vector<std::vector<std::string>> rows;
  std::string error;
  ASSERT_TRUE(catalog::parse_csv("a,\"b,\"\"c\"\"\nd\"\r\ne,f", rows, error));
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0][1], "b,\"c\"\nd");
  EXPECT_EQ(rows[1][1], "f");
}

class CatalogImportTest : public ::testing::Test {
protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("stadtkern-catalog-" + std::to_string(::getpid()));
    fs::create_directories(dir_);
    db_ = store::Database::open("sqlite:catalog.db", dir_.string());
    db_->migrate(catalog::Catalog::migrations());
    catalog_ = std::make_unique<catalog::Catalog>(*db_, clock_, dir_ / "search", search::Lexicon{});
    catalog_->reload();
  }
  void TearDown() override {
    catalog_.reset();
    db_->close();
    fs::remove_all(dir_);
  }

  catalog::CatalogData valid_data() {
    std::vector<catalog::ValidationError> errors;
    catalog::CatalogData data;
    data.offices.push_back(
        catalog::office_from_json(office_json("buergerbuero-mitte"), "o", errors));
    data.services.push_back(catalog::service_from_json(
        service_json("reisepass-beantragen", "99088013000000"), "s", errors));
    return data;
  }

  fs::path dir_;
  core::ManualClock clock_{core::TimePoint{}};
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<catalog::Catalog> catalog_;
};

TEST_F(CatalogImportTest, ImportsAValidCatalogueAndCountsChanges) {
  auto report = catalog_->import(valid_data(), "test");
  ASSERT_TRUE(report.imported);
  EXPECT_EQ(report.counts.services_added, 1);
  EXPECT_EQ(report.counts.offices_added, 1);
  EXPECT_NE(catalog_->snapshot()->service("reisepass-beantragen"), nullptr);
  EXPECT_EQ(catalog_->snapshot()->service("reisepass-beantragen")->version, 1);
  report = catalog_->import(valid_data(), "test");
  EXPECT_EQ(report.counts.services_added + report.counts.services_changed, 0);
  auto changed = valid_data();
  changed.services[0].summary = "Neu.";
  report = catalog_->import(changed, "test");
  EXPECT_EQ(report.counts.services_changed, 1);
  EXPECT_EQ(catalog_->snapshot()->service("reisepass-beantragen")->version, 2);
}

TEST_F(CatalogImportTest, AnInvalidRecordImportsNothing) {
  ASSERT_TRUE(catalog_->import(valid_data(), "test").imported);
  auto data = valid_data();
  data.services[0].summary = "Geändert.";
  auto broken = data.services[0];
  broken.id = "zweiter-dienst";
  broken.offices = {"gibt-es-nicht"};
  data.services.push_back(broken);
  const auto report = catalog_->import(data, "test");
  EXPECT_FALSE(report.imported);
  EXPECT_FALSE(report.errors.empty());
  catalog_->reload();
  EXPECT_EQ(catalog_->snapshot()->services().size(), 1u);
  EXPECT_EQ(catalog_->snapshot()->service("reisepass-beantragen")->summary,
            "Den Reisepass gibt es im Bürgerbüro.");
}

TEST_F(CatalogImportTest, MaturityStatistics) {
  auto data = valid_data();
  auto online = data.services[0];
  online.id = "online-dienst";
  online.leika = "99000000000002";
  online.maturity = 4;
  data.services.push_back(online);
  ASSERT_TRUE(catalog_->import(data, "test").imported);
  const auto total = catalog_->inventory_total();
  EXPECT_EQ(total.services, 2);
  EXPECT_EQ(total.by_level[1], 1);
  EXPECT_EQ(total.by_level[4], 1);
  EXPECT_DOUBLE_EQ(total.average, 2.5);
  EXPECT_DOUBLE_EQ(total.share_online, 0.5);
}

} // namespace

namespace {

TEST(CatalogCodec, DatesAndTimesAreChecked) {
  auto with_review = [](const std::string& date) {
    json::object s = service_json("a", "99000000000001");
    s["last_review"] = date;
    return has_error(service_errors(s), "last_review");
  };
  EXPECT_FALSE(with_review("2026-10-01"));
  EXPECT_FALSE(with_review("2028-02-29"));
  EXPECT_TRUE(with_review("2026-02-29"));
  EXPECT_TRUE(with_review("2026-13-01"));
  EXPECT_TRUE(with_review("2026-04-31"));
  EXPECT_TRUE(with_review("01.10.2026"));
  EXPECT_TRUE(with_review("2026-1-01"));
}

} // namespace
