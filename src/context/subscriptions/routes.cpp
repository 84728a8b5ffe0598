#include "context/subscriptions/routes.hpp"

#include <boost/json.hpp>

#include "context/api/handlers.hpp"
#include "context/api/negotiation.hpp"

namespace context::subscriptions {
namespace {

namespace json = boost::json;
using api::detail::kRoot;
using http::Method;
using http::Request;
using http::Response;

struct Deps {
  Notifier& notifier;
  const jsonld::Resolver& resolver;
  api::AccessPolicy policy;
};

std::int64_t number_param(const Request& r, const char* name, std::int64_t fallback) {
  auto v = r.query_param(name);
  if (!v || v->empty()) return fallback;
  std::int64_t n = 0;
  for (const char c : *v) {
    if (c < '0' || c > '9' || n > 1'000'000'000)
      fail(ProblemType::bad_request_data,
           std::string("'") + name + "' must be a whole number not below 0");
    n = n * 10 + (c - '0');
  }
  return n;
}

std::string id_param(const Request& r) {
  const std::string& id = r.param("id");
  if (!is_uri(id)) fail(ProblemType::bad_request_data, "the subscription id must be a URI");
  return id;
}

// The source of the request's context as a subscription keeps it (null for
// the core context).
json::value context_source(const Deps& d, const api::Exchange& x) {
  if (x.ctx == d.resolver.core()) return nullptr;
  return x.ctx->source();
}

Response create(Deps& d, Request& r) {
  api::detail::require_writer(r, d.policy);
  auto p = api::read_payload(r, d.resolver);
  const auto& body = api::detail::require_object(p.body);
  Subscription s = parse(body, p.exchange.ctx, context_source(d, p.exchange), d.notifier.now(),
                         true, &d.resolver);
  const std::string id = s.id;
  d.notifier.create(p.exchange.tenant, std::move(s));
  Response res = api::respond_empty(201, p.exchange);
  res.headers.add("Location", std::string(kRoot) + "/subscriptions/" + id);
  return res;
}

Response list(Deps& d, Request& r) {
  api::detail::require_writer(r, d.policy);
  const api::Exchange x = api::read_exchange(r, d.resolver);
  const std::int64_t limit = number_param(r, "limit", api::detail::kDefaultLimit);
  const std::int64_t offset = number_param(r, "offset", 0);
  const bool count = r.query_param("count").value_or("") == "true";
  if (limit > api::detail::kMaxLimit)
    fail(ProblemType::too_many_results,
         "limit must not exceed " + std::to_string(api::detail::kMaxLimit));
  if (limit == 0 && !count)
    fail(ProblemType::bad_request_data, "limit=0 is only allowed with count=true");
  const auto all = d.notifier.list(x.tenant);
  const auto total = static_cast<std::int64_t>(all.size());
  const std::string now = d.notifier.now();
  json::array out;
  for (std::int64_t i = offset; i < total && i < offset + limit; ++i)
    out.push_back(render(all[static_cast<std::size_t>(i)], now, *x.ctx));
  Response res = api::respond(std::move(out), x);
  if (count) res.headers.add("NGSILD-Results-Count", std::to_string(total));
  const std::string base = std::string(kRoot) + "/subscriptions?";
  if (limit > 0 && offset + limit < total)
    res.headers.add("Link", "<" + base + "limit=" + std::to_string(limit) +
                                "&offset=" + std::to_string(offset + limit) +
                                ">; rel=\"next\"; type=\"application/json\"");
  if (offset > 0 && limit > 0)
    res.headers.add("Link", "<" + base + "limit=" + std::to_string(limit) + "&offset=" +
                                std::to_string(std::max<std::int64_t>(0, offset - limit)) +
                                ">; rel=\"prev\"; type=\"application/json\"");
  return res;
}

Response retrieve(Deps& d, Request& r) {
  api::detail::require_writer(r, d.policy);
  const std::string id = id_param(r);
  const api::Exchange x = api::read_exchange(r, d.resolver);
  const auto s = d.notifier.get(x.tenant, id);
  if (!s) fail(ProblemType::resource_not_found, "no subscription " + id);
  return api::respond(render(*s, d.notifier.now(), *x.ctx), x);
}

Response update(Deps& d, Request& r) {
  api::detail::require_writer(r, d.policy);
  const std::string id = id_param(r);
  auto p = api::read_payload(r, d.resolver, true);
  const auto& body = api::detail::require_object(p.body);
  if (body.empty()) fail(ProblemType::bad_request_data, "the fragment is empty");
  if (const auto* v = body.if_contains("id"); v && (!v->is_string() || v->get_string() != id))
    fail(ProblemType::bad_request_data, "the id cannot be changed");
  if (const auto* v = body.if_contains("type");
      v && (!v->is_string() || v->get_string() != "Subscription"))
    fail(ProblemType::bad_request_data, "type must be Subscription");
  d.notifier.update(p.exchange.tenant, id, body);
  return api::respond_empty(204, p.exchange);
}

Response remove(Deps& d, Request& r) {
  api::detail::require_writer(r, d.policy);
  const std::string id = id_param(r);
  const api::Exchange x = api::read_exchange(r, d.resolver);
  d.notifier.remove(x.tenant, id);
  return api::respond_empty(204, x);
}

http::Handler wrap(std::shared_ptr<Deps> d, Response (*fn)(Deps&, Request&)) {
  return [d, fn](Request& r) -> Response {
    try {
      return fn(*d, r);
    } catch (const Problem& p) {
      return api::problem_response(p);
    }
  };
}

} // namespace

void add_routes(http::Router& router, Notifier& notifier, const jsonld::Resolver& resolver,
                api::AccessPolicy policy) {
  auto d = std::make_shared<Deps>(Deps{notifier, resolver, std::move(policy)});
  const std::string root = std::string(kRoot) + "/subscriptions";
  router.add(Method::post, root, wrap(d, create));
  router.add(Method::get, root, wrap(d, list));
  router.add(Method::get, root + "/{id}", wrap(d, retrieve));
  router.add(Method::patch, root + "/{id}", wrap(d, update));
  router.add(Method::del, root + "/{id}", wrap(d, remove));
}

void add_metrics(http::Metrics& metrics, const Notifier& notifier) {
  metrics.add_collector([&notifier](std::string& out) {
    const auto c = notifier.counters();
    out += "# HELP stadtkern_ngsild_notifications_total NGSI-LD notification attempts by outcome "
           "(dropped: backlog full or out of attempts).\n"
           "# TYPE stadtkern_ngsild_notifications_total counter\n";
    out +=
        "stadtkern_ngsild_notifications_total{outcome=\"sent\"} " + std::to_string(c.sent) + "\n";
    out += "stadtkern_ngsild_notifications_total{outcome=\"failed\"} " + std::to_string(c.failed) +
           "\n";
    out += "stadtkern_ngsild_notifications_total{outcome=\"dropped\"} " +
           std::to_string(c.dropped) + "\n";
    out += "# HELP stadtkern_ngsild_notifications_pending NGSI-LD notifications waiting for "
           "delivery.\n# TYPE stadtkern_ngsild_notifications_pending gauge\n"
           "stadtkern_ngsild_notifications_pending " +
           std::to_string(notifier.pending()) + "\n";
  });
}

} // namespace context::subscriptions
