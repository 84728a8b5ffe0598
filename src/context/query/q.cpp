#include "context/query/q.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <regex>

#include "context/model/problem.hpp"
#include "context/query/pattern.hpp"

namespace context::query {
namespace {

namespace json = boost::json;

constexpr std::size_t kMaxLength = 4096;
constexpr int kMaxDepth = 64;

// Instance members addressable with a dot ("speed.observedAt").
bool is_instance_member(std::string_view s) {
  return s == "observedAt" || s == "unitCode" || s == "datasetId" || s == "createdAt" ||
         s == "modifiedAt";
}

class Parser {
public:
  explicit Parser(std::string_view q) : q_(q) {}

  Expr parse_all() {
    Expr e = parse_or(0);
    if (pos_ != q_.size()) error("unexpected '" + std::string(1, q_[pos_]) + "'");
    return e;
  }

private:
  [[noreturn]] void error(const std::string& what) const {
    fail(ProblemType::bad_request_data,
         "invalid q at position " + std::to_string(pos_) + ": " + what);
  }
  bool at_end() const { return pos_ >= q_.size(); }
  char peek() const { return at_end() ? '\0' : q_[pos_]; }
  bool eat(std::string_view s) {
    if (q_.substr(pos_).starts_with(s)) {
      pos_ += s.size();
      return true;
    }
    return false;
  }

  Expr parse_or(int depth) {
    Expr first = parse_and(depth);
    if (peek() != '|') return first;
    Expr any{Expr::Kind::any, {}, {}};
    any.children.push_back(std::move(first));
    while (eat("|"))
      any.children.push_back(parse_and(depth));
    return any;
  }

  Expr parse_and(int depth) {
    Expr first = parse_primary(depth);
    if (peek() != ';') return first;
    Expr all{Expr::Kind::all, {}, {}};
    all.children.push_back(std::move(first));
    while (eat(";"))
      all.children.push_back(parse_primary(depth));
    return all;
  }

  Expr parse_primary(int depth) {
    if (depth > kMaxDepth) error("too deeply nested");
    if (eat("(")) {
      Expr inner = parse_or(depth + 1);
      if (!eat(")")) error("')' expected");
      return inner;
    }
    Expr e;
    e.term = parse_term();
    return e;
  }

  std::string name() {
    const std::size_t start = pos_;
    while (!at_end()) {
      const char c = q_[pos_];
      if (std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == ':' || c == '/' ||
          c == '#' || c == '-' || c == '@' || c == '%' || static_cast<unsigned char>(c) >= 0x80)
        ++pos_;
      else
        break;
    }
    // A trailing ':' or '/' belongs to a URI; names may hold them (CURIEs, IRIs).
    if (pos_ == start) error("attribute name expected");
    return std::string(q_.substr(start, pos_ - start));
  }

  Term parse_term() {
    Term t;
    t.attr_path.push_back(name());
    while (peek() == '.' && !q_.substr(pos_).starts_with(".."))
      ++pos_, t.attr_path.push_back(name());
    while (eat("[")) {
      t.value_path.push_back(name());
      if (!eat("]")) error("']' expected");
      while (peek() == '.' && !q_.substr(pos_).starts_with(".."))
        ++pos_, t.value_path.push_back(name());
    }
    if (eat("=="))
      t.op = Op::eq;
    else if (eat("!="))
      t.op = Op::ne;
    else if (eat(">="))
      t.op = Op::ge;
    else if (eat("<="))
      t.op = Op::le;
    else if (eat(">"))
      t.op = Op::gt;
    else if (eat("<"))
      t.op = Op::lt;
    else if (eat("~="))
      t.op = Op::match;
    else if (eat("!~="))
      t.op = Op::no_match;
    else
      return t; // existence
    if (t.op == Op::match || t.op == Op::no_match) {
      Literal p = literal();
      if (!std::holds_alternative<std::string>(p)) error("a pattern must be a string");
      t.pattern = std::get<std::string>(p);
      t.regex = compile_pattern(t.pattern);
      return t;
    }
    t.values.push_back(literal());
    if (eat("..")) {
      if (t.op != Op::eq && t.op != Op::ne) error("a range needs == or !=");
      t.values.push_back(literal());
      t.is_range = true;
    } else {
      while (eat(",")) {
        if (t.op != Op::eq && t.op != Op::ne) error("a list needs == or !=");
        t.values.push_back(literal());
      }
    }
    return t;
  }

  Literal literal() {
    if (eat("\"")) {
      std::string s;
      while (!at_end() && q_[pos_] != '"') {
        if (q_[pos_] == '\\' && pos_ + 1 < q_.size()) ++pos_;
        s += q_[pos_++];
      }
      if (!eat("\"")) error("closing '\"' expected");
      return s;
    }
    const std::size_t start = pos_;
    while (!at_end()) {
      const char c = q_[pos_];
      if (c == ';' || c == '|' || c == ')' || c == ',' || q_.substr(pos_).starts_with("..")) break;
      ++pos_;
    }
    const std::string_view token = q_.substr(start, pos_ - start);
    if (token.empty()) error("value expected");
    if (token.find_first_of("<>=!~\"'() ") != std::string_view::npos)
      error("unexpected character in the value '" + std::string(token) + "'");
    if (token == "true") return true;
    if (token == "false") return false;
    double d = 0;
    const auto [end, ec] = std::from_chars(token.data(), token.data() + token.size(), d);
    if (ec == std::errc() && end == token.data() + token.size()) return d;
    return std::string(token); // DateTime, URI: compared as text
  }

  std::string_view q_;
  std::size_t pos_ = 0;
};

// The comparable value of an instance (value, object, languageMap, ...).
const json::value* instance_value(const json::object& inst) {
  for (const char* member :
       {"value", "object", "languageMap", "vocab", "json", "valueList", "objectList"})
    if (const auto* v = inst.if_contains(member)) return v;
  return nullptr;
}

int compare(const json::value& v, const Literal& lit, bool& comparable) {
  comparable = true;
  if (const auto* d = std::get_if<double>(&lit)) {
    if (!v.is_number()) return comparable = false, 0;
    const double x = v.to_number<double>();
    return x < *d ? -1 : x > *d ? 1 : 0;
  }
  if (const auto* b = std::get_if<bool>(&lit)) {
    if (!v.is_bool()) return comparable = false, 0;
    return v.as_bool() == *b ? 0 : 1;
  }
  const auto& s = std::get<std::string>(lit);
  if (!v.is_string()) return comparable = false, 0;
  const int c = std::string_view(v.as_string()).compare(s);
  return c < 0 ? -1 : c > 0 ? 1 : 0;
}

bool test_scalar(const Term& t, const json::value& v) {
  bool ok = false;
  switch (t.op) {
  case Op::exists: return true;
  case Op::eq:
  case Op::ne: {
    bool hit = false;
    if (t.is_range) {
      bool c1 = false, c2 = false;
      hit = compare(v, t.values[0], c1) >= 0 && compare(v, t.values[1], c2) <= 0 && c1 && c2;
    } else {
      for (const auto& lit : t.values)
        if (compare(v, lit, ok) == 0 && ok) hit = true;
    }
    return t.op == Op::eq ? hit : !hit;
  }
  case Op::gt: return compare(v, t.values[0], ok) > 0 && ok;
  case Op::ge: return compare(v, t.values[0], ok) >= 0 && ok;
  case Op::lt: return compare(v, t.values[0], ok) < 0 && ok;
  case Op::le: return compare(v, t.values[0], ok) <= 0 && ok;
  case Op::match:
  case Op::no_match: {
    if (!v.is_string()) return t.op == Op::no_match;
    const bool found = search(*t.regex, v.as_string());
    return t.op == Op::match ? found : !found;
  }
  }
  return false;
}

bool test_value(const Term& t, const json::value& v) {
  // An array value matches when one of its members does (and != when none is equal).
  if (const auto* a = v.if_array(); a && t.op != Op::exists) {
    if (t.op == Op::ne) {
      Term eq = t;
      eq.op = Op::eq;
      return std::none_of(a->begin(), a->end(),
                          [&](const json::value& x) { return test_scalar(eq, x); });
    }
    return std::any_of(a->begin(), a->end(),
                       [&](const json::value& x) { return test_scalar(t, x); });
  }
  return test_scalar(t, v);
}

bool test_instance(const Term& t, const json::object& inst, std::size_t level) {
  if (level < t.attr_path.size()) {
    const std::string& next = t.attr_path[level];
    if (is_instance_member(next) || next == "https://uri.etsi.org/ngsi-ld/" + next) {
      const auto* m = inst.if_contains(next);
      return m && level + 1 == t.attr_path.size() && t.value_path.empty() && test_value(t, *m);
    }
    const auto* sub = inst.if_contains(next);
    if (!sub || !sub->is_object()) return false;
    return test_instance(t, sub->as_object(), level + 1);
  }
  const json::value* v = instance_value(inst);
  if (!v) return false;
  for (const auto& key : t.value_path) {
    if (const auto* lm = inst.if_contains("languageMap"); lm && v == lm) {
      v = lm->as_object().if_contains(key);
    } else if (const auto* o = v->if_object()) {
      v = o->if_contains(key);
    } else {
      return false;
    }
    if (!v) return false;
  }
  return test_value(t, *v);
}

bool test_term(const Term& t, const Entity& e) {
  const auto* list = e.attrs.if_contains(t.attr_path.front());
  if (!list) return false;
  return std::any_of(
      list->as_array().begin(), list->as_array().end(),
      [&](const json::value& inst) { return test_instance(t, inst.as_object(), 1); });
}

} // namespace

Expr parse(std::string_view q) {
  if (q.empty()) fail(ProblemType::bad_request_data, "q is empty");
  if (q.size() > kMaxLength) fail(ProblemType::bad_request_data, "q is too long");
  return Parser(q).parse_all();
}

void expand_names(Expr& e, const jsonld::Context& ctx) {
  if (e.kind != Expr::Kind::term) {
    for (auto& c : e.children)
      expand_names(c, ctx);
    return;
  }
  for (std::size_t i = 0; i < e.term.attr_path.size(); ++i) {
    auto& name = e.term.attr_path[i];
    if (i > 0 && is_instance_member(name)) continue;
    name = ctx.expand(name);
  }
}

bool matches(const Expr& e, const Entity& entity) {
  switch (e.kind) {
  case Expr::Kind::term: return test_term(e.term, entity);
  case Expr::Kind::all:
    return std::all_of(e.children.begin(), e.children.end(),
                       [&](const Expr& c) { return matches(c, entity); });
  case Expr::Kind::any:
    return std::any_of(e.children.begin(), e.children.end(),
                       [&](const Expr& c) { return matches(c, entity); });
  }
  return false;
}

} // namespace context::query
