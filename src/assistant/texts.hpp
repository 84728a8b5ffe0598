// German texts about the catalogue's records for the assistant's answers:
// addresses, opening hours, fees, slot labels, page links, and the office a
// question names. Pure functions of their arguments.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "catalog/catalog.hpp"
#include "core/city_time.hpp"

namespace assistant {

// "Markt 1, 59999 Musterstadt".
std::string address(const catalog::Office& o);
// The web app's pages: "/leistungen/<id>", "/aemter/<id>".
std::string service_url(const std::string& id);
std::string office_url(const std::string& id);
// "70,00 €".
std::string euro(double amount);
// The hours of one day, exceptions first: "heute 8:00–12:30 und 14:00–18:00 Uhr",
// "heute geschlossen" (prefix "heute").
std::string hours_on(const catalog::Office& o, core::Date day, const char* prefix);
// The week: "Mo 8:00–18:00, Di 8:00–12:30 Uhr".
std::string week_hours(const catalog::Office& o);
// "Di., 1. Dezember, 9:30 Uhr" (Europe/Berlin).
std::string slot_label(core::TimePoint start);
// The offices a question names: the one whose name (up to a dash or
// bracket) it contains, the longest such ("Wann hat das Bürgerbüro Nord
// geöffnet?"); else every office whose name starts with a word of the
// question of six letters or more ("das Bürgerbüro": Mitte, Nord, Süd), at
// most `max`; else none.
std::vector<const catalog::Office*> offices_in(const catalog::Snapshot& snap, std::string_view text,
                                               std::size_t max = 3);

} // namespace assistant
