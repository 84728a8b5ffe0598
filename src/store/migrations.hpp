// Versioned schema changes. Each module owns its migrations; the program
// lists them all in order (src/app/schema.cpp) and applies the missing ones at
// start and in `stadtkern migrate`.
#pragma once

#include <string>

namespace store {

// One schema change. `id` is unique and never reused ("0001_core_settings");
// `sql` is a portable DDL script (several statements separated by ';').
struct Migration {
  std::string id;
  std::string sql;
};

} // namespace store
