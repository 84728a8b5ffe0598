// Self-service of the Bürgerkonto: registration with e-mail verification and
// password reset. Both hand out one-time tokens by mail (the outbox) and keep
// only their hashes.
#include "accounts/accounts.hpp"
#include "accounts/accounts_store.hpp"
#include "accounts/throttle.hpp"
#include "core/error.hpp"
#include "core/ids.hpp"

namespace accounts {
namespace {

mail::Mail verification_mail(const User& user, const std::string& link, std::int64_t hours) {
  return {user.email, "Stadtkern: Bitte bestätigen Sie Ihre E-Mail-Adresse",
          "Guten Tag " + user.display_name +
              ",\n\n"
              "Sie haben ein Bürgerkonto mit dem Benutzernamen \"" +
              user.username +
              "\" angelegt. Bitte bestätigen Sie Ihre E-Mail-Adresse mit diesem Link:\n\n"
              "  " +
              link +
              "\n\n"
              "Der Link gilt " +
              std::to_string(hours) +
              " Stunden und nur einmal. Wenn Sie kein Konto angelegt haben, "
              "können Sie diese E-Mail ignorieren.\n\n"
              "Ihre Stadtverwaltung\n"};
}

mail::Mail reset_mail(const User& user, const std::string& link, std::int64_t minutes) {
  return {user.email, "Stadtkern: Passwort zurücksetzen",
          "Guten Tag " + user.display_name +
              ",\n\n"
              "für Ihr Bürgerkonto \"" +
              user.username +
              "\" wurde ein neues Passwort angefordert. Mit diesem Link können Sie es "
              "festlegen:\n\n"
              "  " +
              link +
              "\n\n"
              "Der Link gilt " +
              std::to_string(minutes) +
              " Minuten und nur einmal. Danach sind Sie überall abgemeldet. Wenn Sie "
              "nichts angefordert haben, können Sie diese E-Mail ignorieren; Ihr Passwort "
              "bleibt unverändert.\n\n"
              "Ihre Stadtverwaltung\n"};
}

} // namespace

RegisterResult Accounts::register_citizen(const Registration& r,
                                          const std::string& client_address) {
  for (const std::string& problem : {check_username(r.username), check_display_name(r.display_name),
                                     check_email(r.email), check_password(r.password)})
    if (!problem.empty()) throw core::Error(core::ErrorKind::invalid_argument, problem);

  const core::TimePoint now = clock_.now();
  const std::string address = address_bucket(client_address);
  const std::string username_key = fold_case(r.username);
  const std::string email_key = fold_case(r.email);
  RegisterResult result;

  // Cheap refusals first: the hash below costs 0.1 s and 64 MiB.
  const auto [wait, taken] = db_.read([&](store::Connection& c) {
    return std::pair(throttled_for(c, kRegisterPerAddress, address, now),
                     tables::username_or_email_taken(c, username_key, email_key));
  });
  if (wait.count() > 0) {
    result.status = RegisterResult::Status::throttled;
    result.retry_after = wait;
    return result;
  }
  if (taken) {
    db_.write([&](store::Connection& c) { count_attempt(c, kRegisterPerAddress, address, now); });
    result.status = RegisterResult::Status::taken;
    return result;
  }

  tables::UserRecord record;
  record.user = User{core::random_id(),    r.username, r.display_name, r.email,
                     Role::citizen,        "",         false,          false,
                     core::format_utc(now)};
  record.password_hash = hasher_.hash(r.password);
  const std::string token = new_token();
  const std::int64_t t = unix_seconds(now);
  const tables::TokenRecord token_record{
      token_hash(token), tables::Purpose::verify_email, record.user.id, t,
      t + std::chrono::duration_cast<std::chrono::seconds>(settings_.verification_ttl).count()};
  const auto hours =
      std::chrono::duration_cast<std::chrono::hours>(settings_.verification_ttl).count();

  try {
    db_.write([&](store::Connection& c) {
      count_attempt(c, kRegisterPerAddress, address, now);
      tables::insert_user(c, record);
      tables::insert_token(c, token_record);
      outbox_.enqueue(
          c, verification_mail(record.user,
                               settings_.public_url + "/konto/bestaetigen#token=" + token, hours));
    });
  } catch (const core::Error& e) {
    if (e.kind() != core::ErrorKind::conflict) throw;
    result.status = RegisterResult::Status::taken; // lost a race for the same name
    return result;
  }
  result.user = record.user;
  return result;
}

bool Accounts::verify_email(std::string_view token) {
  if (!looks_like_token(token)) return false;
  const std::string hash = token_hash(token);
  const std::int64_t now = unix_seconds(clock_.now());
  return db_.write([&](store::Connection& c) {
    auto found = tables::token_by_hash(c, hash, tables::Purpose::verify_email);
    if (!found) return false;
    tables::delete_token(c, hash);
    if (now >= found->expires_at) return false;
    tables::mark_email_verified(c, found->user_id);
    tables::delete_tokens_of(c, found->user_id, tables::Purpose::verify_email);
    return true;
  });
}

std::chrono::seconds Accounts::request_password_reset(std::string_view email,
                                                      const std::string& client_address) {
  const core::TimePoint now = clock_.now();
  const std::string address = address_bucket(client_address);
  const std::string email_key = fold_case(email.substr(0, 254));
  const std::chrono::seconds wait = db_.read(
      [&](store::Connection& c) { return throttled_for(c, kResetPerAddress, address, now); });
  if (wait.count() > 0) return wait;

  const std::string token = new_token();
  const std::int64_t t = unix_seconds(now);
  const std::int64_t ttl =
      std::chrono::duration_cast<std::chrono::seconds>(settings_.reset_ttl).count();
  // One write whether or not the address is known, so that both take as long.
  db_.write([&](store::Connection& c) {
    count_attempt(c, kResetPerAddress, address, now);
    auto record = tables::user_by_email(c, email_key);
    if (!record || !usable(record->user)) return;
    tables::delete_tokens_of(c, record->user.id, tables::Purpose::password_reset);
    tables::insert_token(
        c, {token_hash(token), tables::Purpose::password_reset, record->user.id, t, t + ttl});
    outbox_.enqueue(c, reset_mail(record->user,
                                  settings_.public_url + "/konto/passwort-neu#token=" + token,
                                  ttl / 60));
  });
  return std::chrono::seconds(0);
}

bool Accounts::reset_password(std::string_view token, std::string_view new_password) {
  if (const std::string problem = check_password(new_password); !problem.empty())
    throw core::Error(core::ErrorKind::invalid_argument, problem);
  if (!looks_like_token(token)) return false;
  const std::string hash = token_hash(token);
  const std::int64_t now = unix_seconds(clock_.now());
  // Look before hashing: a random token must not cost the server a hash.
  const auto seen = db_.read([&](store::Connection& c) {
    return tables::token_by_hash(c, hash, tables::Purpose::password_reset);
  });
  if (!seen || now >= seen->expires_at) return false;
  const std::string password_hash = hasher_.hash(new_password);
  return db_.write([&](store::Connection& c) {
    auto found = tables::token_by_hash(c, hash, tables::Purpose::password_reset);
    if (!found) return false; // used meanwhile
    tables::delete_tokens_of(c, found->user_id, tables::Purpose::password_reset);
    if (now >= found->expires_at) return false;
    tables::set_password_hash(c, found->user_id, password_hash);
    tables::mark_email_verified(c, found->user_id);
    tables::delete_sessions_of(c, found->user_id);
    return true;
  });
}

} // namespace accounts
