// Small helpers around Boost.JSON, the one JSON library of Stadtkern: parsing
// untrusted text into a clear core::Error, and typed access to object members
// that reports which member was wrong.
#pragma once

#include <boost/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace core::json {

// Parses untrusted JSON text. Throws core::Error{invalid_argument} with the
// parser's message and the byte offset on malformed input; rejects nesting
// deeper than max_depth and duplicate-free is not enforced (last one wins).
boost::json::value parse(std::string_view text, std::size_t max_depth = 64);

// Parses text that must be a JSON object ("the request body must be a JSON object").
boost::json::object parse_object(std::string_view text, std::size_t max_depth = 64);

// s with every byte sequence that is not valid UTF-8 replaced by U+FFFD, so
// that text taken from a request (a path, a header) can go into JSON safely.
std::string to_valid_utf8(std::string_view s);

// Serialises compactly; numbers in plain notation ("37.5", not "3.75E1").
std::string dump(const boost::json::value& v);

// Typed member access. `required_*` throw core::Error{invalid_argument} naming
// the member when it is missing or has the wrong type; `optional_*` return
// std::nullopt when it is missing or null and throw for a wrong type.
std::string required_string(const boost::json::object& o, std::string_view name);
std::optional<std::string> optional_string(const boost::json::object& o, std::string_view name);
std::int64_t required_int(const boost::json::object& o, std::string_view name);
std::optional<std::int64_t> optional_int(const boost::json::object& o, std::string_view name);
std::optional<bool> optional_bool(const boost::json::object& o, std::string_view name);

} // namespace core::json
