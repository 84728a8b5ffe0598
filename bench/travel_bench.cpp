// Speed and memory of the assistant's gazetteer (assistant/travel/gazetteer.hpp):
// loading the data files (with the resident memory it adds, read from
// /proc/self/status), exact and typo resolutions, and find_in over whole
// questions, each with p50/p99 latencies. Targets: load well under a second
// and <= 100 MB; a resolution (typos included) well under 1 ms.
//
//   cmake -B build -DSTADTKERN_BENCH=ON && ninja -C build travel_bench && build/travel_bench
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "assistant/travel/gazetteer.hpp"

namespace {

using assistant::travel::Gazetteer;

const std::filesystem::path kData = std::filesystem::path(STADTKERN_SOURCE_DIR) / "data/assistant";

// Resident set size of this process in kB.
long rss_kb() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line))
    if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
  return 0;
}

const Gazetteer& gazetteer() {
  static const Gazetteer g = Gazetteer::load(kData);
  return g;
}

const std::vector<std::string> kExact = {"Marrakesch", "Mailand",  "New York", "Antalya",
                                         "Hurghada",   "Mallorca", "Kreta",    "Bali",
                                         "Paris",      "Türkei",   "Lissabon", "Kopenhagen",
                                         "Sansibar",   "Malle",    "Peking",   "Valencia"};
const std::vector<std::string> kTypos = {"Marakesch", "Mailnad",  "Lissabonn", "Barcelna",
                                         "Kopenhagn", "Hurgada",  "Antlya",    "Tailand",
                                         "Malediwen", "Sansibat", "Istambul",  "Amsterdm"};
const std::vector<std::string> kMisses = {"Hundesteuer", "Wohnsitz", "Xqzvbrt", "Sperrmüll"};
const std::vector<std::string> kQuestions = {
    "Brauche ich für Marrakesch einen Pass?",
    "brauche ich für marakesch einen pass",
    "Wir fahren in zwei Wochen nach Hurghada, was brauchen wir?",
    "Reicht mein Personalausweis für Kreta?",
    "Ich möchte nach New York reisen",
    "Wann hat das Bürgerbüro geöffnet?"};

// Runs `call` over `inputs` many times and reports p50/p99 per call in µs.
template <typename Call>
void latency(benchmark::State& state, const std::vector<std::string>& inputs, Call call) {
  std::vector<double> micros;
  std::size_t i = 0;
  for (auto _ : state) {
    const auto start = std::chrono::steady_clock::now();
    benchmark::DoNotOptimize(call(inputs[i++ % inputs.size()]));
    micros.push_back(
        std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start)
            .count());
  }
  std::sort(micros.begin(), micros.end());
  state.counters["p50_us"] = micros[micros.size() / 2];
  state.counters["p99_us"] = micros[micros.size() * 99 / 100];
}

void BM_Load(benchmark::State& state) {
  for (auto _ : state) {
    const long before = rss_kb();
    auto g = Gazetteer::load(kData);
    const long after = rss_kb();
    benchmark::DoNotOptimize(g.name_count());
    state.counters["rss_before_MB"] = static_cast<double>(before) / 1024.0;
    state.counters["rss_after_MB"] = static_cast<double>(after) / 1024.0;
    state.counters["names"] = static_cast<double>(g.name_count());
  }
}
BENCHMARK(BM_Load)->Unit(benchmark::kMillisecond)->Iterations(1);

void BM_ResolveExact(benchmark::State& state) {
  latency(state, kExact, [](const std::string& s) { return gazetteer().resolve(s); });
}
BENCHMARK(BM_ResolveExact)->Iterations(20000);

void BM_ResolveTypo(benchmark::State& state) {
  latency(state, kTypos, [](const std::string& s) { return gazetteer().resolve(s); });
}
BENCHMARK(BM_ResolveTypo)->Iterations(20000);

void BM_ResolveMiss(benchmark::State& state) {
  latency(state, kMisses, [](const std::string& s) { return gazetteer().resolve(s); });
}
BENCHMARK(BM_ResolveMiss)->Iterations(20000);

void BM_FindIn(benchmark::State& state) {
  latency(state, kQuestions, [](const std::string& s) { return gazetteer().find_in(s); });
}
BENCHMARK(BM_FindIn)->Iterations(5000);

} // namespace

BENCHMARK_MAIN();
