"""The citizen assistant through HTTP: the Marrakesch scene with the demo
citizen tom (ask, offer with three slots, "Ja, gerne", booked), the
anonymous general answer, conversations bound to their citizen, bad input,
listing and cancelling, and the handoff for off-topic questions."""
from __future__ import annotations

import calendar
import datetime
from zoneinfo import ZoneInfo

import pytest

from conftest import Server, assert_problem
from test_accounts import FAST, origin, register, session_of


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    s = Server(tmp_path_factory.mktemp("assistant"), env=FAST, args=["--demo"]).start()
    assert register(s, "bea", "bea@example.org").status_code == 201
    yield s
    s.finish()


def turn(s: Server, body, cookies=None, status: int = 200):
    r = s.request("POST", "/api/assistant/turn", cookies=cookies, headers=origin(s), json=body)
    assert r.status_code == status, r.text
    if status == 200:
        assert r.headers["Cache-Control"] == "no-store"
    return r.json()


def types(answer) -> list[str]:
    return [a["type"] for a in answer["reply"]["actions"]]


def four_months_from_today() -> str:
    """tom's demo Reisepass expires four calendar months from the Berlin day."""
    today = datetime.datetime.now(ZoneInfo("Europe/Berlin")).date()
    month = today.month + 4
    year = today.year + (month - 1) // 12
    month = (month - 1) % 12 + 1
    day = min(today.day, calendar.monthrange(year, month)[1])
    return datetime.date(year, month, day).strftime("%d.%m.%Y")


def test_the_marrakesch_scene_books_an_appointment(demo):
    tom = session_of(demo, "tom", "tom")
    a = turn(demo, {"conversation_id": None, "text": "Brauche ich für Marrakesch einen Pass?"}, tom)
    assert a["intent"] == "travel.documents"
    first = a["reply"]["text"].split("\n\n")[0]
    assert first.startswith("Hallo Tom! Für Marokko brauchst Du einen Reisepass, der bei der "
                            "Einreise noch mindestens sechs Monate gültig ist. Dein Reisepass "
                            "läuft in 4 Monaten ab (am " + four_months_from_today() +
                            "). Soll ich Dir einen Termin zur Verlängerung machen?")
    assert first.endswith("machen?")
    assert "auswaertiges-amt.de" in a["reply"]["text"]
    assert types(a)[:4] == ["offer_appointment", "book", "book", "book"]
    offer = a["reply"]["actions"][0]
    assert offer["service_id"] == "reisepass-beantragen" and offer["office_address"]
    urls = {s["url"] for s in a["reply"]["sources"]}
    assert "/leistungen/reisepass-beantragen" in urls
    assert any("auswaertiges-amt.de" in u for u in urls)

    b = turn(demo, {"conversation_id": a["conversation_id"], "text": "Ja, gerne."}, tom)
    assert types(b)[0] == "booked", b["reply"]["text"]
    booked = b["reply"]["actions"][0]
    assert booked["start"] == a["reply"]["actions"][1]["start"]
    assert booked["url"].startswith(f"/termine/{booked['code']}?token=")
    assert booked["ics_url"].startswith(f"/api/appointments/{booked['code']}.ics?token=")
    ics = demo.get(booked["ics_url"])
    assert ics.status_code == 200 and "BEGIN:VCALENDAR" in ics.text
    mine = demo.get("/api/me/appointments", cookies=tom).json()["items"]
    assert booked["code"] in {m["code"] for m in mine}

    listed = turn(demo, {"conversation_id": a["conversation_id"], "text": "Welche Termine habe ich?"}, tom)
    assert listed["intent"] == "appointment.list" and booked["code"] in listed["reply"]["text"]
    ask = turn(demo, {"conversation_id": a["conversation_id"], "text": "Sag meinen Termin ab"}, tom)
    assert ask["intent"] == "appointment.cancel" and booked["code"] in ask["reply"]["text"]
    done = turn(demo, {"conversation_id": a["conversation_id"], "text": "Ja"}, tom)
    assert types(done)[0] == "cancelled"
    mine = demo.get("/api/me/appointments", cookies=tom).json()["items"]
    assert next(m for m in mine if m["code"] == booked["code"])["status"] == "cancelled"


def test_a_slot_button_books_that_slot(demo):
    tom = session_of(demo, "tom", "tom")
    a = turn(demo, {"text": "Ich brauche einen Termin für einen Reisepass"}, tom)
    assert a["intent"] == "appointment.book"
    third = [x for x in a["reply"]["actions"] if x["type"] == "book"][2]
    b = turn(demo, {"conversation_id": a["conversation_id"],
                    "slot": {"office_id": third["office_id"], "start": third["start"]}}, tom)
    assert types(b)[0] == "booked" and b["reply"]["actions"][0]["start"] == third["start"]


def test_anonymous_gets_the_rule_and_a_login_invitation(demo):
    a = turn(demo, {"text": "Reicht mein Ausweis für Marrakesch?"})
    assert a["intent"] == "travel.documents"
    assert "Hallo" not in a["reply"]["text"]
    login = next(x for x in a["reply"]["actions"] if x["type"] == "login_required")
    assert login == {"type": "login_required", "url": "/anmelden?weiter=%2Fassistent",
                     "label": "Anmelden für eine persönliche Prüfung"}
    # Offers to anonymous visitors link to the booking page instead of booking.
    b = turn(demo, {"text": "Ich brauche einen Termin für einen Reisepass"})
    assert "book" not in types(b)
    assert any(x["type"] == "link" and x["url"].startswith("/termine/buchen?service=reisepass-beantragen&office=")
               for x in b["reply"]["actions"])


def test_conversations_belong_to_their_citizen(demo):
    tom = session_of(demo, "tom", "tom")
    bea = session_of(demo, "bea", "ein-gutes-passwort")
    a = turn(demo, {"text": "Hallo"}, tom)
    assert a["intent"] == "greeting" and "Tom" in a["reply"]["text"]
    assert_problem(demo.request("POST", "/api/assistant/turn", cookies=bea, headers=origin(demo),
                                json={"conversation_id": a["conversation_id"], "text": "Hallo"}), 404)
    assert_problem(demo.request("POST", "/api/assistant/turn",
                                json={"conversation_id": a["conversation_id"], "text": "Hallo"}), 404)
    assert_problem(demo.request("POST", "/api/assistant/turn",
                                json={"conversation_id": "gibt-es-nicht", "text": "Hallo"}), 404)
    # An anonymous conversation is adopted on login.
    anon = turn(demo, {"text": "Was kostet ein Reisepass?"})
    turn(demo, {"conversation_id": anon["conversation_id"], "text": "Und wo?"}, tom)
    assert_problem(demo.request("POST", "/api/assistant/turn",
                                json={"conversation_id": anon["conversation_id"], "text": "Und wo?"}), 404)


def test_bad_input_is_a_problem(demo):
    path = "/api/assistant/turn"
    for body in ["{", "[]", "null", '{"text": 5}', '{"conversation_id": 7, "text": "x"}', "{}",
                 '{"text": "   "}', '{"slot": "morgen"}', '{"slot": {"office_id": "x", "start": "morgen"}}',
                 '{"text": "' + "a" * 501 + '"}', '{"service_id": 3}']:
        assert_problem(demo.request("POST", path, data=body,
                                    headers={"Content-Type": "application/json"}), 400)
    assert_problem(demo.request("POST", path, data=b"\xff\xfe"), 400)
    assert_problem(demo.request("POST", path, json={"text": "x" * 5000}), 413)
    assert_problem(demo.request("POST", path, json={"service_id": "gibt-es-nicht"}), 400)
    tom = session_of(demo, "tom", "tom")
    evil = {"Origin": "https://evil.example"}
    assert_problem(demo.request("POST", path, cookies=tom, headers=evil, json={"text": "Hallo"}), 403)


def test_service_questions_and_follow_ups(demo):
    a = turn(demo, {"text": "Was kostet ein Reisepass?"})
    assert a["intent"] == "service.cost" and "€" in a["reply"]["text"]
    b = turn(demo, {"conversation_id": a["conversation_id"], "text": "Und wo?"})
    assert b["intent"] == "service.location" and "Bürgerbüro" in b["reply"]["text"]
    assert any(s["url"].startswith("/aemter/") for s in b["reply"]["sources"])
    c = turn(demo, {"service_id": "reisepass-beantragen"})
    assert c["intent"] == "service.info"
    assert c["reply"]["sources"][0]["url"] == "/leistungen/reisepass-beantragen"
    # Opened from a service page: the question refers to that service.
    d = turn(demo, {"service_id": "hund-anmelden-landeshundegesetz", "text": "Was kostet das?"})
    assert d["intent"] == "service.cost"
    assert d["reply"]["sources"][0]["url"] == "/leistungen/hund-anmelden-landeshundegesetz"


def test_off_topic_hands_off(demo):
    a = turn(demo, {"text": "Wie wird das Wetter morgen?"})
    assert a["intent"] == "handoff"
    handoff = next(x for x in a["reply"]["actions"] if x["type"] == "handoff")
    assert handoff["phone"] == "115" and handoff["phone_label"] == "Behördennummer 115"
    assert handoff["office_name"].startswith("Bürgerbüro") and handoff["opening_hours"].startswith("heute")
    assert "link" not in types(a)  # never a random service


def test_the_reminder_link_opens_the_offer(demo):
    tom = session_of(demo, "tom", "tom")
    a = turn(demo, {"text": "Mein Reisepass läuft bald ab. Ich brauche einen Termin."}, tom)
    assert a["intent"] == "appointment.book"
    assert a["reply"]["actions"][0]["type"] == "offer_appointment"
    assert a["reply"]["actions"][0]["service_id"] == "reisepass-beantragen"

