#include "appointments/personal_data.hpp"

#include <boost/json.hpp>

#include "core/city_time.hpp"

namespace appointments {

boost::json::value PersonalData::export_data(store::Connection& c,
                                             const std::string& user_id) const {
  boost::json::array items;
  for (const Appointment& a : calendar_.of_user(c, user_id))
    items.push_back({{"code", a.code},
                     {"status", to_string(a.status)},
                     {"service", a.service_id},
                     {"office", a.office_id},
                     {"start", core::format_iso_berlin(a.time.start)},
                     {"end", core::format_iso_berlin(a.time.end)},
                     {"name", a.name},
                     {"email", a.email},
                     {"created_at", a.created_at}});
  return items;
}

void PersonalData::erase(store::Connection& c, const std::string& user_id, core::TimePoint now) {
  calendar_.erase_user(c, user_id, now);
}

} // namespace appointments
