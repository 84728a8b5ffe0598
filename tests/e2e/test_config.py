"""Configuration precedence end to end: defaults < stadtkern.toml < STADTKERN_* < flags."""
from __future__ import annotations

import socket

import pytest

from conftest import Server, free_port, run_cli


def distinct_free_ports(n: int) -> list[int]:
    ports: list[int] = []
    while len(ports) < n:
        p = free_port()
        if p not in ports:
            ports.append(p)
    return ports


def listening(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


def start_in(workdir, *, port: int, env: dict | None = None, flag_port: int | None = None) -> Server:
    """Starts without --port unless flag_port is given; `port` is where it
    should end up listening."""
    s = Server(workdir / f"srv-{port}", env=env, cwd=workdir, port=port, pass_port=False,
               args=["--port", str(flag_port)] if flag_port else None)
    return s.start()


@pytest.mark.parametrize("sources", ["file+env+flag", "file+env", "file"])
def test_port_precedence(tmp_path, sources):
    a, b, c = distinct_free_ports(3)
    (tmp_path / "stadtkern.toml").write_text(f'# written by test_config.py\nport = {a}\n')
    env = {"STADTKERN_PORT": str(b)} if "env" in sources else None
    flag = c if "flag" in sources else None
    expected = {"file+env+flag": c, "file+env": b, "file": a}[sources]
    s = start_in(tmp_path, port=expected, env=env, flag_port=flag)
    try:
        assert s.get("/health").status_code == 200
        for other in {a, b, c} - {expected}:
            assert not listening(other), f"also listening on {other}"
    finally:
        s.finish()


def test_nested_limits_table_is_applied(tmp_path):
    (tmp_path / "stadtkern.toml").write_text("[limits]\nheader_bytes = 2048\n")
    port = free_port()
    s = Server(tmp_path / "srv", cwd=tmp_path, port=port).start()
    try:
        assert s.get("/health", headers={"X-Pad": "p" * 1000}).status_code == 200
        assert s.get("/health", headers={"X-Pad": "p" * 4000}).status_code == 431
    finally:
        s.finish()


def test_explicit_config_file(tmp_path):
    port = free_port()
    s = Server(tmp_path / "srv", config=f'port = {port}\nbind = "127.0.0.1"\n', port=port, pass_port=False)
    s.start()
    try:
        assert s.get("/health").status_code == 200
    finally:
        s.finish()


@pytest.mark.parametrize("text,key", [
    ('colour = "blue"\n', "colour"),
    ("[limits]\nbody_byte = 10\n", "limits.body_byte"),
    ("[server]\nport = 8080\n", "server.port"),
])
def test_unknown_key_in_file_is_refused(tmp_path, text, key):
    (tmp_path / "stadtkern.toml").write_text(text)
    port = free_port()
    proc = run_cli(["serve", "--bind", "127.0.0.1", "--port", str(port), "--data-dir", str(tmp_path / "var")],
                   cwd=tmp_path)
    output = proc.stdout + proc.stderr
    assert proc.returncode == 2, output
    assert key in output, output
    assert "stadtkern.toml" in output, output
    assert not listening(port)


def test_wrong_value_in_file_names_file_and_key(tmp_path):
    (tmp_path / "stadtkern.toml").write_text('[limits]\nread_timeout = "soon"\n')
    proc = run_cli(["serve", "--port", str(free_port()), "--data-dir", str(tmp_path / "var")], cwd=tmp_path)
    output = proc.stdout + proc.stderr
    assert proc.returncode == 2, output
    assert "limits.read_timeout" in output and "stadtkern.toml" in output, output


def test_broken_toml_is_refused(tmp_path):
    (tmp_path / "stadtkern.toml").write_text("port = = 1\n")
    proc = run_cli(["serve", "--port", str(free_port()), "--data-dir", str(tmp_path / "var")], cwd=tmp_path)
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert "stadtkern.toml" in proc.stdout + proc.stderr


def test_missing_config_file_is_refused(tmp_path):
    port = free_port()
    proc = run_cli(["--config", "missing.toml", "serve", "--bind", "127.0.0.1", "--port", str(port),
                    "--data-dir", str(tmp_path / "var")], cwd=tmp_path)
    output = proc.stdout + proc.stderr
    assert proc.returncode == 2, output
    assert "missing.toml" in output, output
    assert not listening(port)


def test_unknown_flag_is_refused(tmp_path):
    proc = run_cli(["serve", "--colour", "blue"], cwd=tmp_path)
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert "colour" in proc.stdout + proc.stderr
