"""Data survives restarts and crashes; the command line fails clearly on bad input."""
from __future__ import annotations

import re
import socket

from conftest import free_port, run_cli


def test_sigterm_restart_keeps_the_installation(make_server):
    s = make_server()
    before = s.version()
    assert s.stop() == 0
    s.restart()
    after = s.version()
    assert (after["installation_id"], after["installed_at"]) == (before["installation_id"], before["installed_at"])


def test_kill_9_restart_keeps_the_installation(make_server):
    s = make_server()
    before = s.version()
    s.kill9()
    s.restart()
    after = s.version()
    assert (after["installation_id"], after["installed_at"]) == (before["installation_id"], before["installed_at"])
    assert s.get("/ready").status_code == 200


def test_each_data_dir_is_its_own_installation(make_server):
    a, b = make_server(), make_server()
    assert a.version()["installation_id"] != b.version()["installation_id"]


def migrate(data_dir, cwd):
    return run_cli(["migrate", "--data-dir", str(data_dir)], cwd=cwd)


def applied_count(stdout: str) -> int:
    m = re.search(r"(\d+) migration\(s\) applied", stdout)
    assert m, f"migrate did not say how many migrations it applied: {stdout!r}"
    return int(m.group(1))


def test_migrate_on_existing_database_applies_nothing(make_server, tmp_path):
    s = make_server()
    installation = s.version()["installation_id"]
    assert s.stop() == 0
    proc = migrate(s.data_dir, tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert applied_count(proc.stdout) == 0
    s.restart()
    assert s.version()["installation_id"] == installation


def test_migrate_on_fresh_data_dir_then_again(tmp_path):
    data = tmp_path / "fresh" / "var"
    first = migrate(data, tmp_path)
    assert first.returncode == 0, first.stderr
    assert applied_count(first.stdout) >= 1
    second = migrate(data, tmp_path)
    assert second.returncode == 0, second.stderr
    assert applied_count(second.stdout) == 0


def assert_refuses_to_start(proc, port: int, *needles: str) -> str:
    output = proc.stdout + proc.stderr
    assert proc.returncode == 2, f"exit {proc.returncode}\n{output}"
    for needle in needles:
        assert needle.lower() in output.lower(), f"{needle!r} not in:\n{output}"
    with socket.socket() as probe:
        assert probe.connect_ex(("127.0.0.1", port)) != 0, "something listens on the port"
    return output


def serve_args(tmp_path, port: int, *extra: str) -> list[str]:
    return ["serve", "--bind", "127.0.0.1", "--port", str(port), "--data-dir", str(tmp_path / "var"), *extra]


def test_postgresql_url_is_refused_clearly(tmp_path):
    port = free_port()
    proc = run_cli(serve_args(tmp_path, port, "--db", "postgresql://x"), cwd=tmp_path)
    assert_refuses_to_start(proc, port, "postgresql")


def test_database_url_password_is_not_echoed(tmp_path):
    port = free_port()
    proc = run_cli(serve_args(tmp_path, port, "--db", "postgresql://stadt:Geheim-42@db.example/kern"), cwd=tmp_path)
    output = assert_refuses_to_start(proc, port)
    assert "Geheim-42" not in output


def test_invalid_port_in_environment_names_the_variable(tmp_path):
    port = free_port()
    args = ["serve", "--bind", "127.0.0.1", "--data-dir", str(tmp_path / "var")]
    proc = run_cli(args, cwd=tmp_path, env={"STADTKERN_PORT": "abc"})
    assert_refuses_to_start(proc, port, "STADTKERN_PORT")


def test_invalid_port_flag_is_refused(tmp_path):
    port = free_port()
    proc = run_cli(["serve", "--bind", "127.0.0.1", "--port", "70000", "--data-dir", str(tmp_path / "var")],
                   cwd=tmp_path)
    assert_refuses_to_start(proc, port, "--port")


def test_port_in_use_is_reported(make_server, tmp_path):
    s = make_server()
    proc = run_cli(["serve", "--bind", "127.0.0.1", "--port", str(s.port), "--data-dir", str(tmp_path / "other")],
                   cwd=tmp_path)
    assert proc.returncode != 0
    assert str(s.port) in proc.stdout + proc.stderr
    assert s.get("/health").status_code == 200
