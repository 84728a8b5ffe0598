#include "opendata/model.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <regex>

namespace opendata {
namespace {

namespace json = boost::json;

// Reads one member with its type checked; missing or null gives fallback.
std::string text(const json::object& o, std::string_view name, std::vector<FieldError>& errors,
                 std::string_view prefix = {}, std::size_t max = 20000) {
  const json::value* v = o.if_contains(name);
  if (!v || v->is_null()) return {};
  if (!v->is_string()) {
    errors.push_back({std::string(prefix) + std::string(name), "must be a string"});
    return {};
  }
  std::string s(v->as_string());
  if (s.size() > max)
    errors.push_back({std::string(prefix) + std::string(name),
                      "must be at most " + std::to_string(max) + " bytes"});
  return s;
}

std::vector<std::string> texts(const json::object& o, std::string_view name,
                               std::vector<FieldError>& errors) {
  std::vector<std::string> out;
  const json::value* v = o.if_contains(name);
  if (!v || v->is_null()) return out;
  if (!v->is_array()) {
    errors.push_back({std::string(name), "must be a list of strings"});
    return out;
  }
  for (const auto& item : v->as_array()) {
    if (!item.is_string() || item.as_string().empty() || item.as_string().size() > 200) {
      errors.push_back({std::string(name), "must be a list of strings of 1..200 bytes"});
      return {};
    }
    out.emplace_back(item.as_string());
  }
  if (out.size() > 100) errors.push_back({std::string(name), "must have at most 100 entries"});
  return out;
}

bool is_http_url(std::string_view s) {
  return (s.starts_with("https://") || s.starts_with("http://")) && s.size() > 8 &&
         s.find_first_of(" \t\r\n<>\"{}|\\^`") == std::string_view::npos;
}

bool is_date(std::string_view s) {
  static const std::regex re(R"(\d{4}-\d{2}-\d{2})");
  return std::regex_match(s.begin(), s.end(), re);
}

// An address that also makes a valid mailto: IRI: one '@', no spaces,
// quotes, brackets or other characters an IRI cannot hold.
bool is_email(std::string_view s) {
  const auto at = s.find('@');
  if (at == std::string_view::npos || at == 0 || at + 1 >= s.size() ||
      s.find('@', at + 1) != std::string_view::npos)
    return false;
  for (unsigned char c : s)
    if (c <= 0x20 || c == 0x7f ||
        std::string_view("<>\"{}|\\^`[]()?#,;:").find(static_cast<char>(c)) !=
            std::string_view::npos)
      return false;
  return true;
}

const std::vector<std::string>& frequency_codes() {
  static const std::vector<std::string> codes = {
      "CONT",     "UPDATE_CONT", "DAILY",    "WEEKLY",   "MONTHLY", "QUARTERLY",
      "ANNUAL",   "BIENNIAL",    "IRREG",    "NEVER",    "UNKNOWN", "HOURLY",
      "BIWEEKLY", "BIMONTHLY",   "ANNUAL_2", "ANNUAL_3", "OTHER"};
  return codes;
}

bool contains(const std::vector<std::string>& list, std::string_view s) {
  return std::find(list.begin(), list.end(), s) != list.end();
}

json::object distribution_to_json(const Distribution& d) {
  json::object o{{"id", d.id},
                 {"title", d.title},
                 {"description", d.description},
                 {"format", d.format},
                 {"media_type", d.media_type},
                 {"file", d.file},
                 {"access_url", d.access_url},
                 {"license", d.license}};
  o["byte_size"] = d.byte_size ? json::value(*d.byte_size) : json::value(nullptr);
  return o;
}

Distribution distribution_from_json(const json::object& o, std::size_t index,
                                    std::vector<FieldError>& errors) {
  const std::string p = "distributions[" + std::to_string(index) + "].";
  Distribution d;
  d.id = text(o, "id", errors, p, 100);
  if (!is_slug(d.id)) errors.push_back({p + "id", "must be a slug of 2..100 [a-z0-9_-]"});
  d.title = text(o, "title", errors, p, 500);
  if (d.title.empty()) errors.push_back({p + "title", "is required"});
  d.description = text(o, "description", errors, p);
  d.format = text(o, "format", errors, p, 40);
  if (d.format.empty() ||
      d.format.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_") != std::string::npos)
    errors.push_back({p + "format", "must be an EU file type code such as CSV"});
  d.media_type = text(o, "media_type", errors, p, 100);
  if (d.media_type.find('/') == std::string::npos)
    errors.push_back({p + "media_type", "must be a media type such as text/csv"});
  d.file = text(o, "file", errors, p, 100);
  d.access_url = text(o, "access_url", errors, p, 2000);
  if (d.file.empty() == d.access_url.empty())
    errors.push_back({p + "file", "give either file (a generated file) or access_url"});
  if (!d.file.empty() && (d.file.find('/') != std::string::npos || d.file.starts_with(".")))
    errors.push_back({p + "file", "must be a plain file name"});
  if (!d.access_url.empty() && !is_http_url(d.access_url))
    errors.push_back({p + "access_url", "must be an http(s) URL"});
  if (const json::value* v = o.if_contains("byte_size"); v && !v->is_null()) {
    if (!v->is_int64() || v->as_int64() < 0)
      errors.push_back({p + "byte_size", "must be a whole number >= 0"});
    else
      d.byte_size = v->as_int64();
  }
  d.license = text(o, "license", errors, p, 100);
  if (!d.license.empty() && !find_license(d.license))
    errors.push_back({p + "license", "is not a known licence code"});
  return d;
}

} // namespace

const std::vector<LicenseInfo>& licenses() {
  static const std::vector<LicenseInfo> list = {
      {"dl-by-de/2.0", "Datenlizenz Deutschland – Namensnennung – Version 2.0",
       "https://www.govdata.de/dl-de/by-2-0", true},
      {"dl-zero-de/2.0", "Datenlizenz Deutschland – Zero – Version 2.0",
       "https://www.govdata.de/dl-de/zero-2-0", true},
      {"cc-by/4.0", "Creative Commons Namensnennung – 4.0 International (CC BY 4.0)",
       "https://creativecommons.org/licenses/by/4.0/", true},
      {"cc-by-sa/4.0",
       "Creative Commons Namensnennung – Weitergabe unter gleichen Bedingungen 4.0 International "
       "(CC BY-SA 4.0)",
       "https://creativecommons.org/licenses/by-sa/4.0/", true},
      {"cc-zero", "Creative Commons CC Zero License (cc-zero)",
       "https://creativecommons.org/publicdomain/zero/1.0/", true},
      {"odbl", "Open Data Commons Open Database License (ODbL)",
       "https://opendatacommons.org/licenses/odbl/1-0/", true},
  };
  return list;
}

const LicenseInfo* find_license(std::string_view id) {
  for (const auto& l : licenses())
    if (l.id == id) return &l;
  return nullptr;
}

const std::vector<std::string>& theme_codes() {
  static const std::vector<std::string> codes = {"AGRI", "ECON", "EDUC", "ENER",     "ENVI",
                                                 "GOVE", "HEAL", "INTR", "JUST",     "REGI",
                                                 "SOCI", "TECH", "TRAN", "OP_DATPRO"};
  return codes;
}

bool is_slug(std::string_view s) {
  if (s.size() < 2 || s.size() > 100) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
  });
}

json::object to_json(const Organization& o) {
  return {{"name", o.name},
          {"title", o.title},
          {"description", o.description},
          {"email", o.email},
          {"homepage", o.homepage}};
}

Organization organization_from_json(const json::object& o, std::vector<FieldError>& errors) {
  Organization org;
  org.name = text(o, "name", errors, {}, 100);
  if (!is_slug(org.name)) errors.push_back({"name", "must be a slug of 2..100 [a-z0-9_-]"});
  org.title = text(o, "title", errors, {}, 500);
  if (org.title.empty()) errors.push_back({"title", "is required"});
  org.description = text(o, "description", errors);
  org.email = text(o, "email", errors, {}, 200);
  if (!is_email(org.email)) errors.push_back({"email", "must be an e-mail address"});
  org.homepage = text(o, "homepage", errors, {}, 2000);
  if (!org.homepage.empty() && !is_http_url(org.homepage))
    errors.push_back({"homepage", "must be an http(s) URL"});
  return org;
}

json::object to_json(const Dataset& d) {
  json::array dists;
  for (const auto& x : d.distributions)
    dists.push_back(distribution_to_json(x));
  return {{"name", d.name},
          {"title", d.title},
          {"notes", d.notes},
          {"organization", d.organization},
          {"contact_email", d.contact_email},
          {"contact_url", d.contact_url},
          {"license", d.license},
          {"attribution", d.attribution},
          {"themes", json::value_from(d.themes)},
          {"keywords", json::value_from(d.keywords)},
          {"temporal_start", d.temporal_start},
          {"temporal_end", d.temporal_end},
          {"issued", d.issued},
          {"modified", d.modified},
          {"accrual_periodicity", d.accrual_periodicity},
          {"live_source", d.live_source},
          {"private", d.is_private},
          {"usage",
           {{"personal_data", d.usage.personal_data},
            {"purpose", d.usage.purpose},
            {"retention", d.usage.retention},
            {"quality", d.usage.quality}}},
          {"distributions", std::move(dists)},
          {"version", d.version}};
}

Dataset dataset_from_json(const json::object& o, std::vector<FieldError>& errors) {
  Dataset d;
  d.name = text(o, "name", errors, {}, 100);
  if (!is_slug(d.name)) errors.push_back({"name", "must be a slug of 2..100 [a-z0-9_-]"});
  d.title = text(o, "title", errors, {}, 500);
  if (d.title.empty()) errors.push_back({"title", "is required"});
  d.notes = text(o, "notes", errors);
  if (d.notes.empty()) errors.push_back({"notes", "is required (dct:description)"});
  d.organization = text(o, "organization", errors, {}, 100);
  if (!is_slug(d.organization)) errors.push_back({"organization", "must name an organization"});
  d.contact_email = text(o, "contact_email", errors, {}, 200);
  d.contact_url = text(o, "contact_url", errors, {}, 2000);
  if (d.contact_email.empty() && d.contact_url.empty())
    errors.push_back({"contact_email", "give a contact e-mail or contact_url"});
  if (!d.contact_email.empty() && !is_email(d.contact_email))
    errors.push_back({"contact_email", "must be an e-mail address"});
  if (!d.contact_url.empty() && !is_http_url(d.contact_url))
    errors.push_back({"contact_url", "must be an http(s) URL"});
  d.license = text(o, "license", errors, {}, 100);
  const LicenseInfo* lic = find_license(d.license);
  if (!lic) errors.push_back({"license", "must be a licence code of dcat-ap.de/def/licenses"});
  d.attribution = text(o, "attribution", errors, {}, 1000);
  if (lic && d.license.find("-by") != std::string::npos && d.attribution.empty())
    errors.push_back({"attribution", "is required for a licence that asks for attribution"});
  d.themes = texts(o, "themes", errors);
  if (d.themes.empty()) errors.push_back({"themes", "name at least one EU data theme"});
  for (const auto& t : d.themes)
    if (!contains(theme_codes(), t)) errors.push_back({"themes", "unknown EU data theme " + t});
  d.keywords = texts(o, "keywords", errors);
  d.temporal_start = text(o, "temporal_start", errors, {}, 10);
  d.temporal_end = text(o, "temporal_end", errors, {}, 10);
  d.issued = text(o, "issued", errors, {}, 10);
  for (auto [name, value] :
       {std::pair{"temporal_start", &d.temporal_start}, std::pair{"temporal_end", &d.temporal_end},
        std::pair{"issued", &d.issued}})
    if (!value->empty() && !is_date(*value))
      errors.push_back({name, "must be an ISO date YYYY-MM-DD"});
  if (!d.temporal_start.empty() && !d.temporal_end.empty() && d.temporal_end < d.temporal_start)
    errors.push_back({"temporal_end", "must not be before temporal_start"});
  d.modified = text(o, "modified", errors, {}, 40);
  d.accrual_periodicity = text(o, "accrual_periodicity", errors, {}, 20);
  if (!d.accrual_periodicity.empty() && !contains(frequency_codes(), d.accrual_periodicity))
    errors.push_back({"accrual_periodicity", "must be an EU frequency code such as DAILY"});
  d.live_source = text(o, "live_source", errors, {}, 100);
  if (auto v = o.if_contains("private"); v && !v->is_null()) {
    if (!v->is_bool())
      errors.push_back({"private", "must be true or false"});
    else
      d.is_private = v->as_bool();
  }
  if (auto v = o.if_contains("usage"); v && !v->is_null()) {
    if (!v->is_object()) {
      errors.push_back({"usage", "must be an object"});
    } else {
      const auto& u = v->as_object();
      d.usage.personal_data = text(u, "personal_data", errors, "usage.", 40);
      if (d.usage.personal_data != "keine" && d.usage.personal_data != "anonymisiert")
        errors.push_back({"usage.personal_data",
                          "must be 'keine' or 'anonymisiert' (personal data are never published)"});
      d.usage.purpose = text(u, "purpose", errors, "usage.");
      d.usage.retention = text(u, "retention", errors, "usage.");
      d.usage.quality = text(u, "quality", errors, "usage.");
    }
  }
  if (auto v = o.if_contains("distributions"); v && !v->is_null()) {
    if (!v->is_array()) {
      errors.push_back({"distributions", "must be a list"});
    } else {
      std::size_t i = 0;
      for (const auto& item : v->as_array()) {
        if (!item.is_object())
          errors.push_back({"distributions[" + std::to_string(i) + "]", "must be an object"});
        else
          d.distributions.push_back(distribution_from_json(item.as_object(), i, errors));
        ++i;
      }
      for (std::size_t a = 0; a < d.distributions.size(); ++a)
        for (std::size_t b = a + 1; b < d.distributions.size(); ++b)
          if (d.distributions[a].id == d.distributions[b].id)
            errors.push_back({"distributions", "duplicate id " + d.distributions[a].id});
    }
  }
  if (auto v = o.if_contains("version"); v && v->is_int64()) d.version = v->as_int64();
  return d;
}

} // namespace opendata
