// The citizen assistant's dialogue: one turn in, one reply out. Answers
// service questions from the catalogue, travel questions from the entry
// rules (and, for a logged-in citizen, the document register), offers and
// books appointments through the calendar, lists and cancels them, and hands
// off to people when it is not sure. Every reply names its sources; nothing
// is said that is not in the data.
#pragma once

#include <boost/json.hpp>

#include <optional>
#include <string>
#include <vector>

#include "accounts/accounts.hpp"
#include "appointments/appointments.hpp"
#include "assistant/conversation.hpp"
#include "assistant/travel/entry_rules.hpp"
#include "assistant/travel/gazetteer.hpp"
#include "assistant/understanding.hpp"
#include "catalog/catalog.hpp"
#include "documents/documents.hpp"
#include "http/identity.hpp"

namespace assistant {

// What the citizen sent: a sentence, a slot button, or the service page the
// chat was opened from (at least one of them).
struct TurnInput {
  std::optional<std::string> conversation_id;
  std::string text;
  struct SlotChoice {
    std::string office_id;
    core::TimePoint start;
  };
  std::optional<SlotChoice> slot;
  std::string service_id;
};

// A source of an answer.
struct Source {
  std::string title;
  std::string url;
};

// The answer of one turn (see the HTTP contract in routes.hpp).
struct TurnResult {
  std::string conversation_id;
  std::string intent;
  double confidence = 0;
  std::string text;
  boost::json::array actions;
  std::vector<Source> sources;
};

// The assistant. Thread-safe; every reference must outlive it.
class Assistant {
public:
  struct Parts {
    catalog::Catalog& catalog;
    appointments::Calendar& calendar;
    const documents::Register& documents;
    const accounts::Accounts& accounts;
    const travel::Gazetteer& gazetteer;
    const travel::EntryRules& rules;
    const core::Clock& clock;
  };
  explicit Assistant(Parts parts);

  // One turn. core::Error{not_found} for an unknown, expired or foreign
  // conversation id; {invalid_argument} for a slot or service that does not exist.
  TurnResult turn(const TurnInput& input, const http::Identity* identity);

  ConversationStore& conversations() { return conversations_; }

private:
  struct Turn;
  void answer(Turn& t);
  void greeting(Turn& t);
  void service(Turn& t, const std::string& intent);
  void travel_documents(Turn& t);
  void document_status(Turn& t);
  void book_request(Turn& t);
  void affirm(Turn& t);
  void choose(Turn& t);
  void list(Turn& t);
  void cancel(Turn& t);
  void handoff(Turn& t, bool unsure);
  // Offers the service's appointment at the office with the earliest slots
  // (or the given day window); false when no office has a free slot.
  bool offer(Turn& t, const std::string& service_id, const When& when = {});
  void book(Turn& t, const OfferedSlot& slot);
  std::string first_name(const http::Identity* identity) const;

  Parts parts_;
  Understander understander_;
  ConversationStore conversations_;
};

} // namespace assistant
