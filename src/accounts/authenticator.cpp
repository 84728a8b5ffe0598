#include "accounts/authenticator.hpp"

namespace accounts {
namespace {

std::string cookie_attributes(bool secure) {
  return std::string("; Path=/; HttpOnly; SameSite=Strict") + (secure ? "; Secure" : "");
}

} // namespace

std::string_view session_cookie(const http::Request& request) {
  // Cookie: a=1; sk_session=...; b=2 (RFC 6265 section 4.2.1). The first one wins.
  std::string_view rest = request.header("Cookie");
  while (!rest.empty()) {
    const std::size_t semicolon = rest.find(';');
    const std::string_view pair = http::trim_ows(rest.substr(0, semicolon));
    rest = semicolon == std::string_view::npos ? std::string_view() : rest.substr(semicolon + 1);
    const std::size_t eq = pair.find('=');
    if (eq == std::string_view::npos || http::trim_ows(pair.substr(0, eq)) != kSessionCookie)
      continue;
    std::string_view value = http::trim_ows(pair.substr(eq + 1));
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"')
      value = value.substr(1, value.size() - 2);
    return value;
  }
  return {};
}

std::string session_cookie_header(const std::string& token, std::chrono::seconds max_age,
                                  bool secure) {
  return std::string(kSessionCookie) + "=" + token + cookie_attributes(secure) +
         "; Max-Age=" + std::to_string(max_age.count());
}

std::string cleared_cookie_header(bool secure) {
  return std::string(kSessionCookie) + "=" + cookie_attributes(secure) + "; Max-Age=0";
}

std::optional<http::Identity>
SessionAuthenticator::authenticate(const http::Request& request) const {
  const std::string_view token = session_cookie(request);
  if (token.empty()) return std::nullopt;
  auto session = accounts_.session(token);
  if (!session) return std::nullopt;
  http::Identity who;
  who.user_id = std::move(session->user.id);
  who.username = std::move(session->user.username);
  who.display_name = std::move(session->user.display_name);
  who.role = session->user.role;
  who.department = std::move(session->user.department);
  who.session_id = std::move(session->session_id);
  return who;
}

} // namespace accounts
