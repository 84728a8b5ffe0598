// The document register of the Bürgeramt: the identity documents of the
// city's people (Personalausweis, Reisepass, Führerschein, …) with their
// numbers, dates and states. Citizens see their own documents with masked
// numbers and may report one lost or stolen; staff of the Bürgeramt and
// administrators see full numbers, change states and import the register
// from CSV. Every access by staff or admin to a citizen's documents is
// written to the audit log in the same transaction as the change (reads in
// their own).
//
// Thread-safe: every method may be called from any thread.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "accounts/accounts.hpp"
#include "audit/audit_log.hpp"
#include "core/clock.hpp"
#include "documents/model.hpp"
#include "http/identity.hpp"
#include "store/database.hpp"

namespace documents {

// The department whose business the register is.
inline constexpr std::string_view kDepartment = "Bürgeramt";

// One problem of an import: the CSV row (1 = the header row), the column
// ("" for the whole row or file) and what is wrong, in German.
struct ImportError {
  int row = 0;
  std::string field;
  std::string message;
};

// The outcome of an import. Nothing is written when errors is not empty.
struct ImportReport {
  bool dry_run = false;
  bool imported = false;
  int rows = 0;    // data rows read
  int added = 0;   // new documents (or that would be added, in a dry run)
  int updated = 0; // existing documents (same kind and number) changed
  std::vector<ImportError> errors;
};

// Limits of an import.
inline constexpr std::size_t kMaxImportRows = 10000;

class Register {
public:
  // All references must outlive the object.
  Register(store::Database& db, const core::Clock& clock, const accounts::Accounts& accounts,
           const audit::AuditLog& audit);

  static std::vector<store::Migration> migrations();

  // The Berlin calendar date of the clock's now.
  core::Date today() const;

  // True when the identity may work with the register: staff of the
  // Bürgeramt, and administrators.
  static bool may_manage(const http::Identity& who);

  // The caller's own documents (no audit: a person reading their own data).
  std::vector<Document> own(const std::string& user_id) const;

  // A person's documents for staff (REQUIRES: may_manage). Records
  // "documents.read". core::Error{not_found} for an unknown user id.
  std::vector<Document> of_person(const http::Identity& staff, const std::string& user_id) const;

  // The holder reports their document lost or stolen. core::Error{not_found}
  // when the user holds no document with this id; invalid_argument for the
  // state "valid" (only staff may restore a document).
  Document report(const std::string& user_id, const std::string& document_id,
                  StoredState state) const;

  // Staff set a document's state (REQUIRES: may_manage), including back to
  // valid (a found passport). Records "documents.status". not_found for an
  // unknown id.
  Document set_state(const http::Identity& staff, const std::string& document_id,
                     StoredState state) const;

  // Validates a register CSV (RFC 4180, UTF-8, header row with the columns
  // username, kind, number, issue_date, expiry_date, authority and optional
  // status) and, unless dry_run or any row is invalid, adds new documents
  // and updates those with the same kind and number, all in one transaction.
  // Every affected person gets a "documents.import" audit record.
  // REQUIRES: may_manage(staff).
  ImportReport import_csv(const http::Identity& staff, std::string_view csv, bool dry_run) const;

  // --demo: Tom's Reisepass (expires four calendar months from today) and
  // Personalausweis (valid six more years). Dated relative to today at every
  // start: existing demo rows are moved when the date changed. Returns how
  // many rows were written.
  int seed_demo(const std::string& owner_id) const;

  // For the DSGVO export and account deletion (inside the caller's job).
  std::vector<Document> documents_of(store::Connection& c, const std::string& user_id) const;
  void erase_all(store::Connection& c, const std::string& user_id) const;

private:
  // The one place where the register writes the audit log.
  void audit(store::Connection& c, const http::Identity& actor, const std::string& subject_user_id,
             std::string_view action, std::string_view object) const;
  void audit(const http::Identity& actor, const std::string& subject_user_id,
             std::string_view action, std::string_view object) const;

  store::Database& db_;
  const core::Clock& clock_;
  const accounts::Accounts& accounts_;
  const audit::AuditLog& audit_;
};

} // namespace documents
