#include "context/broker.hpp"

#include <boost/json.hpp>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <limits>

#include "context/model/compact.hpp"
#include "context/store/entity_store.hpp"
#include "context/store/history_store.hpp"
#include "context/store/journal.hpp"

namespace context {

namespace json = boost::json;

// Staged entity states of one write on top of the tenant's index.
class Broker::Work {
public:
  explicit Work(const Tenant& t) : tenant_(t) {}

  // The entity as this write sees it (staged or stored); nullptr when absent.
  std::shared_ptr<const Entity> find(const std::string& id) const {
    if (auto it = staged_.find(id); it != staged_.end()) return it->second.after;
    std::shared_lock lock(tenant_.index_mutex);
    if (auto it = tenant_.entities.find(id); it != tenant_.entities.end()) return it->second;
    return nullptr;
  }
  // A copy to modify; nullptr when absent.
  std::shared_ptr<Entity> copy(const std::string& id) const {
    auto e = find(id);
    return e ? std::make_shared<Entity>(*e) : nullptr;
  }
  // The entity to change in place: this write's staged state itself (no
  // other thread sees it before the commit), else a copy; nullptr when absent.
  std::shared_ptr<Entity> modify(const std::string& id) const {
    if (auto it = staged_.find(id); it != staged_.end()) return it->second.after;
    return copy(id);
  }
  void stage(const std::string& id, std::shared_ptr<Entity> after, std::vector<Change> changes) {
    auto& p = staged_[id];
    p.id = id;
    p.after = std::move(after);
    for (auto& c : changes)
      p.changes.push_back(std::move(c));
  }
  std::map<std::string, Pending>& staged() { return staged_; }
  // Asks the commit to move the tenant's journal into the history.
  void request_checkpoint() { checkpoint_ = true; }
  bool checkpoint_requested() const { return checkpoint_; }

private:
  const Tenant& tenant_;
  std::map<std::string, Pending> staged_;
  bool checkpoint_ = false;
};

Broker::Broker(store::Database& db, const core::Clock& clock) : db_(db), clock_(clock) {}

std::vector<store::Migration> Broker::migrations() {
  auto all = entity_store::migrations();
  for (auto& m : history_store::migrations())
    all.push_back(std::move(m));
  for (auto& m : journal::migrations())
    all.push_back(std::move(m));
  return all;
}

void Broker::load() {
  db_.write([](store::Connection& c) { history_store::backfill(c); });
  next_seq_ = db_.read([](store::Connection& c) {
    return std::max(entity_store::max_seq(c), journal::max_seq(c));
  }) + 1;
  std::unique_lock lock(tenants_mutex_);
  const auto tenant_named = [this](const std::string& name) -> Tenant& {
    auto& t = tenants_[name];
    if (!t) t = std::make_unique<Tenant>();
    return *t;
  };
  // The journalled changes the stored rows do not include yet, read first
  // and applied to each entity as it is loaded: replacing entities after the
  // load would leave a hole in the heap for each one replaced.
  struct Unapplied {
    std::vector<Change> changes; // in journal order
    std::string modified_at;
  };
  std::map<std::pair<std::string, std::string>, Unapplied> unapplied;
  db_.read([&](store::Connection& c) {
    journal::for_each_unapplied(c, [&](const std::string& tenant, const std::string& id,
                                       Change change, const std::string& modified_at) {
      auto& u = unapplied[{tenant, id}];
      u.changes.push_back(std::move(change));
      u.modified_at = modified_at;
    });
  });
  db_.read([&](store::Connection& c) {
    entity_store::for_each(c, [&](const std::string& tenant, Entity e) {
      if (!unapplied.empty())
        if (auto it = unapplied.find({tenant, e.id}); it != unapplied.end()) {
          for (const auto& change : it->second.changes)
            journal::apply(e.attrs, change);
          e.modified_at = it->second.modified_at;
        }
      compact(e);
      set_entity(tenant_named(tenant), std::make_shared<const Entity>(std::move(e)));
    });
  });
  for (const auto& [key, u] : unapplied)
    tenant_named(key.first).stale_rows.insert(key.second);
  unapplied.clear();
  for (const auto& [tenant, rows] : db_.read(journal::rows_per_tenant)) {
    tenant_named(tenant).journal_rows = rows;
    tenant_named(tenant).journal_from_before_load = true;
  }
  // Start with the journal moved into the history.
  for (auto& [name, t] : tenants_)
    checkpoint(name, *t);
  // Loading parsed every entity, and the checkpoint filled the writer's page
  // cache with history pages the next writes do not need.
  db_.release_memory();
}

void Broker::set_entity(Tenant& t, EntityPtr e) {
  auto it = t.entities.find(e->id);
  if (it == t.entities.end()) {
    t.types.replace(nullptr, e);
    t.entities.emplace(std::string_view(e->id), std::move(e));
    return;
  }
  t.types.replace(it->second, e);
  // The key views the old entity's id: move the node over to the new one.
  auto node = t.entities.extract(it);
  node.key() = e->id;
  node.mapped() = std::move(e);
  t.entities.insert(std::move(node));
}

std::string Broker::now() const { return core::format_utc_millis(clock_.now()); }

Broker::Tenant* Broker::find_tenant(const std::string& tenant) const {
  std::shared_lock lock(tenants_mutex_);
  auto it = tenants_.find(tenant);
  return it == tenants_.end() ? nullptr : it->second.get();
}

Broker::Tenant& Broker::tenant_for_write(const std::string& tenant) {
  if (Tenant* t = find_tenant(tenant)) return *t;
  std::unique_lock lock(tenants_mutex_);
  auto& t = tenants_[tenant];
  if (!t) t = std::make_unique<Tenant>();
  return *t;
}

bool Broker::tenant_exists(const std::string& tenant) const {
  return tenant.empty() || find_tenant(tenant) != nullptr;
}

EntityPtr Broker::get(const std::string& tenant, const std::string& id) const {
  const Tenant* t = find_tenant(tenant);
  if (!t) return nullptr;
  std::shared_lock lock(t->index_mutex);
  auto it = t->entities.find(id);
  return it == t->entities.end() ? nullptr : it->second;
}

std::vector<EntityPtr> Broker::select(const std::string& tenant,
                                      const std::function<bool(const Entity&)>& keep) const {
  return select(tenant, {}, keep, std::numeric_limits<std::size_t>::max(), nullptr);
}

std::vector<EntityPtr> Broker::select(const std::string& tenant,
                                      const std::vector<std::vector<std::string>>& type_groups,
                                      const std::function<bool(const Entity&)>& keep,
                                      std::size_t max, std::size_t* total) const {
  std::vector<EntityPtr> out;
  std::size_t passed = 0;
  if (total) *total = 0;
  const Tenant* t = find_tenant(tenant);
  if (!t) return out;
  std::shared_lock lock(t->index_mutex);
  // False once the scan may stop.
  const auto visit = [&](const EntityPtr& e) {
    if (!keep(*e)) return true;
    if (passed++ < max) out.push_back(e);
    return total || passed < max;
  };
  const bool typed =
      std::any_of(type_groups.begin(), type_groups.end(), [](const auto& g) { return !g.empty(); });
  if (typed) {
    const auto candidates = t->types.candidates(type_groups);
    // A scan is bound by memory latency: ask for the entities a few steps
    // ahead (their attribute tables, which `keep` reads, a little later).
    constexpr std::size_t kAhead = 8;
    for (std::size_t i = 0; i < candidates.size(); ++i) {
      if (i + 2 * kAhead < candidates.size()) __builtin_prefetch(candidates[i + 2 * kAhead]->get());
      if (i + kAhead < candidates.size()) {
        const Entity& ahead = **candidates[i + kAhead];
        if (!ahead.attrs.empty()) __builtin_prefetch(&*ahead.attrs.begin());
      }
      if (i + kAhead / 2 < candidates.size()) {
        // Then the names and first instances of its first attributes.
        std::size_t n = 0;
        for (const auto& kv : (*candidates[i + kAhead / 2])->attrs) {
          if (n++ == 4) break;
          __builtin_prefetch(kv.key().data());
          if (const auto* a = kv.value().if_array(); a && !a->empty())
            __builtin_prefetch(&*a->begin());
        }
      }
      if (!visit(*candidates[i])) break;
    }
  } else {
    for (const auto& [id, e] : t->entities)
      if (!visit(e)) break;
  }
  if (total) *total = passed;
  return out;
}

void Broker::commit(const std::string& tenant, Tenant& t, Work& work) {
  auto& staged = work.staged();
  if (!staged.empty()) commit_staged(tenant, t, staged);
  std::int64_t moved = 0;
  if (work.checkpoint_requested()) {
    moved = checkpoint(tenant, t); // a reader waits for it: its failure is theirs
  } else if (t.journal_rows.load() >= checkpoint_rows_) {
    // The writes are committed; a failed checkpoint is tried again later.
    try {
      moved = checkpoint(tenant, t);
    } catch (const std::exception& e) {
      spdlog::error("context checkpoint of tenant '{}' failed: {}", tenant, e.what());
    }
  }
  // A big checkpoint leaves the writer's page cache full of history pages
  // that the next writes (appends to the journal) do not need.
  constexpr std::int64_t kReleaseAfterRows = 10000;
  if (moved >= kReleaseAfterRows) db_.release_memory();
}

void Broker::commit_staged(const std::string& tenant, Tenant& t,
                           std::map<std::string, Pending>& staged) {
  const std::string recorded = now();
  std::int64_t rows = 0;
  for (const auto& [id, p] : staged)
    rows += static_cast<std::int64_t>(p.changes.size());
  // Each entity before the write (from the index, which only this leader
  // changes): the observer's view, and whether the journal suffices.
  std::vector<EntityPtr> befores;
  befores.reserve(staged.size());
  {
    std::shared_lock lock(t.index_mutex);
    for (const auto& [id, p] : staged) {
      auto it = t.entities.find(id);
      befores.push_back(it == t.entities.end() ? nullptr : it->second);
    }
  }
  std::vector<EntityChange> observed;
  const bool observing = observer_ && observer_->watching(tenant);
  if (observing) {
    observed.reserve(staged.size());
    std::size_t i = 0;
    for (const auto& [id, p] : staged)
      observed.push_back({id, befores[i++].get(), p.after.get(), p.changes});
  }
  // Entities whose stored row this write leaves behind the journal, and the
  // journal rows, worked out before the write (the writer thread only stores).
  std::vector<bool> journalled(staged.size());
  std::vector<journal::Row> journal_rows;
  journal_rows.reserve(static_cast<std::size_t>(rows));
  history_store::RollupBatch rollups;
  {
    std::size_t i = 0;
    for (const auto& [id, p] : staged) {
      const Entity* before = befores[i].get();
      journalled[i++] = p.after && before && journal::replays_to(*before, *p.after, p.changes);
      journal::prepare(journal_rows, rollups, id, p.changes,
                       p.after ? p.after->modified_at.view() : std::string_view(recorded));
    }
  }
  db_.write([&](store::Connection& c) {
    // This write's own range of sequence numbers.
    std::int64_t seq = next_seq_.fetch_add(rows);
    const std::int64_t last = seq + rows - 1;
    std::size_t i = 0;
    for (const auto& [id, p] : staged) {
      if (!p.after)
        entity_store::remove(c, tenant, id);
      else if (!journalled[i])
        entity_store::put(c, tenant, *p.after, last);
      ++i;
    }
    journal::append(c, tenant, journal_rows, recorded, seq);
    if (observing) observer_->on_commit(c, tenant, observed);
  });
  if (observing) observer_->committed();
  t.journal_rows += rows;
  t.journal_rollups.merge(rollups);
  std::size_t i = 0;
  for (auto& [id, p] : staged) {
    if (journalled[i++])
      t.stale_rows.insert(id);
    else
      t.stale_rows.erase(id);
    if (p.after) compact(*p.after); // indexed entities never change: pack them
  }
  std::unique_lock lock(t.index_mutex);
  for (auto& [id, p] : staged) {
    if (p.after) {
      set_entity(t, std::move(p.after));
    } else if (auto it = t.entities.find(id); it != t.entities.end()) {
      t.types.replace(it->second, nullptr);
      t.entities.erase(it);
    }
  }
}

std::int64_t Broker::checkpoint(const std::string& tenant, Tenant& t) {
  if (t.journal_rows.load() == 0 && t.stale_rows.empty()) return 0;
  std::vector<EntityPtr> rows;
  rows.reserve(t.stale_rows.size());
  {
    std::shared_lock lock(t.index_mutex);
    for (const auto& id : t.stale_rows)
      if (auto it = t.entities.find(id); it != t.entities.end()) rows.push_back(it->second);
  }
  // Every journal row of this tenant has a lower seq (its writes committed).
  const std::int64_t upto = next_seq_.load() - 1;
  const auto started = std::chrono::steady_clock::now();
  std::int64_t moved = 0;
  db_.write([&](store::Connection& c) {
    for (const auto& e : rows)
      entity_store::put(c, tenant, *e, upto);
    // Rows journalled before this process started have no sums in memory.
    moved = journal::drain(c, tenant, t.journal_from_before_load);
    if (!t.journal_from_before_load) t.journal_rollups.write(c, tenant);
  });
  t.journal_rollups.clear();
  t.journal_from_before_load = false;
  spdlog::debug("context checkpoint of tenant '{}': {} journal rows, {} entity rows, {} ms", tenant,
                moved, rows.size(),
                std::chrono::duration_cast<std::chrono::milliseconds>(
                    std::chrono::steady_clock::now() - started)
                    .count());
  t.stale_rows.clear();
  t.journal_rows = 0;
  return moved;
}

void Broker::settle_history(const std::string& tenant) const {
  Tenant* t = find_tenant(tenant);
  if (!t || t->journal_rows.load() == 0) return;
  // Moving rows between tables changes where the history is, not what it
  // says: the readers of a const broker may ask for it.
  const std::function<void(Work&)> op = [](Work& work) { work.request_checkpoint(); };
  const_cast<Broker*>(this)->apply(tenant, *t, op);
}

void Broker::apply(const std::string& tenant, Tenant& t, const std::function<void(Work&)>& op) {
  Queued mine{&op, nullptr, false};
  std::unique_lock lock(t.queue_mutex);
  t.queue.push_back(&mine);
  while (!mine.done) {
    if (t.leader) {
      t.queue_cv.wait(lock);
      continue;
    }
    // Lead: apply everything queued, commit once, wake the waiters; repeat
    // while more writes arrived meanwhile.
    t.leader = true;
    while (!t.queue.empty()) {
      std::vector<Queued*> group;
      group.swap(t.queue);
      lock.unlock();
      Work work(t);
      for (Queued* q : group) {
        try {
          (*q->apply)(work);
        } catch (...) {
          q->error = std::current_exception();
        }
      }
      try {
        commit(tenant, t, work);
      } catch (...) {
        const auto failure = std::current_exception();
        for (Queued* q : group)
          if (!q->error) q->error = failure;
      }
      lock.lock();
      for (Queued* q : group)
        q->done = true;
      t.queue_cv.notify_all();
    }
    t.leader = false;
  }
  if (mine.error) std::rethrow_exception(mine.error);
}

void Broker::create(const std::string& tenant, Entity e) {
  drop_null_instances(e);
  Tenant& t = tenant_for_write(tenant);
  apply(tenant, t, [&](Work& work) {
    if (work.find(e.id)) fail(ProblemType::already_exists, "the entity " + e.id + " exists");
    auto changes = all_instances(e);
    const std::string id = e.id;
    work.stage(id, std::make_shared<Entity>(std::move(e)), std::move(changes));
  });
}

void Broker::remove(const std::string& tenant, const std::string& id) {
  Tenant* t = find_tenant(tenant);
  if (!t) fail(ProblemType::resource_not_found, "no entity " + id);
  apply(tenant, *t, [&](Work& work) {
    auto e = work.find(id);
    if (!e) fail(ProblemType::resource_not_found, "no entity " + id);
    std::vector<Change> changes;
    for (const auto& c : all_instances(*e))
      changes.push_back({c.attr, c.dataset_id, std::nullopt});
    work.stage(id, nullptr, std::move(changes));
  });
}

MergeResult Broker::append(const std::string& tenant, const std::string& id, const Entity& fragment,
                           bool no_overwrite, const jsonld::Context& ctx) {
  Tenant* t = find_tenant(tenant);
  if (!t) fail(ProblemType::resource_not_found, "no entity " + id);
  MergeResult r;
  apply(tenant, *t, [&](Work& work) {
    auto e = work.copy(id);
    if (!e) fail(ProblemType::resource_not_found, "no entity " + id);
    r = context::append(*e, fragment, no_overwrite, ctx, now());
    auto changes = r.changes;
    work.stage(id, std::move(e), std::move(changes));
  });
  return r;
}

MergeResult Broker::update(const std::string& tenant, const std::string& id, const Entity& fragment,
                           const jsonld::Context& ctx) {
  Tenant* t = find_tenant(tenant);
  if (!t) fail(ProblemType::resource_not_found, "no entity " + id);
  MergeResult r;
  apply(tenant, *t, [&](Work& work) {
    auto e = work.copy(id);
    if (!e) fail(ProblemType::resource_not_found, "no entity " + id);
    r = context::update(*e, fragment, ctx, now());
    if (!r.changes.empty()) {
      auto changes = r.changes;
      work.stage(id, std::move(e), std::move(changes));
    }
  });
  return r;
}

void Broker::merge(const std::string& tenant, const std::string& id, const Entity& fragment,
                   const jsonld::Context& ctx) {
  Tenant* t = find_tenant(tenant);
  if (!t) fail(ProblemType::resource_not_found, "no entity " + id);
  apply(tenant, *t, [&](Work& work) {
    auto e = work.copy(id);
    if (!e) fail(ProblemType::resource_not_found, "no entity " + id);
    MergeResult r = context::merge(*e, fragment, ctx, now());
    work.stage(id, std::move(e), std::move(r.changes));
  });
}

void Broker::partial_update(const std::string& tenant, const std::string& id,
                            const std::string& attr, const json::object& patch,
                            const jsonld::Context& ctx) {
  Tenant* t = find_tenant(tenant);
  if (!t) fail(ProblemType::resource_not_found, "no entity " + id);
  apply(tenant, *t, [&](Work& work) {
    auto e = work.copy(id);
    if (!e) fail(ProblemType::resource_not_found, "no entity " + id);
    MergeResult r;
    if (!context::partial_update(*e, attr, patch, ctx, now(), r))
      fail(ProblemType::resource_not_found, "the entity has no such attribute instance");
    work.stage(id, std::move(e), std::move(r.changes));
  });
}

void Broker::delete_attribute(const std::string& tenant, const std::string& id,
                              const std::string& attr, const std::string& dataset_id,
                              bool delete_all) {
  Tenant* t = find_tenant(tenant);
  if (!t) fail(ProblemType::resource_not_found, "no entity " + id);
  apply(tenant, *t, [&](Work& work) {
    auto e = work.copy(id);
    if (!e) fail(ProblemType::resource_not_found, "no entity " + id);
    std::vector<Change> changes;
    if (!context::delete_attribute(*e, attr, dataset_id, delete_all, changes))
      fail(ProblemType::resource_not_found, "the entity has no such attribute instance");
    e->modified_at = now();
    work.stage(id, std::move(e), std::move(changes));
  });
}

void Broker::replace(const std::string& tenant, const std::string& id, Entity replacement) {
  drop_null_instances(replacement);
  Tenant* t = find_tenant(tenant);
  if (!t) fail(ProblemType::resource_not_found, "no entity " + id);
  apply(tenant, *t, [&](Work& work) {
    auto old = work.find(id);
    if (!old) fail(ProblemType::resource_not_found, "no entity " + id);
    std::vector<Change> changes;
    for (const auto& c : all_instances(*old))
      if (!replacement.attrs.contains(c.attr))
        changes.push_back({c.attr, c.dataset_id, std::nullopt});
    for (auto& c : all_instances(replacement))
      changes.push_back(std::move(c));
    replacement.id = id;
    replacement.created_at = old->created_at;
    work.stage(id, std::make_shared<Entity>(std::move(replacement)), std::move(changes));
  });
}

BatchResult Broker::batch_create(const std::string& tenant, std::vector<BatchItem> items) {
  BatchResult r;
  Tenant& t = tenant_for_write(tenant);
  apply(tenant, t, [&](Work& work) {
    for (auto& item : items) {
      if (item.problem) {
        r.errors.emplace_back(item.id, *item.problem);
        continue;
      }
      if (work.find(item.id)) {
        r.errors.emplace_back(
            item.id, Problem{ProblemType::already_exists, "the entity " + item.id + " exists"});
        continue;
      }
      drop_null_instances(*item.entity);
      auto changes = all_instances(*item.entity);
      work.stage(item.id, std::make_shared<Entity>(std::move(*item.entity)), std::move(changes));
      r.success.push_back(item.id);
    }
  });
  return r;
}

BatchResult Broker::batch_upsert(const std::string& tenant, std::vector<BatchItem> items,
                                 bool replace_mode, std::vector<std::string>& created) {
  BatchResult r;
  Tenant& t = tenant_for_write(tenant);
  apply(tenant, t, [&](Work& work) {
    const std::string stamp = now();
    const auto core_ctx = std::make_shared<jsonld::Context>();
    for (auto& item : items) {
      if (item.problem) {
        r.errors.emplace_back(item.id, *item.problem);
        continue;
      }
      // Update mode changes the staged state in place: a stream of updates
      // of one entity (MQTT) does not copy it once per message.
      auto existing = replace_mode ? work.copy(item.id) : work.modify(item.id);
      if (!existing || replace_mode) drop_null_instances(*item.entity);
      if (!existing) {
        auto changes = all_instances(*item.entity);
        work.stage(item.id, std::make_shared<Entity>(std::move(*item.entity)), std::move(changes));
        created.push_back(item.id);
      } else if (replace_mode) {
        std::vector<Change> changes;
        for (const auto& c : all_instances(*existing))
          if (!item.entity->attrs.contains(c.attr))
            changes.push_back({c.attr, c.dataset_id, std::nullopt});
        for (auto& c : all_instances(*item.entity))
          changes.push_back(std::move(c));
        item.entity->created_at = existing->created_at;
        work.stage(item.id, std::make_shared<Entity>(std::move(*item.entity)), std::move(changes));
      } else {
        MergeResult m = context::append(*existing, *item.entity, false, *core_ctx, stamp);
        work.stage(item.id, std::move(existing), std::move(m.changes));
      }
      r.success.push_back(item.id);
    }
  });
  return r;
}

BatchResult Broker::batch_update(const std::string& tenant, std::vector<BatchItem> items,
                                 bool no_overwrite, const jsonld::Context& ctx) {
  BatchResult r;
  Tenant* t = find_tenant(tenant);
  if (!t) {
    for (auto& item : items)
      r.errors.emplace_back(
          item.id, item.problem ? *item.problem
                                : Problem{ProblemType::resource_not_found, "no entity " + item.id});
    return r;
  }
  apply(tenant, *t, [&](Work& work) {
    const std::string stamp = now();
    for (auto& item : items) {
      if (item.problem) {
        r.errors.emplace_back(item.id, *item.problem);
        continue;
      }
      auto existing = work.copy(item.id);
      if (!existing) {
        r.errors.emplace_back(item.id,
                              Problem{ProblemType::resource_not_found, "no entity " + item.id});
        continue;
      }
      MergeResult m = context::append(*existing, *item.entity, no_overwrite, ctx, stamp);
      work.stage(item.id, std::move(existing), std::move(m.changes));
      r.success.push_back(item.id);
    }
  });
  return r;
}

BatchResult Broker::batch_delete(const std::string& tenant, const std::vector<std::string>& ids) {
  BatchResult r;
  Tenant* t = find_tenant(tenant);
  if (!t) {
    for (const auto& id : ids)
      r.errors.emplace_back(id, Problem{ProblemType::resource_not_found, "no entity " + id});
    return r;
  }
  apply(tenant, *t, [&](Work& work) {
    for (const auto& id : ids) {
      auto e = work.find(id);
      if (!e) {
        r.errors.emplace_back(id, Problem{ProblemType::resource_not_found, "no entity " + id});
        continue;
      }
      std::vector<Change> changes;
      for (const auto& c : all_instances(*e))
        changes.push_back({c.attr, c.dataset_id, std::nullopt});
      work.stage(id, nullptr, std::move(changes));
      r.success.push_back(id);
    }
  });
  return r;
}

void Broker::append_observations(const std::string& tenant, const std::vector<Observation>& rows) {
  const Tenant* t = find_tenant(tenant);
  {
    // Every row is checked (entity exists, time well-formed) before
    // anything is written.
    std::string last;
    for (const auto& o : rows) {
      if (!is_date_time(o.observed_at) || o.observed_at.find('"') != std::string::npos ||
          o.observed_at.find('\\') != std::string::npos)
        fail(ProblemType::bad_request_data, "observedAt must be an ISO 8601 date-time");
      if (o.entity_id == last) continue;
      bool found = false;
      if (t) {
        std::shared_lock lock(t->index_mutex);
        found = t->entities.count(o.entity_id) > 0;
      }
      if (!found) fail(ProblemType::resource_not_found, "Entity not found: " + o.entity_id);
      last = o.entity_id;
    }
  }
  // Large transactions: one write job per chunk of rows.
  constexpr std::size_t kChunk = 50000;
  std::vector<history_store::BulkRow> chunk;
  chunk.reserve(std::min(kChunk, rows.size()));
  for (std::size_t i = 0; i < rows.size(); i += kChunk) {
    chunk.clear();
    const std::size_t end = std::min(rows.size(), i + kChunk);
    for (std::size_t k = i; k < end; ++k) {
      const auto& o = rows[k];
      // The stored instance, written directly (no JSON object per row).
      std::string inst = R"({"type":"Property","value":)";
      inst += json::serialize(o.value);
      inst += R"(,"observedAt":")";
      inst += o.observed_at;
      inst += '"';
      if (!o.unit_code.empty()) {
        inst += R"(,"unitCode":)";
        inst += json::serialize(json::string_view(o.unit_code));
      }
      inst += '}';
      chunk.push_back({o.entity_id, o.attribute, o.observed_at, std::move(inst),
                       history_store::numeric_value(o.value), "", ""});
    }
    const auto n = static_cast<std::int64_t>(chunk.size());
    db_.write([&](store::Connection& c) {
      std::int64_t seq = next_seq_.fetch_add(n);
      history_store::append_bulk(c, tenant, chunk, seq);
    });
  }
}

void Broker::append_history(const std::string& tenant, const std::string& id,
                            const std::vector<std::pair<std::string, json::object>>& instances) {
  const std::string recorded = now();
  std::vector<history_store::BulkRow> rows;
  rows.reserve(instances.size());
  for (const auto& [attr, inst] : instances) {
    history_store::BulkRow r;
    r.entity_id = id;
    r.attribute = attr;
    r.recorded_at = recorded;
    if (const auto* at = inst.if_contains("observedAt"); at && at->is_string())
      r.observed_at = std::string(at->as_string());
    if (const auto* ds = inst.if_contains("datasetId"); ds && ds->is_string())
      r.dataset_id = std::string(ds->as_string());
    if (const auto* v = inst.if_contains("value")) r.number = history_store::numeric_value(*v);
    r.instance = history_store::stored_instance(inst);
    rows.push_back(std::move(r));
  }
  const auto n = static_cast<std::int64_t>(rows.size());
  db_.write([&](store::Connection& c) {
    std::int64_t seq = next_seq_.fetch_add(n);
    history_store::append_bulk(c, tenant, rows, seq);
  });
}

std::vector<history_store::HistoryRow> Broker::history(const std::string& tenant,
                                                       const std::string& id,
                                                       const std::vector<std::string>& attrs,
                                                       const history_store::TimeFilter& f,
                                                       std::int64_t max_rows) const {
  settle_history(tenant);
  return db_.read([&](store::Connection& c) {
    return history_store::series(c, tenant, id, attrs, f, max_rows);
  });
}

std::vector<history_store::RollupRow>
Broker::rollups(const std::string& tenant, const std::string& id, const std::string& attr,
                const std::string& from_hour, const std::string& to_hour) const {
  settle_history(tenant);
  return db_.read([&](store::Connection& c) {
    return history_store::rollups(c, tenant, id, attr, from_hour, to_hour);
  });
}

void Broker::each_rollup(const std::string& tenant, const std::string& id, const std::string& attr,
                         const std::string& from_hour, const std::string& to_hour,
                         const std::function<void(const history_store::RollupView&)>& each) const {
  settle_history(tenant);
  db_.read([&](store::Connection& c) {
    history_store::each_rollup(c, tenant, id, attr, from_hour, to_hour, each);
  });
}

std::vector<std::string> Broker::history_attributes(const std::string& tenant,
                                                    const std::string& id) const {
  settle_history(tenant);
  return db_.read([&](store::Connection& c) { return history_store::attributes(c, tenant, id); });
}

bool Broker::delete_instance(const std::string& tenant, const std::string& id,
                             const std::string& attr, std::int64_t seq) {
  settle_history(tenant);
  return db_.write([&](store::Connection& c) {
    return history_store::delete_instance(c, tenant, id, attr, seq);
  });
}

bool Broker::patch_instance(const std::string& tenant, const std::string& id,
                            const std::string& attr, std::int64_t seq, const json::object& patch) {
  settle_history(tenant);
  return db_.write([&](store::Connection& c) {
    return history_store::patch_instance(c, tenant, id, attr, seq, patch);
  });
}

bool Broker::delete_history(const std::string& tenant, const std::string& id,
                            const std::string& attr) {
  settle_history(tenant);
  const bool any = db_.write([&](store::Connection& c) {
    const bool any =
        c.query_one("SELECT 1 FROM ngsild_attribute_history WHERE tenant = ? AND entity_id = ? "
                    "AND (? = '' OR attribute = ?) LIMIT 1",
                    {tenant, id, attr, attr})
            .has_value();
    if (any) history_store::remove_history(c, tenant, id, attr);
    return any;
  });
  next_seq_.fetch_add(1); // history_serial() changes with every change of the history
  return any;
}

std::int64_t Broker::history_count(const std::string& tenant, const std::string& id) const {
  settle_history(tenant);
  return db_.read([&](store::Connection& c) { return entity_store::history_count(c, tenant, id); });
}

} // namespace context
