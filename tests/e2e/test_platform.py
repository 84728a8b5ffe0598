"""Operating endpoints: /health, /ready, /api/version, /metrics, X-Request-Id."""
from __future__ import annotations

import time
from datetime import datetime

import pytest

import promtext
from conftest import SAFE_REQUEST_ID, run_cli


def test_health_says_ok(server):
    r = server.get("/health")
    assert r.status_code == 200
    assert r.headers["Content-Type"].startswith("application/json")
    assert r.json() == {"status": "ok"}


def test_ready_when_database_answers(server):
    r = server.get("/ready")
    assert r.status_code == 200, r.text
    assert r.headers["Content-Type"].startswith("application/json")
    assert r.json().get("status") == "ready"


def test_head_health_has_no_body(server):
    r = server.request("HEAD", "/health")
    assert r.status_code == 200
    assert r.content == b""


def test_version_describes_build_and_installation(server, tmp_path):
    v = server.version()
    assert set(v) >= {"name", "version", "commit", "installation_id", "installed_at"}, v
    assert v["name"] == "stadtkern"
    # The same build as the command line reports.
    printed = run_cli(["version"], cwd=tmp_path).stdout.strip()
    assert printed == f"stadtkern {v['version']} (commit {v['commit']})"
    assert isinstance(v["installation_id"], str) and len(v["installation_id"]) >= 8
    installed = datetime.fromisoformat(v["installed_at"].replace("Z", "+00:00"))
    assert installed.utcoffset() is not None, "installed_at must carry an offset"
    # Asking twice gives the same installation.
    assert server.version() == v


def metrics(server) -> dict[str, promtext.Family]:
    r = server.get("/metrics")
    assert r.status_code == 200
    assert r.headers["Content-Type"].startswith("text/plain"), r.headers["Content-Type"]
    assert "version=0.0.4" in r.headers["Content-Type"]
    return promtext.parse(r.text)


def sample_value(families, family, name, **labels) -> float | None:
    fam = families.get(family)
    for s in fam.samples if fam else []:
        if s.name == name and all(s.labels.get(k) == v for k, v in labels.items()):
            return s.value
    return None


def test_metrics_are_prometheus_text(server):
    assert server.get("/health").status_code == 200
    families = metrics(server)

    requests_total = families.get("stadtkern_http_requests_total")
    assert requests_total is not None and requests_total.type == "counter"
    assert sample_value(families, "stadtkern_http_requests_total", "stadtkern_http_requests_total",
                        route="/health", status="200") >= 1

    histograms = [f for f in families.values() if f.type == "histogram"]
    assert histograms, "no histogram family"
    names = {s.name for f in histograms for s in f.samples}
    assert any(n.endswith("_bucket") for n in names)
    assert any(n.endswith("_sum") for n in names)
    assert any(n.endswith("_count") for n in names)
    assert any(s.labels.get("le") == "+Inf" for f in histograms for s in f.samples)
    duration = families.get("stadtkern_http_request_duration_seconds")
    assert duration is not None and duration.type == "histogram"
    assert any(s.labels.get("route") == "/health" for s in duration.samples)

    build = families.get("stadtkern_build_info")
    assert build is not None and build.samples, "stadtkern_build_info missing"
    assert build.samples[0].labels.get("version") == server.version()["version"]
    assert build.samples[0].value == 1

    db = families.get("stadtkern_db_connections")
    assert db is not None and db.type == "gauge" and db.samples, "stadtkern_db_connections missing"
    for fam in families.values():
        assert fam.help, f"{fam.name} has no HELP"


def test_metrics_count_each_request(server):
    def health_count():
        return sample_value(metrics(server), "stadtkern_http_requests_total", "stadtkern_http_requests_total",
                            route="/health", status="200") or 0

    before = health_count()
    for _ in range(3):
        assert server.get("/health").status_code == 200
    # A request is counted once its response is handed over, so allow the
    # server a moment to book the last one.
    deadline = time.monotonic() + 10
    while health_count() < before + 3 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert health_count() == before + 3


def test_metrics_count_errors_by_status(server):
    assert server.get("/api/does-not-exist").status_code == 404
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        fam = metrics(server)["stadtkern_http_requests_total"]
        if any(s.labels.get("status") == "404" for s in fam.samples):
            return
        time.sleep(0.05)
    pytest.fail("no stadtkern_http_requests_total sample with status 404")


@pytest.mark.parametrize("bad", [
    "",                                   # empty
    "metric 1",                           # no final newline
    "metric{a=\"1\"} notanumber\n",
    "metric{a=1} 1\n",
    "metric{a=\"x\\q\"} 1\n",
    "metric{a=\"1\",a=\"2\"} 1\n",
    "# TYPE m counter\nm 1\n# TYPE m counter\n",
    "a 1\nb 1\na{x=\"1\"} 2\n",
    "# TYPE h histogram\nh_bucket{le=\"1\"} 2\nh_bucket{le=\"+Inf\"} 1\nh_sum 1\nh_count 1\n",
    "# TYPE h histogram\nh_bucket{le=\"1\"} 1\nh_sum 1\nh_count 1\n",
    "9metric 1\n",
])
def test_metrics_parser_is_strict(bad):
    if bad == "":
        assert promtext.parse(bad) == {}
        return
    with pytest.raises(promtext.ParseError):
        promtext.parse(bad)


def test_request_id_is_echoed_when_safe(server):
    rid = "e2e-Test_id.0042"
    r = server.get("/health", headers={"X-Request-Id": rid})
    assert r.headers.get("X-Request-Id") == rid


@pytest.mark.parametrize("hostile", [
    "has spaces in it",
    "a" * 200,
    "<script>alert(1)</script>",
    "id;rm -rf /",
    "ümlaut-ä",
], ids=["spaces", "200-chars", "markup", "shell", "non-ascii"])
def test_request_id_is_replaced_when_hostile(server, hostile):
    r = server.get("/health", headers={"X-Request-Id": hostile.encode("utf-8")})
    assert r.status_code == 200
    rid = r.headers.get("X-Request-Id")
    assert rid and rid != hostile
    assert SAFE_REQUEST_ID.match(rid), rid


def test_every_response_has_a_fresh_request_id(server):
    ids = set()
    for path in ("/health", "/api/version", "/api/nothing-here", "/metrics"):
        rid = server.get(path).headers.get("X-Request-Id")
        assert rid and SAFE_REQUEST_ID.match(rid), (path, rid)
        ids.add(rid)
    assert len(ids) == 4, ids


def test_access_log_to_a_file(make_server, tmp_path):
    log = tmp_path / "access.log"
    s = make_server(args=["--access-log", str(log)])
    assert s.get("/api/version", headers={"X-Request-Id": "e2e-access-1", "User-Agent": 'e2e "quoted" agent'}).ok
    assert s.get("/api/nothing", headers={"X-Request-Id": "e2e-access-2"}).status_code == 404
    assert s.stop() == 0  # the log is complete once the server has stopped
    lines = log.read_text(encoding="utf-8").splitlines()
    first = next(line for line in lines if "id=e2e-access-1" in line)
    assert '"GET /api/version HTTP/1.1" 200 ' in first
    assert '"e2e \\"quoted\\" agent"' in first, first  # quotes cannot break the line format
    assert any('"GET /api/nothing HTTP/1.1" 404 ' in line and "id=e2e-access-2" in line for line in lines)
    assert "/api/version" not in s.stdout()


def test_access_log_off(make_server):
    s = make_server(args=["--access-log", "off"])
    assert s.get("/api/version", headers={"X-Request-Id": "e2e-silent"}).ok
    assert s.stop() == 0
    assert "e2e-silent" not in s.stdout() + s.stderr()
