"""Mail delivery end to end: with mail.smtp_url the outbox is delivered by
SMTP (here to a tiny sink written with socketserver); a registration mail
arrives with its verification link, the link works, and the outbox keeps no
body of a sent mail. Without a reachable server mails stay queued and are
retried; without mail.smtp_url the log says once that they stay queued."""
from __future__ import annotations

import email
import email.policy
import re
import socketserver
import sqlite3
import threading
import time

import pytest

from conftest import Server, free_port, run_cli
from test_accounts import FAST, TOKEN, origin, register


class SmtpSink(socketserver.ThreadingTCPServer):
    """Accepts every mail and keeps (envelope sender, recipients, message bytes)."""
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), SmtpHandler)
        self.mails: list[tuple[str, list[str], bytes]] = []
        self.arrived = threading.Condition()
        threading.Thread(target=self.serve_forever, daemon=True).start()

    @property
    def url(self) -> str:
        return f"smtp://127.0.0.1:{self.server_address[1]}"

    def wait_for(self, count: int, deadline: float = 30.0):
        with self.arrived:
            assert self.arrived.wait_for(lambda: len(self.mails) >= count, deadline), \
                f"{len(self.mails)} mail(s) arrived, expected {count}"
            return list(self.mails)


class SmtpHandler(socketserver.StreamRequestHandler):
    def reply(self, line: str) -> None:
        self.wfile.write(line.encode() + b"\r\n")

    def handle(self) -> None:
        self.reply("220 sink ESMTP")
        sender, recipients = "", []
        while line := self.rfile.readline():
            command = line.decode("ascii", "replace").strip()
            verb = command.split(" ", 1)[0].upper()
            if verb in ("EHLO", "HELO"):
                self.reply("250 sink")
            elif verb == "MAIL":
                sender, recipients = command[10:].strip("<>"), []
                self.reply("250 ok")
            elif verb == "RCPT":
                recipients.append(command[8:].strip("<>"))
                self.reply("250 ok")
            elif verb == "DATA":
                self.reply("354 end with <CRLF>.<CRLF>")
                data = b""
                while (chunk := self.rfile.readline()) not in (b".\r\n", b""):
                    data += chunk[1:] if chunk.startswith(b"..") else chunk
                with self.server.arrived:
                    self.server.mails.append((sender, recipients, data))
                    self.server.arrived.notify_all()
                self.reply("250 queued")
            elif verb == "QUIT":
                self.reply("221 bye")
                return
            else:  # RSET, NOOP, …
                self.reply("250 ok")


@pytest.fixture
def sink():
    s = SmtpSink()
    yield s
    s.shutdown()
    s.server_close()


def mail_env(url: str) -> dict[str, str]:
    return {**FAST, "STADTKERN_MAIL_SMTP_URL": url, "STADTKERN_MAIL_FROM": "buergerkonto@musterstadt.example",
            "STADTKERN_MAIL_INTERVAL_SECONDS": "1", "STADTKERN_MAIL_REQUIRE_TLS": "false"}


def outbox_rows(s: Server, recipient: str) -> list[tuple]:
    with sqlite3.connect(f"file:{s.data_dir / 'stadtkern.db'}?mode=ro", uri=True) as db:
        return db.execute("SELECT body, sent_at, attempts FROM mail_outbox WHERE recipient = ?",
                          (recipient,)).fetchall()


def test_a_registration_mail_arrives_with_a_working_link(make_server, sink):
    s = make_server(env=mail_env(sink.url))
    assert register(s, "lena", "lena@example.org").status_code == 201
    sender, recipients, data = sink.wait_for(1)[0]
    assert sender == "buergerkonto@musterstadt.example" and recipients == ["lena@example.org"]
    message = email.message_from_bytes(data, policy=email.policy.default)
    assert message["To"] == "lena@example.org"
    assert message["Subject"] == "Stadtkern: Bitte bestätigen Sie Ihre E-Mail-Adresse"
    body = message.get_content()
    assert "Guten Tag Lena Beispiel" in body
    token = TOKEN.search(body)
    assert token, body
    assert s.request("POST", "/api/auth/verify", json={"token": token.group(1)},
                     headers=origin(s)).status_code == 204
    deadline = time.monotonic() + 30
    while True:  # the sender marks it sent right after the sink's 250
        rows = outbox_rows(s, "lena@example.org")
        if rows and rows[0][1] is not None:
            break
        assert time.monotonic() < deadline, rows
        time.sleep(0.1)
    assert rows[0][0] == "", "the one-time link does not stay in the outbox"


def test_the_reminder_mail_reaches_a_verified_address(make_server, sink):
    s = make_server(env=mail_env(sink.url), args=["--demo"])
    mails = sink.wait_for(1)
    message = email.message_from_bytes(mails[0][2], policy=email.policy.default)
    assert mails[0][1] == ["tom.mueller@example.org"]
    assert message["Subject"] == "Stadtkern: Dein Reisepass läuft in 4 Monaten ab"
    assert "/termine/buchen?service=reisepass-beantragen" in message.get_content()


def test_links_in_mails_start_with_the_public_url(make_server):
    s = make_server(env={**FAST, "STADTKERN_PUBLIC_URL": "https://stadt.example/"}, args=["--demo"])
    assert register(s, "ole", "ole@example.org").status_code == 201
    (body, _, _), = outbox_rows(s, "ole@example.org")
    assert re.search(r"^  https://stadt\.example/konto/bestaetigen#token=[a-z2-7]{52}$", body, re.M), body
    assert s.request("POST", "/api/auth/password-reset", json={"email": "ole@example.org"},
                     headers=origin(s)).status_code == 202
    bodies = [row[0] for row in outbox_rows(s, "ole@example.org")]
    assert any("https://stadt.example/konto/passwort-neu#token=" in b for b in bodies), bodies
    deadline = time.monotonic() + 30  # the demo's reminder to Tom is written at start
    while not (rows := outbox_rows(s, "tom.mueller@example.org")):
        assert time.monotonic() < deadline
        time.sleep(0.1)
    assert "Termin vereinbaren: https://stadt.example/termine/buchen?service=reisepass-beantragen" \
        in rows[0][0], rows[0][0]


def test_without_a_reachable_server_mails_wait_and_are_retried(make_server):
    s = make_server(env=mail_env(f"smtp://127.0.0.1:{free_port()}"))
    assert register(s, "jonas", "jonas@example.org").status_code == 201
    deadline = time.monotonic() + 30
    while not ((rows := outbox_rows(s, "jonas@example.org")) and rows[0][2] >= 1):
        assert time.monotonic() < deadline, rows
        time.sleep(0.1)
    body, sent_at, attempts = rows[0]
    assert sent_at is None and TOKEN.search(body), "still queued with its link for the next try"
    s.wait_for_log(r"not delivered \(attempt 1\)")


def test_without_smtp_mails_stay_queued_and_the_log_says_so_once(make_server):
    s = make_server(env=FAST)
    assert register(s, "mia", "mia@example.org").status_code == 201
    s.wait_for_log("mail.smtp_url is not set")
    assert len(re.findall("mail.smtp_url is not set", s.stderr())) == 1
    rows = outbox_rows(s, "mia@example.org")
    assert len(rows) == 1 and rows[0][1] is None and TOKEN.search(rows[0][0])


@pytest.mark.parametrize("env, message", [
    ({"STADTKERN_REMINDERS_WINDOWS_DAYS": "180,abc"}, "STADTKERN_REMINDERS_WINDOWS_DAYS"),
    ({"STADTKERN_REMINDERS_WINDOWS_DAYS": "30,30"}, "must not repeat"),
    ({"STADTKERN_REMINDERS_TIME": "7 Uhr"}, "STADTKERN_REMINDERS_TIME"),
    ({"STADTKERN_MAIL_SMTP_URL": "http://mail.example.org"}, "STADTKERN_MAIL_SMTP_URL"),
    ({"STADTKERN_MAIL_SMTP_URL": "smtp://127.0.0.1:25"}, "mail.from"),
    ({"STADTKERN_PUBLIC_URL": "https://stadt.example/portal"}, "STADTKERN_PUBLIC_URL"),
    ({"STADTKERN_PUBLIC_URL": "stadt.example"}, "STADTKERN_PUBLIC_URL"),
])
def test_bad_mail_and_reminder_settings_are_refused_at_start(tmp_path, env, message):
    proc = run_cli(["serve", "--bind", "127.0.0.1", "--port", str(free_port()),
                    "--data-dir", str(tmp_path / "var")], cwd=tmp_path, env=env)
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert message in proc.stdout + proc.stderr
