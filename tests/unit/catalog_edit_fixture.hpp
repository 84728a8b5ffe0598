// Shared by the unit tests of catalogue editing: a small catalogue (one
// office of the Bürgeramt, a service of the Bürgeramt and one of the
// Ordnungsamt) in a temporary database, and editors of both departments.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <optional>
#include <unistd.h>

#include "catalog/catalog.hpp"
#include "core/json.hpp"

namespace catalog_test {

namespace fs = std::filesystem;
namespace json = boost::json;
using catalog::SaveResult;
using Status = catalog::SaveResult::Status;

inline const catalog::Editor kAnna{"u-anna", "Anna Schmidt", "Bürgeramt", false};
inline const catalog::Editor kOtherStaff{"u-otto", "Otto Ordnung", "Ordnungsamt", false};
inline const catalog::Editor kAdmin{"u-admin", "Verwaltung Admin", "", true};
using Versions = std::optional<std::vector<std::int64_t>>;

inline json::object office_json(const std::string& id, const std::string& department) {
  return core::json::parse(R"({"id": ")" + id + R"(", "name": "Bürgerbüro", "department": ")" +
                           department + R"(",
    "address": {"street": "Markt 1", "postal_code": "59999", "city": "Musterstadt"},
    "position": {"lat": 51.5, "lon": 7.4}, "phone": "+49 2999 1", "email": "bb@musterstadt.de",
    "opening_hours": [{"day": "mo", "open": "08:00", "close": "12:30"}],
    "accessibility": "Stufenloser Zugang", "counters": 4})")
      .as_object();
}

inline json::object service_json(const std::string& id, const std::string& leika,
                                 const std::string& department = "Bürgeramt") {
  return core::json::parse(R"({"id": ")" + id + R"(", "leika": ")" + leika + R"(",
    "title": "Reisepass beantragen", "summary": "Den Reisepass gibt es im Bürgerbüro.",
    "description": "Beschreibung.", "topic": "Melde- und Passwesen", "department": ")" +
                           department + R"(",
    "prerequisites": [], "documents": ["Personalausweis"], "fees": [{"amount": 70}],
    "legal_basis": ["PassG"], "offices": ["buergerbuero-mitte"], "online_service_url": null,
    "channels": ["vor_ort"], "maturity": 1, "appointment_minutes": 15, "keywords": ["Pass"],
    "last_review": "2026-10-01"})")
      .as_object();
}

template <class Record>
Record decode(const json::object& o, Record (*from)(const json::value&, const std::string&,
                                                    std::vector<catalog::ValidationError>&)) {
  std::vector<catalog::ValidationError> errors;
  Record r = from(o, "test", errors);
  EXPECT_TRUE(errors.empty()) << errors[0].field << ": " << errors[0].message;
  return r;
}

inline catalog::Service service(const std::string& id, const std::string& leika,
                                const std::string& department = "Bürgeramt") {
  return decode<catalog::Service>(service_json(id, leika, department), &catalog::service_from_json);
}

class CatalogEditTest : public ::testing::Test {
protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("stadtkern-catalog-edit-" + std::to_string(::getpid()));
    fs::create_directories(dir_);
    db_ = store::Database::open("sqlite:catalog.db", dir_.string());
    db_->migrate(catalog::Catalog::migrations());
    catalog_ = std::make_unique<catalog::Catalog>(*db_, clock_, dir_ / "search", search::Lexicon{});
    catalog::CatalogData data;
    data.offices.push_back(decode<catalog::Office>(office_json("buergerbuero-mitte", "Bürgeramt"),
                                                   &catalog::office_from_json));
    data.services.push_back(service("reisepass-beantragen", "99088013000000"));
    data.services.push_back(service("gewerbe-anmelden", "99050012104000", "Ordnungsamt"));
    ASSERT_TRUE(catalog_->import(std::move(data), "test").imported);
  }
  void TearDown() override {
    catalog_.reset();
    db_->close();
    fs::remove_all(dir_);
  }

  const catalog::Service& stored(const std::string& id) {
    snapshot_ = catalog_->snapshot(); // keeps the record alive for the caller
    const catalog::Service* s = snapshot_->service(id);
    EXPECT_NE(s, nullptr) << id;
    return *s;
  }

  fs::path dir_;
  core::ManualClock clock_{core::TimePoint{std::chrono::seconds(1'790'000'000)}};
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<catalog::Catalog> catalog_;
  std::shared_ptr<const catalog::Snapshot> snapshot_;
};

} // namespace catalog_test
