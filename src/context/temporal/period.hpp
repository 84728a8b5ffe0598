// Time arithmetic of the temporal API: ISO 8601 durations (aggrPeriodDuration)
// and instants as milliseconds since the Unix epoch.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace context::temporal {

// "PT1H", "P1D", "PT15M", "P1W", "P1DT12H", "PT0.5S" -> milliseconds.
// Years and months have no fixed length and are refused (std::nullopt), as
// are zero, negative or malformed durations.
std::optional<std::int64_t> parse_duration_ms(std::string_view text);

// "2026-01-05T13:42:07.123Z", "...T13:42:07Z", "...T13:42Z", with an offset
// "+01:00" instead of Z -> milliseconds since the epoch; nullopt when malformed.
std::optional<std::int64_t> parse_instant_ms(std::string_view text);
// Milliseconds since the epoch -> "2026-01-05T13:42:07.123Z".
std::string format_instant_ms(std::int64_t ms);

inline constexpr std::int64_t kHourMs = 3'600'000;

} // namespace context::temporal
