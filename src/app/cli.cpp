#include "app/cli.hpp"

#include <CLI/CLI.hpp>

#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include "app/build_info.hpp"
#include "app/citizen_services.hpp"
#include "app/serve.hpp"
#include "core/error.hpp"

extern char** environ;

namespace app {
namespace {

// A command-line option that feeds one configuration key when given.
struct FlagBinding {
  std::string key;
  std::string value;
  CLI::Option* option = nullptr;
};

std::map<std::string, std::string> process_environment() {
  std::map<std::string, std::string> env;
  for (char** e = environ; e && *e; ++e) {
    const std::string entry(*e);
    const auto eq = entry.find('=');
    if (eq != std::string::npos && entry.starts_with("STADTKERN_"))
      env[entry.substr(0, eq)] = entry.substr(eq + 1);
  }
  return env;
}

void bind_option(CLI::App& command, std::vector<std::unique_ptr<FlagBinding>>& bindings,
                 const std::string& flag, const std::string& key, const std::string& help) {
  auto binding = std::make_unique<FlagBinding>();
  binding->key = key;
  binding->option = command.add_option(flag, binding->value, help);
  bindings.push_back(std::move(binding));
}

} // namespace

int run_cli(int argc, char** argv) {
  CLI::App cli{"Stadtkern - die offene Plattform für die Stadt (open city platform)", "stadtkern"};
  cli.require_subcommand(1);
  std::string config_path = "stadtkern.toml";
  auto* config_option = cli.add_option(
      "--config", config_path, "Configuration file (default: ./stadtkern.toml when present)");

  std::vector<std::unique_ptr<FlagBinding>> bindings;
  bool demo = false;

  auto* serve_cmd = cli.add_subcommand("serve", "Start the HTTP server");
  bind_option(*serve_cmd, bindings, "--port", "port", "TCP port (default 8080)");
  bind_option(*serve_cmd, bindings, "--bind", "bind", "Address to listen on (default 0.0.0.0)");
  bind_option(*serve_cmd, bindings, "--data-dir", "data_dir",
              "Directory for database, index, uploads (default var)");
  bind_option(*serve_cmd, bindings, "--db", "db",
              "Database URL: sqlite: (default), sqlite:/path.db; postgresql:// is reserved");
  bind_option(*serve_cmd, bindings, "--log-level", "log_level",
              "trace, debug, info, warn, error or off");
  bind_option(*serve_cmd, bindings, "--web-dir", "web_dir",
              "Built web app to serve (default web/dist)");
  bind_option(*serve_cmd, bindings, "--access-log", "access_log",
              "- (stdout), off, or a file path");
  bind_option(*serve_cmd, bindings, "--threads", "threads", "I/O threads (default: one per core)");
  bind_option(*serve_cmd, bindings, "--workers", "workers",
              "Worker threads for handlers (default: 4 per core)");
  auto* demo_flag = serve_cmd->add_flag("--demo", demo, "Seed and run the Musterstadt demo");

  auto* migrate_cmd = cli.add_subcommand("migrate", "Apply database migrations and exit");
  bind_option(*migrate_cmd, bindings, "--data-dir", "data_dir",
              "Directory of the database (default var)");
  bind_option(*migrate_cmd, bindings, "--db", "db", "Database URL (default sqlite:)");
  bind_option(*migrate_cmd, bindings, "--log-level", "log_level",
              "trace, debug, info, warn, error or off");

  auto* import_cmd = cli.add_subcommand("import", "Validate and import the service catalogue");
  std::string import_path;
  bool dry_run = false;
  import_cmd
      ->add_option("path", import_path,
                   "A .json export, a services .csv or a directory like data/musterstadt")
      ->required();
  import_cmd->add_flag("--dry-run", dry_run, "Only validate; change nothing");
  bind_option(*import_cmd, bindings, "--data-dir", "data_dir",
              "Directory of the database (default var)");
  bind_option(*import_cmd, bindings, "--db", "db", "Database URL (default sqlite:)");
  bind_option(*import_cmd, bindings, "--log-level", "log_level",
              "trace, debug, info, warn, error or off");

  auto* reminders_cmd = cli.add_subcommand("reminders", "Reminders about expiring documents");
  reminders_cmd->require_subcommand(1);
  auto* reminders_run = reminders_cmd->add_subcommand("run", "Send the reminders due on a day");
  std::string reminders_today;
  reminders_run->add_option("--today", reminders_today,
                            "The day as YYYY-MM-DD (default: today in Europe/Berlin)");
  bind_option(*reminders_run, bindings, "--data-dir", "data_dir",
              "Directory of the database (default var)");
  bind_option(*reminders_run, bindings, "--db", "db", "Database URL (default sqlite:)");
  bind_option(*reminders_run, bindings, "--log-level", "log_level",
              "trace, debug, info, warn, error or off");

  auto* opendata_cmd = cli.add_subcommand("opendata", "Open-data catalogue");
  opendata_cmd->require_subcommand(1);
  auto* opendata_import = opendata_cmd->add_subcommand(
      "import", "Validate and import organizations and datasets from a JSON file");
  std::string opendata_path;
  bool opendata_dry_run = false;
  opendata_import
      ->add_option("path", opendata_path, "{\"organizations\": [...], \"datasets\": [...]}")
      ->required();
  opendata_import->add_flag("--dry-run", opendata_dry_run, "Only validate; change nothing");
  bind_option(*opendata_import, bindings, "--data-dir", "data_dir",
              "Directory of the database (default var)");
  bind_option(*opendata_import, bindings, "--db", "db", "Database URL (default sqlite:)");
  bind_option(*opendata_import, bindings, "--log-level", "log_level",
              "trace, debug, info, warn, error or off");

  auto* version_cmd = cli.add_subcommand("version", "Print the version and exit");

  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = cli.exit(e);
    return code == 0 ? 0 : 2;
  }

  if (version_cmd->parsed()) {
    std::printf("stadtkern %s (commit %s)\n", kVersion, kCommit);
    return 0;
  }

  core::ConfigSources sources;
  sources.file_path = config_path;
  sources.file_required = config_option->count() > 0;
  sources.env = process_environment();
  for (const auto& b : bindings)
    if (b->option->count() > 0) sources.flags[b->key] = b->value;
  if (demo_flag->count() > 0) sources.flags["demo"] = demo ? "true" : "false";

  core::Config config;
  try {
    config = core::load_config(sources);
  } catch (const core::Error& e) {
    std::fprintf(stderr, "stadtkern: configuration error: %s\n", e.what());
    return 2;
  }
  if (migrate_cmd->parsed()) return migrate(config);
  if (import_cmd->parsed()) return import_catalog(config, import_path, dry_run);
  if (serve_cmd->parsed()) return serve(config);
  if (reminders_run->parsed()) return run_reminders(config, reminders_today);
  if (opendata_import->parsed()) return import_open_data(config, opendata_path, opendata_dry_run);
  return 2;
}

} // namespace app
