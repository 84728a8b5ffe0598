// The DSGVO half of accounts::Accounts: the data export and the deletion of
// one's own account across every module that holds personal data.
#include <boost/json.hpp>

#include "accounts/accounts.hpp"
#include "accounts/accounts_store.hpp"
#include "accounts/throttle.hpp"
#include "core/error.hpp"

namespace accounts {
namespace {

namespace json = boost::json;

std::string iso_seconds(std::int64_t unix_seconds) {
  return core::format_utc(core::TimePoint(std::chrono::seconds(unix_seconds)));
}

json::object account_json(const User& u, const std::vector<tables::SessionRecord>& sessions) {
  json::array open_sessions;
  for (const auto& s : sessions)
    open_sessions.push_back({{"created_at", iso_seconds(s.created_at)},
                             {"last_seen_at", iso_seconds(s.last_seen_at)},
                             {"expires_at", iso_seconds(s.expires_at)},
                             {"client_address", s.remote_address}});
  return {{"id", u.id},
          {"username", u.username},
          {"display_name", u.display_name},
          {"email", u.email},
          {"email_verified", u.email_verified},
          {"role", to_string(u.role)},
          {"department", u.department},
          {"created_at", u.created_at},
          {"sessions", std::move(open_sessions)}};
}

} // namespace

void Accounts::add_holder(PersonalDataHolder& holder) { holders_.push_back(&holder); }

json::object Accounts::export_data(const http::Identity& who, const audit::AuditLog& audit) const {
  // On record before anything is handed out.
  audit.record(who, who.user_id, "account.export");
  return db_.read([&](store::Connection& c) {
    const auto record = tables::user_by_id(c, who.user_id);
    if (!record) throw core::Error(core::ErrorKind::unauthenticated, "Please log in first.");
    json::object out{{"generated_at", core::format_utc(clock_.now())},
                     {"controller", "Stadtverwaltung Musterstadt"},
                     {"account", account_json(record->user, tables::sessions_of(c, who.user_id))}};
    for (const PersonalDataHolder* holder : holders_)
      out[holder->section()] = holder->export_data(c, who.user_id);
    return out;
  });
}

DeletionResult Accounts::delete_account(const http::Identity& who, std::string_view password,
                                        const audit::AuditLog& audit) {
  if (who.role != http::Role::citizen) return DeletionResult::not_self_service;
  const core::TimePoint now = clock_.now();
  // The confirmation password is guessable like a login: same account limit.
  const std::string bucket = fold_case(who.username);
  struct Lookup {
    std::chrono::seconds wait{0};
    std::optional<tables::UserRecord> record;
  };
  const Lookup found = db_.read([&](store::Connection& c) {
    return Lookup{throttled_for(c, kConfirmPerAccount, bucket, now),
                  tables::user_by_id(c, who.user_id)};
  });
  if (!found.record) throw core::Error(core::ErrorKind::unauthenticated, "Please log in first.");
  if (found.wait.count() > 0) return DeletionResult::throttled;
  const auto& record = found.record;
  if (!hasher_.verify(record->password_hash, password)) {
    db_.write([&](store::Connection& c) { count_attempt(c, kConfirmPerAccount, bucket, now); });
    return DeletionResult::wrong_password;
  }
  db_.write([&](store::Connection& c) {
    audit.record(c, who, who.user_id, "account.delete");
    for (PersonalDataHolder* holder : holders_)
      holder->erase(c, who.user_id, now);
    tables::delete_mails_to(c, record->user.email);
    tables::delete_user(c, who.user_id);
  });
  return DeletionResult::deleted;
}

} // namespace accounts
