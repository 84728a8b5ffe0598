#include "context/subscriptions/notifier.hpp"

#include <boost/json.hpp>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <array>

#include "context/model/instance.hpp"
#include "context/model/problem.hpp"
#include "core/ids.hpp"

namespace context::subscriptions {
namespace {

namespace json = boost::json;
using steady = std::chrono::steady_clock;

constexpr std::string_view kCoreContext =
    "https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context-v1.8.jsonld";
constexpr int kDueBatch = 256;

std::int64_t epoch_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string scheme_of(const std::string& uri) {
  const auto colon = uri.find(':');
  std::string s = colon == std::string::npos ? "" : uri.substr(0, colon);
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

// The URL a Link header can name for a subscription's context (a single
// URL, or the first URL of an array), else the core context.
std::string link_url(const json::value& source) {
  if (source.is_string()) return std::string(source.get_string());
  if (source.is_array() && source.get_array().size() == 1 && source.get_array()[0].is_string())
    return std::string(source.get_array()[0].get_string());
  return std::string(kCoreContext);
}

// The instance of `list` (an attribute's instances) with this datasetId.
const json::object* instance_with(const json::value& list, const std::string& dataset_id) {
  for (const auto& inst : list.as_array())
    if (detail::dataset_of(inst.as_object()) == dataset_id) return &inst.as_object();
  return nullptr;
}

// showChanges: every rendered attribute instance whose value the change
// replaced gets the old one as previousValue (previousObject,
// previousLanguageMap, ... after the member that holds it).
void add_previous_values(json::object& rendered, const Entity& before, const Entity& after,
                         const jsonld::Context& ctx) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 7> kPrevious = {{
      {"value", "previousValue"},
      {"object", "previousObject"},
      {"languageMap", "previousLanguageMap"},
      {"vocab", "previousVocab"},
      {"json", "previousJson"},
      {"valueList", "previousValueList"},
      {"objectList", "previousObjectList"},
  }};
  for (const auto& [name, now_list] : after.attrs) {
    const auto* old_list = before.attrs.if_contains(name);
    auto* out = rendered.if_contains(ctx.compact(name));
    if (!old_list || !out) continue;
    auto annotate = [&](json::value& shown) {
      auto* obj = shown.if_object();
      if (!obj) return; // a concise bare value has nowhere to put it
      const std::string ds =
          obj->contains("datasetId") ? std::string(obj->at("datasetId").as_string()) : "";
      const auto* now = instance_with(now_list, ds);
      const auto* old = instance_with(*old_list, ds);
      if (!now || !old) return;
      for (const auto& [member, previous] : kPrevious) {
        const auto* was = old->if_contains(member);
        if (!was) continue;
        const auto* is = now->if_contains(member);
        if (is && *is == *was) continue;
        json::value v = *was;
        if (member == "vocab") { // stored expanded
          if (auto* a = v.if_array()) {
            for (auto& x : *a)
              x = json::string(ctx.compact(x.as_string()));
          } else if (v.is_string()) {
            v = json::string(ctx.compact(v.as_string()));
          }
        }
        (*obj)[previous] = std::move(v);
      }
    };
    if (auto* a = out->if_array()) {
      for (auto& shown : *a)
        annotate(shown);
    } else {
      annotate(*out);
    }
  }
}

} // namespace

Notifier::Notifier(store::Database& db, Broker& broker, const jsonld::Resolver& resolver,
                   NotifierOptions options)
    : db_(db), broker_(broker), resolver_(resolver), options_(options) {}

Notifier::~Notifier() { stop(); }

std::vector<store::Migration> Notifier::migrations() { return subscription_store::migrations(); }

void Notifier::add_transport(const std::string& scheme, std::unique_ptr<Transport> transport) {
  transports_[scheme] = std::move(transport);
}

bool Notifier::Entry::admit(const NotifierOptions& o, std::atomic<std::uint64_t>& dropped) {
  if (pending >= o.max_pending) {
    ++dropped;
    spdlog::warn("notification for {} dropped: {} wait for its endpoint", sub.id, pending);
    return false;
  }
  ++pending;
  return true;
}

void Notifier::load() {
  const std::string now = broker_.now();
  std::vector<std::pair<std::string, std::string>> rows;
  std::map<Key, std::int64_t> pending;
  db_.read([&](store::Connection& c) {
    subscription_store::for_each(c, [&](const std::string& tenant, const std::string& body) {
      rows.emplace_back(tenant, body);
    });
    subscription_store::pending_per_subscription(
        c, [&](const std::string& tenant, const std::string& id, std::int64_t n) {
          pending[{tenant, id}] = n;
        });
  });
  std::unique_lock lock(subs_mutex_);
  for (const auto& [tenant, body] : rows) {
    try {
      Subscription s = from_storage(body, resolver_, now);
      Key key{tenant, s.id};
      subs_[key] = Entry{std::move(s), {}, pending[key]};
      ++per_tenant_[tenant];
    } catch (const Problem& p) {
      spdlog::warn("subscription of tenant '{}' not loaded: {}", tenant, p.detail);
    }
  }
  count_ = subs_.size();
}

void Notifier::start() {
  std::lock_guard lock(work_mutex_);
  if (!threads_.empty()) return;
  stopping_ = false;
  threads_.emplace_back([this] { dispatch_loop(); });
  for (int i = 0; i < std::max(1, options_.workers); ++i)
    threads_.emplace_back([this] { deliver_loop(); });
}

void Notifier::stop() {
  {
    std::lock_guard lock(work_mutex_);
    stopping_ = true;
  }
  work_cv_.notify_all();
  for (auto& t : threads_)
    if (t.joinable()) t.join();
  threads_.clear();
}

void Notifier::create(const std::string& tenant, Subscription s) {
  std::lock_guard api(api_mutex_);
  Key key{tenant, s.id};
  {
    std::shared_lock lock(subs_mutex_);
    if (subs_.contains(key))
      fail(ProblemType::already_exists, "the subscription " + s.id + " exists");
  }
  const std::string body = to_storage(s);
  db_.write([&](store::Connection& c) {
    if (c.query_one("SELECT 1 FROM ngsild_subscriptions WHERE tenant = ? AND id = ?",
                    {tenant, s.id}))
      fail(ProblemType::already_exists, "the subscription " + s.id + " exists");
    subscription_store::put(c, tenant, s.id, body);
  });
  std::unique_lock lock(subs_mutex_);
  subs_[key] = Entry{std::move(s), {}};
  ++per_tenant_[tenant];
  count_ = subs_.size();
  lock.unlock();
  committed(); // a periodic subscription starts now
}

std::vector<Subscription> Notifier::list(const std::string& tenant) const {
  std::vector<Subscription> out;
  std::shared_lock lock(subs_mutex_);
  for (auto it = subs_.lower_bound({tenant, ""}); it != subs_.end() && it->first.first == tenant;
       ++it)
    out.push_back(it->second.sub);
  return out;
}

std::optional<Subscription> Notifier::get(const std::string& tenant, const std::string& id) const {
  std::shared_lock lock(subs_mutex_);
  auto it = subs_.find({tenant, id});
  if (it == subs_.end()) return std::nullopt;
  return it->second.sub;
}

void Notifier::update(const std::string& tenant, const std::string& id,
                      const json::object& fragment) {
  std::lock_guard api(api_mutex_);
  const auto current = get(tenant, id);
  if (!current) fail(ProblemType::resource_not_found, "no subscription " + id);
  json::object request = patched(current->request, fragment);
  request["id"] = id;
  Subscription next = parse(request, current->ctx, current->context, broker_.now(),
                            fragment.contains("expiresAt"), &resolver_);
  next.created_at = current->created_at;
  next.modified_at = broker_.now();
  // Memory and database change together inside the write job, so that a
  // delivery's status write (also a write job) never puts back an older
  // request.
  db_.write([&](store::Connection& c) {
    std::unique_lock lock(subs_mutex_);
    auto it = subs_.find({tenant, id});
    if (it == subs_.end()) fail(ProblemType::resource_not_found, "no subscription " + id);
    next.status = it->second.sub.status;
    subscription_store::put(c, tenant, id, to_storage(next));
    it->second.sub = std::move(next);
  });
}

void Notifier::remove(const std::string& tenant, const std::string& id) {
  std::lock_guard api(api_mutex_);
  db_.write([&](store::Connection& c) {
    if (!subscription_store::remove(c, tenant, id))
      fail(ProblemType::resource_not_found, "no subscription " + id);
    std::unique_lock lock(subs_mutex_);
    if (subs_.erase({tenant, id}) > 0) --per_tenant_[tenant];
    count_ = subs_.size();
  });
}

std::int64_t Notifier::pending() const {
  return db_.read([](store::Connection& c) { return subscription_store::pending_count(c); });
}

bool Notifier::watching(const std::string& tenant) const {
  if (count_.load(std::memory_order_relaxed) == 0) return false;
  std::shared_lock lock(subs_mutex_);
  auto it = per_tenant_.find(tenant);
  return it != per_tenant_.end() && it->second > 0;
}

subscription_store::Pending Notifier::notification(const std::string& tenant, const Subscription& s,
                                                   const std::vector<Notified>& data) const {
  RenderOptions o;
  o.key_values = s.key_values;
  o.concise = s.concise;
  o.sys_attrs = s.sys_attrs;
  o.attrs.insert(s.notify_attrs.begin(), s.notify_attrs.end());
  o.pick = s.pick;
  o.omit = s.omit;
  json::array rendered;
  RenderOptions deleted; // a deleted entity: who it was
  deleted.pick = {"id", "type"};
  for (const auto& n : data) {
    auto item = render(*n.entity, *s.notify_ctx, n.deleted ? deleted : o);
    if (s.show_changes && !s.key_values && n.before && !n.deleted)
      add_previous_values(item, *n.before, *n.entity, *s.notify_ctx);
    rendered.push_back(std::move(item));
  }
  json::object body;
  body["id"] = "urn:ngsi-ld:Notification:" + core::random_id(12);
  body["type"] = "Notification";
  body["subscriptionId"] = s.id;
  body["notifiedAt"] = broker_.now();
  body["data"] = std::move(rendered);
  subscription_store::Pending p;
  p.tenant = tenant;
  p.subscription_id = s.id;
  p.delivery.uri = s.uri;
  p.delivery.content_type = s.accept;
  if (s.accept == "application/ld+json") {
    body["@context"] = s.notify_context.is_null() ? json::value(kCoreContext) : s.notify_context;
  } else {
    p.delivery.headers.emplace_back("Link", "<" + link_url(s.notify_context) +
                                                ">; rel=\"http://www.w3.org/ns/json-ld#context\"; "
                                                "type=\"application/ld+json\"");
  }
  if (!tenant.empty()) p.delivery.headers.emplace_back("NGSILD-Tenant", tenant);
  for (const auto& h : s.receiver_info)
    p.delivery.headers.push_back(h);
  p.delivery.body = json::serialize(body);
  p.next_attempt_ms = epoch_ms();
  return p;
}

void Notifier::on_commit(store::Connection& c, const std::string& tenant,
                         const std::vector<EntityChange>& changes) {
  const std::string now = broker_.now();
  const auto t = steady::now();
  std::unique_lock lock(subs_mutex_); // last_sent changes below
  for (auto it = subs_.lower_bound({tenant, ""}); it != subs_.end() && it->first.first == tenant;
       ++it) {
    auto& entry = it->second;
    const Subscription& s = entry.sub;
    if (s.time_interval > 0 || status_name(s, now) != "active") continue;
    std::vector<Notified> data;
    for (const auto& ch : changes)
      if (matches(s, ch.before, ch.after, ch.changes))
        data.push_back({ch.after ? ch.after : ch.before, ch.before, !ch.after});
    if (data.empty()) continue;
    if (s.throttling > 0 && entry.last_sent != steady::time_point{} &&
        t - entry.last_sent < std::chrono::seconds(s.throttling))
      continue;
    entry.last_sent = t;
    if (entry.admit(options_, dropped_))
      subscription_store::enqueue(c, notification(tenant, s, data));
  }
}

void Notifier::committed() {
  {
    std::lock_guard lock(work_mutex_);
    wake_ = true;
  }
  work_cv_.notify_all();
}

void Notifier::enqueue_periodic() {
  const std::string now = broker_.now();
  const auto t = steady::now();
  std::vector<subscription_store::Pending> out;
  {
    std::unique_lock lock(subs_mutex_);
    for (auto& [key, entry] : subs_) {
      const Subscription& s = entry.sub;
      if (s.time_interval <= 0 || status_name(s, now) != "active") continue;
      if (entry.last_sent != steady::time_point{} &&
          t - entry.last_sent < std::chrono::seconds(s.time_interval))
        continue;
      entry.last_sent = t;
      const auto entities =
          broker_.select(key.first, [&](const Entity& e) { return selects(s, e); });
      if (entities.empty() || !entry.admit(options_, dropped_)) continue;
      std::vector<Notified> data;
      for (const auto& e : entities)
        data.push_back({e.get(), nullptr, false});
      out.push_back(notification(key.first, s, data));
    }
  }
  if (out.empty()) return;
  db_.write([&](store::Connection& c) {
    for (const auto& p : out)
      subscription_store::enqueue(c, p);
  });
}

void Notifier::dispatch_loop() {
  for (;;) {
    {
      std::unique_lock lock(work_mutex_);
      work_cv_.wait_for(lock, options_.poll, [this] { return wake_ || stopping_; });
      if (stopping_) return;
      wake_ = false;
    }
    if (count_.load() == 0) continue; // no subscription, nothing can be pending
    try {
      enqueue_periodic();
      const auto due = db_.read(
          [](store::Connection& c) { return subscription_store::due(c, epoch_ms(), kDueBatch); });
      if (due.empty()) continue;
      std::lock_guard lock(work_mutex_);
      for (const auto& p : due) {
        Key key{p.tenant, p.subscription_id};
        if (in_flight_.contains(key)) continue;
        in_flight_.insert(key);
        jobs_.push_back(p);
      }
    } catch (const std::exception& e) {
      spdlog::error("notifications: {}", e.what());
    }
    work_cv_.notify_all();
  }
}

void Notifier::deliver_loop() {
  for (;;) {
    subscription_store::Pending p;
    {
      std::unique_lock lock(work_mutex_);
      work_cv_.wait(lock, [this] { return !jobs_.empty() || stopping_; });
      if (stopping_) return;
      p = std::move(jobs_.front());
      jobs_.erase(jobs_.begin());
    }
    Key key{p.tenant, p.subscription_id};
    try {
      deliver_one(std::move(p));
    } catch (const std::exception& e) {
      spdlog::error("notification delivery: {}", e.what());
    }
    {
      std::lock_guard lock(work_mutex_);
      in_flight_.erase(key);
      wake_ = true; // the subscription's next notification may be due
    }
    work_cv_.notify_all();
  }
}

void Notifier::deliver_one(subscription_store::Pending p) {
  std::string error;
  bool ok = false;
  auto transport = transports_.find(scheme_of(p.delivery.uri));
  if (transport == transports_.end())
    error = "no transport for " + scheme_of(p.delivery.uri);
  else
    ok = transport->second->deliver(p.delivery, error);
  const std::string now = broker_.now();
  const bool give_up = !ok && p.attempts + 1 >= options_.max_attempts;
  ++(ok ? sent_ : failed_);
  if (give_up) ++dropped_;
  if (!ok)
    spdlog::warn("notification for {} to {} failed (attempt {}{}): {}", p.subscription_id,
                 p.delivery.uri, p.attempts + 1, give_up ? ", the last: dropped" : "", error);
  // Backoff: base * 2^attempts, at most the cap.
  auto delay = options_.retry_base;
  for (std::int64_t i = 0; i < p.attempts && delay < options_.retry_cap; ++i)
    delay *= 2;
  delay = std::min(delay, options_.retry_cap);
  // Outcome and status in one write job; the status is taken from memory
  // inside it (see update()).
  db_.write([&](store::Connection& c) {
    if (ok || give_up)
      subscription_store::done(c, p.seq);
    else
      subscription_store::retry_at(c, p.seq, p.attempts + 1, epoch_ms() + delay.count());
    std::unique_lock lock(subs_mutex_);
    auto it = subs_.find({p.tenant, p.subscription_id});
    if (it == subs_.end()) return; // deleted meanwhile: nothing to put back
    Status& st = it->second.sub.status;
    st.last_notification = now;
    if (ok) {
      ++st.times_sent;
      st.last_success = now;
      st.consecutive_errors = 0;
    } else {
      ++st.times_failed;
      st.last_failure = now;
      ++st.consecutive_errors;
    }
    if (ok || give_up) --it->second.pending;
    subscription_store::put(c, p.tenant, p.subscription_id, to_storage(it->second.sub));
  });
}

} // namespace context::subscriptions
