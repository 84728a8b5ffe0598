#include "inbox/inbox.hpp"

#include <boost/json.hpp>

#include "core/error.hpp"
#include "core/ids.hpp"
#include "inbox/inbox_store.hpp"

namespace inbox {

boost::json::value to_json(const Message& m) {
  boost::json::object o{{"id", m.id},
                        {"created_at", m.created_at},
                        {"subject", m.subject},
                        {"body", m.body},
                        {"read", m.read_at.has_value()}};
  o["action"] = m.action ? boost::json::value(boost::json::object{{"label", m.action->label},
                                                                  {"url", m.action->url}})
                         : boost::json::value(nullptr);
  o["read_at"] = m.read_at ? boost::json::value(*m.read_at) : boost::json::value(nullptr);
  return o;
}

std::vector<store::Migration> Inbox::migrations() { return tables::migrations(); }

std::string Inbox::post(store::Connection& c, const std::string& user_id,
                        const NewMessage& message) const {
  Message m{core::random_id(), user_id,      core::format_utc_millis(clock_.now()),
            message.subject,   message.body, message.action,
            std::nullopt};
  tables::insert_message(c, m);
  return m.id;
}

std::string Inbox::post(const std::string& user_id, const NewMessage& message) const {
  return db_.write([&](store::Connection& c) { return post(c, user_id, message); });
}

Listing Inbox::list(const std::string& user_id, int limit, const std::string& before) const {
  if (limit < 1 || limit > kMaxPage)
    throw core::Error(core::ErrorKind::invalid_argument,
                      "limit muss zwischen 1 und " + std::to_string(kMaxPage) + " liegen.");
  return db_.read([&](store::Connection& c) {
    std::optional<std::int64_t> cursor;
    if (!before.empty()) {
      cursor = tables::sequence_of(c, user_id, before);
      if (!cursor)
        throw core::Error(core::ErrorKind::not_found,
                          "Diese Nachricht gibt es in Ihrem Postfach nicht.");
    }
    Listing listing;
    listing.messages = tables::page_of(c, user_id, cursor, limit + 1);
    if (listing.messages.size() > std::size_t(limit)) {
      listing.messages.pop_back();
      listing.next = listing.messages.back().id;
    }
    listing.unread = int(tables::unread_count(c, user_id));
    return listing;
  });
}

bool Inbox::mark_read(const std::string& user_id, const std::string& message_id) const {
  const std::string now = core::format_utc_millis(clock_.now());
  return db_.write(
      [&](store::Connection& c) { return tables::mark_read(c, user_id, message_id, now); });
}

bool Inbox::remove(const std::string& user_id, const std::string& message_id) const {
  return db_.write(
      [&](store::Connection& c) { return tables::delete_message(c, user_id, message_id); });
}

std::vector<Message> Inbox::messages_of(store::Connection& c, const std::string& user_id) const {
  return tables::messages_of(c, user_id);
}

void Inbox::erase_all(store::Connection& c, const std::string& user_id) const {
  tables::delete_messages_of(c, user_id);
}

} // namespace inbox
