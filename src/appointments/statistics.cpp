// The waiting-time statistics' raw material: for every booked appointment
// the days from booking to appointment, without anything that names a
// person or an office.
#include <algorithm>
#include <cstdio>

#include "appointments/appointments.hpp"
#include "core/city_time.hpp"

namespace appointments {

std::vector<BookedWait> Calendar::booked_waits() const {
  std::vector<BookedWait> out;
  db_.read([&](store::Connection& c) {
    const auto rows =
        c.query("SELECT service_id, CAST(strftime('%s', created_at) AS INTEGER), start_at "
                "FROM appointments WHERE status <> 'cancelled'");
    out.reserve(rows.size());
    for (const auto& r : rows) {
      const core::TimePoint booked{std::chrono::seconds(r.integer(1))};
      const core::TimePoint start{std::chrono::seconds(r.integer(2))};
      const core::Date booked_on = core::berlin_date(booked);
      const core::Day first{booked_on}, second{core::berlin_date(start)};
      char month[16];
      std::snprintf(month, sizeof month, "%04d-%02u", static_cast<int>(booked_on.year()),
                    static_cast<unsigned>(booked_on.month()));
      out.push_back({r.text(0), month, std::max(static_cast<int>((second - first).count()), 0)});
    }
  });
  std::sort(out.begin(), out.end(), [](const BookedWait& a, const BookedWait& b) {
    return std::tie(a.service_id, a.month, a.days) < std::tie(b.service_id, b.month, b.days);
  });
  return out;
}

} // namespace appointments
