// The context broker: the public API of the context module. Entities live
// in an in-memory index per tenant that serves every read; every write is
// computed on a copy, written to SQLite in one transaction and swapped into
// the index only after the commit, so a failed write changes nothing and an
// acknowledged one is durable. A write that only changes attribute instances
// is stored as rows of the journal (store/journal.hpp); a checkpoint moves
// them into the history, and writes the entities' rows, once a tenant's
// journal holds checkpoint_rows rows or before a read of its history.
//
// Thread-safety: all methods may be called from many threads. Reads take a
// shared lock of the tenant's index. Writes of one tenant are combined: the
// requests that arrive while a commit is under way are applied one after
// the other by one thread (each sees the ones before it) and committed
// together in one transaction; if that commit fails, all of them fail and
// none is visible. Writes of different tenants run side by side.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <exception>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "context/index/type_index.hpp"
#include "context/jsonld/context.hpp"
#include "context/model/entity.hpp"
#include "context/model/problem.hpp"
#include "context/store/history_store.hpp"
#include "context/store/rollup_batch.hpp"
#include "core/clock.hpp"
#include "store/database.hpp"

namespace context {

using EntityPtr = std::shared_ptr<const Entity>;

// The outcome of a batch operation: ids that succeeded, and per failed id
// the problem (for 207 responses).
struct BatchResult {
  std::vector<std::string> success;
  std::vector<std::pair<std::string, Problem>> errors;
};

// One item of a batch request: a parsed entity or the problem its payload had.
struct BatchItem {
  std::string id; // "" when the payload had no usable id
  std::optional<Entity> entity;
  std::optional<Problem> problem;
};

// One committed change of an entity, as a ChangeObserver sees it.
struct EntityChange {
  const std::string& id;
  const Entity* before; // nullptr = the write created it
  const Entity* after;  // nullptr = the write deleted it
  const std::vector<Change>& changes;
};

// Sees every committed write (single, batch, deletes). on_commit runs inside
// the write's transaction, so what it writes commits (or rolls back) with the
// change; committed() runs after the commit. watching() is asked first: when
// it says no, nothing is collected (the write costs nothing extra).
class ChangeObserver {
public:
  virtual ~ChangeObserver() = default;
  virtual bool watching(const std::string& tenant) const = 0;
  // Throwing fails the write.
  virtual void on_commit(store::Connection& c, const std::string& tenant,
                         const std::vector<EntityChange>& changes) = 0;
  virtual void committed() = 0;
};

// One past value of a Property, for back-filling history (simulators,
// imports). Does not change the entity's current state.
struct Observation {
  std::string entity_id;
  std::string attribute;   // expanded IRI
  std::string observed_at; // ISO 8601 UTC with milliseconds and Z
  boost::json::value value;
  std::string unit_code; // "" when none
};

class Broker {
public:
  Broker(store::Database& db, const core::Clock& clock);

  static std::vector<store::Migration> migrations();
  // How many journal rows of a tenant start a checkpoint (default 250,000).
  // REQUIRES: called before serving.
  void set_checkpoint_rows(std::int64_t rows) { checkpoint_rows_ = rows; }
  // REQUIRES: called before serving; the observer outlives the broker's use.
  void set_observer(ChangeObserver* observer) { observer_ = observer; }
  // Builds the in-memory index from the database. Call once before serving.
  void load();

  // The current time as the broker stamps it (ISO 8601, milliseconds, Z).
  std::string now() const;

  bool tenant_exists(const std::string& tenant) const;
  // The entity, or nullptr.
  EntityPtr get(const std::string& tenant, const std::string& id) const;
  // Every entity of the tenant passing `keep`, ordered by id.
  std::vector<EntityPtr> select(const std::string& tenant,
                                const std::function<bool(const Entity&)>& keep) const;
  // A query's selection, ordered by id: with type_groups (as in Selection)
  // only the entities having every type of one group are visited, through
  // the tenant's type index (keep must still check the types). Returns the
  // first `max` entities passing keep; with `total`, every entity is tested
  // and *total receives how many passed, else the scan stops after `max`.
  std::vector<EntityPtr> select(const std::string& tenant,
                                const std::vector<std::vector<std::string>>& type_groups,
                                const std::function<bool(const Entity&)>& keep, std::size_t max,
                                std::size_t* total) const;

  // Throws Problem{already_exists}.
  void create(const std::string& tenant, Entity e);
  // Throws Problem{resource_not_found}.
  void remove(const std::string& tenant, const std::string& id);
  MergeResult append(const std::string& tenant, const std::string& id, const Entity& fragment,
                     bool no_overwrite, const jsonld::Context& ctx);
  MergeResult update(const std::string& tenant, const std::string& id, const Entity& fragment,
                     const jsonld::Context& ctx);
  // Merge (PATCH /entities/{id}): see context::merge.
  void merge(const std::string& tenant, const std::string& id, const Entity& fragment,
             const jsonld::Context& ctx);
  // Throws Problem{resource_not_found} when the entity or instance is missing.
  void partial_update(const std::string& tenant, const std::string& id, const std::string& attr,
                      const boost::json::object& patch, const jsonld::Context& ctx);
  void delete_attribute(const std::string& tenant, const std::string& id, const std::string& attr,
                        const std::string& dataset_id, bool delete_all);
  // Replaces the whole entity (keeps createdAt).
  void replace(const std::string& tenant, const std::string& id, Entity e);

  BatchResult batch_create(const std::string& tenant, std::vector<BatchItem> items);
  // replace=false: existing entities get the attributes appended (update mode).
  BatchResult batch_upsert(const std::string& tenant, std::vector<BatchItem> items, bool replace,
                           std::vector<std::string>& created);
  BatchResult batch_update(const std::string& tenant, std::vector<BatchItem> items,
                           bool no_overwrite, const jsonld::Context& ctx);
  BatchResult batch_delete(const std::string& tenant, const std::vector<std::string>& ids);

  // Appends observations to the history (and its rollups) in large
  // transactions; throws Problem{resource_not_found} for unknown entities.
  // (Also Problem{bad_request_data} for a malformed observed_at; all rows are
  // checked before the first is written.)
  void append_observations(const std::string& tenant, const std::vector<Observation>& rows);

  // Appends instances (attribute IRI, expanded instance) to an entity's
  // history without changing its current state (temporal API writes).
  void append_history(const std::string& tenant, const std::string& id,
                      const std::vector<std::pair<std::string, boost::json::object>>& instances);

  // Temporal reads (see history_store): instances of an entity's
  // attributes, at most max_rows; hourly rollups of one attribute.
  std::vector<history_store::HistoryRow> history(const std::string& tenant, const std::string& id,
                                                 const std::vector<std::string>& attrs,
                                                 const history_store::TimeFilter& f,
                                                 std::int64_t max_rows) const;
  std::vector<history_store::RollupRow> rollups(const std::string& tenant, const std::string& id,
                                                const std::string& attr,
                                                const std::string& from_hour,
                                                const std::string& to_hour) const;
  // The same rollups, handed to each one by one inside the read (exports).
  void each_rollup(const std::string& tenant, const std::string& id, const std::string& attr,
                   const std::string& from_hour, const std::string& to_hour,
                   const std::function<void(const history_store::RollupView&)>& each) const;
  // One history instance by its seq (the number in its instanceId): delete
  // it, or merge `patch` into it; false when there is none.
  bool delete_instance(const std::string& tenant, const std::string& id, const std::string& attr,
                       std::int64_t seq);
  bool patch_instance(const std::string& tenant, const std::string& id, const std::string& attr,
                      std::int64_t seq, const boost::json::object& patch);

  // The attributes an entity has history of (expanded names, sorted).
  std::vector<std::string> history_attributes(const std::string& tenant,
                                              const std::string& id) const;
  // Deletes the history of an entity (attr "" = all attributes); false when
  // there was none.
  bool delete_history(const std::string& tenant, const std::string& id, const std::string& attr);

  // Checkpoints the tenant when its journal has rows, so that the history
  // tables hold every change. The history methods above call it; readers of
  // those tables outside the broker (tests, tools) call it first.
  void settle_history(const std::string& tenant) const;

  // History rows recorded for an entity (tests; the temporal API later).
  std::int64_t history_count(const std::string& tenant, const std::string& id) const;
  // A number that grows with every change of any tenant's history (for
  // ETags of files generated from it); equal numbers mean an unchanged history.
  std::int64_t history_serial() const { return next_seq_.load(); }

private:
  class Work;
  // One write waiting to be applied by the tenant's current leader.
  struct Queued {
    const std::function<void(Work&)>* apply;
    std::exception_ptr error;
    bool done = false;
  };
  struct Tenant {
    mutable std::shared_mutex index_mutex;
    // Each key views the id of the entity it maps to (set_entity keeps it so).
    std::map<std::string_view, EntityPtr> entities;
    index::TypeIndex types; // the same entities by type
    std::mutex queue_mutex; // guards queue and leader
    std::condition_variable queue_cv;
    std::vector<Queued*> queue;
    bool leader = false; // a thread is applying and committing queued writes
    // Only the leader changes these: the entities whose stored row lacks
    // journalled changes, and the tenant's rows in the journal.
    std::unordered_set<std::string> stale_rows;
    std::atomic<std::int64_t> journal_rows{0};
    // The rollup sums of the journal's rows since the last checkpoint (the
    // rows from before a restart are summed from the journal itself).
    history_store::RollupBatch journal_rollups;
    bool journal_from_before_load = false;
  };
  // The result of one entity's change inside a write.
  struct Pending {
    std::string id;
    std::shared_ptr<Entity> after; // nullptr = deleted
    std::vector<Change> changes;
  };

  // Puts e into the tenant's entity map (and type index) in place of the
  // entity with its id. REQUIRES: the tenant's index lock, or before serving.
  static void set_entity(Tenant& t, EntityPtr e);
  Tenant* find_tenant(const std::string& tenant) const;
  Tenant& tenant_for_write(const std::string& tenant);
  // Commits the staged changes (one transaction), then updates the index;
  // checkpoints when the journal is long enough or the work asks for it.
  void commit(const std::string& tenant, Tenant& t, Work& work);
  void commit_staged(const std::string& tenant, Tenant& t, std::map<std::string, Pending>& staged);
  // Moves the tenant's journal into the history and writes the stale rows;
  // returns how many journal rows it moved.
  // REQUIRES: called by the tenant's leader (or before serving).
  std::int64_t checkpoint(const std::string& tenant, Tenant& t);

  // Runs `op` (which stages its changes in the Work it gets) as part of the
  // tenant's next combined commit; returns after that commit, rethrowing
  // what op threw or the commit's failure.
  void apply(const std::string& tenant, Tenant& t, const std::function<void(Work&)>& op);

  store::Database& db_;
  const core::Clock& clock_;
  // Orders history rows: each write takes a range of numbers, one per row,
  // so rows written in the same millisecond never share a key.
  std::atomic<std::int64_t> next_seq_{0};
  mutable std::shared_mutex tenants_mutex_;
  std::unordered_map<std::string, std::unique_ptr<Tenant>> tenants_;
  ChangeObserver* observer_ = nullptr;
  std::int64_t checkpoint_rows_ = 250000;
};

} // namespace context
