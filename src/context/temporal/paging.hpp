// Pagination of temporal representations (ETSI GS CIM 009 clause 6.3.10):
// an answer holds at most kPageInstances instances per attribute; when a
// series is longer, the whole answer (every attribute of every entity) is
// cut at one instant, answered 206 Partial Content and named in
// `Content-Range: date-time <range-start>-<range-end>/<size>`. Pure rules
// over instants (milliseconds since the epoch); the handlers fetch the rows.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>

namespace context::temporal {

// Instances per attribute one temporal answer holds at most.
inline constexpr std::size_t kPageInstances = 10'000;

// Ascending: oldest first (no lastN; timerel after, between, before or
// none). Descending: newest first (lastN), the pages walk back in time.
enum class Direction { ascending, descending };

// The instants fetched for one attribute, in time order (oldest first in
// both directions). Ascending: the first up to limit + 1 instances of the
// window; descending: the newest up to limit + 1. `truncated` when the store
// may hold more than were fetched (limit + 1 rows came back).
struct SeriesInstants {
  std::span<const std::int64_t> ms;
  bool truncated = false;
};

// Where an answer is cut.
struct PageCut {
  bool partial = false;   // some instance of the window is left for a later page
  std::int64_t bound = 0; // ascending: served t < bound; descending: t > bound
  // The bound instant is served too (t <= bound, t >= bound): more than
  // the limit of one attribute's instances share the first instant, and a
  // page always holds at least one instant whole.
  bool inclusive = false;

  bool serves(std::int64_t t, Direction d) const {
    if (!partial) return true;
    if (d == Direction::ascending) return inclusive ? t <= bound : t < bound;
    return inclusive ? t >= bound : t > bound;
  }
};

// The first instant a truncated series leaves out (ascending: its last
// fetched instant, descending: its oldest fetched instant); nullopt for a
// series that fits.
std::optional<std::int64_t> series_bound(const SeriesInstants& s, Direction d);

// One cut for all series of an answer: the earliest (ascending) or latest
// (descending) series_bound; not partial when every series fits.
PageCut cut_page(std::span<const SeriesInstants> series, Direction d);

// The Content-Range value of a partial answer: "date-time <start>-<end>/<size>".
// Ascending: start = the query's own start (timeAt of after/between) or the
// first instant served, end = the last instant served, size "*".
// Descending: start = the query's own end (timeAt of before, endTimeAt of
// between) or the newest instant served, end = the oldest instant served,
// size = lastN. Instants as "2026-01-05T13:42:07.123Z".
std::string content_range(Direction d, std::optional<std::int64_t> query_start,
                          std::int64_t first_served, std::int64_t last_served,
                          std::optional<std::int64_t> last_n);

} // namespace context::temporal
