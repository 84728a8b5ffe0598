#include "context/api/negotiation.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <cctype>

#include "core/json.hpp"

namespace context::api {
namespace {

namespace json = boost::json;

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
    s.remove_suffix(1);
  return s;
}

// "application/json; charset=utf-8" -> "application/json"
std::string media_type(std::string_view header) {
  return lower(trim(header.substr(0, header.find(';'))));
}

std::string tenant_of(const http::Request& r) {
  const std::string_view t = r.header("NGSILD-Tenant");
  if (t.size() > 64) fail(ProblemType::bad_request_data, "the tenant name is too long");
  for (const char c : t)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '-' && c != ':' &&
        c != '.' && c != '/')
      fail(ProblemType::bad_request_data, "the tenant name holds an invalid character");
  return std::string(t);
}

// The context URL of a Link header with rel=json-ld#context; "" when none.
std::string link_context(const http::Request& r) {
  const std::string_view link = r.header("Link");
  if (link.empty()) return {};
  const auto open = link.find('<');
  const auto close = link.find('>');
  if (open == std::string_view::npos || close == std::string_view::npos || close < open)
    fail(ProblemType::bad_request_data, "the Link header is malformed");
  const std::string_view params = link.substr(close + 1);
  if (params.find(jsonld::kContextRel) == std::string_view::npos)
    fail(ProblemType::bad_request_data,
         "the Link header must have rel=\"" + std::string(jsonld::kContextRel) + "\"");
  return std::string(trim(link.substr(open + 1, close - open - 1)));
}

std::shared_ptr<const jsonld::Context> resolve(const jsonld::Resolver& resolver,
                                               const json::value& v) {
  try {
    return resolver.resolve(v);
  } catch (const jsonld::ContextError& e) {
    fail(e.unavailable ? ProblemType::ld_context_not_available : ProblemType::bad_request_data,
         e.detail);
  }
}

bool accepts_ld(const http::Request& r) {
  const std::string_view accept = r.header("Accept");
  if (trim(accept).empty()) return false;
  std::string_view rest = accept;
  while (!rest.empty()) {
    const auto comma = rest.find(',');
    const std::string type = media_type(rest.substr(0, comma));
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
    if (type == "application/ld+json") return true;
    if (type == "application/json" || type == "*/*" || type == "application/*") return false;
  }
  fail(ProblemType::not_acceptable, "only application/json and application/ld+json are offered");
}

void strip_context(json::value& v) {
  if (auto* o = v.if_object()) o->erase("@context");
  if (auto* a = v.if_array())
    for (auto& item : *a)
      if (auto* o = item.if_object()) o->erase("@context");
}

} // namespace

bool is_ld_request(const http::Request& r) {
  return media_type(r.header("Content-Type")) == "application/ld+json";
}

Exchange read_exchange(const http::Request& r, const jsonld::Resolver& resolver) {
  Exchange x;
  x.tenant = tenant_of(r);
  x.ld_response = accepts_ld(r);
  const std::string url = link_context(r);
  x.ctx = url.empty() ? resolver.core() : resolve(resolver, json::string(url));
  return x;
}

Payload read_payload(const http::Request& r, const jsonld::Resolver& resolver, bool merge_patch) {
  Payload p;
  p.exchange.tenant = tenant_of(r);
  const std::string type = media_type(r.header("Content-Type"));
  const bool ld = type == "application/ld+json";
  if (!ld && type != "application/json" && !(merge_patch && type == "application/merge-patch+json"))
    fail(ProblemType::unsupported_media_type,
         "Content-Type must be application/json or application/ld+json");
  try {
    p.body = core::json::parse(r.body, 64);
  } catch (const std::exception&) {
    fail(ProblemType::invalid_request, "the body is not valid JSON");
  }
  if (!p.body.is_object() && !p.body.is_array())
    fail(ProblemType::bad_request_data, "the body must be a JSON object or array");
  const std::string link = link_context(r);
  if (ld) {
    if (!link.empty())
      fail(ProblemType::bad_request_data,
           "with application/ld+json the @context belongs in the body, not in a Link header");
    const json::value* ctx = nullptr;
    if (const auto* o = p.body.if_object()) {
      ctx = o->if_contains("@context");
      if (!ctx) fail(ProblemType::bad_request_data, "application/ld+json requires an @context");
    }
    p.exchange.ctx = ctx ? resolve(resolver, *ctx) : resolver.core();
  } else {
    const bool has_body_context =
        (p.body.is_object() && p.body.as_object().contains("@context")) ||
        (p.body.is_array() &&
         std::any_of(p.body.as_array().begin(), p.body.as_array().end(), [](const json::value& v) {
           return v.is_object() && v.as_object().contains("@context");
         }));
    if (has_body_context)
      fail(ProblemType::bad_request_data,
           "with application/json the @context must come in a Link header");
    p.exchange.ctx = link.empty() ? resolver.core() : resolve(resolver, json::string(link));
  }
  p.exchange.ld_response = false;
  if (!r.header("Accept").empty()) {
    try {
      p.exchange.ld_response = accepts_ld(r);
    } catch (const Problem&) {
      // Writes answer without a body; Accept does not matter.
    }
  }
  if (!p.body.is_array()) strip_context(p.body);
  return p;
}

std::shared_ptr<const jsonld::Context> entity_context(const json::object& entity, const Payload& p,
                                                      const jsonld::Resolver& resolver,
                                                      bool ld_request) {
  if (!ld_request) return p.exchange.ctx;
  const auto* ctx = entity.if_contains("@context");
  if (!ctx) fail(ProblemType::bad_request_data, "application/ld+json requires an @context");
  return resolve(resolver, *ctx);
}

json::value context_member(const Exchange& x) {
  const json::value& src = x.ctx->source();
  if (src.is_array()) return src;
  json::array a;
  a.push_back(src);
  return a;
}

json::value with_context(json::value body, const Exchange& x) {
  if (!x.ld_response) return body;
  const json::value ctx = context_member(x);
  if (auto* o = body.if_object()) (*o)["@context"] = ctx;
  if (auto* a = body.if_array())
    for (auto& item : *a)
      if (auto* o = item.if_object()) (*o)["@context"] = ctx;
  return body;
}

http::Response respond_serialized(std::string body, const Exchange& x, int status) {
  http::Response res;
  res.status = status;
  if (x.ld_response) {
    res.content_type = "application/ld+json";
  } else {
    res.content_type = "application/json";
    const json::value& src = x.ctx->source();
    const std::string url =
        src.is_string() ? std::string(src.as_string()) : std::string(jsonld::kCoreContextUrl);
    res.headers.add("Link", "<" + url + ">; rel=\"" + std::string(jsonld::kContextRel) +
                                "\"; type=\"application/ld+json\"");
  }
  if (!x.tenant.empty()) res.headers.add("NGSILD-Tenant", x.tenant);
  res.body = std::move(body);
  return res;
}

http::Response respond(json::value body, const Exchange& x, int status) {
  return respond_serialized(core::json::dump(with_context(std::move(body), x)), x, status);
}

http::Response respond_empty(int status, const Exchange& x) {
  http::Response res = http::Response::empty(status);
  if (!x.tenant.empty()) res.headers.add("NGSILD-Tenant", x.tenant);
  return res;
}

http::Response problem_response(const Problem& p) {
  const int status = status_of(p.type);
  json::object body{{"type", type_uri(p.type)},
                    {"title", title(p.type)},
                    {"status", status},
                    {"detail", p.detail}};
  http::Response res;
  res.status = status;
  res.content_type = "application/json";
  res.body = core::json::dump(body);
  return res;
}

} // namespace context::api
