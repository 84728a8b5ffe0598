// The values that travel between SQL and C++: parameters and column values.
#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace store {

// Binary data (BLOB / bytea).
struct Blob {
  std::vector<std::uint8_t> bytes;
  bool operator==(const Blob&) const = default;
};

// NULL, INTEGER, REAL, TEXT or BLOB. std::monostate is SQL NULL.
using Value = std::variant<std::monostate, std::int64_t, double, std::string, Blob>;

inline constexpr std::monostate null{};

} // namespace store
