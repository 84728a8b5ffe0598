// One SQLite connection: opening with the connection PRAGMAs, the prepared
// statement cache, binding parameters and reading columns.
#include "store/sqlite_connection.hpp"

#include "core/error.hpp"

namespace store::sqlite {

using core::ErrorKind;

namespace {

// Dynamic SQL must not grow the cache without bound; past this it restarts.
constexpr std::size_t kMaxCachedStatements = 512;

} // namespace

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

namespace {

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
  // Temporary tables and sorts stay in memory, except on the writer: there
  // temp_store=MEMORY would also keep each transaction's statement journal
  // (the old content of every page a savepoint changes, and every write job
  // runs in one) wholly in memory: 270 MB for a checkpoint of 10,000 rows of
  // the context journal. With FILE it stays in memory up to 64 KiB (small
  // writes) and beyond goes to a deleted temporary file, which lives in the
  // OS page cache. (A larger SQLITE_CONFIG_STMTJRNL_SPILL is no option:
  // SQLite 3.40 fails such spills with SQLITE_FULL above 128 KiB.)
  const bool writer = (flags & SQLITE_OPEN_READWRITE) != 0;
  execute_script(std::string("PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; ") +
                 (writer ? "PRAGMA temp_store=FILE; " : "PRAGMA temp_store=MEMORY; ") +
                 "PRAGMA cache_size=" + std::to_string(-options.cache_size_kib));
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

} // namespace store::sqlite
