// The state of the assistant's conversations: what was talked about (the
// topic service, the last destination and travel date), what is offered
// (an appointment with its slots) or waits for a confirmation (a
// cancellation). Kept in memory only, bounded: idle conversations expire
// after 30 minutes, and when the store is full the least recently used goes.
//
// A conversation's id is a random id (not guessable). A conversation that a
// logged-in citizen had is found only for that citizen; an anonymous one by
// anybody holding its id, and it is adopted by the citizen who continues it
// after logging in.
#pragma once

#include <array>
#include <chrono>
#include <cstddef>
#include <list>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "appointments/calendar.hpp"
#include "core/city_time.hpp"
#include "core/clock.hpp"

namespace assistant {

// One offered slot.
struct OfferedSlot {
  std::string office_id;
  appointments::Interval time;
};

// An appointment the assistant offered.
struct Offer {
  std::string service_id;
  std::string office_id;
  std::vector<OfferedSlot> slots; // at most 3, earliest first
};

struct Conversation {
  std::string id;
  std::string owner; // user id; empty while anonymous
  std::string topic_service;
  std::string destination_country; // ISO code of the last destination
  std::optional<core::Date> travel_date;
  std::optional<Offer> offer;
  std::string cancel_code; // appointment waiting for "Ja" to be cancelled
  int turns = 0;
};

// Thread-safe store of conversations (sharded mutexes).
class ConversationStore {
public:
  struct Settings {
    std::chrono::minutes idle{30};
    std::size_t capacity = 50000;
  };
  ConversationStore(const core::Clock& clock, Settings settings);
  explicit ConversationStore(const core::Clock& clock) : ConversationStore(clock, Settings{}) {}

  // A new conversation owned by `owner` (empty: anonymous), stored.
  Conversation start(const std::string& owner);
  // The conversation for this caller, or nullopt when unknown, expired or
  // owned by somebody else. An anonymous conversation continued by a
  // logged-in caller becomes theirs.
  std::optional<Conversation> find(const std::string& id, const std::string& caller);
  // Takes the stored conversation's offer away, atomically: true for the one
  // turn that may book from it, false when another turn took it first (a
  // double "Ja") or it is gone. Keeps a booking from happening twice.
  bool claim_offer(const std::string& id);
  // Stores the conversation's new state (and refreshes its idle time).
  void save(const Conversation& conversation);

  std::size_t size() const;

private:
  struct Entry {
    Conversation conversation;
    core::TimePoint touched;
    std::list<std::string>::iterator lru;
  };
  struct Shard {
    mutable std::mutex mutex;
    std::unordered_map<std::string, Entry> entries;
    std::list<std::string> order; // least recently used first
  };
  static constexpr std::size_t kShards = 16;
  Shard& shard(const std::string& id);
  void put(Shard& s, const Conversation& c, core::TimePoint now);

  const core::Clock& clock_;
  Settings settings_;
  std::array<Shard, kShards> shards_;
};

} // namespace assistant
