"""Protective limits: slow clients, keep-alive, the connection cap."""
from __future__ import annotations

import http.client
import socket
import time

import pytest

from conftest import HTTP_TIMEOUT, RawClient, assert_problem

# How long we wait for the server to drop a stalled client whose read timeout
# is 1 s. Generous for the sanitizer build; a correct server needs about 1 s.
DROP_DEADLINE = 10.0


@pytest.fixture(scope="module")
def impatient_server(tmp_path_factory):
    from conftest import Server
    s = Server(tmp_path_factory.mktemp("impatient"), env={"STADTKERN_LIMITS_READ_TIMEOUT": "1"}).start()
    yield s
    s.finish()


def test_half_a_request_line_is_dropped(impatient_server):
    s = impatient_server
    with RawClient(s.port) as slow:
        slow.send(b"GET /hea")
        # Other clients are served while the slow one stalls.
        for _ in range(3):
            assert s.get("/health").status_code == 200
        try:
            how = slow.wait_closed(DROP_DEADLINE)
        except socket.timeout:
            pytest.fail(f"the server kept a stalled connection open for {DROP_DEADLINE} s "
                        "with limits.read_timeout = 1")
        assert how in ("eof", "reset")
        # If the server said anything before closing, it is an HTTP answer.
        assert slow.buffer == b"" or slow.buffer.startswith(b"HTTP/1.1 408"), slow.buffer[:200]
    assert s.get("/health").status_code == 200


def test_trickled_headers_are_dropped(impatient_server):
    """A slowloris client that sends a byte now and then never completes its
    headers; the read timeout bounds the whole header, not each byte."""
    s = impatient_server
    with RawClient(s.port) as slow:
        slow.send(b"GET /health HTTP/1.1\r\nHost: e2e\r\nX-Slow: ")
        end = time.monotonic() + DROP_DEADLINE
        closed = False
        while time.monotonic() < end:
            if not slow.send_tolerant(b"a"):
                closed = True
                break
            slow.sock.settimeout(0.2)
            try:
                if slow.sock.recv(65536) == b"":
                    closed = True
                    break
            except socket.timeout:
                pass
            except ConnectionResetError:
                closed = True
                break
        assert closed, f"a client trickling header bytes was kept for {DROP_DEADLINE} s"
    assert s.get("/health").status_code == 200


def test_idle_connection_after_a_request_is_not_cut_by_read_timeout(impatient_server):
    """limits.read_timeout is for a request in progress; between requests the
    (longer) keep-alive timeout applies."""
    conn = http.client.HTTPConnection("127.0.0.1", impatient_server.port, timeout=HTTP_TIMEOUT)
    try:
        conn.request("GET", "/health")
        assert conn.getresponse().read() == b'{"status":"ok"}'
        first = conn.sock.getsockname()
        # Wait past the read timeout, but check instead of assuming: poll the
        # socket for a close for 2.5 s (it must stay open).
        conn.sock.settimeout(2.5)
        try:
            data = conn.sock.recv(1, socket.MSG_PEEK)
            pytest.fail(f"the server closed an idle keep-alive connection after the read timeout ({data!r})")
        except socket.timeout:
            pass
        conn.sock.settimeout(HTTP_TIMEOUT)
        conn.request("GET", "/api/version")
        assert conn.getresponse().status == 200
        assert conn.sock.getsockname() == first
    finally:
        conn.close()


def test_keep_alive_serves_two_requests_on_one_connection(server):
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=HTTP_TIMEOUT)
    try:
        conn.request("GET", "/health")
        r1 = conn.getresponse()
        body1 = r1.read()
        sock1, local1 = conn.sock, conn.sock.getsockname()
        assert r1.status == 200 and body1 == b'{"status":"ok"}'
        assert (r1.getheader("Connection") or "").lower() != "close"

        conn.request("GET", "/api/version")
        r2 = conn.getresponse()
        body2 = r2.read()
        assert r2.status == 200 and b"installation_id" in body2
        assert conn.sock is sock1 and conn.sock.getsockname() == local1, "a new connection was opened"
    finally:
        conn.close()


def test_pipelined_requests_are_answered_in_order(server):
    with RawClient(server.port) as c:
        c.send(b"GET /health HTTP/1.1\r\nHost: e2e\r\n\r\n"
               b"GET /api/version HTTP/1.1\r\nHost: e2e\r\n\r\n"
               b"GET /api/nope HTTP/1.1\r\nHost: e2e\r\nConnection: close\r\n\r\n")
        first, second, third = c.read_response(), c.read_response(), c.read_response()
    assert (first.status, first.json()) == (200, {"status": "ok"})
    assert second.status == 200 and second.json()["name"] == "stadtkern"
    assert_problem(third, 404)


def test_connection_close_is_honoured(server):
    with RawClient(server.port) as c:
        c.send(b"GET /health HTTP/1.1\r\nHost: e2e\r\nConnection: close\r\n\r\n")
        r = c.read_response()
        assert r.status == 200
        assert c.wait_closed(HTTP_TIMEOUT) in ("eof", "reset")


def test_http_1_0_without_keep_alive_is_closed(server):
    with RawClient(server.port) as c:
        c.send(b"GET /health HTTP/1.0\r\n\r\n")
        r = c.read_response()
        assert r.status == 200 and r.body == b'{"status":"ok"}'
        assert c.wait_closed(HTTP_TIMEOUT) in ("eof", "reset")


MAX_CONNECTIONS = 5


def open_served_connection(port: int, deadline: float) -> RawClient:
    """A kept-alive connection that the server has accepted and served once.
    Connections the helper itself used a moment ago may still be counted by
    the server, so a 503 here means "not yet": retry until the deadline."""
    while True:
        c = RawClient(port)
        c.send(b"GET /health HTTP/1.1\r\nHost: e2e\r\n\r\n")
        r = c.read_response()
        if r.status == 200:
            return c
        c.close()
        assert r.status == 503 and time.monotonic() < deadline, \
            f"could not open {MAX_CONNECTIONS} connections: {r.status} {r.body[:200]!r}"
        time.sleep(0.1)


def test_connection_cap_answers_503_problem(make_server):
    s = make_server(env={"STADTKERN_LIMITS_MAX_CONNECTIONS": str(MAX_CONNECTIONS)})
    deadline = time.monotonic() + 20
    held = [open_served_connection(s.port, deadline) for _ in range(MAX_CONNECTIONS)]
    try:
        # The five are idle now (kept alive, no request in progress).
        with RawClient(s.port) as sixth:
            sixth.send_tolerant(b"GET /health HTTP/1.1\r\nHost: e2e\r\n\r\n")
            r = sixth.read_response()
        assert r.status == 503
        assert (r.header("Content-Type") or "").startswith("application/problem+json")
        problem = r.json()
        assert problem["status"] == 503 and problem["type"] and problem["title"] and problem["detail"]
        assert r.header("Retry-After") is not None
        # The held connections still work.
        held[0].send(b"GET /api/version HTTP/1.1\r\nHost: e2e\r\n\r\n")
        assert held[0].read_response().status == 200
    finally:
        for c in held:
            c.close()
    # Once they are gone, new clients are served again.
    end = time.monotonic() + 20
    while True:
        r = s.get("/health", headers={"Connection": "close"})
        if r.status_code == 200:
            break
        assert r.status_code == 503 and time.monotonic() < end, r.status_code
        time.sleep(0.1)


def test_connection_cap_problem_is_complete(make_server):
    s = make_server(env={"STADTKERN_LIMITS_MAX_CONNECTIONS": "1"})
    held = open_served_connection(s.port, time.monotonic() + 20)
    try:
        with RawClient(s.port) as second:
            second.send_tolerant(b"GET /health HTTP/1.1\r\nHost: e2e\r\n\r\n")
            assert_problem(second.read_response(), 503, instance=False)
    finally:
        held.close()
