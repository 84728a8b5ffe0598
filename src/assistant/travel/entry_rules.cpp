#include "assistant/travel/entry_rules.hpp"

#include <algorithm>
#include <array>
#include <fstream>
#include <sstream>

#include <boost/json.hpp>

#include "core/error.hpp"

namespace assistant::travel {
namespace {

namespace json = boost::json;
using core::Error;
using core::ErrorKind;

struct KindName {
  DocumentKind kind;
  std::string_view id;
  std::string_view german;
};
constexpr std::array<KindName, 5> kKinds = {{
    {DocumentKind::reisepass, "reisepass", "Reisepass"},
    {DocumentKind::vorlaeufiger_reisepass, "vorlaeufiger_reisepass", "vorläufiger Reisepass"},
    {DocumentKind::personalausweis, "personalausweis", "Personalausweis"},
    {DocumentKind::vorlaeufiger_personalausweis, "vorlaeufiger_personalausweis",
     "vorläufiger Personalausweis"},
    {DocumentKind::kinderreisepass, "kinderreisepass", "Kinderreisepass"},
}};

constexpr std::string_view kLinkPrefix = "https://www.auswaertiges-amt.de/";

[[noreturn]] void fail(const std::string& where, const std::string& why) {
  throw Error(ErrorKind::invalid_argument, "entry rules: " + where + ": " + why);
}

std::string text_field(const json::object& o, std::string_view key, const std::string& where,
                       bool required) {
  const auto* v = o.if_contains(key);
  if (v == nullptr || v->is_null()) {
    if (required) fail(where, "'" + std::string(key) + "' is missing");
    return {};
  }
  if (!v->is_string()) fail(where, "'" + std::string(key) + "' must be a string");
  std::string s(v->as_string());
  if (required && s.empty()) fail(where, "'" + std::string(key) + "' is empty");
  return s;
}

int count_field(const json::object& o, std::string_view key, const std::string& where) {
  const auto* v = o.if_contains(key);
  if (v == nullptr) return 0;
  if (!v->is_int64() || v->as_int64() < 0 || v->as_int64() > 1000)
    fail(where, "'" + std::string(key) + "' must be a whole number from 0 to 1000");
  return static_cast<int>(v->as_int64());
}

Validity parse_validity(const json::value* v, const std::string& where) {
  if (v == nullptr || !v->is_object()) fail(where, "'validity' must be an object");
  const auto& o = v->as_object();
  const auto kind = text_field(o, "kind", where + " validity", true);
  Validity validity;
  if (kind == "stay")
    validity.kind = Validity::Kind::stay;
  else if (kind == "after_entry")
    validity.kind = Validity::Kind::after_entry;
  else if (kind == "after_departure")
    validity.kind = Validity::Kind::after_departure;
  else
    fail(where, "validity kind must be stay, after_entry or after_departure");
  validity.months = count_field(o, "months", where + " validity");
  validity.days = count_field(o, "days", where + " validity");
  if (const auto* c = o.if_contains("confirmed")) {
    if (!c->is_bool()) fail(where, "validity 'confirmed' must be true or false");
    validity.confirmed = c->as_bool();
  }
  if (validity.kind != Validity::Kind::stay && validity.months == 0 && validity.days == 0)
    fail(where, "validity " + kind + " needs months or days");
  return validity;
}

EntryRule parse_rule(const json::value& v, std::size_t index) {
  std::string where = "destination " + std::to_string(index + 1);
  if (!v.is_object()) fail(where, "must be an object");
  const auto& o = v.as_object();
  EntryRule rule;
  rule.country = text_field(o, "country", where, true);
  where += " (" + rule.country + ")";
  if (rule.country.size() != 2 || !std::all_of(rule.country.begin(), rule.country.end(),
                                               [](char c) { return c >= 'A' && c <= 'Z'; }))
    fail(where, "'country' must be an upper-case ISO 3166-1 alpha-2 code");
  rule.name = text_field(o, "name", where, true);
  const auto* docs = o.if_contains("documents");
  if (docs == nullptr || !docs->is_array() || docs->as_array().empty())
    fail(where, "'documents' must be a non-empty list");
  for (const auto& d : docs->as_array()) {
    DocumentKind kind;
    if (!d.is_string() || !parse_document_kind(d.as_string(), kind))
      fail(where, "unknown document kind " + json::serialize(d));
    if (!rule.accepts(kind)) rule.documents.push_back(kind);
  }
  rule.validity = parse_validity(o.if_contains("validity"), where);
  rule.visa = text_field(o, "visa", where, true);
  rule.notes = text_field(o, "notes", where, false);
  rule.link = text_field(o, "link", where, true);
  if (!rule.link.starts_with(kLinkPrefix))
    fail(where, "'link' must point to " + std::string(kLinkPrefix));
  return rule;
}

} // namespace

std::string_view to_string(DocumentKind kind) {
  for (const auto& k : kKinds)
    if (k.kind == kind) return k.id;
  return "reisepass";
}

bool parse_document_kind(std::string_view text, DocumentKind& kind) {
  for (const auto& k : kKinds)
    if (k.id == text) {
      kind = k.kind;
      return true;
    }
  return false;
}

std::string_view german_name(DocumentKind kind) {
  for (const auto& k : kKinds)
    if (k.kind == kind) return k.german;
  return "Reisepass";
}

bool EntryRule::accepts(DocumentKind kind) const {
  return std::find(documents.begin(), documents.end(), kind) != documents.end();
}

EntryRules EntryRules::parse(std::string_view json_text) {
  boost::system::error_code ec;
  const auto doc = json::parse(json_text, ec);
  if (ec || !doc.is_object())
    throw Error(ErrorKind::invalid_argument, "entry rules: not a JSON object");
  const auto& o = doc.as_object();
  EntryRules rules;
  const auto stand = text_field(o, "stand", "file", true);
  const auto date = core::parse_date(stand);
  if (!date) fail("file", "'stand' must be a date YYYY-MM-DD");
  rules.stand_ = *date;
  rules.source_ = text_field(o, "source", "file", true);
  rules.authoritative_ = text_field(o, "authoritative", "file", true);
  rules.general_link_ = text_field(o, "general_link", "file", true);
  if (!rules.general_link_.starts_with(kLinkPrefix))
    fail("file", "'general_link' must point to " + std::string(kLinkPrefix));
  const auto* list = o.if_contains("destinations");
  if (list == nullptr || !list->is_array()) fail("file", "'destinations' must be a list");
  for (std::size_t i = 0; i < list->as_array().size(); ++i) {
    auto rule = parse_rule(list->as_array()[i], i);
    if (rules.by_country_.contains(rule.country))
      fail("destination " + rule.country, "listed twice");
    rules.by_country_[rule.country] = rules.rules_.size();
    rules.rules_.push_back(std::move(rule));
  }
  return rules;
}

EntryRules EntryRules::load(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw Error(ErrorKind::invalid_argument, "entry rules: cannot read " + file.string());
  std::ostringstream text;
  text << in.rdbuf();
  return parse(text.str());
}

const EntryRule* EntryRules::find(std::string_view country) const {
  std::string code(country);
  for (auto& c : code)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  const auto it = by_country_.find(code);
  return it == by_country_.end() ? nullptr : &rules_[it->second];
}

} // namespace assistant::travel
