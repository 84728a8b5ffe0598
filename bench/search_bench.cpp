// Search speed on a synthetic catalogue of 500 services (search/search.hpp).
// Reports searches per second (items_per_second) with 1 and 2 threads, and
// the p50/p99 latency of single searches. Targets: p99 <= 5 ms, >= 5,000
// searches/s on 2 cores.
//
//   cmake -B build -DSTADTKERN_BENCH=ON && ninja -C build search_bench && build/search_bench
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "search/search.hpp"

namespace {

// Word material: real service words, and syllables for made-up ones.
const std::vector<std::string> kWords = {"Personalausweis",
                                         "Reisepass",
                                         "Wohnsitz",
                                         "Anmeldung",
                                         "Hundesteuer",
                                         "Sperrmüll",
                                         "Führerschein",
                                         "Fahrzeug",
                                         "Zulassung",
                                         "Eheschließung",
                                         "Geburt",
                                         "Urkunde",
                                         "Einbürgerung",
                                         "Verwarnungsgeld",
                                         "Baugenehmigung",
                                         "Wohngeld",
                                         "Führungszeugnis",
                                         "Bibliothek",
                                         "Ausweis",
                                         "Gebühr",
                                         "Termin",
                                         "Bürgerbüro",
                                         "Standesamt",
                                         "Antrag",
                                         "Nachweis",
                                         "Bescheinigung",
                                         "Kinder",
                                         "Jahren",
                                         "Euro",
                                         "beantragen",
                                         "anmelden",
                                         "abmelden",
                                         "bezahlen",
                                         "umtauschen",
                                         "verlängern"};
const std::vector<std::string> kSyllables = {
    "ge",    "ber",    "mel",    "stadt", "amt",  "ver",   "lung", "schein", "wahl",
    "rat",   "haus",   "steuer", "platz", "kind", "schul", "bau",  "park",   "markt",
    "feuer", "wasser", "grün",   "weg",   "zeit", "recht", "hilfe"};

std::string made_up_word(std::mt19937& rng) {
  std::string w;
  const int n = 2 + static_cast<int>(rng() % 3);
  for (int i = 0; i < n; ++i)
    w += kSyllables[rng() % kSyllables.size()];
  w[0] = static_cast<char>(w[0] - 'a' + 'A');
  return w;
}

std::string sentence(std::mt19937& rng, int words) {
  std::string s;
  for (int i = 0; i < words; ++i) {
    if (!s.empty()) s += ' ';
    s += rng() % 3 == 0 ? kWords[rng() % kWords.size()] : made_up_word(rng);
  }
  return s;
}

std::vector<search::Document> catalogue(std::size_t n) {
  std::mt19937 rng(42);
  std::vector<search::Document> docs;
  for (std::size_t i = 0; i < n; ++i) {
    search::Document d;
    d.id = "leistung-" + std::to_string(i);
    d.title = made_up_word(rng) + " " + kWords[rng() % kWords.size()];
    for (int k = 0; k < 5; ++k)
      d.keywords.push_back(made_up_word(rng));
    d.synonyms.push_back(made_up_word(rng));
    d.summary = sentence(rng, 20);
    d.text = sentence(rng, 180);
    docs.push_back(std::move(d));
  }
  return docs;
}

const search::Lexicon& lexicon() {
  static const search::Lexicon l = search::Lexicon::from_json(R"({
    "stop_words": ["ich", "wie", "wo", "was", "brauche", "einen", "neuen", "kann", "mein", "i",
                   "need", "a", "new"],
    "synonyms": {"perso": "personalausweis", "umzug": ["ummeldung", "wohnsitz anmelden"]},
    "translations": {"passport": "reisepass", "register": "anmelden"},
    "off_topic": ["wetter", "döner"]
  })");
  return l;
}

// Questions of every kind: plain, colloquial, compound, typo, English, off-topic, noise.
const std::vector<std::string> kQueries = {
    "Reisepass beantragen",
    "Ich brauche einen neuen Perso",
    "Wo kann ich meinen Hund anmelden?",
    "Sperrmüllanmeldung",
    "Reisepas",
    "Fürerschein umtauschen",
    "I need a new passport",
    "register my address",
    "Wie wird das Wetter morgen?",
    "Umzug",
    "Baugenehmigung Garage",
    "Wohngeld Antrag Nachweis Einkommen",
    "Stadtschein",
    "Parkwahlamt Termin",
    "xqzt",
    "Bürgerbüro Gebühr Termin Kinder Jahren Euro Urkunde Nachweis"};

struct Fixture {
  Fixture()
      : dir(std::filesystem::temp_directory_path() / "stadtkern-search-bench"),
        index(search::Index::build(catalogue(500), lexicon(), dir)) {}
  std::filesystem::path dir;
  std::unique_ptr<search::Index> index;
};

Fixture& fixture() {
  static Fixture f;
  return f;
}

void BM_Search(benchmark::State& state) {
  const search::Index& index = *fixture().index;
  std::size_t i = static_cast<std::size_t>(state.thread_index()) * 7;
  for (auto _ : state) {
    benchmark::DoNotOptimize(index.search(kQueries[i++ % kQueries.size()], 10));
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Search)->Threads(1)->Threads(2)->UseRealTime();

void BM_SearchLatency(benchmark::State& state) {
  const search::Index& index = *fixture().index;
  std::vector<double> micros;
  std::size_t i = 0;
  for (auto _ : state) {
    const auto start = std::chrono::steady_clock::now();
    benchmark::DoNotOptimize(index.search(kQueries[i++ % kQueries.size()], 10));
    micros.push_back(
        std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start)
            .count());
  }
  std::sort(micros.begin(), micros.end());
  state.counters["p50_us"] = micros[micros.size() / 2];
  state.counters["p99_us"] = micros[micros.size() * 99 / 100];
  state.counters["max_us"] = micros.back();
}
BENCHMARK(BM_SearchLatency)->Iterations(20000);

void BM_Build(benchmark::State& state) {
  const auto docs = catalogue(500);
  const auto dir = std::filesystem::temp_directory_path() / "stadtkern-search-bench-build";
  for (auto _ : state)
    benchmark::DoNotOptimize(search::Index::build(docs, lexicon(), dir));
}
BENCHMARK(BM_Build)->Unit(benchmark::kMillisecond)->Iterations(5);

} // namespace

BENCHMARK_MAIN();
