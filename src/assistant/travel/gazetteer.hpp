// The gazetteer of the assistant: which country a destination is in. Knows
// about 24,000 cities of the world (GeoNames, >= 15,000 inhabitants), German
// names of places tourists name (Mailand, Kreta, Malle, Sansibar) and the
// countries in German and English, and tolerates typos ("Marakesch").
//
//   auto gazetteer = Gazetteer::load("data/assistant");
//   gazetteer.resolve("Mailand")->country->name_de        == "Italien"
//   gazetteer.find_in("Brauche ich für Marrakesch einen Pass?")->place.country->code == "MA"
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace assistant::travel {

// A country (ISO 3166-1 alpha-2) with the names the assistant says.
struct Country {
  std::string code;    // "MA"
  std::string name_de; // "Marokko"
  std::string name_en; // "Morocco"
};

// What kind of name matched. Countries rank before the places of
// places-de.tsv, which rank before GeoNames cities.
enum class PlaceKind { country, island, region, city };

// "country", "island", "region", "city".
std::string_view to_string(PlaceKind kind);

// A name resolved to its country.
struct Resolution {
  const Country* country = nullptr; // never null; owned by the gazetteer
  std::string name;                 // the name as the data spells it ("Marrakesch", "Paris")
  PlaceKind kind = PlaceKind::city;
  std::uint32_t population = 0; // GeoNames population; 0 for countries, islands, regions
  int distance = 0;             // 0: exact (after folding, see fold.hpp); 1 or 2: a typo
};

// A destination mentioned in a sentence.
struct Mention {
  Resolution place;
  std::size_t begin = 0; // byte offsets of the mention in the sentence
  std::size_t end = 0;
  std::string text; // the words as the citizen wrote them ("Marakesch")
};

// Immutable after load; every method is safe to call from any thread.
class Gazetteer {
public:
  // Reads countries.tsv, places-de.tsv and cities.tsv from `dir` (see
  // data/assistant/README.md). Throws core::Error (invalid_argument) naming
  // the file and line when a file is missing or malformed.
  static Gazetteer load(const std::filesystem::path& dir);

  Gazetteer(Gazetteer&&) noexcept;
  Gazetteer& operator=(Gazetteer&&) noexcept;
  ~Gazetteer();

  // The best place for a span of one to a few words ("Mailand", "New York",
  // "Marakesch"): an exact match (after folding) if there is one, else the
  // closest name within the typo tolerance (distance 1 for 4-6 letters, 2
  // from 7 letters on; none below 4). Ties go to countries, then the places
  // of places-de.tsv, then the city with the most inhabitants ("Paris" is
  // France, not Texas). nullopt when nothing is close enough.
  std::optional<Resolution> resolve(std::string_view span) const;

  // Like resolve(), but up to `max` results in different countries, best
  // first ("Paris": FR, then CA, US ...), for a dialogue that asks back.
  std::vector<Resolution> candidates(std::string_view span, std::size_t max) const;

  // The best destination mentioned in a sentence: looks at every run of one
  // to three words that neither starts nor ends with a stop word ("für",
  // "Pass", "Urlaub"), prefers exact names, then longer runs, then the
  // ranking of resolve(); a place after "von"/"aus" (where the trip starts)
  // or in Germany counts only when nothing else is mentioned; typos count
  // only for runs of six letters or more and never for places in Germany.
  std::optional<Mention> find_in(std::string_view sentence) const;

  // The country with this ISO code ("MA", case-insensitive), or nullptr.
  const Country* country(std::string_view code) const;

  std::size_t country_count() const;
  std::size_t city_count() const;  // GeoNames cities loaded
  std::size_t place_count() const; // entries of places-de.tsv
  std::size_t name_count() const;  // distinct folded spellings indexed

private:
  struct Impl;
  explicit Gazetteer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

} // namespace assistant::travel
