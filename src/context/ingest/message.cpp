#include "context/ingest/message.hpp"

#include <boost/json.hpp>

#include <array>
#include <exception>

#include "context/model/problem.hpp"
#include "core/json.hpp"

namespace context::ingest {

namespace json = boost::json;

namespace {

constexpr std::size_t kMaxSegment = 256;

bool valid_tenant(std::string_view t) {
  if (t.empty() || t.size() > 64) return false;
  for (const char c : t)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '-' && c != ':' &&
        c != '.')
      return false;
  return true;
}

// Wildcards, control characters or bytes that are not UTF-8 (a type or id
// ends up in JSON text, which must be UTF-8).
bool has_wildcard_or_control(std::string_view s) {
  for (const char c : s)
    if (c == '+' || c == '#' || static_cast<unsigned char>(c) < 0x20 || c == 0x7f) return true;
  return core::json::to_valid_utf8(s) != s;
}

// Members a payload may not carry: the topic names the entity, and system
// attributes are the broker's.
bool reserved_member(std::string_view k) {
  static constexpr std::array<std::string_view, 8> reserved = {
      "id", "type", "@id", "@type", "@context", "scope", "createdAt", "modifiedAt"};
  for (const auto r : reserved)
    if (k == r) return true;
  return false;
}

} // namespace

std::optional<Topic> parse_topic(std::string_view topic, std::string& why) {
  std::array<std::string_view, 5> seg;
  std::size_t n = 0;
  std::size_t start = 0;
  while (true) {
    const auto slash = topic.find('/', start);
    if (n == seg.size()) {
      why = "the topic has more than 5 levels";
      return std::nullopt;
    }
    seg[n++] = topic.substr(start, slash == std::string_view::npos ? slash : slash - start);
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  if (n != 5 || seg[0] != "stadtkern" || seg[4] != "attrs") {
    why = "the topic is not stadtkern/{tenant}/{type}/{id}/attrs";
    return std::nullopt;
  }
  Topic t;
  if (seg[1] != "default") {
    if (!valid_tenant(seg[1])) {
      why = "invalid tenant in the topic";
      return std::nullopt;
    }
    t.tenant = std::string(seg[1]);
  }
  if (seg[2].size() > kMaxSegment || has_wildcard_or_control(seg[2]) || !valid_name(seg[2])) {
    why = "invalid entity type in the topic";
    return std::nullopt;
  }
  if (seg[3].size() > kMaxSegment || has_wildcard_or_control(seg[3]) || !is_uri(seg[3])) {
    why = "the entity id in the topic is not a URI";
    return std::nullopt;
  }
  t.type = std::string(seg[2]);
  t.id = std::string(seg[3]);
  return t;
}

std::optional<Message> parse_message(std::string_view topic, std::string_view payload,
                                     const jsonld::Context& core_ctx,
                                     const std::string& received_at, std::string& why) {
  auto t = parse_topic(topic, why);
  if (!t) return std::nullopt;
  if (payload.size() > kMaxPayload) {
    why = "the payload exceeds " + std::to_string(kMaxPayload) + " bytes";
    return std::nullopt;
  }
  try {
    json::value doc = core::json::parse(payload, 16);
    json::object* attrs = doc.if_object();
    if (!attrs) {
      why = "the payload is not a JSON object";
      return std::nullopt;
    }
    if (attrs->empty()) {
      why = "the payload names no attribute";
      return std::nullopt;
    }
    for (const auto& kv : *attrs)
      if (reserved_member(kv.key())) {
        why = "the payload may not contain '" + std::string(kv.key()) + "'";
        return std::nullopt;
      }
    json::object body = std::move(*attrs);
    body["id"] = t->id;
    body["type"] = t->type;
    Message m{std::move(t->tenant), parse_entity(body, core_ctx, received_at, true)};
    for (auto& [name, instances] : m.entity.attrs) {
      (void)name;
      if (auto* arr = instances.if_array())
        for (auto& inst : *arr)
          if (auto* o = inst.if_object(); o && !o->contains("observedAt"))
            (*o)["observedAt"] = received_at;
    }
    return m;
  } catch (const Problem& p) {
    why = p.detail.empty() ? "invalid attributes" : p.detail;
  } catch (const std::exception& e) {
    why = std::string("invalid JSON: ") + e.what();
  } catch (...) {
    why = "invalid message";
  }
  return std::nullopt;
}

} // namespace context::ingest
