// SQLite behind store::Database: connections with statement caches, the
// reader pool, the group-committing writer thread and migrations.
#include "store/sqlite_database.hpp"

#include <algorithm>
#include <climits>
#include <ctime>

#include "core/error.hpp"

namespace store::sqlite {

namespace {

using core::ErrorKind;

// Dynamic SQL must not grow the cache without bound; past this it restarts.
constexpr std::size_t kMaxCachedStatements = 512;

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

// Throws the core::Error matching an SQLite result code, with its message.
[[noreturn]] void throw_sqlite(sqlite3* db, int rc, std::string_view sql) {
  std::string message = "sqlite: ";
  message += db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  ErrorKind kind = ErrorKind::internal; // syntax, misuse, wrong types: a bug
  switch (rc & 0xff) {
  case SQLITE_CONSTRAINT: kind = ErrorKind::conflict; break;
  case SQLITE_TOOBIG: kind = ErrorKind::too_large; break;
  case SQLITE_BUSY:
  case SQLITE_LOCKED:
  case SQLITE_IOERR:
  case SQLITE_FULL:
  case SQLITE_CANTOPEN:
  case SQLITE_CORRUPT:
  case SQLITE_NOTADB:
  case SQLITE_NOMEM:
  case SQLITE_PROTOCOL:
  case SQLITE_INTERRUPT: kind = ErrorKind::unavailable; break;
  default: message += " (in: " + std::string(sql.substr(0, 200)) + ")";
  }
  throw core::Error{kind, std::move(message)};
}

// Resets a statement and clears its bindings when a call is done with it.
class StatementUse {
public:
  explicit StatementUse(sqlite3_stmt* stmt) : stmt_(stmt) {}
  ~StatementUse() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
  StatementUse(const StatementUse&) = delete;
  StatementUse& operator=(const StatementUse&) = delete;

private:
  sqlite3_stmt* stmt_;
};

void bind(sqlite3* db, sqlite3_stmt* stmt, const Params& params, std::string_view sql) {
  const int expected = sqlite3_bind_parameter_count(stmt);
  if (static_cast<std::size_t>(expected) != params.size()) {
    throw core::Error{ErrorKind::internal, "statement expects " + std::to_string(expected) +
                                               " parameters, got " + std::to_string(params.size()) +
                                               " (in: " + std::string(sql) + ")"};
  }
  for (int i = 1; i <= expected; ++i) {
    // The parameters outlive the statement use (reset + clear_bindings), so
    // text and blobs are bound without copying.
    const int rc = std::visit(
        [&](const auto& v) -> int {
          using T = std::decay_t<decltype(v)>;
          if constexpr (std::is_same_v<T, std::monostate>) {
            return sqlite3_bind_null(stmt, i);
          } else if constexpr (std::is_same_v<T, std::int64_t>) {
            return sqlite3_bind_int64(stmt, i, v);
          } else if constexpr (std::is_same_v<T, double>) {
            return sqlite3_bind_double(stmt, i, v);
          } else if constexpr (std::is_same_v<T, std::string>) {
            return sqlite3_bind_text64(stmt, i, v.data(), v.size(), SQLITE_STATIC, SQLITE_UTF8);
          } else if (v.bytes.empty()) { // a null pointer would bind NULL
            return sqlite3_bind_zeroblob(stmt, i, 0);
          } else {
            return sqlite3_bind_blob64(stmt, i, v.bytes.data(), v.bytes.size(), SQLITE_STATIC);
          }
        },
        params[static_cast<std::size_t>(i - 1)]);
    if (rc != SQLITE_OK) throw_sqlite(db, rc, sql);
  }
}

Value column(sqlite3_stmt* stmt, int i) {
  switch (sqlite3_column_type(stmt, i)) {
  case SQLITE_INTEGER: return std::int64_t{sqlite3_column_int64(stmt, i)};
  case SQLITE_FLOAT: return sqlite3_column_double(stmt, i);
  case SQLITE_TEXT: {
    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, i));
    return std::string(text, static_cast<std::size_t>(sqlite3_column_bytes(stmt, i)));
  }
  case SQLITE_BLOB: {
    const auto* data = static_cast<const std::uint8_t*>(sqlite3_column_blob(stmt, i));
    const auto size = static_cast<std::size_t>(sqlite3_column_bytes(stmt, i));
    return Blob{std::vector<std::uint8_t>(data, data + size)};
  }
  default: return std::monostate{};
  }
}

} // namespace

SqliteConnection::SqliteConnection(const std::string& path, int flags, const Options& options,
                                   std::atomic<std::uint64_t>& prepared_counter)
    : prepared_(prepared_counter) {
  sqlite3* raw = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &raw,
                                 flags | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE, nullptr);
  db_.reset(raw); // SQLite may return a handle even when opening failed
  if (rc != SQLITE_OK) {
    throw core::Error{ErrorKind::unavailable,
                      "cannot open database " + path + ": " +
                          (raw != nullptr ? sqlite3_errmsg(raw) : sqlite3_errstr(rc))};
  }
  if ((flags & SQLITE_OPEN_READWRITE) != 0 && sqlite3_db_readonly(raw, "main") == 1) {
    throw core::Error{ErrorKind::unavailable, "database " + path + " is read-only"};
  }
  sqlite3_busy_timeout(raw, static_cast<int>(std::min<std::int64_t>(options.busy_timeout.count(),
                                                                    std::int64_t{INT_MAX})));
  execute_script("PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA temp_store=MEMORY; "
                 "PRAGMA cache_size=" +
                 std::to_string(-options.cache_size_kib));
}

sqlite3_stmt* SqliteConnection::statement(std::string_view sql) {
  if (auto it = cache_.find(sql); it != cache_.end()) return it->second.get();
  if (sql.size() >= INT_MAX) throw core::Error{ErrorKind::too_large, "SQL text too long"};
  if (cache_.size() >= kMaxCachedStatements) cache_.clear();

  sqlite3_stmt* raw = nullptr;
  const char* tail = nullptr;
  const int rc = sqlite3_prepare_v3(db_.get(), sql.data(), static_cast<int>(sql.size()),
                                    SQLITE_PREPARE_PERSISTENT, &raw, &tail);
  StmtHandle stmt(raw);
  if (rc != SQLITE_OK) throw_sqlite(db_.get(), rc, sql);
  if (!stmt) throw core::Error{ErrorKind::internal, "empty SQL statement"};

  // Anything after the first statement but comments would be silently ignored.
  const auto rest = static_cast<int>(sql.data() + sql.size() - tail);
  sqlite3_stmt* extra_raw = nullptr;
  const int extra_rc = sqlite3_prepare_v2(db_.get(), tail, rest, &extra_raw, nullptr);
  StmtHandle extra(extra_raw);
  if (extra_rc != SQLITE_OK || extra) {
    throw core::Error{ErrorKind::internal, "several statements in one call; use execute_script "
                                           "(in: " +
                                               std::string(sql.substr(0, 200)) + ")"};
  }

  prepared_.fetch_add(1, std::memory_order_relaxed);
  sqlite3_stmt* result = stmt.get();
  cache_.emplace(std::string(sql), std::move(stmt));
  return result;
}

Rows SqliteConnection::query(std::string_view sql, const Params& params) {
  sqlite3_stmt* stmt = statement(sql);
  StatementUse use(stmt);
  bind(db_.get(), stmt, params, sql);
  const int columns = sqlite3_column_count(stmt);
  Rows rows;
  for (;;) {
    const int rc = sqlite3_step(stmt);
    if (rc == SQLITE_DONE) return rows;
    if (rc != SQLITE_ROW) throw_sqlite(db_.get(), rc, sql);
    std::vector<Value> values;
    values.reserve(static_cast<std::size_t>(columns));
    for (int i = 0; i < columns; ++i)
      values.push_back(column(stmt, i));
    rows.emplace_back(std::move(values));
  }
}

std::int64_t SqliteConnection::execute(std::string_view sql, const Params& params) {
  sqlite3_stmt* stmt = statement(sql);
  StatementUse use(stmt);
  bind(db_.get(), stmt, params, sql);
  int rc = SQLITE_ROW;
  while (rc == SQLITE_ROW)
    rc = sqlite3_step(stmt);
  if (rc != SQLITE_DONE) throw_sqlite(db_.get(), rc, sql);
  return sqlite3_stmt_readonly(stmt) != 0 ? 0 : sqlite3_changes64(db_.get());
}

void SqliteConnection::execute_script(std::string_view sql) {
  const std::string script(sql); // sqlite3_exec needs a terminating NUL
  const int rc = sqlite3_exec(db_.get(), script.c_str(), nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) throw_sqlite(db_.get(), rc, sql);
}

std::int64_t SqliteConnection::last_insert_id() { return sqlite3_last_insert_rowid(db_.get()); }

bool SqliteConnection::execute_quietly(std::string_view sql) noexcept {
  try {
    execute(sql);
    return true;
  } catch (...) {
    return false;
  }
}

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
  for (int i = 0; i < options_.readers; ++i) {
    auto reader =
        std::make_unique<SqliteConnection>(path, SQLITE_OPEN_READONLY, options_, prepared_total_);
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
