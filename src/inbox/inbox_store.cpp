#include "inbox/inbox_store.hpp"

namespace inbox::tables {

std::vector<store::Migration> migrations() {
  return {{"0701_inbox_messages", R"(
    CREATE TABLE inbox_messages (
      id TEXT PRIMARY KEY,
      user_id TEXT NOT NULL,
      created_at TEXT NOT NULL,
      subject TEXT NOT NULL,
      body TEXT NOT NULL,
      action_label TEXT,
      action_url TEXT,
      read_at TEXT,
      seq INTEGER NOT NULL
    );
    CREATE INDEX inbox_messages_user ON inbox_messages (user_id, seq);
    CREATE UNIQUE INDEX inbox_messages_seq ON inbox_messages (seq);
  )"}};
}

void insert_message(store::Connection& c, const Message& m) {
  store::Value label = store::null, url = store::null;
  if (m.action) {
    label = m.action->label;
    url = m.action->url;
  }
  c.execute("INSERT INTO inbox_messages (id, user_id, created_at, subject, body, action_label, "
            "action_url, read_at, seq) VALUES (?, ?, ?, ?, ?, ?, ?, NULL, "
            "(SELECT COALESCE(MAX(seq), 0) + 1 FROM inbox_messages))",
            {m.id, m.user_id, m.created_at, m.subject, m.body, label, url});
}

namespace {

constexpr const char* kSelect =
    "SELECT id, user_id, created_at, subject, body, action_label, action_url, read_at "
    "FROM inbox_messages ";

std::vector<Message> from_rows(const store::Rows& rows) {
  std::vector<Message> out;
  for (const auto& row : rows) {
    Message m{row.text(0), row.text(1), row.text(2), row.text(3), row.text(4), {}, {}};
    const auto label = row.optional_text(5);
    const auto url = row.optional_text(6);
    if (label && url) m.action = Action{*label, *url};
    m.read_at = row.optional_text(7);
    out.push_back(std::move(m));
  }
  return out;
}

} // namespace

std::vector<Message> messages_of(store::Connection& c, const std::string& user_id) {
  return from_rows(
      c.query(std::string(kSelect) + "WHERE user_id = ? ORDER BY seq DESC", {user_id}));
}

std::vector<Message> page_of(store::Connection& c, const std::string& user_id,
                             std::optional<std::int64_t> before, int limit) {
  if (before)
    return from_rows(
        c.query(std::string(kSelect) + "WHERE user_id = ? AND seq < ? ORDER BY seq DESC LIMIT ?",
                {user_id, *before, std::int64_t(limit)}));
  return from_rows(c.query(std::string(kSelect) + "WHERE user_id = ? ORDER BY seq DESC LIMIT ?",
                           {user_id, std::int64_t(limit)}));
}

std::optional<std::int64_t> sequence_of(store::Connection& c, const std::string& user_id,
                                        const std::string& id) {
  const auto row =
      c.query_one("SELECT seq FROM inbox_messages WHERE id = ? AND user_id = ?", {id, user_id});
  if (!row) return std::nullopt;
  return row->integer(0);
}

std::int64_t unread_count(store::Connection& c, const std::string& user_id) {
  return c
      .query_one("SELECT COUNT(*) FROM inbox_messages WHERE user_id = ? AND read_at IS NULL",
                 {user_id})
      ->integer(0);
}

bool mark_read(store::Connection& c, const std::string& user_id, const std::string& id,
               const std::string& now) {
  return c.execute("UPDATE inbox_messages SET read_at = COALESCE(read_at, ?) "
                   "WHERE id = ? AND user_id = ?",
                   {now, id, user_id}) == 1;
}

bool delete_message(store::Connection& c, const std::string& user_id, const std::string& id) {
  return c.execute("DELETE FROM inbox_messages WHERE id = ? AND user_id = ?", {id, user_id}) == 1;
}

void delete_messages_of(store::Connection& c, const std::string& user_id) {
  c.execute("DELETE FROM inbox_messages WHERE user_id = ?", {user_id});
}

} // namespace inbox::tables
