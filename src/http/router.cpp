#include "http/router.hpp"

#include "core/error.hpp"

namespace http {
namespace {

bool is_param(std::string_view segment) {
  return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

// Number of literal segments that matched; -1 when the route does not match.
int score(const Route& route, const PathParts& parts) {
  if (route.segments.size() != parts.size()) return -1;
  int literals = 0;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const std::string& seg = route.segments[i];
    if (is_param(seg)) {
      if (parts[i].empty()) return -1;
      continue;
    }
    if (seg != parts[i]) return -1;
    ++literals;
  }
  return literals;
}

bool answers(const Route& route, Method method) {
  return route.method == method || (method == Method::head && route.method == Method::get);
}

std::string shape(const Route& r) {
  std::string s;
  for (const auto& seg : r.segments)
    s += "/" + (is_param(seg) ? std::string("{}") : seg);
  return s;
}

} // namespace

PathParts split_path(std::string_view path) {
  PathParts parts;
  std::size_t start = 0;
  while (start < path.size()) {
    if (path[start] == '/') {
      ++start;
      continue;
    }
    std::size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    parts.push_back(path.substr(start, end - start));
    start = end;
  }
  return parts;
}

void Router::add(Method method, std::string pattern, Handler handler, RouteOptions options) {
  if (pattern.empty() || pattern.front() != '/')
    throw core::Error(core::ErrorKind::invalid_argument,
                      "route pattern must start with '/': " + pattern);
  Route route{method, pattern, std::move(handler), std::move(options), routes_.size(), {}};
  for (std::string_view part : split_path(pattern)) {
    if (part.find_first_of("{}") != std::string_view::npos && !is_param(part))
      throw core::Error(core::ErrorKind::invalid_argument, "malformed route segment in " + pattern);
    route.segments.emplace_back(part);
  }
  for (const Route& existing : routes_)
    if (existing.method == method && shape(existing) == shape(route))
      throw core::Error(core::ErrorKind::conflict, "route added twice: " + pattern);
  routes_.push_back(std::move(route));
}

Match Router::match(Method method, std::string_view path) const {
  const auto parts = split_path(path);
  Match result;
  const Route* best = nullptr;
  int best_score = -1;
  boost::container::small_vector<std::string_view, 8> allowed;
  for (const Route& route : routes_) {
    const int s = score(route, parts);
    if (s < 0) continue;
    allowed.push_back(to_string(route.method));
    if (route.method == Method::get) allowed.push_back("HEAD");
    if (answers(route, method) && s > best_score) {
      best = &route;
      best_score = s;
    }
  }
  if (best) {
    result.kind = Match::Kind::found;
    result.route = best;
    for (std::size_t i = 0; i < parts.size(); ++i)
      if (is_param(best->segments[i])) {
        auto value = percent_decode(parts[i]);
        if (!value)
          throw core::Error(core::ErrorKind::invalid_argument,
                            "malformed percent-encoding in the path");
        result.params.emplace_back(best->segments[i].substr(1, best->segments[i].size() - 2),
                                   std::move(*value));
      }
    return result;
  }
  if (allowed.empty()) return result;
  result.kind = Match::Kind::method_not_allowed;
  for (std::string_view m : allowed) {
    if (result.allow.find(m) != std::string::npos) continue;
    result.allow += std::string(result.allow.empty() ? "" : ", ") + std::string(m);
  }
  return result;
}

} // namespace http
