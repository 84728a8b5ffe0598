"""Behind a reverse proxy: with trusted_proxies set, the client named in
X-Forwarded-For is the one that gets throttled and logged; without it, the
header is ignored (anyone could write it)."""
from __future__ import annotations

from conftest import run_cli
from test_accounts import FAST, login


def fail_logins_from(server, client: str, n: int) -> list[int]:
    return [login(server, f"niemand{i}", "falsch-falsch", headers={"X-Forwarded-For": client}).status_code
            for i in range(n)]


def test_a_trusted_proxy_names_the_client(make_server):
    s = make_server(env={**FAST, "STADTKERN_TRUSTED_PROXIES": "127.0.0.1, ::1"})
    assert set(fail_logins_from(s, "203.0.113.7", 20)) == {401}
    assert fail_logins_from(s, "203.0.113.7", 1) == [429]  # this client is throttled
    assert fail_logins_from(s, "198.51.100.4", 1) == [401]  # another client is not
    # A forged entry left of the client does not help the throttled client.
    assert fail_logins_from(s, "198.51.100.99, 203.0.113.7", 1) == [429]


def test_without_trusted_proxies_the_header_is_ignored(make_server):
    s = make_server(env=FAST)
    assert set(fail_logins_from(s, "203.0.113.7", 20)) == {401}
    # Every request came from 127.0.0.1: a new header value changes nothing.
    assert fail_logins_from(s, "198.51.100.4", 1) == [429]


def test_a_malformed_proxy_list_stops_the_start(tmp_path):
    proc = run_cli(["serve", "--data-dir", str(tmp_path / "var"), "--port", "0"], cwd=tmp_path,
                   env={"STADTKERN_TRUSTED_PROXIES": "localhost"})
    assert proc.returncode == 2
    assert "trusted_proxies" in proc.stderr and "localhost" in proc.stderr
