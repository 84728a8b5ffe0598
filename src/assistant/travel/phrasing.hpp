// German sentences ("Du", plain language) from entry rules and check results,
// for the assistant's dialogue. Every text ends with the notice that the
// Auswärtiges Amt's travel advice is authoritative, with the link and the
// date the facts were compiled.
#pragma once

#include <string>

#include "assistant/travel/entry_rules.hpp"
#include "assistant/travel/rule_check.hpp"

namespace assistant::travel {

// "Verbindlich sind allein die Reise- und Sicherheitshinweise des Auswärtigen
// Amts: <link> (Stand dieser Angaben: 26.11.2026)."
std::string authoritative_notice(const EntryRule& rule, const EntryRules& rules);

// "Für Marokko brauchst Du einen Reisepass. Er muss bei der Einreise noch
// mindestens sechs Monate gültig sein. <notes> <visa> <notice>"
std::string describe_rule(const EntryRule& rule, const EntryRules& rules);

// The rule in one sentence, without the notice (for a personal answer that
// goes on with the citizen's own document): "Für Marokko brauchst Du einen
// Reisepass, der bei der Einreise noch mindestens sechs Monate gültig ist."
std::string requirement_sentence(const EntryRule& rule);

// What the check means for the citizen: which document suffices, or why none
// does ("Dein Reisepass läuft in vier Monaten ab, Marokko verlangt sechs
// Monate Gültigkeit bei der Einreise."), then the notice.
std::string describe_check(const EntryRule& rule, const CheckResult& result,
                           const EntryRules& rules);

// "ein Monat", "sechs Monate", "13 Monate"; "ein Tag", "150 Tage".
std::string count_de(int n, const char* singular, const char* plural);

} // namespace assistant::travel
