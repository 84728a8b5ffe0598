#include "appointments/calendar.hpp"

#include <algorithm>

#include "appointments/holidays.hpp"

namespace appointments {
namespace {

using namespace std::chrono;

// The instant of a wall time, moving out of a summer-time gap.
core::TimePoint instant(core::Day day, int minute) {
  for (int m = minute; m < minute + 120; ++m)
    if (auto t = core::berlin_instant(day, minutes{m})) return *t;
  return *core::berlin_instant(day, minutes{minute + 120});
}

void add_window(std::vector<Interval>& out, core::Day day, std::string_view open,
                std::string_view close) {
  const auto from = minute_of(open), to = minute_of(close);
  if (!from || !to || *to <= *from) return;
  out.push_back({instant(day, *from), instant(day, *to)});
}

} // namespace

std::optional<int> minute_of(std::string_view s) {
  if (s.size() != 5 || s[2] != ':') return std::nullopt;
  for (std::size_t i : {0u, 1u, 3u, 4u})
    if (s[i] < '0' || s[i] > '9') return std::nullopt;
  const int h = (s[0] - '0') * 10 + (s[1] - '0'), m = (s[3] - '0') * 10 + (s[4] - '0');
  if (m > 59 || h > 24 || (h == 24 && m != 0)) return std::nullopt;
  return h * 60 + m;
}

std::string_view weekday_key(core::Day day) {
  static constexpr std::string_view keys[] = {"mo", "di", "mi", "do", "fr", "sa", "so"};
  return keys[core::weekday_index(day)];
}

DayHours opening_hours(const catalog::Office& office, core::Day day) {
  DayHours result;
  const std::string date = core::format_date(day);
  for (const catalog::OpeningException& e : office.exceptions) {
    if (e.date != date) continue;
    if (e.closed) {
      result.closed_reason = e.note.empty() ? "geschlossen" : e.note;
    } else {
      add_window(result.windows, day, e.open, e.close);
      if (result.windows.empty()) result.closed_reason = e.note.empty() ? "geschlossen" : e.note;
    }
    return result;
  }
  if (auto holiday = nrw_holiday(day)) {
    result.closed_reason = std::string(*holiday);
    return result;
  }
  const std::string_view key = weekday_key(day);
  for (const catalog::OpeningSlot& slot : office.opening_hours)
    if (slot.day == key) add_window(result.windows, day, slot.open, slot.close);
  std::sort(result.windows.begin(), result.windows.end(),
            [](const Interval& a, const Interval& b) { return a.start < b.start; });
  if (result.windows.empty()) result.closed_reason = "geschlossen";
  return result;
}

std::vector<core::TimePoint> slot_grid(const std::vector<Interval>& windows,
                                       std::chrono::minutes duration) {
  std::vector<core::TimePoint> starts;
  if (duration <= minutes(0)) return starts;
  for (const Interval& w : windows)
    for (auto t = w.start; t + duration <= w.end; t += duration)
      starts.push_back(t);
  return starts;
}

bool on_grid(const std::vector<Interval>& windows, std::chrono::minutes duration,
             core::TimePoint start) {
  if (duration <= minutes(0)) return false;
  for (const Interval& w : windows) {
    if (start < w.start || start + duration > w.end) continue;
    if ((start - w.start) % duration == core::TimePoint::duration::zero()) return true;
  }
  return false;
}

int max_overlap(const std::vector<Occupied>& busy, const Interval& span) {
  // Sweep over the starts and ends clipped to the span; an end at the same
  // moment as a start frees the desk first (half-open intervals).
  std::vector<std::pair<core::TimePoint, int>> events;
  for (const Occupied& b : busy) {
    if (!b.time.overlaps(span)) continue;
    events.emplace_back(std::max(b.time.start, span.start), +b.count);
    events.emplace_back(std::min(b.time.end, span.end), -b.count);
  }
  std::sort(events.begin(), events.end());
  int current = 0, best = 0;
  for (const auto& [time, delta] : events) {
    current += delta;
    best = std::max(best, current);
  }
  return best;
}

int max_overlap(const std::vector<Interval>& busy, const Interval& span) {
  std::vector<Occupied> weighted;
  weighted.reserve(busy.size());
  for (const Interval& b : busy)
    weighted.push_back({b, 1});
  return max_overlap(weighted, span);
}

} // namespace appointments
