// The identity of this installation: a random id and the time of the first
// start, created once in the database and the same after every restart.
#pragma once

#include <string>
#include <vector>

#include "core/clock.hpp"
#include "store/database.hpp"

namespace platform {

struct Installation {
  std::string id;
  std::string created_at;
};

// Reads the installation record, creating it on the first start.
Installation load_or_create_installation(store::Database& db, const core::Clock& clock);

// The platform's schema changes.
std::vector<store::Migration> platform_migrations();

} // namespace platform
