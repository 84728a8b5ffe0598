// libFuzzer target: the NGSI-LD query language (parse, expand, evaluate).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "context/model/problem.hpp"
#include "context/query/q.hpp"
#include "ngsild_fuzz_common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view q(reinterpret_cast<const char*>(data), size);
  try {
    auto expr = context::query::parse(q);
    context::query::expand_names(expr, *fuzz::resolver().core());
    (void)context::query::matches(expr, fuzz::sample_entity());
  } catch (const context::Problem&) {
  }
  return 0;
}
