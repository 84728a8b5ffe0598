#include "opendata/ckan.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <functional>
#include <map>

#include "core/error.hpp"
#include "core/json.hpp"
#include "opendata/live.hpp"
#include "search/analyzer.hpp"

namespace opendata::ckan {
namespace {

namespace json = boost::json;

constexpr std::string_view kDefaultSort = "score desc, metadata_modified desc";

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  // The umlauts' capitals (UTF-8 C3 84/96/9C) to their small letters.
  for (std::size_t i = 0; i + 1 < out.size(); ++i)
    if (static_cast<unsigned char>(out[i]) == 0xC3) {
      auto& next = reinterpret_cast<unsigned char&>(out[i + 1]);
      if (next == 0x84 || next == 0x96 || next == 0x9C)
        next = static_cast<unsigned char>(next + 0x20);
    }
  return out;
}

std::string theme_title(const std::string& code) {
  static const std::map<std::string, std::string> titles = {
      {"AGRI", "Landwirtschaft, Fischerei, Forstwirtschaft und Nahrungsmittel"},
      {"ECON", "Wirtschaft und Finanzen"},
      {"EDUC", "Bildung, Kultur und Sport"},
      {"ENER", "Energie"},
      {"ENVI", "Umwelt"},
      {"GOVE", "Regierung und öffentlicher Sektor"},
      {"HEAL", "Gesundheit"},
      {"INTR", "Internationale Themen"},
      {"JUST", "Justiz, Rechtssystem und öffentliche Sicherheit"},
      {"REGI", "Regionen und Städte"},
      {"SOCI", "Bevölkerung und Gesellschaft"},
      {"TECH", "Wissenschaft und Technologie"},
      {"TRAN", "Verkehr"},
      {"OP_DATPRO", "Vorläufige Daten"}};
  auto it = titles.find(code);
  return it == titles.end() ? code : it->second;
}

// The group name of a theme: "GOVE" -> "gove" (as GovData names them).
std::string group_name(const std::string& theme) { return lower(theme); }

bool visible(const Dataset& d, const Caller& caller, bool include_private) {
  return !d.is_private || (caller.staff && include_private);
}

// The values of a dataset for a search field (lower case).
std::vector<std::string> field_values(const Dataset& d, std::string_view field) {
  std::vector<std::string> out;
  if (field == "organization" || field == "owner_org")
    out.push_back(d.organization);
  else if (field == "tags")
    for (const auto& k : d.keywords)
      out.push_back(lower(k));
  else if (field == "groups")
    for (const auto& t : d.themes)
      out.push_back(group_name(t));
  else if (field == "res_format")
    for (const auto& x : d.distributions)
      out.push_back(lower(x.format));
  else if (field == "license_id")
    out.push_back(lower(d.license));
  else if (field == "name")
    out.push_back(d.name);
  else if (field == "private")
    out.push_back(d.is_private ? "true" : "false");
  for (auto& v : out)
    v = lower(v);
  return out;
}

constexpr std::array<std::string_view, 8> kFields = {
    "organization", "owner_org", "tags", "groups", "res_format", "license_id", "name", "private"};

bool known_field(std::string_view f) {
  return std::find(kFields.begin(), kFields.end(), f) != kFields.end();
}

std::size_t field_index(std::string_view f) {
  return static_cast<std::size_t>(std::find(kFields.begin(), kFields.end(), f) - kFields.begin());
}

// One clause of q or fq: a field filter or a free term.
struct Clause {
  std::string field;     // empty: free text
  std::size_t index = 0; // of field in kFields
  std::string value;     // lower case
  bool negated = false;
};

// Splits Solr-like text into clauses: whitespace separated, "quoted values",
// field:value, +/- prefixes, AND/OR words ignored (AND semantics).
std::vector<Clause> parse_clauses(std::string_view text) {
  std::vector<Clause> out;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t'))
      ++i;
    if (i >= text.size()) break;
    Clause c;
    if (text[i] == '+' || text[i] == '-') {
      c.negated = text[i] == '-';
      ++i;
    }
    std::string token;
    bool quoted = false;
    while (i < text.size() && text[i] != ' ' && text[i] != '\t') {
      if (text[i] == '"') {
        quoted = true;
        const std::size_t end = text.find('"', i + 1);
        if (end == std::string_view::npos)
          throw search_query_error("Search Query is invalid: unbalanced quotes");
        token += text.substr(i + 1, end - i - 1);
        i = end + 1;
      } else {
        token += text[i++];
      }
    }
    if (!quoted && (token == "AND" || token == "OR" || token == "&&")) continue;
    if (token == "*:*" || token.empty()) continue;
    const auto colon = token.find(':');
    if (colon != std::string::npos && colon > 0 && known_field(token.substr(0, colon))) {
      c.field = token.substr(0, colon);
      c.index = field_index(c.field);
      c.value = lower(token.substr(colon + 1));
    } else if (colon != std::string::npos && colon > 0 &&
               token.find_first_of("/ ") == std::string::npos &&
               token.substr(0, colon).find_first_not_of("abcdefghijklmnopqrstuvwxyz_.") ==
                   std::string::npos) {
      throw search_query_error("Search Query is invalid: unknown field '" + token.substr(0, colon) +
                               "'");
    } else {
      c.value = lower(token);
    }
    out.push_back(std::move(c));
  }
  return out;
}

} // namespace

// One dataset as the search sees it.
struct SearchEntry {
  const Dataset* dataset;
  std::string title, notes, tags; // lower case; tags separated by spaces
  std::string title_key;          // German collation (DIN 5007-1: ä as a, ß as ss)
  std::array<std::vector<std::string>, kFields.size()> fields;
  // Per field: the facet values (name, display name), sorted, unique.
  std::array<std::vector<std::pair<std::string, std::string>>, kFields.size()> facets;
  std::string package_text; // the package dict as JSON, built once
};

struct SearchIndex {
  std::shared_ptr<const Snapshot> snapshot;
  std::vector<SearchEntry> entries; // in the snapshot's order
};

namespace {

// 0 when a clause list does not match, else a score (free terms).
double match(const SearchEntry& e, const std::vector<Clause>& clauses) {
  double score = 1;
  for (const auto& c : clauses) {
    bool hit;
    double gain = 0;
    if (!c.field.empty()) {
      const auto& values = e.fields[c.index];
      hit = std::find(values.begin(), values.end(), c.value) != values.end();
    } else {
      const bool in_title = e.title.find(c.value) != std::string::npos;
      const bool in_tags = e.tags.find(c.value) != std::string::npos;
      const bool in_notes = e.notes.find(c.value) != std::string::npos;
      const bool in_name = e.dataset->name.find(c.value) != std::string::npos;
      hit = in_title || in_tags || in_notes || in_name;
      gain = (in_title ? 3 : 0) + (in_tags ? 2 : 0) + (in_notes ? 1 : 0) + (in_name ? 1 : 0);
    }
    if (hit == c.negated) return 0;
    score += gain;
  }
  return score;
}

struct SortKey {
  std::string field;
  bool descending;
};

std::vector<SortKey> parse_sort(const std::string& text) {
  std::vector<SortKey> keys;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    std::size_t end = text.find(',', pos);
    if (end == std::string::npos) end = text.size();
    std::string part = text.substr(pos, end - pos);
    pos = end + 1;
    std::vector<std::string> words;
    std::size_t i = 0;
    while (i < part.size()) {
      while (i < part.size() && part[i] == ' ')
        ++i;
      std::size_t j = part.find(' ', i);
      if (j == std::string::npos) j = part.size();
      if (j > i) words.push_back(part.substr(i, j - i));
      i = j;
    }
    if (words.empty()) continue;
    const std::string dir = words.size() > 1 ? words[1] : "asc";
    static const std::vector<std::string> fields = {
        "score", "metadata_modified", "metadata_created", "name", "title_string", "title"};
    if (words.size() > 2 || (dir != "asc" && dir != "desc") ||
        std::find(fields.begin(), fields.end(), words[0]) == fields.end())
      throw ActionError{
          409,
          {{"__type", "Search Error"}, {"message", "Search error: cannot sort by '" + part + "'"}}};
    keys.push_back({words[0], dir == "desc"});
  }
  return keys;
}

std::string text_of(const json::value* v) {
  if (!v || v->is_null()) return {};
  if (v->is_string()) return std::string(v->as_string());
  if (v->is_bool()) return v->as_bool() ? "true" : "false";
  return core::json::dump(*v);
}

} // namespace

ActionError not_found(std::string message) {
  return {404,
          {{"__type", "Not Found Error"},
           {"message", message.empty() ? "Not found" : "Not found: " + message}}};
}

ActionError validation_error(std::string field, std::string message) {
  return {409, {{"__type", "Validation Error"}, {field, json::array{json::string(message)}}}};
}

ActionError authorization_error(std::string message) {
  return {403, {{"__type", "Authorization Error"}, {"message", "Access denied: " + message}}};
}

ActionError search_query_error(std::string message) {
  return {400, {{"__type", "Search Query Error"}, {"message", std::move(message)}}};
}

Params Params::from_query(const std::vector<std::pair<std::string, std::string>>& query) {
  json::object values;
  for (const auto& [name, value] : query) {
    json::value* existing = values.if_contains(name);
    if (!existing) {
      values[name] = value;
    } else {
      if (!existing->is_array()) *existing = json::array{*existing};
      existing->as_array().push_back(json::string(value));
    }
  }
  return Params(std::move(values));
}

bool Params::has(std::string_view name) const { return values_.contains(name); }

std::optional<std::string> Params::text(std::string_view name) const {
  const json::value* v = values_.if_contains(name);
  if (!v || v->is_null()) return std::nullopt;
  if (v->is_array() || v->is_object())
    throw validation_error(std::string(name), "Must be a string");
  return text_of(v);
}

std::optional<std::int64_t> Params::integer(std::string_view name, std::int64_t min,
                                            std::int64_t max, bool cap) const {
  const json::value* v = values_.if_contains(name);
  if (!v || v->is_null() || (v->is_string() && v->as_string().empty())) return std::nullopt;
  std::int64_t n = 0;
  bool ok = false;
  if (v->is_int64()) {
    n = v->as_int64();
    ok = true;
  } else if (v->is_uint64()) {
    n = INT64_MAX;
    ok = true;
  } else if (v->is_string()) {
    const auto& s = v->as_string();
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
    ok = ec == std::errc() && end == s.data() + s.size();
    if (ec == std::errc::result_out_of_range) {
      n = s.starts_with("-") ? INT64_MIN : INT64_MAX;
      ok = true;
    }
  }
  if (!ok) throw validation_error(std::string(name), "Invalid integer");
  if (n < min)
    throw validation_error(std::string(name),
                           min == 0 ? "Must be a natural number" : "Must be a postive integer");
  if (n > max) {
    if (!cap) throw validation_error(std::string(name), "Must be at most " + std::to_string(max));
    n = max;
  }
  return n;
}

bool Params::boolean(std::string_view name, bool fallback) const {
  const json::value* v = values_.if_contains(name);
  if (!v || v->is_null()) return fallback;
  if (v->is_bool()) return v->as_bool();
  const std::string s = lower(text_of(v));
  if (s == "true" || s == "1" || s == "yes" || s == "on") return true;
  if (s == "false" || s == "0" || s == "no" || s == "off" || s.empty()) return false;
  throw validation_error(std::string(name), "Value must be one of: true, false");
}

std::vector<std::string> Params::list(std::string_view name) const {
  const json::value* v = values_.if_contains(name);
  std::vector<std::string> out;
  if (!v || v->is_null()) return out;
  auto add_array = [&](const json::array& a) {
    for (const auto& item : a) {
      if (!item.is_string()) throw validation_error(std::string(name), "Must be a list of strings");
      out.emplace_back(item.as_string());
    }
  };
  if (v->is_array()) {
    for (const auto& item : v->as_array()) { // repeated query parameters may each hold a list
      if (!item.is_string()) throw validation_error(std::string(name), "Must be a list of strings");
      const std::string s(item.as_string());
      if (s.starts_with("[")) {
        try {
          auto parsed = core::json::parse(s);
          if (!parsed.is_array()) throw validation_error(std::string(name), "Must be a list");
          add_array(parsed.as_array());
        } catch (const core::Error&) {
          throw validation_error(std::string(name), "Must be a list of strings");
        }
      } else {
        out.push_back(s);
      }
    }
    return out;
  }
  if (!v->is_string()) throw validation_error(std::string(name), "Must be a list of strings");
  const std::string s(v->as_string());
  if (s.starts_with("[")) {
    json::value parsed;
    try {
      parsed = core::json::parse(s);
    } catch (const core::Error&) {
      throw validation_error(std::string(name), "Must be a list of strings");
    }
    if (!parsed.is_array()) throw validation_error(std::string(name), "Must be a list");
    add_array(parsed.as_array());
  } else if (!s.empty()) {
    out.push_back(s);
  }
  return out;
}

Api::Api(const OpenData& open_data, std::string public_url)
    : open_data_(open_data), public_url_(std::move(public_url)) {
  while (!public_url_.empty() && public_url_.back() == '/')
    public_url_.pop_back();
}

const std::vector<std::string>& Api::actions() {
  static const std::vector<std::string> names = {
      "group_list",        "group_show",   "help_show",      "license_list", "organization_list",
      "organization_show", "package_list", "package_search", "package_show", "resource_search",
      "resource_show",     "status_show",  "tag_list"};
  return names;
}

std::string Api::help(std::string_view action) {
  static const std::map<std::string, std::string, std::less<>> texts = {
      {"status_show", "Return a dictionary with information about the site's configuration."},
      {"package_list", "Return a list of the names of the site's datasets (packages).\n\n"
                       ":param limit: if given, the list of datasets will be broken into pages "
                       "of at most ``limit`` datasets per page\n:param offset: when ``limit`` is "
                       "given, the offset to start returning packages from"},
      {"package_show", "Return the metadata of a dataset (package) and its resources.\n\n"
                       ":param id: the id or name of the dataset"},
      {"package_search",
       "Searches for packages satisfying a given search criteria.\n\n:param q: the search query "
       "(free text, field:value, *:*)\n:param fq: filter query (organization:, tags:, groups:, "
       "res_format:, license_id:, name:)\n:param fq_list: additional filter queries\n:param "
       "rows: the maximum number of matching rows (datasets) to return (default 10, at most "
       "1000)\n:param start: the offset in the complete result\n:param sort: sorting of the "
       "results, e.g. 'name asc' or 'metadata_modified desc' (default 'score desc, "
       "metadata_modified desc')\n:param facet.field: the fields to facet upon (a JSON list)\n:"
       "param facet.limit: the maximum number of values per facet (default 50, -1 = all)\n:"
       "param facet.mincount: the minimum count a value needs to be shown (default 1)\n:param "
       "include_private: include private datasets (staff only)"},
      {"organization_list", "Return a list of the names of the site's organizations.\n\n:param "
                            "all_fields: return dictionaries instead of just names\n:param "
                            "sort: 'name asc' (default), 'title asc' or 'package_count desc'\n"
                            ":param limit, offset: paging"},
      {"organization_show", "Return the details of an organization.\n\n:param id: the name of "
                            "the organization\n:param include_datasets: include its datasets"},
      {"group_list", "Return a list of the names of the site's groups (the EU data themes).\n\n"
                     ":param all_fields: return dictionaries instead of just names"},
      {"group_show", "Return the details of a group (an EU data theme).\n\n:param id: the name "
                     "of the group\n:param include_datasets: include its datasets"},
      {"tag_list", "Return a list of the site's tags.\n\n:param query: a tag name query to "
                   "search for\n:param all_fields: return dictionaries instead of just names"},
      {"license_list", "Return the list of licenses available for datasets on the site."},
      {"resource_show", "Return the metadata of a resource.\n\n:param id: the id of the "
                        "resource"},
      {"resource_search",
       "Searches for resources satisfying a given search criteria.\n\n:param query: "
       "'field:term' or a list of them (fields: name, description, format, url, mimetype)\n"
       ":param order_by: a field to order by\n:param offset, limit: paging"},
      {"help_show", "Return the help string for a particular API action.\n\n:param name: "
                    "action function name (e.g. `package_search`)"},
  };
  auto it = texts.find(action);
  return it == texts.end() ? std::string() : it->second;
}

json::object Api::resource(const Dataset& d, const Distribution& x, std::size_t position) const {
  const std::string url =
      x.file.empty() ? x.access_url : public_url_ + "/opendata/download/" + d.name + "/" + x.file;
  return {{"id", d.name + "." + x.id},
          {"package_id", d.name},
          {"name", x.title},
          {"description", x.description},
          {"format", x.format},
          {"mimetype", x.media_type},
          {"url", url},
          {"size", x.byte_size ? json::value(*x.byte_size) : json::value(nullptr)},
          {"position", position},
          {"state", "active"},
          {"url_type", nullptr},
          {"license", x.license.empty() ? d.license : x.license},
          {"created", d.issued.empty() ? d.modified : d.issued},
          {"last_modified", d.modified},
          {"datastore_active", false}};
}

json::object Api::package(const Dataset& d, const Snapshot& snap) const {
  const LicenseInfo* lic = find_license(d.license);
  json::object org =
      nullptr == snap.organization(d.organization)
          ? json::object{{"name", d.organization}}
          : json::object{{"id", d.organization},
                         {"name", d.organization},
                         {"title", snap.organization(d.organization)->title},
                         {"description", snap.organization(d.organization)->description},
                         {"type", "organization"},
                         {"is_organization", true},
                         {"state", "active"},
                         {"approval_status", "approved"},
                         {"image_url", ""}};
  json::array tags, groups, resources, extras;
  for (const auto& k : d.keywords)
    tags.push_back({{"name", k},
                    {"display_name", k},
                    {"id", k},
                    {"state", "active"},
                    {"vocabulary_id", nullptr}});
  for (const auto& t : d.themes)
    groups.push_back({{"id", group_name(t)},
                      {"name", group_name(t)},
                      {"title", theme_title(t)},
                      {"display_name", theme_title(t)},
                      {"description", ""},
                      {"image_display_url", ""}});
  for (std::size_t i = 0; i < d.distributions.size(); ++i)
    resources.push_back(resource(d, d.distributions[i], i));
  auto extra = [&extras](const char* key, const std::string& value) {
    if (!value.empty()) extras.push_back({{"key", key}, {"value", value}});
  };
  const CityInfo& city = open_data_.city();
  extra("contributorID", "[\"http://dcat-ap.de/def/contributors/" + city.contributor_id + "\"]");
  extra("politicalGeocodingLevelURI",
        "http://dcat-ap.de/def/politicalGeocoding/Level/municipality");
  extra("politicalGeocodingURI", "[\"http://dcat-ap.de/def/politicalGeocoding/municipalityKey/" +
                                     city.municipality_key + "\"]");
  extra("licenseAttributionByText", d.attribution);
  extra("issued", d.issued);
  extra("temporal_start", d.temporal_start);
  extra("temporal_end", d.temporal_end);
  extra("frequency", d.accrual_periodicity.empty()
                         ? std::string()
                         : "http://publications.europa.eu/resource/authority/frequency/" +
                               d.accrual_periodicity);
  extra("usage_personal_data", d.usage.personal_data);
  extra("usage_purpose", d.usage.purpose);
  extra("usage_retention", d.usage.retention);
  extra("usage_quality", d.usage.quality);
  return {{"id", d.name},
          {"name", d.name},
          {"title", d.title},
          {"notes", d.notes},
          {"type", "dataset"},
          {"state", "active"},
          {"private", d.is_private},
          {"owner_org", d.organization},
          {"organization", std::move(org)},
          {"author", nullptr},
          {"author_email", nullptr},
          {"maintainer", snap.organization(d.organization)
                             ? json::value(snap.organization(d.organization)->title)
                             : json::value(nullptr)},
          {"maintainer_email",
           d.contact_email.empty() ? json::value(nullptr) : json::value(d.contact_email)},
          {"url", d.contact_url},
          {"version", std::to_string(d.version)},
          {"license_id", d.license},
          {"license_title", lic ? lic->title : d.license},
          {"license_url", lic ? lic->url : ""},
          {"isopen", lic && lic->open},
          {"metadata_created", d.issued.empty() ? d.modified : d.issued + "T00:00:00Z"},
          {"metadata_modified", d.modified},
          {"num_tags", d.keywords.size()},
          {"num_resources", d.distributions.size()},
          {"tags", std::move(tags)},
          {"groups", std::move(groups)},
          {"resources", std::move(resources)},
          {"extras", std::move(extras)},
          {"relationships_as_object", json::array()},
          {"relationships_as_subject", json::array()}};
}

json::object Api::organization(const Organization& o, const Snapshot& snap,
                               const Caller& caller) const {
  std::int64_t count = 0;
  for (const auto& d : snap.datasets())
    if (d.organization == o.name && visible(d, caller, false)) ++count;
  return {{"id", o.name},
          {"name", o.name},
          {"title", o.title},
          {"display_name", o.title},
          {"description", o.description},
          {"type", "organization"},
          {"is_organization", true},
          {"state", "active"},
          {"approval_status", "approved"},
          {"image_url", ""},
          {"image_display_url", ""},
          {"package_count", count},
          {"created", ""}};
}

json::object Api::group(const std::string& theme, const Snapshot& snap,
                        const Caller& caller) const {
  std::int64_t count = 0;
  for (const auto& d : snap.datasets())
    if (visible(d, caller, false) &&
        std::find(d.themes.begin(), d.themes.end(), theme) != d.themes.end())
      ++count;
  return {{"id", group_name(theme)},
          {"name", group_name(theme)},
          {"title", theme_title(theme)},
          {"display_name", theme_title(theme)},
          {"description", "EU-Datenthema " + theme},
          {"type", "group"},
          {"is_organization", false},
          {"state", "active"},
          {"approval_status", "approved"},
          {"image_display_url", ""},
          {"package_count", count}};
}

std::shared_ptr<const SearchIndex> Api::search_index() const {
  auto snap = open_data_.snapshot();
  {
    std::lock_guard lock(index_mutex_);
    if (index_ && index_->snapshot == snap) return index_;
  }
  auto index = std::make_shared<SearchIndex>();
  index->snapshot = snap;
  for (const auto& d : snap->datasets()) {
    SearchEntry e{&d, lower(d.title), lower(d.notes), {}, search::fold_text(d.title), {}, {}, {}};
    for (const auto& k : d.keywords)
      e.tags += lower(k) + " ";
    for (std::size_t f = 0; f < kFields.size(); ++f)
      e.fields[f] = field_values(d, kFields[f]);
    for (std::size_t f = 0; f < kFields.size(); ++f) {
      auto& values = e.facets[f];
      const std::string_view field = kFields[f];
      if (field == "tags")
        for (const auto& k : d.keywords)
          values.emplace_back(k, k);
      else if (field == "groups")
        for (const auto& t : d.themes)
          values.emplace_back(group_name(t), theme_title(t));
      else if (field == "res_format")
        for (const auto& x : d.distributions)
          values.emplace_back(x.format, x.format);
      else if (field == "organization" || field == "owner_org") {
        const Organization* o = snap->organization(d.organization);
        values.emplace_back(d.organization, o ? o->title : d.organization);
      } else if (field == "license_id")
        values.emplace_back(d.license, d.license);
      else if (field == "name")
        values.emplace_back(d.name, d.title);
      else
        values.emplace_back(d.is_private ? "true" : "false", d.is_private ? "true" : "false");
      std::sort(values.begin(), values.end());
      values.erase(std::unique(values.begin(), values.end()), values.end());
    }
    e.package_text = core::json::dump(package(d, *snap));
    index->entries.push_back(std::move(e));
  }
  std::lock_guard lock(index_mutex_);
  index_ = index;
  return index;
}

std::string Api::package_search(const Params& p, const Caller& caller) const {
  // Only staff see private datasets; anybody else's include_private is ignored, as in CKAN.
  const bool include_private = p.boolean("include_private", false);
  std::vector<Clause> clauses = parse_clauses(p.text("q").value_or(""));
  for (const auto& fq : std::vector<std::string>{p.text("fq").value_or("")}) {
    auto more = parse_clauses(fq);
    clauses.insert(clauses.end(), more.begin(), more.end());
  }
  for (const auto& fq : p.list("fq_list")) {
    auto more = parse_clauses(fq);
    clauses.insert(clauses.end(), more.begin(), more.end());
  }
  const std::int64_t rows = p.integer("rows", 0, 1000, true).value_or(10);
  const std::int64_t start = p.integer("start", 0, INT64_MAX).value_or(0);
  const std::string sort_text = p.text("sort").value_or(std::string(kDefaultSort));
  const auto sort = parse_sort(sort_text.empty() ? std::string(kDefaultSort) : sort_text);
  const auto facet_fields = p.list("facet.field");
  for (const auto& f : facet_fields)
    if (!known_field(f))
      throw search_query_error("Search Query is invalid: cannot facet on '" + f + "'");
  const std::int64_t facet_limit = p.integer("facet.limit", -1, INT64_MAX).value_or(50);
  const std::int64_t facet_mincount = p.integer("facet.mincount", 0, INT64_MAX).value_or(1);

  const auto index = search_index();
  std::vector<std::pair<double, const SearchEntry*>> hits;
  for (const auto& e : index->entries) {
    if (!visible(*e.dataset, caller, include_private)) continue;
    if (const double score = match(e, clauses); score > 0) hits.emplace_back(score, &e);
  }
  std::stable_sort(hits.begin(), hits.end(), [&](const auto& a, const auto& b) {
    for (const auto& k : sort) {
      int c = 0;
      if (k.field == "score")
        c = a.first < b.first ? -1 : a.first > b.first ? 1 : 0;
      else if (k.field == "metadata_modified")
        c = a.second->dataset->modified.compare(b.second->dataset->modified);
      else if (k.field == "metadata_created")
        c = a.second->dataset->issued.compare(b.second->dataset->issued);
      else if (k.field == "name")
        c = a.second->dataset->name.compare(b.second->dataset->name);
      else if ((c = a.second->title_key.compare(b.second->title_key)) == 0)
        c = a.second->title.compare(b.second->title);
      if (c != 0) return k.descending ? c > 0 : c < 0;
    }
    return false;
  });

  json::object facets, search_facets;
  for (const auto& field : facet_fields) {
    // name -> count, display name
    std::map<std::string_view, std::pair<std::int64_t, std::string_view>> counts;
    const std::size_t f = field_index(field);
    for (const auto& [score, e] : hits)
      for (const auto& [name, display] : e->facets[f]) {
        auto& entry = counts[name];
        ++entry.first;
        entry.second = display;
      }
    std::vector<std::pair<std::string, std::pair<std::int64_t, std::string>>> sorted(counts.begin(),
                                                                                     counts.end());
    std::stable_sort(sorted.begin(), sorted.end(),
                     [](const auto& a, const auto& b) { return a.second.first > b.second.first; });
    json::object plain;
    json::array items;
    std::int64_t shown = 0;
    for (const auto& [name, entry] : sorted) {
      if (entry.first < facet_mincount) continue;
      if (facet_limit >= 0 && shown >= facet_limit) break;
      ++shown;
      plain[name] = entry.first;
      items.push_back({{"name", json::string(name)},
                       {"display_name", json::string(entry.second)},
                       {"count", entry.first}});
    }
    facets[field] = std::move(plain);
    search_facets[field] = {{"title", field}, {"items", std::move(items)}};
  }

  std::string out = "{\"count\":" + std::to_string(hits.size()) +
                    ",\"facets\":" + core::json::dump(facets) + ",\"results\":[";
  std::int64_t shown = 0;
  for (std::size_t i = static_cast<std::size_t>(std::min<std::int64_t>(start, INT32_MAX));
       i < hits.size() && shown < rows; ++i, ++shown) {
    if (shown > 0) out += ',';
    out += hits[i].second->package_text;
  }
  out += "],\"sort\":" +
         core::json::dump(json::string(sort_text.empty() ? std::string(kDefaultSort) : sort_text)) +
         ",\"search_facets\":" + core::json::dump(search_facets) + "}";
  return out;
}

json::value Api::resource_search(const Params& p, const Caller& caller) const {
  const auto snap = open_data_.snapshot();
  std::vector<std::pair<std::string, std::string>> terms; // field, lower-case term
  for (const auto& q : p.list("query")) {
    const auto colon = q.find(':');
    if (colon == std::string::npos)
      throw validation_error("query", "Resource search query should be in the form field:term");
    const std::string field = q.substr(0, colon);
    if (field != "name" && field != "description" && field != "format" && field != "url" &&
        field != "mimetype" && field != "id")
      throw validation_error("query", "Field \"" + field + "\" not recognised in resource_search.");
    terms.emplace_back(field, lower(q.substr(colon + 1)));
  }
  const std::int64_t offset = p.integer("offset", 0, INT64_MAX).value_or(0);
  const std::int64_t limit = p.integer("limit", 0, 1000, true).value_or(1000);
  const std::string order_by = p.text("order_by").value_or("");
  std::vector<json::object> found;
  for (const auto& d : snap->datasets()) {
    if (!visible(d, caller, false)) continue;
    for (std::size_t i = 0; i < d.distributions.size(); ++i) {
      json::object r = resource(d, d.distributions[i], i);
      bool ok = true;
      for (const auto& [field, term] : terms)
        ok = ok && lower(text_of(r.if_contains(field))).find(term) != std::string::npos;
      if (ok) found.push_back(std::move(r));
    }
  }
  if (!order_by.empty()) {
    if (order_by != "name" && order_by != "format" && order_by != "url" && order_by != "id")
      throw validation_error("order_by", "Cannot order by field '" + order_by + "'");
    std::stable_sort(found.begin(), found.end(), [&](const auto& a, const auto& b) {
      return text_of(a.if_contains(order_by)) < text_of(b.if_contains(order_by));
    });
  }
  json::array results;
  for (std::size_t i = static_cast<std::size_t>(std::min<std::int64_t>(offset, INT32_MAX));
       i < found.size() && static_cast<std::int64_t>(results.size()) < limit; ++i)
    results.push_back(found[i]);
  return json::object{{"count", found.size()}, {"results", std::move(results)}};
}

std::string Api::call(std::string_view action, const Params& p, const Caller& caller) const {
  if (action == "package_search") return package_search(p, caller);
  return core::json::dump(call_value(action, p, caller));
}

json::value Api::call_value(std::string_view action, const Params& p, const Caller& caller) const {
  const auto snap = open_data_.snapshot();
  if (action == "status_show")
    return json::object{{"site_title", "Offene Daten der Stadt " + open_data_.city().name},
                        {"site_description",
                         "Open-Data-Portal der Stadt " + open_data_.city().name + " (Stadtkern)"},
                        {"site_url", public_url_},
                        {"ckan_version", "2.10.0"},
                        {"error_emails_to", nullptr},
                        {"locale_default", "de"},
                        {"extensions", json::array{"dcat", "stadtkern"}}};
  if (action == "package_list") {
    const auto limit = p.integer("limit", 0, INT64_MAX);
    const std::int64_t offset = p.integer("offset", 0, INT64_MAX).value_or(0);
    json::array names;
    std::int64_t index = 0;
    for (const auto& d : snap->datasets()) {
      if (d.is_private) continue;
      if (index++ < offset) continue;
      if (limit && static_cast<std::int64_t>(names.size()) >= *limit) break;
      names.push_back(json::string(d.name));
    }
    return names;
  }
  if (action == "package_show") {
    const std::string id = p.text("id").value_or(p.text("name_or_id").value_or(""));
    if (id.empty()) throw validation_error("name_or_id", "Missing value");
    const Dataset* d = snap->dataset(id);
    if (!d || !visible(*d, caller, true)) throw not_found();
    return package(*d, *snap);
  }
  if (action == "organization_list" || action == "group_list") {
    const bool all_fields = p.boolean("all_fields", false);
    const std::string sort = p.text("sort").value_or("name asc");
    if (sort != "name asc" && sort != "name" && sort != "title asc" && sort != "title" &&
        sort != "package_count desc" && sort != "name desc" && sort != "title desc")
      throw validation_error("sort", "Cannot sort by field `" + sort + "`");
    const auto limit = p.integer("limit", 0, 1000, true);
    const std::int64_t offset = p.integer("offset", 0, INT64_MAX).value_or(0);
    const auto wanted = p.list(action == "group_list" ? "groups" : "organizations");
    std::vector<json::object> items;
    if (action == "organization_list") {
      for (const auto& o : snap->organizations())
        items.push_back(organization(o, *snap, caller));
    } else {
      for (const auto& t : theme_codes())
        items.push_back(group(t, *snap, caller));
    }
    if (!wanted.empty())
      std::erase_if(items, [&](const json::object& o) {
        return std::find(wanted.begin(), wanted.end(), o.at("name").as_string()) == wanted.end();
      });
    const std::string key = sort.starts_with("title")           ? "title"
                            : sort.starts_with("package_count") ? "package_count"
                                                                : "name";
    const bool descending = sort.ends_with("desc");
    std::stable_sort(items.begin(), items.end(), [&](const auto& a, const auto& b) {
      if (key == "package_count") return a.at(key).as_int64() > b.at(key).as_int64();
      const auto x = lower(a.at(key).as_string()), y = lower(b.at(key).as_string());
      return descending ? x > y : x < y;
    });
    json::array out;
    for (std::size_t i = static_cast<std::size_t>(std::min<std::int64_t>(offset, INT32_MAX));
         i < items.size() && (!limit || static_cast<std::int64_t>(out.size()) < *limit); ++i)
      out.push_back(all_fields ? json::value(items[i]) : json::value(items[i].at("name")));
    return out;
  }
  if (action == "organization_show" || action == "group_show") {
    const std::string id = p.text("id").value_or("");
    if (id.empty()) throw validation_error("id", "Missing value");
    json::object result;
    std::function<bool(const Dataset&)> member;
    if (action == "organization_show") {
      const Organization* o = snap->organization(id);
      if (!o) throw not_found("Organization was not found.");
      result = organization(*o, *snap, caller);
      member = [id](const Dataset& d) { return d.organization == id; };
    } else {
      std::string theme;
      for (const auto& t : theme_codes())
        if (group_name(t) == lower(id)) theme = t;
      if (theme.empty()) throw not_found("Group was not found.");
      result = group(theme, *snap, caller);
      member = [theme](const Dataset& d) {
        return std::find(d.themes.begin(), d.themes.end(), theme) != d.themes.end();
      };
    }
    if (p.boolean("include_datasets", false)) {
      json::array packages;
      for (const auto& d : snap->datasets())
        if (member(d) && visible(d, caller, false) && packages.size() < 1000)
          packages.push_back(package(d, *snap));
      result["packages"] = std::move(packages);
    }
    result["users"] = json::array();
    result["extras"] = json::array();
    result["tags"] = json::array();
    result["groups"] = json::array();
    return result;
  }
  if (action == "tag_list") {
    const std::string query = lower(p.text("query").value_or(""));
    const bool all_fields = p.boolean("all_fields", false);
    std::map<std::string, std::string> tags; // lower -> as written
    for (const auto& d : snap->datasets())
      if (!d.is_private)
        for (const auto& k : d.keywords)
          if (query.empty() || lower(k).find(query) != std::string::npos) tags.emplace(k, k);
    json::array out;
    for (const auto& [name, display] : tags)
      out.push_back(all_fields ? json::value(json::object{{"id", name},
                                                          {"name", name},
                                                          {"display_name", display},
                                                          {"vocabulary_id", nullptr}})
                               : json::value(json::string(name)));
    return out;
  }
  if (action == "license_list") {
    json::array out;
    for (const auto& l : licenses())
      out.push_back({{"id", l.id},
                     {"title", l.title},
                     {"url", l.url},
                     {"status", "active"},
                     {"maintainer", ""},
                     {"family", ""},
                     {"domain_content", false},
                     {"domain_data", true},
                     {"domain_software", false},
                     {"is_generic", false},
                     {"is_okd_compliant", l.open},
                     {"is_osi_compliant", false},
                     {"od_conformance", l.open ? "approved" : "not reviewed"},
                     {"osd_conformance", "not reviewed"}});
    return out;
  }
  if (action == "resource_show") {
    const std::string id = p.text("id").value_or("");
    if (id.empty()) throw validation_error("id", "Missing value");
    const auto dot = id.find('.');
    const Dataset* d = dot == std::string::npos ? nullptr : snap->dataset(id.substr(0, dot));
    if (d && visible(*d, caller, true))
      for (std::size_t i = 0; i < d->distributions.size(); ++i)
        if (d->distributions[i].id == id.substr(dot + 1))
          return resource(*d, d->distributions[i], i);
    throw not_found("Resource was not found.");
  }
  if (action == "resource_search") return resource_search(p, caller);
  if (action == "help_show") {
    const std::string name = p.text("name").value_or("");
    if (name.empty()) throw validation_error("name", "Missing value");
    const std::string text = help(name);
    if (text.empty()) throw not_found("Action function not found");
    return json::string(text);
  }
  throw not_found("Action function not found");
}

} // namespace opendata::ckan
