#include "core/json.hpp"

#include "core/error.hpp"

#include <charconv>
#include <cmath>

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

std::string to_valid_utf8(std::string_view s) {
  static constexpr std::string_view kReplacement = "\xEF\xBF\xBD";
  std::string out;
  out.reserve(s.size());
  std::size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t length = 0;
    std::uint32_t min = 0;
    if (c < 0x80)
      length = 1;
    else if (c >= 0xC2 && c <= 0xDF)
      length = 2, min = 0x80;
    else if (c >= 0xE0 && c <= 0xEF)
      length = 3, min = 0x800;
    else if (c >= 0xF0 && c <= 0xF4)
      length = 4, min = 0x10000;
    bool valid = length > 0 && i + length <= s.size();
    std::uint32_t code = length == 1 ? c : (c & (0x7F >> length));
    for (std::size_t k = 1; valid && k < length; ++k) {
      const auto cont = static_cast<unsigned char>(s[i + k]);
      if ((cont & 0xC0) != 0x80) valid = false;
      code = (code << 6) | (cont & 0x3F);
    }
    if (valid && length > 1 &&
        (code < min || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)))
      valid = false;
    if (valid) {
      out.append(s.substr(i, length));
      i += length;
    } else {
      out.append(kReplacement);
      ++i;
    }
  }
  return out;
}

namespace {

void append_number(std::string& out, double d) {
  if (!std::isfinite(d)) {
    out += "null"; // JSON has no NaN or infinity
    return;
  }
  char buffer[64];
  // Shortest text that reads back to the same double, in plain notation for
  // everyday magnitudes ("70", "37.5", "51.5136"), not Boost's "7E1".
  const bool plain = d == 0 || (std::fabs(d) >= 1e-6 && std::fabs(d) < 1e15);
  auto [end, ec] = plain
                       ? std::to_chars(buffer, buffer + sizeof buffer, d, std::chars_format::fixed)
                       : std::to_chars(buffer, buffer + sizeof buffer, d);
  (void)ec;
  out.append(buffer, end);
}

// A JSON string literal, escaped as boost::json::serialize does, appended
// without a temporary string.
void append_string(std::string& out, std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += '"';
  std::size_t plain = 0; // start of the run not yet copied
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out.append(s.data() + plain, i - plain);
    plain = i + 1;
    switch (c) {
    case '"': out += "\\\""; break;
    case '\\': out += "\\\\"; break;
    case '\b': out += "\\b"; break;
    case '\f': out += "\\f"; break;
    case '\n': out += "\\n"; break;
    case '\r': out += "\\r"; break;
    case '\t': out += "\\t"; break;
    default:
      out += "\\u00";
      out += kHex[c >> 4];
      out += kHex[c & 0xf];
    }
  }
  out.append(s.data() + plain, s.size() - plain);
  out += '"';
}

template <class Integer> void append_integer(std::string& out, Integer n) {
  char buffer[24];
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, n);
  (void)ec;
  out.append(buffer, end);
}

void append(std::string& out, const boost::json::value& v) {
  switch (v.kind()) {
  case boost::json::kind::string: append_string(out, v.get_string()); return;
  case boost::json::kind::int64: append_integer(out, v.get_int64()); return;
  case boost::json::kind::uint64: append_integer(out, v.get_uint64()); return;
  case boost::json::kind::bool_: out += v.get_bool() ? "true" : "false"; return;
  case boost::json::kind::null: out += "null"; return;
  case boost::json::kind::double_: append_number(out, v.get_double()); return;
  case boost::json::kind::array: {
    out += '[';
    bool first = true;
    for (const auto& item : v.get_array()) {
      if (!first) out += ',';
      first = false;
      append(out, item);
    }
    out += ']';
    return;
  }
  case boost::json::kind::object: {
    out += '{';
    bool first = true;
    for (const auto& [key, value] : v.get_object()) {
      if (!first) out += ',';
      first = false;
      append_string(out, key);
      out += ':';
      append(out, value);
    }
    out += '}';
    return;
  }
  default: out += boost::json::serialize(v); return;
  }
}

} // namespace

std::string dump(const boost::json::value& v) {
  std::string out;
  append(out, v);
  return out;
}

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
