#include "http/message.hpp"

#include <boost/url/params_view.hpp>

#include <strings.h>

#include "core/error.hpp"

namespace http {
namespace {

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && strncasecmp(a.data(), b.data(), a.size()) == 0;
}

} // namespace

std::string_view to_string(Method m) {
  switch (m) {
  case Method::get: return "GET";
  case Method::head: return "HEAD";
  case Method::post: return "POST";
  case Method::put: return "PUT";
  case Method::patch: return "PATCH";
  case Method::del: return "DELETE";
  case Method::options: return "OPTIONS";
  case Method::other: return "OTHER";
  }
  return "OTHER";
}

Method method_from_string(std::string_view name) {
  if (name == "GET") return Method::get;
  if (name == "HEAD") return Method::head;
  if (name == "POST") return Method::post;
  if (name == "PUT") return Method::put;
  if (name == "PATCH") return Method::patch;
  if (name == "DELETE") return Method::del;
  if (name == "OPTIONS") return Method::options;
  return Method::other;
}

std::string_view Headers::get(std::string_view name) const {
  for (const auto& [n, v] : fields_)
    if (iequals(n, name)) return v;
  return {};
}

bool Headers::has(std::string_view name) const {
  for (const auto& [n, v] : fields_)
    if (iequals(n, name)) return true;
  return false;
}

void Headers::set(std::string name, std::string value) {
  std::erase_if(fields_, [&](const auto& f) { return iequals(f.first, name); });
  fields_.emplace_back(std::move(name), std::move(value));
}

const std::string& Request::param(std::string_view name) const {
  for (const auto& [n, v] : path_params)
    if (n == name) return v;
  throw core::Error(core::ErrorKind::internal, "route has no parameter " + std::string(name));
}

std::vector<std::pair<std::string, std::string>> Request::query_params() const {
  std::vector<std::pair<std::string, std::string>> out;
  try {
    boost::urls::params_view params(query); // decodes %XX and '+' as space
    for (auto param : params)
      out.emplace_back(param.key, param.has_value ? param.value : "");
  } catch (const std::exception&) {
    throw core::Error(core::ErrorKind::invalid_argument, "the query string is malformed");
  }
  return out;
}

std::optional<std::string> Request::query_param(std::string_view name) const {
  for (auto& [k, v] : query_params())
    if (k == name) return v;
  return std::nullopt;
}

std::optional<std::string> percent_decode(std::string_view s) {
  auto hex = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '%') {
      out += s[i];
      continue;
    }
    if (i + 2 >= s.size()) return std::nullopt;
    const int hi = hex(s[i + 1]), lo = hex(s[i + 2]);
    if (hi < 0 || lo < 0) return std::nullopt;
    const char c = static_cast<char>(hi * 16 + lo);
    if (c == '\0') return std::nullopt;
    out += c;
    i += 2;
  }
  return out;
}

std::string_view to_string(Role role) {
  switch (role) {
  case Role::citizen: return "citizen";
  case Role::staff: return "staff";
  case Role::admin: return "admin";
  case Role::partner: return "partner";
  }
  return "citizen";
}

const Identity& require_login(const Request& request) {
  if (!request.identity)
    throw core::Error(core::ErrorKind::unauthenticated, "Please log in first.");
  return *request.identity;
}

const Identity& require_role(const Request& request, std::initializer_list<Role> roles) {
  const Identity& who = require_login(request);
  for (Role r : roles)
    if (who.role == r) return who;
  throw core::Error(core::ErrorKind::forbidden, "Your account may not do this.");
}

Response Response::json(std::string body, int status) {
  Response r;
  r.status = status;
  r.content_type = "application/json";
  r.body = std::move(body);
  return r;
}

Response Response::text(std::string body, std::string content_type, int status) {
  Response r;
  r.status = status;
  r.content_type = std::move(content_type);
  r.body = std::move(body);
  return r;
}

Response Response::empty(int status) {
  Response r;
  r.status = status;
  return r;
}

std::string_view trim_ows(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
    s.remove_suffix(1);
  return s;
}

} // namespace http
