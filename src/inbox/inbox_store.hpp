// The inbox table and every SQL statement on it.
#pragma once

#include <string>
#include <vector>

#include "inbox/inbox.hpp"

namespace inbox::tables {

std::vector<store::Migration> migrations();

void insert_message(store::Connection& c, const Message& m);
// Newest first; messages of the same millisecond in the order they were posted.
std::vector<Message> messages_of(store::Connection& c, const std::string& user_id);
// Both return false when the user has no message with this id.
bool mark_read(store::Connection& c, const std::string& user_id, const std::string& id,
               const std::string& now);
bool delete_message(store::Connection& c, const std::string& user_id, const std::string& id);
void delete_messages_of(store::Connection& c, const std::string& user_id);

} // namespace inbox::tables
