// Query parameters of the NGSI-LD API: options/format, attrs, paging, the
// entity selection of GET /entities and POST /entityOperations/query.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "context/jsonld/context.hpp"
#include "context/model/entity.hpp"
#include "context/query/geo.hpp"
#include "context/query/q.hpp"
#include "http/message.hpp"

namespace context::api {

// The comma-separated words of `options` plus `format`.
struct Options {
  std::set<std::string> words;
  bool has(const std::string& w) const { return words.contains(w); }
};
// temporal: the temporal API's temporalValues and aggregatedValues are allowed.
Options read_options(const http::Request& r, bool temporal = false);

// Render options from options/format, attrs (expanded with ctx) and lang.
RenderOptions render_options(const http::Request& r, const Options& o, const jsonld::Context& ctx);

// Splits "a,b,c" (empty parts dropped).
std::vector<std::string> split(std::string_view s, char sep);

// Which entities a query selects.
struct Selection {
  std::vector<std::vector<std::string>> type_groups; // OR of ANDs, expanded
  std::set<std::string> ids;
  std::string id_pattern;
  std::set<std::string> attrs; // expanded: entity must have at least one
  std::optional<query::Expr> q;
  std::optional<query::GeoQuery> geo;
  bool empty() const {
    return type_groups.empty() && ids.empty() && id_pattern.empty() && attrs.empty() && !q && !geo;
  }
};

// Parses a type expression ("A,B", "A|B", "A;B", "(A;B)|C") into groups.
std::vector<std::vector<std::string>> parse_types(std::string_view s, const jsonld::Context& ctx);

// A predicate for Broker::select. Throws Problem for an invalid idPattern.
// typed_select: the predicate serves Broker::select with s.type_groups,
// whose type index already guarantees a single type (one group of one
// type), so that test is skipped.
std::function<bool(const Entity&)> predicate(const Selection& s, bool typed_select = false);

} // namespace context::api
