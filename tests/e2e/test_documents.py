"""The document register end to end: Tom (demo) sees his two documents with
masked numbers and the dates behind "Dein Reisepass läuft in 4 Monaten ab";
another citizen sees none of them and gets 404 for their ids; staff of the
Bürgeramt see full numbers and the audit log records it; the CSV import is
all or nothing with row and field in every error; the reminders CLI writes
one inbox message per window and document, and a second run none."""
from __future__ import annotations

import calendar
import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest

from conftest import Server, assert_problem, run_cli
from test_accounts import FAST, origin, register, session_of

HEADER = "username,kind,number,issue_date,expiry_date,authority,status\r\n"


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    s = Server(tmp_path_factory.mktemp("documents"), env=FAST, args=["--demo"]).start()
    assert register(s, "bea", "bea@example.org").status_code == 201
    yield s
    s.finish()


def add_months(d: dt.date, n: int) -> dt.date:
    """Calendar months; a day the target month lacks becomes its last day."""
    months = d.year * 12 + d.month - 1 + n
    y, m = divmod(months, 12)
    return dt.date(y, m + 1, min(d.day, calendar.monthrange(y, m + 1)[1]))


def berlin_today() -> dt.date:
    return dt.datetime.now(ZoneInfo("Europe/Berlin")).date()


def documents_of(s: Server, cookies) -> dict:
    r = s.get("/api/me/documents", cookies=cookies)
    assert r.status_code == 200, r.text
    assert r.headers["Cache-Control"] == "no-store"
    return r.json()


def by_kind(listing: dict) -> dict[str, dict]:
    return {d["kind"]: d for d in listing["items"]}


def post(s: Server, path: str, cookies, **kw):
    return s.request("POST", path, cookies=cookies, headers={**origin(s), **kw.pop("headers", {})},
                     **kw)


def import_csv(s: Server, cookies, text: str, dry_run: bool = False):
    return post(s, "/api/documents/import" + ("?dry_run=true" if dry_run else ""), cookies,
                data=text.encode("utf-8"), headers={"Content-Type": "text/csv"})


def user_id(s: Server, cookies) -> str:
    return s.get("/api/me", cookies=cookies).json()["id"]


def test_tom_sees_his_documents_masked_with_the_dates_of_the_promise(demo):
    tom = session_of(demo, "tom", "tom")
    listing = documents_of(demo, tom)
    today = dt.date.fromisoformat(listing["today"])
    assert abs((today - berlin_today()).days) <= 1  # the server's Berlin date (midnight races)
    docs = by_kind(listing)
    assert set(docs) == {"reisepass", "personalausweis"}
    passport, card = docs["reisepass"], docs["personalausweis"]
    assert passport["number"] == "C01X••••7K"
    assert passport["kind_label"] == "Reisepass" and passport["status"] == "gueltig"
    assert passport["expiry_date"] == add_months(today, 4).isoformat()  # "in 4 Monaten"
    assert passport["issue_date"] == add_months(add_months(today, 4), -120).isoformat()
    assert passport["days_until_expiry"] == (add_months(today, 4) - today).days
    assert card["number"] == "L01X••••71"
    assert card["expiry_date"] == add_months(today, 72).isoformat()
    assert card["issue_date"] == add_months(today, -48).isoformat()
    assert "C01X00T47K" not in str(listing) and "L01X00T471" not in str(listing)


def test_another_citizen_sees_none_of_toms_documents(demo):
    tom, bea = session_of(demo, "tom", "tom"), session_of(demo, "bea", "ein-gutes-passwort")
    passport = by_kind(documents_of(demo, tom))["reisepass"]
    assert documents_of(demo, bea)["items"] == []
    assert_problem(post(demo, f"/api/me/documents/{passport['id']}/report", bea,
                        json={"status": "verloren"}), 404)
    assert_problem(post(demo, "/api/me/documents/unbekannt/report", bea,
                        json={"status": "verloren"}), 404)
    assert_problem(demo.get(f"/api/citizens/{user_id(demo, tom)}/documents", cookies=bea), 403)
    assert_problem(post(demo, f"/api/documents/{passport['id']}/status", bea,
                        json={"status": "gestohlen"}), 403)
    assert by_kind(documents_of(demo, tom))["reisepass"]["status"] == "gueltig"
    assert_problem(demo.get("/api/me/documents"), 401)


def test_staff_see_full_numbers_and_the_audit_log_records_it(demo):
    tom, anna = session_of(demo, "tom", "tom"), session_of(demo, "anna", "anna")
    admin = session_of(demo, "admin", "admin")
    tom_id = user_id(demo, tom)
    r = demo.get(f"/api/citizens/{tom_id}/documents", cookies=anna)
    assert r.status_code == 200, r.text
    assert r.headers["Cache-Control"] == "no-store"
    assert {d["number"] for d in r.json()["items"]} == {"C01X00T47K", "L01X00T471"}
    entries = demo.get("/api/admin/audit", cookies=admin,
                       params={"subject": tom_id, "action": "documents.read"}).json()["entries"]
    assert entries, "anna's read is on record"
    assert entries[0]["actor"]["id"] == user_id(demo, anna)
    assert_problem(demo.get("/api/citizens/kein-konto/documents", cookies=anna), 404)
    # Tom reading his own documents is not audited.
    before = len(demo.get("/api/admin/audit", cookies=admin,
                          params={"subject": tom_id}).json()["entries"])
    documents_of(demo, tom)
    assert len(demo.get("/api/admin/audit", cookies=admin,
                        params={"subject": tom_id}).json()["entries"]) == before


def test_lost_and_stolen(demo):
    tom, anna = session_of(demo, "tom", "tom"), session_of(demo, "anna", "anna")
    card = by_kind(documents_of(demo, tom))["personalausweis"]
    path = f"/api/me/documents/{card['id']}/report"
    assert_problem(post(demo, path, tom, json={"status": "gueltig"}), 400)
    assert_problem(post(demo, path, tom, data="{kaputt", headers={"Content-Type": "application/json"}), 400)
    assert_problem(post(demo, path, tom, json={"status": 7}), 400)
    r = post(demo, path, tom, json={"status": "verloren"})
    assert r.status_code == 200, r.text
    assert r.json()["status"] == "verloren" and r.json()["number"] == "L01X••••71"
    assert by_kind(documents_of(demo, tom))["personalausweis"]["status"] == "verloren"
    r = post(demo, f"/api/documents/{card['id']}/status", anna, json={"status": "gueltig"})
    assert r.status_code == 200 and r.json()["number"] == "L01X00T471"
    assert by_kind(documents_of(demo, tom))["personalausweis"]["status"] == "gueltig"
    assert_problem(post(demo, "/api/documents/unbekannt/status", anna, json={"status": "gueltig"}), 404)
    assert_problem(demo.request("POST", path, cookies=tom, json={"status": "verloren"},
                                headers={"Origin": "http://evil.example"}), 403)


def test_csv_import_is_all_or_nothing_with_row_and_field_errors(demo):
    anna, bea = session_of(demo, "anna", "anna"), session_of(demo, "bea", "ein-gutes-passwort")
    bea_id = user_id(demo, bea)
    today = berlin_today()
    bad = (HEADER
           + f"bea,reisepass,C22X00T47K,2020-01-02,2030-01-01,Stadt Musterstadt,\r\n"
           + "bea,Bibliotheksausweis,C22X00T48K,2020-01-02,2030-01-01,Stadt,\r\n"
           + "bea,reisepass,C22X00T49K,2020-02-30,2030-01-01,Stadt,\r\n"
           + "niemand,reisepass,C22X00T50K,2020-01-02,2030-01-01,Stadt,verschollen\r\n"
           + "bea,reisepass,\"=cmd|' /C calc'!A0\",2020-01-02,2030-01-01,Stadt,\r\n")
    r = import_csv(demo, anna, bad)
    problem = assert_problem(r, 422)
    found = {(e["row"], e["field"]) for e in problem["errors"]}
    assert found == {(3, "kind"), (4, "issue_date"), (5, "username"), (5, "status"), (6, "number")}
    assert all(e["message"] for e in problem["errors"])
    assert demo.get(f"/api/citizens/{bea_id}/documents", cookies=anna).json()["items"] == []

    good = (HEADER
            + "bea,reisepass,C22X00T47K,2020-01-02,2030-01-01,Stadt Musterstadt,\r\n"
            + "bea,Führerschein,B072RRE2I55,2001-06-01,,\"Kreis Muster, Führerscheinstelle\",gueltig\r\n"
            + f"bea,personalausweis,L22X00T471,2014-01-02,{(today - dt.timedelta(days=3)).isoformat()},Stadt,abgelaufen\r\n")
    r = import_csv(demo, anna, good, dry_run=True)
    assert r.status_code == 200, r.text
    assert r.json() == {"dry_run": True, "imported": False, "rows": 3, "added": 3, "updated": 0}
    assert documents_of(demo, bea)["items"] == []
    r = import_csv(demo, anna, good)
    assert r.status_code == 200, r.text
    assert r.json()["imported"] is True and r.json()["added"] == 3
    mine = by_kind(documents_of(demo, bea))
    assert mine["reisepass"]["number"] == "C22X••••7K"
    assert mine["fuehrerschein"]["expiry_date"] is None
    assert mine["personalausweis"]["status"] == "abgelaufen"
    again = import_csv(demo, anna, good).json()
    assert (again["added"], again["updated"]) == (0, 3)

    assert_problem(import_csv(demo, bea, good), 403)
    assert_problem(import_csv(demo, None, good), 401)
    assert_problem(import_csv(demo, anna, ""), 422)
    assert_problem(import_csv(demo, anna, "x" * (3 * 1024 * 1024)), 413)
    assert_problem(post(demo, "/api/documents/import?dry_run=vielleicht", anna, data=good), 400)


def test_demo_documents_are_not_duplicated_on_restart_and_absent_without_demo(make_server):
    s = make_server(env=FAST, args=["--demo"])
    tom = session_of(s, "tom", "tom")
    first = documents_of(s, tom)["items"]
    s.restart()
    tom = session_of(s, "tom", "tom")
    assert documents_of(s, tom)["items"] == first
    plain = make_server(env=FAST)
    assert register(plain, "lena", "lena@example.org").status_code == 201
    assert documents_of(plain, session_of(plain, "lena", "ein-gutes-passwort"))["items"] == []


REMINDER_LINE = re.compile(r"(\d+) new message\(s\)")


def run_reminders(s: Server, day: dt.date) -> int:
    proc = run_cli(["reminders", "run", "--today", day.isoformat(), "--data-dir", str(s.data_dir),
                    "--log-level", "warn"], cwd=s.workdir)
    assert proc.returncode == 0, proc.stderr
    m = REMINDER_LINE.search(proc.stdout)
    assert m, proc.stdout
    return int(m.group(1))


def test_reminders_cli_writes_one_message_per_window_and_document(make_server):
    s = make_server(env=FAST, args=["--demo"])
    tom = session_of(s, "tom", "tom")
    docs = by_kind(documents_of(s, tom))
    passport = dt.date.fromisoformat(docs["reisepass"]["expiry_date"])
    card = dt.date.fromisoformat(docs["personalausweis"]["expiry_date"])
    s.wait_for_log(r"reminders for \d{4}-\d\d-\d\d: 1 new message")  # the run at start
    today = dt.date.fromisoformat(documents_of(s, tom)["today"])
    assert run_reminders(s, today) == 0, "the start-up run already sent the 180-day one"
    assert run_reminders(s, passport - dt.timedelta(days=30)) == 1
    assert run_reminders(s, passport - dt.timedelta(days=30)) == 0
    assert run_reminders(s, passport - dt.timedelta(days=10)) == 0
    assert run_reminders(s, card - dt.timedelta(days=180)) == 1
    assert run_reminders(s, card - dt.timedelta(days=180)) == 0
    inbox = s.get("/api/me/inbox", cookies=tom).json()
    subjects = [m["subject"] for m in inbox["items"]]  # newest first
    assert len(subjects) == 3
    assert subjects[2] == "Dein Reisepass läuft in 4 Monaten ab"
    assert subjects[1] in ("Dein Reisepass läuft in 30 Tagen ab",  # depends on month lengths
                           "Dein Reisepass läuft in einem Monat ab")
    assert subjects[0] == "Dein Personalausweis läuft in 5 Monaten ab"  # 180 days
    urls = {m["action"]["url"] for m in inbox["items"]}
    assert urls == {"/assistent?frage=Mein%20Reisepass%20l%C3%A4uft%20bald%20ab.%20Ich%20brauche%20einen%20Termin.",
                    "/assistent?frage=Mein%20Personalausweis%20l%C3%A4uft%20bald%20ab.%20Ich%20brauche%20einen%20Termin."}
    bad = run_cli(["reminders", "run", "--today", "2027-02-30", "--data-dir", str(s.data_dir)],
                  cwd=s.workdir)
    assert bad.returncode == 2 and "2027-02-30" in bad.stderr
