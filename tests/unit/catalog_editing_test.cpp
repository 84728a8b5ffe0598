// Editing single catalogue records: who may edit what, If-Match, the
// history's field list, the A-Z letters, and the check-and-write with
// optimistic locking (also under concurrency) through Catalog::save.
#include "catalog_edit_fixture.hpp"

#include <atomic>
#include <thread>

#include "catalog/editing.hpp"
#include "catalog/letters.hpp"

namespace {

using namespace catalog_test;

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
  EXPECT_TRUE(catalog::starts_with_letter("1. Hilfe", "#"));
  EXPECT_TRUE(catalog::starts_with_letter("„Zitat“", "#"));
  EXPECT_FALSE(catalog::starts_with_letter("Übernahme", "#"));
  EXPECT_EQ(catalog::fold_for_index("Größe ẞ 7"), "GROSSE SS 7");
}

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
} // namespace
