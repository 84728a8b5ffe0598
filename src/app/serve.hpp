// `stadtkern serve` and `stadtkern migrate`: wire the modules together.
#pragma once

#include <string>

#include "core/config.hpp"

namespace app {

// Opens the database, applies migrations, registers every route and serves
// until SIGTERM/SIGINT. Returns the process exit code.
int serve(const core::Config& config);

// Validates a catalogue (a .json export, a services .csv or a data directory
// like data/musterstadt) and, when every record is valid, makes the stored
// catalogue equal to it. Prints every problem. Returns the exit code.
int import_catalog(const core::Config& config, const std::string& path, bool dry_run);
// `stadtkern opendata import PATH`: validates and imports open-data
// organizations and datasets (a JSON file); nothing is written when any
// record is invalid.
int import_open_data(const core::Config& config, const std::string& path, bool dry_run);

// Applies the missing migrations and prints what was done. Returns the exit code.
int migrate(const core::Config& config);

} // namespace app
