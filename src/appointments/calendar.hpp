// The calendar rules of an office, as pure functions: when it is open on a
// Berlin day (weekly hours, dated exceptions, NRW holidays), the slot grid of
// a service, and how many appointments overlap a moment. No database, no
// clock: callers pass what they know, so every rule is unit-tested.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "catalog/model.hpp"
#include "core/city_time.hpp"
#include "core/clock.hpp"

namespace appointments {

// A half-open span of time [start, end) in UTC.
struct Interval {
  core::TimePoint start;
  core::TimePoint end;
  bool overlaps(const Interval& o) const { return start < o.end && o.start < end; }
};

// Why a day has no (or other) opening hours.
struct DayHours {
  std::vector<Interval> windows; // open spans of the day, ordered
  std::string closed_reason;     // "Heiligabend", "Neujahr", "geschlossen"; empty when open
};

// The opening windows of an office on a Berlin day. A dated exception of the
// office wins (closed, or its own hours); else an NRW holiday closes the
// office; else the weekly hours of that weekday. Wall times that do not
// exist (summer-time gap) are moved to the next existing minute.
DayHours opening_hours(const catalog::Office& office, core::Day day);

// The slot starts of a service on a day: from each window's opening, every
// `duration`, as long as the appointment ends by the window's close.
std::vector<core::TimePoint> slot_grid(const std::vector<Interval>& windows,
                                       std::chrono::minutes duration);

// True when `start` is one of slot_grid(windows, duration).
bool on_grid(const std::vector<Interval>& windows, std::chrono::minutes duration,
             core::TimePoint start);

// Appointments (or holds) that share start and end, counted together.
struct Occupied {
  Interval time;
  int count = 1;
};

// The largest number of `busy` intervals (each weighing its count) that
// overlap one moment of `span`. `busy` need not be sorted.
int max_overlap(const std::vector<Occupied>& busy, const Interval& span);
int max_overlap(const std::vector<Interval>& busy, const Interval& span);

// "08:30" -> 510; std::nullopt when malformed. "24:00" is the end of the day.
std::optional<int> minute_of(std::string_view hh_mm);

// The weekday key of the catalogue ("mo".."so") for a day.
std::string_view weekday_key(core::Day day);

} // namespace appointments
