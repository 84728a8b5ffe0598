#include "app/citizen_services.hpp"

#include <spdlog/spdlog.h>

#include <cstdio>

#include "app/schema.hpp"
#include "core/error.hpp"
#include "core/log.hpp"
#include "documents/routes.hpp"
#include "inbox/routes.hpp"

namespace app {
namespace {

accounts::Settings settings_for(const core::Config& config) {
  accounts::Settings s;
  s.password_cost = accounts::password_cost_from_string(config.accounts.password_cost);
  s.session_idle = std::chrono::minutes(config.accounts.session_idle_minutes);
  s.demo_mode = config.demo;
  s.public_url = config.public_url;
  return s;
}

} // namespace

CitizenServices::CitizenServices(const core::Config& config, store::Database& db,
                                 const core::Clock& clock, accounts::Accounts& accounts,
                                 const audit::AuditLog& audit)
    : config_(config), clock_(clock), accounts_(accounts), outbox_(db, clock), inbox_(db, clock),
      register_(db, clock, accounts, audit),
      reminders_(db, clock, accounts, inbox_, outbox_,
                 documents::parse_windows(config.reminders.windows_days), config.public_url),
      scheduler_(clock) {
  if (!config.mail.smtp_url.empty()) {
    if (config.mail.from.empty())
      throw core::Error(core::ErrorKind::invalid_argument,
                        "mail.from is required when mail.smtp_url is set");
    sender_ = std::make_unique<mail::SmtpSender>(
        mail::SmtpSettings{config.mail.smtp_url, config.mail.from, config.mail.user,
                           config.mail.password, config.mail.require_tls},
        outbox_, clock);
  }
  accounts.add_holder(documents_data_);
  accounts.add_holder(inbox_data_);
}

CitizenServices::~CitizenServices() { stop_jobs(); }

void CitizenServices::seed_demo() {
  const auto tom = accounts_.user_by_username("tom");
  if (!tom || !tom->demo) return;
  if (const int written = register_.seed_demo(tom->id); written > 0)
    spdlog::info("demo documents: {} written for tom (dated from {})", written,
                 core::format_date(register_.today()));
}

void CitizenServices::add_routes(http::Router& router) {
  inbox::add_routes(router, inbox_);
  documents::add_routes(router, register_);
}

void CitizenServices::add_daily_job(std::string name, std::function<void()> job) {
  scheduler_.daily(std::move(name), jobs::parse_time_of_day(config_.reminders.time),
                   std::move(job));
}

void CitizenServices::start_jobs() {
  scheduler_.daily("reminders", jobs::parse_time_of_day(config_.reminders.time), [this] {
    const auto run = reminders_.run_today();
    spdlog::info("reminders for {}: {} new message(s), {} mail(s)", core::format_date(run.today),
                 run.messages, run.mails);
  });
  if (sender_) {
    scheduler_.every("mail", std::chrono::seconds(config_.mail.interval_seconds), [this] {
      if (const int sent = sender_->deliver_due(); sent > 0) spdlog::info("mail: {} sent", sent);
    });
  } else {
    spdlog::warn("mail.smtp_url is not set: mails stay queued in the outbox ({} waiting)",
                 outbox_.queued_count());
  }
  scheduler_.start();
}

void CitizenServices::stop_jobs() { scheduler_.stop(); }

int run_reminders(const core::Config& config, const std::string& today_text) {
  core::log::init(config.log_level);
  try {
    std::optional<core::Date> today;
    if (!today_text.empty()) {
      today = core::parse_date(today_text);
      if (!today) {
        std::fprintf(stderr, "stadtkern: --today '%s' is not a date YYYY-MM-DD\n",
                     today_text.c_str());
        return 2;
      }
    }
    auto db = store::Database::open(config.db, config.data_dir);
    db->migrate(all_migrations());
    const core::Clock& clock = core::Clock::system();
    accounts::Accounts accounts(*db, clock, settings_for(config));
    const audit::AuditLog audit(*db, clock);
    CitizenServices services(config, *db, clock, accounts, audit);
    const auto run = today ? services.reminders().run(*today) : services.reminders().run_today();
    std::printf("reminders for %s: %d document(s) in a window, %d new message(s), %d mail(s) "
                "queued\n",
                core::format_date(run.today).c_str(), run.documents, run.messages, run.mails);
    db->close();
    return 0;
  } catch (const core::Error& e) {
    spdlog::critical("{}", e.what());
    return e.kind() == core::ErrorKind::invalid_argument ? 2 : 1;
  }
}

} // namespace app
