// `stadtkern serve` and `stadtkern migrate`: wire the modules together.
#pragma once

#include "core/config.hpp"

namespace app {

// Opens the database, applies migrations, registers every route and serves
// until SIGTERM/SIGINT. Returns the process exit code.
int serve(const core::Config& config);

// Applies the missing migrations and prints what was done. Returns the exit code.
int migrate(const core::Config& config);

} // namespace app
