// The HTTP/1.1 server: Boost.Beast on Asio C++20 coroutines, one coroutine
// per connection (read -> dispatch -> write, kept alive), one io_context per
// I/O thread, handlers that may block on a separate worker pool, and a
// graceful shutdown on SIGTERM/SIGINT. All Beast code lives in server.cpp.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "core/config.hpp"
#include "http/access_log.hpp"
#include "http/identity.hpp"
#include "http/metrics.hpp"
#include "http/router.hpp"
#include "http/static_files.hpp"
#include "http/trusted_proxies.hpp"

namespace http {

struct ServerOptions {
  std::string bind = "0.0.0.0";
  int port = 8080; // 0 = any free port (see Server::port())
  int threads = 0; // I/O threads; 0 = hardware concurrency
  int workers = 0; // worker pool for blocking handlers; 0 = 4 per core
  core::Limits limits;
  TrustedProxies trusted_proxies; // may name the client in X-Forwarded-For
};

class Session;

class Server {
public:
  // The router, metrics, files and access log (may be null) must outlive the server.
  Server(ServerOptions options, const Router& router, Metrics& metrics, const StaticFiles& files,
         AccessLog* access_log);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Installs who resolves identities for handlers (null = nobody is ever
  // logged in). Call before run(); must outlive the server.
  void set_authenticator(const Authenticator* authenticator);

  // Binds and listens. Throws core::Error{unavailable} when the address
  // cannot be bound (port in use, bad address).
  void listen();
  // The bound port (useful with port 0). REQUIRES: listen() was called.
  int port() const;

  // Serves until SIGTERM/SIGINT or stop(): then stops accepting, lets the
  // requests in flight finish (up to limits.shutdown_grace), closes idle
  // connections and returns. Blocks the calling thread.
  void run();
  // Starts the graceful shutdown from any thread.
  void stop();

private:
  friend class Session;
  class Impl;
  std::unique_ptr<Impl> impl_;
};

} // namespace http
