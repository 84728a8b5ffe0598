"""The Postfach end to end: the reminder the demo writes for Tom at start,
marking read, deleting, and that nobody else can touch his messages."""
from __future__ import annotations

import time

import pytest

from conftest import Server, assert_problem
from test_accounts import FAST, origin, register, session_of


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    s = Server(tmp_path_factory.mktemp("inbox"), env=FAST, args=["--demo"]).start()
    assert register(s, "bea", "bea@example.org").status_code == 201
    yield s
    s.finish()


def inbox(s: Server, cookies) -> dict:
    r = s.get("/api/me/inbox", cookies=cookies)
    assert r.status_code == 200, r.text
    assert r.headers["Cache-Control"] == "no-store"
    return r.json()


def toms_reminder(s: Server, tom) -> dict:
    deadline = time.monotonic() + 30
    while not (items := inbox(s, tom)["items"]):
        assert time.monotonic() < deadline, "no reminder for tom"
        time.sleep(0.1)
    return items[0]


def post(s: Server, path: str, cookies, **kw):
    return s.request("POST", path, cookies=cookies, headers=origin(s), **kw)


def delete(s: Server, path: str, cookies):
    return s.request("DELETE", path, cookies=cookies, headers=origin(s))


def test_the_reminder_offers_an_appointment(demo):
    tom = session_of(demo, "tom", "tom")
    message = toms_reminder(demo, tom)
    assert message["subject"] == "Dein Reisepass läuft in 4 Monaten ab"
    assert message["body"].startswith("Hallo Tom! Dein Reisepass (Nr. C01X••••7K) läuft in 4 Monaten ab")
    assert "Soll ich Dir einen Termin zur Verlängerung machen?" in message["body"]
    assert message["action"] == {"label": "Termin vereinbaren",
                                 "url": "/assistent?frage=Mein%20Reisepass%20l%C3%A4uft%20bald%20ab.%20Ich%20brauche%20einen%20Termin."}
    assert message["read"] is False and message["read_at"] is None
    assert message["created_at"].endswith("Z")
    assert inbox(demo, tom)["unread"] == 1


def test_read_and_delete_only_ones_own_messages(demo):
    tom, bea = session_of(demo, "tom", "tom"), session_of(demo, "bea", "ein-gutes-passwort")
    anna = session_of(demo, "anna", "anna")
    message_id = toms_reminder(demo, tom)["id"]
    assert inbox(demo, bea) == {"items": [], "unread": 0, "next": None}
    for other in (bea, anna):
        assert_problem(post(demo, f"/api/me/inbox/{message_id}/read", other), 404)
        assert_problem(delete(demo, f"/api/me/inbox/{message_id}", other), 404)
    assert_problem(post(demo, "/api/me/inbox/unbekannt/read", tom), 404)
    assert_problem(demo.get("/api/me/inbox", cookies=bea, params={"before": message_id}), 404)
    for limit in ("0", "201", "zehn", ""):
        assert_problem(demo.get("/api/me/inbox", cookies=tom, params={"limit": limit}), 400)
    assert_problem(demo.get("/api/me/inbox"), 401)
    assert_problem(demo.request("DELETE", f"/api/me/inbox/{message_id}", cookies=tom,
                                headers={"Origin": "http://evil.example"}), 403)
    assert inbox(demo, tom)["unread"] == 1, "nobody else changed it"

    assert post(demo, f"/api/me/inbox/{message_id}/read", tom).status_code == 204
    listing = inbox(demo, tom)
    assert listing["unread"] == 0 and listing["items"][0]["read"] is True
    assert listing["items"][0]["read_at"].endswith("Z")
    assert delete(demo, f"/api/me/inbox/{message_id}", tom).status_code == 204
    assert inbox(demo, tom)["items"] == []
    assert_problem(delete(demo, f"/api/me/inbox/{message_id}", tom), 404)
    assert_problem(post(demo, f"/api/me/inbox/{message_id}/read", tom), 404)


def test_the_export_holds_the_inbox_and_documents(make_server):
    s = make_server(env=FAST, args=["--demo"])
    tom = session_of(s, "tom", "tom")
    toms_reminder(s, tom)
    data = s.get("/api/me/export", cookies=tom).json()
    assert [m["subject"] for m in data["inbox"]] == ["Dein Reisepass läuft in 4 Monaten ab"]
    assert {d["number"] for d in data["documents"]} == {"C01X00T47K", "L01X00T471"}


def test_deleting_the_account_erases_documents_and_messages(make_server):
    import sqlite3
    s = make_server(env=FAST, args=["--demo"])
    assert register(s, "lena", "lena@example.org").status_code == 201
    lena = session_of(s, "lena", "ein-gutes-passwort")
    lena_id = s.get("/api/me", cookies=lena).json()["id"]
    anna = session_of(s, "anna", "anna")
    csv = ("username,kind,number,issue_date,expiry_date,authority\n"
           "lena,reisepass,C33X00T47K,2017-01-02,2027-01-01,Stadt\n")
    assert post(s, "/api/documents/import", anna, data=csv).status_code == 200
    r = s.request("DELETE", "/api/me", cookies=lena, headers=origin(s),
                  json={"password": "ein-gutes-passwort"})
    assert r.status_code in (200, 204), r.text
    with sqlite3.connect(f"file:{s.data_dir / 'stadtkern.db'}?mode=ro", uri=True) as db:
        assert db.execute("SELECT COUNT(*) FROM documents_register WHERE owner_id = ?",
                          (lena_id,)).fetchone()[0] == 0
        assert db.execute("SELECT COUNT(*) FROM inbox_messages WHERE user_id = ?",
                          (lena_id,)).fetchone()[0] == 0
        assert db.execute("SELECT COUNT(*) FROM documents_register").fetchone()[0] == 2, \
            "tom's documents stay"
