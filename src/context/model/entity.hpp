// The NGSI-LD entity as the broker keeps it: attribute and type names
// expanded to IRIs, every attribute a list of instances (one per datasetId),
// system attributes (createdAt, modifiedAt) on the entity and each instance.
// This header holds the pure rules: validating and expanding a payload,
// merging fragments into an entity (append, update, partial update, delete),
// and rendering an entity for a request's context and format.
#pragma once

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <atomic>
#include <cstdint>
#include <initializer_list>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "context/jsonld/context.hpp"
#include "context/model/time_text.hpp"

namespace context {

// The last rendered response body of an entity, kept with it for the next
// request of the same shape. Copies of an entity start without it (a changed
// entity renders anew). Thread-safe.
class RenderCache {
public:
  struct Slot {
    std::uint64_t context_serial = 0;
    unsigned shape = 0; // the caller's encoding of format and options
    std::string body;
  };
  RenderCache() = default;
  RenderCache(const RenderCache&) noexcept {}
  RenderCache& operator=(const RenderCache&) {
    std::atomic_store(&slot_, std::shared_ptr<const Slot>());
    return *this;
  }
  std::shared_ptr<const Slot> get() const { return std::atomic_load(&slot_); }
  void put(std::shared_ptr<const Slot> s) const { std::atomic_store(&slot_, std::move(s)); }

private:
  mutable std::shared_ptr<const Slot> slot_;
};

// The types of an entity (expanded IRIs), read like a const vector. Equal
// lists are shared between entities (most entities of a tenant have one of a
// few types): a pointer per entity instead of a vector and a copy of each
// IRI. Changing it builds (or finds) another list. Thread-safe.
class TypeList {
public:
  using const_iterator = std::vector<std::string>::const_iterator;
  TypeList() = default;
  TypeList(std::vector<std::string> types); // NOLINT: converts like the vector it replaces
  TypeList(std::initializer_list<std::string> types) : TypeList(std::vector<std::string>(types)) {}

  const_iterator begin() const { return list().begin(); }
  const_iterator end() const { return list().end(); }
  std::size_t size() const { return list().size(); }
  bool empty() const { return list().empty(); }
  const std::string& front() const { return list().front(); }
  const std::string& operator[](std::size_t i) const { return list()[i]; }
  const std::string& at(std::size_t i) const { return list().at(i); }
  // Appends a type (the caller checks for repeats).
  void push_back(std::string type);

  friend bool operator==(const TypeList& a, const TypeList& b) {
    return a.list_ == b.list_ || a.list() == b.list();
  }

private:
  const std::vector<std::string>& list() const;
  std::shared_ptr<const std::vector<std::string>> list_; // null = no types
};

// One stored entity. Attribute instances are JSON objects with the spec's
// member names (type, value, object, languageMap, vocab, json, valueList,
// objectList, observedAt, unitCode, datasetId, createdAt, modifiedAt) and
// sub-attributes under their expanded names.
struct Entity {
  std::string id;
  TypeList types;                  // expanded
  std::vector<std::string> scopes; // as given
  boost::json::object attrs;       // expanded name -> array of instances
  TimeText created_at;
  TimeText modified_at;
  RenderCache rendered;
};

// An attribute instance that changed, for the history table.
struct Change {
  std::string attr;                            // expanded name
  std::string dataset_id;                      // "" = default instance
  std::optional<boost::json::object> instance; // nullopt = deleted
};

// Why an attribute of a request was left alone (207 notUpdated).
struct NotUpdated {
  std::string attr; // as the client named it (compacted)
  std::string reason;
};

// The outcome of merging a fragment.
struct MergeResult {
  std::vector<std::string> updated; // compacted names
  std::vector<NotUpdated> not_updated;
  std::vector<Change> changes;
};

// Parses a whole entity payload (id, type, attributes). Throws
// context::Problem{bad_request_data} naming what is wrong. `now` stamps the
// system attributes. When require_id_type is false (fragments), id and type
// may be absent.
Entity parse_entity(const boost::json::object& body, const jsonld::Context& ctx,
                    const std::string& now, bool require_id_type = true);

// Parses one attribute value (object, array of instances, or concise value)
// into its instances. Throws Problem{bad_request_data}.
boost::json::array parse_attribute(std::string_view name, const boost::json::value& v,
                                   const jsonld::Context& ctx, const std::string& now);

// True for a valid attribute or type name (no characters the q language or
// URLs reserve).
bool valid_name(std::string_view name);
// True for an absolute URI ("urn:ngsi-ld:Building:1", "https://...").
bool is_uri(std::string_view s);
// True for an ISO 8601 DateTime ("2020-09-09T16:40:00.000Z").
bool is_date_time(std::string_view s);

// The value that deletes an attribute instance in updates and merges.
inline constexpr std::string_view kNgsiLdNull = "urn:ngsi-ld:null";
// True for an instance whose value (object, languageMap {"@none": ...}) is
// urn:ngsi-ld:null: an update or merge with it deletes the instance.
bool is_null_instance(const boost::json::object& instance);
// Removes the null instances (a new entity has nothing to delete).
void drop_null_instances(Entity& e);

// Every instance of the entity as a Change (for a new entity's history).
std::vector<Change> all_instances(const Entity& e);

// Adds the fragment's attributes; with no_overwrite an existing instance
// (same datasetId) is left alone and reported in not_updated. A null
// instance deletes the instance with its datasetId (append and update).
MergeResult append(Entity& e, const Entity& fragment, bool no_overwrite, const jsonld::Context& ctx,
                   const std::string& now);
// Merge (PATCH /entities/{id}): an instance that exists (same datasetId)
// gets the fragment's members over its own (unitCode, sub-attributes and
// the rest stay); new instances are added; null instances delete.
MergeResult merge(Entity& e, const Entity& fragment, const jsonld::Context& ctx,
                  const std::string& now);
// Replaces instances that exist (same datasetId); the others are not_updated.
MergeResult update(Entity& e, const Entity& fragment, const jsonld::Context& ctx,
                   const std::string& now);
// Merges the members of `patch` into the instance of `attr` with the patch's
// datasetId. Returns false when that instance does not exist.
bool partial_update(Entity& e, const std::string& attr, const boost::json::object& patch,
                    const jsonld::Context& ctx, const std::string& now, MergeResult& result);
// Deletes the instance with dataset_id ("" = default) or, with delete_all,
// every instance. Returns false when nothing matched.
bool delete_attribute(Entity& e, const std::string& attr, const std::string& dataset_id,
                      bool delete_all, std::vector<Change>& changes);

// How to render an entity.
struct RenderOptions {
  bool key_values = false;     // simplified representation
  bool concise = false;        // concise representation (when not key_values)
  bool sys_attrs = false;      // createdAt / modifiedAt
  std::set<std::string> attrs; // expanded names to keep; empty = all
  std::string lang;            // LanguageProperty filter ("" = none)
  // pick / omit (projection of members): "id", "type" and expanded attribute
  // names. Empty = all members.
  std::set<std::string> pick;
  std::set<std::string> omit;
};

// The entity compacted for ctx (without @context; the caller adds it).
boost::json::object render(const Entity& e, const jsonld::Context& ctx, const RenderOptions& o);

// Stored form <-> JSON text for the database.
std::string to_storage(const Entity& e);
Entity from_storage(std::string_view text);

} // namespace context
