#include "accounts/routes.hpp"

#include <functional>

#include "accounts/authenticator.hpp"
#include "accounts/openapi.hpp"
#include "accounts/throttle.hpp"
#include "core/error.hpp"
#include "core/json.hpp"
#include "http/params.hpp"
#include "http/problem.hpp"

namespace accounts {
namespace {

namespace json = boost::json;
using http::Method;
using http::personal;
using http::Request;
using http::require_own_origin;
using http::Response;

json::object body_of(const Request& r) { return core::json::parse_object(r.body); }

std::string text_member(const json::object& body, std::string_view name) {
  return core::json::required_string(body, name);
}

json::object me_json(const User& u) {
  return {{"id", u.id},
          {"username", u.username},
          {"display_name", u.display_name},
          {"email", u.email},
          {"role", to_string(u.role)},
          {"department", u.department.empty() ? json::value(nullptr) : json::value(u.department)},
          {"email_verified", u.email_verified}};
}

Response too_many(const Request& r, std::chrono::seconds wait, const std::string& what) {
  const auto minutes = (wait.count() + 59) / 60;
  Response resp = http::problem(429, "/problems/too-many-attempts",
                                what + " Bitte versuchen Sie es in " + std::to_string(minutes) +
                                    (minutes == 1 ? " Minute" : " Minuten") + " erneut.",
                                r.path);
  resp.headers.add("Retry-After", std::to_string(wait.count()));
  return resp;
}

Response login(Accounts& accounts, const Request& r) {
  require_own_origin(r);
  const json::object body = body_of(r);
  const std::string username = text_member(body, "username");
  const std::string password = text_member(body, "password");
  if (username.empty() || password.empty())
    http::bad_request("Bitte Benutzernamen und Passwort angeben.");
  if (count_chars(password) > kMaxPasswordChars)
    http::bad_request("Das Passwort darf höchstens " + std::to_string(kMaxPasswordChars) +
                      " Zeichen lang sein.");
  const LoginResult result =
      accounts.login(username, password, r.remote_address, session_cookie(r));
  switch (result.status) {
  case LoginResult::Status::throttled:
    return too_many(r, result.retry_after, "Zu viele fehlgeschlagene Anmeldeversuche.");
  case LoginResult::Status::bad_credentials:
    return http::problem(401, "/problems/invalid-credentials",
                         "Benutzername oder Passwort ist falsch.", r.path);
  case LoginResult::Status::ok: break;
  }
  Response resp = Response::json(core::json::dump(json::object{{"user", me_json(result.user)}}));
  resp.headers.add("Set-Cookie", session_cookie_header(result.token, result.max_age,
                                                       accounts.settings().secure_cookies));
  return resp;
}

Response logged_out(const Accounts& accounts) {
  Response resp = Response::empty(204);
  resp.headers.add("Set-Cookie", cleared_cookie_header(accounts.settings().secure_cookies));
  return resp;
}

Response me(const Accounts& accounts, const Request& r) {
  const http::Identity& who = http::require_login(r);
  const auto user = accounts.user(who.user_id);
  if (!user) throw core::Error(core::ErrorKind::unauthenticated, "Please log in first.");
  return Response::json(core::json::dump(me_json(*user)));
}

Response register_citizen(Accounts& accounts, const Request& r) {
  require_own_origin(r);
  const json::object body = body_of(r);
  Registration reg{text_member(body, "username"), text_member(body, "display_name"),
                   text_member(body, "email"), text_member(body, "password")};
  const RegisterResult result = accounts.register_citizen(reg, r.remote_address);
  switch (result.status) {
  case RegisterResult::Status::throttled:
    return too_many(r, result.retry_after, "Zu viele Registrierungen von dieser Adresse.");
  case RegisterResult::Status::taken:
    return http::problem(409, "/problems/conflict",
                         "Benutzername oder E-Mail-Adresse ist bereits vergeben.", r.path);
  case RegisterResult::Status::created: break;
  }
  return Response::json(
      core::json::dump(json::object{
          {"user", me_json(result.user)},
          {"message", "Wir haben Ihnen eine E-Mail geschickt. Bitte bestätigen Sie Ihre "
                      "E-Mail-Adresse mit dem Link darin."}}),
      201);
}

Response verify(Accounts& accounts, const Request& r) {
  require_own_origin(r);
  if (!accounts.verify_email(text_member(body_of(r), "token")))
    http::bad_request("Der Bestätigungslink ist ungültig, schon benutzt oder abgelaufen.");
  return Response::empty(204);
}

Response request_reset(Accounts& accounts, const Request& r) {
  require_own_origin(r);
  const std::string email = text_member(body_of(r), "email");
  if (const std::string problem = check_email(email); !problem.empty()) http::bad_request(problem);
  const auto wait = accounts.request_password_reset(email, r.remote_address);
  if (wait.count() > 0)
    return too_many(r, wait, "Zu viele Anfragen zum Zurücksetzen von dieser Adresse.");
  return Response::json(
      core::json::dump(json::object{
          {"message", "Wenn ein Konto zu dieser E-Mail-Adresse gehört, haben wir einen Link zum "
                      "Zurücksetzen des Passworts dorthin geschickt."}}),
      202);
}

Response confirm_reset(Accounts& accounts, const Request& r) {
  require_own_origin(r);
  const json::object body = body_of(r);
  const std::string token = text_member(body, "token");
  const std::string password = text_member(body, "password");
  if (!accounts.reset_password(token, password))
    http::bad_request("Der Link zum Zurücksetzen ist ungültig, schon benutzt oder abgelaufen.");
  return logged_out(accounts);
}

Response export_data(const Accounts& accounts, const audit::AuditLog& audit, const Request& r) {
  const http::Identity& who = http::require_login(r);
  Response resp = Response::json(core::json::dump(accounts.export_data(who, audit)));
  resp.headers.add("Content-Disposition", "attachment; filename=\"meine-daten.json\"");
  return resp;
}

Response delete_account(Accounts& accounts, const audit::AuditLog& audit, const Request& r) {
  const http::Identity& who = http::require_login(r);
  const auto not_self_service = [&r] {
    return http::problem(403, "/problems/forbidden",
                         "Konten von Beschäftigten und Administratoren löscht die Administration.",
                         r.path);
  };
  if (who.role != http::Role::citizen) return not_self_service();
  const std::string password = text_member(body_of(r), "password");
  switch (accounts.delete_account(who, password, audit)) {
  case DeletionResult::deleted: return logged_out(accounts);
  case DeletionResult::wrong_password:
    return http::problem(403, "/problems/wrong-password",
                         "Das Passwort ist falsch. Das Konto wurde nicht gelöscht.", r.path);
  case DeletionResult::not_self_service: return not_self_service();
  case DeletionResult::throttled:
    return too_many(r, kConfirmPerAccount.window, "Zu viele falsche Passwörter.");
  }
  throw core::Error(core::ErrorKind::internal, "unknown deletion result");
}

} // namespace

void add_routes(http::Router& router, Accounts& accounts, const audit::AuditLog& audit) {
  const auto options = [](std::string doc) {
    return http::RouteOptions{.body_limit = kBodyLimit, .openapi = std::move(doc)};
  };
  router.add(Method::post, "/api/auth/login",
             personal([&accounts](Request& r) { return login(accounts, r); }),
             options(openapi::login()));
  router.add(Method::post, "/api/auth/logout", personal([&accounts](Request& r) {
               if (r.identity) accounts.logout(r.identity->session_id);
               return logged_out(accounts);
             }),
             options(openapi::logout()));
  router.add(Method::post, "/api/auth/logout-all", personal([&accounts](Request& r) {
               accounts.logout_all(http::require_login(r).user_id);
               return logged_out(accounts);
             }),
             options(openapi::logout_all()));
  router.add(Method::get, "/api/me", personal([&accounts](Request& r) { return me(accounts, r); }),
             options(openapi::me()));
  router.add(Method::get, "/api/me/export",
             personal([&accounts, &audit](Request& r) { return export_data(accounts, audit, r); }),
             options(openapi::export_data()));
  router.add(Method::del, "/api/me", personal([&accounts, &audit](Request& r) {
               return delete_account(accounts, audit, r);
             }),
             options(openapi::delete_account()));
  router.add(Method::post, "/api/auth/register",
             personal([&accounts](Request& r) { return register_citizen(accounts, r); }),
             options(openapi::register_citizen()));
  router.add(Method::post, "/api/auth/verify",
             personal([&accounts](Request& r) { return verify(accounts, r); }),
             options(openapi::verify()));
  router.add(Method::post, "/api/auth/password-reset",
             personal([&accounts](Request& r) { return request_reset(accounts, r); }),
             options(openapi::request_reset()));
  router.add(Method::post, "/api/auth/password-reset/confirm",
             personal([&accounts](Request& r) { return confirm_reset(accounts, r); }),
             options(openapi::confirm_reset()));
}

} // namespace accounts
