#include "assistant/conversation.hpp"

#include <functional>

#include "core/ids.hpp"

namespace assistant {

ConversationStore::ConversationStore(const core::Clock& clock, Settings settings)
    : clock_(clock), settings_(settings) {}

ConversationStore::Shard& ConversationStore::shard(const std::string& id) {
  return shards_[std::hash<std::string>{}(id) % kShards];
}

void ConversationStore::put(Shard& s, const Conversation& c, core::TimePoint now) {
  auto it = s.entries.find(c.id);
  if (it != s.entries.end()) {
    it->second.conversation = c;
    it->second.touched = now;
    s.order.splice(s.order.end(), s.order, it->second.lru);
    return;
  }
  const std::size_t per_shard = std::max<std::size_t>(1, settings_.capacity / kShards);
  while (s.entries.size() >= per_shard && !s.order.empty()) {
    s.entries.erase(s.order.front());
    s.order.pop_front();
  }
  s.order.push_back(c.id);
  s.entries.emplace(c.id, Entry{c, now, std::prev(s.order.end())});
}

Conversation ConversationStore::start(const std::string& owner) {
  Conversation c;
  c.id = core::random_id(16);
  c.owner = owner;
  save(c);
  return c;
}

std::optional<Conversation> ConversationStore::find(const std::string& id,
                                                    const std::string& caller) {
  Shard& s = shard(id);
  const auto now = clock_.now();
  std::lock_guard lock(s.mutex);
  // Drop what expired at the front (least recently used first).
  while (!s.order.empty()) {
    auto oldest = s.entries.find(s.order.front());
    if (now - oldest->second.touched < settings_.idle) break;
    s.entries.erase(oldest);
    s.order.pop_front();
  }
  auto it = s.entries.find(id);
  if (it == s.entries.end()) return std::nullopt;
  Conversation& c = it->second.conversation;
  if (!c.owner.empty() && c.owner != caller) return std::nullopt;
  if (c.owner.empty() && !caller.empty()) c.owner = caller; // adopted after login
  return c;
}

bool ConversationStore::claim_offer(const std::string& id) {
  Shard& s = shard(id);
  std::lock_guard lock(s.mutex);
  auto it = s.entries.find(id);
  if (it == s.entries.end() || !it->second.conversation.offer) return false;
  it->second.conversation.offer.reset();
  return true;
}

void ConversationStore::save(const Conversation& conversation) {
  Shard& s = shard(conversation.id);
  const auto now = clock_.now();
  std::lock_guard lock(s.mutex);
  put(s, conversation, now);
}

std::size_t ConversationStore::size() const {
  std::size_t n = 0;
  for (const Shard& s : shards_) {
    std::lock_guard lock(s.mutex);
    n += s.entries.size();
  }
  return n;
}

} // namespace assistant
