// The CKAN Action API v3 over the open-data catalogue (read actions): the
// package, organization, group (= EU data theme), tag, licence and resource
// views that CKAN clients and harvesters know, with CKAN's parameters and
// result shapes. HTTP (envelopes, GET/POST) lives in ckan_routes.cpp.
#pragma once

#include <boost/json.hpp>

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "opendata/opendata.hpp"

namespace opendata::ckan {

// A failed action, in CKAN's terms: the HTTP status and the "error" member
// ({"__type": "Not Found Error", "message": ...}).
struct ActionError {
  int status;
  boost::json::object error;
};

ActionError not_found(std::string message = {});
ActionError validation_error(std::string field, std::string message);
ActionError authorization_error(std::string message);
ActionError search_query_error(std::string message);

// The parameters of one call: the JSON body of a POST, or the query string
// of a GET (values are then strings; lists come as JSON text or repeated).
class Params {
public:
  explicit Params(boost::json::object values) : values_(std::move(values)) {}
  static Params from_query(const std::vector<std::pair<std::string, std::string>>& query);

  bool has(std::string_view name) const;
  std::optional<std::string> text(std::string_view name) const;
  // Throws ActionError (409 Validation Error) for a value that is no whole
  // number in [min, max]; values above max are capped like CKAN's limits
  // when cap is true.
  std::optional<std::int64_t> integer(std::string_view name, std::int64_t min, std::int64_t max,
                                      bool cap = false) const;
  bool boolean(std::string_view name, bool fallback) const;
  // A list of strings: a JSON array, a JSON array in a string, or one string.
  std::vector<std::string> list(std::string_view name) const;

private:
  boost::json::object values_;
};

// Who calls: staff see private datasets when they ask for them.
struct Caller {
  bool staff = false;
};

// The search's view of one snapshot (lower-cased texts and field values),
// built once per snapshot.
struct SearchIndex;

// Runs the actions. Thread-safe; open_data must outlive the object.
class Api {
public:
  Api(const OpenData& open_data, std::string public_url);

  // The names of the actions offered, sorted.
  static const std::vector<std::string>& actions();
  // The help text of an action (help_show); empty for an unknown one.
  static std::string help(std::string_view action);

  // Runs an action and returns its "result" as JSON text. Throws
  // ActionError. REQUIRES: action is one of actions().
  std::string call(std::string_view action, const Params& params, const Caller& caller) const;

private:
  boost::json::value call_value(std::string_view action, const Params& params,
                                const Caller& caller) const;
  // package_search writes its result as text: the package dicts are kept
  // serialised in the search index.
  std::string package_search(const Params& p, const Caller& caller) const;
  boost::json::value resource_search(const Params& p, const Caller& caller) const;
  boost::json::object package(const Dataset& d, const Snapshot& snap) const;
  boost::json::object resource(const Dataset& d, const Distribution& x, std::size_t position) const;
  boost::json::object organization(const Organization& o, const Snapshot& snap,
                                   const Caller& caller) const;
  boost::json::object group(const std::string& theme, const Snapshot& snap,
                            const Caller& caller) const;

  // The index of the current snapshot (rebuilt when the snapshot changed).
  std::shared_ptr<const SearchIndex> search_index() const;

  const OpenData& open_data_;
  std::string public_url_;
  mutable std::mutex index_mutex_; // guards index_
  mutable std::shared_ptr<const SearchIndex> index_;
};

} // namespace opendata::ckan
