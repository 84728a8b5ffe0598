// The entities of one tenant by type, so that a query by type visits only
// the entities of that type instead of the whole tenant. Not thread-safe:
// the broker guards it with the tenant's index lock, like the entity map.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "context/model/entity.hpp"

namespace context::index {

using EntityPtr = std::shared_ptr<const Entity>;
// Entities ordered by id; each key views the id of the entity it maps to.
using ById = std::map<std::string_view, EntityPtr>;

// For each expanded type, the entities having it, ordered by id.
class TypeIndex {
public:
  // Records that an entity changed from `before` to `after` (either may be
  // nullptr: created or deleted). REQUIRES: both have the same id.
  void replace(const EntityPtr& before, const EntityPtr& after);
  // The entities having `type` (expanded), or nullptr when there are none.
  const ById* of(const std::string& type) const;
  // The entities that may have all types of one of the groups: for each
  // group the entities of its rarest type, merged, ordered by id, without
  // repeats. The caller still checks every type of the group. Groups with an
  // empty list of types are ignored.
  std::vector<const EntityPtr*>
  candidates(const std::vector<std::vector<std::string>>& groups) const;

private:
  std::unordered_map<std::string, ById> by_type_;
};

} // namespace context::index
