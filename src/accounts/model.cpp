#include "accounts/model.hpp"

#include "core/error.hpp"

namespace accounts {

std::optional<Role> role_from_string(std::string_view text) {
  if (text == "citizen") return Role::citizen;
  if (text == "staff") return Role::staff;
  if (text == "admin") return Role::admin;
  return std::nullopt;
}

PasswordCost password_cost_from_string(std::string_view text) {
  if (text == "interactive") return PasswordCost::interactive;
  if (text == "minimal") return PasswordCost::minimal;
  throw core::Error(core::ErrorKind::invalid_argument,
                    "accounts.password_cost must be interactive or minimal");
}

std::string fold_case(std::string_view text) {
  std::string out(text);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

std::size_t count_chars(std::string_view utf8) {
  std::size_t n = 0;
  for (char c : utf8)
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
  return n;
}

std::string check_username(std::string_view username) {
  if (username.size() < 3 || username.size() > 32)
    return "Der Benutzername muss 3 bis 32 Zeichen lang sein.";
  for (char c : username) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '.' || c == '_' || c == '-';
    if (!ok)
      return "Der Benutzername darf nur Buchstaben (A-Z), Ziffern, Punkt, Unterstrich und "
             "Bindestrich enthalten.";
  }
  return {};
}

std::string check_display_name(std::string_view name) {
  const std::size_t chars = count_chars(name);
  if (chars == 0 || chars > 100) return "Der Name muss 1 bis 100 Zeichen lang sein.";
  if (name.front() == ' ' || name.back() == ' ')
    return "Der Name darf nicht mit einem Leerzeichen beginnen oder enden.";
  for (char c : name)
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F)
      return "Der Name darf keine Steuerzeichen enthalten.";
  return {};
}

std::string check_email(std::string_view email) {
  const std::string bad = "Bitte geben Sie eine gültige E-Mail-Adresse an.";
  if (email.empty() || email.size() > 254) return bad;
  const std::size_t at = email.find('@');
  if (at == std::string_view::npos || at == 0 || email.find('@', at + 1) != std::string_view::npos)
    return bad;
  const std::string_view domain = email.substr(at + 1);
  const std::size_t dot = domain.find('.');
  if (dot == std::string_view::npos || dot == 0 || domain.back() == '.') return bad;
  for (char c : email)
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7F || c == '<' || c == '>' || c == ',' ||
        c == ';' || c == '"' || c == '\\')
      return bad;
  return {};
}

std::string check_password(std::string_view password) {
  const std::size_t chars = count_chars(password);
  if (chars < kMinPasswordChars)
    return "Das Passwort muss mindestens " + std::to_string(kMinPasswordChars) +
           " Zeichen lang sein.";
  if (chars > kMaxPasswordChars)
    return "Das Passwort darf höchstens " + std::to_string(kMaxPasswordChars) +
           " Zeichen lang sein.";
  return {};
}

} // namespace accounts
