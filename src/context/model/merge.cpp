// Merging fragments into an entity: append, update, merge-patch, partial
// update, deletion of instances, urn:ngsi-ld:null.
#include <boost/json.hpp>

#include <algorithm>

#include "context/model/entity.hpp"
#include "context/model/instance.hpp"

namespace context {
namespace {

namespace json = boost::json;
using detail::dataset_of;
using detail::instances_of;
using detail::kInstanceMembers;
using detail::one_of;
using detail::parse_instance;
using detail::put_instance;

} // namespace

bool is_null_instance(const json::object& inst) {
  for (const char* member : {"value", "object"})
    if (const auto* v = inst.if_contains(member);
        v && v->is_string() && v->as_string() == kNgsiLdNull)
      return true;
  if (const auto* lm = inst.if_contains("languageMap"); lm && lm->is_object()) {
    const auto& map = lm->as_object();
    const auto* none = map.if_contains("@none");
    return map.size() == 1 && none && none->is_string() && none->as_string() == kNgsiLdNull;
  }
  return false;
}

void drop_null_instances(Entity& e) {
  std::vector<std::string> empty;
  for (auto& [name, list] : e.attrs) {
    auto& a = list.as_array();
    for (auto it = a.begin(); it != a.end();)
      it = is_null_instance(it->as_object()) ? a.erase(it) : it + 1;
    if (a.empty()) empty.emplace_back(name);
  }
  for (const auto& name : empty)
    e.attrs.erase(name);
}

namespace {

// Deletes the instance of `target` with the datasetId of `null_instance`.
bool delete_by_null(json::array& target, const json::object& null_instance, const std::string& attr,
                    std::vector<Change>& changes) {
  const std::string ds = dataset_of(null_instance);
  for (auto it = target.begin(); it != target.end(); ++it)
    if (dataset_of(it->as_object()) == ds) {
      target.erase(it);
      changes.push_back({attr, ds, std::nullopt});
      return true;
    }
  return false;
}

} // namespace

std::vector<Change> all_instances(const Entity& e) {
  std::vector<Change> out;
  for (const auto& [name, list] : e.attrs)
    for (const auto& inst : list.as_array())
      out.push_back({std::string(name), dataset_of(inst.as_object()), inst.as_object()});
  return out;
}

MergeResult append(Entity& e, const Entity& fragment, bool no_overwrite, const jsonld::Context& ctx,
                   const std::string& now) {
  MergeResult r;
  for (const auto& [name, list] : fragment.attrs) {
    const std::string shown = ctx.compact(name);
    if (!e.attrs.contains(name)) e.attrs[name] = json::array();
    auto& target = instances_of(e.attrs, name);
    bool any = false;
    for (const auto& inst : list.as_array()) {
      const std::string ds = dataset_of(inst.as_object());
      const bool exists = std::any_of(target.begin(), target.end(), [&](const json::value& x) {
        return dataset_of(x.as_object()) == ds;
      });
      if (is_null_instance(inst.as_object())) {
        if (delete_by_null(target, inst.as_object(), std::string(name), r.changes))
          any = true;
        else
          r.not_updated.push_back({shown, "no such attribute instance to delete"});
        continue;
      }
      if (exists && no_overwrite) {
        r.not_updated.push_back({shown, "the attribute exists and noOverwrite is set"});
        continue;
      }
      put_instance(target, inst.as_object());
      r.changes.push_back({std::string(name), ds, inst.as_object()});
      any = true;
    }
    if (target.empty()) e.attrs.erase(name);
    if (any) r.updated.push_back(shown);
  }
  if (!r.changes.empty()) e.modified_at = now;
  for (const auto& t : fragment.types)
    if (std::find(e.types.begin(), e.types.end(), t) == e.types.end()) e.types.push_back(t);
  for (const auto& s : fragment.scopes)
    if (std::find(e.scopes.begin(), e.scopes.end(), s) == e.scopes.end()) e.scopes.push_back(s);
  return r;
}

MergeResult merge(Entity& e, const Entity& fragment, const jsonld::Context& ctx,
                  const std::string& now) {
  MergeResult r;
  for (const auto& [name, list] : fragment.attrs) {
    if (!e.attrs.contains(name)) e.attrs[name] = json::array();
    auto& target = instances_of(e.attrs, name);
    for (const auto& item : list.as_array()) {
      const auto& inst = item.as_object();
      const std::string ds = dataset_of(inst);
      if (is_null_instance(inst)) {
        delete_by_null(target, inst, std::string(name), r.changes);
        continue;
      }
      json::object merged;
      for (auto& existing : target)
        if (dataset_of(existing.as_object()) == ds) merged = existing.as_object();
      const bool fresh = merged.empty();
      for (const auto& [key, value] : inst) {
        if (key == "createdAt" && !fresh) continue;
        // A new type replaces the old members of the value.
        if (key == "type" && !fresh && merged.at("type") != value)
          for (const char* m :
               {"value", "object", "languageMap", "vocab", "json", "valueList", "objectList"})
            merged.erase(m);
        merged[key] = value;
      }
      merged["modifiedAt"] = now;
      put_instance(target, merged);
      r.changes.push_back({std::string(name), ds, std::move(merged)});
    }
    if (target.empty()) e.attrs.erase(name);
    r.updated.push_back(ctx.compact(name));
  }
  for (const auto& t : fragment.types)
    if (std::find(e.types.begin(), e.types.end(), t) == e.types.end()) e.types.push_back(t);
  if (!r.changes.empty() || !fragment.types.empty()) e.modified_at = now;
  return r;
}

MergeResult update(Entity& e, const Entity& fragment, const jsonld::Context& ctx,
                   const std::string& now) {
  MergeResult r;
  for (const auto& [name, list] : fragment.attrs) {
    const std::string shown = ctx.compact(name);
    auto* existing = e.attrs.if_contains(name);
    bool any = false;
    for (const auto& inst : list.as_array()) {
      const std::string ds = dataset_of(inst.as_object());
      const bool exists =
          existing &&
          std::any_of(existing->as_array().begin(), existing->as_array().end(),
                      [&](const json::value& x) { return dataset_of(x.as_object()) == ds; });
      if (!exists) {
        r.not_updated.push_back({shown, ds.empty() ? "the attribute does not exist"
                                                   : "the attribute instance with datasetId " + ds +
                                                         " does not exist"});
        continue;
      }
      if (is_null_instance(inst.as_object())) {
        delete_by_null(existing->as_array(), inst.as_object(), std::string(name), r.changes);
      } else {
        put_instance(existing->as_array(), inst.as_object());
        r.changes.push_back({std::string(name), ds, inst.as_object()});
      }
      any = true;
    }
    if (any) r.updated.push_back(shown);
  }
  std::vector<std::string> emptied;
  for (const auto& [name, list] : e.attrs)
    if (list.as_array().empty()) emptied.emplace_back(name);
  for (const auto& name : emptied)
    e.attrs.erase(name);
  if (!r.changes.empty()) e.modified_at = now;
  return r;
}

bool partial_update(Entity& e, const std::string& attr, const json::object& patch,
                    const jsonld::Context& ctx, const std::string& now, MergeResult& result) {
  auto* existing = e.attrs.if_contains(attr);
  if (!existing) return false;
  std::string ds;
  if (const auto* d = patch.if_contains("datasetId"); d && d->is_string())
    ds = std::string(d->as_string());
  for (auto& item : existing->as_array()) {
    auto& inst = item.as_object();
    if (dataset_of(inst) != ds) continue;
    const std::string shown_name = ctx.compact(attr);
    if (is_null_instance(patch)) {
      std::vector<Change> changes;
      delete_attribute(e, attr, ds, false, changes);
      e.modified_at = now;
      result.updated.push_back(shown_name);
      for (auto& c : changes)
        result.changes.push_back(std::move(c));
      return true;
    }
    json::object merged = inst;
    for (const auto& [key, value] : patch) {
      if (key == "createdAt" || key == "modifiedAt" || key == "@context") continue;
      if (one_of(key, kInstanceMembers))
        merged[key] = value;
      else
        merged[ctx.expand(key)] = value;
    }
    // Re-validate the merged instance; keep the original createdAt.
    const std::string shown = ctx.compact(attr);
    json::object checked;
    {
      json::object raw;
      for (const auto& [key, value] : merged) {
        if (key == "createdAt" || key == "modifiedAt") continue;
        raw[one_of(key, kInstanceMembers) ? std::string(key) : ctx.compact(key)] = value;
      }
      checked = parse_instance(shown, raw, ctx, now, 0);
    }
    checked["createdAt"] = inst.at("createdAt");
    inst = std::move(checked);
    e.modified_at = now;
    result.updated.push_back(shown);
    result.changes.push_back({attr, ds, inst});
    return true;
  }
  return false;
}

bool delete_attribute(Entity& e, const std::string& attr, const std::string& dataset_id,
                      bool delete_all, std::vector<Change>& changes) {
  auto* existing = e.attrs.if_contains(attr);
  if (!existing) return false;
  auto& list = existing->as_array();
  bool removed = false;
  for (auto it = list.begin(); it != list.end();) {
    const std::string ds = dataset_of(it->as_object());
    if (delete_all || ds == dataset_id) {
      changes.push_back({attr, ds, std::nullopt});
      it = list.erase(it);
      removed = true;
    } else {
      ++it;
    }
  }
  if (list.empty()) e.attrs.erase(attr);
  return removed;
}

} // namespace context
