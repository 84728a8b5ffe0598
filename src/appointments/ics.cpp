#include "appointments/ics.hpp"

#include <libical/ical.h>

#include <memory>

#include "core/city_time.hpp"
#include "core/error.hpp"

namespace appointments {
namespace {

using namespace std::chrono;

// Europe/Berlin since 1996: the EU rule (last Sunday of March / October).
constexpr const char* kBerlinZone = "BEGIN:VTIMEZONE\r\n"
                                    "TZID:Europe/Berlin\r\n"
                                    "BEGIN:DAYLIGHT\r\n"
                                    "TZOFFSETFROM:+0100\r\n"
                                    "TZOFFSETTO:+0200\r\n"
                                    "TZNAME:CEST\r\n"
                                    "DTSTART:19810329T020000\r\n"
                                    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\n"
                                    "END:DAYLIGHT\r\n"
                                    "BEGIN:STANDARD\r\n"
                                    "TZOFFSETFROM:+0200\r\n"
                                    "TZOFFSETTO:+0100\r\n"
                                    "TZNAME:CET\r\n"
                                    "DTSTART:19961027T030000\r\n"
                                    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\n"
                                    "END:STANDARD\r\n"
                                    "END:VTIMEZONE\r\n";

struct ComponentFree {
  void operator()(icalcomponent* c) const { icalcomponent_free(c); }
};
using Component = std::unique_ptr<icalcomponent, ComponentFree>;

// A local Berlin date-time (floating; the TZID parameter names the zone).
icaltimetype berlin_time(core::TimePoint t) {
  const core::Day day = core::berlin_date(t);
  const year_month_day ymd{day};
  const int minute = core::berlin_minute_of_day(t);
  icaltimetype it = icaltime_null_time();
  it.year = static_cast<int>(ymd.year());
  it.month = static_cast<int>(static_cast<unsigned>(ymd.month()));
  it.day = static_cast<int>(static_cast<unsigned>(ymd.day()));
  it.hour = minute / 60;
  it.minute = minute % 60;
  it.second = 0;
  it.is_date = 0;
  return it;
}

icalproperty* zoned(icalproperty* p) {
  icalproperty_add_parameter(p, icalparameter_new_tzid("Europe/Berlin"));
  return p;
}

} // namespace

std::string to_ics(const Appointment& a, const catalog::Service* service,
                   const catalog::Office* office, core::TimePoint now) {
  Component cal(icalcomponent_new_vcalendar());
  icalcomponent_add_property(cal.get(), icalproperty_new_version("2.0"));
  icalcomponent_add_property(cal.get(), icalproperty_new_prodid("-//Stadtkern//Terminvergabe//DE"));
  icalcomponent_add_property(cal.get(), icalproperty_new_method(ICAL_METHOD_PUBLISH));
  icalcomponent* zone = icalparser_parse_string(kBerlinZone);
  if (!zone) throw core::Error(core::ErrorKind::internal, "VTIMEZONE did not parse");
  icalcomponent_add_component(cal.get(), zone);

  icalcomponent* event = icalcomponent_new_vevent();
  icalcomponent_add_property(event, icalproperty_new_uid((a.id + "@stadtkern").c_str()));
  const auto stamp = duration_cast<seconds>(now.time_since_epoch()).count();
  icalcomponent_add_property(event,
                             icalproperty_new_dtstamp(icaltime_from_timet_with_zone(
                                 static_cast<time_t>(stamp), 0, icaltimezone_get_utc_timezone())));
  icalcomponent_add_property(event, zoned(icalproperty_new_dtstart(berlin_time(a.time.start))));
  icalcomponent_add_property(event, zoned(icalproperty_new_dtend(berlin_time(a.time.end))));
  const std::string title = service ? service->title : a.service_id;
  icalcomponent_add_property(event, icalproperty_new_summary(("Termin: " + title).c_str()));
  if (office) {
    std::string where = office->name;
    if (!office->street.empty()) where += ", " + office->street;
    if (!office->city.empty()) where += ", " + office->postal_code + " " + office->city;
    icalcomponent_add_property(event, icalproperty_new_location(where.c_str()));
  }
  const std::string description = "Bestätigungscode: " + a.code +
                                  "\nBitte bringen Sie den Code und die nötigen Unterlagen mit.";
  icalcomponent_add_property(event, icalproperty_new_description(description.c_str()));
  icalcomponent_add_property(event, icalproperty_new_status(a.status == Status::cancelled
                                                                ? ICAL_STATUS_CANCELLED
                                                                : ICAL_STATUS_CONFIRMED));
  icalcomponent_add_component(cal.get(), event);

  char* text = icalcomponent_as_ical_string(cal.get()); // owned by libical's ring buffer
  return text ? std::string(text) : std::string();
}

} // namespace appointments
