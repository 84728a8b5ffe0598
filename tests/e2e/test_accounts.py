"""The Bürgerkonto end to end: login and the session cookie, /api/me, logout
(here and everywhere), throttling, the Origin check, malformed input,
registration with e-mail verification and the password reset. Mails are read
from the outbox table of the server's database (the delivery by SMTP is a
later step)."""
from __future__ import annotations

import re
import sqlite3
import time

import pytest
import requests

from conftest import REPO, Server, assert_problem

FAST = {"STADTKERN_ACCOUNTS_PASSWORD_COST": "minimal"}
TOKEN = re.compile(r"#token=([a-z2-7]{52})")


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """A demo server shared by the tests that do not throttle it (fewer than
    five failed logins per account and twenty per address in this module)."""
    s = Server(tmp_path_factory.mktemp("accounts"), env=FAST, args=["--demo"]).start()
    yield s
    s.finish()


def origin(s: Server) -> dict[str, str]:
    return {"Origin": f"http://127.0.0.1:{s.port}"}


def login(s: Server, username: str, password: str, **kw) -> requests.Response:
    return s.request("POST", "/api/auth/login", json={"username": username, "password": password},
                     **kw)


def session_of(s: Server, username: str, password: str) -> dict[str, str]:
    r = login(s, username, password)
    assert r.status_code == 200, r.text
    return {"sk_session": r.cookies["sk_session"]}


def me(s: Server, cookies: dict[str, str] | None) -> requests.Response:
    return s.get("/api/me", cookies=cookies)


def post(s: Server, path: str, cookies=None, **kw) -> requests.Response:
    return s.request("POST", path, cookies=cookies, headers=origin(s), **kw)


def mailed_token(s: Server, recipient: str) -> str:
    """The token of the newest unsent mail to recipient, read from the database."""
    with sqlite3.connect(f"file:{s.data_dir / 'stadtkern.db'}?mode=ro", uri=True) as db:
        row = db.execute("SELECT body FROM mail_outbox WHERE recipient = ? AND sent_at IS NULL "
                         "ORDER BY created_at DESC, rowid DESC LIMIT 1", (recipient,)).fetchone()
    assert row, f"no mail to {recipient}"
    m = TOKEN.search(row[0])
    assert m, row[0]
    return m.group(1)


def register(s: Server, username: str, email: str, password: str = "ein-gutes-passwort") -> requests.Response:
    return s.request("POST", "/api/auth/register", json={
        "username": username, "display_name": f"{username.title()} Beispiel", "email": email,
        "password": password})


def test_login_sets_a_strict_http_only_cookie(demo):
    r = login(demo, "Tom", "tom")
    assert r.status_code == 200, r.text
    assert r.json()["user"] == {**r.json()["user"], "username": "tom", "display_name": "Tom Müller",
                                "email": "tom.mueller@example.org", "role": "citizen",
                                "email_verified": True}
    cookie = r.headers["Set-Cookie"]
    assert re.match(r"^sk_session=[a-z2-7]{52};", cookie), cookie
    attributes = {a.strip().split("=")[0].lower() for a in cookie.split(";")[1:]}
    assert {"httponly", "samesite", "path", "max-age"} <= attributes
    assert "SameSite=Strict" in cookie and "Path=/" in cookie and "Max-Age=43200" in cookie
    assert "secure" not in attributes  # the demo runs on http://localhost
    assert r.headers["Cache-Control"] == "no-store"
    assert r.headers["X-Frame-Options"] == "DENY"


def test_me_needs_the_session_cookie(demo):
    cookies = session_of(demo, "anna", "anna")
    r = me(demo, cookies)
    assert r.status_code == 200
    assert r.headers["Cache-Control"] == "no-store"
    body = r.json()
    assert set(body) == {"id", "username", "display_name", "email", "role", "department",
                         "email_verified"}
    assert (body["role"], body["department"], body["display_name"]) == ("staff", "Bürgeramt",
                                                                        "Anna Schmidt")
    assert len(body["id"]) >= 26
    assert_problem(me(demo, None), 401)
    assert_problem(me(demo, {"sk_session": "x" * 52}), 401)
    assert_problem(me(demo, {"sk_session": "a" * 52}), 401)


def test_logout_ends_the_session_and_a_new_login_is_a_new_session(demo):
    first = session_of(demo, "admin", "admin")
    assert me(demo, first).json()["role"] == "admin"
    r = post(demo, "/api/auth/logout", cookies=first)
    assert r.status_code == 204
    assert "Max-Age=0" in r.headers["Set-Cookie"] and r.headers["Set-Cookie"].startswith("sk_session=;")
    assert_problem(me(demo, first), 401)
    second = session_of(demo, "admin", "admin")
    assert second["sk_session"] != first["sk_session"]
    assert me(demo, second).status_code == 200
    # Logging out without a session is harmless.
    assert post(demo, "/api/auth/logout").status_code == 204


def test_logout_everywhere_ends_the_other_sessions(demo):
    laptop, phone = session_of(demo, "tom", "tom"), session_of(demo, "tom", "tom")
    other_user = session_of(demo, "anna", "anna")
    assert me(demo, phone).status_code == 200
    assert post(demo, "/api/auth/logout-all", cookies=laptop).status_code == 204
    assert_problem(me(demo, laptop), 401)
    assert_problem(me(demo, phone), 401)
    assert me(demo, other_user).status_code == 200
    assert_problem(post(demo, "/api/auth/logout-all"), 401)


def test_wrong_password_and_unknown_user_get_the_same_answer(demo):
    wrong = assert_problem(login(demo, "tom", "falsch"), 401)
    unknown = assert_problem(login(demo, "niemand", "falsch"), 401)
    for key in ("type", "title", "detail"):
        assert wrong[key] == unknown[key]
    assert "Set-Cookie" not in login(demo, "anna", "falsch").headers


def test_a_foreign_origin_is_refused(demo):
    cookies = session_of(demo, "anna", "anna")
    evil = {"Origin": "http://evil.example"}
    assert_problem(demo.request("POST", "/api/auth/logout", cookies=cookies, headers=evil), 403)
    assert_problem(demo.request("POST", "/api/auth/logout-all", cookies=cookies, headers=evil), 403)
    assert me(demo, cookies).status_code == 200, "the session survived"
    # Without a cookie too: no login from another site (login CSRF).
    r = demo.request("POST", "/api/auth/login", json={"username": "anna", "password": "anna"},
                     headers=evil)
    assert_problem(r, 403)


def test_malformed_requests_are_problems(demo):
    for body in ["{", "[]", "null", '{"username": 1, "password": "x"}', '{"username": "tom"}',
                 '{"username": "tom", "password": ["tom"]}']:
        r = demo.request("POST", "/api/auth/login", data=body,
                         headers={"Content-Type": "application/json"})
        assert_problem(r, 400)
    assert_problem(demo.request("POST", "/api/auth/login", data=b"\xff\xfe"), 400)
    huge = '{"username": "tom", "password": "' + "x" * 17000 + '"}'
    assert_problem(demo.request("POST", "/api/auth/login", data=huge), 413)
    assert_problem(login(demo, "tom", "x" * 1001), 400)
    assert_problem(demo.request("POST", "/api/auth/register", json={"username": "a"}), 400)
    assert_problem(demo.request("POST", "/api/auth/verify", json={"token": 5}), 400)
    assert_problem(demo.request("POST", "/api/auth/password-reset", json={"email": "kein"}), 400)
    assert_problem(demo.request("POST", "/api/auth/password-reset/confirm", json={}), 400)


def test_registration_and_email_verification(demo):
    r = register(demo, "Lena", "Lena@Example.org")
    assert r.status_code == 201, r.text
    assert r.json()["user"]["email_verified"] is False
    assert r.json()["user"]["role"] == "citizen"
    assert_problem(register(demo, "lena2", "lena@example.org", "kurz"), 400)
    taken = [assert_problem(register(demo, "LENA", "neu@example.org"), 409),
             assert_problem(register(demo, "lena3", "LENA@example.ORG"), 409)]
    assert taken[0]["detail"] == taken[1]["detail"] == \
        "Benutzername oder E-Mail-Adresse ist bereits vergeben."

    cookies = session_of(demo, "lena", "ein-gutes-passwort")  # unverified, yet allowed in
    assert me(demo, cookies).json()["email_verified"] is False
    token = mailed_token(demo, "Lena@Example.org")
    assert demo.request("POST", "/api/auth/verify", json={"token": token}).status_code == 204
    assert me(demo, cookies).json()["email_verified"] is True
    assert_problem(demo.request("POST", "/api/auth/verify", json={"token": token}), 400)


def test_password_reset_ends_the_old_sessions(demo):
    assert register(demo, "jonas", "jonas@example.org").status_code == 201
    old = session_of(demo, "jonas", "ein-gutes-passwort")
    unknown = demo.request("POST", "/api/auth/password-reset", json={"email": "wer@example.org"})
    known = demo.request("POST", "/api/auth/password-reset", json={"email": "JONAS@example.org"})
    assert unknown.status_code == known.status_code == 202
    assert unknown.json() == known.json()
    token = mailed_token(demo, "jonas@example.org")
    confirm = {"token": token, "password": "ganz-neues-passwort"}
    r = demo.request("POST", "/api/auth/password-reset/confirm", json=confirm)
    assert r.status_code == 204
    assert_problem(me(demo, old), 401)
    assert_problem(demo.request("POST", "/api/auth/password-reset/confirm", json=confirm), 400)
    assert_problem(login(demo, "jonas", "ein-gutes-passwort"), 401)
    assert me(demo, session_of(demo, "jonas", "ganz-neues-passwort")).json()["email_verified"]


def test_routes_are_documented(demo):
    paths = demo.get("/api/openapi.json").json()["paths"]
    for path in ["/api/auth/login", "/api/auth/logout", "/api/auth/logout-all", "/api/me",
                 "/api/auth/register", "/api/auth/verify", "/api/auth/password-reset",
                 "/api/auth/password-reset/confirm"]:
        assert path in paths, path


def test_repeated_failures_are_throttled(make_server):
    s = make_server(env=FAST, args=["--demo"])
    for _ in range(5):
        assert_problem(login(s, "tom", "falsch"), 401)
    for password in ["falsch", "tom"]:  # now even the right password waits
        r = login(s, "TOM", password)
        assert_problem(r, 429)
        assert 0 < int(r.headers["Retry-After"]) <= 900
    assert login(s, "anna", "anna").status_code == 200, "other accounts are not affected"
    # Per client address: 20 failures in 15 minutes, whichever accounts.
    for i in range(15):
        assert_problem(login(s, f"gast{i}", "falsch"), 401)
    r = login(s, "anna", "anna")
    assert_problem(r, 429)
    assert int(r.headers["Retry-After"]) > 0


def test_demo_accounts_exist_only_in_demo_mode(make_server):
    s = make_server(env=FAST)
    for user in ["tom", "anna", "admin"]:
        assert_problem(login(s, user, user), 401)
    assert "Demo-Konten" not in s.stdout()

    d = make_server(env=FAST, args=["--demo"])
    assert "Demo-Konten: tom/tom (Bürger), anna/anna (Bürgerbüro), admin/admin (Verwaltung)" \
        in d.stdout()
    cookies = session_of(d, "tom", "tom")
    d.restart()  # seeding again changes nothing; sessions live in the database
    assert me(d, cookies).json()["username"] == "tom"
    d.restart(args=[])  # the same data dir without --demo: the demo accounts are off
    assert_problem(login(d, "admin", "admin"), 401)
    assert_problem(me(d, cookies), 401)


# --- docs/authorization.md is executable ------------------------------------

MATRIX = REPO / "docs" / "authorization.md"
CALLERS = ["anonymous", "citizen A", "citizen B", "staff", "admin"]
CREDENTIALS = {"citizen A": ("tom", "tom"), "citizen B": ("bea", "ein-gutes-passwort"),
               "staff": ("anna", "anna"), "admin": ("admin", "admin")}
SINGLE_STATUS = re.compile(r"^(\d{3})(?!.*\d{3})")


def matrix_rows() -> list[tuple[str, str, list[str]]]:
    rows = []
    for line in MATRIX.read_text().splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        m = re.fullmatch(r"`(GET|POST|PUT|PATCH|DELETE) (/[^`]*)`", cells[0]) if cells else None
        if m and len(cells) == 1 + len(CALLERS):
            rows.append((m.group(1), m.group(2), cells[1:]))
    return rows


# Query strings that make a request well-formed where the route needs one.
EXAMPLE_QUERY = {
    "/api/appointments/slots": "?service=reisepass-beantragen",
    "/api/offices/{id}/appointments": "?week=2026-W48",
}


def tom_appointment(s: Server) -> str:
    """The code of an appointment that citizen A (tom) books logged in at a
    Bürgerbüro (staff anna's department)."""
    slots = s.get("/api/appointments/slots?service=reisepass-beantragen&office=buergerbuero-mitte"
                  "&limit=1").json()["items"]
    r = s.request("POST", "/api/appointments", cookies=session_of(s, "tom", "tom"), headers=origin(s),
                  json={"service": "reisepass-beantragen", "office": "buergerbuero-mitte",
                        "start": slots[0]["start"]})
    assert r.status_code == 201, r.text
    return r.json()["code"]


def test_the_authorization_matrix_holds(demo):
    if not any(p == "/api/auth/register" for _, p, _ in matrix_rows()):
        pytest.fail("docs/authorization.md has no Bürgerkonto table")
    assert register(demo, "bea", "bea@example.org").status_code in (201, 409)
    office = demo.get("/api/offices").json()["items"][0]["id"]
    examples, bodies = citizen_a_examples(demo)
    code = tom_appointment(demo)
    checked = 0
    for method, path, cells in matrix_rows():
        concrete = path.replace("/api/offices/{id}/", "/api/offices/buergerbuero-mitte/").replace(
            "/api/offices/{id}", f"/api/offices/{office}").replace(
            "/api/services/{id}", "/api/services/reisepass-beantragen").replace(
            "{code}", code).replace("{block}", "no-such-block") + EXAMPLE_QUERY.get(path, "")
        for pattern, value in examples.items():
            concrete = concrete.replace(pattern, value)
        assert "{" not in concrete, f"add an example id for {path} to this test"
        for caller, cell in zip(CALLERS, cells):
            m = SINGLE_STATUS.match(cell)
            if not m:
                continue
            cookies = session_of(demo, *CREDENTIALS[caller]) if caller in CREDENTIALS else None
            r = demo.request(method, concrete, cookies=cookies, json=bodies.get(path),
                             headers=origin(demo) if method != "GET" else {})
            assert r.status_code == int(m.group(1)), f"{method} {path} as {caller}: {r.status_code}"
            checked += 1
    assert checked >= 90


def citizen_a_examples(s: Server) -> tuple[dict[str, str], dict[str, dict]]:
    """Ids of citizen A (tom) for the {placeholders} of the matrix, and the
    bodies of routes that need one: tom's Reisepass (seeded by --demo) and
    the reminder about it (written by the reminder job at start)."""
    tom = session_of(s, "tom", "tom")
    user_id = me(s, tom).json()["id"]
    passport = next(d["id"] for d in s.get("/api/me/documents", cookies=tom).json()["items"]
                    if d["kind"] == "reisepass")
    deadline = time.monotonic() + 30
    while not (messages := s.get("/api/me/inbox", cookies=tom).json()["items"]):
        assert time.monotonic() < deadline, "the reminder job wrote no message for tom"
        time.sleep(0.1)
    return ({"/api/documents/{id}": f"/api/documents/{passport}",
             "/api/me/documents/{id}": f"/api/me/documents/{passport}",
             "/api/me/inbox/{id}": f"/api/me/inbox/{messages[0]['id']}",
             "{user_id}": user_id},
            {"/api/me/documents/{id}/report": {"status": "verloren"},
             "/api/documents/{id}/status": {"status": "gueltig"},
             "/api/assistant/turn": {"text": "Was kostet ein Reisepass?"}})


def test_every_documented_route_is_in_the_matrix(demo):
    rows = {(method.lower(), path) for method, path, _ in matrix_rows()}
    for path, item in demo.get("/api/openapi.json").json()["paths"].items():
        for method in item:
            if method in ("get", "post", "put", "patch", "delete"):
                assert (method, path) in rows, f"{method.upper()} {path} is not in {MATRIX.name}"
