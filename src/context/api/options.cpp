#include "context/api/options.hpp"

#include <algorithm>
#include <regex>

#include "context/model/problem.hpp"
#include "context/query/pattern.hpp"

namespace context::api {

std::vector<std::string> split(std::string_view s, char sep) {
  std::vector<std::string> out;
  while (!s.empty()) {
    const auto pos = s.find(sep);
    std::string_view part = s.substr(0, pos);
    while (!part.empty() && part.front() == ' ')
      part.remove_prefix(1);
    while (!part.empty() && part.back() == ' ')
      part.remove_suffix(1);
    if (!part.empty()) out.emplace_back(part);
    if (pos == std::string_view::npos) break;
    s.remove_prefix(pos + 1);
  }
  return out;
}

Options read_options(const http::Request& r, bool temporal) {
  Options o;
  for (const auto& w : split(r.query_param("options").value_or(""), ','))
    o.words.insert(w);
  if (auto f = r.query_param("format"); f && !f->empty()) o.words.insert(*f);
  for (const auto& w : o.words)
    if (w != "keyValues" && w != "simplified" && w != "normalized" && w != "concise" &&
        w != "sysAttrs" && w != "noOverwrite" && w != "update" && w != "replace" && w != "count" &&
        !(temporal && (w == "temporalValues" || w == "aggregatedValues")))
      fail(ProblemType::bad_request_data, "unknown option '" + w + "'");
  const int formats = (o.has("keyValues") || o.has("simplified") ? 1 : 0) +
                      (o.has("normalized") ? 1 : 0) + (o.has("concise") ? 1 : 0);
  if (formats > 1)
    fail(ProblemType::bad_request_data,
         "normalized, concise and keyValues (simplified) exclude each other");
  return o;
}

RenderOptions render_options(const http::Request& r, const Options& o, const jsonld::Context& ctx) {
  RenderOptions ro;
  ro.key_values = o.has("keyValues") || o.has("simplified");
  ro.concise = o.has("concise");
  ro.sys_attrs = o.has("sysAttrs");
  for (const auto& a : split(r.query_param("attrs").value_or(""), ',')) {
    if (!valid_name(a)) fail(ProblemType::bad_request_data, "invalid attribute name in attrs");
    ro.attrs.insert(ctx.expand(a));
  }
  for (const char* which : {"pick", "omit"}) {
    auto& set = std::string_view(which) == "pick" ? ro.pick : ro.omit;
    for (const auto& a : split(r.query_param(which).value_or(""), ',')) {
      if (!valid_name(a))
        fail(ProblemType::bad_request_data, std::string("invalid name in ") + which);
      set.insert(a == "id" || a == "type" ? a : ctx.expand(a));
    }
  }
  if (!ro.pick.empty() && !ro.omit.empty())
    fail(ProblemType::bad_request_data, "pick and omit exclude each other");
  ro.lang = r.query_param("lang").value_or(""); // "*": any language (the first one held)
  return ro;
}

std::vector<std::vector<std::string>> parse_types(std::string_view s, const jsonld::Context& ctx) {
  std::vector<std::vector<std::string>> groups;
  std::string text;
  for (const char c : s)
    if (c != '(' && c != ')') text += c;
  for (const auto& alt : split(text, '|'))
    for (const auto& option : split(alt, ',')) {
      std::vector<std::string> all;
      for (const auto& t : split(option, ';')) {
        if (!valid_name(t)) fail(ProblemType::bad_request_data, "invalid entity type '" + t + "'");
        all.push_back(ctx.expand(t));
      }
      if (!all.empty()) groups.push_back(std::move(all));
    }
  return groups;
}

std::function<bool(const Entity&)> predicate(const Selection& s, bool typed_select) {
  std::shared_ptr<const std::regex> pattern;
  if (!s.id_pattern.empty()) pattern = query::compile_pattern(s.id_pattern);
  const bool test_types = !s.type_groups.empty() && !(typed_select && s.type_groups.size() == 1 &&
                                                      s.type_groups.front().size() == 1);
  return [&s, pattern, test_types](const Entity& e) {
    if (test_types) {
      const bool any = std::any_of(s.type_groups.begin(), s.type_groups.end(), [&](const auto& g) {
        return std::all_of(g.begin(), g.end(), [&](const std::string& t) {
          return std::find(e.types.begin(), e.types.end(), t) != e.types.end();
        });
      });
      if (!any) return false;
    }
    if (!s.ids.empty() && !s.ids.contains(e.id)) return false;
    if (pattern && !query::search(*pattern, e.id)) return false;
    if (!s.attrs.empty() && std::none_of(s.attrs.begin(), s.attrs.end(),
                                         [&](const auto& a) { return e.attrs.contains(a); }))
      return false;
    if (s.q && !query::matches(*s.q, e)) return false;
    if (s.geo && !s.geo->matches(e)) return false;
    return true;
  };
}

} // namespace context::api
