// libFuzzer target: JSON-LD payloads: an @context value and an entity in
// one JSON document {"@context": ..., ...}; resolve, parse, render, store.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "context/model/problem.hpp"
#include "core/error.hpp"
#include "ngsild_fuzz_common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  boost::json::value doc;
  try {
    doc = core::json::parse(text, 64);
  } catch (const std::exception&) {
    return 0;
  }
  auto* o = doc.if_object();
  if (!o) return 0;
  try {
    auto ctx = fuzz::resolver().core();
    if (const auto* c = o->if_contains("@context")) ctx = fuzz::resolver().resolve(*c);
    o->erase("@context");
    const auto e = context::parse_entity(*o, *ctx, "2024-01-01T00:00:00.000Z", false);
    context::RenderOptions opts;
    (void)context::render(e, *ctx, opts);
    opts.key_values = true;
    opts.sys_attrs = true;
    (void)context::render(e, *ctx, opts);
    (void)context::from_storage(context::to_storage(e));
  } catch (const context::Problem&) {
  } catch (const context::jsonld::ContextError&) {
  }
  return 0;
}
