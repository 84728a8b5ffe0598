#include "http/access_log.hpp"

#include <chrono>

#include "core/clock.hpp"
#include "core/error.hpp"

namespace http {
namespace {

constexpr std::size_t kFlushBytes = 64 * 1024;

// "2026-11-26T12:00:00.123Z", reusing the formatted seconds within a second.
void append_timestamp(std::string& out) {
  thread_local std::int64_t cached_second = -1;
  thread_local std::string cached;
  const auto now = std::chrono::system_clock::now();
  const auto millis =
      std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count();
  const std::int64_t second = millis / 1000;
  if (second != cached_second) {
    cached_second = second;
    cached = core::format_utc(now); // "...:SSZ"
    cached.pop_back();
  }
  char buffer[8];
  std::snprintf(buffer, sizeof buffer, ".%03dZ", static_cast<int>(millis % 1000));
  out += cached;
  out += buffer;
}

} // namespace

void append_escaped(std::string& out, std::string_view s) {
  for (unsigned char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c < 0x20 || c == 0x7f) {
      char buffer[8];
      std::snprintf(buffer, sizeof buffer, "\\x%02x", c);
      out += buffer;
    } else {
      out += static_cast<char>(c);
    }
  }
}

std::unique_ptr<AccessLog> AccessLog::open(const std::string& target) {
  if (target == "off") return nullptr;
  if (target == "-") return std::unique_ptr<AccessLog>(new AccessLog(stdout, false));
  std::FILE* f = std::fopen(target.c_str(), "a");
  if (!f) throw core::Error(core::ErrorKind::unavailable, "cannot open access log " + target);
  return std::unique_ptr<AccessLog>(new AccessLog(f, true));
}

AccessLog::AccessLog(std::FILE* file, bool owns) : file_(file), owns_(owns) {
  writer_ = std::thread([this] { run(); });
}

AccessLog::~AccessLog() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  writer_.join();
  if (owns_) std::fclose(file_);
}

namespace {

// Appends the target with the value of every `token` query parameter
// replaced by "***": such tokens (appointment links) are secrets.
void append_target(std::string& line, std::string_view target) {
  const auto q = target.find('?');
  if (q == std::string_view::npos) return append_escaped(line, target);
  append_escaped(line, target.substr(0, q + 1));
  std::string_view query = target.substr(q + 1);
  for (bool first = true;; first = false) {
    const auto amp = query.find('&');
    const std::string_view part = query.substr(0, amp);
    if (!first) line += '&';
    if (part.starts_with("token="))
      line += "token=***";
    else
      append_escaped(line, part);
    if (amp == std::string_view::npos) break;
    query.remove_prefix(amp + 1);
  }
}

} // namespace

void AccessLog::record(const AccessEntry& e) {
  std::string line;
  line.reserve(160 + e.target.size());
  append_timestamp(line);
  line += ' ';
  line += e.remote_address;
  line += " \"";
  append_escaped(line, e.method);
  line += ' ';
  append_target(line, e.target);
  line += e.version == 10 ? " HTTP/1.0\" " : " HTTP/1.1\" ";
  char buffer[96];
  std::snprintf(buffer, sizeof buffer, "%d %zu %.3fms id=", e.status, e.bytes, e.seconds * 1000);
  line += buffer;
  line += e.request_id;
  line += " \"";
  append_escaped(line, e.user_agent);
  line += "\"\n";
  bool wake = false;
  {
    std::lock_guard lock(mutex_);
    pending_ += line;
    wake = pending_.size() >= kFlushBytes;
  }
  if (wake) wake_.notify_one();
}

void AccessLog::flush() {
  std::string batch;
  {
    std::lock_guard lock(mutex_);
    batch.swap(pending_);
  }
  if (!batch.empty()) {
    std::fwrite(batch.data(), 1, batch.size(), file_);
    std::fflush(file_);
  }
}

void AccessLog::run() {
  std::unique_lock lock(mutex_);
  for (;;) {
    wake_.wait_for(lock, std::chrono::milliseconds(200),
                   [this] { return stopping_ || pending_.size() >= kFlushBytes; });
    const bool stop = stopping_;
    lock.unlock();
    flush();
    lock.lock();
    if (stop && pending_.empty()) return;
  }
}

} // namespace http
