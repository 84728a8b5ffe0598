#include "catalog/editing.hpp"

#include <algorithm>
#include <charconv>
#include <set>

namespace catalog {

std::string_view to_string(RecordKind kind) {
  return kind == RecordKind::service ? "service" : "office";
}

bool may_edit(const Editor& editor, std::string_view department) {
  return editor.admin || (!editor.department.empty() && editor.department == department);
}

IfMatch parse_if_match(std::string_view header, bool present) {
  IfMatch out;
  out.present = present;
  if (!present) return out;
  std::size_t pos = 0;
  while (pos < header.size()) {
    std::size_t end = header.find(',', pos);
    if (end == std::string_view::npos) end = header.size();
    std::string_view tag = header.substr(pos, end - pos);
    pos = end + 1;
    while (!tag.empty() && (tag.front() == ' ' || tag.front() == '\t'))
      tag.remove_prefix(1);
    while (!tag.empty() && (tag.back() == ' ' || tag.back() == '\t'))
      tag.remove_suffix(1);
    if (tag == "*") {
      out.any = true;
      continue;
    }
    if (tag.size() < 3 || tag.front() != '"' || tag.back() != '"') continue; // weak or malformed
    const std::string_view digits = tag.substr(1, tag.size() - 2);
    std::int64_t version = 0;
    auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), version);
    if (ec == std::errc() && ptr == digits.data() + digits.size() && version > 0)
      out.versions.push_back(version);
  }
  return out;
}

std::vector<std::string> changed_fields(const boost::json::object& before,
                                        const boost::json::object& after) {
  std::set<std::string> fields;
  for (const auto& [key, value] : before) {
    const auto* other = after.if_contains(key);
    if (!other || *other != value) fields.emplace(key);
  }
  for (const auto& [key, value] : after)
    if (!before.contains(key)) fields.emplace(key);
  return {fields.begin(), fields.end()};
}

void drop_read_only_members(boost::json::object& body, RecordKind kind) {
  for (const char* name : {"version", "url"})
    body.erase(name);
  if (kind == RecordKind::service) {
    for (const char* name : {"office_details", "related_details", "fees_text"})
      body.erase(name);
  } else {
    body.erase("services");
  }
}

} // namespace catalog
