// The quality yardstick of the citizen search ("115" knowledge base): the
// evaluation set tests/search/eval-de.json (questions as citizens type them,
// with the services that answer them, and off-topic questions the town cannot
// answer) run against the whole demo catalogue with the real lexicon.
//
// The set is written independently of the engine; never edit cases to make
// the engine pass. The test prints a report (figures per kind and every miss)
// and asserts floors that the engine reaches today.
#include <gtest/gtest.h>

#include "temp_dir.hpp"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <map>
#include <optional>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "catalog/catalog.hpp"
#include "catalog/loader.hpp"
#include "catalog/model.hpp"
#include "core/json.hpp"
#include "search/search.hpp"

#ifndef STADTKERN_SOURCE_DIR
#error "STADTKERN_SOURCE_DIR (the repository root) must be defined by tests/unit/CMakeLists.txt"
#endif

namespace {

using testing_support::TempDir;

namespace fs = std::filesystem;
namespace json = boost::json;

// Targets: top-1 >= 90 %, top-3 >= 97 %, no_answer on off-topic >= 90 %.
// The floors below are what the engine reaches today, rounded down to the
// next whole percent: they catch regressions. Floors only rise; raise them when the
// engine improves, never lower them to make a change pass.
// Measured when the set was written (316 answerable, 35 off-topic cases):
// committed engine e348b55: top-1 89.9 %, top-3 94.3 %, no_answer 94.3 %;
// the engine then being tuned:  top-1 91.5-91.8 %, top-3 94.6 %, no_answer 97.1 %;
// after tuning (generic words, corrections): top-1 94.0 %, top-3 97.5 %,
// no_answer 94.3 %.
constexpr double kTop1Floor = 0.93;
constexpr double kTop3Floor = 0.97;
constexpr double kNoAnswerFloor = 0.94;

constexpr std::size_t kLimit = 3;

const fs::path kRoot = STADTKERN_SOURCE_DIR;

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

struct Case {
  std::string q;
  std::optional<std::vector<std::string>> expected; // nullopt: off-topic, no answer expected
  std::string kind;
};

std::vector<Case> load_cases() {
  const json::value v = core::json::parse(read_file(kRoot / "tests/search/eval-de.json"));
  std::vector<Case> cases;
  for (const json::value& c : v.as_object().at("cases").as_array()) {
    const json::object& o = c.as_object();
    Case out;
    out.q = json::value_to<std::string>(o.at("q"));
    out.kind = json::value_to<std::string>(o.at("kind"));
    if (!o.at("expected").is_null())
      out.expected = json::value_to<std::vector<std::string>>(o.at("expected"));
    cases.push_back(std::move(out));
  }
  return cases;
}

std::string join(const std::vector<std::string>& items, const char* separator) {
  std::string out;
  for (const auto& s : items) {
    if (!out.empty()) out += separator;
    out += s;
  }
  return out;
}

std::vector<catalog::Service> load_services() {
  std::vector<catalog::ValidationError> errors;
  catalog::CatalogData data = catalog::read_catalog_dir(kRoot / "data/musterstadt", errors);
  for (const auto& e : errors)
    ADD_FAILURE() << "catalogue: " << e.record << " " << e.field << ": " << e.message;
  return std::move(data.services);
}

std::string percent(std::size_t n, std::size_t of) {
  std::ostringstream out;
  out << std::fixed << std::setprecision(1) << (of == 0 ? 0.0 : 100.0 * double(n) / double(of))
      << " % (" << n << "/" << of << ")";
  return out.str();
}

std::string describe(const search::Result& r) {
  if (r.no_answer || r.hits.empty()) return "no answer";
  std::ostringstream out;
  out << std::fixed << std::setprecision(2);
  for (std::size_t i = 0; i < r.hits.size(); ++i)
    out << (i ? ", " : "") << r.hits[i].id << " " << r.hits[i].score;
  return out.str();
}

TEST(SearchQuality, EvalSetIsWellFormed) {
  const auto cases = load_cases();
  std::set<std::string> ids;
  for (const auto& s : load_services())
    ids.insert(s.id);
  const std::set<std::string> kinds = {"colloquial", "keyword",  "long",    "typo",
                                       "umlaut",     "compound", "english", "off_topic"};
  std::size_t answerable = 0, off_topic = 0;
  std::set<std::string> covered, queries;
  for (const auto& c : cases) {
    EXPECT_FALSE(c.q.empty());
    EXPECT_TRUE(queries.insert(c.q).second) << "duplicate question: " << c.q;
    EXPECT_TRUE(kinds.count(c.kind)) << c.q << ": unknown kind " << c.kind;
    EXPECT_EQ(!c.expected, c.kind == "off_topic") << c.q << ": off_topic iff expected is null";
    if (!c.expected) {
      ++off_topic;
      continue;
    }
    ++answerable;
    EXPECT_FALSE(c.expected->empty()) << c.q;
    for (const auto& id : *c.expected) {
      EXPECT_TRUE(ids.count(id)) << c.q << ": no service " << id;
      covered.insert(id);
    }
  }
  EXPECT_GE(answerable, 200u);
  EXPECT_GE(off_topic, 30u);
  EXPECT_GE(covered.size(), 100u);
}

TEST(SearchQuality, MeetsFloors) {
  const auto cases = load_cases();
  const auto services = load_services();
  ASSERT_FALSE(services.empty());
  std::vector<search::Document> docs;
  for (const auto& s : services)
    docs.push_back(catalog::search_document(s));
  const auto lexicon = search::Lexicon::from_json(read_file(kRoot / "data/search/lexicon-de.json"));
  TempDir dir;
  const auto index = search::Index::build(docs, lexicon, dir.path());

  struct Tally {
    std::size_t n = 0, top1 = 0, top3 = 0;
  };
  std::map<std::string, Tally> by_kind;
  Tally all;
  std::size_t off_topic = 0, off_topic_ok = 0;
  std::ostringstream misses, wrong_answers;

  for (const auto& c : cases) {
    const search::Result r = index->search(c.q, kLimit);
    if (!c.expected) {
      ++off_topic;
      if (r.no_answer || r.hits.empty())
        ++off_topic_ok;
      else
        wrong_answers << "  \"" << c.q << "\" -> " << describe(r) << "  [understood: \""
                      << r.interpreted_query << "\"]\n";
      continue;
    }
    const auto is_expected = [&](const search::Hit& h) {
      return std::find(c.expected->begin(), c.expected->end(), h.id) != c.expected->end();
    };
    const bool answered = !r.no_answer && !r.hits.empty();
    const bool top1 = answered && is_expected(r.hits.front());
    const bool top3 =
        answered &&
        std::any_of(r.hits.begin(),
                    r.hits.begin() + std::ptrdiff_t(std::min(kLimit, r.hits.size())), is_expected);
    for (Tally* t : {&all, &by_kind[c.kind]}) {
      ++t->n;
      t->top1 += top1;
      t->top3 += top3;
    }
    if (!top1)
      misses << "  " << (top3 ? "[top-3] " : "[miss]  ") << "\"" << c.q << "\" (" << c.kind
             << ") expected " << join(*c.expected, " | ") << "; got " << describe(r)
             << "  [understood: \"" << r.interpreted_query << "\""
             << (r.corrected ? ", corrected" : "") << "]\n";
  }

  const double top1 = double(all.top1) / double(all.n);
  const double top3 = double(all.top3) / double(all.n);
  const double no_answer = double(off_topic_ok) / double(off_topic);

  std::cout << "\n=== Search quality: tests/search/eval-de.json on the demo catalogue ("
            << index->size() << " services) ===\n"
            << "answerable cases: " << all.n << ", off-topic cases: " << off_topic << "\n"
            << "top-1 accuracy:        " << percent(all.top1, all.n) << "   floor "
            << kTop1Floor * 100 << " %, target 90 %\n"
            << "top-3 accuracy:        " << percent(all.top3, all.n) << "   floor "
            << kTop3Floor * 100 << " %, target 97 %\n"
            << "off-topic no_answer:   " << percent(off_topic_ok, off_topic) << "   floor "
            << kNoAnswerFloor * 100 << " %, target 90 %\n"
            << "by kind (top-1 / top-3):\n";
  for (const auto& [kind, t] : by_kind)
    std::cout << "  " << std::left << std::setw(11) << kind << std::right << " "
              << percent(t.top1, t.n) << " / " << percent(t.top3, t.n) << "\n";
  std::cout << "answerable cases not answered right at rank 1:\n"
            << misses.str() << "off-topic cases that got an answer:\n"
            << wrong_answers.str() << std::endl;

  EXPECT_GE(top1, kTop1Floor) << "top-1 accuracy fell below its floor";
  EXPECT_GE(top3, kTop3Floor) << "top-3 accuracy fell below its floor";
  EXPECT_GE(no_answer, kNoAnswerFloor) << "off-topic no_answer share fell below its floor";
}

} // namespace
