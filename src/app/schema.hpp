// The whole schema of Stadtkern: every module's migrations in the order they
// must run. A new module appends its list here; ids are never reordered.
#pragma once

#include <vector>

#include "store/migrations.hpp"

namespace app {

std::vector<store::Migration> all_migrations();

} // namespace app
