"""Errors a client sees: problem+json shapes, 404/405/413/431/400, hostile input."""
from __future__ import annotations

import json
import socket
import threading

import pytest

from conftest import RawClient, RawResponse, assert_problem, exchange, served_web_dir


def assert_still_serving(server):
    server.assert_alive()
    r = server.get("/health")
    assert r.status_code == 200 and r.json() == {"status": "ok"}


# --- 404 / 405 -------------------------------------------------------------


@pytest.mark.parametrize("path", ["/api/does-not-exist", "/api/version/extra", "/api", "/ngsi-ld/v1/nothing"])
def test_unknown_api_path_is_404_problem(server, path):
    r = server.get(path)
    problem = assert_problem(r, 404)
    assert problem["instance"] == path
    assert problem["title"] == "Not Found"


@pytest.mark.parametrize("method,path", [("DELETE", "/health"), ("PUT", "/api/version"),
                                         ("POST", "/metrics"), ("PATCH", "/api/openapi.json")])
def test_wrong_method_is_405_with_allow(server, method, path):
    r = server.request(method, path)
    problem = assert_problem(r, 405)
    assert problem["instance"] == path
    allow = [m.strip() for m in r.headers.get("Allow", "").split(",")]
    assert "GET" in allow, r.headers.get("Allow")


# --- 413: request bodies over the limit (default 1 MiB) -----------------------


def post_streaming(port: int, head: bytes, body_chunks) -> RawResponse:
    """Sends the head, then the body from a second thread while this one reads
    the answer, as a client would whose server answers before the upload ends."""
    with RawClient(port) as c:
        c.send(head)

        def upload():
            try:
                for chunk in body_chunks:
                    if not c.send_tolerant(chunk):
                        return
            except OSError:  # the socket was shut down below
                return

        sender = threading.Thread(target=upload, daemon=True)
        sender.start()
        try:
            while True:
                r = c.read_response()
                if r.status >= 200:
                    return r
        finally:
            try:
                c.sock.shutdown(socket.SHUT_RDWR)  # unblocks an upload the server no longer reads
            except OSError:
                pass
            sender.join(timeout=30)


TWO_MIB = 2 * 1024 * 1024



def test_oversized_body_with_content_length_is_413(server):
    head = (b"POST /api/version HTTP/1.1\r\nHost: e2e\r\nContent-Type: application/octet-stream\r\n"
            b"Content-Length: %d\r\n\r\n" % TWO_MIB)
    r = post_streaming(server.port, head, (b"x" * 65536 for _ in range(TWO_MIB // 65536)))
    problem = assert_problem(r, 413)
    assert "1048576" in problem["detail"]
    assert_still_serving(server)


def test_oversized_body_announced_with_expect_is_refused_before_upload(server):
    # A client that asks first (Expect: 100-continue) gets the 413 instead of
    # the invitation to send 2 MiB.
    head = (b"POST /api/version HTTP/1.1\r\nHost: e2e\r\nContent-Length: %d\r\n"
            b"Expect: 100-continue\r\n\r\n" % TWO_MIB)
    with RawClient(server.port) as c:
        c.send(head)
        r = c.read_response()
    assert r.status != 100, "the server invited an upload it will refuse"
    assert_problem(r, 413)
    assert_still_serving(server)


def test_oversized_chunked_body_is_413(server):
    head = (b"POST /api/version HTTP/1.1\r\nHost: e2e\r\nContent-Type: application/octet-stream\r\n"
            b"Transfer-Encoding: chunked\r\n\r\n")

    def chunks():
        for _ in range(TWO_MIB // 65536):
            yield b"10000\r\n" + b"y" * 65536 + b"\r\n"
        yield b"0\r\n\r\n"

    r = post_streaming(server.port, head, chunks())
    assert_problem(r, 413)
    assert_still_serving(server)


def test_configured_body_limit_above_1_mib_is_honoured(make_server):
    # With limits.body_bytes = 4 MiB a 2 MiB upload is within the limit: it is
    # read and answered (405: POST is not allowed on /api/version).
    s = make_server(env={"STADTKERN_LIMITS_BODY_BYTES": str(4 * 1024 * 1024)})
    r = s.request("POST", "/api/version", data=b"z" * TWO_MIB)
    assert_problem(r, 405)


def test_configured_body_limit_below_default_is_enforced(make_server):
    s = make_server(env={"STADTKERN_LIMITS_BODY_BYTES": "1000"})
    assert_problem(s.request("POST", "/api/version", data=b"z" * 999), 405)
    head = b"POST /api/version HTTP/1.1\r\nHost: e2e\r\nContent-Length: 5000\r\n\r\n"
    assert_problem(post_streaming(s.port, head, [b"z" * 5000]), 413)
    assert_still_serving(s)


def test_body_within_limit_is_accepted(server):
    # 512 KiB is within the limit: the request is read and answered normally
    # (POST is not allowed on /api/version, which is the complete answer).
    r = server.request("POST", "/api/version", data=b"z" * (512 * 1024))
    assert_problem(r, 405)
    assert_still_serving(server)


# --- malformed requests over a raw socket --------------------------------------


@pytest.mark.parametrize("raw", [
    b"GARBAGE\r\n\r\n",
    b"GET /\x00 HTTP/1.1\r\n\r\n",
    b"GET / HTTP/9.9\r\n\r\n",
    b"GET / HTTP/1.1 extra\r\n\r\n",
    b"GET  / HTTP/1.1\r\nHost: e2e\r\n\r\n",
    b"GET / HTTP/1.1\r\nBad Header Without Colon\r\n\r\n",
    b"GET / HTTP/1.1\r\nHost: e2e\r\nContent-Length: -5\r\n\r\n",
    b"GET / HTTP/1.1\r\nHost: e2e\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n",
    b"POST /api/version HTTP/1.1\r\nHost: e2e\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
    b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03" + b"\x00" * 40 + b"\r\n\r\n",  # a TLS hello
], ids=["garbage", "nul-in-target", "http-9.9", "extra-token", "double-space", "header-no-colon",
        "negative-length", "two-lengths", "bad-chunk", "tls-hello"])
def test_malformed_request_is_400(server, raw):
    r = exchange(server.port, raw)
    assert r.status == 400, (r.status, r.body[:300])
    assert_problem(r, 400, instance=False)
    assert_still_serving(server)


def test_transfer_encoding_not_ending_in_chunked_is_400(server):
    with RawClient(server.port) as c:
        c.send(b"POST /api/version HTTP/1.1\r\nHost: e2e\r\nTransfer-Encoding: chunked, gzip\r\n\r\n"
               b"0\r\n\r\n")
        r = c.read_response()
    assert_problem(r, 400, instance=False)


@pytest.mark.parametrize("raw", [b"GET /health HTTP/1.1\r\n\r\n",
                                 b"GET /health HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n"],
                         ids=["no-host", "two-hosts"])
def test_http11_host_field_is_required_once(server, raw):
    assert exchange(server.port, raw).status == 400


# --- header size limit ---------------------------------------------------------


def get_with_header(port: int, size: int):
    return exchange(port, b"GET /health HTTP/1.1\r\nHost: e2e\r\nX-Padding: " + b"p" * size +
                    b"\r\nConnection: close\r\n\r\n")


def test_header_over_default_limit_is_431(server):
    r = get_with_header(server.port, 32 * 1024)  # default limit 16 KiB
    assert_problem(r, 431, instance=False)
    assert_still_serving(server)


def test_header_under_default_limit_is_served(server):
    r = get_with_header(server.port, 8 * 1024)
    assert r.status == 200 and r.json() == {"status": "ok"}


def test_configured_header_limit_is_enforced(make_server):
    s = make_server(env={"STADTKERN_LIMITS_HEADER_BYTES": "2048"})
    assert get_with_header(s.port, 1024).status == 200
    assert_problem(get_with_header(s.port, 4096), 431, instance=False)
    assert_still_serving(s)


# --- malformed percent-encoding -------------------------------------------------


MALFORMED_PATHS = ["/api/version%", "/api/%zz", "/%", "/a%2", "/leistungen%G1", "/api/x%00y", "/index.html%00.png"]


def raw_get(port: int, target: bytes):
    return exchange(port, b"GET " + target + b" HTTP/1.1\r\nHost: e2e\r\nConnection: close\r\n\r\n")


@pytest.mark.parametrize("path", MALFORMED_PATHS)
def test_malformed_percent_encoding_is_400(server, path):
    r = raw_get(server.port, path.encode())
    assert r.status == 400, (r.status, r.body[:300])
    assert (r.header("Content-Type") or "").startswith("application/problem+json")
    problem = r.json()
    assert problem["status"] == 400 and problem["type"] and problem["title"] and problem["detail"]
    assert_still_serving(server)


@pytest.mark.parametrize("path", ["/api/%zz", "/api/x%00y"])
def test_malformed_target_problem_has_request_id(server, path):
    assert_problem(raw_get(server.port, path.encode()), 400, instance=False)


# --- hostile paths and queries ----------------------------------------------------


def web_files() -> set[bytes]:
    root = served_web_dir()
    if root is None:
        return set()
    return {p.read_bytes() for p in root.rglob("*") if p.is_file()}


SECRETS = [b"root:x:0:", b"root:*:", b"SQLite format 3"]

HOSTILE = [
    b"/../../etc/passwd",
    b"/../../../../../../etc/passwd",
    b"/%2e%2e/%2e%2e/etc/passwd",
    b"/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    b"/..%2f..%2f..%2fetc%2fpasswd",
    b"/%252e%252e%252fetc%252fpasswd",
    b"/assets/../../../etc/passwd",
    b"/assets/..%2f..%2f..%2f..%2fetc%2fpasswd",
    b"/assets/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    b"/api/../../etc/passwd",
    b"/api/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    b"//etc/passwd",
    b"/etc/passwd",
    b"/proc/self/environ",
    b"/var/stadtkern.db",
    b"/../var/stadtkern.db",
    b"/%2e%2e/var/stadtkern.db",
    b"/.%2e/.%2e/etc/passwd",
    b"/..;/..;/etc/passwd",
    b"/index.html/../../etc/passwd",
    b"/favicon.svg%2f..%2f..%2fetc%2fpasswd",
    b"/" + b"a" * 8000,
    b"/api/" + b"b" * 8000,
    b"/" + b"a/" * 3000,
    b"/" + b"%2e%2e%2f" * 1000,
    b"/stra%C3%9Fe",
    b"/api/stra%C3%9Fe",
    b"/%F0%9F%8F%99%EF%B8%8F",
    b"/stra\xc3\x9fe",
    b"/api/version?file=../../etc/passwd",
    b"/?path=%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    b"/api/version?q=%3Cscript%3Ealert(1)%3C/script%3E",
    b"/api/version?%zz=%zz",
    b"/api/version?" + b"x=1&" * 2000,
    b"/api/version?q=%F0%9F%98%80",
    b"/.env",
    b"/.git/config",
    b"/assets/.hidden",
]


@pytest.mark.parametrize("target", HOSTILE, ids=[t[:40].decode("latin-1") for t in HOSTILE])
def test_hostile_target_never_fails_or_leaks(server, target):
    r = raw_get(server.port, target)
    assert r.status < 500, (r.status, r.body[:300])
    for secret in SECRETS:
        assert secret not in r.body, f"{target!r} returned file contents outside the web app"
    if r.status == 200 and not target.startswith(b"/api/version"):
        assert r.body in web_files(), f"{target!r} returned something that is not a web app file"
    ctype = r.header("Content-Type") or ""
    if ctype.startswith("application/problem+json"):
        problem = json.loads(r.body.decode("utf-8"))
        assert problem["status"] == r.status
    assert_still_serving(server)


@pytest.mark.parametrize("target", [b"/api/%ff%fe", b"/api/%c3%28"])
def test_problem_for_invalid_utf8_path_is_valid_json(server, target):
    r = raw_get(server.port, target)
    assert r.status in (400, 404)
    r.body.decode("utf-8")
    json.loads(r.body)
