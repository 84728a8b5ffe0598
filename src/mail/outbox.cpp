#include "mail/outbox.hpp"

#include <algorithm>

#include "core/ids.hpp"

namespace mail {
namespace {

std::int64_t seconds_of(core::TimePoint t) {
  return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}

} // namespace

std::chrono::seconds retry_backoff(int failures) {
  const int exponent = std::clamp(failures - 1, 0, 20);
  return std::min(std::chrono::seconds(60LL << exponent), std::chrono::seconds(6 * 3600));
}

std::vector<store::Migration> Outbox::migrations() {
  return {{"0202_mail_outbox", R"(
    CREATE TABLE mail_outbox (
      id TEXT PRIMARY KEY,
      recipient TEXT NOT NULL,
      subject TEXT NOT NULL,
      body TEXT NOT NULL,
      created_at TEXT NOT NULL,
      sent_at TEXT
    );
    CREATE INDEX mail_outbox_unsent ON mail_outbox (sent_at, created_at);
  )"},
          {"0801_mail_delivery", R"(
    ALTER TABLE mail_outbox ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE mail_outbox ADD COLUMN next_attempt_at INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE mail_outbox ADD COLUMN last_error TEXT;
    ALTER TABLE mail_outbox ADD COLUMN given_up_at TEXT;
  )"}};
}

void Outbox::enqueue(store::Connection& c, const Mail& m) const {
  c.execute("INSERT INTO mail_outbox (id, recipient, subject, body, created_at, sent_at) "
            "VALUES (?, ?, ?, ?, ?, NULL)",
            {core::random_id(), m.recipient, m.subject, m.body, core::format_utc(clock_.now())});
}

void Outbox::erase_mails_to(store::Connection& c, const std::string& recipient) const {
  c.execute("DELETE FROM mail_outbox WHERE recipient = ?", {recipient});
}

std::vector<Pending> Outbox::pending(int limit) const {
  const std::int64_t now = seconds_of(clock_.now());
  return db_.read([&](store::Connection& c) {
    std::vector<Pending> out;
    for (const auto& row :
         c.query("SELECT id, recipient, subject, body, attempts FROM mail_outbox "
                 "WHERE sent_at IS NULL AND given_up_at IS NULL AND next_attempt_at <= ? "
                 "ORDER BY created_at, id LIMIT ?",
                 {now, std::int64_t(limit)}))
      out.push_back({row.text(0), {row.text(1), row.text(2), row.text(3)}, int(row.integer(4))});
    return out;
  });
}

std::vector<Pending> Outbox::claim_due(int limit) const {
  const std::int64_t now = seconds_of(clock_.now());
  return db_.write([&](store::Connection& c) {
    std::vector<Pending> out;
    for (const auto& row :
         c.query("SELECT id, recipient, subject, body, attempts FROM mail_outbox "
                 "WHERE sent_at IS NULL AND given_up_at IS NULL AND next_attempt_at <= ? "
                 "ORDER BY created_at, id LIMIT ?",
                 {now, std::int64_t(limit)})) {
      c.execute("UPDATE mail_outbox SET next_attempt_at = ? WHERE id = ?",
                {now + std::int64_t(kClaimLease.count()), row.text(0)});
      out.push_back({row.text(0), {row.text(1), row.text(2), row.text(3)}, int(row.integer(4))});
    }
    return out;
  });
}

std::int64_t Outbox::queued_count() const {
  return db_.read([](store::Connection& c) {
    return c
        .query_one("SELECT COUNT(*) FROM mail_outbox WHERE sent_at IS NULL AND given_up_at IS NULL")
        ->integer(0);
  });
}

void Outbox::mark_sent(const std::string& id) const {
  const std::string now = core::format_utc(clock_.now());
  db_.write([&](store::Connection& c) {
    c.execute("UPDATE mail_outbox SET sent_at = ?, body = '', last_error = NULL WHERE id = ?",
              {now, id});
  });
}

void Outbox::mark_failed(const std::string& id, const std::string& error) const {
  const core::TimePoint now = clock_.now();
  db_.write([&](store::Connection& c) {
    const auto row = c.query_one("SELECT attempts FROM mail_outbox WHERE id = ?", {id});
    if (!row) return;
    const int failures = int(row->integer(0)) + 1;
    if (failures >= kMaxAttempts) {
      c.execute("UPDATE mail_outbox SET attempts = ?, last_error = ?, given_up_at = ?, body = '' "
                "WHERE id = ?",
                {std::int64_t(failures), error, core::format_utc(now), id});
    } else {
      c.execute("UPDATE mail_outbox SET attempts = ?, last_error = ?, next_attempt_at = ? "
                "WHERE id = ?",
                {std::int64_t(failures), error,
                 seconds_of(now) + std::int64_t(retry_backoff(failures).count()), id});
    }
  });
}

} // namespace mail
