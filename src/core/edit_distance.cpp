#include "core/edit_distance.hpp"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <vector>

namespace core {

int edit_distance(std::string_view a, std::string_view b, int limit) {
  const int n = static_cast<int>(a.size());
  const int m = static_cast<int>(b.size());
  if (std::abs(n - m) > limit) return limit + 1;
  // Three rows of the optimal string alignment matrix; on the stack for
  // names of ordinary length.
  constexpr int kStack = 64;
  std::array<int, kStack + 1> r0{}, r1{}, r2{};
  std::vector<int> h0, h1, h2;
  int* before = r0.data();
  int* previous = r1.data();
  int* current = r2.data();
  if (m > kStack) {
    h0.resize(m + 1), h1.resize(m + 1), h2.resize(m + 1);
    before = h0.data(), previous = h1.data(), current = h2.data();
  }
  for (int j = 0; j <= m; ++j)
    previous[j] = j;
  for (int i = 1; i <= n; ++i) {
    current[0] = i;
    int row_min = current[0];
    for (int j = 1; j <= m; ++j) {
      const int cost = a[i - 1] == b[j - 1] ? 0 : 1;
      int best = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        best = std::min(best, before[j - 2] + 1);
      current[j] = best;
      row_min = std::min(row_min, best);
    }
    if (row_min > limit) return limit + 1;
    std::swap(before, previous);
    std::swap(previous, current);
  }
  return std::min(previous[m], limit + 1);
}

} // namespace core
