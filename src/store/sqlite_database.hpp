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
#include "store/sqlite_connection.hpp"

namespace store::sqlite {

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
  void release_memory() override;
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
