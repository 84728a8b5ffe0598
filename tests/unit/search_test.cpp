// Unit tests of the search engine (search/search.hpp) and its linguistic
// parts, on a small corpus of realistic Musterstadt services.
#include "search/search.hpp"

#include <gtest/gtest.h>

#include "temp_dir.hpp"

#include <atomic>
#include <filesystem>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "core/error.hpp"
#include "search/analyzer.hpp"
#include "search/decompounder.hpp"
#include "search/speller.hpp"

namespace {

using testing_support::TempDir;

namespace fs = std::filesystem;
using search::Document;
using search::Index;
using search::Lexicon;
using search::Result;

// Services as a town's catalogue describes them (abridged).
const std::vector<Document>& corpus() {
  static const std::vector<Document> docs = {
      {"personalausweis-beantragen",
       "Personalausweis beantragen",
       {"Ausweis", "ID card", "Personalausweis verlängern", "neuer Ausweis"},
       {"Perso", "eID-Karte"},
       "Einen neuen Personalausweis beantragen Sie persönlich im Bürgerbüro, wenn der alte "
       "abläuft, verloren ging oder sich Ihre Daten geändert haben.",
       "Deutsche ab 16 Jahren müssen einen gültigen Personalausweis oder Reisepass besitzen. Ein "
       "abgelaufener Personalausweis kann nicht verlängert werden; Sie beantragen einen neuen. Der "
       "Ausweis ist ab 24 Jahren zehn Jahre gültig, darunter sechs Jahre. Bringen Sie ein "
       "biometrisches Passfoto und Ihren alten Ausweis mit. Bei Verlust oder Diebstahl melden Sie "
       "den Verlust sofort im Bürgerbüro oder bei der Polizei. Die Gebühr beträgt 37 Euro, unter "
       "24 Jahren 22,80 Euro. Die Herstellung dauert drei bis vier Wochen."},
      {"reisepass-beantragen",
       "Reisepass beantragen",
       {"Pass", "passport", "Reisepass verlängern", "Urlaub", "Ausland", "Kinderreisepass"},
       {"ePass"},
       "Für Reisen in viele Länder außerhalb der EU brauchen Sie einen Reisepass. Sie beantragen "
       "ihn persönlich im Bürgerbüro.",
       "Der Reisepass ist ab 24 Jahren zehn Jahre gültig. Für Reisen in Länder wie die USA, "
       "Marokko oder Thailand reicht der Personalausweis nicht aus. Bringen Sie ein biometrisches "
       "Passfoto, Ihren Personalausweis oder alten Reisepass und bei Kindern die Zustimmung beider "
       "Sorgeberechtigten mit. Für Kinder unter zwölf Jahren gibt es den Kinderreisepass. Der "
       "Reisepass kostet 70 Euro, unter 24 Jahren 37,50 Euro. Im Expressverfahren erhalten Sie den "
       "Pass gegen Aufpreis innerhalb weniger Tage."},
      {"wohnsitz-anmelden",
       "Wohnsitz anmelden",
       {"Ummeldung", "Adresse ändern", "neue Wohnung", "Meldebescheinigung", "Hauptwohnsitz",
        "Nebenwohnsitz"},
       {"Anmeldung einer Wohnung"},
       "Wenn Sie nach Musterstadt ziehen oder innerhalb der Stadt umziehen, melden Sie Ihre neue "
       "Wohnung innerhalb von zwei Wochen im Bürgerbüro an.",
       "Die Anmeldung ist Pflicht nach dem Bundesmeldegesetz. Bringen Sie Ihren Personalausweis "
       "oder Reisepass und die Wohnungsgeberbestätigung Ihres Vermieters mit. Die Anmeldung ist "
       "gebührenfrei. Ihre neue Adresse wird auf dem Personalausweis aktualisiert. Wer die Frist "
       "versäumt, muss mit einem Bußgeld rechnen. Auf Wunsch erhalten Sie eine "
       "Meldebescheinigung."},
      {"hundesteuer-anmelden",
       "Hundesteuer anmelden",
       {"Hundemarke", "Hundehaltung", "dog tax"},
       {"Hundeanmeldung"},
       "Wer in Musterstadt einen Hund hält, muss ihn innerhalb von zwei Wochen beim Steueramt zur "
       "Hundesteuer anmelden.",
       "Die Hundesteuer ist eine Gemeindesteuer. Sie beträgt jährlich 96 Euro für den ersten Hund "
       "und 132 Euro für jeden weiteren. Nach der Anmeldung erhalten Sie eine Hundesteuermarke, "
       "die der Hund außerhalb der Wohnung sichtbar tragen muss. Blindenhunde und Hunde aus dem "
       "Tierheim können ermäßigt werden. Wenn Sie den Hund abgeben, melden Sie ihn wieder ab."},
      {"sperrmuell-anmelden",
       "Sperrmüll anmelden",
       {"Sperrmüllabholung", "Möbel entsorgen", "Sperrgut", "bulky waste"},
       {"Sperrgutabholung"},
       "Große Gegenstände aus dem Haushalt wie Möbel oder Matratzen holt der Abfallbetrieb nach "
       "Anmeldung kostenlos ab.",
       "Zweimal im Jahr ist die Abholung von Sperrmüll für jeden Haushalt kostenlos. Melden Sie "
       "den Sperrmüll online oder telefonisch beim Abfallwirtschaftsbetrieb an und nennen Sie die "
       "Gegenstände. Stellen Sie den Sperrmüll am Abholtag bis 6 Uhr an den Straßenrand. "
       "Elektrogeräte wie Kühlschränke werden getrennt abgeholt. Bauschutt, Farben und Autoreifen "
       "gehören nicht zum Sperrmüll."},
      {"fuehrerschein-umtauschen",
       "Führerschein umtauschen",
       {"Führerscheinumtausch", "Kartenführerschein", "rosa Führerschein", "grauer Lappen",
        "Fahrerlaubnis"},
       {"Pflichtumtausch"},
       "Alte Papier- und Kartenführerscheine müssen bis zu einer Frist in den neuen "
       "EU-Kartenführerschein umgetauscht werden.",
       "Den Umtausch beantragen Sie bei der Führerscheinstelle des Straßenverkehrsamts. Bringen "
       "Sie Ihren Personalausweis oder Reisepass, ein biometrisches Passfoto und den alten "
       "Führerschein mit. Die Gebühr beträgt 25,30 Euro. Der neue Führerschein ist 15 Jahre "
       "gültig; die Fahrerlaubnis selbst bleibt unbefristet."},
      {"fahrzeug-zulassen",
       "Fahrzeug zulassen",
       {"Kfz-Zulassung", "Autozulassung", "Nummernschild", "Kennzeichen", "Zulassungsstelle",
        "car registration"},
       {"Kraftfahrzeug anmelden", "Neuzulassung"},
       "Ein Auto, Motorrad oder Anhänger darf erst auf öffentlichen Straßen fahren, wenn es bei "
       "der Zulassungsstelle zugelassen ist.",
       "Für die Zulassung brauchen Sie die Zulassungsbescheinigung Teil I und Teil II, den "
       "Nachweis der Hauptuntersuchung, die elektronische Versicherungsbestätigung, Ihren "
       "Personalausweis und ein Lastschriftmandat für die Kfz-Steuer. Sie erhalten Kennzeichen und "
       "Plaketten. Die Zulassung ist auch online möglich. Die Gebühr beginnt bei 27 Euro, "
       "Wunschkennzeichen kosten extra."},
      {"eheschliessung-anmelden",
       "Eheschließung anmelden",
       {"Heiraten", "Hochzeit", "Trauung", "Standesamt", "marriage", "wedding"},
       {"Aufgebot"},
       "Wer heiraten möchte, meldet die Eheschließung beim Standesamt des Wohnorts an, frühestens "
       "sechs Monate vor dem Wunschtermin.",
       "Beide Partner erscheinen gemeinsam im Standesamt. Benötigt werden gültige Ausweise, eine "
       "erweiterte Meldebescheinigung und beglaubigte Abschriften aus dem Geburtenregister. Wer "
       "schon verheiratet war, bringt die Eheurkunde mit Auflösungsvermerk mit. Die Trauung kann "
       "im Trauzimmer des Rathauses stattfinden. Die Gebühr für die Anmeldung beträgt 60 Euro."},
      {"geburt-beurkunden",
       "Geburt beurkunden",
       {"Geburtsurkunde", "Baby", "Neugeborenes", "birth certificate"},
       {"Geburtsanzeige"},
       "Das Standesamt beurkundet jede Geburt in Musterstadt und stellt die Geburtsurkunden für "
       "Eltern und Kind aus.",
       "Die Geburtsklinik zeigt die Geburt in der Regel direkt beim Standesamt an. Die Eltern "
       "reichen die nötigen Unterlagen ein: Personalausweise, Eheurkunde oder Geburtsurkunden der "
       "Eltern und gegebenenfalls die Vaterschaftsanerkennung. Drei Geburtsurkunden für "
       "Elterngeld, Kindergeld und Krankenkasse sind gebührenfrei. Der Vorname des Kindes muss "
       "innerhalb eines Monats bestimmt werden."},
      {"einbuergerung-beantragen",
       "Einbürgerung beantragen",
       {"Staatsangehörigkeit", "deutscher Pass", "Einbürgerungstest", "citizenship"},
       {"Einbürgerungsantrag"},
       "Wer seit mehreren Jahren in Deutschland lebt, kann die deutsche Staatsangehörigkeit "
       "beantragen.",
       "Voraussetzungen sind in der Regel fünf Jahre rechtmäßiger Aufenthalt, Deutschkenntnisse "
       "auf dem Niveau B1, der bestandene Einbürgerungstest und ein gesicherter Lebensunterhalt. "
       "Die Einbürgerungsbehörde berät Sie vorab. Die Gebühr beträgt 255 Euro pro Person, für "
       "minderjährige Kinder 51 Euro. Nach der Einbürgerung erhalten Sie die Einbürgerungsurkunde "
       "und können einen deutschen Reisepass beantragen."},
      {"verwarnungsgeld-bezahlen",
       "Verwarnungsgeld bezahlen",
       {"Strafzettel", "Falschparken", "Parkverstoß", "Bußgeld", "parking ticket"},
       {"Verwarnung im ruhenden Verkehr"},
       "Ein Verwarnungsgeld für Falschparken oder zu schnelles Fahren bezahlen Sie per Überweisung "
       "oder online mit dem Aktenzeichen.",
       "Das Ordnungsamt verwarnt bei Verstößen im Straßenverkehr mit einem Verwarnungsgeld bis 55 "
       "Euro. Bezahlen Sie innerhalb einer Woche unter Angabe des Aktenzeichens, sonst wird ein "
       "Bußgeldverfahren eröffnet. Wenn Sie den Vorwurf bestreiten, können Sie sich schriftlich "
       "äußern. Zahlungen sind per Überweisung, online oder an der Kasse im Rathaus möglich."},
      {"baugenehmigung-beantragen",
       "Baugenehmigung beantragen",
       {"Bauantrag", "Hausbau", "Anbau", "Garage bauen", "Bauamt", "building permit"},
       {"Bauerlaubnis"},
       "Wer ein Gebäude errichten, umbauen oder abreißen möchte, braucht meist eine Baugenehmigung "
       "der Bauaufsicht.",
       "Den Bauantrag reicht eine bauvorlageberechtigte Person, zum Beispiel eine Architektin, bei "
       "der unteren Bauaufsichtsbehörde ein. Dazu gehören Lageplan, Bauzeichnungen, "
       "Baubeschreibung und statische Nachweise. Kleine Vorhaben wie Gartenhäuser sind "
       "genehmigungsfrei. Die Gebühr richtet sich nach den Baukosten. Die Bearbeitung dauert in "
       "der Regel drei Monate."},
      {"wohngeld-beantragen",
       "Wohngeld beantragen",
       {"Mietzuschuss", "Lastenzuschuss", "Miete zu hoch", "housing benefit"},
       {"Zuschuss zur Miete"},
       "Haushalte mit geringem Einkommen erhalten Wohngeld als Zuschuss zur Miete oder zu den "
       "Kosten für selbst genutztes Wohneigentum.",
       "Ob und wie viel Wohngeld Sie bekommen, hängt von der Zahl der Haushaltsmitglieder, dem "
       "Einkommen und der Miete ab. Fügen Sie dem Antrag den Mietvertrag, Einkommensnachweise wie "
       "Lohnabrechnungen oder den Einkommensteuerbescheid und Kontoauszüge bei. Wohngeld wird in "
       "der Regel für zwölf Monate bewilligt. Wer Bürgergeld bezieht, erhält kein Wohngeld."},
      {"fuehrungszeugnis-beantragen",
       "Führungszeugnis beantragen",
       {"polizeiliches Führungszeugnis", "erweitertes Führungszeugnis", "Vorstrafen",
        "certificate of good conduct"},
       {"Leumundszeugnis"},
       "Ein Führungszeugnis zeigt, ob Sie Einträge im Bundeszentralregister haben. Arbeitgeber "
       "verlangen es oft bei einer Bewerbung.",
       "Sie beantragen das Führungszeugnis im Bürgerbüro mit Ihrem Personalausweis oder online mit "
       "der Online-Ausweisfunktion. Das Bundesamt für Justiz schickt es per Post an Sie oder "
       "direkt an die Behörde. Für Tätigkeiten mit Kindern und Jugendlichen ist ein erweitertes "
       "Führungszeugnis nötig. Die Gebühr beträgt 13 Euro; für Ehrenamtliche ist es kostenlos."},
      {"bibliotheksausweis-beantragen",
       "Bibliotheksausweis beantragen",
       {"Stadtbibliothek", "Bücherei", "Bücher ausleihen", "library card"},
       {"Büchereiausweis", "Leserausweis"},
       "Mit dem Bibliotheksausweis der Stadtbibliothek leihen Sie Bücher, Filme und E-Books aus.",
       "Den Ausweis erhalten Sie an der Theke der Stadtbibliothek gegen Vorlage Ihres "
       "Personalausweises. Kinder und Jugendliche bis 18 Jahre zahlen nichts, Erwachsene 20 Euro "
       "im Jahr. Mit dem Ausweis nutzen Sie auch die Onleihe für E-Books und die "
       "Computerarbeitsplätze. Bei Verlust stellen wir gegen eine Gebühr von 5 Euro einen neuen "
       "Ausweis aus."},
      {"bewohnerparkausweis-beantragen",
       "Bewohnerparkausweis beantragen",
       {"Anwohnerparken", "Parkausweis", "resident parking"},
       {"Anwohnerparkausweis"},
       "Wer in einer Zone mit Bewohnerparken wohnt, kann einen Parkausweis für sein Auto "
       "beantragen.",
       "Voraussetzung ist, dass Sie in der Parkzone mit Hauptwohnsitz gemeldet sind und das "
       "Fahrzeug auf Sie zugelassen ist. Legen Sie den Fahrzeugschein und Ihren Personalausweis "
       "vor. Der Ausweis gilt ein Jahr und kostet 120 Euro. Er berechtigt nicht zum Parken auf "
       "Behindertenparkplätzen."},
      {"gewerbe-anmelden",
       "Gewerbe anmelden",
       {"Gewerbeanmeldung", "selbstständig machen", "Firma gründen", "business registration"},
       {"Gewerbeanzeige"},
       "Wer ein Gewerbe beginnt, zeigt es beim Gewerbeamt an. Die Anmeldung ist auch online "
       "möglich.",
       "Die Gewerbeanzeige ist vor Beginn der Tätigkeit nötig. Das Gewerbeamt informiert "
       "automatisch das Finanzamt, die Industrie- und Handelskammer und die Berufsgenossenschaft. "
       "Freie Berufe wie Ärztinnen oder Künstler melden kein Gewerbe an, sondern nur beim "
       "Finanzamt. Die Gebühr beträgt 26 Euro."},
      {"personalausweis-verlust-melden",
       "Verlust des Personalausweises melden",
       {"Ausweis verloren", "Ausweis gestohlen", "Diebstahl Ausweis", "lost ID card"},
       {"Verlustanzeige Personalausweis"},
       "Ein verlorener oder gestohlener Personalausweis muss sofort im Bürgerbüro oder bei der "
       "Polizei gemeldet werden.",
       "Der Ausweis wird gesperrt, damit niemand ihn missbrauchen kann. Die Online-Ausweisfunktion "
       "sperren Sie über den Sperrnotruf. Anschließend beantragen Sie einen neuen Personalausweis. "
       "Taucht der alte Ausweis wieder auf, geben Sie ihn im Bürgerbüro ab."},
  };
  return docs;
}

constexpr std::string_view kLexicon = R"json({
  "_comment": "a small lexicon; the real one is data/search/lexicon-de.json",
  "stop_words": ["ich", "du", "wie", "wo", "was", "wer", "brauche", "kann", "muss", "mich", "ein",
                 "eine", "einen", "der", "die", "das", "den", "dem", "mein", "meine", "meinen",
                 "hat", "wird", "ist", "in", "im", "für", "mit", "und", "oder", "zu", "an", "nach",
                 "kostet", "neuen", "neue", "neu", "gestern", "wir", "wollen", "möchte", "sich", "es", "um",
                 "habe", "noch", "keinen", "tun", "unser", "uns", "ihn", "bei", "letzte", "hallo",
                 "i", "need", "a", "the", "my", "new"],
  "synonyms": {
    "perso": "personalausweis",
    "umzug": ["ummeldung", "wohnsitz anmelden"],
    "knöllchen": "verwarnungsgeld",
    "hund": "hundesteuer",
    "heiraten": "eheschließung",
    "auto": "fahrzeug zulassen",
    "ausweis": "personalausweis",
    "ziehe um": "wohnsitz anmelden"
  },
  "translations": {
    "passport": "reisepass",
    "register": ["anmelden"],
    "address": ["wohnsitz", "adresse"],
    "driving licence": "führerschein"
  },
  "generic": ["beantragen", "anmelden", "bezahlen", "gebühr", "sommer", "woche", "fliegen"],
  "off_topic": ["wetter", "fußball", "döner", "einkommensteuer", "steuererklärung", "finanzamt",
                "kindergeld"]
})json";

// One index over the corpus for all tests of the suite.
class SearchIndexTest : public ::testing::Test {
protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir;
    index_ = Index::build(corpus(), Lexicon::from_json(kLexicon), dir_->path()).release();
  }
  static void TearDownTestSuite() {
    delete index_;
    delete dir_;
  }

  static Result ask(std::string_view query, std::size_t limit = 5) {
    return index_->search(query, limit);
  }
  // The id of the best hit, or "(no answer)".
  static std::string top(std::string_view query) {
    const Result r = ask(query);
    if (r.no_answer) return "(no answer)";
    return r.hits.empty() ? "(no hits)" : r.hits.front().id;
  }

  static TempDir* dir_;
  static Index* index_;
};
TempDir* SearchIndexTest::dir_ = nullptr;
Index* SearchIndexTest::index_ = nullptr;

// --- analysis -------------------------------------------------------------

TEST(SearchAnalyzer, LowerCasesAndFoldsUmlauts) {
  const auto tokens = search::tokenize("FÜHRERSCHEIN Straße GRÖẞE Café");
  ASSERT_EQ(tokens.size(), 4u);
  EXPECT_EQ(tokens[0].folded, "fuhrerschein");
  EXPECT_EQ(tokens[0].display, "führerschein");
  EXPECT_EQ(tokens[1].folded, "strasse");
  EXPECT_EQ(tokens[2].folded, "grosse");
  EXPECT_EQ(tokens[3].folded, "cafe");
  // A decomposed umlaut (u + U+0308, as macOS sends it) folds like a composed one.
  EXPECT_EQ(search::tokenize("Fu\xCC\x88hrerschein")[0].folded, "fuhrerschein");
}

TEST(SearchAnalyzer, ReadsUmlautDigraphsOnlyWhereTheyCanBeUmlauts) {
  EXPECT_EQ(search::fold_digraphs("fuehrerschein"), "fuhrerschein");
  EXPECT_EQ(search::fold_digraphs("einbuergerung"), "einburgerung");
  EXPECT_EQ(search::fold_digraphs("aerztin"), "arztin");
  EXPECT_EQ(search::fold_digraphs("steuer"), "steuer"); // "eu" is no umlaut
  EXPECT_EQ(search::fold_digraphs("quelle"), "quelle");
}

TEST(SearchAnalyzer, SeparatesWordsAtPunctuationControlCharactersAndInvalidUtf8) {
  const auto tokens = search::tokenize("Kfz-Zulassung\x01\x7fsofort\xff\xfe"
                                       "bitte\xC3(ok");
  std::vector<std::string> folded;
  for (const auto& t : tokens)
    folded.push_back(t.folded);
  EXPECT_EQ(folded, (std::vector<std::string>{"kfz", "zulassung", "sofort", "bitte", "ok"}));
  EXPECT_TRUE(search::tokenize(std::string(200, 'x')).empty()); // longer than any word
}

TEST(SearchAnalyzer, StemsNounsLikeTheirVerbs) {
  search::Stemmer stem;
  EXPECT_EQ(stem("anmeldung"), stem("anmelden"));
  EXPECT_EQ(stem("verlangerung"), stem("verlangern"));
  EXPECT_EQ(stem("einburgerung"), stem("einburgern"));
  EXPECT_EQ(stem("reisepasse"), stem("reisepass"));
  EXPECT_EQ(stem("rentnerin"), stem("rentner"));
  EXPECT_EQ(stem("burgerinnen"), stem("burger"));
  EXPECT_EQ(stem("b1"), "b1");
}

TEST(SearchDecompounder, SplitsCompoundsIntoKnownWords) {
  search::Stemmer stem;
  search::Decompounder d;
  for (std::string_view w : {"hund", "steuer", "personalausweis", "verlangern", "sperrmull",
                             "anmeldung", "einburgerung", "test", "schule", "amt"}) {
    d.add_word(w, w, stem(w));
  }
  using Parts = std::vector<std::string>;
  EXPECT_EQ(d.split("hundesteuer", stem), (Parts{"hund", "steuer"}));
  EXPECT_EQ(d.split("personalausweisverlangerung", stem),
            (Parts{"personalausweis", "verlangerung"}));
  EXPECT_EQ(d.split("sperrmullanmeldung", stem), (Parts{"sperrmull", "anmeldung"}));
  EXPECT_EQ(d.split("einburgerungstest", stem), (Parts{"einburgerung", "test"}));
  EXPECT_EQ(d.split("schulamt", stem), (Parts{"schul", "amt"}));
  EXPECT_TRUE(d.split("hundefutter", stem).empty()); // "futter" is unknown
  EXPECT_TRUE(d.split("hund", stem).empty());
  // A modifier that never occurs on its own, before known words.
  EXPECT_EQ(d.split("anwohnersteuer", stem), (Parts{"anwohner", "steuer"}));
}

TEST(SearchSpeller, CorrectsWithinTheAllowedDistance) {
  search::Speller s;
  for (std::string_view w : {"reisepass", "fuhrerschein", "fuhrungszeugnis", "hund", "sperrmull"}) {
    s.add(w, w, 1);
  }
  s.finish();
  EXPECT_EQ(s.correct("reisepas")->folded, "reisepass");
  EXPECT_EQ(s.correct("furerschein")->folded, "fuhrerschein");
  EXPECT_EQ(s.correct("fuhrerschien")->folded, "fuhrerschein"); // transposition
  EXPECT_EQ(s.correct("hnud")->folded, "hund");
  EXPECT_EQ(s.correct("sperrmuhl")->folded, "sperrmull");
  EXPECT_FALSE(s.correct("hnuf").has_value()); // two edits in a short word
  EXPECT_FALSE(s.correct("wetter").has_value());
}

// --- lexicon --------------------------------------------------------------

TEST(SearchLexicon, ParsesJson) {
  const Lexicon l = Lexicon::from_json(kLexicon);
  EXPECT_EQ(l.synonyms.at("perso"), std::vector<std::string>{"personalausweis"});
  EXPECT_EQ(l.synonyms.at("umzug").size(), 2u);
  EXPECT_EQ(l.translations.at("passport"), std::vector<std::string>{"reisepass"});
  EXPECT_FALSE(l.stop_words.empty());
  EXPECT_FALSE(l.off_topic.empty());
  EXPECT_EQ(l.generic.size(), 7u);
}

TEST(SearchLexicon, RejectsMalformedJson) {
  for (std::string_view bad : {"", "[]", "{\"stopwords\": []}", "{\"stop_words\": 1}",
                               "{\"synonyms\": {\"a\": [1]}}", "{\"synonyms\": []}"}) {
    try {
      Lexicon::from_json(bad);
      ADD_FAILURE() << "accepted: " << bad;
    } catch (const core::Error& e) {
      EXPECT_EQ(e.kind(), core::ErrorKind::invalid_argument) << bad;
    }
  }
}

// --- finding services -----------------------------------------------------

TEST_F(SearchIndexTest, FindsServicesFromColloquialQuestions) {
  EXPECT_EQ(top("Ich brauche einen neuen Perso"), "personalausweis-beantragen");
  EXPECT_EQ(top("Wo kann ich meinen Hund anmelden?"), "hundesteuer-anmelden");
  EXPECT_EQ(top("Umzug"), "wohnsitz-anmelden");
  EXPECT_EQ(top("Wo melde ich mich nach dem Umzug an?"), "wohnsitz-anmelden");
  EXPECT_EQ(top("Knöllchen bezahlen"), "verwarnungsgeld-bezahlen");
  EXPECT_EQ(top("Wir wollen heiraten"), "eheschliessung-anmelden");
  EXPECT_EQ(top("Was kostet ein Reisepass?"), "reisepass-beantragen");
  EXPECT_EQ(top("alte Möbel entsorgen"), "sperrmuell-anmelden");
  EXPECT_EQ(top("Miete zu hoch"), "wohngeld-beantragen");
  EXPECT_EQ(top("Auto anmelden"), "fahrzeug-zulassen");
}

TEST_F(SearchIndexTest, SplitsCompoundsInQuestionsAndDocuments) {
  EXPECT_EQ(top("Personalausweisverlängerung"), "personalausweis-beantragen");
  EXPECT_EQ(top("Sperrmüllanmeldung"), "sperrmuell-anmelden");
  EXPECT_EQ(top("Wohnsitzanmeldung"), "wohnsitz-anmelden");
  EXPECT_EQ(top("Persoausweis"), "personalausweis-beantragen");
  EXPECT_EQ(top("Hund"), "hundesteuer-anmelden"); // "Hundesteuer" indexed as hund + steuer
  EXPECT_EQ(top("Steuer"), "hundesteuer-anmelden");
  EXPECT_EQ(top("Geburt"), "geburt-beurkunden");
  EXPECT_EQ(top("Anwohner"), "bewohnerparkausweis-beantragen"); // from "Anwohnerparken"
  const Result r = ask("Sperrmüllanmeldung");
  EXPECT_EQ(r.interpreted_query, "sperrmüll anmeldung");
}

TEST_F(SearchIndexTest, CorrectsTyposAndSaysSo) {
  EXPECT_EQ(top("Reisepas"), "reisepass-beantragen");
  EXPECT_EQ(top("Fürerschein"), "fuehrerschein-umtauschen");
  EXPECT_EQ(top("Sperrmühl"), "sperrmuell-anmelden");
  EXPECT_EQ(top("Einbürgrung"), "einbuergerung-beantragen");
  EXPECT_EQ(top("Führungszeugins"), "fuehrungszeugnis-beantragen");
  const Result r = ask("Reisepas beantragen");
  EXPECT_TRUE(r.corrected);
  EXPECT_EQ(r.interpreted_query, "reisepass beantragen");
  EXPECT_EQ(ask("Reisepass").corrected, false);
  // "zweiter" is two edits from the off-topic marker "wetter": never corrected into it.
  EXPECT_EQ(top("zweiter Hund"), "hundesteuer-anmelden");
}

TEST_F(SearchIndexTest, MatchesEveryUmlautSpelling) {
  for (std::string_view q : {"Führerschein", "Fuehrerschein", "Fuhrerschein", "FÜHRERSCHEIN"}) {
    EXPECT_EQ(top(q), "fuehrerschein-umtauschen") << q;
  }
  for (std::string_view q : {"Einbürgerung", "Einbuergerung", "Einburgerung"}) {
    EXPECT_EQ(top(q), "einbuergerung-beantragen") << q;
  }
  EXPECT_EQ(top("Eheschliessung"), "eheschliessung-anmelden");
  EXPECT_EQ(ask("Fuehrerschein").interpreted_query, "führerschein");
}

TEST_F(SearchIndexTest, UnderstandsEnglish) {
  EXPECT_EQ(top("I need a new passport"), "reisepass-beantragen");
  EXPECT_EQ(top("register my address"), "wohnsitz-anmelden");
  EXPECT_EQ(top("driving licence"), "fuehrerschein-umtauschen");
  EXPECT_EQ(top("library card"), "bibliotheksausweis-beantragen"); // a document's own keyword
  EXPECT_EQ(ask("I need a new passport").interpreted_query, "passport (reisepass)");
}

TEST_F(SearchIndexTest, FindsServicesByTheirOwnKeywordsAndSynonyms) {
  EXPECT_EQ(top("Strafzettel"), "verwarnungsgeld-bezahlen");
  EXPECT_EQ(top("Leumundszeugnis"), "fuehrungszeugnis-beantragen");
  EXPECT_EQ(top("Kennzeichen"), "fahrzeug-zulassen");
  EXPECT_EQ(top("Aufgebot"), "eheschliessung-anmelden");
}

TEST_F(SearchIndexTest, PrefersTheServiceTheQuestionNamesExactly) {
  // Both titles name the Personalausweis; the plain question means the plain service.
  EXPECT_EQ(top("Personalausweis"), "personalausweis-beantragen");
  EXPECT_EQ(top("Personalausweis beantragen"), "personalausweis-beantragen");
  // A keyword of the more specific service, word for word.
  EXPECT_EQ(top("Ausweis verloren"), "personalausweis-verlust-melden");
  EXPECT_EQ(top("Perso gestohlen"), "personalausweis-verlust-melden");
}

TEST_F(SearchIndexTest, AnswersLongConversationalQuestions) {
  EXPECT_EQ(top("Wir wollen im Sommer nach Marokko fliegen und ich habe noch keinen Reisepass, "
                "was muss ich tun?"),
            "reisepass-beantragen");
  EXPECT_EQ(top("Hallo, unser Hund ist letzte Woche bei uns eingezogen, wo melden wir ihn an?"),
            "hundesteuer-anmelden");
  // Real words the catalogue lacks are not "corrected" into unrelated ones.
  const Result r = ask("Wir wollen im Sommer nach Marokko fliegen und brauchen einen Reisepass");
  EXPECT_FALSE(r.corrected);
}

TEST_F(SearchIndexTest, UnderstandsLexiconPhrasesWithStopWords) {
  EXPECT_EQ(top("Ich ziehe um"), "wohnsitz-anmelden");
  EXPECT_EQ(ask("Ich ziehe um").interpreted_query, "ziehe (wohnsitz anmelden)");
  // Without "um" the phrase does not apply.
  EXPECT_EQ(ask("ziehe").interpreted_query, "ziehe");
}

TEST_F(SearchIndexTest, GenericWordsAloneDoNotMakeAnAnswer) {
  EXPECT_EQ(top("Verwarnungsgeld bezahlen"), "verwarnungsgeld-bezahlen");
  EXPECT_EQ(top("Reisepass Gebühr"), "reisepass-beantragen");
  // "anmelden" fits many services, but not a question about lottery numbers.
  EXPECT_TRUE(ask("Lottozahlen Samstag anmelden").no_answer);
}

TEST_F(SearchIndexTest, RanksATitleMatchAboveMentionsInText) {
  // Many services mention the Personalausweis as a document to bring.
  const Result r = ask("Personalausweis", 20);
  ASSERT_FALSE(r.hits.empty());
  EXPECT_EQ(r.hits[0].id, "personalausweis-beantragen");
  auto score_of = [&](std::string_view id) {
    for (const auto& hit : r.hits) {
      if (hit.id == id) return hit.score;
    }
    return 0.0;
  };
  EXPECT_GT(score_of("personalausweis-beantragen"), score_of("reisepass-beantragen") + 0.3);
  // "Standesamt" is a keyword of the marriage service and text of the birth service.
  EXPECT_EQ(top("Standesamt"), "eheschliessung-anmelden");
}

TEST_F(SearchIndexTest, GivesNoAnswerToOffTopicQuestions) {
  for (std::string_view q :
       {"Wie wird das Wetter morgen?", "Wer hat das Spiel gestern gewonnen?",
        "Bester Döner in der Stadt", "Einkommensteuererklärung abgeben", "Kindergeld beantragen",
        "Öffnungszeiten Finanzamt", "Lottozahlen von Samstag"}) {
    const Result r = ask(q);
    EXPECT_TRUE(r.no_answer) << q << " -> " << (r.hits.empty() ? "" : r.hits[0].id);
    EXPECT_TRUE(r.hits.empty()) << q;
  }
}

TEST_F(SearchIndexTest, ScoresAreCalibratedAndOrdered) {
  const Result r = ask("Hundesteuer anmelden", 10);
  ASSERT_FALSE(r.no_answer);
  EXPECT_EQ(r.hits[0].id, "hundesteuer-anmelden");
  EXPECT_DOUBLE_EQ(r.hits[0].score, 1.0); // every word in the title
  for (std::size_t i = 0; i < r.hits.size(); ++i) {
    EXPECT_GE(r.hits[i].score, 0.0);
    EXPECT_LE(r.hits[i].score, 1.0);
    if (i > 0) {
      EXPECT_GE(r.hits[i - 1].score, r.hits[i].score);
    }
  }
  EXPECT_LE(ask("anmelden", 2).hits.size(), 2u);
}

TEST_F(SearchIndexTest, SurvivesAnyInput) {
  std::string binary;
  for (int i = 0; i < 256; ++i)
    binary += static_cast<char>(i);
  std::string huge;
  while (huge.size() < 10000)
    huge += "Führerschein \x01\xff Ümlaut-Wörter ";
  for (const std::string& q :
       {std::string(), std::string("   "), std::string("\0\0", 2), binary, std::string(10000, 'a'),
        huge, std::string("wie was wo"), std::string("?!?"), std::string("\xC3\x28\xA0\xA1")}) {
    const Result r = ask(q);
    if (q == huge) continue; // meaningful words in it may well be answered
    EXPECT_TRUE(r.no_answer) << q.size();
    EXPECT_TRUE(r.hits.empty());
  }
  EXPECT_EQ(ask("wie was wo").interpreted_query, "");
}

TEST_F(SearchIndexTest, RejectsNonsenseLimits) {
  for (std::size_t limit : {std::size_t{0}, Index::kMaxLimit + 1}) {
    try {
      index_->search("Hund", limit);
      ADD_FAILURE() << limit;
    } catch (const core::Error& e) {
      EXPECT_EQ(e.kind(), core::ErrorKind::invalid_argument);
    }
  }
}

TEST_F(SearchIndexTest, ConcurrentSearchesGiveTheSameResultsAsSequentialOnes) {
  const std::vector<std::string> queries = {"Perso",          "Reisepas", "Hund anmelden",
                                            "Sperrmüll",      "passport", "Wetter morgen",
                                            "Baugenehmigung", "Umzug",    "Fuehrerschein"};
  std::vector<Result> expected;
  for (const auto& q : queries)
    expected.push_back(ask(q));
  std::atomic<int> mismatches{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < 50; ++round) {
        const std::size_t i = (t + round) % queries.size();
        const Result r = ask(queries[i]);
        bool same = r.no_answer == expected[i].no_answer &&
                    r.interpreted_query == expected[i].interpreted_query &&
                    r.hits.size() == expected[i].hits.size();
        for (std::size_t k = 0; same && k < r.hits.size(); ++k) {
          same = r.hits[k].id == expected[i].hits[k].id &&
                 r.hits[k].score == expected[i].hits[k].score;
        }
        if (!same) ++mismatches;
      }
    });
  }
  for (auto& th : threads)
    th.join();
  EXPECT_EQ(mismatches.load(), 0);
}

// --- building -------------------------------------------------------------

TEST(SearchIndexBuild, RejectsMissingOrDuplicateIds) {
  TempDir dir;
  for (const std::vector<Document>& docs :
       {std::vector<Document>{{"", "Titel", {}, {}, "", ""}},
        std::vector<Document>{{"a", "Eins", {}, {}, "", ""}, {"a", "Zwei", {}, {}, "", ""}}}) {
    try {
      Index::build(docs, Lexicon{}, dir.path());
      ADD_FAILURE();
    } catch (const core::Error& e) {
      EXPECT_EQ(e.kind(), core::ErrorKind::invalid_argument);
    }
  }
}

TEST(SearchIndexBuild, AnEmptyIndexAnswersNothing) {
  TempDir dir;
  const auto index = Index::build({}, Lexicon{}, dir.path());
  EXPECT_EQ(index->size(), 0u);
  EXPECT_TRUE(index->search("Reisepass", 5).no_answer);
}

TEST(SearchIndexBuild, AnswersAnOffTopicMarkerOnlyWithAServiceThatNamesIt) {
  TempDir dir;
  Lexicon lexicon;
  lexicon.off_topic = {"kindergeld"};
  const std::vector<Document> docs = {
      {"kindergeld-info", "Kindergeld – bei der Familienkasse", {"Kindergeld"}, {}, "", ""},
      {"geburt-beurkunden",
       "Geburt beurkunden",
       {"Geburtsurkunde"},
       {},
       "Drei Geburtsurkunden für Kindergeld und Elterngeld sind gebührenfrei.",
       ""}};
  const auto index = Index::build(docs, lexicon, dir.path());
  const Result r = index->search("Kindergeld beantragen", 5);
  ASSERT_FALSE(r.no_answer);
  ASSERT_EQ(r.hits.size(), 1u); // the service that only mentions it is no answer
  EXPECT_EQ(r.hits[0].id, "kindergeld-info");
  const auto without = Index::build({docs[1]}, lexicon, dir.path());
  EXPECT_TRUE(without->search("Kindergeld beantragen", 5).no_answer);
}

TEST(SearchIndexBuild, KeepsItsDirectoryOnlyWhileAlive) {
  TempDir dir;
  // Left behind by a process that no longer runs (pid numbers wrap far below this).
  fs::create_directories(dir.path() / "xapian-2147483646-1");
  fs::create_directories(dir.path() / "unrelated");
  auto count = [&] {
    int n = 0;
    for (const auto& e : fs::directory_iterator(dir.path()))
      n += e.path().filename() != "unrelated";
    return n;
  };
  {
    const auto a = Index::build(corpus(), Lexicon{}, dir.path());
    const auto b = Index::build(corpus(), Lexicon{}, dir.path()); // a rebuild beside a live index
    EXPECT_EQ(count(), 2);
    EXPECT_EQ(a->search("Reisepass", 1).hits.at(0).id, "reisepass-beantragen");
    EXPECT_EQ(b->search("Reisepass", 1).hits.at(0).id, "reisepass-beantragen");
  }
  EXPECT_EQ(count(), 0);
  EXPECT_TRUE(fs::exists(dir.path() / "unrelated"));
}

} // namespace
