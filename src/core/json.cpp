#include "core/json.hpp"

#include "core/error.hpp"

namespace core::json {
namespace {

[[noreturn]] void invalid(std::string detail) {
  throw Error(ErrorKind::invalid_argument, std::move(detail));
}

const boost::json::value* member(const boost::json::object& o, std::string_view name) {
  auto it = o.find(name);
  if (it == o.end() || it->value().is_null()) return nullptr;
  return &it->value();
}

std::string quoted(std::string_view name) { return "'" + std::string(name) + "'"; }

} // namespace

boost::json::value parse(std::string_view text, std::size_t max_depth) {
  boost::json::parse_options options;
  options.max_depth = max_depth;
  boost::json::stream_parser parser({}, options);
  boost::system::error_code ec;
  const std::size_t used = parser.write_some(text.data(), text.size(), ec);
  if (!ec) parser.finish(ec);
  if (ec) {
    if (text.empty()) invalid("the body is empty; expected JSON");
    invalid("malformed JSON near byte " + std::to_string(used) + ": " + ec.message());
  }
  if (used != text.size())
    invalid("unexpected text after the JSON value at byte " + std::to_string(used));
  return parser.release();
}

boost::json::object parse_object(std::string_view text, std::size_t max_depth) {
  boost::json::value v = parse(text, max_depth);
  if (!v.is_object()) invalid("the body must be a JSON object");
  return std::move(v.as_object());
}

std::string dump(const boost::json::value& v) { return boost::json::serialize(v); }

std::string required_string(const boost::json::object& o, std::string_view name) {
  auto v = optional_string(o, name);
  if (!v) invalid(quoted(name) + " is required");
  return *v;
}

std::optional<std::string> optional_string(const boost::json::object& o, std::string_view name) {
  const auto* v = member(o, name);
  if (!v) return std::nullopt;
  if (!v->is_string()) invalid(quoted(name) + " must be a string");
  return std::string(v->as_string());
}

std::int64_t required_int(const boost::json::object& o, std::string_view name) {
  auto v = optional_int(o, name);
  if (!v) invalid(quoted(name) + " is required");
  return *v;
}

std::optional<std::int64_t> optional_int(const boost::json::object& o, std::string_view name) {
  const auto* v = member(o, name);
  if (!v) return std::nullopt;
  if (v->is_int64()) return v->as_int64();
  if (v->is_uint64() && v->as_uint64() <= std::uint64_t(INT64_MAX))
    return std::int64_t(v->as_uint64());
  invalid(quoted(name) + " must be a whole number");
}

std::optional<bool> optional_bool(const boost::json::object& o, std::string_view name) {
  const auto* v = member(o, name);
  if (!v) return std::nullopt;
  if (!v->is_bool()) invalid(quoted(name) + " must be true or false");
  return v->as_bool();
}

} // namespace core::json
