// Answers about the catalogue's services and the citizen's own documents.
#include <algorithm>

#include "assistant/texts.hpp"
#include "assistant/turn.hpp"
#include "documents/reminders.hpp"

namespace assistant {

void Assistant::service(Turn& t, const std::string& intent) {
  Conversation& c = t.conversation;
  if (intent == "service.location" || intent == "service.hours")
    if (const auto named = offices_in(*t.snap, t.input.text); !named.empty()) {
      std::string text;
      for (const catalog::Office* o : named) {
        text += std::string(text.empty() ? "" : "\n• ") + o->name + ", " + address(*o) +
                ". Öffnungszeiten: " + week_hours(*o) + " (" + hours_on(*o, t.today, "heute") +
                ")" + (o->phone.empty() ? std::string(".") : ". Telefon: " + o->phone + ".");
        t.source(o->name, office_url(o->id));
      }
      t.say(named.size() == 1 ? text : "Diese Ämter passen:\n• " + text);
      return;
    }
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
  // For a general question, a runner-up almost as good: the citizen may have meant it.
  const auto& hits = t.u.services;
  if (intent == "service.info" && !t.u.follow_up && hits.size() >= 2 && hits[0].id == s->id &&
      hits[1].score >= hits[0].score - 0.08) {
    t.say("Oder meinst Du „" + hits[1].title + "“?");
    t.actions.push_back(
        {{"type", "link"}, {"title", hits[1].title}, {"url", service_url(hits[1].id)}});
  }
}

void Assistant::document_status(Turn& t) {
  if (!t.identity) {
    t.say("Wann Dein Ausweis oder Pass abläuft, kann ich Dir nach der Anmeldung sagen: dann sehe "
          "ich in Deine Dokumente im Bürgerkonto.");
    t.actions.push_back(login_required());
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

} // namespace assistant
