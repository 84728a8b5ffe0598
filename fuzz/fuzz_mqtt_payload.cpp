// libFuzzer target: an MQTT ingest message, the topic on the first line and
// the payload after it; parsed, and when valid rendered and stored.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "context/ingest/message.hpp"
#include "ngsild_fuzz_common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto nl = text.find('\n');
  const std::string_view topic = text.substr(0, nl);
  const std::string_view payload = nl == std::string_view::npos ? "" : text.substr(nl + 1);
  std::string why;
  auto m = context::ingest::parse_message(topic, payload, *fuzz::resolver().core(),
                                          "2024-01-01T00:00:00.000Z", why);
  if (!m) {
    if (why.empty()) __builtin_trap(); // a rejection always says why
    return 0;
  }
  context::RenderOptions opts;
  (void)context::render(m->entity, *fuzz::resolver().core(), opts);
  (void)context::from_storage(context::to_storage(m->entity));
  return 0;
}
