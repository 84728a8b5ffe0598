"""End-to-end test harness: starts the real `stadtkern` binary and talks HTTP to it.

Environment:
  STADTKERN_BIN      the binary to test (default <repo>/build/stadtkern); the
                     sanitizer build (build-asan/stadtkern) runs the same suite.
  STADTKERN_WEB_DIR  the built web app to serve (default <repo>/web/dist when it
                     holds an index.html; otherwise the server runs API-only and
                     the static-file tests are skipped).

Run with Debian's interpreter:  /usr/bin/python3 -m pytest tests/e2e
"""
from __future__ import annotations

import atexit
import itertools
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import requests

REPO = Path(__file__).resolve().parents[2]
BIN = Path(os.environ.get("STADTKERN_BIN") or REPO / "build" / "stadtkern").resolve()


def _web_source() -> Path | None:
    configured = os.environ.get("STADTKERN_WEB_DIR")
    if configured:
        return Path(configured).resolve()
    dist = REPO / "web" / "dist"
    return dist if (dist / "index.html").is_file() else None


WEB_SOURCE = _web_source()
_web_snapshot: Path | None = None


def served_web_dir() -> Path | None:
    """The web app the servers serve: a snapshot of WEB_SOURCE taken once per
    run, so that a rebuild of web/dist while the tests run cannot make the
    files on disk differ from what the server loaded. None when there is no
    built web app (index.html)."""
    global _web_snapshot
    if WEB_SOURCE is None or not (WEB_SOURCE / "index.html").is_file():
        return None
    if _web_snapshot is None:
        tmp = Path(tempfile.mkdtemp(prefix="stadtkern-e2e-web-"))
        atexit.register(shutil.rmtree, tmp, True)
        shutil.copytree(WEB_SOURCE, tmp / "dist")
        _web_snapshot = tmp / "dist"
    return _web_snapshot


# Generous deadlines: the sanitizer build is several times slower and CI
# machines are busy. No test asserts how fast something is; these only bound
# how long we wait before declaring that something did not happen.
START_DEADLINE = 60.0   # until /health answers
STOP_DEADLINE = 60.0    # until the process has exited after a signal
HTTP_TIMEOUT = 20.0     # one HTTP exchange
CLI_TIMEOUT = 60.0      # one `stadtkern migrate|version|...` run

# Log lines that mean a sanitizer found something, even when the exit code
# does not say so (UBSan only prints by default).
SANITIZER_PATTERNS = re.compile(
    r"ERROR: (Address|Leak|Thread|Memory)Sanitizer|runtime error:|SUMMARY: \w+Sanitizer"
)

SAFE_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


def free_port() -> int:
    """A TCP port that was free a moment ago (bound to port 0, then released)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def clean_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    """The test process environment without any STADTKERN_* setting (so a
    developer's shell cannot change what the server does), plus `extra`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("STADTKERN_")}
    env.update(extra or {})
    # --demo servers back-fill no sensor history unless a test asks for it.
    env.setdefault("STADTKERN_CONTEXT_SIMULATOR_HISTORY_DAYS", "0")
    return env


def tail(path: Path, lines: int = 60) -> str:
    try:
        text = path.read_text(errors="replace")
    except OSError:
        return "(no output file)"
    return "\n".join(text.splitlines()[-lines:])


def run_cli(args: list[str], *, cwd: Path, env: dict[str, str] | None = None,
            timeout: float = CLI_TIMEOUT) -> subprocess.CompletedProcess:
    """Runs the binary to completion (migrate, version, a serve that must fail)."""
    proc = subprocess.run([str(BIN), *args], cwd=cwd, env=clean_env(env), capture_output=True,
                          text=True, errors="replace", timeout=timeout)
    assert not SANITIZER_PATTERNS.search(proc.stderr), f"sanitizer report:\n{proc.stderr[-4000:]}"
    return proc


def _kill_leftovers() -> None:
    for s in Server.registry:
        s.close()


atexit.register(_kill_leftovers)  # even when pytest is interrupted


class ServerDied(AssertionError):
    pass


class Server:
    """One `stadtkern serve` process on a free port with its own data dir.

    workdir      a fresh directory (tmp_path); the process runs with it as cwd
                 unless `cwd` is given, and its stdout/stderr go to files there.
    env          extra environment (STADTKERN_* settings).
    args         extra `serve` arguments.
    config       text of a TOML file written to <workdir>/config-N.toml and
                 passed as the global --config option.
    pass_port    False to leave the port to stadtkern.toml/env (then `port`
                 must tell the helper where to look).
    web_dir      the web app to serve (default: the snapshot from served_web_dir());
                 None = an empty directory (API only).
    """

    _started = itertools.count()
    registry: list["Server"] = []  # every server of this run, for reports and cleanup

    def __init__(self, workdir: Path, *, env: dict[str, str] | None = None, args: list[str] | None = None,
                 config: str | None = None, port: int | None = None, pass_port: bool = True,
                 data_dir: Path | None = None, web_dir: Path | None | str = "default", cwd: Path | None = None):
        self.workdir = Path(workdir)
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.env = dict(env or {})
        self.args = list(args or [])
        self.config = config
        self.port = port
        self.pass_port = pass_port
        self.data_dir = Path(data_dir) if data_dir else self.workdir / "var"
        if web_dir == "default":
            web_dir = served_web_dir()
        if web_dir is None:
            web_dir = self.workdir / "no-web-app"
            web_dir.mkdir(exist_ok=True)
        self.web_dir = Path(web_dir)
        self.cwd = Path(cwd) if cwd else self.workdir
        self.proc: subprocess.Popen | None = None
        self.stdout_path = self.workdir / "server-0.out"
        self.stderr_path = self.workdir / "server-0.err"
        self.seq = -1
        self.runs = 0
        self.expected_exit = False
        Server.registry.append(self)

    # --- lifecycle -------------------------------------------------------
    def config_path(self) -> Path:
        return self.workdir / f"config-{self.runs}.toml"

    def command(self) -> list[str]:
        cmd = [str(BIN)]
        if self.config is not None:
            cmd += ["--config", str(self.config_path())]
        cmd += ["serve", "--bind", "127.0.0.1", "--data-dir", str(self.data_dir),
                "--web-dir", str(self.web_dir)]
        if self.pass_port:
            cmd += ["--port", str(self.port)]
        return cmd + self.args

    def start(self, wait: bool = True) -> "Server":
        assert self.proc is None or self.proc.poll() is not None, "already running"
        if self.pass_port and self.port is None:
            self.port = free_port()
        assert self.port is not None, "pass_port=False needs the expected port"
        self.runs += 1
        self.seq = next(Server._started)
        self.stdout_path = self.workdir / f"server-{self.runs}.out"
        self.stderr_path = self.workdir / f"server-{self.runs}.err"
        self.expected_exit = False
        if self.config is not None:
            self.config_path().write_text(self.config)
        with open(self.stdout_path, "wb") as out, open(self.stderr_path, "wb") as err:
            self.proc = subprocess.Popen(self.command(), cwd=self.cwd, env=clean_env(self.env),
                                         stdout=out, stderr=err, stdin=subprocess.DEVNULL)
        if wait:
            self.wait_healthy()
        return self

    def wait_healthy(self, deadline: float = START_DEADLINE) -> None:
        end = time.monotonic() + deadline
        last = None
        while time.monotonic() < end:
            if self.proc.poll() is not None:
                raise ServerDied(f"server exited with {self.proc.returncode} before it was ready\n"
                                 f"{self.describe()}")
            try:
                r = requests.get(self.url("/health"), timeout=2, headers={"Connection": "close"})
                if r.status_code == 200:
                    return
                last = f"HTTP {r.status_code}"
            except requests.RequestException as e:
                last = repr(e)
            time.sleep(0.05)
        raise ServerDied(f"/health did not answer 200 within {deadline} s (last: {last})\n{self.describe()}")

    def send_signal(self, sig: int) -> None:
        self.expected_exit = True
        self.proc.send_signal(sig)

    def wait_exit(self, timeout: float = STOP_DEADLINE) -> int:
        try:
            return self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            raise AssertionError(f"server did not exit within {timeout} s\n{self.describe()}")

    def stop(self, sig: int = signal.SIGTERM, timeout: float = STOP_DEADLINE) -> int:
        """Sends `sig` and returns the exit code."""
        if self.proc is None or self.proc.poll() is not None:
            return self.proc.returncode if self.proc else 0
        self.send_signal(sig)
        return self.wait_exit(timeout)

    def kill9(self) -> None:
        self.expected_exit = True
        self.proc.kill()
        self.proc.wait()

    def restart(self, *, new_port: bool = True, **changes) -> "Server":
        """Stops (SIGTERM) if running and starts again on the same data dir."""
        if self.running():
            code = self.stop()
            assert code == 0, f"exit code {code} on SIGTERM\n{self.describe()}"
        for key, value in changes.items():
            setattr(self, key, value)
        if new_port and self.pass_port:
            self.port = None
        return self.start()

    def close(self) -> None:
        """Teardown: never leave a process behind."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()

    def running(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def assert_alive(self) -> None:
        if not self.running():
            raise ServerDied(f"server died (exit {self.proc.returncode})\n{self.describe()}")

    # --- output ------------------------------------------------------------
    def stderr(self) -> str:
        return self.stderr_path.read_text(errors="replace") if self.stderr_path.exists() else ""

    def stdout(self) -> str:
        return self.stdout_path.read_text(errors="replace") if self.stdout_path.exists() else ""

    def wait_for_log(self, pattern: str, deadline: float = STOP_DEADLINE) -> None:
        end = time.monotonic() + deadline
        while time.monotonic() < end:
            if re.search(pattern, self.stderr()):
                return
            time.sleep(0.02)
        raise AssertionError(f"log line /{pattern}/ did not appear\n{self.describe()}")

    def sanitizer_report(self) -> str | None:
        m = SANITIZER_PATTERNS.search(self.stderr())
        return self.stderr()[max(0, m.start() - 200):][:6000] if m else None

    def describe(self) -> str:
        state = "running" if self.running() else f"exit {self.proc.returncode if self.proc else '-'}"
        return (f"--- server on port {self.port} ({state}), cmd: {' '.join(self.command())}\n"
                f"--- stderr tail ({self.stderr_path}):\n{tail(self.stderr_path)}\n"
                f"--- stdout tail ({self.stdout_path}):\n{tail(self.stdout_path, 20)}")

    # --- HTTP ----------------------------------------------------------------
    def url(self, path: str = "/") -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def get(self, path: str, **kw) -> requests.Response:
        kw.setdefault("timeout", HTTP_TIMEOUT)
        return requests.get(self.url(path), **kw)

    def request(self, method: str, path: str, **kw) -> requests.Response:
        kw.setdefault("timeout", HTTP_TIMEOUT)
        return requests.request(method, self.url(path), **kw)

    def raw(self, timeout: float = HTTP_TIMEOUT) -> "RawClient":
        return RawClient(self.port, timeout)

    def version(self) -> dict:
        r = self.get("/api/version")
        assert r.status_code == 200, r.text
        return r.json()

    def finish(self) -> None:
        """Module/function teardown: stop with SIGTERM, require a clean exit and
        no sanitizer report, and kill it if it hangs."""
        try:
            if self.running():
                code = self.stop()
                assert code == 0, f"server exited with {code} on SIGTERM\n{self.describe()}"
            elif self.proc is not None and not self.expected_exit:
                raise ServerDied(f"server died during the tests (exit {self.proc.returncode})\n{self.describe()}")
            report = self.sanitizer_report()
            assert report is None, f"sanitizer report in server stderr:\n{report}"
        finally:
            self.close()


# --- raw HTTP over a socket ------------------------------------------------


@dataclass
class RawResponse:
    status: int
    reason: str
    version: str
    headers: list[tuple[str, str]] = field(default_factory=list)
    body: bytes = b""

    def header(self, name: str) -> str | None:
        for k, v in self.headers:
            if k.lower() == name.lower():
                return v
        return None

    def header_all(self, name: str) -> list[str]:
        return [v for k, v in self.headers if k.lower() == name.lower()]

    def json(self):
        return json.loads(self.body.decode("utf-8"))


class ConnectionClosed(Exception):
    pass


class RawClient:
    """A plain TCP connection for requests that a normal client refuses to send
    (malformed request lines, half requests, exact bytes)."""

    def __init__(self, port: int, timeout: float = HTTP_TIMEOUT):
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=timeout)
        self.buffer = b""

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def close(self) -> None:
        try:
            self.sock.close()
        except OSError:
            pass

    def send(self, data: bytes) -> None:
        self.sock.sendall(data)

    def send_tolerant(self, data: bytes) -> bool:
        """Sends what the server will take; False when it closed the connection
        (which a server may do once it has answered)."""
        try:
            self.sock.sendall(data)
            return True
        except (BrokenPipeError, ConnectionResetError):
            return False

    def _fill(self) -> None:
        chunk = self.sock.recv(65536)
        if not chunk:
            raise ConnectionClosed("connection closed by the server")
        self.buffer += chunk

    def read_response(self, head: bool = False) -> RawResponse:
        """Reads one response (including interim 1xx ones) from the buffer/socket."""
        while b"\r\n\r\n" not in self.buffer:
            self._fill()
        head_bytes, self.buffer = self.buffer.split(b"\r\n\r\n", 1)
        lines = head_bytes.decode("latin-1").split("\r\n")
        m = re.match(r"^(HTTP/\d\.\d) (\d{3}) ?(.*)$", lines[0])
        assert m, f"malformed status line {lines[0]!r}"
        resp = RawResponse(status=int(m.group(2)), reason=m.group(3), version=m.group(1))
        for line in lines[1:]:
            name, _, value = line.partition(":")
            resp.headers.append((name.strip(), value.strip()))
        if head or resp.status < 200 or resp.status in (204, 304):
            return resp
        length = resp.header("Content-Length")
        if length is not None:
            n = int(length)
            while len(self.buffer) < n:
                self._fill()
            resp.body, self.buffer = self.buffer[:n], self.buffer[n:]
        else:
            assert resp.header("Transfer-Encoding") is None, "chunked responses are not expected here"
            try:
                while True:
                    self._fill()
            except ConnectionClosed:
                pass
            resp.body, self.buffer = self.buffer, b""
        return resp

    def wait_closed(self, timeout: float) -> str:
        """Waits until the server closes the connection: returns "eof" or "reset";
        raises socket.timeout when it stays open. Bytes the server sends first
        are kept in self.buffer."""
        self.sock.settimeout(timeout)
        try:
            while True:
                chunk = self.sock.recv(65536)
                if not chunk:
                    return "eof"
                self.buffer += chunk
        except ConnectionResetError:
            return "reset"


def exchange(port: int, data: bytes, timeout: float = HTTP_TIMEOUT) -> RawResponse:
    """Sends raw bytes on a fresh connection and reads the first final response."""
    with RawClient(port, timeout) as c:
        c.send_tolerant(data)
        while True:
            r = c.read_response()
            if r.status >= 200:
                return r


# --- assertions shared by the test modules ---------------------------------


def assert_problem(resp, status: int, *, instance: bool = True) -> dict:
    """The response is an RFC 9457 problem with this status; returns the body."""
    if isinstance(resp, RawResponse):
        code, ctype, body = resp.status, resp.header("Content-Type") or "", resp.body
        request_id = resp.header("X-Request-Id")
    else:
        code, ctype, body = resp.status_code, resp.headers.get("Content-Type", ""), resp.content
        request_id = resp.headers.get("X-Request-Id")
    assert code == status, f"expected {status}, got {code}: {body[:500]!r}"
    assert ctype.split(";")[0].strip() == "application/problem+json", f"content type {ctype!r}"
    try:
        problem = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as e:
        raise AssertionError(f"problem body is not UTF-8 JSON ({e}): {body[:500]!r}")
    assert isinstance(problem, dict), problem
    required = ["type", "title", "status", "detail"] + (["instance"] if instance else [])
    missing = [k for k in required if k not in problem]
    assert not missing, f"problem lacks {missing}: {problem}"
    assert problem["status"] == status, problem
    for key in ("type", "title", "detail"):
        assert isinstance(problem[key], str) and problem[key], f"{key} empty: {problem}"
    assert request_id and SAFE_REQUEST_ID.match(request_id), f"X-Request-Id {request_id!r}"
    return problem


# --- fixtures and reporting ---------------------------------------------------


@pytest.fixture(scope="session", autouse=True)
def _binary_present():
    if not BIN.is_file():
        pytest.exit(f"stadtkern binary not found at {BIN}: build it (ninja -C build stadtkern) "
                    "or set STADTKERN_BIN", returncode=2)
    yield
    _kill_leftovers()  # whatever a crashed fixture left behind


@pytest.fixture
def make_server(tmp_path):
    """Factory for servers owned by one test: make_server(env=..., start=True)."""
    created: list[Server] = []
    counter = itertools.count(1)

    def make(start: bool = True, **kw) -> Server:
        s = Server(tmp_path / f"srv{next(counter)}", **kw)
        created.append(s)
        return s.start() if start else s

    yield make
    errors = []
    for s in created:
        try:
            s.finish()
        except AssertionError as e:
            errors.append(str(e))
    if errors:
        pytest.fail("\n\n".join(errors), pytrace=False)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """One server shared by the tests of a module that do not disturb it."""
    s = Server(tmp_path_factory.mktemp("server")).start()
    yield s
    s.finish()


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    item._server_seq_at_start = next(Server._started)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.failed:
        first = getattr(item, "_server_seq_at_start", 0)
        for s in Server.registry:
            if s.proc is not None and (s.seq >= first or s.running()):
                report.sections.append((f"stadtkern server (port {s.port})", s.describe()))
