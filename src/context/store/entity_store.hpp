// The context module's tables: entities (one row per tenant and id, the
// stored form as JSON) and the attribute history (one row per change of an
// attribute instance; writes reach it through the journal, journal.hpp).
// Nothing else in the program writes these tables.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "context/model/entity.hpp"
#include "store/database.hpp"

namespace context::entity_store {

std::vector<store::Migration> migrations();

// Calls `take(tenant, entity)` for every stored entity (startup: the
// in-memory index is built from it), reading a page of rows at a time so
// that the stored text of all entities is never in memory at once.
void for_each(store::Connection& c,
              const std::function<void(const std::string& tenant, Entity e)>& take);

// Stores the entity's row; journal_seq: the highest journal seq whose change
// the row includes (journal.hpp).
void put(store::Connection& c, const std::string& tenant, const Entity& e,
         std::int64_t journal_seq);
void remove(store::Connection& c, const std::string& tenant, const std::string& id);
// The highest seq of the history (0 when empty).
std::int64_t max_seq(store::Connection& c);
// How many history rows an entity has (tests, temporal API later).
std::int64_t history_count(store::Connection& c, const std::string& tenant,
                           const std::string& entity_id);

} // namespace context::entity_store
