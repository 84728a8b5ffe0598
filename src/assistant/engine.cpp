#include "assistant/engine.hpp"

#include <cmath>

#include "assistant/texts.hpp"
#include "assistant/turn.hpp"
#include "core/error.hpp"

namespace assistant {

namespace json = boost::json;

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
