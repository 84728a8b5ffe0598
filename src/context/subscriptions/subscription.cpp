#include "context/subscriptions/subscription.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <chrono>
#include <set>

#include "context/model/problem.hpp"
#include "context/query/pattern.hpp"
#include "core/ids.hpp"

namespace context::subscriptions {
namespace {

namespace json = boost::json;

constexpr std::size_t kMaxNames = 256;
constexpr std::size_t kMaxEntities = 256;
constexpr std::size_t kMaxText = 4096;

[[noreturn]] void bad(std::string detail) {
  fail(ProblemType::bad_request_data, std::move(detail));
}

const json::object* object_member(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  if (!v || v->is_null()) return nullptr;
  if (!v->is_object()) bad(std::string(key) + " must be an object");
  return &v->get_object();
}

std::optional<std::string> string_member(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  if (!v || v->is_null()) return std::nullopt;
  if (!v->is_string()) bad(std::string(key) + " must be a string");
  if (v->get_string().size() > kMaxText) bad(std::string(key) + " is too long");
  return std::string(v->get_string());
}

std::optional<std::int64_t> seconds_member(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  if (!v || v->is_null()) return std::nullopt;
  std::int64_t n = 0;
  if (v->is_int64())
    n = v->get_int64();
  else if (v->is_uint64() && v->get_uint64() < (1ull << 40))
    n = static_cast<std::int64_t>(v->get_uint64());
  else if (v->is_double() && v->get_double() == static_cast<double>(static_cast<std::int64_t>(
                                                    std::clamp(v->get_double(), -1e12, 1e12))))
    n = static_cast<std::int64_t>(v->get_double());
  else
    bad(std::string(key) + " must be a whole number of seconds");
  if (n <= 0) bad(std::string(key) + " must be greater than 0");
  if (n > 100LL * 365 * 24 * 3600) bad(std::string(key) + " is too large");
  return n;
}

// Attribute names, expanded; `key` must be a non-empty array of names.
std::vector<std::string> names_member(const json::object& o, std::string_view key,
                                      const jsonld::Context& ctx) {
  std::vector<std::string> out;
  const auto* v = o.if_contains(key);
  if (!v || v->is_null()) return out;
  if (!v->is_array() || v->get_array().empty())
    bad(std::string(key) + " must be a non-empty array of attribute names");
  if (v->get_array().size() > kMaxNames) bad(std::string(key) + " names too many attributes");
  for (const auto& n : v->get_array()) {
    if (!n.is_string() || !valid_name(n.get_string()))
      bad(std::string(key) + " must hold valid attribute names");
    out.push_back(ctx.expand(n.get_string()));
  }
  return out;
}

// Milliseconds since the epoch of a DateTime that passed is_date_time
// (fraction and offset honoured), so that "…SSZ", "…SS.mmmZ" and "…+02:00"
// compare by the instant they name.
std::int64_t instant_ms(const std::string& t) {
  const auto num = [&](std::size_t at, std::size_t n) {
    int v = 0;
    for (std::size_t i = at; i < at + n; ++i)
      v = v * 10 + (t[i] - '0');
    return v;
  };
  using namespace std::chrono;
  const year_month_day date{year(num(0, 4)), month(static_cast<unsigned>(num(5, 2))),
                            day(static_cast<unsigned>(num(8, 2)))};
  std::int64_t ms = duration_cast<milliseconds>(sys_days(date).time_since_epoch()).count() +
                    ((num(11, 2) * 60LL + num(14, 2)) * 60 + num(17, 2)) * 1000;
  std::size_t i = 19;
  if (i < t.size() && t[i] == '.') {
    int scale = 100;
    for (++i; i < t.size() && std::isdigit(static_cast<unsigned char>(t[i])); ++i, scale /= 10)
      ms += (t[i] - '0') * scale;
  }
  if (i < t.size() && (t[i] == '+' || t[i] == '-')) {
    const std::int64_t offset = (num(i + 1, 2) * 60LL + num(i + 4, 2)) * 60 * 1000;
    ms += t[i] == '+' ? -offset : offset;
  }
  return ms;
}

EntitySelector parse_selector(const json::value& v, const jsonld::Context& ctx) {
  if (!v.is_object()) bad("each member of entities must be an object");
  const auto& o = v.get_object();
  EntitySelector s;
  const auto type = string_member(o, "type");
  if (!type || type->empty()) bad("each member of entities needs a type");
  if (!valid_name(*type)) bad("entities: invalid type " + *type);
  s.type = ctx.expand(*type);
  if (const auto id = string_member(o, "id")) {
    if (!is_uri(*id)) bad("entities: id must be a URI");
    s.id = *id;
  }
  if (const auto pattern = string_member(o, "idPattern"))
    s.id_pattern = query::compile_pattern(*pattern); // refuses catastrophic patterns
  return s;
}

void parse_geo_q(const json::object& g, Subscription& s, const jsonld::Context& ctx) {
  const auto georel = string_member(g, "georel");
  const auto geometry = string_member(g, "geometry");
  const auto* coords = g.if_contains("coordinates");
  if (!georel || !geometry || !coords) bad("geoQ needs georel, geometry and coordinates");
  const std::string coordinates =
      coords->is_string() ? std::string(coords->get_string()) : json::serialize(*coords);
  const auto property = string_member(g, "geoproperty");
  s.geo_q = query::GeoQuery::parse(*georel, *geometry, coordinates, property.value_or(""), ctx);
}

void parse_notification(const json::object& n, Subscription& s, const jsonld::Context& ctx) {
  s.notify_attrs = names_member(n, "attributes", ctx);
  for (const char* which : {"pick", "omit"}) {
    auto& set = std::string_view(which) == "pick" ? s.pick : s.omit;
    const auto* v = n.if_contains(which);
    if (!v || v->is_null()) continue;
    if (!v->is_array() || v->get_array().empty() || v->get_array().size() > kMaxNames)
      bad(std::string("notification.") + which + " must be a non-empty array of names");
    for (const auto& name : v->get_array()) {
      if (!name.is_string() || !valid_name(name.get_string()))
        bad(std::string("notification.") + which + " must hold valid names");
      const std::string_view a = name.get_string();
      set.insert(a == "id" || a == "type" ? std::string(a) : ctx.expand(a));
    }
  }
  if (!s.pick.empty() && !s.omit.empty()) bad("notification: pick and omit exclude each other");
  if ((!s.pick.empty() || !s.omit.empty()) && !s.notify_attrs.empty())
    bad("notification: attributes cannot be combined with pick or omit");
  if (const auto format = string_member(n, "format")) {
    if (*format == "keyValues" || *format == "simplified")
      s.key_values = true;
    else if (*format == "concise")
      s.concise = true;
    else if (*format != "normalized")
      bad("notification.format must be normalized, concise, keyValues or simplified");
  }
  if (const auto* v = n.if_contains("showChanges"); v && !v->is_null()) {
    if (!v->is_bool()) bad("notification.showChanges must be true or false");
    s.show_changes = v->get_bool();
  }
  if (const auto* v = n.if_contains("sysAttrs"); v && !v->is_null()) {
    if (!v->is_bool()) bad("notification.sysAttrs must be true or false");
    s.sys_attrs = v->get_bool();
  }
  const auto* endpoint = object_member(n, "endpoint");
  if (!endpoint) bad("notification.endpoint is required");
  const auto uri = string_member(*endpoint, "uri");
  if (!uri || !is_uri(*uri)) bad("notification.endpoint.uri must be an absolute URI");
  const std::string scheme = uri->substr(0, uri->find(':'));
  if (scheme != "http" && scheme != "https" && scheme != "mqtt" && scheme != "mqtts")
    bad("notification.endpoint.uri must be an http, https, mqtt or mqtts URI");
  s.uri = *uri;
  if (const auto accept = string_member(*endpoint, "accept")) {
    if (*accept != "application/json" && *accept != "application/ld+json")
      bad("notification.endpoint.accept must be application/json or application/ld+json");
    s.accept = *accept;
  }
  if (const auto* info = endpoint->if_contains("receiverInfo"); info && !info->is_null()) {
    if (!info->is_array()) bad("receiverInfo must be an array of {key, value}");
    for (const auto& kv : info->get_array()) {
      if (!kv.is_object()) bad("receiverInfo must be an array of {key, value}");
      const auto key = string_member(kv.get_object(), "key");
      const auto value = string_member(kv.get_object(), "value");
      if (!key || !value || key->empty()) bad("receiverInfo must be an array of {key, value}");
      // A header name is a token; a value has no line breaks.
      const bool token = std::all_of(key->begin(), key->end(), [](unsigned char c) {
        return std::isalnum(c) || std::string_view("!#$%&'*+-.^_`|~").find(static_cast<char>(c)) !=
                                      std::string_view::npos;
      });
      std::string lower = *key;
      std::transform(lower.begin(), lower.end(), lower.begin(),
                     [](unsigned char c) { return std::tolower(c); });
      const bool reserved = lower == "content-type" || lower == "content-length" ||
                            lower == "host" || lower == "transfer-encoding";
      if (!token || reserved || value->find_first_of("\r\n") != std::string::npos)
        bad("receiverInfo: invalid header " + *key);
      s.receiver_info.emplace_back(*key, *value);
    }
  }
}

bool selected(const EntitySelector& sel, const Entity& e) {
  if (std::find(e.types.begin(), e.types.end(), sel.type) == e.types.end()) return false;
  if (!sel.id.empty() && sel.id != e.id) return false;
  if (sel.id_pattern && !query::search(*sel.id_pattern, e.id)) return false;
  return true;
}

} // namespace

Subscription parse(const json::object& payload, std::shared_ptr<const jsonld::Context> ctx,
                   const json::value& context_source, const std::string& now, bool check_expiry,
                   const jsonld::Resolver* resolver) {
  Subscription s;
  s.request = payload;
  s.context = context_source;
  s.ctx = std::move(ctx);
  s.notify_context = s.context;
  s.notify_ctx = s.ctx;
  if (const auto url = string_member(payload, "jsonldContext")) {
    if (!is_uri(*url)) bad("jsonldContext must be a URI");
    if (resolver) {
      try {
        s.notify_ctx = resolver->resolve_url(*url);
      } catch (const jsonld::ContextError& e) {
        fail(e.unavailable ? ProblemType::ld_context_not_available : ProblemType::bad_request_data,
             "jsonldContext: " + e.detail);
      }
    }
    s.notify_context = json::string(*url);
  }
  const auto& c = *s.ctx;
  if (const auto type = string_member(payload, "type"); type && *type != "Subscription")
    bad("type must be Subscription");
  if (const auto id = string_member(payload, "id")) {
    if (!is_uri(*id)) bad("id must be a URI");
    s.id = *id;
  } else {
    s.id = "urn:ngsi-ld:Subscription:" + core::random_id(12);
  }
  s.request.erase("id");
  s.request.erase("type");
  string_member(payload, "description");
  string_member(payload, "subscriptionName");
  if (const auto* v = payload.if_contains("entities"); v && !v->is_null()) {
    if (!v->is_array() || v->get_array().empty()) bad("entities must be a non-empty array");
    if (v->get_array().size() > kMaxEntities) bad("entities names too many selectors");
    for (const auto& e : v->get_array())
      s.entities.push_back(parse_selector(e, c));
  }
  s.watched = names_member(payload, "watchedAttributes", c);
  if (s.entities.empty() && s.watched.empty())
    bad("a subscription needs entities or watchedAttributes");
  if (const auto q = string_member(payload, "q")) {
    s.q = query::parse(*q);
    query::expand_names(*s.q, c);
  }
  if (const auto* g = object_member(payload, "geoQ")) parse_geo_q(*g, s, c);
  if (payload.contains("temporalQ") || payload.contains("scopeQ") || payload.contains("csf"))
    fail(ProblemType::operation_not_supported, "temporalQ, scopeQ and csf are not supported");
  s.throttling = seconds_member(payload, "throttling").value_or(0);
  s.time_interval = seconds_member(payload, "timeInterval").value_or(0);
  if (s.time_interval > 0 && (s.throttling > 0 || !s.watched.empty()))
    bad("timeInterval cannot be combined with throttling or watchedAttributes");
  if (const auto expires = string_member(payload, "expiresAt")) {
    if (!is_date_time(*expires)) bad("expiresAt must be a DateTime");
    if (check_expiry && instant_ms(*expires) <= instant_ms(now))
      bad("expiresAt must lie in the future");
    s.expires_at = *expires;
  }
  if (const auto* v = payload.if_contains("notificationTrigger"); v && !v->is_null()) {
    static const std::set<std::string, std::less<>> known{"entityCreated",    "entityUpdated",
                                                          "entityDeleted",    "attributeCreated",
                                                          "attributeUpdated", "attributeDeleted"};
    if (!v->is_array() || v->get_array().empty())
      bad("notificationTrigger must be a non-empty array");
    s.triggers.clear();
    for (const auto& t : v->get_array()) {
      if (!t.is_string() || !known.contains(t.get_string()))
        bad("notificationTrigger: unknown trigger");
      s.triggers.emplace_back(t.get_string());
    }
  }
  if (const auto* v = payload.if_contains("isActive"); v && !v->is_null()) {
    if (!v->is_bool()) bad("isActive must be true or false");
    s.active = v->get_bool();
  }
  const auto* n = object_member(payload, "notification");
  if (!n) bad("notification is required");
  parse_notification(*n, s, c);
  s.created_at = s.modified_at = now;
  return s;
}

json::object patched(const json::object& request, const json::object& fragment) {
  json::object out = request;
  for (const auto& [key, value] : fragment) {
    if (key == "id" || key == "type") continue;
    if (key == "notification" && value.is_object() && out.contains("notification") &&
        out["notification"].is_object()) {
      auto& n = out["notification"].get_object();
      for (const auto& [nk, nv] : value.get_object()) {
        if (nk == "endpoint" && nv.is_object() && n.contains("endpoint") &&
            n["endpoint"].is_object()) {
          auto& e = n["endpoint"].get_object();
          for (const auto& [ek, ev] : nv.get_object())
            e[ek] = ev;
        } else {
          n[nk] = nv;
        }
      }
      continue;
    }
    if (value.is_null())
      out.erase(key);
    else
      out[key] = value;
  }
  return out;
}

std::string status_name(const Subscription& s, const std::string& now) {
  if (!s.expires_at.empty() && instant_ms(s.expires_at) <= instant_ms(now)) return "expired";
  return s.active ? "active" : "paused";
}

bool selects(const Subscription& s, const Entity& e) {
  if (!s.entities.empty() &&
      std::none_of(s.entities.begin(), s.entities.end(),
                   [&](const EntitySelector& sel) { return selected(sel, e); }))
    return false;
  if (s.q && !query::matches(*s.q, e)) return false;
  if (s.geo_q && !s.geo_q->matches(e)) return false;
  return true;
}

bool matches(const Subscription& s, const Entity* before, const Entity* after,
             const std::vector<Change>& changes) {
  const auto on = [&](std::string_view trigger) {
    return std::find(s.triggers.begin(), s.triggers.end(), trigger) != s.triggers.end();
  };
  if (!after) return before && on("entityDeleted") && selects(s, *before);
  const auto watched = [&](const Change& c) {
    return s.watched.empty() ||
           std::find(s.watched.begin(), s.watched.end(), c.attr) != s.watched.end();
  };
  bool fits = false;
  if (!before) {
    fits = on("entityCreated") ||
           (on("attributeCreated") && std::any_of(changes.begin(), changes.end(), watched));
  } else {
    for (const auto& c : changes) {
      if (!watched(c)) continue;
      const bool existed = before->attrs.contains(c.attr);
      if (on("entityUpdated") || (!c.instance && on("attributeDeleted")) ||
          (c.instance && existed && on("attributeUpdated")) ||
          (c.instance && !existed && on("attributeCreated"))) {
        fits = true;
        break;
      }
    }
  }
  return fits && selects(s, *after);
}

json::object render(const Subscription& s, const std::string& now, const jsonld::Context& ctx) {
  json::object out;
  out["id"] = s.id;
  out["type"] = "Subscription";
  for (const auto& [key, value] : s.request)
    out[key] = value;
  const auto compacted = [&](const std::vector<std::string>& names) {
    json::array a;
    for (const auto& n : names)
      a.emplace_back(ctx.compact(n));
    return a;
  };
  if (auto* entities = out.if_contains("entities"); entities && entities->is_array())
    for (std::size_t i = 0; i < s.entities.size() && i < entities->get_array().size(); ++i)
      if (auto* sel = entities->get_array()[i].if_object())
        (*sel)["type"] = ctx.compact(s.entities[i].type);
  if (!s.watched.empty()) out["watchedAttributes"] = compacted(s.watched);
  if (!s.active || out.contains("isActive")) out["isActive"] = s.active;
  out["status"] = status_name(s, now);
  auto& n = out["notification"].as_object();
  if (!out.contains("notificationTrigger")) {
    json::array triggers;
    for (const auto& t : s.triggers)
      triggers.emplace_back(t);
    out["notificationTrigger"] = std::move(triggers);
  }
  if (!s.notify_attrs.empty()) n["attributes"] = compacted(s.notify_attrs);
  for (const auto& [which, set] : {std::pair{"pick", &s.pick}, std::pair{"omit", &s.omit}}) {
    if (set->empty()) continue;
    json::array a;
    for (const auto& name : *set)
      a.emplace_back(name == "id" || name == "type" ? name : ctx.compact(name));
    n[which] = std::move(a);
  }
  if (s.status.times_sent > 0) n["timesSent"] = s.status.times_sent;
  if (s.status.times_failed > 0) n["timesFailed"] = s.status.times_failed;
  if (!s.status.last_notification.empty()) n["lastNotification"] = s.status.last_notification;
  if (!s.status.last_success.empty()) n["lastSuccess"] = s.status.last_success;
  if (!s.status.last_failure.empty()) n["lastFailure"] = s.status.last_failure;
  if (s.status.times_sent > 0) n["status"] = s.status.consecutive_errors > 0 ? "failed" : "ok";
  return out;
}

std::string to_storage(const Subscription& s) {
  json::object o;
  o["id"] = s.id;
  o["request"] = s.request;
  o["context"] = s.context;
  o["createdAt"] = s.created_at;
  o["modifiedAt"] = s.modified_at;
  o["timesSent"] = s.status.times_sent;
  o["timesFailed"] = s.status.times_failed;
  o["lastNotification"] = s.status.last_notification;
  o["lastSuccess"] = s.status.last_success;
  o["lastFailure"] = s.status.last_failure;
  o["consecutiveErrors"] = s.status.consecutive_errors;
  return json::serialize(o);
}

Subscription from_storage(const std::string& text, const jsonld::Resolver& resolver,
                          const std::string& now) {
  json::object o;
  try {
    o = json::parse(text).as_object();
  } catch (const std::exception&) {
    bad("stored subscription is not valid JSON");
  }
  std::shared_ptr<const jsonld::Context> ctx;
  try {
    ctx = o["context"].is_null() ? resolver.core() : resolver.resolve(o["context"]);
  } catch (...) { // a context that cannot be had any more: the core one
    ctx = resolver.core();
  }
  json::object request = o["request"].as_object();
  request["id"] = o["id"];
  Subscription s;
  try {
    s = parse(request, ctx, o["context"], now, false, &resolver);
  } catch (const Problem& p) {
    if (p.type != ProblemType::ld_context_not_available) throw;
    s = parse(request, ctx, o["context"], now, false); // notifications in the creation context
  }
  s.created_at = std::string(o["createdAt"].as_string());
  s.modified_at = std::string(o["modifiedAt"].as_string());
  s.status.times_sent = o["timesSent"].to_number<std::int64_t>();
  s.status.times_failed = o["timesFailed"].to_number<std::int64_t>();
  s.status.last_notification = std::string(o["lastNotification"].as_string());
  s.status.last_success = std::string(o["lastSuccess"].as_string());
  s.status.last_failure = std::string(o["lastFailure"].as_string());
  s.status.consecutive_errors = o["consecutiveErrors"].to_number<std::int64_t>();
  return s;
}

} // namespace context::subscriptions
