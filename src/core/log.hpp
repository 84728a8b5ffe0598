// Process-wide logging set-up (spdlog). Modules log with spdlog::info(...)
// etc.; this only decides level and format once at start.
#pragma once

#include <string>

namespace core::log {

// Sets the level ("trace".."off") and a format with UTC time and level.
// Logs go to stderr, so stdout stays free for the access log.
void init(const std::string& level);

} // namespace core::log
