// Engine-neutral parts of the storage contract: Row accessors, query_one and
// the URL dispatch of Database::open. The engines live in sqlite_*.cpp.
#include "store/database.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <system_error>

#include "core/error.hpp"
#include "store/sqlite_database.hpp"

namespace store {

namespace {

std::string_view type_name(const Value& value) {
  switch (value.index()) {
  case 0: return "NULL";
  case 1: return "INTEGER";
  case 2: return "REAL";
  case 3: return "TEXT";
  default: return "BLOB";
  }
}

[[noreturn]] void throw_type_error(std::size_t column, const Value& value, std::string_view want) {
  throw core::Error{core::ErrorKind::internal, "column " + std::to_string(column) + " is " +
                                                   std::string(type_name(value)) + ", not " +
                                                   std::string(want)};
}

// The column, or core::Error{internal} when the row is shorter.
const Value& column_value(const std::vector<Value>& values, std::size_t column) {
  if (column >= values.size()) {
    throw core::Error{core::ErrorKind::internal, "column " + std::to_string(column) +
                                                     " out of range (row has " +
                                                     std::to_string(values.size()) + ")"};
  }
  return values[column];
}

bool starts_with_nocase(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() &&
         std::equal(prefix.begin(), prefix.end(), text.begin(), [](char a, char b) {
           return std::tolower(static_cast<unsigned char>(a)) == b;
         });
}

// The file named by the part of a sqlite: URL after the scheme.
std::filesystem::path sqlite_file(std::string_view rest, const std::string& data_dir) {
  const std::filesystem::path dir(data_dir);
  if (rest.empty()) return dir / "stadtkern.db";
  if (rest.starts_with("//")) {
    throw core::Error{core::ErrorKind::invalid_argument,
                      "sqlite URLs have no host part: use sqlite:/absolute/path.db or "
                      "sqlite:relative.db"};
  }
  if (rest.find('\0') != std::string_view::npos || rest.ends_with('/')) {
    throw core::Error{core::ErrorKind::invalid_argument, "the sqlite URL does not name a file"};
  }
  const std::filesystem::path file(rest);
  return file.is_absolute() ? file : dir / file;
}

} // namespace

bool Row::is_null(std::size_t column) const {
  return std::holds_alternative<std::monostate>(column_value(values_, column));
}

std::int64_t Row::integer(std::size_t column) const {
  const Value& v = column_value(values_, column);
  if (const auto* i = std::get_if<std::int64_t>(&v)) return *i;
  throw_type_error(column, v, "INTEGER");
}

double Row::real(std::size_t column) const {
  const Value& v = column_value(values_, column);
  if (const auto* d = std::get_if<double>(&v)) return *d;
  if (const auto* i = std::get_if<std::int64_t>(&v)) return static_cast<double>(*i);
  throw_type_error(column, v, "REAL");
}

const std::string& Row::text(std::size_t column) const {
  const Value& v = column_value(values_, column);
  if (const auto* s = std::get_if<std::string>(&v)) return *s;
  throw_type_error(column, v, "TEXT");
}

const Blob& Row::blob(std::size_t column) const {
  const Value& v = column_value(values_, column);
  if (const auto* b = std::get_if<Blob>(&v)) return *b;
  throw_type_error(column, v, "BLOB");
}

std::optional<std::int64_t> Row::optional_integer(std::size_t column) const {
  if (is_null(column)) return std::nullopt;
  return integer(column);
}

std::optional<std::string> Row::optional_text(std::size_t column) const {
  if (is_null(column)) return std::nullopt;
  return text(column);
}

std::optional<Row> Connection::query_one(std::string_view sql, const Params& params) {
  Rows rows = query(sql, params);
  if (rows.empty()) return std::nullopt;
  return std::move(rows.front());
}

std::unique_ptr<Database> Database::open(const std::string& url, const std::string& data_dir,
                                         Options options) {
  if (starts_with_nocase(url, "postgresql://") || starts_with_nocase(url, "postgres://")) {
    throw core::Error{core::ErrorKind::unsupported,
                      "PostgreSQL support is planned; use sqlite: for now"};
  }
  // The URL is not echoed: it may carry a password.
  if (!starts_with_nocase(url, "sqlite:")) {
    throw core::Error{core::ErrorKind::invalid_argument,
                      "unknown database URL: expected sqlite:[path] (e.g. sqlite:stadtkern.db) "
                      "or sqlite::memory:"};
  }
  const std::string_view rest = std::string_view(url).substr(7);
  // One connection holds a private in-memory database; readers=0 makes reads
  // run on it, so they see the writes.
  if (rest == ":memory:") return std::make_unique<sqlite::SqliteDatabase>(":memory:", options);

  const std::filesystem::path file = sqlite_file(rest, data_dir);
  if (file.has_parent_path()) {
    std::error_code ec;
    std::filesystem::create_directories(file.parent_path(), ec);
    if (ec) {
      throw core::Error{core::ErrorKind::unavailable, "cannot create directory " +
                                                          file.parent_path().string() + ": " +
                                                          ec.message()};
    }
  }
  return std::make_unique<sqlite::SqliteDatabase>(file.string(), options);
}

} // namespace store
