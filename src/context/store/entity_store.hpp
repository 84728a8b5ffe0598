// The context module's tables: entities (one row per tenant and id, the
// stored form as JSON) and the attribute history (one row per change of an
// attribute instance, written in the same transaction as the entity).
// Nothing else in the program writes these tables.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "context/model/entity.hpp"
#include "context/store/rollup_batch.hpp"
#include "store/database.hpp"

namespace context::entity_store {

std::vector<store::Migration> migrations();

// Calls `take(tenant, entity)` for every stored entity (startup: the
// in-memory index is built from it), reading a page of rows at a time so
// that the stored text of all entities is never in memory at once.
void for_each(store::Connection& c,
              const std::function<void(const std::string& tenant, Entity e)>& take);

void put(store::Connection& c, const std::string& tenant, const Entity& e);
void remove(store::Connection& c, const std::string& tenant, const std::string& id);
// Appends the changes to the history; recorded_at stamps them, seq orders
// the changes of one write (incremented per row). The numeric values with an
// observedAt go into `rollups`, which the caller flushes in the same
// transaction.
void record(store::Connection& c, const std::string& tenant, const std::string& entity_id,
            const std::vector<Change>& changes, const std::string& recorded_at, std::int64_t& seq,
            history_store::RollupBatch& rollups);
// The highest seq of the history (0 when empty).
std::int64_t max_seq(store::Connection& c);
// How many history rows an entity has (tests, temporal API later).
std::int64_t history_count(store::Connection& c, const std::string& tenant,
                           const std::string& entity_id);

} // namespace context::entity_store
