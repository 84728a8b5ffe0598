// The assistant's conversation store: ids not guessable, bound to their
// citizen, adopted after login, expiring when idle, bounded in number.
#include <gtest/gtest.h>

#include <set>

#include "assistant/conversation.hpp"

namespace {

using assistant::ConversationStore;
using namespace std::chrono;

TEST(AssistantConversations, BelongToTheirCitizen) {
  core::ManualClock clock(sys_days{core::Date{year(2026), month(11), day(26)}});
  ConversationStore store(clock);
  auto tom = store.start("tom-id");
  EXPECT_GE(tom.id.size(), 26u);
  EXPECT_TRUE(store.find(tom.id, "tom-id"));
  EXPECT_FALSE(store.find(tom.id, "bea-id"));
  EXPECT_FALSE(store.find(tom.id, ""));
  EXPECT_FALSE(store.find("no-such-id", "tom-id"));
  // Anonymous: anybody with the id, until a citizen continues it.
  auto anon = store.start("");
  EXPECT_TRUE(store.find(anon.id, ""));
  EXPECT_TRUE(store.find(anon.id, "tom-id"));
  EXPECT_FALSE(store.find(anon.id, ""));
  EXPECT_FALSE(store.find(anon.id, "bea-id"));
}

TEST(AssistantConversations, KeepTheirStateAndExpireWhenIdle) {
  core::ManualClock clock(sys_days{core::Date{year(2026), month(11), day(26)}});
  ConversationStore store(clock);
  auto c = store.start("");
  c.topic_service = "reisepass-beantragen";
  store.save(c);
  clock.advance(minutes(29));
  ASSERT_TRUE(store.find(c.id, ""));
  EXPECT_EQ(store.find(c.id, "")->topic_service, "reisepass-beantragen");
  store.save(c); // every turn saves: the idle time starts anew
  clock.advance(minutes(29));
  EXPECT_TRUE(store.find(c.id, ""));
  clock.advance(minutes(2));
  EXPECT_FALSE(store.find(c.id, ""));
}

TEST(AssistantConversations, AnOfferIsClaimedOnce) {
  core::ManualClock clock(sys_days{core::Date{year(2026), month(11), day(26)}});
  ConversationStore store(clock);
  auto c = store.start("tom-id");
  EXPECT_FALSE(store.claim_offer(c.id));
  c.offer = assistant::Offer{"reisepass-beantragen", "buergerbuero-mitte", {}};
  store.save(c);
  EXPECT_TRUE(store.claim_offer(c.id));
  EXPECT_FALSE(store.claim_offer(c.id)); // the second "Ja" of a double click
  EXPECT_FALSE(store.find(c.id, "tom-id")->offer);
}

TEST(AssistantConversations, TheOldestGoWhenFull) {
  core::ManualClock clock(sys_days{core::Date{year(2026), month(11), day(26)}});
  ConversationStore store(clock, {minutes(30), 160});
  std::vector<std::string> ids;
  std::set<std::string> distinct;
  for (int i = 0; i < 2000; ++i) {
    ids.push_back(store.start("").id);
    distinct.insert(ids.back());
    clock.advance(milliseconds(1));
  }
  EXPECT_EQ(distinct.size(), ids.size());
  EXPECT_LE(store.size(), 160u);
  EXPECT_TRUE(store.find(ids.back(), ""));
  EXPECT_FALSE(store.find(ids.front(), ""));
}

} // namespace
