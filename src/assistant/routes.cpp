#include "assistant/routes.hpp"

#include "assistant/openapi.hpp"
#include "core/error.hpp"
#include "core/json.hpp"
#include "http/params.hpp"

namespace assistant {
namespace {

namespace json = boost::json;
using http::Request;
using http::Response;

constexpr std::size_t kBodyLimit = 4096;
constexpr std::size_t kMaxText = 500;

std::string trim(std::string_view s) {
  while (!s.empty() &&
         (s.front() == ' ' || s.front() == '\n' || s.front() == '\t' || s.front() == '\r'))
    s.remove_prefix(1);
  while (!s.empty() &&
         (s.back() == ' ' || s.back() == '\n' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return std::string(s);
}

// Characters, not bytes (UTF-8).
std::size_t length(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

const json::string* string_member(const json::object& o, const char* name, bool nullable) {
  const auto* v = o.if_contains(name);
  if (!v || (nullable && v->is_null())) return nullptr;
  if (!v->is_string()) http::bad_request(std::string("'") + name + "' must be a string.");
  return &v->get_string();
}

TurnInput parse(const Request& r) {
  const json::object body = core::json::parse_object(r.body);
  TurnInput in;
  if (const auto* id = string_member(body, "conversation_id", true)) {
    if (id->empty() || id->size() > 64)
      http::bad_request("'conversation_id' must be null or an id from an earlier answer.");
    in.conversation_id = std::string(*id);
  }
  if (const auto* text = string_member(body, "text", true)) {
    in.text = core::json::to_valid_utf8(trim(std::string_view(*text)));
    if (length(in.text) > kMaxText) http::bad_request("'text' must be at most 500 characters.");
  }
  if (const auto* service = string_member(body, "service_id", true)) {
    if (service->size() > 200) http::bad_request("'service_id' is not a known service.");
    in.service_id = std::string(*service);
  }
  if (const auto* slot = body.if_contains("slot"); slot && !slot->is_null()) {
    if (!slot->is_object()) http::bad_request("'slot' must be an object with office_id and start.");
    const auto& o = slot->get_object();
    const auto* office = string_member(o, "office_id", false);
    const auto* start = string_member(o, "start", false);
    if (!office || !start) http::bad_request("'slot' needs 'office_id' and 'start'.");
    const auto t = core::parse_iso_instant(std::string_view(*start));
    if (!t) http::bad_request("'slot.start' must be an ISO 8601 time with offset.");
    in.slot = TurnInput::SlotChoice{std::string(*office), *t};
  }
  if (in.text.empty() && !in.slot && in.service_id.empty())
    http::bad_request("Send at least one of 'text', 'slot' or 'service_id'.");
  return in;
}

Response turn(Assistant& assistant, Request& r) {
  const TurnInput in = parse(r);
  const TurnResult out = assistant.turn(in, r.identity ? &*r.identity : nullptr);
  json::array sources;
  for (const auto& s : out.sources)
    sources.push_back({{"title", s.title}, {"url", s.url}});
  return Response::json(core::json::dump(json::object{
      {"conversation_id", out.conversation_id},
      {"intent", out.intent},
      {"confidence", out.confidence},
      {"reply", {{"text", out.text}, {"actions", out.actions}, {"sources", sources}}}}));
}

} // namespace

void add_routes(http::Router& router, Assistant& assistant) {
  router.add(http::Method::post, "/api/assistant/turn",
             http::personal([&assistant](Request& r) { return turn(assistant, r); }),
             http::RouteOptions{.body_limit = kBodyLimit, .openapi = openapi::turn()});
}

} // namespace assistant
