#include "assistant/dates.hpp"

#include <array>
#include <regex>
#include <string>

#include "assistant/travel/fold.hpp"

namespace assistant {
namespace {

using namespace std::chrono;

constexpr std::array<std::string_view, 12> kMonths = {
    "januar", "februar", "marz",      "april",   "mai",      "juni",
    "juli",   "august",  "september", "oktober", "november", "dezember"};
constexpr std::array<std::string_view, 12> kMonthsShort = {
    "jan", "feb", "mar", "apr", "mai", "jun", "jul", "aug", "sep", "okt", "nov", "dez"};
constexpr std::array<std::string_view, 7> kWeekdays = {
    "montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag"};
constexpr std::array<std::string_view, 7> kWeekdaysShort = {"mo", "di", "mi", "do",
                                                            "fr", "sa", "so"};
constexpr std::array<std::string_view, 13> kNumbers = {"null", "ein",   "zwei",   "drei", "vier",
                                                       "funf", "sechs", "sieben", "acht", "neun",
                                                       "zehn", "elf",   "zwolf"};

int month_of(std::string_view word) {
  for (std::size_t i = 0; i < kMonths.size(); ++i)
    if (word == kMonths[i] || word == kMonthsShort[i]) return static_cast<int>(i) + 1;
  if (word == "maerz" || word == "march") return 3;
  return 0;
}

int number_of(std::string_view word) {
  for (std::size_t i = 0; i < kNumbers.size(); ++i)
    if (word == kNumbers[i]) return static_cast<int>(i);
  if (word == "eine" || word == "einer" || word == "einem") return 1;
  int n = 0;
  for (char c : word) {
    if (c < '0' || c > '9' || n > 1000) return -1;
    n = n * 10 + (c - '0');
  }
  return word.empty() ? -1 : n;
}

core::Date last_of_month(year y, month m) { return year_month_day{y / m / last}; }

// The next date (today or later) with this day and month.
std::optional<core::Date> next_day_month(int d, int m, core::Date today) {
  if (m < 1 || m > 12 || d < 1 || d > 31) return std::nullopt;
  core::Date date{today.year(), month(m), day(d)};
  if (!date.ok()) return std::nullopt;
  if (sys_days(date) < sys_days(today))
    date = core::Date{today.year() + years(1), month(m), day(d)};
  if (!date.ok()) return std::nullopt;
  return date;
}

void set_range(When& w, core::Date from, core::Date to) {
  w.from = from;
  w.to = to;
}

} // namespace

When parse_when(std::string_view sentence, core::Date today) {
  When w;
  const std::string text(sentence.substr(0, 1000));
  // Numeric dates: "3.4.", "3.4.2027", "vom 3.4. bis 10.4.".
  static const std::regex date_re(R"((^|[^\d:])(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})?)");
  std::vector<core::Date> dates;
  for (auto it = std::sregex_iterator(text.begin(), text.end(), date_re);
       it != std::sregex_iterator() && dates.size() < 2; ++it) {
    const int d = std::stoi((*it)[2]);
    const int m = std::stoi((*it)[3]);
    std::optional<core::Date> date;
    if ((*it)[4].matched) {
      int y = std::stoi((*it)[4]);
      if (y < 100) y += 2000;
      core::Date explicit_date{year(y), month(static_cast<unsigned>(m)),
                               day(static_cast<unsigned>(d))};
      if (explicit_date.ok()) date = explicit_date;
    } else {
      date = next_day_month(d, m, today);
    }
    if (date) dates.push_back(*date);
  }
  // Times: "10:30", "um 10 Uhr", "um 10".
  static const std::regex hm_re(R"((^|\D)(\d{1,2})[:.](\d{2})(?!\.)(\s*uhr)?)", std::regex::icase);
  static const std::regex uhr_re(R"((^|\D)(\d{1,2})\s*uhr)", std::regex::icase);
  static const std::regex um_re(R"(\bum\s+(\d{1,2})\b)", std::regex::icase);
  std::smatch m;
  if (std::regex_search(text, m, hm_re) && std::stoi(m[2]) < 24 && std::stoi(m[3]) < 60 &&
      (m[4].matched || text.find(':') != std::string::npos))
    w.minute_of_day = std::stoi(m[2]) * 60 + std::stoi(m[3]);
  else if (std::regex_search(text, m, uhr_re) && std::stoi(m[2]) < 24)
    w.minute_of_day = std::stoi(m[2]) * 60;
  else if (std::regex_search(text, m, um_re) && std::stoi(m[1]) < 24)
    w.minute_of_day = std::stoi(m[1]) * 60;

  const auto words = travel::split_words(text);
  auto word = [&](std::size_t i) -> std::string_view {
    return i < words.size() ? std::string_view(words[i].folded) : std::string_view();
  };
  const sys_days t = sys_days(today);
  for (std::size_t i = 0; i < words.size(); ++i) {
    const std::string_view x = word(i);
    if (x == "heute" || x == "today")
      set_range(w, today, today);
    else if (x == "morgen" && word(i + 1) != "fruh" &&
             !(i > 0 && (word(i - 1) == "am" || word(i - 1) == "guten")))
      set_range(w, core::add_days(today, 1), core::add_days(today, 1));
    else if (x == "tomorrow")
      set_range(w, core::add_days(today, 1), core::add_days(today, 1));
    else if (x == "ubermorgen" || x == "uebermorgen")
      set_range(w, core::add_days(today, 2), core::add_days(today, 2));
    else if ((x == "nachste" || x == "nachsten" || x == "naechste" || x == "kommende" ||
              x == "next") &&
             (word(i + 1) == "woche" || word(i + 1) == "week")) {
      const sys_days monday = t + days(7 - core::weekday_index(today));
      set_range(w, year_month_day{monday}, year_month_day{monday + days(6)});
    } else if ((x == "diese" || x == "dieser") && word(i + 1) == "woche") {
      const sys_days sunday = t + days(6 - core::weekday_index(today));
      set_range(w, today, year_month_day{sunday});
    } else if (x == "in" &&
               (word(i + 2) == "wochen" || word(i + 2) == "woche" || word(i + 2) == "tagen" ||
                word(i + 2) == "monaten" || word(i + 2) == "monat")) {
      const int n = number_of(word(i + 1));
      if (n > 0 && n < 100) {
        core::Date d = word(i + 2).starts_with("monat")   ? core::add_months(today, n)
                       : word(i + 2).starts_with("woche") ? core::add_days(today, 7L * n)
                                                          : core::add_days(today, n);
        set_range(w, d, d);
      }
    } else if (int mo = month_of(x); mo > 0) {
      // "3. April" (the day before), "Ende Juni", "im Mai", "Anfang Mai".
      const int before = i > 0 ? number_of(word(i - 1)) : -1;
      core::Date first{today.year(), month(static_cast<unsigned>(mo)), day(1)};
      if (sys_days(last_of_month(first.year(), first.month())) < t)
        first = core::Date{today.year() + years(1), month(static_cast<unsigned>(mo)), day(1)};
      int y_explicit = number_of(word(i + 1));
      if (y_explicit >= 2000 && y_explicit < 2200)
        first = core::Date{year(y_explicit), month(static_cast<unsigned>(mo)), day(1)};
      const core::Date last = last_of_month(first.year(), first.month());
      if (before >= 1 && before <= 31) {
        core::Date d{first.year(), first.month(), day(static_cast<unsigned>(before))};
        if (y_explicit < 2000)
          if (auto next = next_day_month(before, mo, today)) d = *next;
        if (d.ok()) dates.insert(dates.begin() + (dates.empty() ? 0 : 1), d);
      } else if (i > 0 && word(i - 1) == "ende") {
        set_range(w, core::Date{first.year(), first.month(), day(20)}, last);
      } else if (i > 0 && word(i - 1) == "anfang") {
        set_range(w, first, core::Date{first.year(), first.month(), day(10)});
      } else if (i > 0 && word(i - 1) == "mitte") {
        set_range(w, core::Date{first.year(), first.month(), day(11)},
                  core::Date{first.year(), first.month(), day(20)});
      } else if (x != "mai" || (i > 0 && (word(i - 1) == "im" || word(i - 1) == "in" ||
                                          word(i - 1) == "ab" || word(i - 1) == "bis"))) {
        set_range(w, first, last);
      }
    } else {
      for (std::size_t d = 0; d < kWeekdays.size(); ++d) {
        const bool long_form = x == kWeekdays[d] || x == std::string(kWeekdays[d]) + "s";
        const bool short_form = x == kWeekdaysShort[d] && i > 0 && word(i - 1) == "am";
        if (long_form || short_form) w.weekday = static_cast<int>(d);
      }
    }
    if (x == "nachmittag" || x == "nachmittags" || x == "afternoon") w.part = When::Part::afternoon;
    if (x == "vormittag" || x == "vormittags" || x == "morgens" || x == "fruh" || x == "morning")
      w.part = When::Part::morning;
  }
  if (!dates.empty()) set_range(w, dates.front(), dates.size() > 1 ? dates[1] : dates.front());
  if (w.weekday && !w.from) {
    const int delta = (*w.weekday - core::weekday_index(today) + 7) % 7;
    const core::Date d = core::add_days(today, delta);
    set_range(w, d, d);
  } else if (w.weekday && w.from && w.to && *w.from != *w.to) {
    // "nächste Woche Dienstag": the weekday inside the range.
    for (sys_days d = sys_days(*w.from); d <= sys_days(*w.to); d += days(1))
      if (core::weekday_index(year_month_day{d}) == *w.weekday) {
        set_range(w, year_month_day{d}, year_month_day{d});
        break;
      }
  }
  if (w.from && w.to && sys_days(*w.to) < sys_days(*w.from)) w.to = w.from;
  return w;
}

} // namespace assistant
