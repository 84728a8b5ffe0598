#include "appointments/model.hpp"

#include <array>
#include <utility>

namespace appointments {
namespace {

constexpr std::array<std::pair<Status, std::string_view>, 5> kNames = {{
    {Status::booked, "booked"},
    {Status::arrived, "arrived"},
    {Status::done, "done"},
    {Status::no_show, "no_show"},
    {Status::cancelled, "cancelled"},
}};

} // namespace

std::string_view to_string(Status s) {
  for (const auto& [status, name] : kNames)
    if (status == s) return name;
  return "booked";
}

std::optional<Status> status_from_string(std::string_view s) {
  for (const auto& [status, name] : kNames)
    if (name == s) return status;
  return std::nullopt;
}

} // namespace appointments
