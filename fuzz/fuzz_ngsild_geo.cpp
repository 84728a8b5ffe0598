// libFuzzer target: geo-queries. The input is "georel\ngeometry\ncoordinates".
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "context/model/problem.hpp"
#include "context/query/geo.hpp"
#include "ngsild_fuzz_common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  std::string_view parts[3];
  for (auto& part : parts) {
    const auto nl = in.find('\n');
    part = in.substr(0, nl);
    in = nl == std::string_view::npos ? std::string_view() : in.substr(nl + 1);
  }
  try {
    const auto g =
        context::query::GeoQuery::parse(parts[0], parts[1], parts[2], "", *fuzz::resolver().core());
    (void)g.matches(fuzz::sample_entity());
  } catch (const context::Problem&) {
  }
  return 0;
}
