#include "accounts/openapi.hpp"

#include <boost/json.hpp>

#include <initializer_list>
#include <utility>

#include "http/openapi_doc.hpp"

namespace accounts::openapi {
namespace {

namespace json = boost::json;

constexpr const char* kTag = "Bürgerkonto";

using http::openapi::problem_response;
using http::openapi::string_schema;

json::object problem(const char* description) { return problem_response(description); }

json::object me_schema() {
  return {{"type", "object"},
          {"required",
           {"id", "username", "display_name", "email", "role", "department", "email_verified"}},
          {"properties",
           {{"id", string_schema("Stable, random id of the account")},
            {"username", string_schema("Login name as registered")},
            {"display_name", string_schema("Name shown to people")},
            {"email", {{"type", "string"}, {"format", "email"}}},
            {"role", {{"type", "string"}, {"enum", {"citizen", "staff", "admin"}}}},
            {"department",
             {{"type", {"string", "null"}}, {"description", "Staff only: their department"}}},
            {"email_verified", {{"type", "boolean"}}}}}};
}

// A JSON request body with these string members, all required.
json::object request_body(std::initializer_list<std::pair<std::string_view, json::value>> members) {
  return http::openapi::object_schema(members);
}

json::object empty_response(const char* description, bool clears_cookie) {
  json::object r{{"description", description}};
  if (clears_cookie)
    r["headers"] = {{"Set-Cookie",
                     {{"description", "sk_session with Max-Age=0 (deletes the cookie)"},
                      {"schema", {{"type", "string"}}}}}};
  return r;
}

json::object throttled() {
  json::object r = problem("Too many attempts; wait as long as Retry-After says");
  r["headers"] = {
      {"Retry-After", {{"description", "Seconds to wait"}, {"schema", {{"type", "integer"}}}}}};
  return r;
}

std::string operation(const char* id, const char* summary, const char* description,
                      json::object responses, json::object body = {}) {
  http::openapi::Operation op(id, kTag, summary, description);
  for (auto& [status, response] : responses)
    op.response_object(status, std::move(response.as_object()));
  if (!body.empty()) op.body(std::move(body));
  return op.json();
}

constexpr const char* kCookieNote =
    " Authenticated by the session cookie sk_session (HttpOnly, SameSite=Strict); a "
    "state-changing request that carries it must come from this site (Origin check).";

} // namespace

std::string login() {
  json::object ok{{"description", "Logged in; the session cookie is set"},
                  {"headers",
                   {{"Set-Cookie",
                     {{"description", "sk_session=<token>; Path=/; HttpOnly; SameSite=Strict; "
                                      "Max-Age=43200 (and Secure on HTTPS deployments)"},
                      {"schema", {{"type", "string"}}}}}}},
                  {"content",
                   {{"application/json",
                     {{"schema",
                       {{"type", "object"},
                        {"required", {"user"}},
                        {"properties", {{"user", me_schema()}}}}}}}}}};
  return operation(
      "login", "Log in with username and password",
      "Opens a new session (a new id and cookie at every login). Unknown usernames and wrong "
      "passwords get the same answer. After 5 failures for one account from one client address, "
      "50 for one account from all addresses, or 20 from one client address within 15 minutes, "
      "further attempts are refused with 429.",
      {{"200", ok},
       {"400", problem("Malformed JSON or missing members")},
       {"401", problem("Unknown username or wrong password")},
       {"403", problem("Sent from another site")},
       {"413", problem("Body larger than 16 KiB")},
       {"429", throttled()}},
      request_body({{"username", string_schema("Login name (case is ignored)")},
                    {"password", string_schema("Password", 1, 1000)}}));
}

std::string logout() {
  return operation(
      "logout", "Log out (end this session)",
      std::string("Ends the session of the cookie and deletes the cookie; answers "
                  "204 also without a session.")
          .append(kCookieNote)
          .c_str(),
      {{"204", empty_response("Logged out", true)}, {"403", problem("Sent from another site")}});
}

std::string logout_all() {
  return operation("logoutAll", "Log out everywhere (end every session of the account)",
                   std::string("Ends all sessions of the logged-in person on every device.")
                       .append(kCookieNote)
                       .c_str(),
                   {{"204", empty_response("All sessions ended", true)},
                    {"401", problem("Not logged in")},
                    {"403", problem("Sent from another site")}});
}

std::string me() {
  return operation("me", "The logged-in person",
                   std::string("Account data of the session's owner.").append(kCookieNote).c_str(),
                   {{"200",
                     {{"description", "The account"},
                      {"content", {{"application/json", {{"schema", me_schema()}}}}}}},
                    {"401", problem("Not logged in")}});
}

std::string register_citizen() {
  return operation(
      "register", "Register a citizen account",
      "Creates an unverified citizen account and sends a verification link by e-mail (valid 24 "
      "hours, once). The account can log in at once; email_verified stays false until the link "
      "is used. At most 10 registrations per client address and hour.",
      {{"201",
        {{"description", "Registered"},
         {"content",
          {{"application/json",
            {{"schema",
              {{"type", "object"},
               {"properties", {{"user", me_schema()}, {"message", {{"type", "string"}}}}}}}}}}}}},
       {"400", problem("Malformed JSON, or a value breaks the rules (the detail says which)")},
       {"403", problem("Sent from another site")},
       {"409", problem("Username or e-mail address is taken")},
       {"413", problem("Body larger than 16 KiB")},
       {"429", throttled()}},
      request_body({{"username", string_schema("3-32 of A-Z a-z 0-9 . _ -", 3, 32)},
                    {"display_name", string_schema("Name shown to people", 1, 100)},
                    {"email", string_schema("E-mail address for the verification link")},
                    {"password", string_schema("At least 10 characters", 10, 1000)}}));
}

std::string verify() {
  return operation("verifyEmail", "Confirm the e-mail address with the token from the mail",
                   "Marks the address verified; the token works once and for 24 hours.",
                   {{"204", empty_response("Verified", false)},
                    {"400", problem("Unknown, used or expired token, or malformed JSON")},
                    {"403", problem("Sent from another site")}},
                   request_body({{"token", string_schema("The token from the mail")}}));
}

std::string request_reset() {
  return operation(
      "requestPasswordReset", "Ask for a password reset link",
      "Always answers 202, whether or not an account has this address; when one has, a link "
      "(valid 1 hour, once) is sent there. At most 10 requests per client address in 15 minutes.",
      {{"202",
        {{"description", "Accepted"},
         {"content",
          {{"application/json",
            {{"schema",
              {{"type", "object"}, {"properties", {{"message", {{"type", "string"}}}}}}}}}}}}},
       {"400", problem("Malformed JSON or not an e-mail address")},
       {"403", problem("Sent from another site")},
       {"429", throttled()}},
      request_body({{"email", string_schema("The account's e-mail address")}}));
}

std::string confirm_reset() {
  return operation("confirmPasswordReset", "Set a new password with the token from the mail",
                   "Sets the password, uses the token up and ends every session of the account.",
                   {{"204", empty_response("Password changed; logged out everywhere", true)},
                    {"400", problem("Unknown, used or expired token, or a password that breaks "
                                    "the rules")},
                    {"403", problem("Sent from another site")}},
                   request_body({{"token", string_schema("The token from the mail")},
                                 {"password", string_schema("At least 10 characters", 10, 1000)}}));
}

std::string export_data() {
  return operation(
      "exportMyData", "Download everything held about me (DSGVO Art. 15 and 20)",
      std::string("The account, its sessions and one section per module that holds personal "
                  "data (documents, appointments, inbox, ...), as one JSON document to download. "
                  "The export is written to the audit log.")
          .append(kCookieNote)
          .c_str(),
      {{"200",
        {{"description", "All personal data, as an attachment"},
         {"content", {{"application/json", {{"schema", {{"type", "object"}}}}}}}}},
       {"401", problem("Not logged in")}});
}

std::string delete_account() {
  return operation(
      "deleteMyAccount", "Delete my account and my personal data (DSGVO Art. 17)",
      std::string("Citizens only; confirmed with the password. In one transaction: future "
                  "appointments are cancelled, every module erases the person's data, the "
                  "sessions end and the account is deleted. Statistics keep anonymous figures "
                  "only. The deletion is written to the audit log.")
          .append(kCookieNote)
          .c_str(),
      {{"204", empty_response("Deleted; the session cookie is cleared", true)},
       {"400", problem("Malformed JSON or missing password")},
       {"401", problem("Not logged in")},
       {"403", problem("Wrong password, staff or administrator account, or another site")},
       {"429", throttled()}},
      request_body({{"password", string_schema("The account's password, as confirmation")}}));
}

} // namespace accounts::openapi
