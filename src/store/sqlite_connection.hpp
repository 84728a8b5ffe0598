// One SQLite connection with its prepared statement cache: the Connection
// handed to jobs by SqliteDatabase. Private to src/store.
#pragma once

#include <sqlite3.h>

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

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
  // Frees the page cache's unused pages (sqlite3_db_release_memory).
  void release_memory() noexcept { sqlite3_db_release_memory(db_.get()); }

private:
  // The cached statement for sql, prepared on first use. REQUIRES: no other
  // statement of this connection is mid-step (query/execute run to the end).
  sqlite3_stmt* statement(std::string_view sql);

  DbHandle db_;
  std::unordered_map<std::string, StmtHandle, SqlHash, std::equal_to<>> cache_;
  std::atomic<std::uint64_t>& prepared_;
};

// Throws the core::Error matching an SQLite result code, with its message
// (constraint -> conflict, busy/IO/full -> unavailable, otherwise internal).
[[noreturn]] void throw_sqlite(sqlite3* db, int rc, std::string_view sql);

} // namespace store::sqlite
