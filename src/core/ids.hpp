// Identifiers that must not be guessable (sessions, tokens, public ids) and
// cheap ones that only need to be unique in this process (request ids).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace core {

// A random identifier of `bytes` random bytes from the OS CSPRNG (libsodium),
// base32-encoded in lower case without padding (URL- and filename-safe).
// 16 bytes (128 bits) give 26 characters.
std::string random_id(std::size_t bytes = 16);

// A short id that is unique within this process run, for log correlation:
// a random per-process prefix and a counter ("k3f9a2-000001c8").
std::string next_request_id();

// True when s is acceptable as a client-supplied request id (1-64 chars of
// letters, digits, '-', '_' and '.'), so it can be echoed into logs safely.
bool is_safe_request_id(std::string_view s);

} // namespace core
