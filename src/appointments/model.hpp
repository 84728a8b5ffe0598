// The records of the appointment system (Terminvergabe): appointments, holds
// that reserve a slot during checkout, and times blocked by staff. Plain
// data; the rules live in calendar.hpp and appointments.hpp.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "appointments/calendar.hpp"
#include "core/clock.hpp"

namespace appointments {

// Where an appointment stands. Every status but `cancelled` occupies a desk.
enum class Status {
  booked,    // confirmed, still ahead or not yet marked
  arrived,   // the person came in (walk-in at the desk, checked in)
  done,      // served
  no_show,   // did not come
  cancelled, // cancelled by the person or the office; frees the slot
};
std::string_view to_string(Status s);
std::optional<Status> status_from_string(std::string_view s);

// A booked appointment. `user_id` is empty for an anonymous booking.
struct Appointment {
  std::string id;   // random, internal
  std::string code; // confirmation code shown to the person: "K7M2-Q9TX"
  std::string token_hash;
  std::string office_id;
  std::string service_id;
  Interval time;
  std::string user_id;
  std::string name;
  std::string email;
  Status status = Status::booked;
  std::string created_at; // ISO 8601 UTC
};

// A slot reserved for a few minutes while the person fills in the form.
struct Hold {
  std::string id; // random; whoever has it may book the slot
  std::string office_id;
  std::string service_id;
  Interval time;
  core::TimePoint expires_at;
  std::string client; // hash of the client address (limits holds per client)
};

// A time in which an office takes no appointments (staff meeting, outage).
struct Block {
  std::string id;
  std::string office_id;
  Interval time;
  std::string reason;
  std::string created_by; // user id of the staff member
};

} // namespace appointments
