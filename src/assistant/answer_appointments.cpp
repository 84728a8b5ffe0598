// Appointments in the dialogue: offering slots, booking on "Ja" or a day or a
// slot button, listing and cancelling the citizen's appointments.
#include "assistant/texts.hpp"
#include "assistant/turn.hpp"
#include "core/error.hpp"
#include "documents/reminders.hpp"

namespace assistant {

using namespace std::chrono;

// Conversation::cancel_code while the citizen is asked which appointment to cancel.
constexpr const char* kWhichOne = "?";

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
    t.say("Der nächste freie Termin ist im " + o->name + " (" + address(*o) +
          "): " + slot_label(off.slots.front().time.start) +
          ". Buchen kannst Du ihn nach der Anmeldung hier im Chat oder direkt online.");
    t.actions.push_back({{"type", "link"},
                         {"title", "Termin online buchen"},
                         {"url", "/termine/buchen?service=" + s->id + "&office=" + o->id}});
    return true;
  }
  std::string listing = "Freie Termine im " + o->name + " (" + address(*o) + "):";
  for (const auto& sl : off.slots)
    listing += "\n• " + slot_label(sl.time.start);
  t.say(listing);
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
    t.actions.push_back(login_required());
    t.actions.push_back({{"type", "link"},
                         {"title", "Termin online buchen"},
                         {"url", "/termine/buchen?service=" + s->id + "&office=" + o->id}});
    return;
  }
  if (c.offer && !conversations_.claim_offer(c.id)) {
    t.say("Diesen Termin buche ich gerade schon für Dich. Frag mich gleich nach Deinen Terminen.");
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
    t.actions.push_back(login_required());
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
    t.actions.push_back(login_required());
    return;
  }
  const http::Identity& me = *t.identity;
  if (!c.cancel_code.empty() && c.cancel_code != kWhichOne && t.u.intent == "affirm") {
    const appointments::Caller caller{"", &me};
    appointments::Appointment a;
    try {
      a = parts_.calendar.cancel(c.cancel_code, caller);
    } catch (const core::Error& e) {
      if (e.kind() != core::ErrorKind::conflict && e.kind() != core::ErrorKind::not_found) throw;
      c.cancel_code.clear();
      t.say("Diesen Termin kann ich nicht mehr absagen: er hat schon begonnen oder ist vorbei.");
      return;
    }
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
    c.cancel_code = kWhichOne; // the next day or time named picks one
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

} // namespace assistant
