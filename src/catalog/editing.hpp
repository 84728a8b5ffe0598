// Editing single records of the catalogue (staff over HTTP): who may change
// which record, the If-Match precondition of optimistic locking, and what a
// change records in the history. Pure functions and plain types; the write
// itself is Catalog::save (catalog.hpp), the SQL in catalog_store.cpp.
#pragma once

#include <boost/json.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/codec.hpp"

namespace catalog {

// The two kinds of records an editor changes.
enum class RecordKind { service, office };

// "service" / "office", as stored in catalog_history.kind.
std::string_view to_string(RecordKind kind);

// Who changes the catalogue. Staff change only the records of their own
// department; an administrator changes every record.
struct Editor {
  std::string user_id;      // written to the history
  std::string display_name; // written to the history beside the id
  std::string department;   // staff: the department they may edit
  bool admin = false;
};

// True when editor may change a record that belongs to department (exact
// name: "Bürgeramt" is not "Bürgeramt – Ehrenamtsbüro").
bool may_edit(const Editor& editor, std::string_view department);

// An If-Match header (RFC 9110 13.1.1) reduced to what optimistic locking
// needs: the versions it names. ETags of catalogue records are the version
// in quotes ("3"); weak tags (W/"3") and tags that are not a version never
// match, so they end in 412 like a stale version.
struct IfMatch {
  bool present = false; // the header was sent
  bool any = false;     // "*": refused, an edit must name the version it read
  std::vector<std::int64_t> versions;
};
IfMatch parse_if_match(std::string_view header, bool present);

// The top-level members whose values differ between two records in their
// JSON form (added, removed or changed), sorted by name. This is the
// "fields" list of a history entry.
std::vector<std::string> changed_fields(const boost::json::object& before,
                                        const boost::json::object& after);

// Removes the members that GET /api/services/{id} or /api/offices/{id} adds
// to a record (version, url, office_details, related_details, fees_text,
// services), so a client can send back what it read.
void drop_read_only_members(boost::json::object& body, RecordKind kind);

// One change of a record, newest first in Catalog::history.
struct HistoryEntry {
  std::int64_t version = 0;
  std::string changed_at;      // ISO 8601 UTC: "2026-11-26T12:00:00Z"
  std::string changed_by;      // user id, or "import" / "demo" for whole-catalogue imports
  std::string changed_by_name; // display name; the same as changed_by for imports
  std::string action;          // create, update, delete
  std::vector<std::string> fields;
};

// The outcome of Catalog::save. Expected failures are values.
struct SaveResult {
  enum class Status {
    created,   // a new record with version 1
    updated,   // version is the new version
    unchanged, // the body equals the stored record: nothing written, version as before
    exists,    // create: a record with this id exists already
    missing,   // update: there is no record with this id
    stale,     // update: If-Match does not name the current version (in `version`)
    forbidden, // the stored record belongs to a department the editor may not change
    invalid,   // references to other records do not hold (see errors)
  };
  Status status = Status::invalid;
  std::int64_t version = 0;
  std::vector<std::string> fields;     // created/updated: the members that changed
  std::vector<ValidationError> errors; // invalid
};

} // namespace catalog
