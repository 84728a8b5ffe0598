// The MQTT ingest format: topic stadtkern/{tenant}/{type}/{id}/attrs and a
// JSON object of attributes, turned into an NGSI-LD entity fragment. Pure
// rules, no I/O (the fuzz target drives them directly).
//
// - tenant: "default" (the default tenant, "" in the broker) or a tenant
//   name (letters, digits, '_', '-', ':', '.'; at most 64);
//   type: an NGSI-LD type name (short, expanded with the core context);
//   id: an absolute URI. Segments never contain '/', '+' or '#'.
// - payload: at most kMaxPayload bytes, a non-empty JSON object whose
//   members are attributes, either plain values ({"temperature": 21.5}) or
//   NGSI-LD fragments ({"temperature": {"type": "Property", "value": 21.5,
//   "unitCode": "CEL", "observedAt": "..."}}). No id, type, @context or
//   system members. Short names are expanded with the core context.
// - Every instance without observedAt gets the receipt time.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "context/jsonld/context.hpp"
#include "context/model/entity.hpp"

namespace context::ingest {

inline constexpr std::size_t kMaxPayload = 64 * 1024;

// The parts of an ingest topic.
struct Topic {
  std::string tenant; // "" = the default tenant
  std::string type;   // as written (short name)
  std::string id;
};

// One message ready for the broker: the tenant and an entity (id, expanded
// type, attributes) to upsert in update mode.
struct Message {
  std::string tenant;
  Entity entity;
};

// Parses a topic; std::nullopt when it is not a valid ingest topic (`why`
// says what is wrong).
std::optional<Topic> parse_topic(std::string_view topic, std::string& why);

// Parses a whole message. `received_at` (ISO 8601 UTC) is the observedAt of
// instances without their own and stamps the system attributes. Returns
// std::nullopt for a malformed message, with the reason in `why`. Never
// throws for any input.
std::optional<Message> parse_message(std::string_view topic, std::string_view payload,
                                     const jsonld::Context& core_ctx,
                                     const std::string& received_at, std::string& why);

} // namespace context::ingest
