// The SQLite implementation of store::Database. Private to src/store: only
// database.cpp includes this header (through Database::open); modules see
// store/database.hpp and nothing else.
//
// Layout: one writer connection owned by a writer thread that gathers queued
// write jobs into group commits, plus a pool of read-only connections. With
// zero readers (always for ":memory:", whose data lives in one connection)
// reads run on the writer connection, serialised with the writer by a mutex.
#pragma once

#include <sqlite3.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <vector>

#include "store/database.hpp"

namespace store::sqlite {

// Closes a connection handle (sqlite3_close_v2).
struct DbCloser {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
// Finalizes a prepared statement.
struct StmtFinalizer {
  void operator()(sqlite3_stmt* stmt) const { sqlite3_finalize(stmt); }
};
using DbHandle = std::unique_ptr<sqlite3, DbCloser>;
using StmtHandle = std::unique_ptr<sqlite3_stmt, StmtFinalizer>;

// Transparent hash so the statement cache is searched by string_view
// without building a std::string for every lookup.
struct SqlHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view sql) const { return std::hash<std::string_view>{}(sql); }
};

// One SQLite connection with its prepared statement cache. Used by one
// thread at a time (the pool or the writer mutex guarantees it).
class SqliteConnection final : public Connection {
public:
  // Opens path with flags (SQLITE_OPEN_*) and applies the connection PRAGMAs.
  // Throws core::Error{unavailable} when the file cannot be opened.
  SqliteConnection(const std::string& path, int flags, const Options& options,
                   std::atomic<std::uint64_t>& prepared_counter);

  Rows query(std::string_view sql, const Params& params = {}) override;
  std::int64_t execute(std::string_view sql, const Params& params = {}) override;
  void execute_script(std::string_view sql) override;
  std::int64_t last_insert_id() override;

  // True while a transaction is open (false after an automatic rollback).
  bool in_transaction() const { return sqlite3_get_autocommit(db_.get()) == 0; }
  // Runs sql; false instead of an exception, for rollback paths.
  bool execute_quietly(std::string_view sql) noexcept;

private:
  // The cached statement for sql, prepared on first use. REQUIRES: no other
  // statement of this connection is mid-step (query/execute run to the end).
  sqlite3_stmt* statement(std::string_view sql);

  DbHandle db_;
  std::unordered_map<std::string, StmtHandle, SqlHash, std::equal_to<>> cache_;
  std::atomic<std::uint64_t>& prepared_;
};

// The Database behind "sqlite:" URLs. See store/database.hpp for the contract.
class SqliteDatabase final : public Database {
public:
  // path is a file name or ":memory:". Throws core::Error{unavailable} when
  // the database cannot be opened or WAL mode cannot be enabled.
  SqliteDatabase(const std::string& path, Options options);
  ~SqliteDatabase() override;

  int migrate(const std::vector<Migration>& migrations) override;
  std::vector<std::string> applied_migrations() override;
  bool ping() override;
  PoolStats stats() const override;
  std::string engine() const override { return "sqlite"; }
  void close() override;

protected:
  void run_read(const std::function<void(Connection&)>& job) override;
  void run_write(const std::function<void(Connection&)>& job) override;

private:
  // A queued write. Lives on the stack of the caller, who waits for `done`.
  struct WriteJob {
    const std::function<void(Connection&)>* fn;
    bool solo;                // runs in a transaction of its own (migrations)
    std::exception_ptr error; // set when the job did not commit
    bool done = false;        // guarded by queue_mutex_
  };

  void submit(const std::function<void(Connection&)>& fn, bool solo);
  void writer_loop();
  // Runs a batch in as few transactions as possible; sets each job's error.
  void run_group(const std::vector<WriteJob*>& batch);
  // Runs job inside BEGIN ... COMMIT on conn (one snapshot); rolls back on throw.
  void run_in_read_transaction(SqliteConnection& conn, const std::function<void(Connection&)>& job);
  // Takes a free reader, waiting at most `timeout` (forever without one);
  // nullptr on timeout. Throws core::Error{unavailable} once closed.
  SqliteConnection* acquire_reader(std::optional<std::chrono::milliseconds> timeout);
  void release_reader(SqliteConnection* conn);

  const Options options_;
  const bool memory_; // ":memory:": no readers, no WAL

  // The writer connection; the writer thread holds the mutex for a group.
  // Reads take it too when there are no readers. Null once closed.
  std::mutex writer_mutex_;
  std::unique_ptr<SqliteConnection> writer_;

  // Queue of write jobs (guarded by queue_mutex_).
  std::mutex queue_mutex_;
  std::condition_variable queue_cv_; // writer thread: jobs arrived / stopping
  std::condition_variable done_cv_;  // callers: their job completed
  std::deque<WriteJob*> queue_;
  bool stopping_ = false;
  std::thread writer_thread_;

  // Reader pool (guarded by pool_mutex_).
  std::mutex pool_mutex_;
  std::condition_variable pool_cv_;
  std::vector<std::unique_ptr<SqliteConnection>> readers_;
  std::vector<SqliteConnection*> free_readers_;
  bool pool_closed_ = false;

  std::mutex close_mutex_; // one close() at a time
  std::atomic<bool> closed_{false};

  std::atomic<std::uint64_t> reads_{0}, writes_{0}, write_failures_{0}, commits_{0};
  std::atomic<std::uint64_t> prepared_total_{0};
  std::atomic<int> readers_busy_{0};
  std::atomic<std::size_t> queue_size_{0};
};

} // namespace store::sqlite
