// Unit tests of the storage layer (store/database.hpp) against SQLite.
#include "store/database.hpp"

#include <gtest/gtest.h>

#include "temp_dir.hpp"

#include <atomic>
#include <cctype>
#include <filesystem>
#include <latch>
#include <random>
#include <stdexcept>
#include <thread>

#include "core/error.hpp"

namespace {

using testing_support::TempDir;

using core::ErrorKind;
using store::Connection;
using store::Database;

// Runs f and returns the kind of the core::Error it throws.
template <class F> std::optional<ErrorKind> error_kind(F&& f) {
  try {
    f();
  } catch (const core::Error& e) {
    return e.kind();
  }
  return std::nullopt;
}

// "2024-05-01T08:30:00Z"
bool is_utc_timestamp(const std::string& text) {
  const std::string shape = "dddd-dd-ddTdd:dd:ddZ";
  if (text.size() != shape.size()) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (shape[i] == 'd' ? !std::isdigit(static_cast<unsigned char>(text[i])) : text[i] != shape[i])
      return false;
  }
  return true;
}

void create_items(Database& database) {
  database.write([](Connection& c) {
    c.execute_script("CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, "
                     "amount REAL, data BLOB)");
  });
}

std::int64_t count_items(Database& database) {
  return database.read(
      [](Connection& c) { return c.query("SELECT count(*) FROM items")[0].integer(0); });
}

TEST(StoreTest, TypedRowsAndNulls) {
  auto db = Database::open("sqlite::memory:", "");
  create_items(*db);
  const auto id = db->write([](Connection& c) {
    EXPECT_EQ(c.execute("INSERT INTO items (name, amount) VALUES (?, ?)", {"Rathaus", 2.5}), 1);
    c.execute("INSERT INTO items (name, amount) VALUES (?, ?)", {"Bad", std::int64_t{3}});
    return c.last_insert_id();
  });
  EXPECT_EQ(id, 2);
  db->read([](Connection& c) {
    const auto row = c.query_one("SELECT id, name, amount, data FROM items WHERE name = ?",
                                 {std::string("Rathaus")});
    ASSERT_TRUE(row.has_value());
    EXPECT_EQ(row->size(), 4u);
    EXPECT_EQ(row->integer(0), 1);
    EXPECT_EQ(row->text(1), "Rathaus");
    EXPECT_DOUBLE_EQ(row->real(2), 2.5);
    EXPECT_TRUE(row->is_null(3));
    EXPECT_EQ(row->optional_text(3), std::nullopt);
    EXPECT_EQ(row->optional_integer(0), 1);
    EXPECT_EQ(error_kind([&] { row->integer(1); }), ErrorKind::internal);
    EXPECT_EQ(error_kind([&] { row->text(7); }), ErrorKind::internal);
    // An INTEGER may be read as a double.
    EXPECT_DOUBLE_EQ(c.query_one("SELECT amount FROM items WHERE id = 2")->real(0), 3.0);
    EXPECT_FALSE(c.query_one("SELECT id FROM items WHERE name = 'none'").has_value());
  });
}

TEST(StoreTest, BlobRoundTrip) {
  auto db = Database::open("sqlite::memory:", "");
  create_items(*db);
  store::Blob blob;
  for (int i = 0; i < 1024; ++i)
    blob.bytes.push_back(static_cast<std::uint8_t>(i % 256));
  db->write([&](Connection& c) {
    c.execute("INSERT INTO items (name, data) VALUES ('a', ?), ('empty', ?)",
              {blob, store::Blob{}});
  });
  db->read([&](Connection& c) {
    EXPECT_EQ(c.query_one("SELECT data FROM items WHERE name = 'a'")->blob(0), blob);
    const auto empty = c.query_one("SELECT data FROM items WHERE name = 'empty'");
    EXPECT_FALSE(empty->is_null(0)); // an empty blob is not NULL
    EXPECT_TRUE(empty->blob(0).bytes.empty());
  });
}

TEST(StoreTest, StatementCacheReusesPreparedStatements) {
  auto db = Database::open("sqlite::memory:", "");
  create_items(*db);
  const char* insert = "INSERT INTO items (name) VALUES (?)";
  db->write([&](Connection& c) { c.execute(insert, {"first"}); });
  const auto before = db->stats().prepared;
  db->write([&](Connection& c) {
    for (int i = 0; i < 100; ++i)
      c.execute(insert, {"n" + std::to_string(i)});
    // A failed run leaves the cached statement usable.
    EXPECT_EQ(error_kind([&] { c.execute(insert, {"n1"}); }), ErrorKind::conflict);
    c.execute(insert, {"last"});
  });
  EXPECT_EQ(db->stats().prepared, before);
  EXPECT_EQ(count_items(*db), 102);
}

TEST(StoreTest, ErrorsAreMappedToKinds) {
  auto db = Database::open("sqlite::memory:", "");
  create_items(*db);
  db->write([](Connection& c) { c.execute("INSERT INTO items (name) VALUES ('x')"); });
  try {
    db->write([](Connection& c) { c.execute("INSERT INTO items (name) VALUES ('x')"); });
    FAIL() << "no conflict";
  } catch (const core::Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::conflict);
    EXPECT_NE(e.detail().find("UNIQUE"), std::string::npos) << e.detail();
  }
  EXPECT_EQ(error_kind([&] { db->read([](Connection& c) { c.query("SELEC 1"); }); }),
            ErrorKind::internal);
  EXPECT_EQ(error_kind([&] { db->read([](Connection& c) { c.query("SELECT ?", {}); }); }),
            ErrorKind::internal);
  EXPECT_EQ(error_kind([&] { db->read([](Connection& c) { c.query("SELECT 1; SELECT 2"); }); }),
            ErrorKind::internal);
  // A read job cannot write, even on the in-memory database.
  EXPECT_EQ(error_kind([&] {
              db->read([](Connection& c) { c.execute("INSERT INTO items (name) VALUES ('y')"); });
            }),
            ErrorKind::internal);
  // A job cannot wait on its own database.
  EXPECT_EQ(error_kind([&] { db->write([&](Connection&) { db->write([](Connection&) {}); }); }),
            ErrorKind::internal);
  EXPECT_EQ(count_items(*db), 1);
}

TEST(StoreTest, FailingJobRollsBackAloneInItsGroup) {
  TempDir dir;
  {
    auto setup = Database::open("sqlite:group.db", dir.str());
    create_items(*setup);
    setup->write([](Connection& c) { c.execute("INSERT INTO items (name) VALUES ('taken')"); });
  }
  store::Options options;
  options.max_group = 16; // the writer waits until all 16 jobs are queued
  options.group_commit_window = std::chrono::seconds(10);
  auto db = Database::open("sqlite:group.db", dir.str(), options);

  std::vector<std::optional<std::string>> outcome(16);
  std::vector<std::thread> threads;
  for (int t = 0; t < 16; ++t) {
    threads.emplace_back([&, t] {
      try {
        db->write([t](Connection& c) {
          c.execute("INSERT INTO items (name) VALUES (?)", {"job" + std::to_string(t)});
          if (t == 5) throw std::runtime_error("job 5 gives up");
          if (t == 9) c.execute("INSERT INTO items (name) VALUES ('taken')");
        });
      } catch (const std::exception& e) {
        outcome[static_cast<std::size_t>(t)] = e.what();
      }
    });
  }
  for (auto& thread : threads)
    thread.join();

  EXPECT_EQ(outcome[5], "job 5 gives up");
  ASSERT_TRUE(outcome[9].has_value());
  EXPECT_NE(outcome[9]->find("UNIQUE"), std::string::npos);
  EXPECT_EQ(db->stats().commits, 1u); // one transaction for all 16
  EXPECT_EQ(db->stats().writes, 14u);
  EXPECT_EQ(db->stats().write_failures, 2u);
  EXPECT_EQ(count_items(*db), 15);
  db->read([](Connection& c) {
    EXPECT_FALSE(c.query_one("SELECT 1 FROM items WHERE name IN ('job5', 'job9')"));
  });
}

TEST(StoreTest, ReadsSeeCommittedWritesInOneSnapshot) {
  TempDir dir;
  auto db = Database::open("sqlite:", dir.str());
  EXPECT_TRUE(std::filesystem::exists(dir.path() / "stadtkern.db"));
  create_items(*db);
  db->write([](Connection& c) { c.execute("INSERT INTO items (name) VALUES ('one')"); });
  EXPECT_EQ(count_items(*db), 1);

  db->read([&](Connection& c) {
    const auto before = c.query("SELECT count(*) FROM items")[0].integer(0);
    // A write from another thread commits while this read job runs.
    std::thread([&] {
      db->write([](Connection& w) { w.execute("INSERT INTO items (name) VALUES ('two')"); });
    }).join();
    EXPECT_EQ(c.query("SELECT count(*) FROM items")[0].integer(0), before);
  });
  EXPECT_EQ(count_items(*db), 2);
}

TEST(StoreTest, ReadJobExceptionsPropagateAndFreeTheReader) {
  TempDir dir;
  store::Options options;
  options.readers = 1;
  auto db = Database::open("sqlite:x.db", dir.str(), options);
  create_items(*db);
  EXPECT_THROW(db->read([](Connection&) { throw std::logic_error("boom"); }), std::logic_error);
  EXPECT_EQ(db->stats().readers_busy, 0);
  EXPECT_EQ(count_items(*db), 0);
  EXPECT_TRUE(db->ping());
}

TEST(StoreTest, ManyConcurrentWritersAreAllCommittedInGroups) {
  TempDir dir;
  store::Options options;
  options.group_commit_window = std::chrono::microseconds(200);
  auto db = Database::open("sqlite:many.db", dir.str(), options);
  create_items(*db);
  const auto before = db->stats();

  constexpr int kThreads = 8;
  constexpr int kWrites = 500;
  std::atomic<int> acknowledged{0};
  std::latch start(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      start.arrive_and_wait();
      for (int i = 0; i < kWrites; ++i) {
        db->write([&](Connection& c) {
          c.execute("INSERT INTO items (name) VALUES (?)",
                    {std::to_string(t) + "-" + std::to_string(i)});
        });
        acknowledged.fetch_add(1);
      }
    });
  }
  for (auto& thread : threads)
    thread.join();

  const auto after = db->stats();
  EXPECT_EQ(acknowledged.load(), kThreads * kWrites);
  EXPECT_EQ(after.writes - before.writes, std::uint64_t{kThreads * kWrites});
  EXPECT_LT(after.commits - before.commits, std::uint64_t{kThreads * kWrites});
  EXPECT_EQ(after.write_queue, 0u);
  EXPECT_EQ(count_items(*db), kThreads * kWrites);
}

TEST(StoreTest, MigrationsApplyOnceAndInOrder) {
  TempDir dir;
  auto db = Database::open("sqlite:m.db", dir.str());
  std::vector<store::Migration> list = {
      {"0001_items", "CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT);"},
      {"0002_tags",
       "CREATE TABLE tags (id INTEGER PRIMARY KEY); CREATE INDEX tags_id ON tags(id);"},
  };
  EXPECT_TRUE(db->applied_migrations().empty());
  EXPECT_EQ(db->migrate(list), 2);
  EXPECT_EQ(db->migrate(list), 0);
  list.push_back({"0003_more", "ALTER TABLE items ADD COLUMN more TEXT"});
  EXPECT_EQ(db->migrate(list), 1);
  EXPECT_EQ(db->applied_migrations(),
            (std::vector<std::string>{"0001_items", "0002_tags", "0003_more"}));
  db->read([](Connection& c) {
    const auto at = c.query_one("SELECT applied_at FROM schema_migrations WHERE id = '0001_items'");
    EXPECT_TRUE(is_utc_timestamp(at->text(0))) << at->text(0);
    c.query("SELECT more FROM items");
  });

  // A failing migration leaves nothing behind and is not recorded.
  list.push_back({"0004_bad", "CREATE TABLE half (x); CREATE TABLE oops ("});
  EXPECT_EQ(error_kind([&] { db->migrate(list); }), ErrorKind::internal);
  EXPECT_EQ(db->applied_migrations().size(), 3u);
  db->read([](Connection& c) {
    EXPECT_FALSE(c.query_one("SELECT 1 FROM sqlite_master WHERE name = 'half'"));
  });

  // The database knows a migration this list does not: an older binary.
  const std::vector<store::Migration> older(list.begin(), list.begin() + 2);
  EXPECT_EQ(error_kind([&] { db->migrate(older); }), ErrorKind::conflict);
}

TEST(StoreTest, DataSurvivesCloseAndReopen) {
  TempDir dir;
  {
    auto db = Database::open("sqlite:keep.db", dir.str());
    create_items(*db);
    db->write([](Connection& c) { c.execute("INSERT INTO items (name) VALUES ('kept')"); });
    db->close();
    EXPECT_FALSE(std::filesystem::exists(dir.path() / "keep.db-wal") &&
                 std::filesystem::file_size(dir.path() / "keep.db-wal") > 0);
  }
  auto db = Database::open("sqlite:" + (dir.path() / "keep.db").string(), "/nonexistent");
  db->read(
      [](Connection& c) { EXPECT_EQ(c.query_one("SELECT name FROM items")->text(0), "kept"); });
}

TEST(StoreTest, UrlsAreParsed) {
  TempDir dir;
  EXPECT_EQ(error_kind([&] { Database::open("postgresql://u:p@host/db", dir.str()); }),
            ErrorKind::unsupported);
  EXPECT_EQ(error_kind([&] { Database::open("postgres://host/db", dir.str()); }),
            ErrorKind::unsupported);
  for (const char* bad : {"", "mysql://host/db", "sqlite", "sqlite://host/x.db", "stadtkern.db"}) {
    EXPECT_EQ(error_kind([&] { Database::open(bad, dir.str()); }), ErrorKind::invalid_argument)
        << bad;
  }
  const auto nested = dir.path() / "var" / "data";
  auto db = Database::open("sqlite:sub.db", nested.string());
  EXPECT_TRUE(std::filesystem::exists(nested / "sub.db"));
  EXPECT_EQ(db->engine(), "sqlite");
  EXPECT_EQ(db->stats().readers_total, 4);
  EXPECT_EQ(Database::open("sqlite::memory:", "")->stats().readers_total, 0);
}

TEST(StoreTest, CallsAfterCloseThrowUnavailable) {
  TempDir dir;
  for (const std::string url : {"sqlite:c.db", "sqlite::memory:"}) {
    auto db = Database::open(url, dir.str());
    create_items(*db);
    EXPECT_TRUE(db->ping());
    db->close();
    db->close(); // idempotent
    EXPECT_FALSE(db->ping());
    EXPECT_EQ(error_kind([&] { count_items(*db); }), ErrorKind::unavailable) << url;
    EXPECT_EQ(error_kind([&] { create_items(*db); }), ErrorKind::unavailable) << url;
    EXPECT_EQ(error_kind([&] { db->migrate({}); }), ErrorKind::unavailable) << url;
  }
}

} // namespace
