// The configuration of `stadtkern serve` and where each value came from.
//
// Four sources, each overriding the one before:
//   built-in defaults < stadtkern.toml < STADTKERN_* environment < command-line flags
// Every source is reduced to the same flat keys ("port", "limits.body_bytes")
// and every value is parsed and checked by one function, so a wrong value is
// reported the same way wherever it was written, naming the source.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace core {

// Protective limits of the HTTP server.
struct Limits {
  std::size_t header_bytes = 16 * 1024;        // request line + headers
  std::size_t body_bytes = 1024 * 1024;        // default request body limit per route
  std::chrono::seconds read_timeout{10};       // to receive one request once it started
  std::chrono::seconds keep_alive_timeout{30}; // idle time between requests
  std::chrono::seconds write_timeout{30};      // to send one response
  std::size_t max_connections = 10000;         // open connections at once
  std::chrono::seconds shutdown_grace{20};     // to finish in-flight requests on SIGTERM
};

// Settings of the Bürgerkonto (accounts module).
struct AccountSettings {
  // Argon2id cost of new password hashes: "interactive" (production) or
  // "minimal" (tests and demo only: libsodium's smallest limits).
  std::string password_cost = "interactive";
  int session_idle_minutes = 60; // a session ends after this long without a request
  bool secure_cookies = false;   // mark the session cookie Secure (HTTPS deployments)
};

// Delivery of the mail outbox (mail module). Without smtp_url mails stay queued.
struct MailSettings {
  std::string smtp_url; // "smtp://host:587" (STARTTLS when offered) or "smtps://host:465"
  std::string from;     // sender address; required with smtp_url
  std::string user;     // optional SMTP AUTH
  std::string password;
  int interval_seconds = 30; // how often the sender looks for due mails
  // smtp://: refuse to send unless the server offers STARTTLS (one-time links
  // travel in these mails). false only for a relay on the same host or tests.
  bool require_tls = true;
};

// Reminders about expiring documents (documents module).
struct ReminderSettings {
  std::string windows_days = "180,30"; // days before expiry, comma-separated
  std::string time = "07:00";          // daily run, Europe/Berlin wall clock (HH:MM)
};

// The NGSI-LD context broker (context module).
struct ContextSettings {
  // A directory with urls.json ({"<url>": "<file>"}) and the @context files
  // it names, served by URL without network access. Empty = none.
  std::string preloaded_dir;
  // Comma-separated API keys that may write (X-Api-Key or Authorization: Bearer).
  std::string api_keys;
  // Fetch @context URLs that are neither built in nor preloaded (off: any
  // client could make the server request URLs of its choosing).
  bool fetch_remote = false;
  int fetch_timeout_ms = 5000;     // for one remote @context
  int notify_timeout_ms = 5000;    // one notification delivery attempt
  int notify_retry_base_ms = 1000; // first retry; doubles up to notify_retry_cap_ms
  int notify_retry_cap_ms = 60000;
  // Journal rows of a tenant that start a checkpoint into the history.
  std::int64_t checkpoint_rows = 250000;
  // The Musterstadt sensor simulator (runs with --demo only).
  bool simulator_enabled = true;
  int simulator_interval_s = 30;    // seconds between updates
  int simulator_history_days = 365; // days of history back-filled once
};

// How the open-data catalogue names the town (opendata module, DCAT-AP.de).
struct OpenDataSettings {
  std::string city_name = "Musterstadt";
  std::string municipality_key = "05999000";  // Amtlicher Gemeindeschlüssel, 8 digits
  std::string contributor_id = "musterstadt"; // dcat-ap.de/def/contributors/<id>
  // Bounding box in WGS84 as "west,south,east,north".
  double west = 7.40, south = 51.47, east = 7.55, north = 51.56;
};

// MQTT ingest of the context broker (context/ingest). Off without url.
struct MqttSettings {
  std::string url;                     // mqtt://host[:port]; empty = no ingest
  std::string client_id = "stadtkern"; // id of the persistent session
  std::string user;                    // optional
  std::string password;
  int batch_ms = 5; // how long messages are collected into one commit
};

// Everything `stadtkern serve` needs to start.
struct Config {
  std::string bind = "0.0.0.0";
  int port = 8080;
  std::string data_dir = "var";
  std::string db = "sqlite:";
  bool demo = false;
  std::string log_level = "info";        // trace, debug, info, warn, error, off
  std::string access_log = "-";          // "-" = stdout, "off", or a file path
  std::string web_dir;                   // built web app; empty = find web/dist
  std::string resource_dir;              // shipped data (demo town, lexicon); empty = find data/
  int threads = 0;                       // I/O threads; 0 = one per core
  int workers = 0;                       // handler/database worker threads; 0 = 4 per core
  std::int64_t db_cache_kib = 32 * 1024; // SQLite page cache of the writer connection
  std::int64_t db_reader_cache_kib = 4 * 1024; // SQLite page cache of each read connection
  int malloc_arenas = 2;                       // glibc malloc arenas; 0 = glibc's default
  Limits limits;
  AccountSettings accounts;
  MailSettings mail;
  ReminderSettings reminders;
  ContextSettings context;
  OpenDataSettings opendata;
  MqttSettings mqtt;
  // map.tile_url: "https://tiles.example/{z}/{x}/{y}.png"; empty = no background
  std::string map_tile_url;
  std::string map_attribution; // map.attribution: shown on the map
  // public_url: where citizens reach this site ("https://stadt.example"), the start
  // of every link in a mail. http(s)://host[:port], no path.
  std::string public_url = "http://localhost:8080";
  // Reverse proxies whose X-Forwarded-For names the client ("127.0.0.1, 10.0.0.0/8").
  std::string trusted_proxies;

  // key -> "default", "file <path>", "env STADTKERN_X" or "flag --x"
  std::map<std::string, std::string> origin;
};

// The raw input of load_config(); each map holds flat keys -> text values.
struct ConfigSources {
  std::optional<std::string> file_path;     // stadtkern.toml to read, if any
  bool file_required = false;               // true when named explicitly (--config)
  std::map<std::string, std::string> env;   // the process environment (all of it)
  std::map<std::string, std::string> flags; // flags given on the command line, by key
};

// Builds the configuration. Throws core::Error{invalid_argument} naming the
// source and key for an unknown key in the file, an unparsable value or a
// value out of range, and for a required file that cannot be read.
Config load_config(const ConfigSources& sources);

// The keys load_config() understands, in documentation order.
const std::vector<std::string>& config_keys();

// The environment variable for a key: "limits.body_bytes" -> "STADTKERN_LIMITS_BODY_BYTES".
std::string env_name(const std::string& key);

} // namespace core
