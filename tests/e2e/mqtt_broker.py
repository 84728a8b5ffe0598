"""A private mosquitto broker for tests and benchmarks: /usr/sbin/mosquitto
on a free port with its own config and persistence directory."""
from __future__ import annotations

import socket
import subprocess
import time
from pathlib import Path

MOSQUITTO = Path("/usr/sbin/mosquitto")
MOSQUITTO_PUB = "mosquitto_pub"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Mosquitto:
    def __init__(self, workdir: Path):
        if not MOSQUITTO.is_file():
            raise RuntimeError(f"{MOSQUITTO} is missing: install mosquitto (scripts/install-deps.sh)")
        self.workdir = Path(workdir)
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.port = _free_port()
        self.proc: subprocess.Popen | None = None
        (self.workdir / "data").mkdir(exist_ok=True)
        # mosquitto started as root drops to its own user: let it write its store.
        (self.workdir / "data").chmod(0o777)
        self.conf = self.workdir / "mosquitto.conf"
        self.conf.write_text(
            f"listener {self.port} 127.0.0.1\n"
            "allow_anonymous true\n"
            "persistence true\n"
            f"persistence_location {self.workdir / 'data'}/\n"
            "max_queued_messages 0\n"
            "max_inflight_messages 1000\n"
            "log_dest stderr\n")

    @property
    def url(self) -> str:
        return f"mqtt://127.0.0.1:{self.port}"

    def start(self) -> "Mosquitto":
        self.log = open(self.workdir / "mosquitto.log", "ab")
        self.proc = subprocess.Popen([str(MOSQUITTO), "-c", str(self.conf)], stdout=self.log,
                                     stderr=self.log, stdin=subprocess.DEVNULL)
        end = time.monotonic() + 10
        while time.monotonic() < end:
            if self.proc.poll() is not None:
                raise RuntimeError(f"mosquitto exited: {(self.workdir / 'mosquitto.log').read_text()}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                    return self
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("mosquitto did not listen within 10 s")

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        if self.proc:
            self.log.close()
        self.proc = None

    def publish(self, topic: str, payload: str, qos: int = 1) -> None:
        subprocess.run([MOSQUITTO_PUB, "-h", "127.0.0.1", "-p", str(self.port), "-q", str(qos),
                        "-t", topic, "-m", payload], check=True, timeout=20)

    def publish_lines(self, topic: str, lines: list[str], qos: int = 1) -> None:
        """One message per line, over one connection (mosquitto_pub -l)."""
        subprocess.run([MOSQUITTO_PUB, "-h", "127.0.0.1", "-p", str(self.port), "-q", str(qos),
                        "-t", topic, "-l"], input="\n".join(lines) + "\n", text=True, check=True,
                       timeout=60)
