// Lexicon::from_json: the JSON form of the search vocabulary (search.hpp).
#include <string>

#include "core/error.hpp"
#include "core/json.hpp"
#include "search/search.hpp"

namespace search {
namespace {

namespace json = boost::json;

core::Error bad(std::string_view member, std::string_view what) {
  return core::Error(core::ErrorKind::invalid_argument,
                     "lexicon: \"" + std::string(member) + "\" " + std::string(what));
}

// A string or an array of strings.
std::vector<std::string> string_list(const json::value& v, std::string_view member) {
  std::vector<std::string> out;
  if (v.is_string()) {
    out.emplace_back(v.get_string());
    return out;
  }
  if (!v.is_array()) throw bad(member, "must be a string or an array of strings");
  for (const json::value& item : v.get_array()) {
    if (!item.is_string()) throw bad(member, "must contain only strings");
    out.emplace_back(item.get_string());
  }
  return out;
}

// An object of word -> string or array of strings.
std::map<std::string, std::vector<std::string>> string_map(const json::value& v,
                                                           std::string_view member) {
  if (!v.is_object()) throw bad(member, "must be an object of word -> words");
  std::map<std::string, std::vector<std::string>> out;
  for (const auto& [key, value] : v.get_object()) {
    if (key.empty() || key.front() == '_') continue; // comments
    const std::string name = std::string(member) + "." + std::string(key);
    std::vector<std::string>& target = out[std::string(key)];
    for (std::string& s : string_list(value, name))
      target.push_back(std::move(s));
  }
  return out;
}

} // namespace

Lexicon Lexicon::from_json(std::string_view text) {
  const json::object root = core::json::parse_object(text);
  Lexicon lexicon;
  for (const auto& [key, value] : root) {
    if (key.empty() || key.front() == '_' || key == "$schema") continue;
    if (key == "stop_words") {
      lexicon.stop_words = string_list(value, key);
    } else if (key == "synonyms") {
      lexicon.synonyms = string_map(value, key);
    } else if (key == "translations") {
      lexicon.translations = string_map(value, key);
    } else if (key == "off_topic") {
      lexicon.off_topic = string_list(value, key);
    } else if (key == "generic") {
      lexicon.generic = string_list(value, key);
    } else {
      throw bad(key, "is not a lexicon member (stop_words, synonyms, translations, off_topic, "
                     "generic)");
    }
  }
  return lexicon;
}

} // namespace search
