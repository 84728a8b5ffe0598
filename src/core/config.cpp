#include "core/config.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <filesystem>
#include <functional>
#include <toml++/toml.h>

#include "core/error.hpp"

namespace core {
namespace {

using Setter = std::function<void(Config&, const std::string& value)>;

struct Key {
  std::string name;
  Setter set;
};

[[noreturn]] void bad_value(const std::string& what) {
  throw Error(ErrorKind::invalid_argument, what);
}

long long parse_integer(const std::string& text, long long min, long long max) {
  long long value = 0;
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (ec != std::errc() || ptr != end) bad_value("'" + text + "' is not a whole number");
  if (value < min || value > max)
    bad_value(text + " is out of range " + std::to_string(min) + ".." + std::to_string(max));
  return value;
}

bool parse_bool(const std::string& text) {
  if (text == "true" || text == "1" || text == "yes" || text == "on") return true;
  if (text == "false" || text == "0" || text == "no" || text == "off") return false;
  bad_value("'" + text + "' is not true or false");
}

std::string parse_choice(const std::string& text, std::initializer_list<const char*> choices) {
  for (const char* c : choices)
    if (text == c) return text;
  std::string list;
  for (const char* c : choices)
    list += std::string(list.empty() ? "" : ", ") + c;
  bad_value("'" + text + "' is not one of " + list);
}

// Exactly `digits` decimal digits (an official key such as the AGS).
std::string parse_digits(const std::string& text, std::size_t digits) {
  if (text.size() != digits ||
      !std::all_of(text.begin(), text.end(), [](char ch) { return ch >= '0' && ch <= '9'; }))
    bad_value("'" + text + "' is not " + std::to_string(digits) + " digits");
  return text;
}

// A path segment of an IRI: lowercase letters, digits, '-' and '_'.
std::string parse_slug(const std::string& text) {
  if (text.empty() || !std::all_of(text.begin(), text.end(), [](char ch) {
        return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '-' || ch == '_';
      }))
    bad_value("'" + text + "' may hold only a-z, 0-9, '-' and '_'");
  return text;
}

// "west,south,east,north" in WGS84 degrees, west < east and south < north.
void parse_bbox(const std::string& text, OpenDataSettings& o) {
  double v[4];
  std::size_t at = 0;
  for (int i = 0; i < 4; ++i) {
    const std::size_t comma = i < 3 ? text.find(',', at) : text.size();
    if (comma == std::string::npos) bad_value("'" + text + "' is not west,south,east,north");
    const std::string part = text.substr(at, comma - at);
    const char* end = part.data() + part.size();
    auto [ptr, ec] = std::from_chars(part.data(), end, v[i]);
    if (ec != std::errc() || ptr != end || part.empty())
      bad_value("'" + part + "' is not a number");
    at = comma + 1;
  }
  if (v[0] < -180 || v[2] > 180 || v[1] < -90 || v[3] > 90 || v[0] >= v[2] || v[1] >= v[3])
    bad_value("'" + text + "' is not a box west,south,east,north in WGS84");
  o.west = v[0];
  o.south = v[1];
  o.east = v[2];
  o.north = v[3];
}

std::string non_empty(const std::string& text) {
  if (text.empty()) bad_value("must not be empty");
  return text;
}

// http(s)://host[:port] with nothing after it (a single trailing '/' is dropped):
// links in mails are this plus an absolute path.
std::string parse_public_url(const std::string& text) {
  std::string url = text;
  if (url.ends_with('/')) url.pop_back();
  std::string_view rest = url;
  if (rest.starts_with("https://"))
    rest.remove_prefix(8);
  else if (rest.starts_with("http://"))
    rest.remove_prefix(7);
  else
    bad_value("'" + text + "' is not an http:// or https:// URL");
  const bool host_ok = !rest.empty() && rest.front() != ':' &&
                       rest.find_first_of("/?#@ \t\r\n\\") == std::string_view::npos &&
                       std::all_of(rest.begin(), rest.end(),
                                   [](char ch) { return static_cast<unsigned char>(ch) > 0x20; });
  if (!host_ok)
    bad_value("'" + text +
              "' must be http(s)://host[:port] without a path, e.g. https://stadt.example");
  return url;
}

std::chrono::seconds seconds(const std::string& text, long long max) {
  return std::chrono::seconds(parse_integer(text, 1, max));
}

const std::vector<Key>& keys() {
  static const std::vector<Key> table = {
      {"bind", [](Config& c, const std::string& v) { c.bind = non_empty(v); }},
      {"port", [](Config& c, const std::string& v) { c.port = int(parse_integer(v, 0, 65535)); }},
      {"data_dir", [](Config& c, const std::string& v) { c.data_dir = non_empty(v); }},
      {"db", [](Config& c, const std::string& v) { c.db = non_empty(v); }},
      {"demo", [](Config& c, const std::string& v) { c.demo = parse_bool(v); }},
      {"log_level",
       [](Config& c, const std::string& v) {
         c.log_level = parse_choice(v, {"trace", "debug", "info", "warn", "error", "off"});
       }},
      {"access_log", [](Config& c, const std::string& v) { c.access_log = non_empty(v); }},
      {"web_dir", [](Config& c, const std::string& v) { c.web_dir = v; }},
      {"resource_dir", [](Config& c, const std::string& v) { c.resource_dir = v; }},
      {"threads",
       [](Config& c, const std::string& v) { c.threads = int(parse_integer(v, 0, 256)); }},
      {"workers",
       [](Config& c, const std::string& v) { c.workers = int(parse_integer(v, 0, 1024)); }},
      {"db_cache_kib",
       [](Config& c, const std::string& v) { c.db_cache_kib = parse_integer(v, 64, 1 << 24); }},
      {"db_reader_cache_kib",
       [](Config& c, const std::string& v) {
         c.db_reader_cache_kib = parse_integer(v, 64, 1 << 24);
       }},
      {"malloc_arenas",
       [](Config& c, const std::string& v) { c.malloc_arenas = int(parse_integer(v, 0, 1024)); }},
      {"map.tile_url", [](Config& c, const std::string& v) { c.map_tile_url = v; }},
      {"map.attribution", [](Config& c, const std::string& v) { c.map_attribution = v; }},
      {"trusted_proxies", [](Config& c, const std::string& v) { c.trusted_proxies = v; }},
      {"context.preloaded_dir",
       [](Config& c, const std::string& v) { c.context.preloaded_dir = v; }},
      {"context.api_keys", [](Config& c, const std::string& v) { c.context.api_keys = v; }},
      {"context.fetch_remote",
       [](Config& c, const std::string& v) { c.context.fetch_remote = parse_bool(v); }},
      {"context.fetch_timeout_ms",
       [](Config& c, const std::string& v) {
         c.context.fetch_timeout_ms = int(parse_integer(v, 100, 60000));
       }},
      {"context.simulator.enabled",
       [](Config& c, const std::string& v) { c.context.simulator_enabled = parse_bool(v); }},
      {"context.simulator.interval_s",
       [](Config& c, const std::string& v) {
         c.context.simulator_interval_s = int(parse_integer(v, 1, 86400));
       }},
      {"context.simulator.history_days",
       [](Config& c, const std::string& v) {
         c.context.simulator_history_days = int(parse_integer(v, 0, 3660));
       }},
      {"context.notify_timeout_ms",
       [](Config& c, const std::string& v) {
         c.context.notify_timeout_ms = int(parse_integer(v, 100, 60000));
       }},
      {"context.notify_retry_base_ms",
       [](Config& c, const std::string& v) {
         c.context.notify_retry_base_ms = int(parse_integer(v, 10, 600000));
       }},
      {"context.checkpoint_rows",
       [](Config& c, const std::string& v) {
         c.context.checkpoint_rows = parse_integer(v, 1, 100000000);
       }},
      {"context.notify_retry_cap_ms",
       [](Config& c, const std::string& v) {
         c.context.notify_retry_cap_ms = int(parse_integer(v, 10, 3600000));
       }},
      {"opendata.city_name",
       [](Config& c, const std::string& v) { c.opendata.city_name = non_empty(v); }},
      {"opendata.municipality_key",
       [](Config& c, const std::string& v) {
         c.opendata.municipality_key = parse_digits(v, 8);
       }},
      {"opendata.contributor_id",
       [](Config& c, const std::string& v) { c.opendata.contributor_id = parse_slug(v); }},
      {"opendata.bbox", [](Config& c, const std::string& v) { parse_bbox(v, c.opendata); }},
      {"mqtt.url",
       [](Config& c, const std::string& v) {
         if (!v.empty() && !v.starts_with("mqtt://")) bad_value("'" + v + "' is not an mqtt:// URL");
         c.mqtt.url = v;
       }},
      {"mqtt.client_id",
       [](Config& c, const std::string& v) {
         if (v.empty() || v.size() > 128) bad_value("the client id must have 1 to 128 characters");
         c.mqtt.client_id = v;
       }},
      {"mqtt.user", [](Config& c, const std::string& v) { c.mqtt.user = v; }},
      {"mqtt.password", [](Config& c, const std::string& v) { c.mqtt.password = v; }},
      {"mqtt.batch_ms",
       [](Config& c, const std::string& v) { c.mqtt.batch_ms = int(parse_integer(v, 1, 1000)); }},
      {"public_url", [](Config& c, const std::string& v) { c.public_url = parse_public_url(v); }},
      {"accounts.password_cost",
       [](Config& c, const std::string& v) {
         c.accounts.password_cost = parse_choice(v, {"interactive", "minimal"});
       }},
      {"accounts.session_idle_minutes",
       [](Config& c, const std::string& v) {
         c.accounts.session_idle_minutes = int(parse_integer(v, 1, 7 * 24 * 60));
       }},
      {"accounts.secure_cookies",
       [](Config& c, const std::string& v) { c.accounts.secure_cookies = parse_bool(v); }},
      {"mail.smtp_url",
       [](Config& c, const std::string& v) {
         if (!v.empty() && !v.starts_with("smtp://") && !v.starts_with("smtps://"))
           bad_value("'" + v + "' is not an smtp:// or smtps:// URL");
         c.mail.smtp_url = v;
       }},
      {"mail.from", [](Config& c, const std::string& v) { c.mail.from = v; }},
      {"mail.user", [](Config& c, const std::string& v) { c.mail.user = v; }},
      {"mail.password", [](Config& c, const std::string& v) { c.mail.password = v; }},
      {"mail.require_tls",
       [](Config& c, const std::string& v) { c.mail.require_tls = parse_bool(v); }},
      {"mail.interval_seconds",
       [](Config& c, const std::string& v) {
         c.mail.interval_seconds = int(parse_integer(v, 1, 24 * 3600));
       }},
      {"reminders.windows_days",
       [](Config& c, const std::string& v) {
         std::size_t start = 0;
         while (start <= v.size()) { // each item a whole number of days 1..3650
           const std::size_t comma = std::min(v.find(',', start), v.size());
           parse_integer(v.substr(start, comma - start), 1, 3650);
           start = comma + 1;
         }
         c.reminders.windows_days = v;
       }},
      {"reminders.time",
       [](Config& c, const std::string& v) {
         const bool ok = v.size() == 5 && v[2] == ':' && std::isdigit((unsigned char)v[0]) &&
                         std::isdigit((unsigned char)v[1]) && std::isdigit((unsigned char)v[3]) &&
                         std::isdigit((unsigned char)v[4]) &&
                         (v[0] - '0') * 10 + (v[1] - '0') < 24 && v[3] < '6';
         if (!ok) bad_value("'" + v + "' is not a time HH:MM");
         c.reminders.time = v;
       }},
      {"limits.header_bytes",
       [](Config& c, const std::string& v) {
         c.limits.header_bytes = std::size_t(parse_integer(v, 1024, 1 << 20));
       }},
      {"limits.body_bytes",
       [](Config& c, const std::string& v) {
         c.limits.body_bytes = std::size_t(parse_integer(v, 0, 1LL << 32));
       }},
      {"limits.read_timeout",
       [](Config& c, const std::string& v) { c.limits.read_timeout = seconds(v, 3600); }},
      {"limits.keep_alive_timeout",
       [](Config& c, const std::string& v) { c.limits.keep_alive_timeout = seconds(v, 3600); }},
      {"limits.write_timeout",
       [](Config& c, const std::string& v) { c.limits.write_timeout = seconds(v, 3600); }},
      {"limits.max_connections",
       [](Config& c,
          const std::string&
              v) { c.limits.max_connections = std::size_t(parse_integer(v, 1, 1000000)); }},
      {"limits.shutdown_grace",
       [](Config& c, const std::string& v) { c.limits.shutdown_grace = seconds(v, 3600); }},
  };
  return table;
}

const Key* find_key(const std::string& name) {
  for (const Key& k : keys())
    if (k.name == name) return &k;
  return nullptr;
}

// Flattens a TOML table into "a.b" keys with text values.
void flatten(const toml::table& table, const std::string& prefix,
             std::map<std::string, std::string>& out, const std::string& source) {
  for (const auto& [name, node] : table) {
    const std::string key = prefix + std::string(name.str());
    if (const auto* sub = node.as_table()) {
      flatten(*sub, key + ".", out, source);
    } else if (const auto* s = node.as_string()) {
      out[key] = s->get();
    } else if (const auto* i = node.as_integer()) {
      out[key] = std::to_string(i->get());
    } else if (const auto* b = node.as_boolean()) {
      out[key] = b->get() ? "true" : "false";
    } else {
      bad_value(source + ": " + key + " must be a string, a whole number or a boolean");
    }
  }
}

std::map<std::string, std::string> read_file(const ConfigSources& sources, std::string& source) {
  std::map<std::string, std::string> out;
  if (!sources.file_path) return out;
  source = "file " + *sources.file_path;
  std::error_code ec;
  if (!std::filesystem::exists(*sources.file_path, ec)) {
    if (sources.file_required) bad_value(source + ": the file does not exist");
    return out;
  }
  toml::table table;
  try {
    table = toml::parse_file(*sources.file_path);
  } catch (const toml::parse_error& e) {
    bad_value(source + ": " + std::string(e.description()) + " (line " +
              std::to_string(e.source().begin.line) + ")");
  }
  flatten(table, "", out, source);
  for (const auto& [key, value] : out)
    if (!find_key(key)) bad_value(source + ": unknown setting '" + key + "'");
  return out;
}

void apply(Config& config, const std::string& key, const std::string& value,
           const std::string& source) {
  const Key* k = find_key(key);
  if (!k) bad_value(source + ": unknown setting '" + key + "'");
  try {
    k->set(config, value);
  } catch (const Error& e) {
    bad_value(source + ": " + key + ": " + e.detail());
  }
  config.origin[key] = source;
}

} // namespace

std::string env_name(const std::string& key) {
  std::string name = "STADTKERN_";
  for (char c : key)
    name += (c == '.') ? '_' : char(std::toupper(static_cast<unsigned char>(c)));
  return name;
}

const std::vector<std::string>& config_keys() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> v;
    for (const Key& k : keys())
      v.push_back(k.name);
    return v;
  }();
  return names;
}

Config load_config(const ConfigSources& sources) {
  Config config;
  for (const Key& k : keys())
    config.origin[k.name] = "default";

  std::string file_source;
  for (const auto& [key, value] : read_file(sources, file_source))
    apply(config, key, value, file_source);

  for (const Key& k : keys()) {
    const std::string name = env_name(k.name);
    if (auto it = sources.env.find(name); it != sources.env.end())
      apply(config, k.name, it->second, "env " + name);
  }

  for (const auto& [key, value] : sources.flags) {
    std::string flag = "--" + key;
    std::replace(flag.begin(), flag.end(), '_', '-');
    apply(config, key, value, "flag " + flag);
  }
  return config;
}

} // namespace core
