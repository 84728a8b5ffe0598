#include "documents/reminders.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <map>
#include <utility>

#include "core/error.hpp"
#include "documents/documents_store.hpp"

namespace documents {
namespace {

// Reminders written per transaction.
constexpr std::size_t kBatch = 500;

std::string first_name(const std::string& display_name) {
  const auto space = display_name.find(' ');
  return space == std::string::npos ? display_name : display_name.substr(0, space);
}

// The smallest window that holds a document `days_left` days before expiry.
std::optional<int> window_for(const std::vector<int>& descending, long days_left) {
  std::optional<int> found;
  for (int w : descending)
    if (days_left <= w) found = w;
  return found;
}

struct Texts {
  std::string subject;
  std::string body;
};

Texts reminder_texts(const Document& d, const accounts::User& holder, core::Date today) {
  const std::string what(label(d.kind));
  const std::string when = time_until(today, *d.expiry_date);
  const std::string possessive = "Dein "; // every kind is masculine: der Pass, der Ausweis
  Texts t;
  t.subject = possessive + what + " läuft " + when + " ab";
  t.body = "Hallo " + first_name(holder.display_name) + "! " + possessive + what + " (Nr. " +
           mask_number(d.number) + ") läuft " + when + " ab, am " +
           core::format_date_de(*d.expiry_date) +
           ". Soll ich Dir einen Termin zur Verlängerung machen?";
  return t;
}

// "Mein Reisepass läuft bald ab. Ich brauche einen Termin." for the assistant.
std::string assistant_url(Kind kind) {
  const std::string sentence =
      "Mein " + std::string(label(kind)) + " läuft bald ab. Ich brauche einen Termin.";
  std::string out = "/assistent?frage=";
  static constexpr char kHex[] = "0123456789ABCDEF";
  for (unsigned char ch : sentence) {
    if (std::isalnum(ch) && ch < 0x80)
      out += static_cast<char>(ch);
    else if (ch == '.' || ch == '-' || ch == '_' || ch == '~')
      out += static_cast<char>(ch);
    else {
      out += '%';
      out += kHex[ch >> 4];
      out += kHex[ch & 15];
    }
  }
  return out;
}

} // namespace

std::vector<int> parse_windows(std::string_view text) {
  std::vector<int> windows;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t comma = std::min(text.find(',', start), text.size());
    std::string_view item = text.substr(start, comma - start);
    while (!item.empty() && item.front() == ' ')
      item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ')
      item.remove_suffix(1);
    int value = 0;
    const auto [ptr, ec] = std::from_chars(item.data(), item.data() + item.size(), value);
    if (item.empty() || ec != std::errc() || ptr != item.data() + item.size() || value < 1 ||
        value > 3650)
      throw core::Error(core::ErrorKind::invalid_argument,
                        "reminder windows must be whole days 1..3650 separated by commas, e.g. "
                        "\"180,30\"");
    if (std::find(windows.begin(), windows.end(), value) != windows.end())
      throw core::Error(core::ErrorKind::invalid_argument,
                        "reminder windows must not repeat a value");
    windows.push_back(value);
    start = comma + 1;
  }
  std::sort(windows.rbegin(), windows.rend());
  return windows;
}

std::string_view renewal_service(Kind kind) {
  // Service ids of the catalogue (data/musterstadt/leistungen/*.json).
  switch (kind) {
  case Kind::personalausweis: return "personalausweis-beantragen";
  case Kind::reisepass: return "reisepass-beantragen";
  case Kind::kinderreisepass: return "reisepass-fuer-kinder";
  case Kind::vorlaeufiger_personalausweis: return "personalausweis-beantragen";
  case Kind::vorlaeufiger_reisepass: return "reisepass-beantragen";
  case Kind::fuehrerschein: return "fuehrerschein-umtausch";
  }
  return "personalausweis-beantragen";
}

std::string time_until(core::Date today, core::Date expiry) {
  const long days = core::days_between(today, expiry);
  if (days <= 0) return "heute";
  if (days == 1) return "morgen";
  int months = 0;
  while (core::days_between(core::add_months(today, months + 1), expiry) >= 0)
    ++months;
  if (months >= 2) return "in " + std::to_string(months) + " Monaten";
  if (months == 1 && days >= 28) return "in einem Monat";
  return "in " + std::to_string(days) + " Tagen";
}

Reminders::Reminders(store::Database& db, const core::Clock& clock,
                     const accounts::Accounts& accounts, const inbox::Inbox& inbox,
                     const mail::Outbox& outbox, std::vector<int> windows, std::string public_url)
    : db_(db), clock_(clock), accounts_(accounts), inbox_(inbox), outbox_(outbox),
      windows_(std::move(windows)), public_url_(std::move(public_url)) {
  std::sort(windows_.rbegin(), windows_.rend());
}

ReminderRun Reminders::run(core::Date today) const {
  ReminderRun result;
  result.today = today;
  if (windows_.empty()) return result;
  struct Due {
    Document document;
    int window = 0;
  };
  // 1. The documents inside a window whose reminder is not on record yet.
  std::vector<Due> due;
  db_.read([&](store::Connection& c) {
    for (Document& d :
         tables::valid_documents_expiring(c, today, core::add_days(today, windows_.front()))) {
      const auto window = window_for(windows_, core::days_between(today, *d.expiry_date));
      if (!window) continue;
      ++result.documents;
      if (!tables::reminder_recorded(c, d.id, *window, *d.expiry_date))
        due.push_back({std::move(d), *window});
    }
  });
  // 2. Their holders (outside any job: Accounts runs its own).
  std::map<std::string, std::optional<accounts::User>> holders;
  for (const Due& d : due)
    if (!holders.contains(d.document.owner_id))
      holders.emplace(d.document.owner_id, accounts_.user(d.document.owner_id));
  // 3. Claim, post and mail in batches; the primary key decides each claim,
  // so a run elsewhere at the same time cannot send one twice.
  const std::string now = core::format_utc(clock_.now());
  for (std::size_t start = 0; start < due.size(); start += kBatch) {
    const std::size_t end = std::min(due.size(), start + kBatch);
    const auto [messages, mails] = db_.write([&](store::Connection& c) {
      int messages = 0, mails = 0;
      for (std::size_t i = start; i < end; ++i) {
        const Document& d = due[i].document;
        const auto& holder = holders.at(d.owner_id);
        if (!holder) continue; // an entry for an account that no longer exists
        if (!tables::claim_reminder(c, d.id, due[i].window, *d.expiry_date, now)) continue;
        const Texts texts = reminder_texts(d, *holder, today);
        const std::string url = "/termine/buchen?service=" + std::string(renewal_service(d.kind));
        inbox_.post(c, d.owner_id,
                    {texts.subject, texts.body,
                     inbox::Action{"Termin vereinbaren", assistant_url(d.kind)}});
        ++messages;
        if (holder->email_verified && !holder->email.empty()) {
          outbox_.enqueue(c, {holder->email, "Stadtkern: " + texts.subject,
                              texts.body + "\n\nTermin vereinbaren: " + public_url_ + url +
                                  "\n\nIhre Stadtverwaltung\n"});
          ++mails;
        }
      }
      return std::pair(messages, mails);
    });
    result.messages += messages;
    result.mails += mails;
  }
  return result;
}

} // namespace documents
