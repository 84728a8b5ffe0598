// The bridge from HTTP to the Bürgerkonto: the session cookie and the
// http::Authenticator that turns it into an http::Identity.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "accounts/accounts.hpp"
#include "http/identity.hpp"
#include "http/message.hpp"

namespace accounts {

// The name of the session cookie.
inline constexpr std::string_view kSessionCookie = "sk_session";

// The value of the session cookie in a request's Cookie header, or an empty
// view when there is none.
std::string_view session_cookie(const http::Request& request);

// Set-Cookie values: the session cookie (HttpOnly, SameSite=Strict, Path=/,
// Max-Age, and Secure when asked) and the one that deletes it (Max-Age=0).
std::string session_cookie_header(const std::string& token, std::chrono::seconds max_age,
                                  bool secure);
std::string cleared_cookie_header(bool secure);

// Resolves requests with a valid session cookie to the person's identity
// (installed with http::Server::set_authenticator). Thread-safe; accounts must
// outlive it.
class SessionAuthenticator final : public http::Authenticator {
public:
  explicit SessionAuthenticator(const Accounts& accounts) : accounts_(accounts) {}

  std::optional<http::Identity> authenticate(const http::Request& request) const override;

private:
  const Accounts& accounts_;
};

} // namespace accounts
