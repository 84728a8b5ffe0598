// Who sent a request. The HTTP layer only carries the answer; the accounts
// module decides it (sessions, API keys) by implementing Authenticator.
#pragma once

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

namespace http {

struct Request;

enum class Role { citizen, staff, admin, partner };

std::string_view to_string(Role role);

// A logged-in person or machine.
struct Identity {
  std::string user_id; // stable, not guessable
  std::string username;
  std::string display_name; // "Tom Müller"
  Role role = Role::citizen;
  std::string department; // staff: "Bürgeramt"
  std::string session_id; // empty for API keys
};

// Resolves the identity of a request from its credentials. Thread-safe.
class Authenticator {
public:
  virtual ~Authenticator() = default;
  // std::nullopt when the request carries no valid credentials.
  virtual std::optional<Identity> authenticate(const Request& request) const = 0;
};

// The caller's identity. Throws core::Error{unauthenticated} when nobody is
// logged in.
const Identity& require_login(const Request& request);

// The caller's identity when it has one of the roles. Throws
// core::Error{unauthenticated} without login, core::Error{forbidden} otherwise.
const Identity& require_role(const Request& request, std::initializer_list<Role> roles);

} // namespace http
