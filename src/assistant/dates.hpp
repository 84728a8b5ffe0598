// German date and time expressions relative to a Berlin "today": "morgen",
// "übermorgen", "nächste Woche", "in zwei Wochen", "im Mai", "Ende Juni",
// "am 3.4.", "am 3.4.2027", "3. April", "vom 3.4. bis 10.4.", weekdays
// ("am Dienstag", "Dienstag nachmittag") and times ("um 10 Uhr", "10:30").
// Pure functions: the same text and day always give the same answer.
#pragma once

#include <optional>
#include <string_view>

#include "core/city_time.hpp"

namespace assistant {

// What a sentence says about when. Every member is optional; a sentence
// without a date expression gives an empty When.
struct When {
  std::optional<core::Date> from;   // first day meant
  std::optional<core::Date> to;     // last day meant (== from for one day)
  std::optional<int> weekday;       // 0 = Monday ... 6 = Sunday ("am Dienstag")
  std::optional<int> minute_of_day; // "um 10 Uhr" -> 600, "10:30" -> 630
  enum class Part { any, morning, afternoon } part = Part::any;

  bool empty() const { return !from && !weekday && !minute_of_day && part == Part::any; }
};

// Reads the date and time expressions of a sentence. Dates never lie in the
// past: "im Mai" after May means next May, "am 3.4." after 3 April the next
// year, a weekday its next occurrence (today counts).
When parse_when(std::string_view sentence, core::Date today);

} // namespace assistant
