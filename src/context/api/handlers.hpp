// The handlers of the NGSI-LD routes and the helpers they share; private to
// context/api (routes.cpp registers them).
#pragma once

#include <boost/json/object.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "context/api/negotiation.hpp"
#include "context/api/options.hpp"
#include "context/api/routes.hpp"
#include "context/broker.hpp"
#include "http/message.hpp"

namespace context::api::detail {

inline constexpr std::string_view kRoot = "/ngsi-ld/v1";
inline constexpr std::int64_t kDefaultLimit = 20;
inline constexpr std::int64_t kMaxLimit = 1000;
inline constexpr std::size_t kMaxBatch = 10000;
inline constexpr std::size_t kBatchBodyLimit = 32 * 1024 * 1024;

// What every handler works with.
struct Deps {
  Broker& broker;
  const jsonld::Resolver& resolver;
  AccessPolicy policy;
};

// Throws Problem{unauthorized/forbidden} unless the request may write.
void require_writer(const http::Request& r, const AccessPolicy& policy);
// The {id} path parameter; Problem{bad_request_data} unless it is a URI.
std::string entity_id_param(const http::Request& r);
// The {attr} path parameter expanded with ctx.
std::string attr_param(const http::Request& r, const jsonld::Context& ctx);
const boost::json::object& require_object(const boost::json::value& v);
// The entity, or Problem{nonexistent_tenant / resource_not_found}.
EntityPtr require_entity(const Deps& d, const Exchange& x, const std::string& id);
boost::json::object problem_json(const Problem& p);
// 204 when everything was updated, else 207 with updated / notUpdated.
http::Response merge_response(const MergeResult& m, const Exchange& x);

// entity_routes.cpp
http::Response create_entity(Deps& d, http::Request& r);
http::Response retrieve_entity(Deps& d, http::Request& r);
http::Response delete_entity(Deps& d, http::Request& r);
http::Response append_attrs(Deps& d, http::Request& r);
http::Response update_attrs(Deps& d, http::Request& r);
http::Response merge_entity(Deps& d, http::Request& r);
http::Response replace_entity(Deps& d, http::Request& r);
http::Response partial_attr_update(Deps& d, http::Request& r);
http::Response replace_attr(Deps& d, http::Request& r);
http::Response delete_attr(Deps& d, http::Request& r);
// query_routes.cpp
// The entity selection of GET /entities (type, id, idPattern, attrs, q, geo).
Selection selection_from_query(const http::Request& r, const jsonld::Context& ctx,
                               const RenderOptions& ro);
http::Response query_entities(Deps& d, http::Request& r);
http::Response query_post(Deps& d, http::Request& r);
// batch_routes.cpp
http::Response batch_create(Deps& d, http::Request& r);
http::Response batch_upsert(Deps& d, http::Request& r);
http::Response batch_update(Deps& d, http::Request& r);
http::Response batch_delete(Deps& d, http::Request& r);
// type_routes.cpp
http::Response list_types(Deps& d, http::Request& r);
http::Response get_type(Deps& d, http::Request& r);
http::Response list_attributes(Deps& d, http::Request& r);
http::Response get_attribute(Deps& d, http::Request& r);

// temporal_query_body.cpp: the parameters of GET /temporal/entities that a
// Query body (POST /temporal/entityOperations/query) stands for, encoded as a
// query string. Throws Problem{bad_request_data}.
std::string temporal_query_params(const boost::json::object& body);
// temporal_routes.cpp
http::Response create_temporal(Deps& d, http::Request& r);
http::Response append_temporal_attrs(Deps& d, http::Request& r);
http::Response query_temporal(Deps& d, http::Request& r);
http::Response query_temporal_post(Deps& d, http::Request& r);
http::Response retrieve_temporal(Deps& d, http::Request& r);
http::Response delete_temporal(Deps& d, http::Request& r);
http::Response delete_temporal_attr(Deps& d, http::Request& r);
http::Response delete_temporal_instance(Deps& d, http::Request& r);
http::Response patch_temporal_instance(Deps& d, http::Request& r);

} // namespace context::api::detail
