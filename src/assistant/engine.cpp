#include "assistant/engine.hpp"

#include <algorithm>
#include <array>
#include <cmath>

#include "assistant/travel/phrasing.hpp"
#include "assistant/travel/rule_check.hpp"
#include "core/error.hpp"
#include "documents/reminders.hpp"

namespace assistant {
namespace {

namespace json = boost::json;
using namespace std::chrono;

constexpr std::array<const char*, 7> kDayShort = {"Mo.", "Di.", "Mi.", "Do.", "Fr.", "Sa.", "So."};
constexpr std::array<const char*, 7> kDayCodes = {"mo", "di", "mi", "do", "fr", "sa", "so"};
constexpr std::array<const char*, 12> kMonthNames = {
    "Januar", "Februar", "März",      "April",   "Mai",      "Juni",
    "Juli",   "August",  "September", "Oktober", "November", "Dezember"};

std::string hhmm(int minute) {
  const int h = minute / 60, m = minute % 60;
  return std::to_string(h) + ":" + (m < 10 ? "0" : "") + std::to_string(m);
}

// "08:00" -> "8:00".
std::string short_time(const std::string& t) {
  return t.size() == 5 && t[0] == '0' ? t.substr(1) : t;
}

std::string address(const catalog::Office& o) {
  return o.street + ", " + o.postal_code + " " + o.city;
}

std::string service_url(const std::string& id) { return "/leistungen/" + id; }
std::string office_url(const std::string& id) { return "/aemter/" + id; }

// "70,00 €".
std::string euro(double amount) {
  const long cents = std::lround(amount * 100);
  std::string c = std::to_string(cents % 100);
  return std::to_string(cents / 100) + "," + (c.size() < 2 ? "0" : "") + c + " €";
}

// "heute 8:00–12:30 und 14:00–18:00 Uhr", "heute geschlossen".
std::string hours_on(const catalog::Office& o, core::Date day, const char* prefix) {
  const std::string iso = core::format_date(day);
  for (const auto& e : o.exceptions)
    if (e.date == iso) {
      if (e.closed) return std::string(prefix) + " geschlossen";
      return std::string(prefix) + " " + short_time(e.open) + "–" + short_time(e.close) + " Uhr";
    }
  std::string out;
  for (const auto& s : o.opening_hours)
    if (s.day == kDayCodes[core::weekday_index(day)])
      out += (out.empty() ? "" : " und ") + short_time(s.open) + "–" + short_time(s.close);
  if (out.empty()) return std::string(prefix) + " geschlossen";
  return std::string(prefix) + " " + out + " Uhr";
}

// The whole week: "Mo 8:00–18:00, Di 8:00–12:30, ...".
std::string week_hours(const catalog::Office& o) {
  std::string out;
  for (std::size_t d = 0; d < kDayCodes.size(); ++d) {
    std::string day;
    for (const auto& s : o.opening_hours)
      if (s.day == kDayCodes[d])
        day += (day.empty() ? "" : " und ") + short_time(s.open) + "–" + short_time(s.close);
    if (day.empty()) continue;
    std::string name = kDayShort[d];
    name.pop_back();
    out += (out.empty() ? "" : ", ") + name + " " + day;
  }
  return out.empty() ? "keine festen Öffnungszeiten hinterlegt" : out + " Uhr";
}

std::optional<travel::DocumentKind> travel_kind(documents::Kind k) {
  switch (k) {
  case documents::Kind::reisepass: return travel::DocumentKind::reisepass;
  case documents::Kind::personalausweis: return travel::DocumentKind::personalausweis;
  case documents::Kind::kinderreisepass: return travel::DocumentKind::kinderreisepass;
  case documents::Kind::vorlaeufiger_reisepass: return travel::DocumentKind::vorlaeufiger_reisepass;
  case documents::Kind::vorlaeufiger_personalausweis:
    return travel::DocumentKind::vorlaeufiger_personalausweis;
  case documents::Kind::fuehrerschein: return std::nullopt;
  }
  return std::nullopt;
}

documents::Kind register_kind(travel::DocumentKind k) {
  switch (k) {
  case travel::DocumentKind::reisepass: return documents::Kind::reisepass;
  case travel::DocumentKind::personalausweis: return documents::Kind::personalausweis;
  case travel::DocumentKind::kinderreisepass: return documents::Kind::kinderreisepass;
  case travel::DocumentKind::vorlaeufiger_reisepass: return documents::Kind::vorlaeufiger_reisepass;
  case travel::DocumentKind::vorlaeufiger_personalausweis:
    return documents::Kind::vorlaeufiger_personalausweis;
  }
  return documents::Kind::reisepass;
}

json::object reply_button(const char* text) { return {{"type", "reply"}, {"text", text}}; }

} // namespace

std::string slot_label(core::TimePoint start) {
  const core::Date d = core::berlin_date(start);
  return std::string(kDayShort[core::weekday_index(d)]) + ", " +
         std::to_string(static_cast<unsigned>(d.day())) + ". " +
         kMonthNames[static_cast<unsigned>(d.month()) - 1] + ", " +
         hhmm(core::berlin_minute_of_day(start)) + " Uhr";
}

// The working state of one turn.
struct Assistant::Turn {
  const TurnInput& input;
  const http::Identity* identity;
  Conversation conversation;
  core::Date today;
  std::shared_ptr<const catalog::Snapshot> snap;
  Understanding u;
  std::vector<std::string> paragraphs;
  json::array actions;
  std::vector<Source> sources;

  void say(std::string p) { paragraphs.push_back(std::move(p)); }
  void source(std::string title, std::string url) {
    for (const auto& s : sources)
      if (s.url == url) return;
    sources.push_back({std::move(title), std::move(url)});
  }
  std::string user_id() const { return identity ? identity->user_id : std::string(); }
};

Assistant::Assistant(Parts parts)
    : parts_(parts), understander_(parts.catalog, parts.gazetteer), conversations_(parts.clock) {}

std::string Assistant::first_name(const http::Identity* identity) const {
  if (!identity) return {};
  const std::string& name =
      identity->display_name.empty() ? identity->username : identity->display_name;
  return name.substr(0, name.find(' '));
}

TurnResult Assistant::turn(const TurnInput& input, const http::Identity* identity) {
  const std::string caller = identity ? identity->user_id : std::string();
  std::optional<Conversation> found;
  if (input.conversation_id) {
    found = conversations_.find(*input.conversation_id, caller);
    if (!found)
      throw core::Error(core::ErrorKind::not_found,
                        "Dieses Gespräch ist nicht (mehr) bekannt. Bitte beginne ein neues.");
  }
  Turn t{input,
         identity,
         found ? *found : conversations_.start(caller),
         core::berlin_today(parts_.clock),
         parts_.catalog.snapshot(),
         {},
         {},
         {},
         {}};
  ++t.conversation.turns;
  if (!input.service_id.empty()) {
    if (!t.snap->service(input.service_id))
      throw core::Error(core::ErrorKind::invalid_argument, "'service_id' is not a known service.");
    t.conversation.topic_service = input.service_id;
  }
  answer(t);
  conversations_.save(t.conversation);
  TurnResult r;
  r.conversation_id = t.conversation.id;
  r.intent = t.u.intent;
  r.confidence = std::round(t.u.confidence * 100) / 100;
  for (std::size_t i = 0; i < t.paragraphs.size(); ++i)
    r.text += (i ? "\n\n" : "") + t.paragraphs[i];
  r.actions = std::move(t.actions);
  r.sources = std::move(t.sources);
  return r;
}

void Assistant::answer(Turn& t) {
  Conversation& c = t.conversation;
  if (t.input.slot) {
    t.u.intent = "appointment.choose";
    t.u.confidence = 1;
    const std::string service = c.offer ? c.offer->service_id : c.topic_service;
    if (service.empty())
      throw core::Error(core::ErrorKind::invalid_argument,
                        "'slot' needs an offered appointment in this conversation.");
    book(t, {t.input.slot->office_id, {t.input.slot->start, t.input.slot->start}});
    return;
  }
  if (t.input.text.empty() && !t.input.service_id.empty()) {
    t.u.intent = "service.info";
    t.u.confidence = 1;
    service(t, "service.info");
    return;
  }
  const DialogueContext context{!c.topic_service.empty(), c.offer.has_value(),
                                !c.cancel_code.empty(), !c.destination_country.empty()};
  t.u = understander_.understand(t.input.text, t.today, context);
  const std::string& intent = t.u.intent;
  if (intent != "affirm" && intent != "deny" && intent != "appointment.cancel")
    c.cancel_code.clear();
  if (intent == "greeting") return greeting(t);
  if (intent == "thanks") {
    t.say("Gern geschehen! Kann ich sonst noch etwas für Dich tun?");
    return;
  }
  if (intent.starts_with("service.")) return service(t, intent);
  if (intent == "travel.documents") return travel_documents(t);
  if (intent == "document.status") return document_status(t);
  if (intent == "appointment.book") return book_request(t);
  if (intent == "appointment.choose") return choose(t);
  if (intent == "affirm") return affirm(t);
  if (intent == "deny") {
    c.offer.reset();
    c.cancel_code.clear();
    t.say("Alles klar, dann lasse ich das. Kann ich Dir sonst helfen?");
    return;
  }
  if (intent == "appointment.list") return list(t);
  if (intent == "appointment.cancel") return cancel(t);
  handoff(t, t.u.rule == "unsure");
}

void Assistant::greeting(Turn& t) {
  const std::string name = first_name(t.identity);
  t.say("Hallo" + (name.empty() ? std::string() : " " + name) +
        "! Ich bin der digitale Assistent der Stadtverwaltung. Frag mich nach einer Leistung "
        "(\"Was kostet ein Reisepass?\"), nach Deinen Reisedokumenten (\"Brauche ich für "
        "Marrakesch einen Pass?\") oder nach einem Termin.");
}

void Assistant::service(Turn& t, const std::string& intent) {
  Conversation& c = t.conversation;
  std::string id = c.topic_service;
  if (!t.u.follow_up && !t.u.services.empty()) id = t.u.services.front().id;
  const catalog::Service* s = t.snap->service(id);
  if (!s) return handoff(t, true);
  c.topic_service = s->id;
  t.source(s->title, service_url(s->id));
  std::string text;
  if (intent == "service.cost") {
    if (s->fees.empty()) {
      text = "Zu den Kosten von „" + s->title + "“ habe ich keine Angaben.";
    } else {
      text = "„" + s->title + "“ kostet:";
      for (const auto& f : s->fees)
        text += "\n• " + (f.amount == 0 ? std::string("gebührenfrei") : euro(f.amount)) +
                (f.per.empty() ? "" : " pro " + f.per) +
                (f.condition.empty() ? "" : " (" + f.condition + ")");
    }
  } else if (intent == "service.documents") {
    if (s->documents.empty()) {
      text = "Für „" + s->title + "“ sind keine Unterlagen hinterlegt.";
    } else {
      text = "Für „" + s->title + "“ brauchst Du:";
      for (const auto& d : s->documents)
        text += "\n• " + d;
    }
  } else if (intent == "service.location" || intent == "service.hours") {
    text = "„" + s->title + "“ bekommst Du hier:";
    int shown = 0;
    for (const auto& oid : s->offices) {
      const catalog::Office* o = t.snap->office(oid);
      if (!o || ++shown > 3) continue;
      text += "\n• " + o->name + ", " + address(*o) + ". Öffnungszeiten: " + week_hours(*o) + " (" +
              hours_on(*o, t.today, "heute") + ")";
      t.source(o->name, office_url(o->id));
    }
    if (shown == 0) text = "Für „" + s->title + "“ ist kein Amt hinterlegt.";
  } else if (intent == "service.online") {
    if (s->online_service_url)
      text = "Ja, „" + s->title + "“ geht online: " + *s->online_service_url;
    else
      text = "„" + s->title + "“ geht laut Leistungskatalog nicht online" +
             (std::find(s->channels.begin(), s->channels.end(), "vor_ort") != s->channels.end()
                  ? std::string(", sondern vor Ort.")
                  : std::string("."));
    if (s->online_service_url)
      t.actions.push_back(
          {{"type", "link"}, {"title", "Online beantragen"}, {"url", *s->online_service_url}});
  } else if (intent == "service.duration") {
    text = s->processing_time.empty()
               ? "Zur Bearbeitungszeit von „" + s->title + "“ habe ich keine Angabe."
               : "Bearbeitungszeit für „" + s->title + "“: " + s->processing_time;
  } else {
    text = s->title + ": " + s->summary;
  }
  t.say(text);
  if (s->appointment_minutes && !s->offices.empty()) {
    t.actions.push_back(reply_button("Termin vereinbaren"));
  }
  t.actions.push_back({{"type", "link"}, {"title", s->title}, {"url", service_url(s->id)}});
}

void Assistant::travel_documents(Turn& t) {
  Conversation& c = t.conversation;
  const auto& mention = *t.u.destination;
  const travel::Country* country = mention.place.country;
  c.destination_country = country->code;
  if (t.u.when.from) c.travel_date = t.u.when.from;
  const travel::EntryRule* rule = parts_.rules.find(country->code);
  if (!rule) {
    t.say("Für " + country->name_de +
          " habe ich keine geprüften Einreiseregeln. Bitte schau "
          "in die Reise- und Sicherheitshinweise des Auswärtigen Amts: " +
          parts_.rules.general_link());
    t.source("Auswärtiges Amt: Reise- und Sicherheitshinweise", parts_.rules.general_link());
    return;
  }
  t.source("Auswärtiges Amt: " + rule->name, rule->link);
  const std::string hello = t.identity ? "Hallo " + first_name(t.identity) + "! " : std::string();
  if (mention.place.kind != travel::PlaceKind::country)
    t.source("Ortsverzeichnis: " + mention.place.name + " liegt in " + country->name_de +
                 " (GeoNames, CC BY 4.0)",
             "https://www.geonames.org/");
  if (!t.identity) {
    t.say(travel::describe_rule(*rule, parts_.rules));
    if (t.u.about_own_documents)
      t.actions.push_back({{"type", "login_required"},
                           {"url", "/anmelden?weiter=%2Fassistent"},
                           {"label", "Anmelden für eine persönliche Prüfung"}});
    return;
  }
  // Personal check against the register.
  std::vector<travel::CitizenDocument> docs;
  for (const auto& d : parts_.documents.own(t.identity->user_id)) {
    const auto kind = travel_kind(d.kind);
    if (!kind || !d.expiry_date) continue;
    travel::CitizenDocument cd{*kind, *d.expiry_date, travel::DocumentStatus::valid};
    if (d.state == documents::StoredState::lost) cd.status = travel::DocumentStatus::lost;
    if (d.state == documents::StoredState::stolen) cd.status = travel::DocumentStatus::stolen;
    docs.push_back(cd);
  }
  travel::Trip trip{c.travel_date.value_or(t.today), std::nullopt};
  if (t.u.when.to && t.u.when.from && *t.u.when.to != *t.u.when.from) trip.departure = t.u.when.to;
  const auto result = travel::check_documents(*rule, docs, trip, t.today);
  t.source("Deine Dokumente", "/konto/dokumente");
  const std::string rule_explained =
      "Geprüft habe ich Deine Dokumente aus dem Melderegister gegen die Regel für " + rule->name +
      (c.travel_date ? " und Deinen Reisetag " + core::format_date_de(trip.entry)
                     : std::string(" (ohne Reisedatum: Einreise heute angenommen)")) +
      ".";
  if (result.sufficient) {
    t.say(hello + travel::describe_check(*rule, result, parts_.rules));
    if (!rule->visa.empty()) t.say(rule->visa);
    t.say(rule_explained);
    return;
  }
  // The accepted document the citizen has, to renew: the first finding of an
  // accepted kind, else the rule's first document.
  const travel::DocumentFinding* renew = nullptr;
  for (const auto& f : result.findings)
    if (f.finding != travel::Finding::not_accepted && rule->accepts(f.document.kind)) {
      renew = &f;
      break;
    }
  std::string text = hello + travel::requirement_sentence(*rule);
  documents::Kind renew_kind = register_kind(rule->documents.front());
  if (renew) {
    renew_kind = register_kind(renew->document.kind);
    const std::string name(travel::german_name(renew->document.kind));
    const core::Date exp = renew->document.expires;
    if (renew->finding == travel::Finding::not_usable)
      text += " Dein " + name + " ist als verloren oder gestohlen gemeldet.";
    else if (renew->expired_already)
      text += " Dein " + name + " ist am " + core::format_date_de(exp) + " abgelaufen.";
    else
      text += " Dein " + name + " läuft " + documents::time_until(t.today, exp) + " ab (am " +
              core::format_date_de(exp) + ").";
    text += " Soll ich Dir einen Termin zur Verlängerung machen?";
  } else {
    text += " Ich finde in Deinen Dokumenten keinen passenden Ausweis. Soll ich Dir einen Termin "
            "für einen " +
            std::string(travel::german_name(rule->documents.front())) + " machen?";
  }
  t.say(text);
  t.say(travel::authoritative_notice(*rule, parts_.rules));
  t.say(rule_explained);
  offer(t, std::string(documents::renewal_service(renew_kind)));
}

void Assistant::document_status(Turn& t) {
  if (!t.identity) {
    t.say("Wann Dein Ausweis oder Pass abläuft, kann ich Dir nach der Anmeldung sagen: dann sehe "
          "ich in Deine Dokumente im Bürgerkonto.");
    t.actions.push_back({{"type", "login_required"},
                         {"url", "/anmelden?weiter=%2Fassistent"},
                         {"label", "Anmelden für eine persönliche Prüfung"}});
    return;
  }
  const auto docs = parts_.documents.own(t.identity->user_id);
  std::string text = "Hallo " + first_name(t.identity) + "!";
  bool any = false;
  const documents::Document* soonest = nullptr;
  for (const auto& d : docs) {
    if (t.u.document && d.kind != *t.u.document) continue;
    if (!d.expiry_date) continue;
    any = true;
    const bool expired = core::days_between(t.today, *d.expiry_date) < 0;
    text += " Dein " + std::string(documents::label(d.kind)) +
            (expired ? " ist am " + core::format_date_de(*d.expiry_date) + " abgelaufen."
                     : " läuft " + documents::time_until(t.today, *d.expiry_date) + " ab (am " +
                           core::format_date_de(*d.expiry_date) + ").");
    if (core::days_between(t.today, *d.expiry_date) < 180 &&
        (!soonest || *d.expiry_date < *soonest->expiry_date))
      soonest = &d;
  }
  if (!any) text += " In Deinen Dokumenten im Bürgerkonto finde ich dazu keinen Eintrag.";
  t.source("Deine Dokumente", "/konto/dokumente");
  if (soonest) {
    text += " Soll ich Dir einen Termin zur Verlängerung machen?";
    t.say(text);
    offer(t, std::string(documents::renewal_service(soonest->kind)));
    return;
  }
  t.say(text);
}

void Assistant::book_request(Turn& t) {
  Conversation& c = t.conversation;
  std::string id;
  if (t.u.document) id = documents::renewal_service(*t.u.document);
  if (!t.u.follow_up && !t.u.services.empty() &&
      t.u.services.front().score >= kConfidenceThreshold && !t.u.document)
    id = t.u.services.front().id;
  if (id.empty()) id = c.topic_service;
  const catalog::Service* s = t.snap->service(id);
  if (!s) {
    t.say("Für welche Leistung möchtest Du einen Termin? Zum Beispiel: „Termin für einen "
          "Reisepass“.");
    return;
  }
  c.topic_service = s->id;
  if (!offer(t, s->id, t.u.when)) return;
  t.paragraphs.insert(t.paragraphs.begin(),
                      "Gern! Hier sind die nächsten freien Termine für „" + s->title + "“.");
}

bool Assistant::offer(Turn& t, const std::string& service_id, const When& when) {
  Conversation& c = t.conversation;
  const catalog::Service* s = t.snap->service(service_id);
  if (!s) return false;
  t.source(s->title, service_url(s->id));
  if (!s->appointment_minutes || s->offices.empty()) {
    t.say("Für „" + s->title + "“ vergibt die Stadt keine Termine über das Online-System.");
    return false;
  }
  appointments::SlotQuery q;
  q.service_id = s->id;
  q.limit = when.empty() ? 20 : 400; // filtered below by weekday and time
  if (when.from) {
    q.from = core::berlin_instant_lenient(*when.from, minutes(0));
    // A weekday means the next such day with a free slot (up to three weeks ahead).
    const long extra = when.weekday ? 22 : 1;
    q.to = core::berlin_instant_lenient(core::add_days(when.to.value_or(*when.from), extra),
                                        minutes(0));
    if (*q.from < parts_.clock.now()) q.from = parts_.clock.now();
    if (*q.to <= *q.from) q.to.reset();
  }
  std::vector<appointments::Slot> best;
  std::string best_office;
  for (const auto& oid : s->offices) {
    q.office_id = oid;
    std::vector<appointments::Slot> slots;
    try {
      slots = parts_.calendar.free_slots(q);
    } catch (const core::Error&) {
      continue;
    }
    const auto soonest = parts_.clock.now() + minutes(30); // time to get there
    std::erase_if(slots, [&](const appointments::Slot& sl) {
      if (sl.time.start < soonest) return true;
      const int minute = core::berlin_minute_of_day(sl.time.start);
      if (when.weekday && core::weekday_index(core::berlin_date(sl.time.start)) != *when.weekday)
        return true;
      if (when.minute_of_day && minute < *when.minute_of_day) return true;
      if (when.part == When::Part::afternoon && minute < 13 * 60) return true;
      if (when.part == When::Part::morning && minute >= 12 * 60) return true;
      return false;
    });
    if (slots.empty()) continue;
    if (best.empty() || slots.front().time.start < best.front().time.start) {
      best = std::move(slots);
      best_office = oid;
    }
  }
  const catalog::Office* o = t.snap->office(best_office);
  if (best.empty() || !o) {
    t.say("Für „" + s->title + "“ finde ich " + (when.empty() ? "in den nächsten Wochen" : "dann") +
          " leider keinen freien Termin.");
    if (!when.empty()) t.actions.push_back(reply_button("Nächster freier Termin"));
    return false;
  }
  Offer off{s->id, o->id, {}};
  for (std::size_t i = 0; i < best.size() && off.slots.size() < 3; ++i)
    off.slots.push_back({best[i].office_id, best[i].time});
  c.offer = off;
  c.topic_service = s->id;
  t.source(o->name, office_url(o->id));
  t.actions.push_back({{"type", "offer_appointment"},
                       {"service_id", s->id},
                       {"service_title", s->title},
                       {"office_id", o->id},
                       {"office_name", o->name},
                       {"office_address", address(*o)}});
  if (!t.identity) {
    t.say("Buchen kannst Du den Termin nach der Anmeldung hier im Chat oder direkt online.");
    t.actions.push_back({{"type", "link"},
                         {"title", "Termin online buchen"},
                         {"url", "/termine/buchen?service=" + s->id + "&office=" + o->id}});
    return true;
  }
  for (const auto& sl : off.slots)
    t.actions.push_back({{"type", "book"},
                         {"service_id", s->id},
                         {"office_id", sl.office_id},
                         {"start", core::format_iso_berlin(sl.time.start)},
                         {"end", core::format_iso_berlin(sl.time.end)},
                         {"label", slot_label(sl.time.start)}});
  t.actions.push_back(reply_button("Ja, gerne"));
  return true;
}

void Assistant::book(Turn& t, const OfferedSlot& slot) {
  Conversation& c = t.conversation;
  const std::string service_id = c.offer ? c.offer->service_id : c.topic_service;
  const catalog::Service* s = t.snap->service(service_id);
  const catalog::Office* o = t.snap->office(slot.office_id);
  if (!s || !o) throw core::Error(core::ErrorKind::invalid_argument, "unknown slot office");
  if (!t.identity) {
    t.say("Zum Buchen im Chat melde Dich bitte an, oder buche den Termin direkt online.");
    t.actions.push_back({{"type", "login_required"},
                         {"url", "/anmelden?weiter=%2Fassistent"},
                         {"label", "Anmelden für eine persönliche Prüfung"}});
    t.actions.push_back({{"type", "link"},
                         {"title", "Termin online buchen"},
                         {"url", "/termine/buchen?service=" + s->id + "&office=" + o->id}});
    return;
  }
  const auto user = parts_.accounts.user(t.identity->user_id);
  appointments::BookingInput in;
  in.service_id = s->id;
  in.office_id = o->id;
  in.start = slot.time.start;
  in.name = user ? user->display_name : t.identity->display_name;
  in.email = user ? user->email : std::string();
  in.identity = t.identity;
  appointments::Outcome out;
  try {
    out = parts_.calendar.book(in);
  } catch (const core::Error& e) {
    if (e.kind() != core::ErrorKind::invalid_argument) throw;
    out.status = appointments::Outcome::Status::taken; // not on the grid any more (passed)
  }
  if (out.status != appointments::Outcome::Status::ok) {
    t.say("Dieser Termin ist leider gerade vergeben worden. Hier sind neue freie Termine:");
    offer(t, s->id);
    return;
  }
  const auto& a = out.appointment;
  c.offer.reset();
  const std::string label = slot_label(a.time.start);
  t.say("Erledigt! Dein Termin für „" + s->title + "“: " + label + ", " + o->name + ", " +
        address(*o) + ". Dein Buchungscode ist " + a.code +
        ". Die Bestätigung kommt auch per E-Mail.");
  if (!s->documents.empty()) {
    std::string docs = "Bitte bring mit:";
    for (const auto& d : s->documents)
      docs += "\n• " + d;
    t.say(docs);
  }
  t.source(s->title, service_url(s->id));
  t.source(o->name, office_url(o->id));
  t.actions.push_back({{"type", "booked"},
                       {"code", a.code},
                       {"service_title", s->title},
                       {"office_name", o->name},
                       {"office_address", address(*o)},
                       {"start", core::format_iso_berlin(a.time.start)},
                       {"end", core::format_iso_berlin(a.time.end)},
                       {"label", label},
                       {"url", "/termine/" + a.code + "?token=" + out.token},
                       {"ics_url", "/api/appointments/" + a.code + ".ics?token=" + out.token}});
}

void Assistant::affirm(Turn& t) {
  Conversation& c = t.conversation;
  if (!c.cancel_code.empty()) return cancel(t);
  if (c.offer && !c.offer->slots.empty()) return book(t, c.offer->slots.front());
  t.say("Gern. Was kann ich für Dich tun?");
}

void Assistant::choose(Turn& t) {
  Conversation& c = t.conversation;
  if (!c.offer) return book_request(t);
  const When& w = t.u.when;
  auto matches = [&](const OfferedSlot& s) {
    const core::Date d = core::berlin_date(s.time.start);
    const int minute = core::berlin_minute_of_day(s.time.start);
    if (w.weekday && core::weekday_index(d) != *w.weekday) return false;
    if (!w.weekday && w.from && (d < *w.from || *w.to < d)) return false;
    if (w.minute_of_day && minute != *w.minute_of_day) return false;
    if (w.part == When::Part::afternoon && minute < 13 * 60) return false;
    if (w.part == When::Part::morning && minute >= 12 * 60) return false;
    return true;
  };
  for (const auto& s : c.offer->slots)
    if (matches(s)) return book(t, s);
  // None of the offered fits: search the calendar for that day and time.
  When exact = w;
  const std::string service = c.offer->service_id;
  if (!offer(t, service, exact)) return;
  const Offer& fresh = *c.offer;
  if (!fresh.slots.empty() &&
      (!w.minute_of_day ||
       core::berlin_minute_of_day(fresh.slots.front().time.start) == *w.minute_of_day)) {
    const OfferedSlot first = fresh.slots.front();
    t.actions.clear();
    t.paragraphs.clear();
    return book(t, first);
  }
  t.paragraphs.insert(t.paragraphs.begin(),
                      "Genau zu dieser Zeit ist nichts frei. Diese Termine passen am besten:");
}

void Assistant::list(Turn& t) {
  if (!t.identity) {
    t.say("Deine Termine kann ich Dir nach der Anmeldung zeigen.");
    t.actions.push_back({{"type", "login_required"},
                         {"url", "/anmelden?weiter=%2Fassistent"},
                         {"label", "Anmelden für eine persönliche Prüfung"}});
    return;
  }
  const auto now = parts_.clock.now();
  std::string text;
  int n = 0;
  for (const auto& a : parts_.calendar.of_user(t.identity->user_id)) {
    if (a.status != appointments::Status::booked || a.time.start < now) continue;
    const catalog::Service* s = t.snap->service(a.service_id);
    const catalog::Office* o = t.snap->office(a.office_id);
    text += "\n• " + slot_label(a.time.start) + ": " + (s ? s->title : a.service_id) + ", " +
            (o ? o->name : a.office_id) + " (Code " + a.code + ")";
    ++n;
  }
  t.source("Meine Termine", "/konto/termine");
  if (n == 0) {
    t.say("Du hast keine anstehenden Termine.");
    return;
  }
  t.say(n == 1 ? "Du hast einen anstehenden Termin:" + text
               : "Du hast " + std::to_string(n) + " anstehende Termine:" + text);
}

void Assistant::cancel(Turn& t) {
  Conversation& c = t.conversation;
  if (!t.identity) {
    t.say("Termine absagen kann ich nach der Anmeldung. Ohne Konto sagst Du über den Link in "
          "Deiner Bestätigungsmail ab.");
    t.actions.push_back({{"type", "login_required"},
                         {"url", "/anmelden?weiter=%2Fassistent"},
                         {"label", "Anmelden für eine persönliche Prüfung"}});
    return;
  }
  const http::Identity& me = *t.identity;
  if (!c.cancel_code.empty() && t.u.intent == "affirm") {
    const appointments::Caller caller{"", &me};
    const auto a = parts_.calendar.cancel(c.cancel_code, caller);
    c.cancel_code.clear();
    const std::string label = slot_label(a.time.start);
    t.say("Dein Termin am " + label + " (Code " + a.code + ") ist abgesagt.");
    t.actions.push_back({{"type", "cancelled"}, {"code", a.code}, {"label", label}});
    t.source("Meine Termine", "/konto/termine");
    return;
  }
  const auto now = parts_.clock.now();
  std::vector<appointments::Appointment> upcoming;
  for (auto& a : parts_.calendar.of_user(me.user_id))
    if (a.status == appointments::Status::booked && a.time.start >= now) upcoming.push_back(a);
  // Narrow by a day or time the citizen named.
  if (upcoming.size() > 1 && !t.u.when.empty())
    std::erase_if(upcoming, [&](const appointments::Appointment& a) {
      const core::Date d = core::berlin_date(a.time.start);
      if (t.u.when.weekday && core::weekday_index(d) != *t.u.when.weekday) return true;
      if (!t.u.when.weekday && t.u.when.from && (d < *t.u.when.from || *t.u.when.to < d))
        return true;
      return false;
    });
  t.source("Meine Termine", "/konto/termine");
  if (upcoming.empty()) {
    t.say("Ich finde keinen anstehenden Termin, den ich absagen könnte.");
    return;
  }
  if (upcoming.size() > 1) {
    std::string text = "Welchen Termin soll ich absagen? Nenne mir bitte den Tag:";
    for (const auto& a : upcoming) {
      const catalog::Service* s = t.snap->service(a.service_id);
      text += "\n• " + slot_label(a.time.start) + ": " + (s ? s->title : a.service_id);
    }
    t.say(text);
    return;
  }
  const auto& a = upcoming.front();
  const catalog::Service* s = t.snap->service(a.service_id);
  c.cancel_code = a.code;
  c.offer.reset();
  t.say("Soll ich Deinen Termin „" + (s ? s->title : a.service_id) + "“ am " +
        slot_label(a.time.start) + " (Code " + a.code + ") absagen?");
  t.actions.push_back(reply_button("Ja, absagen"));
  t.actions.push_back(reply_button("Nein"));
}

void Assistant::handoff(Turn& t, bool unsure) {
  if (unsure) {
    const auto hits = t.u.services.empty() ? understander_.search(t.input.text, 3) : t.u.services;
    if (!hits.empty()) {
      std::string text = "Da bin ich mir nicht sicher. Meinst Du vielleicht:";
      for (const auto& h : hits) {
        text += "\n• " + h.title;
        t.actions.push_back({{"type", "link"}, {"title", h.title}, {"url", service_url(h.id)}});
        t.source(h.title, service_url(h.id));
      }
      t.say(text);
    } else {
      t.say("Das habe ich leider nicht verstanden.");
    }
  } else if (t.u.rule == "off-topic") {
    t.say("Dabei kann ich Dir leider nicht helfen: Ich kenne mich nur mit den Leistungen der "
          "Stadtverwaltung, Deinen Reisedokumenten und Terminen aus.");
  } else {
    t.say("Gern verbinde ich Dich mit einem Menschen.");
  }
  // The Bürgerbüro with its phone and today's opening hours.
  const catalog::Office* office = nullptr;
  for (const auto& o : t.snap->offices())
    if (o.name.starts_with("Bürgerbüro") && (!office || o.id < office->id)) office = &o;
  if (!office && !t.snap->offices().empty()) office = &t.snap->offices().front();
  json::object action{{"type", "handoff"}, {"phone", "115"}, {"phone_label", "Behördennummer 115"}};
  std::string text = "Persönlich hilft Dir die Behördennummer 115";
  if (office) {
    const std::string hours = hours_on(*office, t.today, "heute");
    action["office_name"] = office->name;
    action["office_phone"] = office->phone;
    action["opening_hours"] = hours;
    text += " oder das " + office->name + " unter " + office->phone + " (" + hours + ")";
    t.source(office->name, office_url(office->id));
  }
  t.say(text + ".");
  t.actions.push_back(std::move(action));
}

} // namespace assistant
