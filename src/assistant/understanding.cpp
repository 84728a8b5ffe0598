#include "assistant/understanding.hpp"

#include <algorithm>
#include <initializer_list>
#include <set>

#include "assistant/travel/fold.hpp"

namespace assistant {
namespace {

// The folded words of a sentence, for the keyword rules.
struct Words {
  std::vector<std::string> list;
  std::string joined; // " w1 w2 ... " for phrase lookups

  explicit Words(std::string_view text) {
    for (auto& w : travel::split_words(text))
      list.push_back(w.folded);
    joined = " ";
    for (auto& w : list)
      joined += w + " ";
  }
  bool has(std::string_view w) const {
    return std::find(list.begin(), list.end(), w) != list.end();
  }
  bool any(std::initializer_list<std::string_view> ws) const {
    for (auto w : ws)
      if (has(w)) return true;
    return false;
  }
  bool phrase(std::string_view p) const {
    return joined.find(" " + std::string(p) + " ") != std::string::npos;
  }
  bool any_phrase(std::initializer_list<std::string_view> ps) const {
    for (auto p : ps)
      if (phrase(p)) return true;
    return false;
  }
  bool prefix(std::string_view p) const {
    for (const auto& w : list)
      if (w.starts_with(p)) return true;
    return false;
  }
};

std::optional<documents::Kind> document_in(const Words& w) {
  if (w.any({"kinderreisepass", "kinderpass"})) return documents::Kind::kinderreisepass;
  if (w.any({"reisepass", "pass", "passes", "reisepasses", "passport"}))
    return documents::Kind::reisepass;
  if (w.any({"personalausweis", "ausweis", "perso", "ausweises", "personalausweises", "id"}))
    return documents::Kind::personalausweis;
  if (w.any({"fuhrerschein", "fuehrerschein", "fuhrerscheins"}))
    return documents::Kind::fuehrerschein;
  return std::nullopt;
}

bool own(const Words& w) { return w.any({"mein", "meine", "meinen", "meines", "meinem", "my"}); }

// The service.* sub-intent from the aspect words; "" when none.
std::string aspect(const Words& w) {
  if (w.any({"kostet", "kosten", "gebuhr", "gebuhren", "preis", "teuer", "cost", "costs", "fee",
             "euro", "price", "much"}))
    return "service.cost";
  if (w.any({"unterlagen", "mitbringen", "dokumente", "nachweise", "documents", "mitnehmen"}) ||
      w.phrase("brauche ich"))
    return "service.documents";
  if (w.any({"offnungszeiten", "geoffnet", "offen", "hours", "open"}) || w.phrase("wann hat"))
    return "service.hours";
  if (w.any({"online", "digital", "internet", "elektronisch"})) return "service.online";
  if (w.any({"bearbeitungszeit", "dauert"}) || w.phrase("wie lange")) return "service.duration";
  if (w.any({"wo", "adresse", "where", "amt", "wohin", "buro"})) return "service.location";
  return "";
}

bool off_topic(const Words& w) {
  return w.any({"wetter",  "weather",      "regnet", "fussball", "bundesliga", "football",
                "soccer",  "witz",         "rezept", "kochen",   "lotto",      "aktien",
                "bitcoin", "film",         "kino",   "musik",    "horoskop",   "liebe",
                "politik", "wahlergebnis", "spiel"});
}

} // namespace

std::vector<ServiceHit> Understander::search(std::string_view text, std::size_t limit) const {
  // The snapshot's index directly: a citizen's chat sentence is personal and
  // is not counted among the catalogue's unanswered searches.
  std::vector<ServiceHit> hits;
  const auto snap = catalog_.snapshot();
  if (text.empty() || !snap || !snap->index()) return hits;
  for (const auto& h : snap->index()->search(text.substr(0, 300), limit).hits)
    if (const catalog::Service* s = snap->service(h.id)) hits.push_back({s->id, s->title, h.score});
  return hits;
}

Understanding Understander::understand(std::string_view text, core::Date today,
                                       const DialogueContext& context) const {
  Understanding u;
  const Words w(text);
  u.when = parse_when(text, today);
  u.document = document_in(w);
  u.about_own_documents = u.document && own(w);
  auto fire = [&](std::string intent, double confidence, std::string rule) {
    u.intent = std::move(intent);
    u.confidence = confidence;
    u.rule = std::move(rule);
    return u;
  };
  const std::size_t n = w.list.size();
  if (n == 0) return fire("handoff", 0.2, "empty");
  if (w.any({"mensch", "menschen", "mitarbeiter", "mitarbeiterin", "sachbearbeiter", "human",
             "person", "anrufen"}) ||
      w.phrase("mit jemandem"))
    return fire("handoff", 0.95, "human");

  const bool yes = w.any({"ja", "gerne", "gern", "ok", "okay", "yes", "klar", "passt", "genau",
                          "bitte", "jawohl", "sicher"});
  const bool no = w.any({"nein", "no", "nee", "abbrechen"}) || w.phrase("lieber nicht") ||
                  w.phrase("doch nicht");
  const bool wants_time =
      u.when.weekday || u.when.from || u.when.minute_of_day || u.when.part != When::Part::any;
  if (context.cancel_pending && wants_time && n <= 8)
    return fire("appointment.cancel", 0.9, "cancel-which");
  if (context.cancel_pending && n <= 6) {
    if (no) return fire("deny", 0.95, "deny-cancel");
    if (yes) return fire("affirm", 0.95, "affirm-cancel");
  }
  if (context.offer_pending && n <= 10) {
    if (no && u.document && !wants_time) {
      // A correction: "nein, ich meinte den Personalausweis".
      u.services = search(text, 3);
      return fire("appointment.book", 0.85, "correction");
    }
    if (no && !wants_time) return fire("deny", 0.95, "deny-offer");
    if (wants_time && !w.any({"reise", "urlaub", "fliege", "fliegen", "einreise"}))
      return fire("appointment.choose", 0.9, "choose");
    if (yes && n <= 5) return fire("affirm", 0.95, "affirm-offer");
  }
  if (n <= 2 && yes && !no) return fire("affirm", 0.8, "affirm");
  if (n <= 4 && (w.any({"danke", "dankeschon", "thanks", "thank", "thx", "merci"}) ||
                 w.phrase("vielen dank")))
    return fire("thanks", 0.95, "thanks");
  if (n <= 4 && (w.any({"hallo", "hi", "hello", "moin", "servus", "hey"}) ||
                 w.any_phrase({"guten tag", "guten morgen", "guten abend", "gruss gott"})))
    return fire("greeting", 0.95, "greeting");

  const bool appointment_word = w.prefix("termin") || w.any({"appointment", "appointments"});
  if (appointment_word &&
      (w.any({"absagen", "stornieren", "storniere", "loschen", "cancel", "streichen"}) ||
       (w.has("ab") && w.any({"sag", "sage", "sagen"}))))
    return fire("appointment.cancel", 0.95, "cancel");
  if (appointment_word && !w.any({"buchen", "vereinbaren", "machen", "brauche", "book"}) &&
      (w.any({"welche", "meine", "habe", "hab", "zeige", "liste", "anstehenden"}) ||
       w.phrase("my appointments")))
    return fire("appointment.list", 0.93, "list");

  if (u.document &&
      (w.phrase("lauft") ||
       w.any({"gultig", "ablaufdatum", "abgelaufen", "expire", "expires", "valid"})) &&
      !appointment_word) {
    // "Wann läuft mein Ausweis ab?" / "Ist mein Pass noch gültig?" -- unless a trip is named.
    const auto mention = gazetteer_.find_in(text);
    if (!mention || !mention->place.country || mention->place.country->code == "DE")
      return fire("document.status", 0.92, "document-status");
  }

  const bool travel_word =
      w.any({"visum", "visa", "einreise", "einreisen", "reise", "reisen", "urlaub", "fliege",
             "fliegen", "flug", "travel", "trip", "entry", "reicht", "enough"});
  if ((travel_word || u.document || w.has("nach")) && !appointment_word &&
      !w.any({"verloren", "gestohlen", "lost", "stolen", "beantragen", "kostet", "kosten"})) {
    auto mention = gazetteer_.find_in(text);
    // With only a document word ("Pass"), the place must be a destination:
    // "nach Mailand", "für Marrakesch", "in die Türkei", "to New York".
    if (mention && !travel_word) {
      const auto before = travel::split_words(text.substr(0, mention->begin));
      static const std::set<std::string> kTo = {"nach", "fur", "in", "to", "for", "die", "den"};
      if (before.empty() || !kTo.contains(before.back().folded)) mention.reset();
    }
    if (mention && mention->place.country && mention->place.country->code != "DE") {
      u.destination = std::move(mention);
      return fire("travel.documents", u.destination->place.distance == 0 ? 0.93 : 0.85, "travel");
    }
  }
  // "Und für Marokko?" after a travel question.
  if (context.has_destination && n <= 5 && !appointment_word) {
    auto mention = gazetteer_.find_in(text);
    if (mention && mention->place.country && mention->place.country->code != "DE") {
      u.destination = std::move(mention);
      return fire("travel.documents", 0.85, "travel-follow-up");
    }
  }
  // "Und brauche ich ein Visum?": the destination of the conversation.
  if (context.has_destination && travel_word && !appointment_word && n <= 8)
    return fire("travel.documents", 0.8, "travel-topic");
  // "Und mein Reisepass?" -- a document of one's own, nothing else asked.
  if (u.about_own_documents && n <= 4 && !appointment_word &&
      !w.any({"verloren", "gestohlen", "lost", "stolen", "kaputt", "beschadigt", "wurde"}))
    return fire("document.status", 0.85, "document-short");

  if (appointment_word || w.any({"buchen", "vereinbaren"})) {
    // The service is what remains without the words about the appointment.
    static const std::set<std::string> kAbout = {
        "termin", "termine", "einen",    "ein",         "eine",        "brauche", "brauch",
        "ich",    "mochte",  "will",     "vereinbaren", "buchen",      "machen",  "ausmachen",
        "fur",    "bitte",   "gerne",    "gern",        "mir",         "mal",     "den",
        "die",    "das",     "dafur",    "auch",        "noch",        "und",     "ja",
        "kann",   "man",     "need",     "an",          "appointment", "book",    "i",
        "a",      "for",     "want",     "to",          "please",      "wegen",   "zum",
        "zur",    "geben",   "bekommen", "neuen",       "neue",        "neuer",   "mein",
        "meine",  "meinen"};
    std::string rest;
    for (const auto& word : w.list)
      if (!kAbout.contains(word)) rest += (rest.empty() ? "" : " ") + word;
    u.services = search(rest, 3);
    u.follow_up = context.has_topic && !u.document &&
                  (rest.empty() || u.services.empty() || u.services.front().score < 0.5);
    return fire("appointment.book", 0.9, "book");
  }
  if (off_topic(w)) return fire("handoff", 0.9, "off-topic");

  const std::string sub = aspect(w);
  u.services = search(text, 3);
  const double best = u.services.empty() ? 0 : u.services.front().score;
  // "Und was kostet das?", "Geht das auch online?": a pronoun refers to the topic;
  // a short question without one ("Öffnungszeiten?") unless it names a service.
  const bool pronoun = n <= 7 && w.any({"das", "es", "dafur", "dort", "da", "dazu", "die", "den",
                                        "dann", "it", "that", "there"});
  if (context.has_topic && !sub.empty() && (pronoun || (n <= 5 && best < 0.8) || best < 0.6)) {
    u.follow_up = true;
    u.services.clear();
    return fire(sub, 0.85, "follow-up");
  }
  if (best >= kConfidenceThreshold)
    return fire(sub.empty() ? "service.info" : sub, std::min(0.99, 0.5 + best / 2), "search");
  return fire("handoff", std::min(best, 0.39), "unsure");
}

} // namespace assistant
