#include "appointments/appointments_store.hpp"

#include <algorithm>

#include "core/error.hpp"

namespace appointments::tables {
namespace {

using namespace std::chrono;

constexpr const char* kAppointmentColumns =
    "id, code, token_hash, office_id, service_id, start_at, end_at, user_id, name, email, "
    "status, created_at";

Appointment appointment_from(const store::Row& r) {
  Appointment a;
  a.id = r.text(0);
  a.code = r.text(1);
  a.token_hash = r.text(2);
  a.office_id = r.text(3);
  a.service_id = r.text(4);
  a.time = {from_seconds(r.integer(5)), from_seconds(r.integer(6))};
  a.user_id = r.optional_text(7).value_or("");
  a.name = r.text(8);
  a.email = r.text(9);
  a.status = status_from_string(r.text(10)).value_or(Status::booked);
  a.created_at = r.text(11);
  return a;
}

std::vector<Appointment> appointments_from(const store::Rows& rows) {
  std::vector<Appointment> out;
  out.reserve(rows.size());
  for (const auto& r : rows)
    out.push_back(appointment_from(r));
  return out;
}

store::Value optional_text(const std::string& s) {
  return s.empty() ? store::Value(store::null) : store::Value(s);
}

// Adds delta to the load of an office's (start, end).
void add_load(store::Connection& c, const std::string& office_id, std::int64_t start,
              std::int64_t end, int delta) {
  c.execute("INSERT INTO appointments_load (office_id, start_at, end_at, count) VALUES "
            "(?, ?, ?, ?) ON CONFLICT (office_id, start_at, end_at) DO UPDATE SET "
            "count = count + excluded.count",
            {office_id, start, end, std::int64_t{delta}});
}

// Office, start, end and whether it occupies a desk, of one appointment.
struct Occupancy {
  std::string office_id;
  std::int64_t start = 0, end = 0;
  bool active = false;
};
std::optional<Occupancy> occupancy_of(store::Connection& c, const std::string& id) {
  auto r = c.query_one("SELECT office_id, start_at, end_at, status FROM appointments WHERE id = ?",
                       {id});
  if (!r) return std::nullopt;
  return Occupancy{r->text(0), r->integer(1), r->integer(2), r->text(3) != "cancelled"};
}

} // namespace

std::vector<store::Migration> migrations() {
  return {{"0401_appointments", R"sql(
CREATE TABLE appointments (
  id TEXT PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  token_hash TEXT NOT NULL,
  office_id TEXT NOT NULL,
  service_id TEXT NOT NULL,
  start_at INTEGER NOT NULL,
  end_at INTEGER NOT NULL,
  user_id TEXT,
  name TEXT NOT NULL,
  email TEXT NOT NULL,
  status TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX appointments_office_time ON appointments (office_id, start_at, end_at, status);
CREATE INDEX appointments_user ON appointments (user_id, start_at);
CREATE TABLE appointments_holds (
  id TEXT PRIMARY KEY,
  office_id TEXT NOT NULL,
  service_id TEXT NOT NULL,
  start_at INTEGER NOT NULL,
  end_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  client TEXT NOT NULL
);
CREATE INDEX appointments_holds_office_time ON appointments_holds (office_id, start_at, end_at, expires_at);
CREATE INDEX appointments_holds_expiry ON appointments_holds (expires_at);
CREATE INDEX appointments_holds_client ON appointments_holds (client, expires_at);
CREATE TABLE appointments_blocks (
  id TEXT PRIMARY KEY,
  office_id TEXT NOT NULL,
  start_at INTEGER NOT NULL,
  end_at INTEGER NOT NULL,
  reason TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX appointments_blocks_office_time ON appointments_blocks (office_id, start_at);
)sql"},
          // How many appointments (not cancelled) share an office, start and
          // end: kept with every write, so finding free desks reads one row
          // per slot instead of one per appointment.
          {"0402_appointments_load", R"sql(
CREATE TABLE appointments_load (
  office_id TEXT NOT NULL,
  start_at INTEGER NOT NULL,
  end_at INTEGER NOT NULL,
  count INTEGER NOT NULL,
  PRIMARY KEY (office_id, start_at, end_at)
);
INSERT INTO appointments_load (office_id, start_at, end_at, count)
  SELECT office_id, start_at, end_at, COUNT(*) FROM appointments WHERE status <> 'cancelled'
  GROUP BY office_id, start_at, end_at;
)sql"},
          // The reminders sent the day before: one row per appointment, the
          // primary key is the claim.
          {"0403_appointments_reminders", R"sql(
CREATE TABLE appointments_reminders (
  appointment_id TEXT PRIMARY KEY,
  sent_at TEXT NOT NULL
);
CREATE INDEX appointments_start ON appointments (start_at, status);
)sql"}};
}

std::int64_t to_seconds(core::TimePoint t) {
  return duration_cast<seconds>(t.time_since_epoch()).count();
}

core::TimePoint from_seconds(std::int64_t s) { return core::TimePoint(seconds(s)); }

// The longest appointment (8 hours, the catalogue's limit) bounds how far
// before `span` an overlapping one may start, so the (office, start) index
// narrows the scan.
std::vector<Occupied> busy(store::Connection& c, const std::string& office_id, const Interval& span,
                           core::TimePoint now, const std::string& except_appointment) {
  constexpr std::int64_t kLongest = 8 * 3600; // the catalogue allows 480 minutes at most
  const std::int64_t from = to_seconds(span.start), to = to_seconds(span.end);
  std::vector<Occupied> out;
  const auto add = [&out](const store::Rows& rows) {
    for (const auto& r : rows)
      out.push_back({{from_seconds(r.integer(0)), from_seconds(r.integer(1))},
                     static_cast<int>(r.integer(2))});
  };
  add(c.query("SELECT start_at, end_at, count FROM appointments_load WHERE office_id = ? AND "
              "start_at < ? AND start_at > ? AND end_at > ? AND count > 0",
              {office_id, to, from - kLongest, from}));
  if (!except_appointment.empty()) {
    // Leave the appointment being moved out of its own slot's count.
    if (auto self = occupancy_of(c, except_appointment); self && self->active)
      for (Occupied& o : out)
        if (to_seconds(o.time.start) == self->start && to_seconds(o.time.end) == self->end) {
          --o.count;
          break;
        }
  }
  add(c.query("SELECT start_at, end_at, COUNT(*) FROM appointments_holds WHERE office_id = ? AND "
              "start_at < ? AND start_at > ? AND end_at > ? AND expires_at > ? "
              "GROUP BY start_at, end_at",
              {office_id, to, from - kLongest, from, to_seconds(now)}));
  std::sort(out.begin(), out.end(),
            [](const Occupied& a, const Occupied& b) { return a.time.start < b.time.start; });
  return out;
}

void insert_hold(store::Connection& c, const Hold& h) {
  c.execute("INSERT INTO appointments_holds (id, office_id, service_id, start_at, end_at, "
            "expires_at, client) VALUES (?, ?, ?, ?, ?, ?, ?)",
            {h.id, h.office_id, h.service_id, to_seconds(h.time.start), to_seconds(h.time.end),
             to_seconds(h.expires_at), h.client});
}

std::optional<Hold> take_hold(store::Connection& c, const std::string& id, core::TimePoint now) {
  auto row =
      c.query_one("SELECT id, office_id, service_id, start_at, end_at, expires_at, client FROM "
                  "appointments_holds WHERE id = ? AND expires_at > ?",
                  {id, to_seconds(now)});
  if (!row) return std::nullopt;
  c.execute("DELETE FROM appointments_holds WHERE id = ?", {id});
  return Hold{row->text(0),
              row->text(1),
              row->text(2),
              Interval{from_seconds(row->integer(3)), from_seconds(row->integer(4))},
              from_seconds(row->integer(5)),
              row->text(6)};
}

void delete_expired_holds(store::Connection& c, core::TimePoint now) {
  c.execute("DELETE FROM appointments_holds WHERE expires_at <= ?", {to_seconds(now)});
}

std::int64_t count_holds_of(store::Connection& c, const std::string& client, core::TimePoint now) {
  return c
      .query_one("SELECT COUNT(*) FROM appointments_holds WHERE client = ? AND expires_at > ?",
                 {client, to_seconds(now)})
      ->integer(0);
}

bool code_exists(store::Connection& c, const std::string& code) {
  return c.query_one("SELECT 1 FROM appointments WHERE code = ?", {code}).has_value();
}

void insert_appointment(store::Connection& c, const Appointment& a) {
  c.execute("INSERT INTO appointments (id, code, token_hash, office_id, service_id, start_at, "
            "end_at, user_id, name, email, status, created_at) VALUES "
            "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            {a.id, a.code, a.token_hash, a.office_id, a.service_id, to_seconds(a.time.start),
             to_seconds(a.time.end), optional_text(a.user_id), a.name, a.email,
             std::string(to_string(a.status)), a.created_at});
  if (a.status != Status::cancelled)
    add_load(c, a.office_id, to_seconds(a.time.start), to_seconds(a.time.end), +1);
}

std::optional<Appointment> appointment_by_code(store::Connection& c, const std::string& code) {
  auto row = c.query_one(
      std::string("SELECT ") + kAppointmentColumns + " FROM appointments WHERE code = ?", {code});
  if (!row) return std::nullopt;
  return appointment_from(*row);
}

void set_time(store::Connection& c, const std::string& id, const Interval& time) {
  const auto old = occupancy_of(c, id);
  if (!old) return;
  c.execute("UPDATE appointments SET start_at = ?, end_at = ? WHERE id = ?",
            {to_seconds(time.start), to_seconds(time.end), id});
  if (!old->active) return;
  add_load(c, old->office_id, old->start, old->end, -1);
  add_load(c, old->office_id, to_seconds(time.start), to_seconds(time.end), +1);
}

void set_status(store::Connection& c, const std::string& id, Status status) {
  const auto old = occupancy_of(c, id);
  if (!old) return;
  c.execute("UPDATE appointments SET status = ? WHERE id = ?",
            {std::string(to_string(status)), id});
  const bool active = status != Status::cancelled;
  if (active != old->active) add_load(c, old->office_id, old->start, old->end, active ? +1 : -1);
}

std::vector<Appointment> appointments_of_user(store::Connection& c, const std::string& user_id) {
  return appointments_from(c.query(std::string("SELECT ") + kAppointmentColumns +
                                       " FROM appointments WHERE user_id = ? ORDER BY start_at",
                                   {user_id}));
}

std::vector<Appointment> appointments_of_office(store::Connection& c, const std::string& office_id,
                                                const Interval& span) {
  return appointments_from(
      c.query(std::string("SELECT ") + kAppointmentColumns +
                  " FROM appointments WHERE office_id = ? AND start_at >= ? AND start_at < ? "
                  "ORDER BY start_at, code",
              {office_id, to_seconds(span.start), to_seconds(span.end)}));
}

std::vector<Appointment> booked_starting(store::Connection& c, const Interval& span) {
  return appointments_from(
      c.query(std::string("SELECT ") + kAppointmentColumns +
                  " FROM appointments WHERE start_at >= ? AND start_at < ? AND status = 'booked' "
                  "AND (email <> '' OR user_id IS NOT NULL) ORDER BY start_at, code",
              {to_seconds(span.start), to_seconds(span.end)}));
}

bool claim_reminder(store::Connection& c, const std::string& appointment_id,
                    const std::string& now_iso) {
  return c.execute("INSERT INTO appointments_reminders (appointment_id, sent_at) VALUES (?, ?) "
                   "ON CONFLICT DO NOTHING",
                   {appointment_id, now_iso}) == 1;
}

void erase_user(store::Connection& c, const std::string& user_id, core::TimePoint now) {
  for (const auto& r : c.query("SELECT id FROM appointments WHERE user_id = ? AND start_at >= ? "
                               "AND status = 'booked'",
                               {user_id, to_seconds(now)}))
    set_status(c, r.text(0), Status::cancelled);
  c.execute("UPDATE appointments SET user_id = NULL, name = '', email = '' WHERE user_id = ?",
            {user_id});
}

void insert_block(store::Connection& c, const Block& b, const std::string& now_iso) {
  c.execute("INSERT INTO appointments_blocks (id, office_id, start_at, end_at, reason, "
            "created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            {b.id, b.office_id, to_seconds(b.time.start), to_seconds(b.time.end), b.reason,
             b.created_by, now_iso});
}

std::vector<Block> blocks(store::Connection& c, const std::string& office_id,
                          const Interval& span) {
  std::vector<Block> out;
  for (const auto& r : c.query("SELECT id, office_id, start_at, end_at, reason, created_by FROM "
                               "appointments_blocks WHERE office_id = ? AND start_at < ? AND "
                               "end_at > ? ORDER BY start_at",
                               {office_id, to_seconds(span.end), to_seconds(span.start)}))
    out.push_back({r.text(0),
                   r.text(1),
                   {from_seconds(r.integer(2)), from_seconds(r.integer(3))},
                   r.text(4),
                   r.text(5)});
  return out;
}

bool delete_block(store::Connection& c, const std::string& office_id, const std::string& id) {
  return c.execute("DELETE FROM appointments_blocks WHERE office_id = ? AND id = ?",
                   {office_id, id}) > 0;
}

} // namespace appointments::tables
