// The HTTP rules of NGSI-LD that every route shares: tenant header, which
// @context applies (Link header with application/json, body member with
// application/ld+json), Content-Type (415) and Accept (406) checks, the
// @context or Link header on responses, and ProblemDetails bodies.
#pragma once

#include <boost/json/value.hpp>

#include <memory>
#include <string>
#include <vector>

#include "context/jsonld/context.hpp"
#include "context/model/problem.hpp"
#include "http/message.hpp"

namespace context::api {

// What a request says about itself.
struct Exchange {
  std::string tenant;                         // NGSILD-Tenant ("" = default)
  std::shared_ptr<const jsonld::Context> ctx; // the active context
  bool ld_response = false;                   // Accept: application/ld+json
};

// Reads tenant, Accept and the Link header of a request without a body
// (GET, DELETE). Throws Problem.
Exchange read_exchange(const http::Request& r, const jsonld::Resolver& resolver);

// The parsed body of a write and the exchange. With application/ld+json the
// @context comes from the body (and is removed from each object), with
// application/json from the Link header. merge_patch allows
// application/merge-patch+json. Throws Problem.
struct Payload {
  Exchange exchange;
  boost::json::value body;
};
Payload read_payload(const http::Request& r, const jsonld::Resolver& resolver,
                     bool merge_patch = false);

// The active context for one entity of a batch body sent as ld+json (each
// entity carries its own @context). Throws Problem.
std::shared_ptr<const jsonld::Context> entity_context(const boost::json::object& entity,
                                                      const Payload& p,
                                                      const jsonld::Resolver& resolver,
                                                      bool ld_request);

// A JSON response for the exchange: with ld+json the @context member is set
// on the object (or each object of an array), otherwise a Link header names
// the context. The tenant is echoed.
http::Response respond(boost::json::value body, const Exchange& x, int status = 200);

// The body with the @context member a response to x carries (ld+json), or
// the body unchanged (application/json).
boost::json::value with_context(boost::json::value body, const Exchange& x);
// A response whose body is already serialised (by with_context + dump).
http::Response respond_serialized(std::string body, const Exchange& x, int status = 200);

// An empty response (201/204) with the tenant echoed.
http::Response respond_empty(int status, const Exchange& x);

// The ProblemDetails response.
http::Response problem_response(const Problem& p);

// The value to put as @context into a response body.
boost::json::value context_member(const Exchange& x);

// True when the request's Content-Type is application/ld+json.
bool is_ld_request(const http::Request& r);

} // namespace context::api
