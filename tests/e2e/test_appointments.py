"""The appointment system (Terminvergabe) end to end against the Musterstadt
demo: slots, holds, bookings, the confirmation code and token, the calendar
file, rescheduling and cancelling, every refusal, concurrency on one slot,
my appointments, the staff views with their audit trail, and a kill -9 in the
middle of a booking storm."""
from __future__ import annotations

import datetime as dt
import random
import string
import sqlite3
import threading
from concurrent.futures import ThreadPoolExecutor
from zoneinfo import ZoneInfo

import pytest
import requests

from conftest import Server, assert_problem

BERLIN = ZoneInfo("Europe/Berlin")
FAST = {"STADTKERN_ACCOUNTS_PASSWORD_COST": "minimal"}
PASS = "reisepass-beantragen"  # 15 minutes, Bürgerbüro Mitte (6 counters), Nord (3), Süd (2)
CODE_CHARS = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    s = Server(tmp_path_factory.mktemp("appointments"), env=FAST, args=["--demo"]).start()
    r = s.request("POST", "/api/auth/register", json={
        "username": "bea", "display_name": "Bea Beispiel", "email": "bea@example.org",
        "password": "ein-gutes-passwort"})
    assert r.status_code == 201, r.text
    yield s
    s.finish()


def origin(s: Server) -> dict[str, str]:
    return {"Origin": f"http://127.0.0.1:{s.port}"}


def session(s: Server, username: str, password: str) -> dict[str, str]:
    r = s.request("POST", "/api/auth/login", json={"username": username, "password": password})
    assert r.status_code == 200, r.text
    return {"sk_session": r.cookies["sk_session"]}


def free_slots(s: Server, office: str | None = None, service: str = PASS, **params) -> list[dict]:
    query = {"service": service, **({"office": office} if office else {}), **params}
    r = s.get("/api/appointments/slots", params=query)
    assert r.status_code == 200, r.text
    return r.json()["items"]


def book(s: Server, office: str, start: str, *, service: str = PASS, cookies=None,
         name: str | None = "Eva Beispiel", email: str | None = "eva@example.org") -> requests.Response:
    body = {"service": service, "office": office, "start": start}
    if name is not None:
        body["name"] = name
    if email is not None:
        body["email"] = email
    return s.request("POST", "/api/appointments", json=body, cookies=cookies,
                     headers=origin(s) if cookies else {})


def berlin(day: dt.date, hh: int, mm: int) -> str:
    return dt.datetime(day.year, day.month, day.day, hh, mm, tzinfo=BERLIN).isoformat()


def easter(y: int) -> dt.date:
    a, b, c = y % 19, y // 100, y % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l) // 451
    return dt.date(y, (h + l - 7 * m + 114) // 31, (h + l - 7 * m + 114) % 31 + 1)


def next_weekday_holiday(after: dt.date) -> dt.date:
    """The next NRW holiday from Monday to Saturday (Bürgerbüro Mitte's days)."""
    for y in (after.year, after.year + 1):
        e = easter(y)
        days = [dt.date(y, 1, 1), e - dt.timedelta(2), e + dt.timedelta(1), dt.date(y, 5, 1),
                e + dt.timedelta(39), e + dt.timedelta(50), e + dt.timedelta(60), dt.date(y, 10, 3),
                dt.date(y, 11, 1), dt.date(y, 12, 25), dt.date(y, 12, 26)]
        for d in sorted(days):
            if d > after and d.weekday() < 6:
                return d
    raise AssertionError("no holiday found")


# --- the whole flow -------------------------------------------------------------


def test_slots_hold_book_get_ics_reschedule_cancel(demo):
    slots = free_slots(demo, "buergerbuero-nord", limit=20)
    assert len(slots) >= 2
    first, second = slots[0], slots[-1]
    assert first["end"] > first["start"] and 1 <= first["free"] <= 3
    assert dt.datetime.fromisoformat(first["start"]).tzinfo is not None

    hold = demo.request("POST", "/api/appointments/holds",
                        json={"service": PASS, "office": "buergerbuero-nord", "start": first["start"]})
    assert hold.status_code == 201, hold.text
    assert hold.json()["start"] == first["start"]
    r = demo.request("POST", "/api/appointments", json={
        "hold": hold.json()["hold"], "name": "Eva Beispiel", "email": "eva@example.org"})
    assert r.status_code == 201, r.text
    booked = r.json()
    code, token = booked["code"], booked["token"]
    assert len(code) == 9 and code[4] == "-" and set(code.replace("-", "")) <= set(CODE_CHARS)
    assert r.headers["Cache-Control"] == "no-store"
    # The hold was used up.
    again = demo.request("POST", "/api/appointments", json={
        "hold": hold.json()["hold"], "name": "Eva", "email": "eva@example.org"})
    assert_problem(again, 409)

    got = demo.get(f"/api/appointments/{code}", params={"token": token})
    assert got.status_code == 200, got.text
    a = got.json()
    assert (a["status"], a["start"], a["office"]["id"], a["service"]["id"], a["name"]) == \
        ("booked", first["start"], "buergerbuero-nord", PASS, "Eva Beispiel")
    assert demo.get(f"/api/appointments/{code.lower().replace('-', '')}",
                    params={"token": token}).status_code == 200  # typed codes are forgiving

    ics = demo.get(f"/api/appointments/{code}.ics", params={"token": token})
    assert ics.status_code == 200
    assert ics.headers["Content-Type"].startswith("text/calendar")
    text = ics.text
    local = dt.datetime.fromisoformat(first["start"]).astimezone(BERLIN)
    assert "BEGIN:VTIMEZONE" in text and "TZID:Europe/Berlin" in text
    assert f"DTSTART;TZID=Europe/Berlin:{local:%Y%m%dT%H%M%S}" in text
    assert code in text.replace("\r\n ", "")

    moved = demo.request("POST", f"/api/appointments/{code}/reschedule", params={"token": token},
                         json={"start": second["start"]})
    assert moved.status_code == 200, moved.text
    assert moved.json()["start"] == second["start"]
    assert demo.get(f"/api/appointments/{code}", params={"token": token}).json()["start"] == \
        second["start"]

    cancelled = demo.request("DELETE", f"/api/appointments/{code}", params={"token": token})
    assert cancelled.status_code == 200, cancelled.text
    assert cancelled.json()["status"] == "cancelled"
    assert demo.request("POST", f"/api/appointments/{code}/cancel",
                        params={"token": token}).status_code == 200  # again: the same answer
    assert demo.get(f"/api/appointments/{code}", params={"token": token}).json()["status"] == "cancelled"
    late = demo.request("POST", f"/api/appointments/{code}/reschedule", params={"token": token},
                        json={"start": first["start"]})
    assert_problem(late, 409)


def test_a_cancelled_slot_is_offered_again(demo):
    slot = free_slots(demo, "buergerbuero-sued", limit=1)[0]
    codes = []
    for _ in range(2):  # Süd has two counters
        r = book(demo, "buergerbuero-sued", slot["start"])
        assert r.status_code == 201, r.text
        codes.append((r.json()["code"], r.json()["token"]))
    assert_problem(book(demo, "buergerbuero-sued", slot["start"]), 409)
    assert slot["start"] not in [s["start"] for s in free_slots(demo, "buergerbuero-sued", limit=50)]
    code, token = codes[0]
    assert demo.request("DELETE", f"/api/appointments/{code}", params={"token": token}).status_code == 200
    offered = {s["start"]: s["free"] for s in free_slots(demo, "buergerbuero-sued", limit=50)}
    assert offered.get(slot["start"]) == 1
    assert book(demo, "buergerbuero-sued", slot["start"]).status_code == 201


def test_slots_of_every_office_offering_the_service(demo):
    offices = {s["office"] for s in free_slots(demo, limit=200)}
    assert offices == {"buergerbuero-mitte", "buergerbuero-nord", "buergerbuero-sued"}
    starts = [s["start"] for s in free_slots(demo, limit=200)]
    assert [dt.datetime.fromisoformat(x) for x in starts] == \
        sorted(dt.datetime.fromisoformat(x) for x in starts)


def test_slots_around_the_next_summer_time_change_keep_their_wall_times(demo):
    today = dt.datetime.now(BERLIN).date()
    change = next(d for d in (today + dt.timedelta(days=i) for i in range(1, 400))
                  if d.weekday() == 6 and d.month in (3, 10) and (d + dt.timedelta(days=7)).month != d.month)
    if (change - today).days > 170:
        pytest.skip("the next summer-time change lies beyond the booking horizon")
    slots = free_slots(demo, "buergerbuero-mitte", limit=1000,
                       **{"from": (change - dt.timedelta(days=6)).isoformat(),
                          "to": (change + dt.timedelta(days=6)).isoformat()})
    days = {dt.date.fromisoformat(x["start"][:10]) for x in slots}
    assert any(d < change for d in days) and any(d > change for d in days), days
    for x in slots:
        start = dt.datetime.fromisoformat(x["start"])
        local = start.astimezone(BERLIN)
        assert start.utcoffset() == local.utcoffset(), x  # the offset of that day
        assert (local.hour, local.minute) >= (8, 0) and (local.hour, local.minute) <= (17, 45), x
    first = {}
    for x in slots:
        first.setdefault(x["start"][:10], x["start"])
    assert all(v[11:16] in ("08:00", "09:00") for v in first.values()), first


# --- refusals -------------------------------------------------------------------


def test_slots_off_the_rules_are_refused_with_clear_problems(demo):
    today = dt.datetime.now(BERLIN).date()
    yesterday = today - dt.timedelta(days=1)
    monday = today + dt.timedelta(days=7 - today.weekday())
    good = free_slots(demo, "buergerbuero-mitte", limit=1)[0]["start"]
    off_grid = (dt.datetime.fromisoformat(good) + dt.timedelta(minutes=5)).isoformat()
    holiday = next_weekday_holiday(today)
    cases = [
        ("past", "buergerbuero-mitte", berlin(yesterday, 9, 0), PASS, 400),
        ("at night", "buergerbuero-mitte", berlin(monday, 3, 0), PASS, 400),
        ("lunch break", "buergerbuero-mitte", berlin(monday, 13, 0), PASS, 400),
        ("off the grid", "buergerbuero-mitte", off_grid, PASS, 400),
        ("holiday", "buergerbuero-mitte", berlin(holiday, 9, 0), PASS, 400),
        ("not offered here", "standesamt", good, PASS, 400),
        ("not bookable", "buergerbuero-mitte", good, "hundesteuer-anmelden", 400),
        ("unknown service", "buergerbuero-mitte", good, "gibt-es-nicht", 404),
        ("unknown office", "gibt-es-nicht", good, PASS, 404),
        ("too far ahead", "buergerbuero-mitte", berlin(today + dt.timedelta(days=400), 9, 0), PASS, 400),
    ]
    for what, office, start, service, status in cases:
        r = book(demo, office, start, service=service)
        problem = assert_problem(r, status)
        assert problem["detail"], what
        h = demo.request("POST", "/api/appointments/holds",
                         json={"service": service, "office": office, "start": start})
        assert_problem(h, status)
    exceptions = demo.get("/api/offices/buergerbuero-mitte").json().get("exceptions", [])
    closed = [e["date"] for e in exceptions if e.get("closed") and e["date"] > today.isoformat()]
    for date in closed[:1]:
        problem = assert_problem(book(demo, "buergerbuero-mitte", berlin(dt.date.fromisoformat(date), 9, 0)), 400)
        assert "geschlossen" in problem["detail"]


def test_malformed_requests_are_problems(demo):
    good = free_slots(demo, "buergerbuero-mitte", limit=1)[0]["start"]
    bad_bodies = [
        b"{", b"[]", b'{"service": 5}', b'{"service": "reisepass-beantragen"}',
        b'{"service": "reisepass-beantragen", "office": "buergerbuero-mitte", "start": "morgen", '
        b'"name": "Eva", "email": "eva@example.org"}',
    ]
    for body in bad_bodies:
        assert_problem(demo.request("POST", "/api/appointments", data=body,
                                    headers={"Content-Type": "application/json"}), 400)
    for name, email in [("", "eva@example.org"), ("Eva", "keine-adresse"), ("Eva", None),
                        ("Eva\u0000", "eva@example.org"), ("x" * 300, "eva@example.org")]:
        assert_problem(book(demo, "buergerbuero-mitte", good, name=name, email=email), 400)
    assert_problem(demo.request("POST", "/api/appointments", data=b"x" * 20000), 413)
    for params in [{}, {"service": PASS, "from": "gestern"}, {"service": PASS, "limit": "-1"},
                   {"service": PASS, "limit": "100000"},
                   {"service": PASS, "from": "2026-01-01", "to": "2026-12-31"}]:
        assert_problem(demo.get("/api/appointments/slots", params=params), 400)
    assert_problem(demo.request("POST", "/api/appointments/holds", json={"hold": 1}), 400)


def test_one_client_holds_at_most_five_slots(make_server):
    s = make_server(env=FAST, args=["--demo"])
    slots = free_slots(s, "buergerbuero-mitte", limit=6)
    answers = [s.request("POST", "/api/appointments/holds",
                         json={"service": PASS, "office": "buergerbuero-mitte", "start": x["start"]})
               for x in slots]
    assert [r.status_code for r in answers[:5]] == [201] * 5
    assert_problem(answers[5], 429)
    assert int(answers[5].headers["Retry-After"]) > 0
    # Booking one of them frees a place for the next hold.
    r = s.request("POST", "/api/appointments", json={"hold": answers[0].json()["hold"], "name": "Eva",
                                                     "email": "eva@example.org"})
    assert r.status_code == 201, r.text
    assert s.request("POST", "/api/appointments/holds", json={
        "service": PASS, "office": "buergerbuero-mitte", "start": slots[5]["start"]}).status_code == 201


def test_many_threads_on_one_slot_get_exactly_the_counters(demo):
    slot = free_slots(demo, "buergerbuero-nord", limit=30)[-1]
    assert slot["free"] == 3

    def attempt(i: int) -> int:
        return book(demo, "buergerbuero-nord", slot["start"], name=f"Person {i}",
                    email=f"p{i}@example.org").status_code

    with ThreadPoolExecutor(max_workers=24) as pool:
        codes = list(pool.map(attempt, range(40)))
    assert codes.count(201) == 3, codes
    assert codes.count(409) == 37, codes
    assert slot["start"] not in [s["start"] for s in free_slots(demo, "buergerbuero-nord", limit=200)]


def test_foreign_and_guessed_codes_and_tokens_are_not_found(demo):
    slots = free_slots(demo, "buergerbuero-mitte", limit=2)
    one = book(demo, "buergerbuero-mitte", slots[0]["start"]).json()
    two = book(demo, "buergerbuero-mitte", slots[1]["start"]).json()
    guessed = "".join(random.choice(CODE_CHARS) for _ in range(8))
    for path, token in [
        (f"/api/appointments/{one['code']}", "falsch"),
        (f"/api/appointments/{one['code']}", two["token"]),  # a token of another appointment
        (f"/api/appointments/{one['code']}", None),
        (f"/api/appointments/{guessed[:4]}-{guessed[4:]}", one["token"]),
        ("/api/appointments/nicht-einmal-ein-code", one["token"]),
        (f"/api/appointments/{one['code']}.ics", "falsch"),
    ]:
        params = {"token": token} if token else {}
        assert_problem(demo.get(path, params=params), 404)
        if not path.endswith(".ics"):
            assert_problem(demo.request("DELETE", path, params=params), 404)
    bea = session(demo, "bea", "ein-gutes-passwort")
    assert_problem(demo.get(f"/api/appointments/{one['code']}", cookies=bea), 404)
    assert_problem(demo.request("POST", f"/api/appointments/{one['code']}/cancel", cookies=bea,
                                headers=origin(demo)), 404)
    assert demo.get(f"/api/appointments/{one['code']}", params={"token": one["token"]}).json()[
        "status"] == "booked"


def test_my_appointments_are_toms_only_and_he_cancels_without_token(demo):
    tom = session(demo, "tom", "tom")
    bea = session(demo, "bea", "ein-gutes-passwort")
    slot = free_slots(demo, "buergerbuero-mitte", limit=1)[0]
    r = book(demo, "buergerbuero-mitte", slot["start"], cookies=tom, name=None, email=None)
    assert r.status_code == 201, r.text
    code = r.json()["code"]
    assert r.json()["appointment"]["name"] == "Tom Müller"
    assert r.json()["appointment"]["with_account"] is True
    mine = demo.get("/api/me/appointments", cookies=tom)
    assert mine.status_code == 200 and mine.headers["Cache-Control"] == "no-store"
    assert code in [a["code"] for a in mine.json()["items"]]
    assert code not in [a["code"] for a in demo.get("/api/me/appointments", cookies=bea).json()["items"]]
    assert_problem(demo.get("/api/me/appointments"), 401)
    exported = demo.get("/api/me/export", cookies=tom)
    assert exported.status_code == 200
    assert code in [a["code"] for a in exported.json()["appointments"]]
    assert demo.get(f"/api/appointments/{code}", cookies=tom).status_code == 200
    r = demo.request("DELETE", f"/api/appointments/{code}", cookies=tom, headers=origin(demo))
    assert r.status_code == 200 and r.json()["status"] == "cancelled"


def test_deleting_the_account_cancels_future_appointments_and_removes_the_name(make_server):
    s = make_server(env=FAST, args=["--demo"])
    r = s.request("POST", "/api/auth/register", json={
        "username": "cleo", "display_name": "Cleo Beispiel", "email": "cleo@example.org",
        "password": "ein-gutes-passwort"})
    assert r.status_code == 201, r.text
    cleo = session(s, "cleo", "ein-gutes-passwort")
    slot = free_slots(s, "buergerbuero-mitte", limit=1)[0]
    booked = book(s, "buergerbuero-mitte", slot["start"], cookies=cleo, name=None,
                  email="cleo@example.org").json()
    r = s.request("DELETE", "/api/me", cookies=cleo, headers=origin(s),
                  json={"password": "ein-gutes-passwort"})
    assert r.status_code == 204, r.text
    after = s.get(f"/api/appointments/{booked['code']}", params={"token": booked["token"]}).json()
    assert after["status"] == "cancelled"
    assert after["name"] == "" and after["email"] == "" and after["with_account"] is False
    assert after["start"] == slot["start"]  # the anonymous row stays for statistics


def test_tokens_stay_out_of_the_access_log(make_server, tmp_path):
    log = tmp_path / "access.log"
    s = make_server(env=FAST, args=["--demo", "--access-log", str(log)])
    slot = free_slots(s, "buergerbuero-mitte", limit=1)[0]
    booked = book(s, "buergerbuero-mitte", slot["start"]).json()
    assert s.get(f"/api/appointments/{booked['code']}", params={"token": booked["token"]}).status_code == 200
    assert s.stop() == 0
    text = log.read_text()
    assert f"/api/appointments/{booked['code']}?token=***" in text
    assert booked["token"] not in text


# --- staff --------------------------------------------------------------------------


def test_staff_see_their_offices_and_every_look_is_audited(demo):
    slot = free_slots(demo, "buergerbuero-mitte", limit=1)[0]
    booked = book(demo, "buergerbuero-mitte", slot["start"], name="Karla Kontrolle",
                  email="karla@example.org").json()
    day = dt.datetime.fromisoformat(slot["start"]).astimezone(BERLIN).date()
    anna = session(demo, "anna", "anna")
    view = demo.get("/api/offices/buergerbuero-mitte/appointments", params={"date": day.isoformat()},
                    cookies=anna)
    assert view.status_code == 200, view.text
    assert view.headers["Cache-Control"] == "no-store"
    mine = [a for a in view.json()["items"] if a["code"] == booked["code"]]
    assert mine and mine[0]["name"] == "Karla Kontrolle" and mine[0]["email"] == "karla@example.org"
    week = f"{day.isocalendar().year}-W{day.isocalendar().week:02d}"
    assert booked["code"] in [a["code"] for a in demo.get(
        "/api/offices/buergerbuero-mitte/appointments", params={"week": week}, cookies=anna).json()["items"]]

    tom = session(demo, "tom", "tom")
    assert_problem(demo.get("/api/offices/buergerbuero-mitte/appointments",
                            params={"date": day.isoformat()}, cookies=tom), 403)
    assert_problem(demo.get("/api/offices/standesamt/appointments",
                            params={"date": day.isoformat()}, cookies=anna), 403)  # other department
    assert_problem(demo.get("/api/offices/buergerbuero-mitte/appointments",
                            params={"date": day.isoformat()}), 401)
    assert_problem(demo.get("/api/offices/buergerbuero-mitte/appointments", cookies=anna), 400)
    admin = session(demo, "admin", "admin")
    assert demo.get("/api/offices/standesamt/appointments", params={"date": day.isoformat()},
                    cookies=admin).status_code == 200

    marked = demo.request("POST", f"/api/offices/buergerbuero-mitte/appointments/{booked['code']}/status",
                          json={"status": "arrived"}, cookies=anna, headers=origin(demo))
    assert marked.status_code == 200 and marked.json()["status"] == "arrived"
    assert_problem(demo.request("POST", f"/api/offices/buergerbuero-mitte/appointments/{booked['code']}/status",
                                json={"status": "vielleicht"}, cookies=anna, headers=origin(demo)), 400)
    assert_problem(demo.request("POST", f"/api/offices/buergerbuero-mitte/appointments/{booked['code']}/status",
                                json={"status": "done"}, cookies=tom, headers=origin(demo)), 403)

    audit = demo.get("/api/admin/audit", cookies=admin)
    assert audit.status_code == 200, audit.text
    entries = audit.json()["entries"]
    actions = {(e["actor"]["name"], e["action"], e["object"]) for e in entries}
    assert ("Anna Schmidt", "appointments.read", f"appointment {booked['code']}") in actions
    assert ("Anna Schmidt", "appointments.mark", f"appointment {booked['code']}") in actions


def test_a_walk_in_takes_a_desk(make_server):
    s = make_server(env=FAST, args=["--demo"])
    anna = session(s, "anna", "anna")
    r = s.request("POST", "/api/offices/buergerbuero-sued/walk-ins", cookies=anna, headers=origin(s),
                  json={"service": PASS, "name": "Spontan"})
    assert r.status_code == 201, r.text
    walk_in = r.json()
    assert walk_in["status"] == "arrived" and walk_in["name"] == "Spontan"
    day = dt.datetime.fromisoformat(walk_in["start"]).astimezone(BERLIN).date()
    view = s.get("/api/offices/buergerbuero-sued/appointments", params={"date": day.isoformat()},
                 cookies=anna).json()
    assert walk_in["code"] in [a["code"] for a in view["items"]]
    assert_problem(s.request("POST", "/api/offices/standesamt/walk-ins", cookies=anna, headers=origin(s),
                             json={"service": PASS}), 403)
    admin = session(s, "admin", "admin")
    assert_problem(s.request("POST", "/api/offices/standesamt/walk-ins", cookies=admin, headers=origin(s),
                             json={"service": PASS}), 400)  # not offered there
    tom = session(s, "tom", "tom")
    assert_problem(s.request("POST", "/api/offices/buergerbuero-sued/walk-ins", cookies=tom,
                             headers=origin(s), json={"service": PASS}), 403)


def test_blocked_times_take_slots_away_and_give_them_back(demo):
    anna = session(demo, "anna", "anna")
    slot = free_slots(demo, "buergerbuero-mitte", limit=1)[0]
    end = (dt.datetime.fromisoformat(slot["start"]) + dt.timedelta(hours=1)).isoformat()
    r = demo.request("POST", "/api/offices/buergerbuero-mitte/blocks", cookies=anna, headers=origin(demo),
                     json={"start": slot["start"], "end": end, "reason": "Teambesprechung"})
    assert r.status_code == 201, r.text
    block = r.json()["id"]
    assert slot["start"] not in [s["start"] for s in free_slots(demo, "buergerbuero-mitte", limit=50)]
    assert_problem(book(demo, "buergerbuero-mitte", slot["start"]), 409)
    assert_problem(demo.request("POST", "/api/offices/buergerbuero-mitte/blocks", cookies=anna,
                                headers=origin(demo), json={"start": end, "end": slot["start"]}), 400)
    tom = session(demo, "tom", "tom")
    assert_problem(demo.request("DELETE", f"/api/offices/buergerbuero-mitte/blocks/{block}", cookies=tom,
                                headers=origin(demo)), 403)
    assert demo.request("DELETE", f"/api/offices/buergerbuero-mitte/blocks/{block}", cookies=anna,
                        headers=origin(demo)).status_code == 204
    assert_problem(demo.request("DELETE", f"/api/offices/buergerbuero-mitte/blocks/{block}", cookies=anna,
                                headers=origin(demo)), 404)
    assert slot["start"] in [s["start"] for s in free_slots(demo, "buergerbuero-mitte", limit=50)]


def test_waiting_times_are_public_and_anonymous(demo):
    r = demo.get("/api/appointments/waiting-times")
    assert r.status_code == 200
    items = r.json()["items"]
    pairs = {(i["service"], i["office"]) for i in items}
    assert (PASS, "buergerbuero-mitte") in pairs and (PASS, "buergerbuero-sued") in pairs
    for i in items:
        assert set(i) == {"service", "office", "next_free", "days"}
        assert i["days"] is None or i["days"] >= 0


# --- crash safety -------------------------------------------------------------------


def test_kill_9_in_a_booking_storm_loses_no_acknowledged_booking(make_server):
    s = make_server(env=FAST, args=["--demo"])
    slots = [x["start"] for x in free_slots(s, "buergerbuero-sued", limit=60)]
    acknowledged: list[tuple[str, str, str]] = []
    lock = threading.Lock()
    stop = threading.Event()

    def storm(seed: int) -> None:
        rnd = random.Random(seed)
        while not stop.is_set():
            start = rnd.choice(slots)
            try:
                r = book(s, "buergerbuero-sued", start, name=f"Sturm {seed}", email="s@example.org")
            except requests.RequestException:
                return  # the server is gone
            if r.status_code == 201:
                with lock:
                    acknowledged.append((r.json()["code"], r.json()["token"], start))
            else:
                assert r.status_code == 409, r.text

    threads = [threading.Thread(target=storm, args=(i,)) for i in range(6)]
    for t in threads:
        t.start()
    deadline = dt.datetime.now() + dt.timedelta(seconds=30)
    while len(acknowledged) < 25 and dt.datetime.now() < deadline:
        threading.Event().wait(0.01)
    s.kill9()
    stop.set()
    for t in threads:
        t.join()
    assert len(acknowledged) >= 25

    s.start()
    for code, token, start in acknowledged:
        r = s.get(f"/api/appointments/{code}", params={"token": token})
        assert r.status_code == 200, (code, r.text)
        assert r.json()["start"] == start and r.json()["status"] == "booked"
    anna = session(s, "anna", "anna")
    per_start: dict[str, int] = {}
    days = {dt.datetime.fromisoformat(x).astimezone(BERLIN).date() for x in slots}
    for day in days:
        view = s.get("/api/offices/buergerbuero-sued/appointments", params={"date": day.isoformat()},
                     cookies=anna).json()
        for a in view["items"]:
            if a["status"] != "cancelled":
                per_start[a["start"]] = per_start.get(a["start"], 0) + 1
    assert per_start and max(per_start.values()) <= 2  # Süd has two counters
    assert sum(per_start.values()) >= len(acknowledged)


def test_a_booking_mails_its_confirmation_with_the_absolute_manage_link(make_server):
    s = make_server(env={**FAST, "STADTKERN_PUBLIC_URL": "https://termine.musterstadt.example"},
                    args=["--demo"])
    slot = free_slots(s, "buergerbuero-sued", limit=1)[0]
    r = book(s, "buergerbuero-sued", slot["start"], name="Ida Beispiel", email="ida@example.org")
    assert r.status_code == 201, r.text
    code, token = r.json()["code"], r.json()["token"]
    with sqlite3.connect(f"file:{s.data_dir / 'stadtkern.db'}?mode=ro", uri=True) as db:
        rows = db.execute("SELECT subject, body FROM mail_outbox WHERE recipient = ?",
                          ("ida@example.org",)).fetchall()
    assert len(rows) == 1, rows
    subject, body = rows[0]
    start = dt.datetime.fromisoformat(slot["start"]).astimezone(BERLIN)
    assert code in subject
    assert f"Bestätigungscode: {code}" in body
    assert f"{start:%d.%m.%Y}, {start:%H:%M} Uhr" in body
    assert "Bürgerbüro Süd, Kirchweg 12, 59999 Musterstadt" in body
    page = f"https://termine.musterstadt.example/termine/{code}?token={token}"
    ics = f"https://termine.musterstadt.example/api/appointments/{code}.ics?token={token}"
    assert page in body and ics in body
    # Both links work (without the host part, against this server): the page
    # is the web app's confirmation page, the calendar file comes from the API.
    assert "text/html" in s.get(page.removeprefix("https://termine.musterstadt.example")).headers["Content-Type"]
    assert s.get(ics.removeprefix("https://termine.musterstadt.example")).text.startswith("BEGIN:VCALENDAR")
