// The assistant's gazetteer: destinations named by city, island, region or
// country, in German or English, with typos, resolve to the right country;
// find_in picks the destination out of a question.
#include <gtest/gtest.h>

#include <fstream>
#include <random>
#include <string>

#include "assistant/travel/fold.hpp"
#include "assistant/travel/gazetteer.hpp"
#include "assistant/travel/typo_index.hpp"
#include "core/error.hpp"

#ifndef STADTKERN_SOURCE_DIR
#error "STADTKERN_SOURCE_DIR (the repository root) must be defined by tests/unit/CMakeLists.txt"
#endif

namespace {

using namespace assistant::travel;

const Gazetteer& gazetteer() {
  static const Gazetteer g =
      Gazetteer::load(std::filesystem::path(STADTKERN_SOURCE_DIR) / "data/assistant");
  return g;
}

std::string country_of(std::string_view name) {
  const auto r = gazetteer().resolve(name);
  return r ? r->country->code : "none";
}

TEST(TravelFold, LowerCaseAccentsUmlautsAndSharpS) {
  EXPECT_EQ(fold("Zürich"), "zurich");
  EXPECT_EQ(fold("GROSSBRITANNIEN"), "grossbritannien");
  EXPECT_EQ(fold("Straßburg"), "strassburg");
  EXPECT_EQ(fold("Kraków"), "krakow");
  EXPECT_EQ(fold("Łódź"), "lodz");
  EXPECT_EQ(fold("Timișoara"), "timisoara");
  EXPECT_EQ(fold("Ho-Chi-Minh-Stadt"), "ho chi minh stadt");
  EXPECT_EQ(fold("  New   York!  "), "new york");
  EXPECT_EQ(fold("Côte d'Azur"), "cote dazur");
  EXPECT_EQ(fold("Hà Nội"), "ha noi");
  const auto spellings = folded_spellings("Türkei");
  ASSERT_EQ(spellings.size(), 2u);
  EXPECT_EQ(spellings[0], "turkei");
  EXPECT_EQ(spellings[1], "tuerkei");
  EXPECT_EQ(folded_spellings("Paris").size(), 1u);
}

TEST(TravelFold, HostileBytesNeverBreakIt) {
  const std::string broken = std::string("Mar\xC3", 4) + "\xFF\xFE" + std::string("\xE2\x82", 2);
  EXPECT_NO_THROW(fold(broken));
  EXPECT_NO_THROW(split_words(broken));
  EXPECT_FALSE(gazetteer().resolve(broken + std::string(5000, 'x')).has_value());
  EXPECT_FALSE(gazetteer().find_in(std::string(3000, '?')).has_value());
}

TEST(TravelFold, SplitWordsKeepsOffsetsForQuoting) {
  const std::string s = "Brauche ich für Marrakesch einen Pass?";
  const auto words = split_words(s);
  ASSERT_EQ(words.size(), 6u);
  EXPECT_EQ(words[2].folded, "fur");
  EXPECT_EQ(s.substr(words[3].begin, words[3].end - words[3].begin), "Marrakesch");
  EXPECT_EQ(s.substr(words[5].begin, words[5].end - words[5].begin), "Pass");
}

TEST(TravelGazetteer, LoadsTheWorld) {
  EXPECT_GE(gazetteer().city_count(), 20000u);
  EXPECT_GE(gazetteer().place_count(), 450u);
  EXPECT_GE(gazetteer().country_count(), 240u);
  ASSERT_NE(gazetteer().country("ma"), nullptr);
  EXPECT_EQ(gazetteer().country("MA")->name_de, "Marokko");
  EXPECT_EQ(gazetteer().country("MA")->name_en, "Morocco");
  EXPECT_EQ(gazetteer().country("XX"), nullptr);
}

TEST(TravelGazetteer, ShipsGermanNamesForAtLeast300Cities) {
  std::ifstream in(std::filesystem::path(STADTKERN_SOURCE_DIR) / "data/assistant/places-de.tsv");
  std::string line;
  int cities = 0;
  while (std::getline(in, line))
    if (!line.empty() && line[0] != '#' && line.find("\tcity\t") != std::string::npos) ++cities;
  EXPECT_GE(cities, 300);
}

TEST(TravelGazetteer, BrokenDataFilesAreReportedWithFileAndLine) {
  const auto dir = std::filesystem::temp_directory_path() /
                   ("stadtkern-travel-" + std::to_string(std::random_device{}()));
  std::filesystem::create_directories(dir);
  const auto write = [&](const char* name, const std::string& text) {
    std::ofstream(dir / name) << text;
  };
  write("countries.tsv", "# code\tde\ten\nMA\tMarokko\tMorocco\t\n");
  write("places-de.tsv", "Marrakesch\tMA\tcity\tMarrakech\nAtlantis\tZZ\tcity\t-\n");
  write("cities.tsv", "Casablanca\tMA\t3144909\t33.5\t-7.6\n");
  try {
    Gazetteer::load(dir);
    ADD_FAILURE() << "a place in an unknown country was accepted";
  } catch (const core::Error& e) {
    EXPECT_EQ(e.detail(), "places-de.tsv line 2: unknown country code 'ZZ'");
  }
  write("places-de.tsv", "Marrakesch\tMA\tcity\tMarrakech\n");
  write("cities.tsv", "Casablanca\tMA\tviele\t33.5\t-7.6\n");
  EXPECT_THROW(Gazetteer::load(dir), core::Error);
  write("cities.tsv", "Casablanca\tMA\t3144909\t33.5\t-7.6\n");
  const auto small = Gazetteer::load(dir);
  EXPECT_EQ(small.city_count(), 1u);
  EXPECT_EQ(small.resolve("Casablanka")->country->code, "MA");
  EXPECT_THROW(Gazetteer::load(dir / "missing"), core::Error);
  std::filesystem::remove_all(dir);
}

struct Case {
  const char* name;
  const char* country;
};

// German, English, typos, exonyms, islands, regions and countries.
const Case kCases[] = {
    // cities in German and in English
    {"Marrakesch", "MA"},
    {"Marrakech", "MA"},
    {"Marrakesh", "MA"},
    {"Casablanca", "MA"},
    {"Mailand", "IT"},
    {"Milan", "IT"},
    {"Venedig", "IT"},
    {"Neapel", "IT"},
    {"Florenz", "IT"},
    {"Rom", "IT"},
    {"Rome", "IT"},
    {"Lissabon", "PT"},
    {"Kopenhagen", "DK"},
    {"Prag", "CZ"},
    {"Warschau", "PL"},
    {"Krakau", "PL"},
    {"Moskau", "RU"},
    {"Peking", "CN"},
    {"Kairo", "EG"},
    {"Athen", "GR"},
    {"Brüssel", "BE"},
    {"Den Haag", "NL"},
    {"Genf", "CH"},
    {"Wien", "AT"},
    {"Vienna", "AT"},
    {"New York", "US"},
    {"new york city", "US"},
    {"Antalya", "TR"},
    {"Hurghada", "EG"},
    {"Scharm El-Scheich", "EG"},
    {"Kapstadt", "ZA"},
    {"Bangkok", "TH"},
    {"Ho-Chi-Minh-Stadt", "VN"},
    {"Tiflis", "GE"},
    {"Sankt Petersburg", "RU"},
    {"St. Petersburg", "RU"},
    {"Havanna", "CU"},
    {"Punta Cana", "DO"},
    {"Cancún", "MX"},
    {"Dubai", "AE"},
    {"Valencia", "ES"},
    // the bigger namesake wins ("Paris" is France, not Texas)
    {"Paris", "FR"},
    {"London", "GB"},
    {"Alexandria", "EG"},
    {"Birmingham", "GB"},
    // islands and regions tourists name
    {"Mallorca", "ES"},
    {"Malle", "ES"},
    {"Kreta", "GR"},
    {"Crete", "GR"},
    {"Teneriffa", "ES"},
    {"Bali", "ID"},
    {"Sansibar", "TZ"},
    {"Zanzibar", "TZ"},
    {"Malediven", "MV"},
    {"Korfu", "GR"},
    {"Rhodos", "GR"},
    {"Djerba", "TN"},
    {"Phuket", "TH"},
    {"Madeira", "PT"},
    {"Sizilien", "IT"},
    {"Toskana", "IT"},
    {"Algarve", "PT"},
    {"Südtirol", "IT"},
    {"Gran Canaria", "ES"},
    // countries in German and English, with and without umlauts
    {"Marokko", "MA"},
    {"Morocco", "MA"},
    {"Türkei", "TR"},
    {"Tuerkei", "TR"},
    {"Turkei", "TR"},
    {"Turkey", "TR"},
    {"Ägypten", "EG"},
    {"Egypt", "EG"},
    {"USA", "US"},
    {"Vereinigte Staaten", "US"},
    {"United States", "US"},
    {"Vereinigtes Königreich", "GB"},
    {"Großbritannien", "GB"},
    {"Grossbritannien", "GB"},
    {"England", "GB"},
    {"Schweiz", "CH"},
    {"Switzerland", "CH"},
    {"Vereinigte Arabische Emirate", "AE"},
    {"Dominikanische Republik", "DO"},
    {"Südafrika", "ZA"},
    {"Island", "IS"},
    {"Spanien", "ES"},
    {"Tschechien", "CZ"},
    {"Russland", "RU"},
    // typos
    {"Marakesch", "MA"},
    {"Marrakeh", "MA"},
    {"Mailnad", "IT"},
    {"Lissabonn", "PT"},
    {"Barcelna", "ES"},
    {"Kopenhagn", "DK"},
    {"Hurgada", "EG"},
    {"Antlya", "TR"},
    {"Teneriffe", "ES"},
    {"Marokk", "MA"},
    {"Tailand", "TH"},
    {"Malediwen", "MV"},
    {"Sansibat", "TZ"},
    {"Istambul", "TR"},
    {"Amsterdm", "NL"},
};

TEST(TravelGazetteer, ResolvesDestinationsToTheirCountry) {
  int failures = 0;
  for (const auto& c : kCases) {
    const auto got = country_of(c.name);
    EXPECT_EQ(got, c.country) << c.name;
    failures += got != c.country;
  }
  EXPECT_GE(std::size(kCases), 60u);
  EXPECT_EQ(failures, 0);
}

TEST(TravelGazetteer, SaysHowItMatched) {
  const auto exact = gazetteer().resolve("Mailand");
  ASSERT_TRUE(exact);
  EXPECT_EQ(exact->distance, 0);
  EXPECT_EQ(exact->name, "Mailand");
  EXPECT_EQ(exact->kind, PlaceKind::city);
  const auto typo = gazetteer().resolve("Marakesch");
  ASSERT_TRUE(typo);
  EXPECT_EQ(typo->distance, 1);
  EXPECT_EQ(typo->name, "Marrakesch");
  EXPECT_EQ(gazetteer().resolve("Kreta")->kind, PlaceKind::island);
  EXPECT_EQ(gazetteer().resolve("Marokko")->kind, PlaceKind::country);
  const auto paris = gazetteer().resolve("Paris");
  ASSERT_TRUE(paris);
  EXPECT_GT(paris->population, 1000000u);
}

TEST(TravelGazetteer, NothingForNonsenseOrTooShort) {
  EXPECT_FALSE(gazetteer().resolve("").has_value());
  EXPECT_FALSE(gazetteer().resolve("   ").has_value());
  EXPECT_FALSE(gazetteer().resolve("Xqzvbrt").has_value());
  EXPECT_FALSE(gazetteer().resolve("Hundesteuer").has_value());
  // No typo tolerance below four letters: "Rim" is not "Rom".
  EXPECT_FALSE(gazetteer().resolve("Rzm").has_value());
}

TEST(TravelGazetteer, CandidatesOfferOtherCountriesForAmbiguousNames) {
  const auto paris = gazetteer().candidates("Paris", 3);
  ASSERT_GE(paris.size(), 2u);
  EXPECT_EQ(paris[0].country->code, "FR");
  EXPECT_NE(paris[1].country->code, "FR");
  EXPECT_LE(gazetteer().candidates("Paris", 1).size(), 1u);
}

struct SentenceCase {
  const char* sentence;
  const char* country; // "none" when nothing is mentioned
  const char* text;    // the quoted mention
};

const SentenceCase kSentences[] = {
    {"Brauche ich für Marrakesch einen Pass?", "MA", "Marrakesch"},
    {"brauche ich für marakesch einen pass", "MA", "marakesch"},
    {"Ich fliege von Frankfurt nach Marrakesch", "MA", "Marrakesch"},
    {"Wir wollen im Sommer nach Malle", "ES", "Malle"},
    {"Welche Dokumente braucht mein Kind für die Türkei?", "TR", "Türkei"},
    {"Reicht mein Personalausweis für Kreta?", "GR", "Kreta"},
    {"Kann ich mit dem Perso nach Antalya fliegen?", "TR", "Antalya"},
    {"Was brauche ich für eine Reise in die USA?", "US", "USA"},
    {"Ich möchte nach New York reisen", "US", "New York"},
    {"Reise nach Playa del Carmen im Januar", "MX", "Playa del Carmen"},
    {"Wir fahren in zwei Wochen nach Hurghada, was brauchen wir?", "EG", "Hurghada"},
    {"Do I need a passport for Morocco?", "MA", "Morocco"},
    {"Ich wohne in Essen und will nach Mailand", "IT", "Mailand"},
    {"Hochzeitsreise auf die Malediven", "MV", "Malediven"},
    {"Guten Tag, wie geht es Ihnen?", "none", ""},
    {"Ich brauche einen neuen Reisepass", "none", ""},
    {"Wann hat das Bürgerbüro geöffnet?", "none", ""},
};

TEST(TravelGazetteer, FindsTheDestinationInAQuestion) {
  for (const auto& c : kSentences) {
    const auto m = gazetteer().find_in(c.sentence);
    if (std::string(c.country) == "none") {
      EXPECT_FALSE(m.has_value()) << c.sentence << " -> " << (m ? m->text : "");
      continue;
    }
    ASSERT_TRUE(m.has_value()) << c.sentence;
    EXPECT_EQ(m->place.country->code, c.country) << c.sentence;
    EXPECT_EQ(m->text, c.text) << c.sentence;
  }
}

} // namespace
