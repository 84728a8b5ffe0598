"""Staff edit the Leistungskatalog over HTTP: PUT/POST of services and
offices with optimistic locking (If-Match), the department rule, validation
that lists every problem, the history, and that an edit is visible at once
(GET, search) and survives a restart. Also the A-Z letters of /api/services."""
from __future__ import annotations

import threading
from datetime import datetime, timedelta, timezone

import pytest
import requests

from conftest import Server, assert_problem

FAST = {"STADTKERN_ACCOUNTS_PASSWORD_COST": "minimal"}
PASSPORT = "/api/services/reisepass-beantragen"


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    s = Server(tmp_path_factory.mktemp("editing"), env=FAST, args=["--demo"]).start()
    yield s
    s.finish()


def session(s: Server, username: str) -> dict[str, str]:
    r = s.request("POST", "/api/auth/login", json={"username": username, "password": username})
    assert r.status_code == 200, r.text
    return {"sk_session": r.cookies["sk_session"]}


def put(s: Server, path: str, body, cookies=None, if_match: str | None = None,
        **kw) -> requests.Response:
    headers = {"Origin": f"http://127.0.0.1:{s.port}"}
    if if_match is not None:
        headers["If-Match"] = if_match
    if isinstance(body, (dict, list)):
        kw["json"] = body
    else:
        kw["data"] = body
        headers["Content-Type"] = "application/json"
    return s.request("PUT", path, cookies=cookies, headers=headers, **kw)


def post(s: Server, path: str, body, cookies=None) -> requests.Response:
    return s.request("POST", path, json=body, cookies=cookies,
                     headers={"Origin": f"http://127.0.0.1:{s.port}"})


def read(s: Server, path: str) -> tuple[dict, str]:
    r = s.get(path)
    assert r.status_code == 200, r.text
    return r.json(), r.headers["ETag"]


def foreign_service(s: Server) -> str:
    """A service that does not belong to anna's department."""
    for item in s.get("/api/services", params={"limit": 500}).json()["items"]:
        if item["department"] != "Bürgeramt":
            return item["id"]
    raise AssertionError("the demo has only Bürgeramt services")


def test_staff_edit_shows_in_get_and_search_at_once(demo):
    anna = session(demo, "anna")
    record, etag = read(demo, PASSPORT)
    assert record["department"] == "Bürgeramt"
    record["title"] = "Reisepass beantragen (Quendelkraut-Sprechstunde)"
    record["keywords"] = record["keywords"] + ["Quendelkraut"]
    r = put(demo, PASSPORT, record, anna, etag)  # everything GET sent comes back
    assert r.status_code == 200, r.text
    new_etag = r.headers["ETag"]
    assert new_etag == f'"{int(etag.strip(chr(34))) + 1}"'
    assert r.json()["title"] == record["title"]
    again, etag_again = read(demo, PASSPORT)
    assert again["title"] == record["title"] and etag_again == new_etag
    hits = demo.get("/api/search", params={"q": "Quendelkraut"}).json()["results"]
    assert hits and hits[0]["id"] == "reisepass-beantragen"
    export = demo.get("/api/catalog/export.json").json()
    assert any(s["title"] == record["title"] for s in export["services"])


def test_an_edit_needs_if_match(demo):
    anna = session(demo, "anna")
    record, etag = read(demo, PASSPORT)
    record["summary"] = "Ohne If-Match."
    assert_problem(put(demo, PASSPORT, record, anna), 428)
    assert_problem(put(demo, PASSPORT, record, anna, "*"), 428)
    assert read(demo, PASSPORT)[1] == etag
    assert read(demo, PASSPORT)[0]["summary"] != "Ohne If-Match."


def test_two_editors_with_the_same_version_one_wins(demo):
    anna, admin = session(demo, "anna"), session(demo, "admin")
    record, etag = read(demo, PASSPORT)
    barrier = threading.Barrier(2)
    results: dict[str, requests.Response] = {}

    def edit(name: str, cookies: dict) -> None:
        body = dict(record, summary=f"Fassung von {name}.")
        barrier.wait()
        results[name] = put(demo, PASSPORT, body, cookies, etag)

    threads = [threading.Thread(target=edit, args=a) for a in (("anna", anna), ("admin", admin))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    statuses = sorted(r.status_code for r in results.values())
    assert statuses == [200, 412], {k: (r.status_code, r.text) for k, r in results.items()}
    winner = next(name for name, r in results.items() if r.status_code == 200)
    loser = next(r for r in results.values() if r.status_code == 412)
    problem = assert_problem(loser, 412)
    current, current_etag = read(demo, PASSPORT)
    assert current["summary"] == f"Fassung von {winner}."
    assert current_etag == results[winner].headers["ETag"]
    assert f'"{problem["current_version"]}"' == current_etag
    assert str(problem["current_version"]) in problem["detail"]


def test_other_departments_citizens_and_anonymous_change_nothing(demo):
    anna, tom = session(demo, "anna"), session(demo, "tom")
    other = f"/api/services/{foreign_service(demo)}"
    record, etag = read(demo, other)
    record["summary"] = "Von fremder Hand."
    assert_problem(put(demo, other, record, anna, etag), 403)
    assert_problem(put(demo, other, record, tom, etag), 403)
    assert_problem(put(demo, other, record, None, etag), 401)
    assert read(demo, other)[1] == etag
    assert read(demo, other)[0]["summary"] != "Von fremder Hand."
    # Nor may staff move their own record into another department.
    own, own_etag = read(demo, PASSPORT)
    own["department"] = record["department"]
    assert_problem(put(demo, PASSPORT, own, anna, own_etag), 403)
    assert read(demo, PASSPORT)[0]["department"] == "Bürgeramt"
    # Creating records is refused alike.
    new = dict(record, id="fremde-leistung", leika="99999999999901")
    assert_problem(post(demo, "/api/services", new, anna), 403)
    assert_problem(post(demo, "/api/services", new, tom), 403)
    assert_problem(post(demo, "/api/services", new, None), 401)
    assert demo.get("/api/services/fremde-leistung").status_code == 404


def test_an_invalid_record_is_422_with_every_field_and_changes_nothing(demo):
    anna = session(demo, "anna")
    record, etag = read(demo, PASSPORT)
    record.update(maturity=9, title="", channels=["fax"], last_review="2026-02-30")
    problem = assert_problem(put(demo, PASSPORT, record, anna, etag), 422)
    fields = {e["field"] for e in problem["errors"]}
    assert fields == {"maturity", "title", "channels[0]", "last_review"}, problem
    assert all(e["record"] == "service reisepass-beantragen" and e["message"]
               for e in problem["errors"])
    record, etag = read(demo, PASSPORT)
    record.update(offices=["gibt-es-nicht"], related=["auch-nicht"])
    problem = assert_problem(put(demo, PASSPORT, record, anna, etag), 422)
    assert {e["field"] for e in problem["errors"]} == {"offices[0]", "related[0]"}
    assert read(demo, PASSPORT)[1] == etag


def test_hostile_input_gets_clear_problems(demo):
    anna = session(demo, "anna")
    record, etag = read(demo, PASSPORT)
    # 300 kB is above the edit routes' 256 KiB: refused before the upload.
    head = (f"PUT {PASSPORT} HTTP/1.1\r\nHost: e2e\r\nContent-Type: application/json\r\n"
            f"If-Match: {etag}\r\nContent-Length: 300000\r\nExpect: 100-continue\r\n\r\n")
    with demo.raw() as c:
        c.send(head.encode())
        assert_problem(c.read_response(), 413)
    for body in ["{", "[]", "null", "\"text\"", b"\xff\xfe{}", ""]:
        assert_problem(put(demo, PASSPORT, body, anna, etag), 400)
    assert_problem(put(demo, PASSPORT, dict(record, id="anderer-dienst"), anna, etag), 400)
    problem = assert_problem(put(demo, PASSPORT, dict(record, maturity="vier", fees="70 €",
                                                     keywords=[1, None]), anna, etag), 422)
    assert {"maturity", "fees", "keywords[0]"} <= {e["field"] for e in problem["errors"]}
    nested = {"id": "reisepass-beantragen", "title": [[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]}
    assert put(demo, PASSPORT, nested, anna, etag).status_code in (400, 422)
    assert_problem(put(demo, PASSPORT, record, anna, 'W/"1"'), 412)
    assert_problem(put(demo, PASSPORT, record, anna, '"kaputt'), 412)
    assert_problem(put(demo, "/api/services/gibt-es-nicht", dict(record, id="gibt-es-nicht"),
                       anna, etag), 404)
    assert_problem(put(demo, "/api/services/%00", record, anna, etag), 400, instance=False)
    assert read(demo, PASSPORT)[1] == etag
    assert demo.get("/health").status_code == 200


def test_history_shows_who_changed_what_and_when(demo):
    anna, tom = session(demo, "anna"), session(demo, "tom")
    record, etag = read(demo, PASSPORT)
    record["hints"] = record["hints"] + ["Bitte pünktlich kommen."]
    before = datetime.now(timezone.utc) - timedelta(seconds=5)
    assert put(demo, PASSPORT, record, anna, etag).status_code == 200
    r = demo.get(f"{PASSPORT}/history", cookies=anna)
    assert r.status_code == 200 and r.headers["Cache-Control"] == "no-store"
    history = r.json()["history"]
    newest = history[0]
    assert newest["version"] == int(etag.strip('"')) + 1
    assert newest["action"] == "update" and newest["fields"] == ["hints"]
    assert newest["changed_by_name"] == "Anna Schmidt"
    assert newest["changed_by"] == demo.get("/api/me", cookies=anna).json()["id"]
    changed_at = datetime.fromisoformat(newest["changed_at"].replace("Z", "+00:00"))
    assert before <= changed_at <= datetime.now(timezone.utc) + timedelta(seconds=5)
    assert [h["version"] for h in history] == sorted((h["version"] for h in history), reverse=True)
    assert history[-1]["action"] == "create" and history[-1]["changed_by"] == "demo"
    assert_problem(demo.get(f"{PASSPORT}/history"), 401)
    assert_problem(demo.get(f"{PASSPORT}/history", cookies=tom), 403)
    assert_problem(demo.get("/api/services/gibt-es-nicht/history", cookies=anna), 404)
    admin = session(demo, "admin")
    office = demo.get("/api/offices").json()["items"][0]["id"]
    assert demo.get(f"/api/offices/{office}/history", cookies=admin).json()["history"]


def test_create_an_office_and_a_service_then_edit_the_office(demo):
    anna = session(demo, "anna")
    office = demo.get("/api/offices").json()["items"][0]
    new_office = {k: v for k, v in office.items() if k not in ("version", "services")}
    new_office.update(id="buergerbuero-bahnhof", name="Bürgerbüro am Bahnhof",
                      department="Bürgeramt")
    r = post(demo, "/api/offices", new_office, anna)
    assert r.status_code == 201, r.text
    assert r.headers["Location"] == "/api/offices/buergerbuero-bahnhof"
    assert r.headers["ETag"] == '"1"'
    assert_problem(post(demo, "/api/offices", new_office, anna), 409)

    service, _ = read(demo, PASSPORT)
    service.update(id="reisepass-express", leika="99088013099999", title="Expressreisepass",
                   offices=["buergerbuero-bahnhof"], related=["reisepass-beantragen"])
    r = post(demo, "/api/services", service, anna)
    assert r.status_code == 201, r.text
    assert r.headers["Location"] == "/api/services/reisepass-express"
    assert demo.get("/api/services/reisepass-express").json()["office_details"][0]["name"] == \
        "Bürgerbüro am Bahnhof"
    assert demo.get("/api/search", params={"q": "Expressreisepass"}).json()["results"][0]["id"] \
        == "reisepass-express"
    clash = dict(service, id="reisepass-doppelt")  # same LeiKa key
    problem = assert_problem(post(demo, "/api/services", clash, anna), 422)
    assert [e["field"] for e in problem["errors"]] == ["leika"]

    got, etag = read(demo, "/api/offices/buergerbuero-bahnhof")
    got["counters"] = 2
    r = put(demo, "/api/offices/buergerbuero-bahnhof", got, anna, etag)
    assert r.status_code == 200, r.text
    assert read(demo, "/api/offices/buergerbuero-bahnhof")[0]["counters"] == 2
    assert_problem(put(demo, "/api/offices/buergerbuero-bahnhof", got, anna, etag), 412)


def test_letters_facet_and_the_letter_filter(demo):
    body = demo.get("/api/services", params={"limit": 500}).json()
    letters = {f["name"]: f["services"] for f in body["facets"]["letters"]}
    assert sum(letters.values()) == body["total"]
    assert set(letters) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZ#")
    for letter, count in letters.items():
        for variant in {letter, letter.lower()}:
            page = demo.get("/api/services", params={"letter": variant, "limit": 500}).json()
            assert page["total"] == count, (variant, page["total"], count)
    umlaut = {"A": "Ä", "O": "Ö", "U": "Ü"}
    for base, accented in umlaut.items():
        plain = demo.get("/api/services", params={"letter": base}).json()["total"]
        for variant in (accented, accented.lower()):
            assert demo.get("/api/services", params={"letter": variant}).json()["total"] == plain
    # The letters follow the other filters (the A-Z bar of one topic).
    topic = body["facets"]["topics"][0]["name"]
    in_topic = demo.get("/api/services", params={"topic": topic}).json()
    assert sum(f["services"] for f in in_topic["facets"]["letters"]) == in_topic["total"]


def test_an_edit_survives_a_restart(make_server):
    s = make_server(env=FAST, args=["--demo"])
    anna = session(s, "anna")
    record, etag = read(s, PASSPORT)
    record["summary"] = "Bleibt auch nach dem Neustart."
    r = put(s, PASSPORT, record, anna, etag)
    assert r.status_code == 200, r.text
    s.restart()
    after, after_etag = read(s, PASSPORT)
    assert after["summary"] == "Bleibt auch nach dem Neustart."
    assert after_etag == r.headers["ETag"]
    assert s.get("/api/search", params={"q": "Reisepass"}).json()["results"]
    history = s.get(f"{PASSPORT}/history", cookies=session(s, "admin")).json()["history"]
    assert history[0]["changed_by_name"] == "Anna Schmidt"
