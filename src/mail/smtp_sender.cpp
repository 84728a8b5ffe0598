#include "mail/smtp_sender.hpp"

#include <curl/curl.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cstring>
#include <mutex>

#include "core/ids.hpp"

namespace mail {
namespace {

std::string one_line(std::string_view s) {
  std::string out;
  for (char c : s)
    if (c != '\r' && c != '\n') out += c;
  return out;
}

std::string base64(std::string_view in) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  std::size_t i = 0;
  for (; i + 2 < in.size(); i += 3) {
    const unsigned v =
        (unsigned char)in[i] << 16 | (unsigned char)in[i + 1] << 8 | (unsigned char)in[i + 2];
    out += kAlphabet[v >> 18 & 63];
    out += kAlphabet[v >> 12 & 63];
    out += kAlphabet[v >> 6 & 63];
    out += kAlphabet[v & 63];
  }
  if (i + 1 == in.size()) {
    const unsigned v = (unsigned char)in[i] << 16;
    out += kAlphabet[v >> 18 & 63];
    out += kAlphabet[v >> 12 & 63];
    out += "==";
  } else if (i + 2 == in.size()) {
    const unsigned v = (unsigned char)in[i] << 16 | (unsigned char)in[i + 1] << 8;
    out += kAlphabet[v >> 18 & 63];
    out += kAlphabet[v >> 12 & 63];
    out += kAlphabet[v >> 6 & 63];
    out += '=';
  }
  return out;
}

// RFC 2047 encoded word when the text is not plain ASCII.
std::string header_text(std::string_view s) {
  const std::string line = one_line(s);
  if (std::all_of(line.begin(), line.end(), [](char c) { return (unsigned char)c < 0x80; }))
    return line;
  return "=?UTF-8?B?" + base64(line) + "?=";
}

struct Upload {
  std::string data;
  std::size_t offset = 0;
};

std::size_t read_upload(char* buffer, std::size_t size, std::size_t count, void* user) {
  auto* upload = static_cast<Upload*>(user);
  const std::size_t n = std::min(size * count, upload->data.size() - upload->offset);
  std::memcpy(buffer, upload->data.data() + upload->offset, n);
  upload->offset += n;
  return n;
}

void global_init() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

} // namespace

std::string format_message(const SmtpSettings& settings, const Mail& mail, core::TimePoint now,
                           const std::string& message_id) {
  std::string date = core::format_http_date(now);
  if (date.ends_with(" GMT")) date.replace(date.size() - 3, 3, "+0000");
  const std::string domain = settings.from.substr(settings.from.find('@') + 1);
  std::string body = base64(mail.body);
  std::string wrapped;
  for (std::size_t i = 0; i < body.size(); i += 76)
    wrapped += body.substr(i, 76) + "\r\n";
  return "Date: " + date + "\r\n" + "From: " + one_line(settings.from) + "\r\n" +
         "To: " + one_line(mail.recipient) + "\r\n" + "Subject: " + header_text(mail.subject) +
         "\r\n" + "Message-ID: <" + message_id + "@" + one_line(domain) + ">\r\n" +
         "MIME-Version: 1.0\r\n" + "Content-Type: text/plain; charset=UTF-8\r\n" +
         "Content-Transfer-Encoding: base64\r\n\r\n" + wrapped;
}

SmtpSender::SmtpSender(SmtpSettings settings, const Outbox& outbox, const core::Clock& clock)
    : settings_(std::move(settings)), outbox_(outbox), clock_(clock) {
  global_init();
}

SmtpSender::~SmtpSender() = default;

int SmtpSender::deliver_due(int limit) {
  int sent = 0;
  for (const Pending& p : outbox_.claim_due(limit)) {
    const std::string error = send(p.mail);
    if (error.empty()) {
      outbox_.mark_sent(p.id);
      ++sent;
    } else {
      spdlog::warn("mail {} not delivered (attempt {}): {}", p.id, p.attempts + 1, error);
      outbox_.mark_failed(p.id, error);
    }
  }
  return sent;
}

std::string SmtpSender::send(const Mail& mail) {
  CURL* curl = curl_easy_init();
  if (!curl) return "curl_easy_init failed";
  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> guard(curl, curl_easy_cleanup);
  Upload upload{format_message(settings_, mail, clock_.now(), core::random_id()), 0};
  const std::string from = "<" + one_line(settings_.from) + ">";
  const std::string to = "<" + one_line(mail.recipient) + ">";
  curl_slist* recipients = curl_slist_append(nullptr, to.c_str());
  std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> list(recipients, curl_slist_free_all);
  char error[CURL_ERROR_SIZE] = {0};
  curl_easy_setopt(curl, CURLOPT_URL, settings_.url.c_str());
  curl_easy_setopt(curl, CURLOPT_MAIL_FROM, from.c_str());
  curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, recipients);
  curl_easy_setopt(curl, CURLOPT_READFUNCTION, read_upload);
  curl_easy_setopt(curl, CURLOPT_READDATA, &upload);
  curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(curl, CURLOPT_USE_SSL,
                   long(settings_.require_tls ? CURLUSESSL_ALL : CURLUSESSL_TRY));
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, 10L);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, 60L);
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error);
  if (!settings_.user.empty()) {
    curl_easy_setopt(curl, CURLOPT_USERNAME, settings_.user.c_str());
    curl_easy_setopt(curl, CURLOPT_PASSWORD, settings_.password.c_str());
  }
  const CURLcode rc = curl_easy_perform(curl);
  if (rc == CURLE_OK) return {};
  return error[0] ? std::string(error) : std::string(curl_easy_strerror(rc));
}

} // namespace mail
