// Handlers of the temporal API (/temporal/entities): the recorded history of
// entities as normalized temporal instances, simplified temporalValues, or
// aggregatedValues per period (hourly rollups when the period allows).
#include "context/api/handlers.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <map>

#include "context/temporal/aggregate.hpp"
#include "context/temporal/paging.hpp"
#include "context/temporal/period.hpp"
#include "core/json.hpp"

namespace context::api::detail {

namespace json = boost::json;
using history_store::TimeFilter;
using http::Request;
using http::Response;

namespace {

using temporal::Direction;
using temporal::kPageInstances;

// The largest lastN accepted (far beyond any series; keeps the arithmetic
// away from overflow).
constexpr std::int64_t kMaxLastN = 1'000'000'000'000;

enum class Shape { normalized, temporal_values, aggregated };

// The temporal parameters of a request.
struct TemporalQuery {
  TimeFilter filter;
  std::optional<std::int64_t> from_ms, to_ms;
  std::optional<std::int64_t> last_n;
  std::vector<std::string> attrs; // expanded; empty = all
  Shape shape = Shape::normalized;
  bool sys_attrs = false;
  std::vector<std::string> methods;
  std::optional<std::int64_t> period_ms;
  std::optional<std::int64_t> period_months; // calendar periods (P1M, P1Y)
};

std::int64_t instant_param(const Request& r, const char* name) {
  const auto v = r.query_param(name);
  if (!v || v->empty()) fail(ProblemType::bad_request_data, std::string(name) + " is missing");
  const auto ms = temporal::parse_instant_ms(*v);
  if (!ms) fail(ProblemType::bad_request_data, std::string(name) + " must be an ISO 8601 instant");
  return *ms;
}

TemporalQuery read_temporal(const Request& r, const jsonld::Context& ctx, const Options& o) {
  TemporalQuery t;
  const std::string prop = r.query_param("timeproperty").value_or("observedAt");
  if (prop == "modifiedAt" || prop == "createdAt")
    t.filter.observed = false;
  else if (prop != "observedAt")
    fail(ProblemType::bad_request_data, "timeproperty must be observedAt, modifiedAt or createdAt");
  const std::string rel = r.query_param("timerel").value_or("");
  if (rel == "before") {
    t.to_ms = instant_param(r, "timeAt");
  } else if (rel == "after") {
    t.from_ms = instant_param(r, "timeAt");
  } else if (rel == "between") {
    t.from_ms = instant_param(r, "timeAt");
    t.to_ms = instant_param(r, "endTimeAt");
    if (*t.to_ms <= *t.from_ms)
      fail(ProblemType::bad_request_data, "endTimeAt must be later than timeAt");
  } else if (!rel.empty()) {
    fail(ProblemType::bad_request_data, "timerel must be before, after or between");
  } else if (r.query_param("timeAt")) {
    fail(ProblemType::bad_request_data, "timeAt needs timerel");
  }
  if (t.from_ms) t.filter.from = temporal::format_instant_ms(*t.from_ms);
  if (t.to_ms) t.filter.to = temporal::format_instant_ms(*t.to_ms);
  if (auto n = r.query_param("lastN"); n && !n->empty()) {
    std::int64_t v = 0;
    for (const char c : *n) {
      if (c < '0' || c > '9')
        fail(ProblemType::bad_request_data, "lastN must be a positive whole number");
      v = v * 10 + (c - '0');
      if (v > kMaxLastN)
        fail(ProblemType::bad_request_data, "lastN must not exceed " + std::to_string(kMaxLastN));
    }
    if (v == 0) fail(ProblemType::bad_request_data, "lastN must be a positive whole number");
    t.last_n = v;
    // The store returns the newest instances; one more than a page tells
    // whether the page is all there is.
    t.filter.last_n = std::min<std::int64_t>(v, kPageInstances + 1);
  }
  for (const auto& a : split(r.query_param("attrs").value_or(""), ',')) {
    if (!valid_name(a)) fail(ProblemType::bad_request_data, "attrs must hold attribute names");
    t.attrs.push_back(ctx.expand(a));
  }
  t.sys_attrs = o.has("sysAttrs");
  if (o.has("aggregatedValues")) {
    t.shape = Shape::aggregated;
    auto m = temporal::parse_methods(r.query_param("aggrMethods").value_or(""));
    if (!m)
      fail(ProblemType::bad_request_data,
           "aggrMethods must list totalCount, distinctCount, sum, avg, min, max, stddev or sumsq");
    t.methods = std::move(*m);
    if (auto p = r.query_param("aggrPeriodDuration"); p && !p->empty() && *p != "PT0S") {
      t.period_ms = temporal::parse_duration_ms(*p);
      if (!t.period_ms) t.period_months = temporal::parse_months(*p);
      if (!t.period_ms && !t.period_months)
        fail(ProblemType::bad_request_data,
             "aggrPeriodDuration must be an ISO 8601 duration in weeks, days, hours, minutes or "
             "seconds (PT1H, P1D, PT15M), or whole months or years (P1M, P1Y)");
    }
  } else if (o.has("temporalValues")) {
    t.shape = Shape::temporal_values;
  }
  return t;
}

// A period bound as the spec's examples write it: whole seconds without
// the milliseconds ("2020-08-01T12:03:00Z").
std::string period_bound(std::int64_t ms) {
  std::string s = temporal::format_instant_ms(ms);
  if (s.ends_with(".000Z")) s.replace(s.size() - 5, 5, "Z");
  return s;
}

constexpr std::string_view kInstancePrefix = "urn:ngsi-ld:attribute:instance:";

std::string instance_id(std::int64_t seq) {
  return std::string(kInstancePrefix) + std::to_string(seq);
}

// The seq in an instanceId path parameter; Problem{bad_request_data} when
// it is not one of ours.
std::int64_t instance_seq(const Request& r) {
  const std::string& id = r.param("instanceId");
  if (!id.starts_with(kInstancePrefix) || id.size() == kInstancePrefix.size() ||
      id.size() > kInstancePrefix.size() + 18)
    fail(ProblemType::bad_request_data, "instanceId must be an instance id of this broker");
  std::int64_t n = 0;
  for (const char c : std::string_view(id).substr(kInstancePrefix.size())) {
    if (c < '0' || c > '9')
      fail(ProblemType::bad_request_data, "instanceId must be an instance id of this broker");
    n = n * 10 + (c - '0');
  }
  return n;
}

// Aggregates one attribute's series into periods.
json::object aggregate_attr(Deps& d, const std::string& tenant, const std::string& id,
                            const std::string& attr, const TemporalQuery& t) {
  const bool distinct =
      std::find(t.methods.begin(), t.methods.end(), "distinctCount") != t.methods.end();
  const std::int64_t origin = t.from_ms.value_or(0);
  const auto bucket = [&](std::int64_t ms) -> std::int64_t {
    if (t.period_months)
      return temporal::add_months(origin, temporal::months_periods(origin, ms, *t.period_months) *
                                              *t.period_months);
    if (!t.period_ms) return 0;
    const std::int64_t k = (ms - origin) / *t.period_ms - ((ms - origin) % *t.period_ms < 0);
    return origin + k * *t.period_ms;
  };
  // Periods in time order (rollups and rows arrive in time order).
  std::vector<std::pair<std::int64_t, temporal::Accumulator>> periods;
  const auto period_of = [&](std::int64_t start) -> temporal::Accumulator& {
    if (periods.empty() || periods.back().first != start) {
      periods.emplace_back(start, temporal::Accumulator());
      periods.back().second.track_distinct(distinct);
    }
    return periods.back().second;
  };
  std::int64_t first = 0, last = 0;
  bool any = false;
  const auto seen = [&](std::int64_t start, std::int64_t end) {
    first = any ? std::min(first, start) : start;
    last = any ? std::max(last, end) : end;
    any = true;
  };
  const auto hour_aligned = [](std::optional<std::int64_t> ms) {
    return !ms || *ms % temporal::kHourMs == 0;
  };
  const bool from_rollups = t.filter.observed && temporal::rollup_capable(t.methods) &&
                            (!t.period_ms || *t.period_ms % temporal::kHourMs == 0) &&
                            hour_aligned(t.from_ms) && hour_aligned(t.to_ms);
  std::string type = "Property";
  if (from_rollups) {
    const auto hour = [](std::optional<std::int64_t> ms) {
      return ms ? temporal::format_instant_ms(*ms).substr(0, 13) : std::string();
    };
    const auto rows = d.broker.rollups(tenant, id, attr, hour(t.from_ms), hour(t.to_ms));
    periods.reserve(rows.size());
    for (const auto& h : rows) {
      const auto start = temporal::parse_instant_ms(h.hour + ":00Z");
      if (!start) continue;
      period_of(bucket(*start)).merge(h.n, h.sum, h.sumsq, h.min, h.max);
      seen(*start, *start + temporal::kHourMs);
    }
  } else {
    TimeFilter all = t.filter;
    all.last_n = 0; // aggregation covers the whole range
    for (const auto& row : d.broker.history(tenant, id, {attr}, all, 10'000'000)) {
      const auto ms = temporal::parse_instant_ms(row.time);
      if (!ms) continue;
      const json::value inst = json::parse(row.instance);
      const auto& o = inst.as_object();
      if (const auto* ty = o.if_contains("type"); ty && ty->is_string())
        type = std::string(ty->as_string());
      const json::value* v = o.if_contains("value");
      if (!v) v = o.if_contains("object");
      period_of(bucket(*ms)).add(v ? *v : json::value(nullptr));
      seen(*ms, *ms);
    }
  }
  json::object out;
  out["type"] = type;
  // The bounds of each period, formatted once for all methods (the end of
  // one period is usually the start of the next).
  std::vector<std::pair<json::string, json::string>> bounds;
  bounds.reserve(periods.size());
  std::int64_t previous_end = 0;
  for (const auto& [start, acc] : periods) {
    const bool periodic = t.period_ms || t.period_months;
    const std::int64_t s = periodic ? start : t.from_ms.value_or(first);
    const std::int64_t e =
        t.period_months
            ? temporal::add_months(origin,
                                   (temporal::months_periods(origin, start, *t.period_months) + 1) *
                                       *t.period_months)
        : t.period_ms ? start + *t.period_ms
                      : t.to_ms.value_or(last);
    json::string from =
        !bounds.empty() && s == previous_end ? bounds.back().second : json::string(period_bound(s));
    bounds.emplace_back(std::move(from), json::string(period_bound(e)));
    previous_end = e;
  }
  for (const auto& m : t.methods) {
    json::array list;
    list.reserve(periods.size());
    for (std::size_t i = 0; i < periods.size(); ++i) {
      json::array item;
      item.reserve(3);
      item.emplace_back(periods[i].second.result(m));
      item.emplace_back(bounds[i].first);
      item.emplace_back(bounds[i].second);
      list.emplace_back(std::move(item));
    }
    out[m] = std::move(list);
  }
  return out;
}

// One attribute's instances in an answer, in time order, with the instant
// of each row (the time property asked for).
struct AttrRows {
  std::vector<history_store::HistoryRow> rows;
  std::vector<std::int64_t> ms;
  bool truncated = false; // the store may hold more of the window than these
};

// The rows of one entity in an answer, attribute by attribute.
struct EntityRows {
  std::string id;
  EntityPtr current;
  std::vector<AttrRows> attrs;
};

Direction direction(const TemporalQuery& t) {
  return t.last_n ? Direction::descending : Direction::ascending;
}

// Moves the rows into `out` with their instants. (The store keys times in
// UTC with milliseconds, so its time range is exact.)
void take_rows(std::vector<history_store::HistoryRow>& rows, AttrRows& out) {
  for (auto& row : rows) {
    const auto ms = temporal::parse_instant_ms(row.time);
    if (!ms) continue;
    out.ms.push_back(*ms);
    out.rows.push_back(std::move(row));
  }
}

// The instances of an entity's attributes for one page: ascending, the
// first kPageInstances + 1 of each attribute's window; with lastN the newest
// min(lastN, kPageInstances + 1) (oldest first, as answered).
std::vector<AttrRows> fetch_rows(Deps& d, const std::string& tenant, const std::string& id,
                                 const TemporalQuery& t) {
  constexpr auto fetch = static_cast<std::int64_t>(kPageInstances) + 1;
  std::vector<AttrRows> out;
  if (t.last_n) {
    auto rows = d.broker.history(tenant, id, t.attrs, t.filter, 10'000'000);
    // Rows are grouped by attribute, in time order within each.
    std::size_t i = 0;
    while (i < rows.size()) {
      std::size_t j = i;
      while (j < rows.size() && rows[j].attribute == rows[i].attribute)
        ++j;
      std::vector<history_store::HistoryRow> group(std::make_move_iterator(rows.begin() + i),
                                                   std::make_move_iterator(rows.begin() + j));
      AttrRows a;
      a.truncated = static_cast<std::int64_t>(group.size()) >= fetch;
      take_rows(group, a);
      if (!a.rows.empty()) out.push_back(std::move(a));
      i = j;
    }
    return out;
  }
  const std::vector<std::string> attrs =
      t.attrs.empty() ? d.broker.history_attributes(tenant, id) : t.attrs;
  for (const auto& attr : attrs) {
    auto rows = d.broker.history(tenant, id, {attr}, t.filter, fetch);
    AttrRows a;
    a.truncated = static_cast<std::int64_t>(rows.size()) >= fetch;
    take_rows(rows, a);
    if (!a.rows.empty()) out.push_back(std::move(a));
  }
  return out;
}

// Cuts the answer (all entities) at one instant when a series is longer
// than a page. When more than a page of one attribute's instances share the
// first instant, that instant is fetched whole, so every page moves on.
temporal::PageCut cut_answer(Deps& d, const std::string& tenant, std::vector<EntityRows>& answer,
                             const TemporalQuery& t) {
  const Direction dir = direction(t);
  std::vector<temporal::SeriesInstants> series;
  for (const auto& e : answer)
    for (const auto& a : e.attrs)
      series.push_back({a.ms, a.truncated});
  const temporal::PageCut cut = temporal::cut_page(series, dir);
  if (!cut.inclusive) return cut;
  for (auto& e : answer)
    for (auto& a : e.attrs) {
      if (temporal::series_bound({a.ms, a.truncated}, dir) != cut.bound) continue;
      TimeFilter at = t.filter;
      at.last_n = 0;
      at.from = temporal::format_instant_ms(cut.bound);
      at.to = temporal::format_instant_ms(cut.bound + 1);
      auto rows = d.broker.history(tenant, e.id, {a.rows.front().attribute}, at, 10'000'000);
      if (t.last_n && static_cast<std::int64_t>(rows.size()) > *t.last_n)
        rows.erase(rows.begin(), rows.end() - static_cast<std::ptrdiff_t>(*t.last_n));
      AttrRows whole;
      whole.truncated = true;
      take_rows(rows, whole);
      a = std::move(whole);
    }
  return cut;
}

// The temporal representation of one entity: its rows that the cut serves.
json::object render_entity(const Exchange& x, const EntityRows& e, const temporal::PageCut& cut,
                           const TemporalQuery& t) {
  json::object out;
  out["id"] = e.id;
  if (e.current) {
    if (e.current->types.size() == 1) {
      out["type"] = x.ctx->compact(e.current->types[0]);
    } else {
      json::array types;
      for (const auto& ty : e.current->types)
        types.push_back(json::value(x.ctx->compact(ty)));
      out["type"] = std::move(types);
    }
  }
  const Direction dir = direction(t);
  for (const auto& a : e.attrs) {
    const std::string name = x.ctx->compact(a.rows.front().attribute);
    if (t.shape == Shape::temporal_values) {
      json::array values;
      std::string type = "Property";
      for (std::size_t k = 0; k < a.rows.size(); ++k) {
        if (!cut.serves(a.ms[k], dir)) continue;
        json::value inst = json::parse(a.rows[k].instance);
        auto& o = inst.as_object();
        if (const auto* ty = o.if_contains("type"); ty && ty->is_string())
          type = std::string(ty->as_string());
        const json::value* v = o.if_contains("value");
        if (!v) v = o.if_contains("object");
        // The observation time as it was written (the store keys it in UTC
        // with milliseconds).
        json::value when(a.rows[k].time);
        if (const auto* at = o.if_contains("observedAt"); t.filter.observed && at) when = *at;
        values.push_back(json::array{v ? *v : json::value(nullptr), std::move(when)});
      }
      json::object attr;
      attr["type"] = type;
      attr["values"] = std::move(values);
      out[name] = std::move(attr);
    } else {
      json::array instances;
      for (std::size_t k = 0; k < a.rows.size(); ++k) {
        if (!cut.serves(a.ms[k], dir)) continue;
        json::value inst = json::parse(a.rows[k].instance);
        auto& o = inst.as_object();
        o["instanceId"] = instance_id(a.rows[k].seq);
        if (t.sys_attrs) o["modifiedAt"] = a.rows[k].recorded_at;
        instances.push_back(std::move(inst));
      }
      out[name] = std::move(instances);
    }
  }
  return out;
}

// The aggregated representation of one entity (not paginated: periods, not
// instances).
json::object aggregated_entity(Deps& d, const Exchange& x, const std::string& id,
                               const EntityPtr& current, const TemporalQuery& t) {
  EntityRows e{id, current, {}};
  json::object out = render_entity(x, e, temporal::PageCut{}, t);
  const std::vector<std::string> attrs =
      t.attrs.empty() ? d.broker.history_attributes(x.tenant, id) : t.attrs;
  for (const auto& a : attrs) {
    auto agg = aggregate_attr(d, x.tenant, id, a, t);
    out[x.ctx->compact(a)] = std::move(agg);
  }
  return out;
}

// Renders the entities of an answer; a cut answer becomes 206 Partial
// Content with its Content-Range.
template <typename Body>
Response respond_page(const Exchange& x, Body&& body, const std::vector<EntityRows>& answer,
                      const temporal::PageCut& cut, const TemporalQuery& t) {
  Response res = respond(std::forward<Body>(body), x);
  if (!cut.partial) return res;
  const Direction dir = direction(t);
  std::optional<std::int64_t> lo, hi;
  for (const auto& e : answer)
    for (const auto& a : e.attrs)
      for (const std::int64_t ms : a.ms) {
        if (!cut.serves(ms, dir)) continue;
        lo = lo ? std::min(*lo, ms) : ms;
        hi = hi ? std::max(*hi, ms) : ms;
      }
  if (!lo) lo = hi = cut.bound;
  res.status = 206;
  res.headers.set("Content-Range", dir == Direction::ascending
                                       ? temporal::content_range(dir, t.from_ms, *lo, *hi, t.last_n)
                                       : temporal::content_range(dir, t.to_ms, *hi, *lo, t.last_n));
  return res;
}

void require_tenant(const Deps& d, const Exchange& x) {
  if (!d.broker.tenant_exists(x.tenant))
    fail(ProblemType::nonexistent_tenant, "the tenant '" + x.tenant + "' does not exist");
}

std::int64_t paging_param(const Request& r, const char* name, std::int64_t fallback) {
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

// The instances of a temporal payload's attributes (each attribute an
// instance or an array of instances), expanded; the entity members id, type
// and @context are skipped.
std::vector<std::pair<std::string, json::object>>
temporal_instances(const json::object& body, const jsonld::Context& ctx, const std::string& now) {
  std::vector<std::pair<std::string, json::object>> out;
  for (const auto& [key, value] : body) {
    if (key == "id" || key == "type" || key == "@context" || key == "scope" || key == "createdAt" ||
        key == "modifiedAt")
      continue;
    if (!valid_name(key))
      fail(ProblemType::bad_request_data, "invalid attribute name '" + std::string(key) + "'");
    const std::string attr = ctx.expand(key);
    const auto one = [&](const json::value& v) {
      if (!v.is_object())
        fail(ProblemType::bad_request_data,
             "the instances of '" + std::string(key) + "' must be objects");
      for (auto& inst : parse_attribute(key, v, ctx, now))
        out.emplace_back(attr, inst.as_object());
    };
    if (value.is_array()) {
      if (value.as_array().empty())
        fail(ProblemType::bad_request_data, "'" + std::string(key) + "' has no instances");
      for (const auto& v : value.as_array())
        one(v);
    } else {
      one(value);
    }
  }
  return out;
}

} // namespace

Response create_temporal(Deps& d, Request& r) {
  require_writer(r, d.policy);
  auto p = read_payload(r, d.resolver);
  const Exchange& x = p.exchange;
  const json::object& body = require_object(p.body);
  const auto* id = body.if_contains("id");
  const auto* type = body.if_contains("type");
  if (!id || !id->is_string() || !is_uri(id->as_string()))
    fail(ProblemType::bad_request_data, "a temporal entity needs an id that is a URI");
  if (!type) fail(ProblemType::bad_request_data, "a temporal entity needs a type");
  const std::string eid(id->as_string());
  const std::string now = d.broker.now();
  auto instances = temporal_instances(body, *x.ctx, now);
  if (d.broker.get(x.tenant, eid)) {
    if (!instances.empty()) d.broker.append_history(x.tenant, eid, instances);
    return respond_empty(204, x);
  }
  // The entity's current state: the latest instance of each attribute (by
  // observedAt) becomes the entity; the others are history only.
  std::map<std::pair<std::string, std::string>, std::size_t> latest;
  for (std::size_t i = 0; i < instances.size(); ++i) {
    const auto& inst = instances[i].second;
    const auto* ds = inst.if_contains("datasetId");
    const std::pair<std::string, std::string> key{
        instances[i].first, ds && ds->is_string() ? std::string(ds->as_string()) : ""};
    const auto at = [](const json::object& o) {
      const auto* v = o.if_contains("observedAt");
      return v && v->is_string() ? std::string(v->as_string()) : std::string();
    };
    auto it = latest.find(key);
    if (it == latest.end() || at(inst) >= at(instances[it->second].second)) latest[key] = i;
  }
  json::object current;
  current["id"] = eid;
  current["type"] = *type;
  std::vector<std::pair<std::string, json::object>> rest;
  std::vector<bool> is_latest(instances.size(), false);
  for (const auto& [key, i] : latest)
    is_latest[i] = true;
  for (std::size_t i = 0; i < instances.size(); ++i)
    if (!is_latest[i]) rest.push_back(instances[i]);
  // Rebuild the entity payload in compacted form from the original body.
  for (const auto& [key, value] : body) {
    if (key == "@context") continue;
    if (key == "id" || key == "type" || key == "scope") {
      current[key] = value;
      continue;
    }
    const std::string attr = x.ctx->expand(key);
    json::array chosen;
    const json::array all = value.is_array() ? value.as_array() : json::array{value};
    for (std::size_t k = 0; k < instances.size(); ++k)
      if (is_latest[k] && instances[k].first == attr) {
        // The instance of the body at the same position among this attribute's instances.
        std::size_t pos = 0;
        for (std::size_t m = 0; m < k; ++m)
          if (instances[m].first == attr) ++pos;
        if (pos < all.size()) chosen.push_back(all[pos]);
      }
    current[key] = chosen.size() == 1 ? chosen[0] : json::value(chosen);
  }
  d.broker.create(x.tenant, parse_entity(current, *x.ctx, now));
  if (!rest.empty()) d.broker.append_history(x.tenant, eid, rest);
  Response res = respond_empty(201, x);
  res.headers.set("Location", std::string(kRoot) + "/temporal/entities/" + eid);
  return res;
}

Response append_temporal_attrs(Deps& d, Request& r) {
  require_writer(r, d.policy);
  auto p = read_payload(r, d.resolver);
  const Exchange& x = p.exchange;
  const std::string id = entity_id_param(r);
  const json::object& body = require_object(p.body);
  require_tenant(d, x);
  if (!d.broker.get(x.tenant, id) && d.broker.history_count(x.tenant, id) == 0)
    fail(ProblemType::resource_not_found, "no temporal entity " + id);
  const auto instances = temporal_instances(body, *x.ctx, d.broker.now());
  if (instances.empty()) fail(ProblemType::bad_request_data, "the body holds no attributes");
  d.broker.append_history(x.tenant, id, instances);
  return respond_empty(204, x);
}

Response retrieve_temporal(Deps& d, Request& r) {
  const Exchange x = read_exchange(r, d.resolver);
  const std::string id = entity_id_param(r);
  const Options o = read_options(r, true);
  const TemporalQuery t = read_temporal(r, *x.ctx, o);
  require_tenant(d, x);
  const EntityPtr current = d.broker.get(x.tenant, id);
  if (!current && d.broker.history_count(x.tenant, id) == 0)
    fail(ProblemType::resource_not_found, "no temporal entity " + id);
  if (t.shape == Shape::aggregated) return respond(aggregated_entity(d, x, id, current, t), x);
  std::vector<EntityRows> answer;
  answer.push_back({id, current, fetch_rows(d, x.tenant, id, t)});
  const temporal::PageCut cut = cut_answer(d, x.tenant, answer, t);
  return respond_page(x, render_entity(x, answer.front(), cut, t), answer, cut, t);
}

namespace {

// GET /temporal/entities with the exchange (tenant, @context) already read.
Response answer_temporal_query(Deps& d, Request& r, const Exchange& x) {
  const Options o = read_options(r, true);
  const RenderOptions ro = render_options(r, o, *x.ctx);
  const TemporalQuery t = read_temporal(r, *x.ctx, o);
  const std::int64_t limit = paging_param(r, "limit", kDefaultLimit);
  const std::int64_t offset = paging_param(r, "offset", 0);
  const bool count = r.query_param("count").value_or("") == "true" || o.has("count");
  if (limit > kMaxLimit)
    fail(ProblemType::too_many_results, "limit must not exceed " + std::to_string(kMaxLimit));
  const Selection sel = selection_from_query(r, *x.ctx, ro);
  if (sel.empty())
    fail(ProblemType::bad_request_data,
         "a temporal query needs at least one of type, id, idPattern, attrs, q or a geo-query");
  require_tenant(d, x);
  // Without count, one match past the page tells whether there is a next page.
  std::size_t matched = 0;
  const auto found = d.broker.select(x.tenant, sel.type_groups, predicate(sel, true),
                                     static_cast<std::size_t>(offset + limit) + (count ? 0 : 1),
                                     count ? &matched : nullptr);
  const auto total = static_cast<std::int64_t>(count ? matched : found.size());
  json::array items;
  std::vector<EntityRows> answer;
  for (std::int64_t i = offset; i < total && i < offset + limit; ++i) {
    const auto& e = found[static_cast<std::size_t>(i)];
    if (t.shape == Shape::aggregated)
      items.push_back(aggregated_entity(d, x, e->id, e, t));
    else
      answer.push_back({e->id, e, fetch_rows(d, x.tenant, e->id, t)});
  }
  // One cut for the whole answer: every entity covers the same time window.
  const temporal::PageCut cut = cut_answer(d, x.tenant, answer, t);
  for (const auto& e : answer)
    items.push_back(render_entity(x, e, cut, t));
  Response res = respond_page(x, std::move(items), answer, cut, t);
  if (count) res.headers.add("NGSILD-Results-Count", std::to_string(total));
  std::string base = std::string(kRoot) + "/temporal/entities?";
  for (std::string_view rest = r.query; !rest.empty();) {
    const auto amp = rest.find('&');
    const std::string_view part = rest.substr(0, amp);
    rest = amp == std::string_view::npos ? std::string_view() : rest.substr(amp + 1);
    if (part.empty() || part.starts_with("limit=") || part.starts_with("offset=")) continue;
    base += std::string(part) + "&";
  }
  if (limit > 0 && offset + limit < total)
    res.headers.add("Link", "<" + base + "limit=" + std::to_string(limit) +
                                "&offset=" + std::to_string(offset + limit) + ">; rel=\"next\"");
  if (offset > 0 && limit > 0)
    res.headers.add("Link", "<" + base + "limit=" + std::to_string(limit) + "&offset=" +
                                std::to_string(std::max<std::int64_t>(0, offset - limit)) +
                                ">; rel=\"prev\"");
  return res;
}

} // namespace

Response query_temporal(Deps& d, Request& r) {
  return answer_temporal_query(d, r, read_exchange(r, d.resolver));
}

Response query_temporal_post(Deps& d, Request& r) {
  const auto p = read_payload(r, d.resolver);
  // The body's Query becomes GET parameters; the URL's own (limit, offset,
  // options, count) come after them.
  Request get = r;
  get.body.clear();
  std::string query = temporal_query_params(require_object(p.body));
  if (!r.query.empty()) query += (query.empty() ? "" : "&") + r.query;
  get.query = std::move(query);
  return answer_temporal_query(d, get, p.exchange);
}

Response delete_temporal(Deps& d, Request& r) {
  require_writer(r, d.policy);
  const Exchange x = read_exchange(r, d.resolver);
  const std::string id = entity_id_param(r);
  require_tenant(d, x);
  const bool had_entity = d.broker.get(x.tenant, id) != nullptr;
  if (had_entity) d.broker.remove(x.tenant, id);
  if (!d.broker.delete_history(x.tenant, id, "") && !had_entity)
    fail(ProblemType::resource_not_found, "no temporal entity " + id);
  return respond_empty(204, x);
}

Response delete_temporal_attr(Deps& d, Request& r) {
  require_writer(r, d.policy);
  const Exchange x = read_exchange(r, d.resolver);
  const std::string id = entity_id_param(r);
  const std::string attr = attr_param(r, *x.ctx);
  require_tenant(d, x);
  if (!d.broker.delete_history(x.tenant, id, attr))
    fail(ProblemType::resource_not_found, "no history of that attribute of " + id);
  return respond_empty(204, x);
}

Response delete_temporal_instance(Deps& d, Request& r) {
  require_writer(r, d.policy);
  const Exchange x = read_exchange(r, d.resolver);
  const std::string id = entity_id_param(r);
  const std::string attr = attr_param(r, *x.ctx);
  const std::int64_t seq = instance_seq(r);
  require_tenant(d, x);
  if (!d.broker.delete_instance(x.tenant, id, attr, seq))
    fail(ProblemType::resource_not_found, "no such instance of that attribute of " + id);
  return respond_empty(204, x);
}

Response patch_temporal_instance(Deps& d, Request& r) {
  require_writer(r, d.policy);
  auto p = read_payload(r, d.resolver);
  const Exchange& x = p.exchange;
  const std::string id = entity_id_param(r);
  const std::string attr = attr_param(r, *x.ctx);
  const std::int64_t seq = instance_seq(r);
  const json::object& body = require_object(p.body);
  // The body is the attribute ({"speed": {...}}) or the instance itself.
  const json::object* patch = &body;
  if (const auto* named = body.if_contains(r.param("attr")); named && named->is_object())
    patch = &named->as_object();
  if (patch->empty()) fail(ProblemType::bad_request_data, "the body changes nothing");
  json::object clean;
  for (const auto& [key, value] : *patch) {
    if (key == "instanceId" || key == "createdAt" || key == "modifiedAt" || key == "datasetId")
      continue;
    if (key == "observedAt" && (!value.is_string() || !is_date_time(value.as_string())))
      fail(ProblemType::bad_request_data, "observedAt must be an ISO 8601 date-time");
    if (key == "type" &&
        (!value.is_string() ||
         (value.as_string() != "Property" && value.as_string() != "Relationship" &&
          value.as_string() != "GeoProperty" && value.as_string() != "LanguageProperty" &&
          value.as_string() != "JsonProperty" && value.as_string() != "VocabProperty")))
      fail(ProblemType::bad_request_data, "type must be an attribute type");
    clean[key] = value;
  }
  require_tenant(d, x);
  if (!d.broker.patch_instance(x.tenant, id, attr, seq, clean))
    fail(ProblemType::resource_not_found, "no such instance of that attribute of " + id);
  return respond_empty(204, x);
}

} // namespace context::api::detail
