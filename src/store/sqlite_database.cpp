// SQLite behind store::Database: the reader pool, the group-committing
// writer thread and migrations (connections: sqlite_connection.cpp).
#include "store/sqlite_database.hpp"

#include <algorithm>
#include <climits>
#include <ctime>

#include "core/allocator.hpp"
#include "core/error.hpp"

namespace store::sqlite {

namespace {

using core::ErrorKind;

// The database whose job runs on this thread, to reject calls that would
// wait on themselves (a write inside a write job, a read inside a read job).
thread_local const SqliteDatabase* tl_job_owner = nullptr;

// Marks the current thread as running a job of db for its lifetime.
class JobScope {
public:
  explicit JobScope(const SqliteDatabase* db) : previous_(tl_job_owner) { tl_job_owner = db; }
  ~JobScope() { tl_job_owner = previous_; }
  JobScope(const JobScope&) = delete;
  JobScope& operator=(const JobScope&) = delete;

private:
  const SqliteDatabase* previous_;
};

void reject_nested(const SqliteDatabase* db, std::string_view what) {
  if (tl_job_owner == db) {
    throw core::Error{ErrorKind::internal, std::string(what) +
                                               " called inside a job of the same database; use "
                                               "the job's connection"};
  }
}

core::Error closed_error() { return core::Error{ErrorKind::unavailable, "database is closed"}; }

} // namespace

// ---------------------------------------------------------------------------
// SqliteDatabase

namespace {

Options normalised(Options options, bool memory) {
  // A private in-memory database exists in one connection only: no readers.
  options.readers = memory ? 0 : std::max(options.readers, 0);
  options.max_group = std::max<std::size_t>(options.max_group, 1);
  return options;
}

std::string utc_now_iso8601() {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buffer;
}

} // namespace

SqliteDatabase::SqliteDatabase(const std::string& path, Options options)
    : options_(normalised(options, path == ":memory:")), memory_(path == ":memory:") {
  writer_ = std::make_unique<SqliteConnection>(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                                               options_, prepared_total_);
  if (!memory_) {
    const auto mode = writer_->query_one("PRAGMA journal_mode=WAL");
    if (!mode || mode->text(0) != "wal") {
      throw core::Error{ErrorKind::unavailable, "cannot enable WAL mode for " + path};
    }
  }
  // Readers open after the writer made the file a WAL database.
  // Readers mostly serve short lookups (the hot pages are shared through the
  // OS page cache), so their own page caches are smaller than the writer's.
  Options reader_options = options_;
  reader_options.cache_size_kib = options_.reader_cache_size_kib;
  for (int i = 0; i < options_.readers; ++i) {
    auto reader = std::make_unique<SqliteConnection>(path, SQLITE_OPEN_READONLY, reader_options,
                                                     prepared_total_);
    reader->execute_script("PRAGMA query_only=1");
    free_readers_.push_back(reader.get());
    readers_.push_back(std::move(reader));
  }
  writer_thread_ = std::thread([this] { writer_loop(); });
}

SqliteDatabase::~SqliteDatabase() {
  try {
    close();
  } catch (...) { // close() only throws when called inside a job
  }
}

void SqliteDatabase::run_read(const std::function<void(Connection&)>& job) {
  reject_nested(this, "read()");
  if (closed_) throw closed_error();
  if (options_.readers == 0) {
    std::unique_lock lock(writer_mutex_);
    if (!writer_) throw closed_error();
    // The writer connection must behave like a reader while it serves a read.
    writer_->execute("PRAGMA query_only=1");
    try {
      run_in_read_transaction(*writer_, job);
    } catch (...) {
      writer_->execute_quietly("PRAGMA query_only=0");
      throw;
    }
    writer_->execute("PRAGMA query_only=0");
    return;
  }
  // Hands the reader back to the pool however the job ends.
  struct Lease {
    SqliteDatabase* db;
    SqliteConnection* conn;
    ~Lease() { db->release_reader(conn); }
  } lease{this, acquire_reader(std::nullopt)};
  run_in_read_transaction(*lease.conn, job);
}

void SqliteDatabase::run_in_read_transaction(SqliteConnection& conn,
                                             const std::function<void(Connection&)>& job) {
  JobScope scope(this);
  conn.execute("BEGIN");
  try {
    job(conn);
    conn.execute("COMMIT");
  } catch (...) {
    if (conn.in_transaction()) conn.execute_quietly("ROLLBACK");
    throw;
  }
  reads_.fetch_add(1, std::memory_order_relaxed);
}

SqliteConnection* SqliteDatabase::acquire_reader(std::optional<std::chrono::milliseconds> timeout) {
  std::unique_lock lock(pool_mutex_);
  const auto ready = [&] { return pool_closed_ || !free_readers_.empty(); };
  if (!timeout) {
    pool_cv_.wait(lock, ready);
  } else if (!pool_cv_.wait_for(lock, *timeout, ready)) {
    return nullptr;
  }
  if (pool_closed_) throw closed_error();
  SqliteConnection* conn = free_readers_.back();
  free_readers_.pop_back();
  readers_busy_.fetch_add(1, std::memory_order_relaxed);
  return conn;
}

void SqliteDatabase::release_reader(SqliteConnection* conn) {
  std::lock_guard lock(pool_mutex_);
  free_readers_.push_back(conn);
  readers_busy_.fetch_sub(1, std::memory_order_relaxed);
  // close() waits on the same condition for all readers to come back.
  if (pool_closed_) {
    pool_cv_.notify_all();
  } else {
    pool_cv_.notify_one();
  }
}

void SqliteDatabase::run_write(const std::function<void(Connection&)>& job) { submit(job, false); }

void SqliteDatabase::submit(const std::function<void(Connection&)>& fn, bool solo) {
  reject_nested(this, "write()");
  WriteJob job{&fn, solo, nullptr, false};
  std::unique_lock lock(queue_mutex_);
  if (stopping_) throw closed_error();
  queue_.push_back(&job);
  queue_size_.store(queue_.size(), std::memory_order_relaxed);
  queue_cv_.notify_one();
  done_cv_.wait(lock, [&] { return job.done; });
  lock.unlock();
  if (job.error) std::rethrow_exception(job.error);
}

void SqliteDatabase::writer_loop() {
  std::vector<WriteJob*> batch;
  std::unique_lock lock(queue_mutex_);
  for (;;) {
    queue_cv_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
    if (queue_.empty()) return; // stopping, and every queued write is done
    if (options_.group_commit_window.count() > 0 && !stopping_ && !queue_.front()->solo) {
      queue_cv_.wait_for(lock, options_.group_commit_window,
                         [&] { return stopping_ || queue_.size() >= options_.max_group; });
    }
    // A solo job (a migration) gets a transaction of its own.
    do {
      batch.push_back(queue_.front());
      queue_.pop_front();
    } while (!batch.front()->solo && !queue_.empty() && !queue_.front()->solo &&
             batch.size() < options_.max_group);
    queue_size_.store(queue_.size(), std::memory_order_relaxed);
    lock.unlock();
    run_group(batch);
    lock.lock();
    for (WriteJob* job : batch)
      job->done = true; // the callers own the jobs again
    batch.clear();
    done_cv_.notify_all();
  }
}

void SqliteDatabase::run_group(const std::vector<WriteJob*>& batch) {
  JobScope scope(this);
  std::lock_guard conn_lock(writer_mutex_);
  SqliteConnection& conn = *writer_;
  std::size_t next = 0;
  // Usually one pass; another only when SQLite rolled back the transaction
  // under a job (I/O error, out of memory), which fails the jobs run so far.
  while (next < batch.size()) {
    const std::size_t first = next;
    std::exception_ptr group_error;
    try {
      conn.execute("BEGIN IMMEDIATE");
    } catch (...) {
      for (std::size_t i = first; i < batch.size(); ++i)
        batch[i]->error = std::current_exception();
      write_failures_.fetch_add(batch.size() - first, std::memory_order_relaxed);
      return;
    }
    bool lost = false;
    for (; next < batch.size() && !lost; ++next) {
      WriteJob& job = *batch[next];
      try {
        conn.execute("SAVEPOINT job");
        (*job.fn)(conn);
        conn.execute("RELEASE job");
      } catch (...) {
        job.error = std::current_exception();
        if (conn.in_transaction() &&
            !(conn.execute_quietly("ROLLBACK TO job") && conn.execute_quietly("RELEASE job"))) {
          conn.execute_quietly("ROLLBACK"); // never commit a half-undone job
        }
      }
      lost = !conn.in_transaction();
    }
    if (lost) {
      group_error = std::make_exception_ptr(core::Error{
          ErrorKind::unavailable, "the database rolled the transaction back; nothing was saved"});
    } else {
      try {
        conn.execute("COMMIT");
        commits_.fetch_add(1, std::memory_order_relaxed);
      } catch (const std::exception& e) {
        conn.execute_quietly("ROLLBACK");
        group_error = std::make_exception_ptr(
            core::Error{ErrorKind::unavailable, std::string("commit failed: ") + e.what()});
      }
    }
    for (std::size_t i = first; i < next; ++i) {
      if (group_error && !batch[i]->error) batch[i]->error = group_error;
      (batch[i]->error ? write_failures_ : writes_).fetch_add(1, std::memory_order_relaxed);
    }
  }
}

int SqliteDatabase::migrate(const std::vector<Migration>& migrations) {
  std::vector<std::string> applied;
  submit(
      [&](Connection& c) {
        c.execute_script("CREATE TABLE IF NOT EXISTS schema_migrations ("
                         "id TEXT PRIMARY KEY, applied_at TEXT NOT NULL)");
        for (const Row& row : c.query("SELECT id FROM schema_migrations ORDER BY rowid")) {
          applied.push_back(row.text(0));
        }
      },
      true);
  const auto known = [&](const std::string& id) {
    return std::any_of(migrations.begin(), migrations.end(),
                       [&](const Migration& m) { return m.id == id; });
  };
  for (const std::string& id : applied) {
    if (!known(id)) {
      throw core::Error{ErrorKind::conflict, "the database has migration " + id +
                                                 ", which this program does not know; is the "
                                                 "program older than the database?"};
    }
  }
  int count = 0;
  for (const Migration& migration : migrations) {
    if (std::find(applied.begin(), applied.end(), migration.id) != applied.end()) continue;
    bool ran = false;
    try {
      submit(
          [&](Connection& c) {
            // Checked again in the transaction: another caller may have won.
            if (c.query_one("SELECT 1 FROM schema_migrations WHERE id = ?", {migration.id})) return;
            c.execute_script(migration.sql);
            c.execute("INSERT INTO schema_migrations (id, applied_at) VALUES (?, ?)",
                      {migration.id, utc_now_iso8601()});
            ran = true;
          },
          true);
    } catch (const core::Error& e) {
      throw core::Error{e.kind(), "migration " + migration.id + ": " + e.detail()};
    }
    count += ran ? 1 : 0;
  }
  return count;
}

std::vector<std::string> SqliteDatabase::applied_migrations() {
  std::vector<std::string> ids;
  run_read([&](Connection& c) {
    if (!c.query_one("SELECT 1 FROM sqlite_master WHERE type = 'table' AND "
                     "name = 'schema_migrations'")) {
      return;
    }
    for (const Row& row : c.query("SELECT id FROM schema_migrations ORDER BY rowid")) {
      ids.push_back(row.text(0));
    }
  });
  return ids;
}

bool SqliteDatabase::ping() {
  try {
    if (closed_) return false;
    if (tl_job_owner == this) return true; // a job of ours is running right now
    if (options_.readers == 0) {
      // Polls: std::timed_mutex is unknown to ThreadSanitizer (clocklock).
      const auto deadline = std::chrono::steady_clock::now() + options_.busy_timeout;
      std::unique_lock lock(writer_mutex_, std::defer_lock);
      while (!lock.try_lock()) {
        if (std::chrono::steady_clock::now() >= deadline) return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
      }
      if (!writer_) return false;
      return writer_->query_one("SELECT 1").has_value();
    }
    SqliteConnection* conn = acquire_reader(options_.busy_timeout);
    if (conn == nullptr) return false;
    bool ok = false;
    try {
      ok = conn->query_one("SELECT 1").has_value();
    } catch (...) {
    }
    release_reader(conn);
    return ok;
  } catch (...) {
    return false;
  }
}

PoolStats SqliteDatabase::stats() const {
  PoolStats s;
  s.readers_total = options_.readers;
  s.readers_busy = readers_busy_.load(std::memory_order_relaxed);
  s.reads = reads_.load(std::memory_order_relaxed);
  s.writes = writes_.load(std::memory_order_relaxed);
  s.write_failures = write_failures_.load(std::memory_order_relaxed);
  s.commits = commits_.load(std::memory_order_relaxed);
  s.write_queue = queue_size_.load(std::memory_order_relaxed);
  s.prepared = prepared_total_.load(std::memory_order_relaxed);
  return s;
}

void SqliteDatabase::release_memory() {
  if (closed_) return;
  {
    // Between groups: the writer's transaction is committed, its pages clean.
    std::lock_guard lock(writer_mutex_);
    if (writer_) writer_->release_memory();
  }
  {
    std::lock_guard lock(pool_mutex_);
    for (SqliteConnection* reader : free_readers_)
      reader->release_memory();
  }
#ifdef __GLIBC__
  core::allocator::release_free_memory(); // the freed pages lie all over the heap
#endif
}

void SqliteDatabase::close() {
  reject_nested(this, "close()");
  std::lock_guard close_lock(close_mutex_);
  if (closed_.exchange(true)) return;
  {
    std::lock_guard lock(queue_mutex_);
    stopping_ = true;
  }
  queue_cv_.notify_all();
  writer_thread_.join(); // returns once the queued writes are committed
  {
    std::unique_lock lock(pool_mutex_);
    pool_closed_ = true;
    pool_cv_.notify_all();
    pool_cv_.wait(lock, [&] { return free_readers_.size() == readers_.size(); });
    free_readers_.clear();
    readers_.clear();
  }
  std::lock_guard lock(writer_mutex_);
  if (!memory_) writer_->execute_quietly("PRAGMA wal_checkpoint(TRUNCATE)");
  writer_.reset();
}

} // namespace store::sqlite
