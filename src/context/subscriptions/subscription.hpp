// An NGSI-LD subscription (ETSI GS CIM 009, 5.2.12): which entities and
// changes it watches and where notifications go, validated from a request
// payload, plus its delivery status. Pure rules, no I/O: parsing and
// validation, matching a committed change, rendering for GET.
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <cstdint>
#include <memory>
#include <optional>
#include <regex>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "context/jsonld/context.hpp"
#include "context/model/entity.hpp"
#include "context/query/geo.hpp"
#include "context/query/q.hpp"

namespace context::subscriptions {

// One member of `entities`: a type plus optionally an id or idPattern.
struct EntitySelector {
  std::string id;
  std::string type; // expanded
  std::shared_ptr<const std::regex> id_pattern;
};

// Delivery counters and times (the spec's NotificationParams status members).
struct Status {
  std::int64_t times_sent = 0;
  std::int64_t times_failed = 0;
  std::string last_notification;
  std::string last_success;
  std::string last_failure;
  std::int64_t consecutive_errors = 0;
};

// A validated subscription. `request` keeps the payload as the client gave
// it (compact terms, without @context); `context` is the @context it was
// made with (notifications are compacted with it).
struct Subscription {
  std::string id;
  boost::json::object request;
  boost::json::value context; // the context's source (URL, object or array)
  std::shared_ptr<const jsonld::Context> ctx;
  // Notifications are compacted with jsonldContext when given, else ctx.
  boost::json::value notify_context;
  std::shared_ptr<const jsonld::Context> notify_ctx;
  std::string created_at;
  std::string modified_at;

  std::vector<EntitySelector> entities;
  std::vector<std::string> watched; // expanded
  std::optional<query::Expr> q;     // names expanded
  std::optional<query::GeoQuery> geo_q;
  std::vector<std::string> notify_attrs; // expanded
  std::set<std::string> pick;            // "id", "type" and expanded names
  std::set<std::string> omit;
  bool key_values = false;
  bool concise = false;      // notification.format "concise"
  bool show_changes = false; // notification.showChanges: previousValue
  bool sys_attrs = false;
  std::string uri;
  std::string accept = "application/json";
  std::vector<std::pair<std::string, std::string>> receiver_info;
  std::int64_t throttling = 0;    // seconds, 0 = none
  std::int64_t time_interval = 0; // seconds, 0 = on change
  std::string expires_at;         // "" = never
  bool active = true;             // isActive
  // notificationTrigger: entityCreated, entityUpdated, entityDeleted,
  // attributeCreated, attributeUpdated, attributeDeleted.
  std::vector<std::string> triggers{"attributeCreated", "attributeUpdated"};

  Status status;
};

// Validates a payload (without @context) for ctx and returns the
// subscription, id generated when absent. Throws Problem{bad_request_data}
// naming what is wrong. `now` is the broker's time (expiresAt must be later
// on creation only; on load a past expiresAt just means "expired").
// jsonldContext is loaded through resolver (Problem{ld_context_not_available}
// when it cannot be had); without a resolver it is only checked to be a URI.
Subscription parse(const boost::json::object& payload, std::shared_ptr<const jsonld::Context> ctx,
                   const boost::json::value& context_source, const std::string& now,
                   bool check_expiry = true, const jsonld::Resolver* resolver = nullptr);

// PATCH: the fragment's members over the stored request (notification and
// notification.endpoint merged one level deeper). Throws Problem.
boost::json::object patched(const boost::json::object& request,
                            const boost::json::object& fragment);

// "active", "paused" or "expired" at `now`.
std::string status_name(const Subscription& s, const std::string& now);

// True when a change of an entity (before/after, changed attributes) is one
// this subscription notifies about: a notificationTrigger fits (a new
// entity counts as entityCreated and attributeCreated), the entity is
// selected, a watched attribute changed (or none named), q and geoQ hold
// for the entity after the change (before it, for a deletion).
bool matches(const Subscription& s, const Entity* before, const Entity* after,
             const std::vector<Change>& changes);
// True when the entity is selected by entities, q and geoQ (periodic
// notifications).
bool selects(const Subscription& s, const Entity& e);

// The subscription as GET returns it: entity types and attribute names
// compacted with the request's context (@context not included).
boost::json::object render(const Subscription& s, const std::string& now,
                           const jsonld::Context& ctx);

// Stored form <-> JSON text (request, context, times and status).
std::string to_storage(const Subscription& s);
// Throws Problem when the stored request no longer parses.
Subscription from_storage(const std::string& text, const jsonld::Resolver& resolver,
                          const std::string& now);

} // namespace context::subscriptions
