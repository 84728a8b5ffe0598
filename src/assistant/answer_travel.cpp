// Answers about travel documents: the entry rule, and for a logged-in
// citizen the check of their own documents and the offer to renew one.
#include "assistant/texts.hpp"
#include "assistant/travel/phrasing.hpp"
#include "assistant/travel/rule_check.hpp"
#include "assistant/turn.hpp"
#include "documents/reminders.hpp"

namespace assistant {
namespace {

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

} // namespace

void Assistant::travel_documents(Turn& t) {
  Conversation& c = t.conversation;
  const travel::Country* country = t.u.destination
                                       ? t.u.destination->place.country
                                       : parts_.gazetteer.country(c.destination_country);
  if (!country) return handoff(t, true);
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
  if (t.u.destination && t.u.destination->place.kind != travel::PlaceKind::country)
    t.source("Ortsverzeichnis: " + t.u.destination->place.name + " liegt in " + country->name_de +
                 " (GeoNames, CC BY 4.0)",
             "https://www.geonames.org/");
  if (!t.identity) {
    t.say(travel::describe_rule(*rule, parts_.rules));
    if (t.u.about_own_documents) t.actions.push_back(login_required());
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
      "So habe ich geprüft: Deine Dokumente im Bürgerkonto gegen die Einreiseregel für " +
      rule->name + " (Stand " + core::format_date_de(parts_.rules.stand()) + "), Einreise am " +
      core::format_date_de(trip.entry) +
      (c.travel_date ? std::string() : std::string(" (ohne Reisedatum: heute angenommen)")) +
      ", gültig sein muss ein Dokument bis " + core::format_date_de(result.required_until) + ".";
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

} // namespace assistant
