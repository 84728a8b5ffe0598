// Time arithmetic of the temporal API: ISO 8601 durations (aggrPeriodDuration)
// and instants as milliseconds since the Unix epoch.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace context::temporal {

// "PT1H", "P1D", "PT15M", "P1W", "P1DT12H", "PT0.5S" -> milliseconds.
// Years and months have no fixed length and are refused here (std::nullopt;
// see parse_months), as are zero, negative or malformed durations.
std::optional<std::int64_t> parse_duration_ms(std::string_view text);

// Calendar periods: "P1M", "P3M", "P1Y", "P2Y" -> whole months (a year is
// 12), at most 1200; nullopt for anything else (also a mix with weeks, days
// or times).
std::optional<std::int64_t> parse_months(std::string_view text);
// The instant `months` calendar months after (or before) t, in UTC, at the
// same time of day; a day past the end of the target month becomes its
// last day (Jan 31 + 1 month = Feb 28 or 29).
std::int64_t add_months(std::int64_t t, std::int64_t months);
// The number of whole periods of `months` months from origin to t: the k
// with add_months(origin, k * months) <= t < add_months(origin, (k + 1) *
// months). REQUIRES: months > 0.
std::int64_t months_periods(std::int64_t origin, std::int64_t t, std::int64_t months);

// "2026-01-05T13:42:07.123Z", "...T13:42:07Z", "...T13:42Z", with an offset
// "+01:00" instead of Z -> milliseconds since the epoch; nullopt when malformed.
std::optional<std::int64_t> parse_instant_ms(std::string_view text);
// Milliseconds since the epoch -> "2026-01-05T13:42:07.123Z".
std::string format_instant_ms(std::int64_t ms);
// The instant in the form format_instant_ms writes (UTC, milliseconds), so
// that times compare correctly as text (the history's keys, the rollups'
// hours); the text itself when it is not an instant.
std::string canonical_instant(std::string_view text);

inline constexpr std::int64_t kHourMs = 3'600'000;

} // namespace context::temporal
