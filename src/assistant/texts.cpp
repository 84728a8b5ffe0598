#include "assistant/texts.hpp"

#include <array>
#include <cmath>

#include "assistant/travel/fold.hpp"

namespace assistant {
namespace {

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

} // namespace

std::string address(const catalog::Office& o) {
  return o.street + ", " + o.postal_code + " " + o.city;
}

std::string service_url(const std::string& id) { return "/leistungen/" + id; }
std::string office_url(const std::string& id) { return "/aemter/" + id; }

std::string euro(double amount) {
  const long cents = std::lround(amount * 100);
  std::string c = std::to_string(cents % 100);
  return std::to_string(cents / 100) + "," + (c.size() < 2 ? "0" : "") + c + " €";
}

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

std::string slot_label(core::TimePoint start) {
  const core::Date d = core::berlin_date(start);
  return std::string(kDayShort[core::weekday_index(d)]) + ", " +
         std::to_string(static_cast<unsigned>(d.day())) + ". " +
         kMonthNames[static_cast<unsigned>(d.month()) - 1] + ", " +
         hhmm(core::berlin_minute_of_day(start)) + " Uhr";
}

std::vector<const catalog::Office*> offices_in(const catalog::Snapshot& snap, std::string_view text,
                                               std::size_t max) {
  const std::string folded = " " + travel::fold(text) + " ";
  const catalog::Office* best = nullptr;
  std::size_t best_length = 0;
  std::vector<const catalog::Office*> by_word;
  for (const auto& o : snap.offices()) {
    const std::string name = o.name.substr(0, std::min(o.name.find(" – "), o.name.find(" (")));
    const std::string key = travel::fold(name);
    if (key.size() > best_length && folded.find(" " + key + " ") != std::string::npos) {
      best = &o;
      best_length = key.size();
    }
    const std::string first = key.substr(0, key.find(' '));
    if (first.size() >= 6 && by_word.size() < max &&
        folded.find(" " + first + " ") != std::string::npos)
      by_word.push_back(&o);
  }
  if (best) return {best};
  return by_word;
}

} // namespace assistant
