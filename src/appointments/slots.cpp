// Slot search and waiting times: the calendar rules applied to what is
// booked, held and blocked, read in one read job per office.
#include "appointments/appointments.hpp"

#include <algorithm>
#include <map>

#include "appointments/appointments_store.hpp"
#include "core/error.hpp"

namespace appointments {
namespace {

using namespace std::chrono;

[[noreturn]] void bad(const std::string& detail) {
  throw core::Error(core::ErrorKind::invalid_argument, detail);
}

// What an office has taken on one day: busy intervals (sorted by start)
// and blocks. Loaded a day at a time, so a search that finds its slots in
// the first days never reads the weeks behind them.
struct Occupancy {
  std::vector<Occupied> busy;
  std::vector<Interval> blocked;
  minutes longest{0};
};

Occupancy occupancy(store::Connection& c, const std::string& office_id, const Interval& span,
                    core::TimePoint now) {
  Occupancy o;
  o.busy = tables::busy(c, office_id, span, now);
  for (const Occupied& b : o.busy)
    o.longest = std::max(o.longest, duration_cast<minutes>(b.time.end - b.time.start));
  for (const Block& b : tables::blocks(c, office_id, span))
    o.blocked.push_back(b.time);
  return o;
}

// Desks free during the whole slot.
int free_desks(const Occupancy& o, const Interval& slot, int counters) {
  for (const Interval& b : o.blocked)
    if (b.overlaps(slot)) return 0;
  // Only intervals starting after slot.start - longest can overlap.
  auto first =
      std::lower_bound(o.busy.begin(), o.busy.end(), slot.start - o.longest,
                       [](const Occupied& a, core::TimePoint t) { return a.time.start < t; });
  std::vector<Occupied> near;
  for (auto it = first; it != o.busy.end() && it->time.start < slot.end; ++it)
    if (it->time.overlaps(slot)) near.push_back(*it);
  return counters - max_overlap(near, slot);
}

// The occupancy of an office per Berlin day, loaded when first needed.
class DayCache {
public:
  DayCache(store::Connection& c, const catalog::Office& office, core::TimePoint now)
      : c_(c), office_(office), now_(now) {}

  const DayHours& hours(core::Day day) { return entry(day).hours; }
  const Occupancy& occupancy_of(core::Day day) {
    Entry& e = entry(day);
    if (!e.loaded && !e.hours.windows.empty()) {
      const Interval span{e.hours.windows.front().start, e.hours.windows.back().end};
      e.occupancy = occupancy(c_, office_.id, span, now_);
      e.loaded = true;
    }
    return e.occupancy;
  }

private:
  struct Entry {
    DayHours hours;
    Occupancy occupancy;
    bool loaded = false;
  };
  Entry& entry(core::Day day) {
    auto it = days_.find(day);
    if (it == days_.end())
      it = days_.emplace(day, Entry{opening_hours(office_, day), {}, false}).first;
    return it->second;
  }

  store::Connection& c_;
  const catalog::Office& office_;
  core::TimePoint now_;
  std::map<core::Day, Entry> days_;
};

// Appends the free slots of one office in [from, to), at most `limit`.
void office_slots(DayCache& cache, const catalog::Office& office, minutes duration,
                  core::TimePoint from, core::TimePoint to, std::size_t limit,
                  std::vector<Slot>& out) {
  std::size_t found = 0;
  for (core::Day day = core::berlin_date(from); day <= core::berlin_date(to); day += days(1)) {
    const DayHours& hours = cache.hours(day);
    if (hours.windows.empty()) continue;
    const Occupancy& o = cache.occupancy_of(day);
    for (core::TimePoint start : slot_grid(hours.windows, duration)) {
      if (start < from || start >= to) continue;
      const Interval slot{start, start + duration};
      const int free = free_desks(o, slot, office.counters);
      if (free <= 0) continue;
      out.push_back({office.id, slot, free});
      if (++found >= limit) return;
    }
  }
}

} // namespace

std::vector<Slot> Calendar::free_slots(const SlotQuery& q) const {
  if (q.limit < 1 || q.limit > 1000) bad("'limit' must be between 1 and 1000.");
  const auto snap = catalog_.snapshot();
  const catalog::Service* service = snap->service(q.service_id);
  if (!service) throw core::Error(core::ErrorKind::not_found, "Diese Leistung gibt es nicht.");
  if (!service->appointment_minutes || *service->appointment_minutes <= 0)
    bad("Für diese Leistung kann man keinen Termin buchen.");
  std::vector<const catalog::Office*> offices;
  if (!q.office_id.empty()) {
    const catalog::Office* office = snap->office(q.office_id);
    if (!office) throw core::Error(core::ErrorKind::not_found, "Diesen Standort gibt es nicht.");
    if (std::find(service->offices.begin(), service->offices.end(), q.office_id) ==
        service->offices.end())
      bad("Dieser Standort bietet die Leistung nicht an.");
    offices.push_back(office);
  } else {
    for (const std::string& id : service->offices)
      if (const catalog::Office* office = snap->office(id)) offices.push_back(office);
  }
  const auto now = clock_.now();
  const core::TimePoint requested_from = q.from.value_or(now);
  const core::TimePoint from = std::max(requested_from, now);
  const core::TimePoint to = q.to.value_or(from + days(28));
  if (q.to && q.from && *q.to <= *q.from) bad("'to' must lie after 'from'.");
  if (to - requested_from > settings_.max_search_range)
    bad("The range from..to may span at most " +
        std::to_string(settings_.max_search_range.count()) + " days.");
  const minutes duration(*service->appointment_minutes);
  std::vector<Slot> slots;
  if (to <= from) return slots;
  db_.read([&](store::Connection& c) {
    for (const catalog::Office* office : offices) {
      DayCache cache(c, *office, now);
      office_slots(cache, *office, duration, from, to, q.limit, slots);
    }
  });
  std::sort(slots.begin(), slots.end(), [](const Slot& a, const Slot& b) {
    return a.time.start != b.time.start ? a.time.start < b.time.start : a.office_id < b.office_id;
  });
  if (slots.size() > q.limit) slots.resize(q.limit);
  return slots;
}

std::vector<WaitingTime> Calendar::waiting_times(days horizon) const {
  const auto snap = catalog_.snapshot();
  const auto now = clock_.now();
  const core::TimePoint to = now + horizon;
  const core::Day today = core::berlin_date(now);
  std::vector<WaitingTime> out;
  db_.read([&](store::Connection& c) {
    for (const catalog::Office& office : snap->offices()) {
      DayCache cache(c, office, now);
      for (const catalog::Service& service : snap->services()) {
        if (!service.appointment_minutes || *service.appointment_minutes <= 0) continue;
        if (std::find(service.offices.begin(), service.offices.end(), office.id) ==
            service.offices.end())
          continue;
        std::vector<Slot> first;
        office_slots(cache, office, minutes(*service.appointment_minutes), now, to, 1, first);
        WaitingTime w{service.id, office.id, std::nullopt, std::nullopt};
        if (!first.empty()) {
          w.next_free = first.front().time.start;
          w.days = static_cast<int>((core::Day{core::berlin_date(*w.next_free)} - today).count());
        }
        out.push_back(std::move(w));
      }
    }
  });
  return out;
}

} // namespace appointments
