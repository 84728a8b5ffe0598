// Rules about attribute instances shared by the entity model's files
// (parsing, merging, rendering). Private to context/model.
#pragma once

#include <boost/json.hpp>

#include <algorithm>
#include <array>
#include <string>
#include <string_view>

#include "context/jsonld/context.hpp"

namespace context::detail {

// Members of an attribute instance that are not sub-attributes.
inline constexpr std::array<std::string_view, 17> kInstanceMembers = {
    "type",      "value",      "object",     "objectType", "languageMap", "vocab",
    "json",      "valueList",  "objectList", "observedAt", "unitCode",    "datasetId",
    "createdAt", "modifiedAt", "deletedAt",  "instanceId", "lang"};

template <std::size_t N> bool one_of(std::string_view s, const std::array<std::string_view, N>& a) {
  return std::find(a.begin(), a.end(), s) != a.end();
}

// Throws Problem{bad_request_data}.
[[noreturn]] void bad(std::string detail);

// One instance from a payload value (object or concise), validated and
// with its names expanded; createdAt/modifiedAt set to now.
boost::json::object parse_instance(std::string_view name, const boost::json::value& v,
                                   const jsonld::Context& ctx, const std::string& now, int depth);

// The datasetId of an instance ("" = default instance).
std::string dataset_of(const boost::json::object& instance);

// The instances of an attribute. REQUIRES: attrs holds name as an array.
boost::json::array& instances_of(boost::json::object& attrs, std::string_view name);

// Replaces (or adds) the instance with the same datasetId; keeps the
// createdAt of the one replaced.
void put_instance(boost::json::array& list, boost::json::object instance);

} // namespace context::detail
