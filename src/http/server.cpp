#include "http/server.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http.hpp>
#include <boost/url/parse.hpp>
#include <spdlog/spdlog.h>

#include <array>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <mutex>
#include <thread>
#include <unordered_map>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "core/ids.hpp"
#include "http/dispatch.hpp"
#include "http/problem.hpp"

namespace http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;
using boost::system::error_code;
using Clock = std::chrono::steady_clock;

namespace {

constexpr auto kUseTuple = asio::as_tuple(asio::use_awaitable);
constexpr std::size_t kReadChunk = 8 * 1024;

// The Date header, formatted once per second per thread.
const std::string& http_date() {
  thread_local std::int64_t second = -1;
  thread_local std::string text;
  const auto now = std::chrono::system_clock::now();
  const auto s = std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
  if (s != second) {
    second = s;
    text = core::format_http_date(now);
  }
  return text;
}

bool is_disconnect(const error_code& ec) {
  return ec == bhttp::error::end_of_stream || ec == asio::error::eof ||
         ec == asio::error::connection_reset || ec == asio::error::operation_aborted ||
         ec == beast::error::timeout || ec == asio::error::broken_pipe ||
         ec == bhttp::error::partial_message;
}

// Fills our Request from a parsed header. Returns a problem response when the
// request is not acceptable as HTTP/1.1: a malformed target (origin-form or
// absolute-form), a missing or repeated Host, or a Transfer-Encoding that does
// not end in chunked (RFC 9112 3.2, 6.3: a smuggling risk).
std::optional<Response> to_request(const bhttp::request_header<>& header, bool chunked,
                                   Request& out) {
  for (const auto& field : header)
    out.headers.add(std::string(field.name_string()), std::string(field.value()));
  const std::string_view given = out.header("X-Request-Id");
  out.request_id = core::is_safe_request_id(given) ? std::string(given) : core::next_request_id();
  out.method = method_from_string(header.method_string());
  out.target = std::string(header.target());

  auto bad = [&](std::string_view detail) {
    return problem(400, "/problems/invalid-argument", detail);
  };
  const auto hosts = header.count(bhttp::field::host);
  if (header.version() >= 11 && hosts != 1)
    return bad(hosts == 0 ? "HTTP/1.1 requests need a Host header." : "More than one Host header.");
  if (header.count(bhttp::field::transfer_encoding) > 0 && !chunked)
    return bad("A Transfer-Encoding other than chunked is not supported.");

  boost::urls::url_view url;
  if (auto origin = boost::urls::parse_origin_form(out.target)) {
    url = *origin;
  } else if (auto absolute = boost::urls::parse_absolute_uri(out.target)) {
    url = *absolute;
  } else {
    return bad("The request target is malformed.");
  }
  out.raw_path = std::string(url.encoded_path());
  if (out.raw_path.empty()) out.raw_path = "/";
  auto decoded = percent_decode(out.raw_path);
  if (!decoded) return bad("The request path is malformed.");
  out.path = std::move(*decoded);
  out.query = std::string(url.encoded_query());
  return std::nullopt;
}

// 413 for a body over the route's limit.
Response body_too_large(std::size_t limit, const Request& request) {
  return problem(413, "/problems/too-large",
                 "The request body exceeds the limit of " + std::to_string(limit) + " bytes.",
                 request.path);
}

// The status line and header block of a response, ready to send.
std::string serialize_head(const Response& r, const Request& req, unsigned version, bool keep_alive,
                           std::optional<std::size_t> content_length) {
  std::string head;
  head.reserve(256 + r.headers.all().size() * 48);
  head += version == 10 ? "HTTP/1.0 " : "HTTP/1.1 ";
  head += std::to_string(r.status);
  head += ' ';
  head += reason_phrase(r.status);
  head += "\r\nServer: stadtkern\r\nDate: ";
  head += http_date();
  if (!r.content_type.empty()) {
    head += "\r\nContent-Type: ";
    head += r.content_type;
  }
  if (content_length) {
    head += "\r\nContent-Length: ";
    head += std::to_string(*content_length);
  }
  if (!req.request_id.empty()) {
    head += "\r\nX-Request-Id: ";
    head += req.request_id;
  }
  head += "\r\nX-Content-Type-Options: nosniff\r\nX-Frame-Options: DENY\r\nReferrer-Policy: "
          "same-origin";
  for (const auto& [name, value] : r.headers.all()) {
    head += "\r\n";
    head += name;
    head += ": ";
    head += value;
  }
  if (!keep_alive && version != 10) head += "\r\nConnection: close";
  if (keep_alive && version == 10) head += "\r\nConnection: keep-alive";
  head += "\r\n\r\n";
  return head;
}

} // namespace

class Session;

class Server::Impl {
public:
  Impl(ServerOptions options, const Router& router, Metrics& metrics, const StaticFiles& files,
       AccessLog* access_log)
      : options_(std::move(options)), metrics_(metrics), access_log_(access_log),
        dispatcher_(router, files, options_.limits.body_bytes) {
    const int cores = std::max(1u, std::thread::hardware_concurrency());
    const int threads = options_.threads > 0 ? options_.threads : cores;
    const int workers = options_.workers > 0 ? options_.workers : std::max(4, 4 * cores);
    for (int i = 0; i < threads; ++i)
      contexts_.push_back(std::make_unique<asio::io_context>(1));
    workers_ = std::make_unique<asio::thread_pool>(workers);
    acceptor_ = std::make_unique<tcp::acceptor>(*contexts_[0]);
    signals_ = std::make_unique<asio::signal_set>(*contexts_[0], SIGINT, SIGTERM);
  }

  void listen();
  void run();
  void begin_shutdown();
  asio::awaitable<void> accept_loop();
  asio::awaitable<void> drain_and_stop();
  void reject_busy(tcp::socket& socket);

  void add_session(const std::shared_ptr<Session>& s);
  void remove_session(Session* s);
  std::vector<std::shared_ptr<Session>> live_sessions();

  ServerOptions options_;
  Metrics& metrics_;
  AccessLog* access_log_;
  Dispatcher dispatcher_;
  std::atomic<bool> stopping_{false};
  std::atomic<std::size_t> active_{0};

  // Declared before the contexts: sessions unregister while contexts die.
  std::mutex sessions_mutex_;
  std::unordered_map<Session*, std::weak_ptr<Session>> sessions_;

  std::vector<std::unique_ptr<asio::io_context>> contexts_;
  std::unique_ptr<asio::thread_pool> workers_;
  std::unique_ptr<tcp::acceptor> acceptor_;
  std::unique_ptr<asio::signal_set> signals_;
  int port_ = 0;
};

// One client connection: read a request, answer it, repeat while kept alive.
class Session : public std::enable_shared_from_this<Session> {
public:
  Session(Server::Impl& server, tcp::socket socket) : server_(server), stream_(std::move(socket)) {
    error_code ec;
    const auto endpoint = stream_.socket().remote_endpoint(ec);
    remote_ = ec ? "-" : endpoint.address().to_string();
    server_.active_++;
    server_.metrics_.connection_opened();
  }
  ~Session() {
    server_.remove_session(this);
    server_.metrics_.connection_closed();
    server_.active_--;
  }

  asio::awaitable<void> run(std::shared_ptr<Session> self);

  // Called on the session's own thread during shutdown.
  void close_if_idle() {
    if (idle_) stream_.cancel();
  }
  void close_now() { stream_.cancel(); }
  asio::any_io_executor executor() { return stream_.get_executor(); }

private:
  asio::awaitable<bool> wait_for_request();
  bool head_is_buffered() const {
    const auto data = buffer_.cdata();
    const std::string_view text(static_cast<const char*>(data.data()), data.size());
    return text.find("\r\n\r\n") != std::string_view::npos;
  }
  asio::awaitable<void> send(Response response, const Request& request, unsigned version,
                             bool keep_alive, Clock::time_point start, std::size_t slot);
  asio::awaitable<void> send_error(int status, std::string detail, Clock::time_point start);
  // Sends a response whose body comes from response.stream, pulling each
  // piece on the worker pool. Returns the body bytes sent.
  asio::awaitable<std::size_t> send_stream(Response& response, const Request& request,
                                           unsigned version, bool& keep_alive);

  Server::Impl& server_;
  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::string remote_;
  bool idle_ = false;
};

// Waits (up to the keep-alive timeout) for the first bytes of a request.
asio::awaitable<bool> Session::wait_for_request() {
  if (buffer_.size() > 0) co_return true;
  idle_ = true;
  stream_.expires_after(server_.options_.limits.keep_alive_timeout);
  auto [ec, n] = co_await stream_.async_read_some(buffer_.prepare(kReadChunk), kUseTuple);
  idle_ = false;
  if (ec) co_return false;
  buffer_.commit(n);
  co_return true;
}

asio::awaitable<void> Session::run(std::shared_ptr<Session> self) {
  (void)self; // keeps the session alive while the coroutine runs
  const core::Limits& limits = server_.options_.limits;
  for (;;) {
    if (server_.stopping_ || !co_await wait_for_request()) break;

    bhttp::request_parser<bhttp::string_body> parser;
    parser.header_limit(static_cast<std::uint32_t>(limits.header_bytes));
    parser.body_limit(boost::none); // the route's limit is applied once it is known
    // A head that has fully arrived is parsed from memory; only a partial one
    // needs the deadline (which costs a timer operation per request).
    if (!head_is_buffered()) stream_.expires_after(limits.read_timeout);
    auto [ec, n] = co_await bhttp::async_read_header(stream_, buffer_, parser, kUseTuple);
    const auto start = Clock::now();
    if (ec == bhttp::error::header_limit) {
      co_await send_error(431,
                          "The request header is larger than the limit of " +
                              std::to_string(limits.header_bytes) + " bytes.",
                          start);
      break;
    }
    if (ec) {
      if (!is_disconnect(ec))
        co_await send_error(400, "The request is malformed: " + ec.message() + ".", start);
      break;
    }

    Request request;
    request.remote_address = remote_;
    const unsigned version = parser.get().version();
    if (auto bad = to_request(parser.get().base(), parser.chunked(), request)) {
      co_await send(std::move(*bad), request, version, false, start, Metrics::kUnmatchedSlot);
      break;
    }
    if (!server_.options_.trusted_proxies.empty())
      request.remote_address =
          server_.options_.trusted_proxies.client_of(remote_, request.header("X-Forwarded-For"));
    Plan plan;
    std::optional<Response> unroutable;
    try {
      plan = server_.dispatcher_.plan(request);
    } catch (const core::Error& e) {
      unroutable = problem_from_error(e, request);
    }
    if (unroutable) {
      co_await send(std::move(*unroutable), request, version, false, start,
                    Metrics::kUnmatchedSlot);
      break;
    }

    // The body, within the route's limit.
    if (!parser.is_done()) {
      const auto length = parser.content_length();
      if (length && *length > plan.body_limit) {
        co_await send(body_too_large(plan.body_limit, request), request, version, false, start,
                      plan.metrics_slot);
        break;
      }
      if (request.header("Expect") == "100-continue") {
        bhttp::response<bhttp::empty_body> cont{bhttp::status::continue_, version};
        co_await bhttp::async_write(stream_, cont, kUseTuple);
      }
      parser.body_limit(plan.body_limit);
      stream_.expires_after(limits.read_timeout);
      auto [body_ec, body_n] = co_await bhttp::async_read(stream_, buffer_, parser, kUseTuple);
      if (body_ec == bhttp::error::body_limit) {
        co_await send(body_too_large(plan.body_limit, request), request, version, false, start,
                      plan.metrics_slot);
        break;
      }
      if (body_ec) {
        if (!is_disconnect(body_ec))
          co_await send_error(400, "The request body is malformed: " + body_ec.message() + ".",
                              start);
        break;
      }
    }
    request.body = std::move(parser.get().body());

    Response response;
    if (plan.run_inline) {
      response = server_.dispatcher_.execute(plan, request);
    } else {
      response = co_await asio::co_spawn(
          *server_.workers_,
          [&]() -> asio::awaitable<Response> {
            co_return server_.dispatcher_.execute(plan, request);
          },
          asio::use_awaitable);
    }
    const bool keep_alive = parser.get().keep_alive() && !server_.stopping_;
    co_await send(std::move(response), request, version, keep_alive, start, plan.metrics_slot);
    if (!keep_alive || !stream_.socket().is_open()) break;
  }
  error_code ignored;
  stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
  stream_.socket().close(ignored);
}

asio::awaitable<std::size_t> Session::send_stream(Response& response, const Request& request,
                                                  unsigned version, bool& keep_alive) {
  const bool chunked = !response.stream_length && version != 10;
  if (!response.stream_length && version == 10) keep_alive = false; // the close ends the body
  if (chunked) response.headers.add("Transfer-Encoding", "chunked");
  const std::string head = serialize_head(
      response, request, version, keep_alive,
      response.stream_length ? std::optional<std::size_t>(*response.stream_length) : std::nullopt);
  stream_.expires_after(server_.options_.limits.write_timeout);
  auto [ec, written] = co_await asio::async_write(stream_, asio::buffer(head), kUseTuple);
  std::size_t sent = 0;
  if (!ec && request.method != Method::head) {
    std::string piece;
    bool more = true;
    while (more) {
      piece.clear();
      try {
        more = co_await asio::co_spawn(
            *server_.workers_, [&]() -> asio::awaitable<bool> { co_return response.stream(piece); },
            asio::use_awaitable);
      } catch (const std::exception& e) {
        spdlog::error("request {} {}: streamed body failed: {}", request.request_id, request.target,
                      e.what());
        ec = asio::error::operation_aborted;
        break;
      }
      if (piece.empty() && more) continue;
      char size_line[24];
      const int n = std::snprintf(size_line, sizeof size_line, "%zx\r\n", piece.size());
      const bool last = chunked && !more;
      std::array<asio::const_buffer, 4> buffers = {
          chunked && !piece.empty() ? asio::buffer(size_line, static_cast<std::size_t>(n))
                                    : asio::const_buffer(),
          asio::buffer(piece),
          chunked && !piece.empty() ? asio::buffer("\r\n", 2) : asio::const_buffer(),
          last ? asio::buffer("0\r\n\r\n", 5) : asio::const_buffer()};
      stream_.expires_after(server_.options_.limits.write_timeout);
      auto [wec, n_written] = co_await asio::async_write(stream_, buffers, kUseTuple);
      sent += piece.size();
      if (wec) {
        ec = wec;
        break;
      }
    }
  }
  if (ec) {
    keep_alive = false;
    error_code ignored;
    stream_.socket().close(ignored);
  }
  co_return sent;
}

asio::awaitable<void> Session::send(Response response, const Request& request, unsigned version,
                                    bool keep_alive, Clock::time_point start, std::size_t slot) {
  const bool bodiless_status =
      response.status == 204 || response.status == 304 || response.status < 200;
  const bool no_body = request.method == Method::head || bodiless_status;
  if (response.stream && !bodiless_status) {
    const std::size_t sent = co_await send_stream(response, request, version, keep_alive);
    const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
    server_.metrics_.observe(slot, response.status, seconds);
    if (server_.access_log_)
      server_.access_log_->record({request.remote_address, to_string(request.method),
                                   request.target, static_cast<int>(version), response.status, sent,
                                   seconds, request.request_id, request.header("User-Agent")});
    if (!keep_alive) {
      error_code ignored;
      stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
      stream_.socket().close(ignored);
    }
    co_return;
  }
  const std::string_view payload = response.payload();
  const std::string head =
      serialize_head(response, request, version, keep_alive,
                     bodiless_status ? std::nullopt : std::optional<std::size_t>(payload.size()));
  const std::array<asio::const_buffer, 2> buffers = {
      asio::buffer(head),
      no_body ? asio::const_buffer() : asio::buffer(payload.data(), payload.size())};
  stream_.expires_after(server_.options_.limits.write_timeout);
  auto [ec, written] = co_await asio::async_write(stream_, buffers, kUseTuple);
  const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  server_.metrics_.observe(slot, response.status, seconds);
  if (server_.access_log_) {
    const std::string_view method =
        request.method == Method::other ? "-" : to_string(request.method);
    server_.access_log_->record(
        {request.remote_address, method, request.target.empty() ? "-" : request.target,
         static_cast<int>(version), response.status, no_body ? 0 : payload.size(), seconds,
         request.request_id, request.header("User-Agent")});
  }
  if (ec) {
    error_code ignored;
    stream_.socket().close(ignored);
  }
}

asio::awaitable<void> Session::send_error(int status, std::string detail, Clock::time_point start) {
  Request request;
  request.remote_address = remote_;
  request.request_id = core::next_request_id();
  co_await send(
      problem(status, status == 431 ? "/problems/too-large" : "/problems/invalid-argument", detail),
      request, 11, false, start, Metrics::kUnmatchedSlot);
}

void Server::Impl::add_session(const std::shared_ptr<Session>& s) {
  std::lock_guard lock(sessions_mutex_);
  sessions_[s.get()] = s;
}

// Copies out the sessions still alive. The copies are released by the caller
// outside the lock, because releasing the last one runs ~Session, which locks.
std::vector<std::shared_ptr<Session>> Server::Impl::live_sessions() {
  std::vector<std::shared_ptr<Session>> live;
  std::lock_guard lock(sessions_mutex_);
  for (auto& [raw, weak] : sessions_)
    if (auto s = weak.lock()) live.push_back(std::move(s));
  return live;
}

void Server::Impl::remove_session(Session* s) {
  std::lock_guard lock(sessions_mutex_);
  sessions_.erase(s);
}

void Server::Impl::listen() {
  error_code ec;
  const auto address = asio::ip::make_address(options_.bind, ec);
  if (ec)
    throw core::Error(core::ErrorKind::invalid_argument,
                      "invalid bind address '" + options_.bind + "'");
  const tcp::endpoint endpoint(address, static_cast<unsigned short>(options_.port));
  acceptor_->open(endpoint.protocol(), ec);
  if (!ec) acceptor_->set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) acceptor_->bind(endpoint, ec);
  if (!ec) acceptor_->listen(asio::socket_base::max_listen_connections, ec);
  if (ec)
    throw core::Error(core::ErrorKind::unavailable, "cannot listen on " + options_.bind + ":" +
                                                        std::to_string(options_.port) + ": " +
                                                        ec.message());
  port_ = acceptor_->local_endpoint().port();
}

void Server::Impl::reject_busy(tcp::socket& socket) {
  Request request;
  request.request_id = core::next_request_id();
  Response busy = problem(503, "/problems/unavailable", "Too many open connections; please retry.");
  busy.headers.add("Retry-After", "1");
  const std::string reply = serialize_head(busy, request, 11, false, busy.body.size()) + busy.body;
  error_code ignored;
  asio::write(socket, asio::buffer(reply), ignored);
  socket.close(ignored);
  metrics_.observe(Metrics::kUnmatchedSlot, 503, 0);
}

asio::awaitable<void> Server::Impl::accept_loop() {
  std::size_t next = 0;
  for (;;) {
    asio::io_context& context = *contexts_[next++ % contexts_.size()];
    tcp::socket socket(context);
    auto [ec] = co_await acceptor_->async_accept(socket, kUseTuple);
    if (stopping_) co_return;
    if (ec) {
      if (ec == asio::error::operation_aborted) co_return;
      spdlog::warn("accept failed: {}", ec.message());
      asio::steady_timer pause(*contexts_[0], std::chrono::milliseconds(50));
      co_await pause.async_wait(kUseTuple);
      continue;
    }
    if (active_ >= options_.limits.max_connections) {
      reject_busy(socket);
      continue;
    }
    error_code ignored;
    socket.set_option(tcp::no_delay(true), ignored);
    auto session = std::make_shared<Session>(*this, std::move(socket));
    add_session(session);
    asio::co_spawn(context, session->run(session), asio::detached);
  }
}

void Server::Impl::begin_shutdown() {
  if (stopping_.exchange(true)) return;
  spdlog::info("shutting down: no new connections, finishing {} open connection(s)",
               active_.load());
  error_code ignored;
  acceptor_->close(ignored);
  signals_->cancel(ignored);
  for (auto& s : live_sessions())
    asio::post(s->executor(), [s] { s->close_if_idle(); });
  asio::co_spawn(*contexts_[0], drain_and_stop(), asio::detached);
}

asio::awaitable<void> Server::Impl::drain_and_stop() {
  const auto deadline = Clock::now() + options_.limits.shutdown_grace;
  asio::steady_timer timer(*contexts_[0]);
  while (active_ > 0 && Clock::now() < deadline) {
    timer.expires_after(std::chrono::milliseconds(20));
    co_await timer.async_wait(kUseTuple);
  }
  if (active_ > 0) {
    spdlog::warn("shutdown grace period over: closing {} connection(s)", active_.load());
    for (auto& s : live_sessions())
      asio::post(s->executor(), [s] { s->close_now(); });
  }
  for (auto& context : contexts_)
    context->stop();
}

void Server::Impl::run() {
  signals_->async_wait([this](const error_code& ec, int signal) {
    if (ec) return;
    spdlog::info("received signal {}", signal);
    begin_shutdown();
  });
  asio::co_spawn(*contexts_[0], accept_loop(), asio::detached);
  std::vector<asio::executor_work_guard<asio::io_context::executor_type>> guards;
  for (auto& context : contexts_)
    guards.push_back(asio::make_work_guard(*context));
  std::vector<std::thread> threads;
  for (std::size_t i = 1; i < contexts_.size(); ++i)
    threads.emplace_back([this, i] { contexts_[i]->run(); });
  contexts_[0]->run();
  for (auto& t : threads)
    t.join();
  workers_->join();
}

Server::Server(ServerOptions options, const Router& router, Metrics& metrics,
               const StaticFiles& files, AccessLog* access_log)
    : impl_(std::make_unique<Impl>(std::move(options), router, metrics, files, access_log)) {}

Server::~Server() = default;

void Server::listen() { impl_->listen(); }
void Server::set_authenticator(const Authenticator* authenticator) {
  impl_->dispatcher_.set_authenticator(authenticator);
}
int Server::port() const { return impl_->port_; }
void Server::run() { impl_->run(); }
void Server::stop() {
  asio::post(*impl_->contexts_[0], [impl = impl_.get()] { impl->begin_shutdown(); });
}

} // namespace http
