#include "catalog/codec.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>

namespace catalog {
namespace {

namespace json = boost::json;

bool is_slug(const std::string& s) {
  if (s.empty() || s.size() > 100 || s.front() == '-' || s.back() == '-') return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  });
}

bool digits(const std::string& s, std::size_t from, std::size_t count) {
  for (std::size_t i = from; i < from + count; ++i)
    if (i >= s.size() || s[i] < '0' || s[i] > '9') return false;
  return true;
}

int number_at(const std::string& s, std::size_t from, std::size_t count) {
  return std::stoi(s.substr(from, count));
}

// YYYY-MM-DD with a real month and a day the month can have.
bool is_iso_date(const std::string& s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-' || !digits(s, 0, 4) || !digits(s, 5, 2) ||
      !digits(s, 8, 2))
    return false;
  const int year = number_at(s, 0, 4), month = number_at(s, 5, 2), day = number_at(s, 8, 2);
  static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12 || day < 1 || day > kDays[month - 1]) return false;
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return !(month == 2 && day == 29 && !leap);
}

// HH:MM, 00:00 to 23:59.
bool is_clock_time(const std::string& s) {
  return s.size() == 5 && s[2] == ':' && digits(s, 0, 2) && digits(s, 3, 2) &&
         number_at(s, 0, 2) < 24 && number_at(s, 3, 2) < 60;
}

// 1000000 rather than 1000000.000000.
std::string compact(double d) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.10g", d);
  return buffer;
}

bool is_url(const std::string& s) { return s.starts_with("https://") || s.starts_with("http://"); }

// Reads the fields of one JSON object and records what is wrong with them.
class FieldReader {
public:
  FieldReader(const json::value& v, std::string record, std::vector<ValidationError>& errors,
              std::string prefix = "")
      : record_(std::move(record)), prefix_(std::move(prefix)), errors_(errors) {
    if (v.is_object())
      object_ = &v.as_object();
    else
      fail("", "must be a JSON object");
  }

  bool ok() const { return object_ != nullptr; }
  void fail(const std::string& field, const std::string& message) {
    errors_.push_back({record_, prefix_ + field, message});
  }

  const json::value* get(const std::string& name, bool required) {
    if (!object_) return nullptr;
    auto it = object_->find(name);
    if (it == object_->end() || it->value().is_null()) {
      if (required) fail(name, "is required");
      return nullptr;
    }
    return &it->value();
  }

  std::string text(const std::string& name, bool required = true, std::size_t max = 2000) {
    const json::value* v = get(name, required);
    if (!v) return {};
    if (!v->is_string()) {
      fail(name, "must be a string");
      return {};
    }
    std::string s(v->as_string());
    if (required && s.find_first_not_of(" \t\r\n") == std::string::npos)
      fail(name, "must not be empty");
    if (s.size() > max) fail(name, "is longer than " + std::to_string(max) + " characters");
    return s;
  }

  std::optional<std::string> optional_text(const std::string& name, std::size_t max = 2000) {
    if (!get(name, false)) return std::nullopt;
    return text(name, false, max);
  }

  std::vector<std::string> texts(const std::string& name, bool required = true,
                                 std::size_t max = 1000) {
    std::vector<std::string> out;
    const json::value* v = get(name, required);
    if (!v) return out;
    if (!v->is_array()) {
      fail(name, "must be a list of strings");
      return out;
    }
    std::size_t i = 0;
    for (const auto& item : v->as_array()) {
      const std::string field = name + "[" + std::to_string(i++) + "]";
      if (!item.is_string())
        fail(field, "must be a string");
      else if (item.as_string().empty())
        fail(field, "must not be empty");
      else if (item.as_string().size() > max)
        fail(field, "is too long");
      else
        out.emplace_back(item.as_string());
    }
    return out;
  }

  std::optional<int> integer(const std::string& name, int min, int max, bool required) {
    const json::value* v = get(name, required);
    if (!v) return std::nullopt;
    if (!v->is_int64() && !v->is_uint64()) {
      fail(name, "must be a whole number");
      return std::nullopt;
    }
    const long long n =
        v->is_int64() ? v->as_int64()
                      : static_cast<long long>(std::min<std::uint64_t>(v->as_uint64(), 1ULL << 40));
    if (n < min || n > max) {
      fail(name, "must be between " + std::to_string(min) + " and " + std::to_string(max));
      return std::nullopt;
    }
    return static_cast<int>(n);
  }

  std::optional<double> number(const std::string& name, double min, double max, bool required) {
    const json::value* v = get(name, required);
    if (!v) return std::nullopt;
    if (!v->is_number()) {
      fail(name, "must be a number");
      return std::nullopt;
    }
    const double d = v->to_number<double>();
    if (!std::isfinite(d) || d < min || d > max) {
      fail(name, "must be between " + compact(min) + " and " + compact(max));
      return std::nullopt;
    }
    return d;
  }

  const json::array* list(const std::string& name, bool required) {
    const json::value* v = get(name, required);
    if (!v) return nullptr;
    if (!v->is_array()) {
      fail(name, "must be a list");
      return nullptr;
    }
    return &v->as_array();
  }

  void reject_unknown(std::initializer_list<const char*> known) {
    if (!object_) return;
    for (const auto& [key, value] : *object_) {
      const bool listed =
          std::any_of(known.begin(), known.end(), [&](const char* k) { return key == k; });
      if (!listed) fail(std::string(key), "is not a known field");
    }
  }

  const std::string& record() const { return record_; }
  const std::string& prefix() const { return prefix_; }
  std::vector<ValidationError>& errors() { return errors_; }

private:
  const json::object* object_ = nullptr;
  std::string record_;
  std::string prefix_;
  std::vector<ValidationError>& errors_;
};

std::string record_name(const char* kind, const json::value& v, const std::string& label) {
  if (v.is_object())
    if (auto* id = v.as_object().if_contains("id");
        id && id->is_string() && !id->as_string().empty())
      return std::string(kind) + " " + std::string(id->as_string());
  return label;
}

json::array to_array(const std::vector<std::string>& items) {
  json::array a;
  for (const auto& s : items)
    a.emplace_back(s);
  return a;
}

} // namespace

Service service_from_json(const json::value& v, const std::string& label,
                          std::vector<ValidationError>& errors) {
  FieldReader r(v, record_name("service", v, label), errors);
  Service s;
  if (!r.ok()) return s;
  r.reject_unknown({"id",
                    "leika",
                    "title",
                    "summary",
                    "description",
                    "topic",
                    "department",
                    "prerequisites",
                    "documents",
                    "fees",
                    "processing_time",
                    "deadlines",
                    "legal_basis",
                    "forms",
                    "hints",
                    "offices",
                    "online_service_url",
                    "channels",
                    "maturity",
                    "maturity_2025",
                    "appointment_minutes",
                    "keywords",
                    "synonyms",
                    "related",
                    "last_review",
                    "version"});
  s.id = r.text("id", true, 100);
  if (!s.id.empty() && !is_slug(s.id)) r.fail("id", "must use only a-z, 0-9 and '-'");
  s.leika = r.text("leika", true, 14);
  if (!s.leika.empty() && (s.leika.size() != 14 || !s.leika.starts_with("99") ||
                           !std::all_of(s.leika.begin(), s.leika.end(), ::isdigit)))
    r.fail("leika", "must be 14 digits starting with 99");
  s.title = r.text("title", true, 200);
  s.summary = r.text("summary", true, 1000);
  s.description = r.text("description", true, 20000);
  s.topic = r.text("topic", true, 100);
  s.department = r.text("department", true, 100);
  s.prerequisites = r.texts("prerequisites");
  s.documents = r.texts("documents");
  if (const json::array* fees = r.list("fees", true)) {
    for (std::size_t i = 0; i < fees->size(); ++i) {
      FieldReader f((*fees)[i], r.record(), errors, "fees[" + std::to_string(i) + "].");
      if (!f.ok()) continue;
      f.reject_unknown({"amount", "currency", "condition", "per"});
      Fee fee;
      fee.amount = f.number("amount", 0, 1'000'000, true).value_or(0);
      fee.currency = f.optional_text("currency", 3).value_or("EUR");
      if (fee.currency != "EUR") f.fail("currency", "must be EUR");
      fee.condition = f.optional_text("condition", 300).value_or("");
      fee.per = f.optional_text("per", 50).value_or("");
      s.fees.push_back(std::move(fee));
    }
  }
  s.processing_time = r.optional_text("processing_time", 300).value_or("");
  s.deadlines = r.optional_text("deadlines", 1000).value_or("");
  s.legal_basis = r.texts("legal_basis");
  if (const json::array* forms = r.list("forms", false)) {
    for (std::size_t i = 0; i < forms->size(); ++i) {
      FieldReader f((*forms)[i], r.record(), errors, "forms[" + std::to_string(i) + "].");
      if (!f.ok()) continue;
      f.reject_unknown({"title", "url"});
      Form form{f.text("title", true, 300), f.text("url", true, 1000)};
      if (!form.url.empty() && !is_url(form.url)) f.fail("url", "must be an http(s) URL");
      s.forms.push_back(std::move(form));
    }
  }
  s.hints = r.texts("hints", false, 2000);
  s.offices = r.texts("offices", true, 100);
  s.online_service_url = r.optional_text("online_service_url", 1000);
  if (s.online_service_url && (s.online_service_url->empty() || !is_url(*s.online_service_url)))
    r.fail("online_service_url", "must be an http(s) URL or null");
  if (auto* present = r.get("online_service_url", false); !present) {
    const bool given = v.is_object() && v.as_object().contains("online_service_url");
    if (!given) r.fail("online_service_url", "is required (null when there is none)");
  }
  s.channels = r.texts("channels", true, 20);
  for (std::size_t i = 0; i < s.channels.size(); ++i) {
    const auto& names = channel_names();
    if (std::find(names.begin(), names.end(), s.channels[i]) == names.end())
      r.fail("channels[" + std::to_string(i) + "]",
             "must be one of vor_ort, online, post, telefon, email");
  }
  if (s.channels.empty() && r.get("channels", false))
    r.fail("channels", "must name at least one channel");
  s.maturity = r.integer("maturity", 0, 4, true).value_or(0);
  s.maturity_2025 = r.integer("maturity_2025", 0, 7, false);
  s.appointment_minutes = r.integer("appointment_minutes", 5, 480, false);
  if (v.is_object() && !v.as_object().contains("appointment_minutes"))
    r.fail("appointment_minutes", "is required (null when no appointment is needed)");
  s.keywords = r.texts("keywords", true, 100);
  s.synonyms = r.texts("synonyms", false, 100);
  s.related = r.texts("related", false, 100);
  s.last_review = r.text("last_review", true, 10);
  if (!s.last_review.empty() && !is_iso_date(s.last_review))
    r.fail("last_review", "must be a date YYYY-MM-DD");
  s.version = r.integer("version", 0, 1'000'000'000, false).value_or(0);
  return s;
}

Office office_from_json(const json::value& v, const std::string& label,
                        std::vector<ValidationError>& errors) {
  FieldReader r(v, record_name("office", v, label), errors);
  Office o;
  if (!r.ok()) return o;
  r.reject_unknown({"id", "name", "department", "address", "position", "phone", "email",
                    "opening_hours", "exceptions", "accessibility", "counters", "transit",
                    "version"});
  o.id = r.text("id", true, 100);
  if (!o.id.empty() && !is_slug(o.id)) r.fail("id", "must use only a-z, 0-9 and '-'");
  o.name = r.text("name", true, 200);
  o.department = r.text("department", true, 100);
  if (const json::value* address = r.get("address", true)) {
    FieldReader a(*address, r.record(), errors, "address.");
    a.reject_unknown({"street", "postal_code", "city"});
    o.street = a.text("street", true, 200);
    o.postal_code = a.text("postal_code", true, 10);
    if (!o.postal_code.empty() &&
        (o.postal_code.size() != 5 ||
         !std::all_of(o.postal_code.begin(), o.postal_code.end(), ::isdigit)))
      a.fail("postal_code", "must be five digits");
    o.city = a.text("city", true, 100);
  }
  if (const json::value* position = r.get("position", true)) {
    FieldReader p(*position, r.record(), errors, "position.");
    p.reject_unknown({"lat", "lon"});
    o.lat = p.number("lat", -90, 90, true).value_or(0);
    o.lon = p.number("lon", -180, 180, true).value_or(0);
  }
  o.phone = r.text("phone", true, 50);
  o.email = r.text("email", true, 200);
  if (!o.email.empty() && o.email.find('@') == std::string::npos)
    r.fail("email", "must be an e-mail address");
  static const std::set<std::string> days = {"mo", "di", "mi", "do", "fr", "sa", "so"};
  if (const json::array* hours = r.list("opening_hours", true)) {
    for (std::size_t i = 0; i < hours->size(); ++i) {
      FieldReader h((*hours)[i], r.record(), errors, "opening_hours[" + std::to_string(i) + "].");
      if (!h.ok()) continue;
      h.reject_unknown({"day", "open", "close"});
      OpeningSlot slot{h.text("day", true, 2), h.text("open", true, 5), h.text("close", true, 5)};
      if (!slot.day.empty() && !days.count(slot.day))
        h.fail("day", "must be one of mo di mi do fr sa so");
      if (!slot.open.empty() && !is_clock_time(slot.open)) h.fail("open", "must be a time HH:MM");
      if (!slot.close.empty() && !is_clock_time(slot.close))
        h.fail("close", "must be a time HH:MM");
      if (is_clock_time(slot.open) && is_clock_time(slot.close) && slot.open >= slot.close)
        h.fail("close", "must be after open");
      o.opening_hours.push_back(std::move(slot));
    }
  }
  if (const json::array* exceptions = r.list("exceptions", false)) {
    for (std::size_t i = 0; i < exceptions->size(); ++i) {
      FieldReader e((*exceptions)[i], r.record(), errors, "exceptions[" + std::to_string(i) + "].");
      if (!e.ok()) continue;
      e.reject_unknown({"date", "closed", "open", "close", "note"});
      OpeningException ex;
      ex.date = e.text("date", true, 10);
      if (!ex.date.empty() && !is_iso_date(ex.date)) e.fail("date", "must be a date YYYY-MM-DD");
      if (const json::value* closed = e.get("closed", false)) {
        if (!closed->is_bool())
          e.fail("closed", "must be true or false");
        else
          ex.closed = closed->as_bool();
      }
      ex.open = e.optional_text("open", 5).value_or("");
      ex.close = e.optional_text("close", 5).value_or("");
      if (!ex.closed &&
          (!is_clock_time(ex.open) || !is_clock_time(ex.close) || ex.open >= ex.close))
        e.fail("open", "an exception that is not closed needs open and close times HH:MM");
      ex.note = e.optional_text("note", 300).value_or("");
      o.exceptions.push_back(std::move(ex));
    }
  }
  o.accessibility = r.text("accessibility", true, 2000);
  o.counters = r.integer("counters", 1, 100, true).value_or(1);
  o.transit = r.optional_text("transit", 500).value_or("");
  o.version = r.integer("version", 0, 1'000'000'000, false).value_or(0);
  return o;
}

void check_catalog(const CatalogData& data, std::vector<ValidationError>& errors) {
  std::set<std::string> service_ids, leika_keys, office_ids;
  for (const Office& o : data.offices)
    if (!o.id.empty() && !office_ids.insert(o.id).second)
      errors.push_back({"office " + o.id, "id", "is used by more than one office"});
  for (const Service& s : data.services) {
    if (!s.id.empty() && !service_ids.insert(s.id).second)
      errors.push_back({"service " + s.id, "id", "is used by more than one service"});
    if (!s.leika.empty() && !leika_keys.insert(s.leika).second)
      errors.push_back({"service " + s.id, "leika",
                        "LeiKa key " + s.leika + " is used by more than one service"});
  }
  for (const Service& s : data.services) {
    for (std::size_t i = 0; i < s.offices.size(); ++i)
      if (!office_ids.count(s.offices[i]))
        errors.push_back({"service " + s.id, "offices[" + std::to_string(i) + "]",
                          "no office '" + s.offices[i] + "'"});
    for (std::size_t i = 0; i < s.related.size(); ++i)
      if (!service_ids.count(s.related[i]) || s.related[i] == s.id)
        errors.push_back({"service " + s.id, "related[" + std::to_string(i) + "]",
                          "no other service '" + s.related[i] + "'"});
  }
}

json::object to_json(const Service& s, bool with_version) {
  json::object o;
  o["id"] = s.id;
  o["leika"] = s.leika;
  o["title"] = s.title;
  o["summary"] = s.summary;
  o["description"] = s.description;
  o["topic"] = s.topic;
  o["department"] = s.department;
  o["prerequisites"] = to_array(s.prerequisites);
  o["documents"] = to_array(s.documents);
  json::array fees;
  for (const Fee& f : s.fees) {
    json::object fee{{"amount", f.amount}, {"currency", f.currency}, {"condition", f.condition}};
    if (!f.per.empty()) fee["per"] = f.per;
    fees.push_back(std::move(fee));
  }
  o["fees"] = std::move(fees);
  if (!s.processing_time.empty()) o["processing_time"] = s.processing_time;
  if (!s.deadlines.empty()) o["deadlines"] = s.deadlines;
  o["legal_basis"] = to_array(s.legal_basis);
  json::array forms;
  for (const Form& f : s.forms)
    forms.push_back(json::object{{"title", f.title}, {"url", f.url}});
  o["forms"] = std::move(forms);
  o["hints"] = to_array(s.hints);
  o["offices"] = to_array(s.offices);
  o["online_service_url"] =
      s.online_service_url ? json::value(*s.online_service_url) : json::value(nullptr);
  o["channels"] = to_array(s.channels);
  o["maturity"] = s.maturity;
  if (s.maturity_2025) o["maturity_2025"] = *s.maturity_2025;
  o["appointment_minutes"] =
      s.appointment_minutes ? json::value(*s.appointment_minutes) : json::value(nullptr);
  o["keywords"] = to_array(s.keywords);
  o["synonyms"] = to_array(s.synonyms);
  o["related"] = to_array(s.related);
  o["last_review"] = s.last_review;
  if (with_version) o["version"] = s.version;
  return o;
}

json::object to_json(const Office& o, bool with_version) {
  json::object out;
  out["id"] = o.id;
  out["name"] = o.name;
  out["department"] = o.department;
  out["address"] =
      json::object{{"street", o.street}, {"postal_code", o.postal_code}, {"city", o.city}};
  out["position"] = json::object{{"lat", o.lat}, {"lon", o.lon}};
  out["phone"] = o.phone;
  out["email"] = o.email;
  json::array hours;
  for (const auto& h : o.opening_hours)
    hours.push_back(json::object{{"day", h.day}, {"open", h.open}, {"close", h.close}});
  out["opening_hours"] = std::move(hours);
  json::array exceptions;
  for (const auto& e : o.exceptions) {
    json::object ex{{"date", e.date}, {"closed", e.closed}};
    if (!e.closed) {
      ex["open"] = e.open;
      ex["close"] = e.close;
    }
    if (!e.note.empty()) ex["note"] = e.note;
    exceptions.push_back(std::move(ex));
  }
  out["exceptions"] = std::move(exceptions);
  out["accessibility"] = o.accessibility;
  out["counters"] = o.counters;
  if (!o.transit.empty()) out["transit"] = o.transit;
  if (with_version) out["version"] = o.version;
  return out;
}

std::string format_fee(const Fee& fee) {
  if (fee.amount == 0)
    return fee.condition.empty() ? "gebührenfrei" : "gebührenfrei (" + fee.condition + ")";
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.2f", fee.amount);
  std::string amount(buffer);
  std::replace(amount.begin(), amount.end(), '.', ',');
  std::string out = amount + " €";
  if (!fee.per.empty()) out += " je " + fee.per;
  if (!fee.condition.empty()) out += " – " + fee.condition;
  return out;
}

} // namespace catalog
