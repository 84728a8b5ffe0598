#include "context/temporal/paging.hpp"

#include <algorithm>

#include "context/temporal/period.hpp"

namespace context::temporal {

std::optional<std::int64_t> series_bound(const SeriesInstants& s, Direction d) {
  if (!s.truncated || s.ms.empty()) return std::nullopt;
  return d == Direction::ascending ? s.ms.back() : s.ms.front();
}

PageCut cut_page(std::span<const SeriesInstants> series, Direction d) {
  std::optional<std::int64_t> bound;
  for (const auto& s : series) {
    const auto b = series_bound(s, d);
    if (!b) continue;
    if (!bound)
      bound = b;
    else
      bound = d == Direction::ascending ? std::min(*bound, *b) : std::max(*bound, *b);
  }
  if (!bound) return {};
  PageCut cut;
  cut.partial = true;
  cut.bound = *bound;
  const bool any = std::any_of(series.begin(), series.end(), [&](const SeriesInstants& s) {
    return std::any_of(s.ms.begin(), s.ms.end(), [&](std::int64_t t) { return cut.serves(t, d); });
  });
  if (!any) cut.inclusive = true;
  return cut;
}

std::string content_range(Direction d, std::optional<std::int64_t> query_start,
                          std::int64_t first_served, std::int64_t last_served,
                          std::optional<std::int64_t> last_n) {
  const std::int64_t start = query_start.value_or(first_served);
  std::string out = "date-time " + format_instant_ms(start) + "-" + format_instant_ms(last_served);
  out += "/";
  out += d == Direction::descending && last_n ? std::to_string(*last_n) : std::string("*");
  return out;
}

} // namespace context::temporal
