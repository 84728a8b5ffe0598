#include "context/index/type_index.hpp"

#include <algorithm>

namespace context::index {

void TypeIndex::replace(const EntityPtr& before, const EntityPtr& after) {
  if (before)
    for (const auto& t : before->types) {
      auto it = by_type_.find(t);
      if (it == by_type_.end()) continue;
      it->second.erase(before->id);
      if (it->second.empty()) by_type_.erase(it);
    }
  if (after)
    for (const auto& t : after->types)
      by_type_[t].insert_or_assign(std::string_view(after->id), after);
}

const ById* TypeIndex::of(const std::string& type) const {
  auto it = by_type_.find(type);
  return it == by_type_.end() ? nullptr : &it->second;
}

std::vector<const EntityPtr*>
TypeIndex::candidates(const std::vector<std::vector<std::string>>& groups) const {
  std::vector<const EntityPtr*> out;
  std::size_t used = 0;
  for (const auto& g : groups) {
    if (g.empty()) continue;
    const ById* rarest = nullptr;
    bool missing = false;
    for (const auto& t : g) {
      const ById* m = of(t);
      if (!m) {
        missing = true; // no entity has every type of this group
        break;
      }
      if (!rarest || m->size() < rarest->size()) rarest = m;
    }
    if (missing) continue;
    ++used;
    for (const auto& [id, e] : *rarest)
      out.push_back(&e);
  }
  if (used > 1) {
    const auto by_id = [](const EntityPtr* a, const EntityPtr* b) { return (*a)->id < (*b)->id; };
    std::sort(out.begin(), out.end(), by_id);
    out.erase(std::unique(out.begin(), out.end(),
                          [](const EntityPtr* a, const EntityPtr* b) { return *a == *b; }),
              out.end());
  }
  return out;
}

} // namespace context::index
