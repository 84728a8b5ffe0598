"""Graceful shutdown on SIGTERM/SIGINT."""
from __future__ import annotations

import http.client
import signal
import socket
import time

import pytest

from conftest import HTTP_TIMEOUT, RawClient, assert_problem

BODY = b"u" * 20000
HALF = len(BODY) // 2

# Long limits so that only the shutdown itself can end a connection here.
PATIENT = {"STADTKERN_LIMITS_READ_TIMEOUT": "300", "STADTKERN_LIMITS_SHUTDOWN_GRACE": "300",
           "STADTKERN_LIMITS_KEEP_ALIVE_TIMEOUT": "300"}



def start_upload(port: int) -> RawClient:
    """A request the server is provably working on: it has read the header
    (and said 100 Continue) and half of the body."""
    c = RawClient(port)
    c.send(b"POST /api/version HTTP/1.1\r\nHost: e2e\r\nContent-Type: application/octet-stream\r\n"
           b"Content-Length: %d\r\nExpect: 100-continue\r\n\r\n" % len(BODY))
    interim = c.read_response()
    assert interim.status == 100, f"expected 100 Continue, got {interim.status}"
    c.send(BODY[:HALF])
    return c


def sigterm_and_wait_for_drain(s) -> None:
    s.send_signal(signal.SIGTERM)
    s.wait_for_log(r"shutting down")


def test_sigterm_lets_an_upload_in_progress_finish(make_server):
    s = make_server(env=PATIENT)
    with start_upload(s.port) as c:
        sigterm_and_wait_for_drain(s)
        assert s.running(), "the server exited with a request in flight"
        c.send(BODY[HALF:])
        r = c.read_response()
        # The complete answer to this request: POST is not allowed here.
        problem = assert_problem(r, 405)
        assert problem["instance"] == "/api/version"
        assert (r.header("Connection") or "").lower() == "close"
        assert c.wait_closed(HTTP_TIMEOUT) in ("eof", "reset")
    assert s.wait_exit() == 0
    assert "stopped cleanly" in s.stderr()


def test_no_new_connections_during_shutdown(make_server):
    s = make_server(env=PATIENT)
    with start_upload(s.port) as c:  # keeps the process in its shutdown phase
        sigterm_and_wait_for_drain(s)
        end = time.monotonic() + 20
        while True:
            try:
                probe = socket.create_connection(("127.0.0.1", s.port), timeout=5)
            except ConnectionRefusedError:
                break
            # Raced the closing listener: this one must not be served.
            probe.sendall(b"GET /health HTTP/1.1\r\nHost: e2e\r\n\r\n")
            try:
                data = probe.recv(100)
            except (ConnectionResetError, socket.timeout):
                data = b""
            finally:
                probe.close()
            assert not data.startswith(b"HTTP/1.1 200"), "a new connection was served after SIGTERM"
            assert time.monotonic() < end, "connections were still accepted 20 s after SIGTERM"
            time.sleep(0.05)
        assert s.running()
        c.send(BODY[HALF:])
        assert c.read_response().status == 405
    assert s.wait_exit() == 0


def test_idle_keep_alive_connections_do_not_delay_shutdown(make_server):
    # Regression: a shutdown once deadlocked when it released the last
    # reference to a session under the sessions lock; the race is played
    # three times (about 0.3 s each).
    for _ in range(3):
        s = make_server(env=PATIENT)  # keep-alive timeout and grace period: 300 s
        kept = []
        for _ in range(8):
            conn = http.client.HTTPConnection("127.0.0.1", s.port, timeout=HTTP_TIMEOUT)
            conn.request("GET", "/health")
            assert conn.getresponse().read() == b'{"status":"ok"}'
            kept.append(conn)
        silent = RawClient(s.port)  # connected, never sends anything
        try:
            s.send_signal(signal.SIGTERM)
            # Far below the 300 s keep-alive timeout and grace period.
            assert s.wait_exit(timeout=15) == 0
            for conn in kept:
                conn.sock.settimeout(HTTP_TIMEOUT)
                try:
                    assert conn.sock.recv(1) == b""
                except ConnectionResetError:
                    pass
        finally:
            silent.close()
            for conn in kept:
                conn.close()


def test_sigint_stops_cleanly(make_server):
    s = make_server()
    assert s.get("/health").status_code == 200
    assert s.stop(signal.SIGINT) == 0
    assert "stopped cleanly" in s.stderr()


def test_stuck_upload_is_cut_after_the_grace_period(make_server):
    s = make_server(env={"STADTKERN_LIMITS_READ_TIMEOUT": "300", "STADTKERN_LIMITS_SHUTDOWN_GRACE": "1"})
    with start_upload(s.port) as c:  # the rest of the body never comes
        s.send_signal(signal.SIGTERM)
        assert s.wait_exit(timeout=15) == 0  # grace period 1 s
        try:
            how = c.wait_closed(HTTP_TIMEOUT)
        except socket.timeout:
            pytest.fail("the stuck connection stayed open after the process exited")
        assert how in ("eof", "reset")
    assert "grace period over" in s.stderr()
