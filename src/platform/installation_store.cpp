#include "platform/installation_store.hpp"

#include "core/ids.hpp"

namespace platform {

std::vector<store::Migration> platform_migrations() {
  return {{"0001_platform_settings", R"(
    CREATE TABLE platform_settings (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL,
      updated_at TEXT NOT NULL
    );
  )"}};
}

Installation load_or_create_installation(store::Database& db, const core::Clock& clock) {
  return db.write([&](store::Connection& c) {
    const std::string now = core::format_utc(clock.now());
    // INSERT OR IGNORE is not portable; check first inside the write transaction.
    auto read = [&](const char* key) {
      return c.query_one("SELECT value FROM platform_settings WHERE key = ?", {key});
    };
    if (!read("installation_id")) {
      c.execute("INSERT INTO platform_settings (key, value, updated_at) VALUES (?, ?, ?)",
                {std::string("installation_id"), core::random_id(10), now});
      c.execute("INSERT INTO platform_settings (key, value, updated_at) VALUES (?, ?, ?)",
                {std::string("installed_at"), now, now});
    }
    return Installation{read("installation_id")->text(0), read("installed_at")->text(0)};
  });
}

} // namespace platform
