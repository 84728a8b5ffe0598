// The Postfach of the Bürgerkonto: messages from the city to one person
// (reminders about expiring documents, appointment confirmations). Small and
// generic: any module posts a message inside its own write job, the owner
// reads, marks read and deletes them over /api/me/inbox.
//
// Thread-safe: every method may be called from any thread.
#pragma once

#include <boost/json/value.hpp>

#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "store/database.hpp"

namespace inbox {

// A one-click offer in a message ("Termin vereinbaren" -> /termine/buchen?service=…).
struct Action {
  std::string label;
  std::string url; // a path of this site
};

// What a module posts.
struct NewMessage {
  std::string subject;
  std::string body;
  std::optional<Action> action;
};

// A stored message.
struct Message {
  std::string id; // core::random_id()
  std::string user_id;
  std::string created_at; // ISO 8601 UTC with milliseconds
  std::string subject;
  std::string body;
  std::optional<Action> action;
  std::optional<std::string> read_at; // ISO 8601 UTC; none while unread
};

// One page of a person's messages, newest first.
struct Listing {
  std::vector<Message> messages;
  int unread = 0;   // over all the person's messages, not only this page
  std::string next; // the id to pass as `before` for the next page; empty at the end
};

// Page sizes of Inbox::list.
inline constexpr int kDefaultPage = 50;
inline constexpr int kMaxPage = 200;

// The JSON shape of a message in the API and the DSGVO export.
boost::json::value to_json(const Message& message);

class Inbox {
public:
  // db and clock must outlive the object.
  Inbox(store::Database& db, const core::Clock& clock) : db_(db), clock_(clock) {}

  static std::vector<store::Migration> migrations();

  // Posts a message inside the caller's running write job (it commits with
  // the caller's change); returns the new message's id.
  std::string post(store::Connection& c, const std::string& user_id,
                   const NewMessage& message) const;
  // The same in its own write job.
  std::string post(const std::string& user_id, const NewMessage& message) const;

  // The newest `limit` messages (1..kMaxPage), or those older than the
  // user's message `before`. core::Error{not_found} when `before` is not one
  // of the user's messages; invalid_argument for a limit out of range.
  Listing list(const std::string& user_id, int limit = kDefaultPage,
               const std::string& before = {}) const;
  // Marks the user's message read (again: keeps the first time). False when
  // the user has no message with this id (unknown or someone else's).
  bool mark_read(const std::string& user_id, const std::string& message_id) const;
  // Deletes the user's message. False as above.
  bool remove(const std::string& user_id, const std::string& message_id) const;

  // For the DSGVO export and account deletion (inside the caller's job).
  std::vector<Message> messages_of(store::Connection& c, const std::string& user_id) const;
  void erase_all(store::Connection& c, const std::string& user_id) const;

private:
  store::Database& db_;
  const core::Clock& clock_;
};

} // namespace inbox
