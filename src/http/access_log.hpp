// The access log: one line per answered request, written in batches by a
// background thread so that logging never waits for the disk on an I/O thread.
//
//   2026-11-26T12:00:00.123Z 127.0.0.1 "GET /health HTTP/1.1" 200 15 0.041ms id=k3f9a2-00000001
//   "curl/7.88"
//
// Client-controlled text (target, user agent) is escaped, so a request cannot
// forge log lines. The value of a `token` query parameter is written as ***.
#pragma once

#include <condition_variable>
#include <cstdio>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>

namespace http {

// What one log line says about a request.
struct AccessEntry {
  std::string_view remote_address;
  std::string_view method;
  std::string_view target;
  int version = 11; // 10 or 11
  int status = 0;
  std::size_t bytes = 0;
  double seconds = 0;
  std::string_view request_id;
  std::string_view user_agent;
};

class AccessLog {
public:
  // "-" = standard output, "off" = nullptr (no log), otherwise a file path
  // opened for appending. Throws core::Error{unavailable} if it cannot be opened.
  static std::unique_ptr<AccessLog> open(const std::string& target);

  ~AccessLog();
  AccessLog(const AccessLog&) = delete;
  AccessLog& operator=(const AccessLog&) = delete;

  // Thread-safe; appends to the pending batch.
  void record(const AccessEntry& entry);
  // Writes the pending batch now.
  void flush();

private:
  AccessLog(std::FILE* file, bool owns);
  void run();

  std::FILE* file_;
  bool owns_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::string pending_;
  bool stopping_ = false;
  std::thread writer_;
};

// Appends s to out with quotes, backslashes and control bytes escaped (\xNN).
void append_escaped(std::string& out, std::string_view s);

} // namespace http
