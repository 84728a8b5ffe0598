// The command line: `stadtkern serve|migrate|version` (CLI11), turned into a
// core::Config together with stadtkern.toml and STADTKERN_* variables.
#pragma once

namespace app {

// Parses argv, runs the chosen command and returns the exit code:
// 0 success, 1 runtime failure, 2 usage or configuration error.
int run_cli(int argc, char** argv);

} // namespace app
