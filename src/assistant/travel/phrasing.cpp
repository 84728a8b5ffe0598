#include "assistant/travel/phrasing.hpp"

#include <array>

namespace assistant::travel {
namespace {

std::string number_de(int n) {
  static constexpr std::array<const char*, 13> kWords = {"null", "ein",   "zwei",   "drei", "vier",
                                                         "fünf", "sechs", "sieben", "acht", "neun",
                                                         "zehn", "elf",   "zwölf"};
  if (n >= 0 && n < static_cast<int>(kWords.size())) return kWords[n];
  return std::to_string(n);
}

// "sechs Monate", "150 Tage", "drei Monate und zehn Tage".
std::string duration_de(int months, int days) {
  std::string out;
  if (months > 0) out = count_de(months, "Monat", "Monate");
  if (days > 0) out += (out.empty() ? "" : " und ") + count_de(days, "Tag", "Tage");
  return out;
}

// "Er muss ... gültig sein." for the rule's validity.
std::string validity_sentence(const Validity& v) {
  switch (v.kind) {
  case Validity::Kind::stay: return "Er muss für die ganze Dauer des Aufenthalts gültig sein.";
  case Validity::Kind::after_entry:
    return "Er muss bei der Einreise noch mindestens " + duration_de(v.months, v.days) +
           " gültig sein.";
  case Validity::Kind::after_departure:
    return "Er muss noch mindestens " + duration_de(v.months, v.days) +
           " über den Tag der Ausreise hinaus gültig sein.";
  }
  return {};
}

// "Reisepass", "Reisepass oder Kinderreisepass", "Reisepass, Personalausweis oder Kinderreisepass".
std::string kinds_de(const std::vector<DocumentKind>& kinds) {
  std::string out;
  for (std::size_t i = 0; i < kinds.size(); ++i) {
    if (i > 0) out += i + 1 == kinds.size() ? " oder " : ", ";
    out += german_name(kinds[i]);
  }
  return out;
}

// "Dein Reisepass" / "Dein vorläufiger Reisepass".
std::string yours(DocumentKind kind) { return "Dein " + std::string(german_name(kind)); }

// What the rule demands, as the end of a sentence: "sechs Monate Gültigkeit bei der Einreise".
std::string demand_de(const Validity& v) {
  switch (v.kind) {
  case Validity::Kind::stay: return "Gültigkeit für die ganze Dauer des Aufenthalts";
  case Validity::Kind::after_entry:
    return duration_de(v.months, v.days) + " Gültigkeit bei der Einreise";
  case Validity::Kind::after_departure:
    return duration_de(v.months, v.days) + " Gültigkeit über die Ausreise hinaus";
  }
  return {};
}

// "in vier Monaten", "in einem Monat", "in weniger als einem Monat".
std::string in_months_de(int months) {
  if (months <= 0) return "in weniger als einem Monat";
  if (months == 1) return "in einem Monat";
  return "in " + number_de(months) + " Monaten";
}

const std::string kExactMinimum =
    "Die genaue Mindestgültigkeit nennt das Auswärtige Amt: bitte dort prüfen.";

} // namespace

std::string count_de(int n, const char* singular, const char* plural) {
  return number_de(n) + " " + (n == 1 ? singular : plural);
}

std::string authoritative_notice(const EntryRule& rule, const EntryRules& rules) {
  return rules.authoritative() + " Aktuell und ausführlich: " + rule.link +
         " (Stand dieser Angaben: " + core::format_date_de(rules.stand()) + ").";
}

std::string describe_rule(const EntryRule& rule, const EntryRules& rules) {
  std::string text = "Für " + rule.name + " brauchst Du ";
  text += rule.documents.size() == 1 ? "einen " + std::string(german_name(rule.documents[0]))
                                     : "einen dieser Ausweise: " + kinds_de(rule.documents);
  text += ". " + validity_sentence(rule.validity);
  if (!rule.validity.confirmed) text += " " + kExactMinimum;
  if (!rule.notes.empty()) text += " " + rule.notes;
  text += " " + rule.visa + " " + authoritative_notice(rule, rules);
  return text;
}

std::string requirement_sentence(const EntryRule& rule) {
  std::string text = "Für " + rule.name + " brauchst Du ";
  if (rule.documents.size() != 1)
    return text + "einen dieser Ausweise: " + kinds_de(rule.documents) + ". " +
           validity_sentence(rule.validity);
  text += "einen " + std::string(german_name(rule.documents[0])) + ", der ";
  const Validity& v = rule.validity;
  switch (v.kind) {
  case Validity::Kind::stay: text += "für die ganze Dauer des Aufenthalts gültig ist."; break;
  case Validity::Kind::after_entry:
    text += "bei der Einreise noch mindestens " + duration_de(v.months, v.days) + " gültig ist.";
    break;
  case Validity::Kind::after_departure:
    text += "noch mindestens " + duration_de(v.months, v.days) +
            " über den Tag der Ausreise hinaus gültig ist.";
    break;
  }
  return text;
}

std::string describe_check(const EntryRule& rule, const CheckResult& result,
                           const EntryRules& rules) {
  std::string text;
  if (result.sufficient) {
    std::vector<DocumentKind> good;
    for (const auto& f : result.findings)
      if (f.finding == Finding::sufficient) good.push_back(f.document.kind);
    text = "Für " + rule.name + " reicht Dein " + kinds_de(good) + ".";
    if (result.departure_assumed)
      text += " Er muss bis zu Deiner Ausreise gültig sein: sag mir das Rückreisedatum, dann prüfe "
              "ich es genau.";
    if (!result.validity_confirmed) text += " " + kExactMinimum;
  } else {
    text = "Mit Deinen Dokumenten klappt die Einreise nach " + rule.name + " so noch nicht.";
    for (const auto& f : result.findings) {
      const auto name = yours(f.document.kind);
      switch (f.finding) {
      case Finding::sufficient: break;
      case Finding::not_accepted:
        text += " " + name + " wird für " + rule.name + " nicht anerkannt.";
        break;
      case Finding::not_usable:
        text += " " + name + " ist als verloren, gestohlen oder ungültig gemeldet und zählt nicht.";
        break;
      case Finding::expired:
        text +=
            " " + name + (f.expired_already ? " ist abgelaufen." : " läuft vor der Einreise ab.");
        break;
      case Finding::too_short:
        text += " " + name + " läuft " + in_months_de(f.months_left) + " ab, " + rule.name +
                " verlangt " + demand_de(rule.validity) + ".";
        break;
      }
    }
    if (result.findings.empty()) text += " Ich kenne keinen Ausweis von Dir.";
    text += " Für " + rule.name + " anerkannt: " + kinds_de(rule.documents) + ".";
  }
  return text + " " + authoritative_notice(rule, rules);
}

} // namespace assistant::travel
