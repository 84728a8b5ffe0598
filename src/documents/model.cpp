#include "documents/model.hpp"

#include <array>
#include <cctype>

#include "core/json.hpp"

namespace documents {
namespace {

struct KindInfo {
  Kind kind;
  std::string_view name;
  std::string_view label;
};

constexpr std::array<KindInfo, 6> kKinds{{
    {Kind::personalausweis, "personalausweis", "Personalausweis"},
    {Kind::reisepass, "reisepass", "Reisepass"},
    {Kind::kinderreisepass, "kinderreisepass", "Kinderreisepass"},
    {Kind::vorlaeufiger_personalausweis, "vorlaeufiger_personalausweis",
     "vorläufiger Personalausweis"},
    {Kind::vorlaeufiger_reisepass, "vorlaeufiger_reisepass", "vorläufiger Reisepass"},
    {Kind::fuehrerschein, "fuehrerschein", "Führerschein"},
}};

// ASCII case folding plus the German capitals that occur in the labels.
std::string fold(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c == 0xC3 && i + 1 < s.size()) {
      const unsigned char n = static_cast<unsigned char>(s[i + 1]);
      out += char(c);
      out += (n >= 0x80 && n <= 0x9E) ? char(n + 0x20) : char(n); // Ä -> ä, Ö -> ö, Ü -> ü
      ++i;
    } else {
      out += char(std::tolower(c));
    }
  }
  return out;
}

std::size_t utf8_length(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

} // namespace

std::string_view to_string(Kind kind) {
  for (const auto& k : kKinds)
    if (k.kind == kind) return k.name;
  return "personalausweis";
}

std::string_view label(Kind kind) {
  for (const auto& k : kKinds)
    if (k.kind == kind) return k.label;
  return "Personalausweis";
}

std::optional<Kind> kind_from_string(std::string_view text) {
  const std::string key = fold(text);
  for (const auto& k : kKinds)
    if (key == k.name || key == fold(k.label)) return k.kind;
  return std::nullopt;
}

const std::vector<Kind>& all_kinds() {
  static const std::vector<Kind> kinds = [] {
    std::vector<Kind> v;
    for (const auto& k : kKinds)
      v.push_back(k.kind);
    return v;
  }();
  return kinds;
}

bool expiry_required(Kind kind) { return kind != Kind::fuehrerschein; }

std::string_view to_string(StoredState state) {
  switch (state) {
  case StoredState::valid: return "gueltig";
  case StoredState::lost: return "verloren";
  case StoredState::stolen: return "gestohlen";
  }
  return "gueltig";
}

std::optional<StoredState> state_from_string(std::string_view text) {
  const std::string key = fold(text);
  if (key == "gueltig" || key == "gültig" || key == "valid") return StoredState::valid;
  if (key == "verloren" || key == "lost") return StoredState::lost;
  if (key == "gestohlen" || key == "stolen") return StoredState::stolen;
  return std::nullopt;
}

std::string_view to_string(Status status) {
  switch (status) {
  case Status::gueltig: return "gueltig";
  case Status::abgelaufen: return "abgelaufen";
  case Status::verloren: return "verloren";
  case Status::gestohlen: return "gestohlen";
  }
  return "gueltig";
}

Status status_on(const Document& d, core::Date today) {
  if (d.state == StoredState::lost) return Status::verloren;
  if (d.state == StoredState::stolen) return Status::gestohlen;
  if (d.expiry_date && core::days_between(*d.expiry_date, today) > 0) return Status::abgelaufen;
  return Status::gueltig;
}

std::string mask_number(std::string_view number) {
  // Split into characters so a multi-byte character is never cut.
  std::vector<std::string_view> chars;
  for (std::size_t i = 0; i < number.size();) {
    std::size_t n = 1;
    while (i + n < number.size() && (static_cast<unsigned char>(number[i + n]) & 0xC0) == 0x80)
      ++n;
    chars.push_back(number.substr(i, n));
    i += n;
  }
  const std::size_t head = chars.size() > 6 ? 4 : 0;
  const std::size_t tail = chars.size() > 6 ? 2 : (chars.empty() ? 0 : 1);
  std::string out;
  for (std::size_t i = 0; i < chars.size(); ++i)
    out += (i < head || i + tail >= chars.size()) ? std::string(chars[i]) : std::string("•");
  return out;
}

std::string check_number(std::string_view number) {
  if (number.size() < 5 || number.size() > 20)
    return "Die Dokumentnummer muss 5 bis 20 Zeichen lang sein.";
  for (unsigned char c : number)
    if (!(std::isdigit(c) || (c >= 'A' && c <= 'Z')))
      return "Die Dokumentnummer darf nur Großbuchstaben A–Z und Ziffern enthalten.";
  return {};
}

std::string check_authority(std::string_view authority) {
  if (core::json::to_valid_utf8(authority) != authority)
    return "Die ausstellende Behörde ist kein gültiger UTF-8-Text.";
  const std::size_t n = utf8_length(authority);
  if (n == 0 || n > 200) return "Die ausstellende Behörde muss 1 bis 200 Zeichen lang sein.";
  for (unsigned char c : authority)
    if (c < 0x20 || c == 0x7F) return "Die ausstellende Behörde enthält Steuerzeichen.";
  return {};
}

} // namespace documents
