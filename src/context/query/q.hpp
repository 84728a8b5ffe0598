// The NGSI-LD query language (ETSI GS CIM 009, 4.9): the `q` parameter of
// GET /entities and of /entityOperations/query. Parsing produces a small
// tree; names are expanded with the request's context; evaluation runs
// against a stored entity. Parsing never throws anything but Problem.
#pragma once

#include <memory>
#include <regex>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "context/jsonld/context.hpp"
#include "context/model/entity.hpp"

namespace context::query {

// A literal of the language: number, "string", true/false, or an unquoted
// token (DateTime, URI) compared as text.
using Literal = std::variant<double, std::string, bool>;

enum class Op { exists, eq, ne, gt, ge, lt, le, match, no_match };

// One comparison: attribute path, operator, and its operand(s).
struct Term {
  std::vector<std::string> attr_path;  // attribute, then sub-attributes ("a.b")
  std::vector<std::string> value_path; // keys inside the value ("a[b][c]")
  Op op = Op::exists;
  std::vector<Literal> values;             // one value or a list (== / != only)
  bool is_range = false;                   // values holds [low, high]
  std::string pattern;                     // ~= / !~=
  std::shared_ptr<const std::regex> regex; // the pattern compiled at parse time
};

// A node of the expression tree: a term, or AND / OR of children.
struct Expr {
  enum class Kind { term, all, any } kind = Kind::term;
  Term term;
  std::vector<Expr> children;
};

// Parses q. Throws Problem{bad_request_data} (with the position) for a
// malformed expression; at most 4096 characters and 64 levels of nesting.
Expr parse(std::string_view q);

// Expands the attribute names of every term with ctx (once per request).
void expand_names(Expr& e, const jsonld::Context& ctx);

// True when the entity satisfies the expression.
bool matches(const Expr& e, const Entity& entity);

} // namespace context::query
