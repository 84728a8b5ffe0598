#include "app/serve.hpp"

#include <spdlog/spdlog.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "accounts/accounts.hpp"
#include "accounts/authenticator.hpp"
#include "accounts/routes.hpp"
#include "app/build_info.hpp"
#include "app/citizen_services.hpp"
#include "app/schema.hpp"
#include "appointments/appointments.hpp"
#include "appointments/notices.hpp"
#include "appointments/personal_data.hpp"
#include "appointments/routes.hpp"
#include "assistant/routes.hpp"
#include "assistant/travel/routes.hpp"
#include "audit/audit_log.hpp"
#include "audit/routes.hpp"
#include "catalog/catalog.hpp"
#include "catalog/loader.hpp"
#include "catalog/routes.hpp"
#include "context/api/options.hpp"
#include "context/api/routes.hpp"
#include "context/broker.hpp"
#include "context/ingest/ingest.hpp"
#include "context/simulator/simulator.hpp"
#include "context/subscriptions/http_transport.hpp"
#include "context/subscriptions/mqtt_transport.hpp"
#include "context/subscriptions/notifier.hpp"
#include "context/subscriptions/routes.hpp"
#include "core/allocator.hpp"
#include "core/clock.hpp"
#include "core/error.hpp"
#include "core/log.hpp"
#include "http/access_log.hpp"
#include "http/metrics.hpp"
#include "http/server.hpp"
#include "opendata/live.hpp"
#include "opendata/opendata.hpp"
#include "opendata/routes.hpp"
#include "platform/installation_store.hpp"
#include "platform/openapi.hpp"
#include "platform/routes.hpp"
#include "store/database.hpp"

namespace app {
namespace {

// The town as the open-data catalogue names it, from the configuration.
opendata::CityInfo city_info(const core::OpenDataSettings& o) {
  return {o.city_name, o.municipality_key, o.contributor_id, o.west, o.south, o.east, o.north};
}

namespace fs = std::filesystem;

// A directory shipped with the program: the configured one, else `relative`
// below the working directory or beside the binary (build/../relative),
// recognised by a file it must contain.
fs::path find_shipped_dir(const std::string& configured, const fs::path& relative,
                          const fs::path& marker) {
  if (!configured.empty()) return configured;
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  for (const fs::path& candidate : {relative, exe.parent_path() / ".." / relative})
    if (fs::exists(candidate / marker, ec)) return fs::weakly_canonical(candidate, ec);
  return relative;
}

fs::path find_web_dir(const std::string& configured) {
  return find_shipped_dir(configured, fs::path("web") / "dist", "index.html");
}

fs::path find_resource_dir(const std::string& configured) {
  return find_shipped_dir(configured, "data", fs::path("search") / "lexicon-de.json");
}

search::Lexicon load_lexicon(const fs::path& resources) {
  const fs::path file = resources / "search" / "lexicon-de.json";
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    spdlog::warn("no search lexicon at {}: search works without synonyms", file.string());
    return {};
  }
  std::ostringstream text;
  text << in.rdbuf();
  return search::Lexicon::from_json(text.str());
}

// Seeds the Musterstadt demo catalogue from the shipped files, once per data
// dir: later starts keep the stored catalogue, so staff edits survive.
void import_demo_catalog(catalog::Catalog& catalog, const fs::path& resources) {
  if (auto stored = catalog.snapshot();
      stored && (!stored->services().empty() || !stored->offices().empty())) {
    spdlog::info("demo catalogue: keeping the stored {} services, {} offices",
                 stored->services().size(), stored->offices().size());
    return;
  }
  std::vector<catalog::ValidationError> errors;
  auto data = catalog::read_catalog_dir(resources / "musterstadt", errors);
  if (errors.empty()) {
    const auto report = catalog.import(std::move(data), "demo");
    errors = report.errors;
    if (report.imported)
      spdlog::info("demo catalogue: {} services, {} offices ({} added, {} changed)",
                   catalog.snapshot()->services().size(), catalog.snapshot()->offices().size(),
                   report.counts.services_added, report.counts.services_changed);
  }
  for (const auto& e : errors)
    spdlog::error("demo catalogue: {} {}: {}", e.record, e.field, e.message);
  if (!errors.empty())
    throw core::Error(core::ErrorKind::invalid_argument, "the demo catalogue is invalid");
}

accounts::Settings account_settings(const core::Config& config) {
  accounts::Settings s;
  s.password_cost = accounts::password_cost_from_string(config.accounts.password_cost);
  s.session_idle = std::chrono::minutes(config.accounts.session_idle_minutes);
  s.secure_cookies = config.accounts.secure_cookies;
  s.demo_mode = config.demo;
  s.public_url = config.public_url;
  return s;
}

// Seeds the demo accounts in demo mode; outside it, says that stored ones are off.
void prepare_demo_accounts(accounts::Accounts& accounts, bool demo) {
  if (demo) {
    if (const int created = accounts.seed_demo(); created > 0)
      spdlog::info("demo accounts: {} created (tom, anna, admin)", created);
  } else if (const int stored = accounts.demo_account_count(); stored > 0) {
    spdlog::warn("{} demo account(s) in this database cannot log in: demo mode is off", stored);
  }
}

std::unique_ptr<store::Database> open_database(const core::Config& config) {
  store::Options options;
  options.cache_size_kib = config.db_cache_kib;
  options.reader_cache_size_kib = config.db_reader_cache_kib;
  auto db = store::Database::open(config.db, config.data_dir, options);
  const int applied = db->migrate(all_migrations());
  if (applied > 0) spdlog::info("applied {} database migration(s)", applied);
  return db;
}

void add_platform_metrics(http::Metrics& metrics, store::Database& db,
                          const platform::BuildInfo& build) {
  const auto started = std::chrono::system_clock::now();
  metrics.add_collector([&db, build, started](std::string& out) {
    out += "# HELP stadtkern_build_info Version and commit of the running build.\n";
    out += "# TYPE stadtkern_build_info gauge\n";
    out += "stadtkern_build_info{version=\"" + http::escape_label(build.version) + "\",commit=\"" +
           http::escape_label(build.commit) + "\",database=\"" + db.engine() + "\"} 1\n";
    out += "# HELP stadtkern_process_start_time_seconds Start time of the process since the Unix "
           "epoch.\n";
    out += "# TYPE stadtkern_process_start_time_seconds gauge\n";
    out +=
        "stadtkern_process_start_time_seconds " +
        std::to_string(
            std::chrono::duration_cast<std::chrono::seconds>(started.time_since_epoch()).count()) +
        "\n";
    const store::PoolStats s = db.stats();
    auto family = [&out](const char* name, const char* type, const char* help,
                         const std::string& value) {
      out += std::string("# HELP ") + name + " " + help + "\n# TYPE " + name + " " + type + "\n" +
             name + " " + value + "\n";
    };
    out += "# HELP stadtkern_db_connections Database connections of the pool by state.\n";
    out += "# TYPE stadtkern_db_connections gauge\n";
    out += "stadtkern_db_connections{role=\"reader\",state=\"busy\"} " +
           std::to_string(s.readers_busy) + "\n";
    out += "stadtkern_db_connections{role=\"reader\",state=\"idle\"} " +
           std::to_string(s.readers_total - s.readers_busy) + "\n";
    out += "stadtkern_db_connections{role=\"writer\",state=\"open\"} 1\n";
    family("stadtkern_db_reads_total", "counter", "Read jobs run.", std::to_string(s.reads));
    family("stadtkern_db_writes_total", "counter", "Write jobs committed.",
           std::to_string(s.writes));
    family("stadtkern_db_write_failures_total", "counter", "Write jobs rolled back.",
           std::to_string(s.write_failures));
    family("stadtkern_db_commits_total", "counter", "Transactions committed (group commits).",
           std::to_string(s.commits));
    family("stadtkern_db_write_queue", "gauge", "Write jobs waiting.",
           std::to_string(s.write_queue));
  });
}

void print_banner(const core::Config& config, int port, std::size_t web_files) {
  const std::string host =
      (config.bind == "0.0.0.0" || config.bind == "::") ? "localhost" : config.bind;
  std::printf("\n  Stadtkern %s läuft: http://%s:%d/\n", kVersion, host.c_str(), port);
  std::printf("  API-Dokumentation: http://%s:%d/api/docs\n", host.c_str(), port);
  std::printf("  Daten: %s (%s)\n", config.data_dir.c_str(), config.db.c_str());
  if (web_files == 0)
    std::printf("  Hinweis: keine Web-App gefunden (make build baut web/dist).\n");
  if (config.demo)
    std::printf("  Demo-Konten: tom/tom (Bürger), anna/anna (Bürgerbüro), admin/admin "
                "(Verwaltung)\n");
  std::printf("  Beenden mit Strg+C.\n\n");
  std::fflush(stdout);
}

// Logs a fatal error; exit code 2 for a usage or configuration problem, else 1.
int fail(const core::Error& e) {
  spdlog::critical("{}", e.what());
  const bool usage =
      e.kind() == core::ErrorKind::invalid_argument || e.kind() == core::ErrorKind::unsupported;
  return usage ? 2 : 1;
}

} // namespace

int serve(const core::Config& config) {
  core::log::init(config.log_level);
  core::allocator::tune(config.malloc_arenas);
  spdlog::info("memory allocator: {}", core::allocator::name());
  const auto start = std::chrono::steady_clock::now();
  try {
    const auto trusted_proxies = http::TrustedProxies::parse(config.trusted_proxies);
    auto db = open_database(config);
    const auto installation = platform::load_or_create_installation(*db, core::Clock::system());
    const platform::BuildInfo build{kVersion, kCommit, installation.id, installation.created_at};

    const auto web_dir = find_web_dir(config.web_dir);
    const auto files = http::StaticFiles::load(web_dir);
    if (files.size() == 0)
      spdlog::warn("no web app at {}: serving the APIs only", web_dir.string());

    const auto resources = find_resource_dir(config.resource_dir);
    catalog::Catalog catalog(*db, core::Clock::system(), fs::path(config.data_dir) / "search",
                             load_lexicon(resources));
    catalog.reload();
    if (config.demo) import_demo_catalog(catalog, resources);
    accounts::Accounts accounts(*db, core::Clock::system(), account_settings(config));
    prepare_demo_accounts(accounts, config.demo);
    const accounts::SessionAuthenticator authenticator(accounts);
    const audit::AuditLog audit_log(*db, core::Clock::system());
    CitizenServices citizen_services(config, *db, core::Clock::system(), accounts, audit_log);
    if (config.demo) citizen_services.seed_demo();
    appointments::Calendar calendar(*db, catalog, core::Clock::system());
    calendar.set_audit_hook([&audit_log](store::Connection& c, const http::Identity& actor,
                                         std::string_view subject, std::string_view action,
                                         std::string_view object) {
      audit_log.record(c, actor, subject, action, object);
    });
    const appointments::Notices notices(*db, calendar, citizen_services.outbox(),
                                        citizen_services.inbox(), config.public_url);
    calendar.set_booked_hook([&notices](store::Connection& c, const appointments::Appointment& a,
                                        const std::string& token) { notices.booked(c, a, token); });
    citizen_services.add_daily_job("appointment reminders", [&notices] {
      const auto run = notices.remind(core::berlin_today(core::Clock::system()));
      spdlog::info("appointment reminders for {}: {} mail(s), {} message(s)",
                   core::format_date(run.day), run.mails, run.messages);
    });
    appointments::PersonalData appointment_data(calendar);
    accounts.add_holder(appointment_data);
    const auto gazetteer = assistant::travel::Gazetteer::load(resources / "assistant");
    const auto entry_rules =
        assistant::travel::EntryRules::load(resources / "assistant" / "entry-rules.json");
    spdlog::info("travel: {} cities, {} places, {} entry rules", gazetteer.city_count(),
                 gazetteer.place_count(), entry_rules.all().size());

    opendata::OpenData open_data(*db, core::Clock::system(), city_info(config.opendata));
    open_data.reload();
    if (config.demo)
      if (const int created = open_data.seed_demo(); created > 0)
        spdlog::info("demo open data: {} datasets", created);
    const context::jsonld::Resolver ld_resolver(
        config.context.preloaded_dir, config.context.fetch_remote
                                          ? context::jsonld::http_fetcher(std::chrono::milliseconds(
                                                config.context.fetch_timeout_ms))
                                          : context::jsonld::Fetcher());
    context::Broker broker(*db, core::Clock::system());
    broker.set_checkpoint_rows(config.context.checkpoint_rows);
    broker.load();
    context::subscriptions::NotifierOptions notify_options;
    notify_options.retry_base = std::chrono::milliseconds(config.context.notify_retry_base_ms);
    notify_options.retry_cap = std::chrono::milliseconds(config.context.notify_retry_cap_ms);
    context::subscriptions::Notifier notifier(*db, broker, ld_resolver, notify_options);
    for (const char* scheme : {"http", "https"})
      notifier.add_transport(scheme,
                             context::subscriptions::http_transport(
                                 std::chrono::milliseconds(config.context.notify_timeout_ms)));
    notifier.add_transport("mqtt", context::subscriptions::mqtt_transport(std::chrono::milliseconds(
                                       config.context.notify_timeout_ms)));
    notifier.load();
    broker.set_observer(&notifier);
    std::unique_ptr<context::simulator::Simulator> simulator;
    if (config.demo && config.context.simulator_enabled) {
      simulator = std::make_unique<context::simulator::Simulator>(
          broker, *db, core::Clock::system(),
          context::simulator::Settings{config.context.simulator_interval_s,
                                       config.context.simulator_history_days});
      simulator->seed();
    }

    http::Router router;
    auto state = std::make_shared<platform::PlatformState>();
    platform::add_routes(router, *db, files, build, {config.map_tile_url, config.map_attribution},
                         state);
    catalog::add_routes(router, catalog);
    accounts::add_routes(router, accounts, audit_log);
    audit::add_routes(router, audit_log);
    citizen_services.add_routes(router);
    appointments::add_routes(router, calendar);
    assistant::travel::add_routes(router, gazetteer, entry_rules);
    const opendata::SensorSource sensor_source{broker, *ld_resolver.core(), core::Clock::system()};
    const opendata::LiveFiles live_files(catalog, calendar, &sensor_source);
    opendata::add_routes(router, open_data, live_files, config.public_url);
    const opendata::ckan::Api ckan_api(open_data, config.public_url);
    opendata::add_ckan_routes(router, ckan_api, config.public_url);
    opendata::add_editing_routes(router, open_data);
    assistant::Assistant assistant({catalog, calendar, citizen_services.document_register(),
                                    accounts, gazetteer, entry_rules, core::Clock::system()});
    assistant::add_routes(router, assistant);
    context::api::add_routes(router, broker, ld_resolver,
                             {context::api::split(config.context.api_keys, ',')});
    context::subscriptions::add_routes(router, notifier, ld_resolver,
                                       {context::api::split(config.context.api_keys, ',')});

    http::Metrics metrics(router);
    add_platform_metrics(metrics, *db, build);
    std::unique_ptr<context::ingest::Ingest> mqtt_ingest;
    if (!config.mqtt.url.empty()) {
      context::ingest::Settings ingest_settings;
      ingest_settings.connection = {config.mqtt.url, config.mqtt.client_id, config.mqtt.user,
                                    config.mqtt.password};
      ingest_settings.batch_window = std::chrono::milliseconds(config.mqtt.batch_ms);
      mqtt_ingest = std::make_unique<context::ingest::Ingest>(broker, ld_resolver, ingest_settings);
      metrics.add_collector([&mqtt_ingest](std::string& out) { mqtt_ingest->render_metrics(out); });
    }
    context::subscriptions::add_metrics(metrics, notifier);
    state->render_metrics = [&metrics] { return metrics.render(); };
    state->openapi_json = platform::build_openapi(
        router,
        {"Stadtkern API", kVersion,
         "Die offene Plattform der Stadt: Leistungen, Termine, Kontextdaten, Offene Daten."});

    auto access_log = http::AccessLog::open(config.access_log);
    http::ServerOptions options{config.bind,    config.port,   config.threads,
                                config.workers, config.limits, trusted_proxies};
    http::Server server(options, router, metrics, files, access_log.get());
    server.set_authenticator(&authenticator);
    server.listen();
    notifier.start();
    const auto ready_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                              std::chrono::steady_clock::now() - start)
                              .count();
    spdlog::info("ready in {} ms on {}:{} ({} web files, {} KiB)", ready_ms, config.bind,
                 server.port(), files.size(), files.total_bytes() / 1024);
    print_banner(config, server.port(), files.size());

    citizen_services.start_jobs();
    if (mqtt_ingest) mqtt_ingest->start();
    if (simulator) simulator->start();
    server.run();
    if (simulator) simulator->stop();
    if (mqtt_ingest) mqtt_ingest->stop();
    notifier.stop();
    citizen_services.stop_jobs();
    if (access_log) access_log->flush();
    db->close();
    spdlog::info("stopped cleanly");
    return 0;
  } catch (const core::Error& e) {
    return fail(e);
  }
}

int import_catalog(const core::Config& config, const std::string& path, bool dry_run) {
  core::log::init(config.log_level);
  std::vector<catalog::ValidationError> errors;
  auto data = catalog::read_catalog(path, errors);
  catalog::check_catalog(data, errors);
  for (const auto& e : errors)
    std::fprintf(stderr, "%s%s%s: %s\n", e.record.c_str(), e.field.empty() ? "" : ": ",
                 e.field.c_str(), e.message.c_str());
  if (!errors.empty()) {
    std::fprintf(stderr, "%zu problem(s); nothing was imported\n", errors.size());
    return 2;
  }
  if (dry_run) {
    std::printf("valid: %zu services, %zu offices (dry run, nothing imported)\n",
                data.services.size(), data.offices.size());
    return 0;
  }
  try {
    auto db = open_database(config);
    catalog::Catalog catalog(*db, core::Clock::system(), fs::path(config.data_dir) / "search",
                             load_lexicon(find_resource_dir(config.resource_dir)));
    const auto report = catalog.import(std::move(data), "import");
    const auto& c = report.counts;
    std::printf("imported: services %d added, %d changed, %d removed; offices %d added, %d "
                "changed, %d removed\n",
                c.services_added, c.services_changed, c.services_removed, c.offices_added,
                c.offices_changed, c.offices_removed);
    std::printf("a running server shows the new catalogue after a restart\n");
    db->close();
    return 0;
  } catch (const core::Error& e) {
    return fail(e);
  }
}

int import_open_data(const core::Config& config, const std::string& path, bool dry_run) {
  core::log::init(config.log_level);
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "cannot read %s\n", path.c_str());
    return 2;
  }
  std::ostringstream text;
  text << in.rdbuf();
  try {
    auto db = open_database(config);
    opendata::OpenData open_data(*db, core::Clock::system(), city_info(config.opendata));
    open_data.reload();
    const auto report = open_data.import_json(text.str(), "import", dry_run);
    for (const auto& e : report.errors)
      std::fprintf(stderr, "%s\n", e.c_str());
    db->close();
    if (!report.errors.empty()) {
      std::fprintf(stderr, "%zu problem(s); nothing was imported\n", report.errors.size());
      return 2;
    }
    std::printf("%s: %zu organizations, %zu datasets%s\n", dry_run ? "valid" : "imported",
                report.organizations, report.datasets,
                dry_run ? " (dry run, nothing imported)"
                        : (", " + std::to_string(report.changed) + " records changed").c_str());
    return 0;
  } catch (const core::Error& e) {
    return fail(e);
  }
}

int migrate(const core::Config& config) {
  core::log::init(config.log_level);
  try {
    auto db = store::Database::open(config.db, config.data_dir);
    const int applied = db->migrate(all_migrations());
    std::printf("%d migration(s) applied; %zu in total\n", applied,
                db->applied_migrations().size());
    db->close();
    return 0;
  } catch (const core::Error& e) {
    return fail(e);
  }
}

} // namespace app
