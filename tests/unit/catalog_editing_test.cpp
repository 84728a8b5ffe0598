// Editing single catalogue records: who may edit what, If-Match, the
// history's field list, check-and-write with optimistic locking (also under
// concurrency), the HTTP rules of the editing routes, and the A-Z letters.
#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <set>
#include <thread>
#include <unistd.h>

#include "catalog/catalog.hpp"
#include "catalog/editing.hpp"
#include "catalog/letters.hpp"
#include "catalog/routes.hpp"
#include "core/error.hpp"
#include "core/json.hpp"

namespace {

namespace fs = std::filesystem;
namespace json = boost::json;
using catalog::SaveResult;
using Status = catalog::SaveResult::Status;

const catalog::Editor kAnna{"u-anna", "Anna Schmidt", "Bürgeramt", false};
const catalog::Editor kOtherStaff{"u-otto", "Otto Ordnung", "Ordnungsamt", false};
const catalog::Editor kAdmin{"u-admin", "Verwaltung Admin", "", true};

TEST(CatalogEditingRules, StaffEditOnlyTheirOwnDepartmentAdminsEverything) {
  EXPECT_TRUE(catalog::may_edit(kAnna, "Bürgeramt"));
  EXPECT_FALSE(catalog::may_edit(kAnna, "Ordnungsamt"));
  EXPECT_FALSE(catalog::may_edit(kAnna, "Bürgeramt – Ehrenamtsbüro"));
  EXPECT_FALSE(catalog::may_edit(kAnna, "bürgeramt"));
  EXPECT_TRUE(catalog::may_edit(kAdmin, "Ordnungsamt"));
  EXPECT_FALSE(catalog::may_edit({"u", "Ohne", "", false}, ""));
}

TEST(CatalogEditingRules, IfMatchNamesVersions) {
  EXPECT_FALSE(catalog::parse_if_match("", false).present);
  auto m = catalog::parse_if_match("\"3\"", true);
  EXPECT_TRUE(m.present);
  EXPECT_EQ(m.versions, std::vector<std::int64_t>{3});
  m = catalog::parse_if_match(" \"3\" ,W/\"4\", \"5\"", true);
  EXPECT_EQ(m.versions, (std::vector<std::int64_t>{3, 5}));
  m = catalog::parse_if_match("*", true);
  EXPECT_TRUE(m.any);
  EXPECT_TRUE(m.versions.empty());
  for (const char* junk :
       {"3", "\"\"", "\"-1\"", "\"0\"", "\"3x\"", "\"99999999999999999999\"", "W/\"3\"", "\""}) {
    m = catalog::parse_if_match(junk, true);
    EXPECT_TRUE(m.present) << junk;
    EXPECT_TRUE(m.versions.empty()) << junk;
  }
}

TEST(CatalogEditingRules, ChangedFieldsNameAddedRemovedAndChangedMembers) {
  const json::object before = core::json::parse(R"({"title": "A", "fees": [{"amount": 1}],
      "keywords": ["x"], "deadlines": "bald", "maturity": 1})")
                                  .as_object();
  const json::object after = core::json::parse(R"({"title": "A", "fees": [{"amount": 2}],
      "keywords": ["x"], "maturity": 1, "processing_time": "2 Wochen"})")
                                 .as_object();
  EXPECT_EQ(catalog::changed_fields(before, after),
            (std::vector<std::string>{"deadlines", "fees", "processing_time"}));
  EXPECT_TRUE(catalog::changed_fields(before, before).empty());
}

TEST(CatalogEditingRules, ReadOnlyMembersOfGetAreDropped) {
  json::object body{{"id", "x"},        {"version", 3},        {"url", "/leistungen/x"},
                    {"fees_text", "…"}, {"office_details", 1}, {"related_details", 2},
                    {"title", "Titel"}};
  catalog::drop_read_only_members(body, catalog::RecordKind::service);
  EXPECT_EQ(core::json::dump(body), R"({"id":"x","title":"Titel"})");
  json::object office{{"id", "o"}, {"services", json::array{}}, {"version", 1}};
  catalog::drop_read_only_members(office, catalog::RecordKind::office);
  EXPECT_EQ(core::json::dump(office), R"({"id":"o"})");
}

TEST(CatalogLetters, InitialLettersFoldCaseAndUmlauts) {
  EXPECT_EQ(catalog::initial_letter("Übernahme"), "U");
  EXPECT_EQ(catalog::initial_letter("ärztliches Attest"), "A");
  EXPECT_EQ(catalog::initial_letter("Öffnungszeiten"), "O");
  EXPECT_EQ(catalog::initial_letter("éclair"), "E");
  EXPECT_EQ(catalog::initial_letter("ßtraße"), "S");
  EXPECT_EQ(catalog::initial_letter("reisepass"), "R");
  EXPECT_EQ(catalog::initial_letter("1. Hilfe"), "#");
  EXPECT_EQ(catalog::initial_letter("„Zitat“"), "#");
  EXPECT_EQ(catalog::initial_letter(""), "#");
  EXPECT_EQ(catalog::initial_letter("\xC3"), "#"); // cut UTF-8 is not a letter
}

TEST(CatalogLetters, LetterFilterIgnoresCaseAndAccents) {
  EXPECT_TRUE(catalog::starts_with_letter("Übernahme", "u"));
  EXPECT_TRUE(catalog::starts_with_letter("Übernahme", "Ü"));
  EXPECT_TRUE(catalog::starts_with_letter("Umzug", "ü"));
  EXPECT_TRUE(catalog::starts_with_letter("Abfall", "ab"));
  EXPECT_TRUE(catalog::starts_with_letter("Straße", "STRASS"));
  EXPECT_TRUE(catalog::starts_with_letter("Beliebig", ""));
  EXPECT_FALSE(catalog::starts_with_letter("Bad", "a"));
  EXPECT_FALSE(catalog::starts_with_letter("A", "ab"));
  EXPECT_EQ(catalog::fold_for_index("Größe ẞ 7"), "GROSSE SS 7");
}

json::object office_json(const std::string& id, const std::string& department) {
  return core::json::parse(R"({"id": ")" + id + R"(", "name": "Bürgerbüro", "department": ")" +
                           department + R"(",
    "address": {"street": "Markt 1", "postal_code": "59999", "city": "Musterstadt"},
    "position": {"lat": 51.5, "lon": 7.4}, "phone": "+49 2999 1", "email": "bb@musterstadt.de",
    "opening_hours": [{"day": "mo", "open": "08:00", "close": "12:30"}],
    "accessibility": "Stufenloser Zugang", "counters": 4})")
      .as_object();
}

json::object service_json(const std::string& id, const std::string& leika,
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

catalog::Service service(const std::string& id, const std::string& leika,
                         const std::string& department = "Bürgeramt") {
  return decode<catalog::Service>(service_json(id, leika, department), &catalog::service_from_json);
}

using Versions = std::optional<std::vector<std::int64_t>>;

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

TEST_F(CatalogEditTest, AnUpdateWithTheCurrentVersionIsSavedAndShownAtOnce) {
  auto s = stored("reisepass-beantragen");
  s.title = "Reisepass beantragen (Zauberwort Quendelkraut)";
  s.summary = "Neu.";
  const SaveResult r = catalog_->save(s, Versions{{1}}, kAnna);
  EXPECT_EQ(r.status, Status::updated);
  EXPECT_EQ(r.version, 2);
  EXPECT_EQ(r.fields, (std::vector<std::string>{"summary", "title"}));
  EXPECT_EQ(stored("reisepass-beantragen").title, s.title);
  EXPECT_EQ(stored("reisepass-beantragen").version, 2);
  const auto answer = catalog_->search("Quendelkraut", 5);
  ASSERT_FALSE(answer.hits.empty());
  EXPECT_EQ(answer.hits[0].service->id, "reisepass-beantragen");

  const auto history = catalog_->history(catalog::RecordKind::service, "reisepass-beantragen");
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(history[0].version, 2);
  EXPECT_EQ(history[0].action, "update");
  EXPECT_EQ(history[0].changed_by, "u-anna");
  EXPECT_EQ(history[0].changed_by_name, "Anna Schmidt");
  EXPECT_EQ(history[0].changed_at, "2026-09-21T14:13:20Z");
  EXPECT_EQ(history[0].fields, (std::vector<std::string>{"summary", "title"}));
  EXPECT_EQ(history[1].action, "create");
  EXPECT_EQ(history[1].changed_by_name, "test");
}

TEST_F(CatalogEditTest, TheIndexIsRebuiltOnlyWhenWhatItIndexesChanged) {
  const auto before = catalog_->snapshot();
  auto s = stored("reisepass-beantragen");
  s.fees[0].amount = 81; // not searched: the index stays, the record changes
  s.appointment_minutes = 30;
  ASSERT_EQ(catalog_->save(s, Versions{{1}}, kAnna).status, Status::updated);
  const auto fees_changed = catalog_->snapshot();
  EXPECT_EQ(fees_changed->index(), before->index());
  EXPECT_DOUBLE_EQ(fees_changed->service("reisepass-beantragen")->fees[0].amount, 81);
  auto office = *fees_changed->office("buergerbuero-mitte");
  office.counters = 7;
  ASSERT_EQ(catalog_->save(office, Versions{{1}}, kAnna).status, Status::updated);
  EXPECT_EQ(catalog_->snapshot()->index(), before->index());
  EXPECT_EQ(catalog_->snapshot()->office("buergerbuero-mitte")->counters, 7);
  s.keywords.push_back("Quendelkraut"); // searched: a new index finds it
  ASSERT_EQ(catalog_->save(s, Versions{{2}}, kAnna).status, Status::updated);
  EXPECT_NE(catalog_->snapshot()->index(), before->index());
  const auto answer = catalog_->search("Quendelkraut", 5);
  ASSERT_FALSE(answer.hits.empty());
  EXPECT_EQ(answer.hits[0].service->id, "reisepass-beantragen");
}

TEST_F(CatalogEditTest, AStaleVersionIsRefusedAndNamesTheCurrentOne) {
  auto s = stored("reisepass-beantragen");
  s.summary = "Erste Änderung.";
  ASSERT_EQ(catalog_->save(s, Versions{{1}}, kAnna).status, Status::updated);
  s.summary = "Zweite Änderung auf altem Stand.";
  const SaveResult r = catalog_->save(s, Versions{{1}}, kAdmin);
  EXPECT_EQ(r.status, Status::stale);
  EXPECT_EQ(r.version, 2);
  EXPECT_EQ(catalog_->save(s, Versions{std::vector<std::int64_t>{}}, kAdmin).status, Status::stale);
  EXPECT_EQ(stored("reisepass-beantragen").summary, "Erste Änderung.");
  EXPECT_EQ(catalog_->history(catalog::RecordKind::service, "reisepass-beantragen").size(), 2u);
}

TEST_F(CatalogEditTest, TheDepartmentOfTheStoredRecordDecides) {
  auto s = stored("gewerbe-anmelden");
  s.department = "Bürgeramt"; // moving it into her own department does not help
  EXPECT_EQ(catalog_->save(s, Versions{{1}}, kAnna).status, Status::forbidden);
  EXPECT_EQ(stored("gewerbe-anmelden").department, "Ordnungsamt");
  auto own = stored("reisepass-beantragen");
  own.department = "Ordnungsamt"; // nor move her own record out of her reach
  EXPECT_EQ(catalog_->save(own, Versions{{1}}, kAnna).status, Status::forbidden);
  EXPECT_EQ(
      catalog_->save(service("fremd", "99088013000009", "Ordnungsamt"), std::nullopt, kAnna).status,
      Status::forbidden);
  EXPECT_EQ(catalog_->snapshot()->service("fremd"), nullptr);
  s.department = "Ordnungsamt";
  s.summary = "Vom Ordnungsamt geändert.";
  EXPECT_EQ(catalog_->save(s, Versions{{1}}, kOtherStaff).status, Status::updated);
  s.summary = "Vom Admin geändert.";
  EXPECT_EQ(catalog_->save(s, Versions{{2}}, kAdmin).status, Status::updated);
}

TEST_F(CatalogEditTest, BrokenReferencesSaveNothing) {
  auto s = service("kinderreisepass", "99088013000001");
  s.offices = {"gibt-es-nicht"};
  s.related = {"kinderreisepass", "reisepass-beantragen"};
  s.leika = "99088013000000"; // the Reisepass's key
  const SaveResult r = catalog_->save(s, std::nullopt, kAnna);
  ASSERT_EQ(r.status, Status::invalid);
  std::vector<std::string> fields;
  for (const auto& e : r.errors)
    fields.push_back(e.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"offices[0]", "related[0]", "leika"}));
  EXPECT_EQ(catalog_->snapshot()->service("kinderreisepass"), nullptr);
  EXPECT_TRUE(catalog_->history(catalog::RecordKind::service, "kinderreisepass").empty());
}

TEST_F(CatalogEditTest, CreateRefusesATakenIdAndUnchangedWritesNothing) {
  auto s = service("kinderreisepass", "99088013000001");
  s.related = {"reisepass-beantragen"};
  SaveResult r = catalog_->save(s, std::nullopt, kAnna);
  EXPECT_EQ(r.status, Status::created);
  EXPECT_EQ(r.version, 1);
  EXPECT_NE(catalog_->snapshot()->service("kinderreisepass"), nullptr);
  EXPECT_EQ(catalog_->save(s, std::nullopt, kAnna).status, Status::exists);
  r = catalog_->save(s, Versions{{1}}, kAnna);
  EXPECT_EQ(r.status, Status::unchanged);
  EXPECT_EQ(r.version, 1);
  EXPECT_EQ(catalog_->history(catalog::RecordKind::service, "kinderreisepass").size(), 1u);
  EXPECT_EQ(catalog_->save(service("gibt-es-nicht", "99088013000002"), Versions{{1}}, kAnna).status,
            Status::missing);
}

TEST_F(CatalogEditTest, TwoEditorsWithTheSameVersionGetOneSaveAndOneRefusal) {
  for (int round = 0; round < 5; ++round) {
    const auto base = stored("reisepass-beantragen");
    std::atomic<int> updated{0}, stale{0};
    std::vector<std::thread> editors;
    for (int i = 0; i < 2; ++i)
      editors.emplace_back([&, i] {
        auto s = base;
        s.summary = "Fassung " + std::to_string(round) + "/" + std::to_string(i);
        const auto r = catalog_->save(s, Versions{{base.version}}, i == 0 ? kAnna : kAdmin);
        if (r.status == Status::updated) ++updated;
        if (r.status == Status::stale) ++stale;
      });
    for (auto& t : editors)
      t.join();
    EXPECT_EQ(updated.load(), 1);
    EXPECT_EQ(stale.load(), 1);
    EXPECT_EQ(stored("reisepass-beantragen").version, base.version + 1);
  }
}

TEST_F(CatalogEditTest, ConcurrentEditsOfDifferentRecordsAllReachTheSnapshot) {
  std::vector<std::thread> editors;
  for (int i = 0; i < 4; ++i)
    editors.emplace_back([&, i] {
      auto s = service("neu-" + std::to_string(i), "9900000000010" + std::to_string(i));
      EXPECT_EQ(catalog_->save(s, std::nullopt, kAnna).status, Status::created);
    });
  for (auto& t : editors)
    t.join();
  for (int i = 0; i < 4; ++i)
    EXPECT_NE(catalog_->snapshot()->service("neu-" + std::to_string(i)), nullptr) << i;
}

// --- the HTTP rules, with requests built by hand ---------------------------------

class CatalogEditRoutesTest : public CatalogEditTest {
protected:
  void SetUp() override {
    CatalogEditTest::SetUp();
    catalog::add_routes(router_, *catalog_);
  }

  http::Response call(http::Method method, const std::string& path, std::string body,
                      std::optional<http::Identity> who, const std::string& if_match = "") {
    http::Request r;
    r.method = method;
    r.path = r.raw_path = r.target = path;
    r.body = std::move(body);
    r.identity = std::move(who);
    if (!if_match.empty()) r.headers.add("If-Match", if_match);
    const http::Match m = router_.match(method, path);
    EXPECT_EQ(m.kind, http::Match::Kind::found) << path;
    r.path_params = m.params;
    return m.route->handler(r);
  }

  // The kind of error a call raises; internal when it raises none.
  core::ErrorKind error_of(http::Method method, const std::string& path, std::string body,
                           std::optional<http::Identity> who, const std::string& if_match = "") {
    try {
      call(method, path, std::move(body), std::move(who), if_match);
    } catch (const core::Error& e) {
      last_ = e.extensions();
      return e.kind();
    }
    return core::ErrorKind::internal;
  }

  static std::string body_of(const catalog::Service& s) {
    return core::json::dump(catalog::to_json(s, true));
  }

  http::Router router_;
  std::string last_; // extension members of the last error
  const http::Identity anna_{"u-anna", "anna", "Anna Schmidt", http::Role::staff, "Bürgeramt", "s"};
  const http::Identity tom_{"u-tom", "tom", "Tom Müller", http::Role::citizen, "", "s"};
};

TEST_F(CatalogEditRoutesTest, WhoMayCallWhat) {
  using K = core::ErrorKind;
  const std::string body = body_of(stored("reisepass-beantragen"));
  const auto put = http::Method::put;
  EXPECT_EQ(error_of(put, "/api/services/reisepass-beantragen", body, std::nullopt, "\"1\""),
            K::unauthenticated);
  EXPECT_EQ(error_of(put, "/api/services/reisepass-beantragen", body, tom_, "\"1\""), K::forbidden);
  EXPECT_EQ(error_of(put, "/api/services/gewerbe-anmelden", body_of(stored("gewerbe-anmelden")),
                     anna_, "\"1\""),
            K::forbidden);
  EXPECT_EQ(error_of(http::Method::get, "/api/services/reisepass-beantragen/history", "", tom_),
            K::forbidden);
  auto moved = stored("reisepass-beantragen");
  moved.department = "Ordnungsamt";
  EXPECT_EQ(error_of(put, "/api/services/reisepass-beantragen", body_of(moved), anna_, "\"1\""),
            K::forbidden);
  EXPECT_EQ(stored("reisepass-beantragen").department, "Bürgeramt");
}

TEST_F(CatalogEditRoutesTest, PreconditionsAndMalformedBodies) {
  using K = core::ErrorKind;
  const auto put = http::Method::put;
  const std::string path = "/api/services/reisepass-beantragen";
  const std::string body = body_of(stored("reisepass-beantragen"));
  EXPECT_EQ(error_of(put, path, body, anna_), K::precondition_required);
  EXPECT_EQ(error_of(put, path, body, anna_, "*"), K::precondition_required);
  EXPECT_EQ(error_of(put, path, body, anna_, "\"7\""), K::precondition_failed);
  EXPECT_EQ(core::json::parse(last_).at("current_version").as_int64(), 1);
  EXPECT_EQ(error_of(put, path, "{", anna_, "\"1\""), K::invalid_argument);
  EXPECT_EQ(error_of(put, path, "[1]", anna_, "\"1\""), K::invalid_argument);
  auto other = stored("reisepass-beantragen");
  other.id = "anderer-dienst";
  EXPECT_EQ(error_of(put, path, body_of(other), anna_, "\"1\""), K::invalid_argument);
  EXPECT_EQ(error_of(put, "/api/services/gibt-es-nicht", body, anna_, "\"1\""), K::not_found);
}

TEST_F(CatalogEditRoutesTest, AnInvalidRecordListsEveryProblemAndSavesNothing) {
  json::object bad = catalog::to_json(stored("reisepass-beantragen"), true);
  bad["maturity"] = 9;
  bad["title"] = "";
  bad["channels"] = json::array{"fax"};
  bad["offices"] = json::array{"gibt-es-nicht"};
  EXPECT_EQ(error_of(http::Method::put, "/api/services/reisepass-beantragen", core::json::dump(bad),
                     anna_, "\"1\""),
            core::ErrorKind::unprocessable);
  const json::value problems = core::json::parse(last_);
  std::set<std::string> fields;
  for (const auto& e : problems.at("errors").as_array()) {
    EXPECT_EQ(e.at("record").as_string(), "service reisepass-beantragen");
    EXPECT_FALSE(e.at("message").as_string().empty());
    fields.emplace(e.at("field").as_string());
  }
  EXPECT_EQ(fields, (std::set<std::string>{"maturity", "title", "channels[0]"}));
  // References are checked once the record itself is valid.
  bad = catalog::to_json(stored("reisepass-beantragen"), true);
  bad["offices"] = json::array{"gibt-es-nicht"};
  EXPECT_EQ(error_of(http::Method::put, "/api/services/reisepass-beantragen", core::json::dump(bad),
                     anna_, "\"1\""),
            core::ErrorKind::unprocessable);
  EXPECT_NE(last_.find("offices[0]"), std::string::npos);
  EXPECT_EQ(stored("reisepass-beantragen").version, 1);
}

TEST_F(CatalogEditRoutesTest, ASaveAnswersWithTheNewETagAndWhatGetReturnsIsAccepted) {
  const http::Response got =
      call(http::Method::get, "/api/services/reisepass-beantragen", "", std::nullopt);
  json::object body = core::json::parse(got.body).as_object();
  body["summary"] = "Zurückgeschickt mit allen Feldern von GET.";
  const http::Response saved =
      call(http::Method::put, "/api/services/reisepass-beantragen", core::json::dump(body), anna_,
           std::string(got.headers.get("ETag")));
  EXPECT_EQ(saved.status, 200);
  EXPECT_EQ(saved.headers.get("ETag"), "\"2\"");
  const http::Response created =
      call(http::Method::post, "/api/services",
           core::json::dump(service_json("kinderreisepass", "99088013000001")), anna_);
  EXPECT_EQ(created.status, 201);
  EXPECT_EQ(created.headers.get("Location"), "/api/services/kinderreisepass");
  EXPECT_EQ(created.headers.get("ETag"), "\"1\"");
  const http::Response history =
      call(http::Method::get, "/api/services/reisepass-beantragen/history", "", anna_);
  const json::value h = core::json::parse(history.body);
  EXPECT_EQ(h.at("history").as_array().size(), 2u);
  EXPECT_EQ(h.at("history").at(0).at("fields"), json::value(json::array{"summary"}));
}

} // namespace
