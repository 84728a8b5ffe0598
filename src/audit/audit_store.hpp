// The audit_log table and every SQL statement on it. Nothing else in the
// program reads or writes it.
#pragma once

#include <vector>

#include "audit/audit_log.hpp"
#include "store/database.hpp"

namespace audit::table {

std::vector<store::Migration> migrations();

// Appends an entry (its id is assigned by the table).
void insert(store::Connection& c, const Entry& entry);

// Entries matching the query, newest first.
std::vector<Entry> select(store::Connection& c, const Query& query);

} // namespace audit::table
