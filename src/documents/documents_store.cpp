#include "documents/documents_store.hpp"

#include "core/error.hpp"

namespace documents::tables {
namespace {

using store::Row;
using store::Value;

constexpr const char* kColumns = "id, owner_id, kind, number, issue_date, expiry_date, authority, "
                                 "state, created_at, updated_at";

core::Date stored_date(const std::string& text) {
  const auto d = core::parse_date(text);
  if (!d) throw core::Error(core::ErrorKind::internal, "stored document has a malformed date");
  return *d;
}

Document from_row(const Row& row) {
  Document d;
  d.id = row.text(0);
  d.owner_id = row.text(1);
  const auto kind = kind_from_string(row.text(2));
  const auto state = state_from_string(row.text(7));
  if (!kind || !state)
    throw core::Error(core::ErrorKind::internal, "stored document has an unknown kind or state");
  d.kind = *kind;
  d.number = row.text(3);
  d.issue_date = stored_date(row.text(4));
  if (const auto expiry = row.optional_text(5)) d.expiry_date = stored_date(*expiry);
  d.authority = row.text(6);
  d.state = *state;
  d.created_at = row.text(8);
  d.updated_at = row.text(9);
  return d;
}

std::vector<Document> from_rows(const store::Rows& rows) {
  std::vector<Document> out;
  out.reserve(rows.size());
  for (const Row& row : rows)
    out.push_back(from_row(row));
  return out;
}

Value expiry_value(const Document& d) {
  return d.expiry_date ? Value(core::format_date(*d.expiry_date)) : Value(store::null);
}

} // namespace

std::vector<store::Migration> migrations() {
  return {{"0601_documents_register", R"(
    CREATE TABLE documents_register (
      id TEXT PRIMARY KEY,
      owner_id TEXT NOT NULL,
      kind TEXT NOT NULL,
      number TEXT NOT NULL,
      issue_date TEXT NOT NULL,
      expiry_date TEXT,
      authority TEXT NOT NULL,
      state TEXT NOT NULL,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      UNIQUE (kind, number)
    );
    CREATE INDEX documents_register_owner ON documents_register (owner_id);
    CREATE INDEX documents_register_expiry ON documents_register (expiry_date);
    CREATE TABLE documents_reminders (
      document_id TEXT NOT NULL REFERENCES documents_register (id) ON DELETE CASCADE,
      window_days INTEGER NOT NULL,
      expiry_date TEXT NOT NULL,
      sent_at TEXT NOT NULL,
      PRIMARY KEY (document_id, window_days, expiry_date)
    );
  )"}};
}

std::vector<Document> documents_of(store::Connection& c, const std::string& owner_id) {
  return from_rows(c.query(std::string("SELECT ") + kColumns +
                               " FROM documents_register WHERE owner_id = ? "
                               "ORDER BY expiry_date IS NULL, expiry_date, kind, id",
                           {owner_id}));
}

std::optional<Document> document_by_id(store::Connection& c, const std::string& id) {
  const auto row = c.query_one(
      std::string("SELECT ") + kColumns + " FROM documents_register WHERE id = ?", {id});
  if (!row) return std::nullopt;
  return from_row(*row);
}

std::optional<Document> document_by_number(store::Connection& c, Kind kind,
                                           const std::string& number) {
  const auto row = c.query_one(std::string("SELECT ") + kColumns +
                                   " FROM documents_register WHERE kind = ? AND number = ?",
                               {std::string(to_string(kind)), number});
  if (!row) return std::nullopt;
  return from_row(*row);
}

void insert_document(store::Connection& c, const Document& d) {
  c.execute("INSERT INTO documents_register (id, owner_id, kind, number, issue_date, expiry_date, "
            "authority, state, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            {d.id, d.owner_id, std::string(to_string(d.kind)), d.number,
             core::format_date(d.issue_date), expiry_value(d), d.authority,
             std::string(to_string(d.state)), d.created_at, d.updated_at});
}

void update_document(store::Connection& c, const Document& d) {
  c.execute("UPDATE documents_register SET kind = ?, number = ?, issue_date = ?, expiry_date = ?, "
            "authority = ?, state = ?, updated_at = ? WHERE id = ?",
            {std::string(to_string(d.kind)), d.number, core::format_date(d.issue_date),
             expiry_value(d), d.authority, std::string(to_string(d.state)), d.updated_at, d.id});
}

void set_state(store::Connection& c, const std::string& id, StoredState state,
               const std::string& now) {
  c.execute("UPDATE documents_register SET state = ?, updated_at = ? WHERE id = ?",
            {std::string(to_string(state)), now, id});
}

std::int64_t delete_documents_of(store::Connection& c, const std::string& owner_id) {
  c.execute("DELETE FROM documents_reminders WHERE document_id IN "
            "(SELECT id FROM documents_register WHERE owner_id = ?)",
            {owner_id});
  return c.execute("DELETE FROM documents_register WHERE owner_id = ?", {owner_id});
}

std::vector<Document> valid_documents_expiring(store::Connection& c, core::Date from,
                                               core::Date to) {
  return from_rows(c.query(std::string("SELECT ") + kColumns +
                               " FROM documents_register WHERE state = 'gueltig' AND "
                               "expiry_date >= ? AND expiry_date <= ? ORDER BY expiry_date, id",
                           {core::format_date(from), core::format_date(to)}));
}

bool reminder_recorded(store::Connection& c, const std::string& document_id, int window_days,
                       core::Date expiry_date) {
  return c
      .query_one("SELECT 1 FROM documents_reminders WHERE document_id = ? AND window_days = ? "
                 "AND expiry_date = ?",
                 {document_id, std::int64_t(window_days), core::format_date(expiry_date)})
      .has_value();
}

bool claim_reminder(store::Connection& c, const std::string& document_id, int window_days,
                    core::Date expiry_date, const std::string& now) {
  return c.execute("INSERT INTO documents_reminders (document_id, window_days, expiry_date, "
                   "sent_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                   {document_id, std::int64_t(window_days), core::format_date(expiry_date), now}) ==
         1;
}

} // namespace documents::tables
