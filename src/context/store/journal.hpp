// The broker's write-behind journal. A write that only changes attribute
// instances of an existing entity is made durable as journal rows (one per
// changed instance, appended at the end of one table) instead of rewriting
// the entity's stored row and inserting into the history, whose rows are
// clustered by entity and attribute: an update then dirties a few pages at
// the table's end rather than one page per attribute and entity.
//
// A checkpoint (drain) moves a tenant's journal into the attribute history
// and its hourly rollups; the broker writes the changed entities' rows in
// the same transaction. At startup, the journal rows newer than their
// entity's stored row (ngsild_entities.journal_seq) are applied to the
// loaded entities again.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/object.hpp>

#include "context/model/entity.hpp"
#include "context/store/rollup_batch.hpp"
#include "store/database.hpp"

namespace context::journal {

std::vector<store::Migration> migrations();

// One change as a journal row, serialised before the write transaction so
// that the database's writer thread only stores it.
struct Row {
  std::string entity_id;
  std::string attribute;
  std::string dataset_id;
  store::Value observed_at, instance, value_num, created_at, modified_at;
  std::string entity_modified_at; // the entity's modifiedAt after the write
};

// Adds a row per change of an entity to `rows`, and the numeric
// observations among them to `rollups`.
void prepare(std::vector<Row>& rows, history_store::RollupBatch& rollups,
             const std::string& entity_id, const std::vector<Change>& changes,
             std::string_view entity_modified_at);

// Stores the rows (moving their values), numbered from seq (incremented per
// row); recorded_at stamps them in the history.
void append(store::Connection& c, const std::string& tenant, std::vector<Row>& rows,
            const std::string& recorded_at, std::int64_t& seq);

// Moves the tenant's journal rows into the attribute history; returns how
// many rows moved. With sum_rollups their numeric observations are added to
// the hourly rollups (else the caller adds what prepare() gathered).
// REQUIRES: c is inside the transaction that also writes the bodies of the
// entities those rows changed.
std::int64_t drain(store::Connection& c, const std::string& tenant, bool sum_rollups);

// Rows in the journal per tenant; the highest seq in it (0 when empty).
std::map<std::string, std::int64_t> rows_per_tenant(store::Connection& c);
std::int64_t max_seq(store::Connection& c);

// Calls take(tenant, entity id, change, entity's modifiedAt) in the order of
// the writes, for every journal row newer than its entity's stored row.
// Reads a page of rows at a time.
void for_each_unapplied(
    store::Connection& c,
    const std::function<void(const std::string& tenant, const std::string& entity_id, Change change,
                             const std::string& entity_modified_at)>& take);

// Applies one change to attributes (name -> instances) as the write did:
// the instance with the change's datasetId is replaced (keeping its
// createdAt), added or removed.
void apply(boost::json::object& attrs, const Change& change);

// True when `before` with `changes` applied (and after's modifiedAt) is
// `after`: only then can the write be journalled instead of storing the
// whole entity.
bool replays_to(const Entity& before, const Entity& after, const std::vector<Change>& changes);

} // namespace context::journal
