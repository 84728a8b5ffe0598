#include "context/api/routes.hpp"

#include <memory>

#include "context/api/handlers.hpp"
#include "context/api/negotiation.hpp"

namespace context::api {
namespace {

using detail::Deps;
using http::Method;
using http::Request;
using http::Response;

http::Handler wrap(std::shared_ptr<Deps> d, Response (*fn)(Deps&, Request&)) {
  return [d, fn](Request& r) -> Response {
    try {
      return fn(*d, r);
    } catch (const Problem& p) {
      return problem_response(p);
    }
  };
}

} // namespace

void add_routes(http::Router& router, Broker& broker, const jsonld::Resolver& resolver,
                AccessPolicy policy) {
  using namespace detail;
  auto d = std::make_shared<Deps>(Deps{broker, resolver, std::move(policy)});
  const std::string root(detail::kRoot);
  http::RouteOptions batch;
  batch.body_limit = detail::kBatchBodyLimit;
  router.add(Method::post, root + "/entities", wrap(d, create_entity));
  router.add(Method::get, root + "/entities", wrap(d, query_entities));
  // Retrieval reads the in-memory index only (no database, no waiting): it
  // runs on the I/O thread, without the hop to the worker pool.
  http::RouteOptions in_memory;
  in_memory.inline_handler = true;
  router.add(Method::get, root + "/entities/{id}", wrap(d, retrieve_entity), in_memory);
  router.add(Method::del, root + "/entities/{id}", wrap(d, delete_entity));
  router.add(Method::put, root + "/entities/{id}", wrap(d, replace_entity));
  router.add(Method::patch, root + "/entities/{id}", wrap(d, merge_entity));
  router.add(Method::post, root + "/entities/{id}/attrs", wrap(d, append_attrs));
  router.add(Method::patch, root + "/entities/{id}/attrs", wrap(d, update_attrs));
  router.add(Method::patch, root + "/entities/{id}/attrs/{attr}", wrap(d, partial_attr_update));
  router.add(Method::put, root + "/entities/{id}/attrs/{attr}", wrap(d, replace_attr));
  router.add(Method::del, root + "/entities/{id}/attrs/{attr}", wrap(d, delete_attr));
  router.add(Method::post, root + "/entityOperations/create", wrap(d, batch_create), batch);
  router.add(Method::post, root + "/entityOperations/upsert", wrap(d, batch_upsert), batch);
  router.add(Method::post, root + "/entityOperations/update", wrap(d, batch_update), batch);
  router.add(Method::post, root + "/entityOperations/delete", wrap(d, batch_delete), batch);
  router.add(Method::post, root + "/entityOperations/query", wrap(d, query_post));
  router.add(Method::get, root + "/types", wrap(d, list_types));
  router.add(Method::get, root + "/types/{type}", wrap(d, get_type));
  router.add(Method::get, root + "/attributes", wrap(d, list_attributes));
  router.add(Method::get, root + "/attributes/{attr}", wrap(d, get_attribute));
  router.add(Method::post, root + "/temporal/entities", wrap(d, create_temporal), batch);
  router.add(Method::get, root + "/temporal/entities", wrap(d, query_temporal));
  router.add(Method::post, root + "/temporal/entityOperations/query", wrap(d, query_temporal_post));
  router.add(Method::post, root + "/temporal/entities/{id}/attrs", wrap(d, append_temporal_attrs),
             batch);
  router.add(Method::get, root + "/temporal/entities/{id}", wrap(d, retrieve_temporal));
  router.add(Method::del, root + "/temporal/entities/{id}", wrap(d, delete_temporal));
  router.add(Method::del, root + "/temporal/entities/{id}/attrs/{attr}",
             wrap(d, delete_temporal_attr));
  router.add(Method::del, root + "/temporal/entities/{id}/attrs/{attr}/{instanceId}",
             wrap(d, delete_temporal_instance));
  router.add(Method::patch, root + "/temporal/entities/{id}/attrs/{attr}/{instanceId}",
             wrap(d, patch_temporal_instance));
}

} // namespace context::api
