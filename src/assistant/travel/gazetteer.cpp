#include "assistant/travel/gazetteer.hpp"

#include <algorithm>
#include <charconv>
#include <fstream>
#include <set>

#include "assistant/travel/fold.hpp"
#include "assistant/travel/gazetteer_impl.hpp"
#include "core/error.hpp"

namespace assistant::travel {
namespace {

using core::Error;
using core::ErrorKind;

std::vector<std::string_view> split_tabs(std::string_view line) {
  std::vector<std::string_view> fields;
  std::size_t start = 0;
  while (true) {
    const auto tab = line.find('\t', start);
    if (tab == std::string_view::npos) {
      fields.push_back(line.substr(start));
      return fields;
    }
    fields.push_back(line.substr(start, tab - start));
    start = tab + 1;
  }
}

// Calls `row(fields, line_number)` for every line that is not empty or a
// comment; throws when the file cannot be read.
template <typename Row> void read_tsv(const std::filesystem::path& path, Row row) {
  std::ifstream in(path);
  if (!in) throw Error(ErrorKind::invalid_argument, "cannot read " + path.string());
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    row(split_tabs(line), number);
  }
}

[[noreturn]] void bad_line(const std::filesystem::path& path, int line, const std::string& why) {
  throw Error(ErrorKind::invalid_argument,
              path.filename().string() + " line " + std::to_string(line) + ": " + why);
}

std::string upper(std::string_view code) {
  std::string out(code);
  for (auto& c : out)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return out;
}

// Letters of a folded span, without the spaces.
std::size_t letters(const std::string& folded) {
  return static_cast<std::size_t>(
      std::count_if(folded.begin(), folded.end(), [](char c) { return c != ' '; }));
}

} // namespace

std::string_view to_string(PlaceKind kind) {
  switch (kind) {
  case PlaceKind::country: return "country";
  case PlaceKind::island: return "island";
  case PlaceKind::region: return "region";
  case PlaceKind::city: return "city";
  }
  return "city";
}

bool operator<(const Candidate& a, const Candidate& b) {
  if (a.distance != b.distance) return a.distance < b.distance;
  if (a.rank != b.rank) return a.rank < b.rank;
  if (a.population != b.population) return a.population > b.population;
  return a.entry < b.entry;
}

int Gazetteer::Impl::typo_limit(const std::string& folded) {
  const auto n = letters(folded);
  if (n < 4) return 0;
  if (n < 7) return 1;
  return 2;
}

Resolution Gazetteer::Impl::resolution(const Candidate& c) const {
  const auto& e = entries[c.entry];
  return {e.country, e.name, e.kind, e.population, c.distance};
}

std::vector<Candidate> Gazetteer::Impl::ranked(const std::string& folded, std::size_t max,
                                               int limit) const {
  std::vector<Candidate> all;
  if (folded.empty() || max == 0) return all;
  const auto add = [&](std::uint32_t key, int distance) {
    for (const auto e : key_entries[key])
      all.push_back({distance, entries[e].rank, entries[e].population, e});
  };
  if (const auto it = key_ids.find(folded); it != key_ids.end()) add(it->second, 0);
  if (all.empty() && limit > 0)
    for (const auto& hit : typos.search(folded, limit))
      add(hit.key, hit.distance);
  std::sort(all.begin(), all.end());
  std::vector<Candidate> distinct;
  std::set<const Country*> seen;
  for (const auto& c : all) {
    if (distinct.size() >= max) break;
    if (seen.insert(entries[c.entry].country).second) distinct.push_back(c);
  }
  return distinct;
}

Gazetteer Gazetteer::load(const std::filesystem::path& dir) {
  auto impl = std::make_unique<Impl>();
  auto& g = *impl;

  const auto add_name = [&g](std::string name, const Country* country, PlaceKind kind,
                             std::uint32_t population, int rank) {
    const auto id = static_cast<std::uint32_t>(g.entries.size());
    for (auto& key : folded_spellings(name)) {
      if (key.empty()) continue;
      auto [it, inserted] = g.key_ids.try_emplace(key, static_cast<std::uint32_t>(g.keys.size()));
      if (inserted) {
        g.keys.push_back(key);
        g.key_entries.emplace_back();
      }
      auto& list = g.key_entries[it->second];
      if (list.empty() || list.back() != id) list.push_back(id);
    }
    g.entries.push_back({std::move(name), country, kind, population, rank});
  };

  const auto countries_path = dir / "countries.tsv";
  read_tsv(countries_path, [&](const std::vector<std::string_view>& f, int line) {
    if (f.size() < 3 || f[0].size() != 2)
      bad_line(countries_path, line, "expected code, German name, English name");
    g.countries.push_back({std::string(f[0]), std::string(f[1]), std::string(f[2])});
    g.by_code[g.countries.back().code] = &g.countries.back();
  });
  for (const auto& c : g.countries) {
    add_name(c.name_de, &c, PlaceKind::country, 0, 0);
    add_name(c.name_en, &c, PlaceKind::country, 0, 0);
  }
  read_tsv(countries_path, [&](const std::vector<std::string_view>& f, int) {
    if (f.size() < 4 || f[3].empty()) return;
    const Country* c = g.by_code.at(std::string(f[0]));
    std::string_view rest = f[3];
    while (!rest.empty()) {
      const auto bar = rest.find('|');
      add_name(std::string(rest.substr(0, bar)), c, PlaceKind::country, 0, 0);
      rest = bar == std::string_view::npos ? std::string_view{} : rest.substr(bar + 1);
    }
  });

  const auto places_path = dir / "places-de.tsv";
  read_tsv(places_path, [&](const std::vector<std::string_view>& f, int line) {
    if (f.size() < 3) bad_line(places_path, line, "expected name, country, kind");
    const auto it = g.by_code.find(std::string(f[1]));
    if (it == g.by_code.end())
      bad_line(places_path, line, "unknown country code '" + std::string(f[1]) + "'");
    PlaceKind kind;
    if (f[2] == "city")
      kind = PlaceKind::city;
    else if (f[2] == "island")
      kind = PlaceKind::island;
    else if (f[2] == "region")
      kind = PlaceKind::region;
    else if (f[2] == "country")
      kind = PlaceKind::country;
    else
      bad_line(places_path, line, "kind must be city, island, region or country");
    // A name of this curated list ranks before GeoNames cities of the same
    // name elsewhere.
    add_name(std::string(f[0]), it->second, kind, 0, 1);
    ++g.place_count;
  });

  const auto cities_path = dir / "cities.tsv";
  read_tsv(cities_path, [&](const std::vector<std::string_view>& f, int line) {
    if (f.size() < 3) bad_line(cities_path, line, "expected name, country, population");
    const auto it = g.by_code.find(std::string(f[1]));
    if (it == g.by_code.end()) return; // a territory without an ISO 3166-1 code (e.g. Kosovo)
    std::uint32_t population = 0;
    const auto [ptr, ec] = std::from_chars(f[2].data(), f[2].data() + f[2].size(), population);
    if (ec != std::errc{} || ptr != f[2].data() + f[2].size())
      bad_line(cities_path, line, "population is not a number");
    add_name(std::string(f[0]), it->second, PlaceKind::city, population, 2);
    ++g.city_count;
  });

  g.typos.build(g.keys);
  return Gazetteer(std::move(impl));
}

Gazetteer::Gazetteer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Gazetteer::Gazetteer(Gazetteer&&) noexcept = default;
Gazetteer& Gazetteer::operator=(Gazetteer&&) noexcept = default;
Gazetteer::~Gazetteer() = default;

std::optional<Resolution> Gazetteer::resolve(std::string_view span) const {
  const auto folded = fold(span);
  const auto found = impl_->ranked(folded, 1, Impl::typo_limit(folded));
  if (found.empty()) return std::nullopt;
  return impl_->resolution(found.front());
}

std::vector<Resolution> Gazetteer::candidates(std::string_view span, std::size_t max) const {
  const auto folded = fold(span);
  std::vector<Resolution> out;
  for (const auto& c : impl_->ranked(folded, max, Impl::typo_limit(folded)))
    out.push_back(impl_->resolution(c));
  return out;
}

const Country* Gazetteer::country(std::string_view code) const {
  const auto it = impl_->by_code.find(upper(code));
  return it == impl_->by_code.end() ? nullptr : it->second;
}

std::size_t Gazetteer::country_count() const { return impl_->countries.size(); }
std::size_t Gazetteer::city_count() const { return impl_->city_count; }
std::size_t Gazetteer::place_count() const { return impl_->place_count; }
std::size_t Gazetteer::name_count() const { return impl_->keys.size(); }

} // namespace assistant::travel
