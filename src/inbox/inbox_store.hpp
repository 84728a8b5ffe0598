// The inbox table and every SQL statement on it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "inbox/inbox.hpp"

namespace inbox::tables {

std::vector<store::Migration> migrations();

void insert_message(store::Connection& c, const Message& m);
// All of a user's messages, newest (last posted) first.
std::vector<Message> messages_of(store::Connection& c, const std::string& user_id);
// At most `limit` of them, older than the message with sequence `before`.
std::vector<Message> page_of(store::Connection& c, const std::string& user_id,
                             std::optional<std::int64_t> before, int limit);
// The posting sequence of the user's message (none when it is not theirs).
std::optional<std::int64_t> sequence_of(store::Connection& c, const std::string& user_id,
                                        const std::string& id);
std::int64_t unread_count(store::Connection& c, const std::string& user_id);
// Both return false when the user has no message with this id.
bool mark_read(store::Connection& c, const std::string& user_id, const std::string& id,
               const std::string& now);
bool delete_message(store::Connection& c, const std::string& user_id, const std::string& id);
void delete_messages_of(store::Connection& c, const std::string& user_id);

} // namespace inbox::tables
