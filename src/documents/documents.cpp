#include "documents/documents.hpp"

#include "core/error.hpp"
#include "core/ids.hpp"
#include "documents/documents_store.hpp"

namespace documents {
namespace {

[[noreturn]] void no_such_document() {
  throw core::Error(core::ErrorKind::not_found, "Dieses Dokument gibt es nicht.");
}

struct DemoDocument {
  Kind kind;
  const char* number;
  int months_to_expiry;
};

constexpr DemoDocument kDemoDocuments[] = {
    {Kind::reisepass, "C01X00T47K", 4},
    {Kind::personalausweis, "L01X00T471", 6 * 12},
};
constexpr const char* kDemoAuthority = "Stadt Musterstadt, Bürgeramt";

} // namespace

Register::Register(store::Database& db, const core::Clock& clock,
                   const accounts::Accounts& accounts, const audit::AuditLog& audit)
    : db_(db), clock_(clock), accounts_(accounts), audit_(audit) {}

std::vector<store::Migration> Register::migrations() { return tables::migrations(); }

core::Date Register::today() const { return core::berlin_date(clock_.now()); }

bool Register::may_manage(const http::Identity& who) {
  return who.role == http::Role::admin ||
         (who.role == http::Role::staff && who.department == kDepartment);
}

std::vector<Document> Register::own(const std::string& user_id) const {
  return db_.read([&](store::Connection& c) { return tables::documents_of(c, user_id); });
}

std::vector<Document> Register::of_person(const http::Identity& staff,
                                          const std::string& user_id) const {
  if (!accounts_.user(user_id))
    throw core::Error(core::ErrorKind::not_found, "Diese Person gibt es nicht.");
  audit(staff, user_id, "documents.read", {}); // on record before anything is handed out
  return own(user_id);
}

Document Register::report(const std::string& user_id, const std::string& document_id,
                          StoredState state) const {
  if (state == StoredState::valid)
    throw core::Error(core::ErrorKind::invalid_argument,
                      "Ein verlorenes Dokument kann nur das Bürgeramt wieder freigeben.");
  const std::string now = core::format_utc(clock_.now());
  return db_.write([&](store::Connection& c) {
    auto d = tables::document_by_id(c, document_id);
    if (!d || d->owner_id != user_id) no_such_document();
    tables::set_state(c, d->id, state, now);
    d->state = state;
    d->updated_at = now;
    return *d;
  });
}

Document Register::set_state(const http::Identity& staff, const std::string& document_id,
                             StoredState state) const {
  const std::string now = core::format_utc(clock_.now());
  return db_.write([&](store::Connection& c) {
    auto d = tables::document_by_id(c, document_id);
    if (!d) no_such_document();
    tables::set_state(c, d->id, state, now);
    d->state = state;
    d->updated_at = now;
    audit(c, staff, d->owner_id, "documents.status", d->id);
    return *d;
  });
}

int Register::seed_demo(const std::string& owner_id) const {
  const core::Date day = today();
  const std::string now = core::format_utc(clock_.now());
  return db_.write([&](store::Connection& c) {
    int written = 0;
    for (const DemoDocument& demo : kDemoDocuments) {
      Document d;
      d.owner_id = owner_id;
      d.kind = demo.kind;
      d.number = demo.number;
      d.expiry_date = core::add_months(day, demo.months_to_expiry);
      d.issue_date = core::add_months(*d.expiry_date, -10 * 12); // 10 years valid
      d.authority = kDemoAuthority;
      d.created_at = d.updated_at = now;
      const auto stored = tables::document_by_number(c, d.kind, d.number);
      if (!stored) {
        d.id = core::random_id();
        tables::insert_document(c, d);
        ++written;
      } else if (stored->expiry_date != d.expiry_date || stored->issue_date != d.issue_date ||
                 stored->state != StoredState::valid) {
        d.id = stored->id;
        d.created_at = stored->created_at;
        tables::update_document(c, d);
        ++written;
      }
    }
    return written;
  });
}

std::vector<Document> Register::documents_of(store::Connection& c,
                                             const std::string& user_id) const {
  return tables::documents_of(c, user_id);
}

void Register::erase_all(store::Connection& c, const std::string& user_id) const {
  tables::delete_documents_of(c, user_id);
}

void Register::audit(store::Connection& c, const http::Identity& actor,
                     const std::string& subject_user_id, std::string_view action,
                     std::string_view object) const {
  audit_.record(c, actor, subject_user_id, action, object);
}

void Register::audit(const http::Identity& actor, const std::string& subject_user_id,
                     std::string_view action, std::string_view object) const {
  audit_.record(actor, subject_user_id, action, object);
}

} // namespace documents
