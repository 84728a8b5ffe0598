"""Staff edit datasets over /api/opendata/datasets: create, replace with
If-Match, publish/unpublish, history; the department rule; invalid bodies
get every broken rule; and each change shows in CKAN and DCAT at once."""
from __future__ import annotations

import pytest

from conftest import Server, assert_problem

FAST = {"STADTKERN_ACCOUNTS_PASSWORD_COST": "minimal"}
BASE = "/api/opendata/datasets"


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    s = Server(tmp_path_factory.mktemp("od_edit"), env=FAST, args=["--demo"]).start()
    yield s
    s.finish()


def session(s: Server, user: str) -> dict[str, str]:
    r = s.request("POST", "/api/auth/login", json={"username": user, "password": user})
    assert r.status_code == 200, r.text
    return {"sk_session": r.cookies["sk_session"]}


def send(s: Server, method: str, path: str, user: str | None, body=None, **headers):
    return s.request(method, path, json=body, cookies=session(s, user) if user else None,
                     headers={"Origin": f"http://127.0.0.1:{s.port}", **headers})


def new_dataset(**changes) -> dict:
    d = {"name": "sperrmuell-termine", "title": "Sperrmüll-Abholtermine",
         "notes": "Abholtermine für Sperrmüll nach Bezirk.", "organization": "buergeramt",
         "contact_email": "buergeramt@musterstadt.example", "license": "dl-zero-de/2.0",
         "themes": ["ENVI"], "keywords": ["Sperrmüll"], "private": True,
         "distributions": [{"id": "csv", "title": "CSV", "format": "CSV", "media_type": "text/csv",
                            "access_url": "https://daten.musterstadt.example/sperrmuell.csv"}]}
    d.update(changes)
    return d


def test_create_edit_publish_and_history(demo):
    r = send(demo, "POST", BASE, "anna", new_dataset())
    assert r.status_code == 201, r.text
    assert r.headers["ETag"] == '"1"' and r.headers["Location"] == f"{BASE}/sperrmuell-termine"
    assert_problem(send(demo, "POST", BASE, "anna", new_dataset()), 409)
    # Private: not in CKAN or DCAT for the public, there for staff.
    assert demo.get("/api/3/action/package_show", params={"id": "sperrmuell-termine"}).status_code == 404
    assert_problem(demo.get(f"{BASE}/sperrmuell-termine"), 404)
    record = send(demo, "GET", f"{BASE}/sperrmuell-termine", "anna").json()
    record["title"] = "Sperrmüll: Abholtermine 2027"
    assert_problem(send(demo, "PUT", f"{BASE}/sperrmuell-termine", "anna", record), 428)
    assert_problem(send(demo, "PUT", f"{BASE}/sperrmuell-termine", "anna", record,
                        **{"If-Match": '"7"'}), 412)
    r = send(demo, "PUT", f"{BASE}/sperrmuell-termine", "anna", record, **{"If-Match": '"1"'})
    assert r.status_code == 200 and r.headers["ETag"] == '"2"'
    r = send(demo, "POST", f"{BASE}/sperrmuell-termine/publish", "anna")
    assert r.status_code == 200 and r.json()["private"] is False
    pkg = demo.get("/api/3/action/package_show", params={"id": "sperrmuell-termine"}).json()["result"]
    assert pkg["title"] == "Sperrmüll: Abholtermine 2027"
    assert "sperrmuell-termine" in demo.get("/opendata/catalog.ttl").text
    history = send(demo, "GET", f"{BASE}/sperrmuell-termine/history", "admin").json()["items"]
    assert [h["version"] for h in history] == [3, 2, 1]
    assert history[0]["actor"] == "anna" and history[2]["record"]["title"] == "Sperrmüll-Abholtermine"
    r = send(demo, "POST", f"{BASE}/sperrmuell-termine/unpublish", "admin")
    assert r.status_code == 200 and r.json()["private"] is True
    assert demo.get("/api/3/action/package_show", params={"id": "sperrmuell-termine"}).status_code == 404


def test_department_rule(demo):
    foreign = new_dataset(name="fremd", organization="statistik")
    assert_problem(send(demo, "POST", BASE, "anna", foreign), 403)
    assert send(demo, "POST", BASE, "admin", foreign).status_code == 201
    record = send(demo, "GET", f"{BASE}/fremd", "admin").json()
    assert_problem(send(demo, "PUT", f"{BASE}/fremd", "anna", record, **{"If-Match": '"1"'}), 403)
    assert_problem(send(demo, "POST", f"{BASE}/fremd/publish", "anna"), 403)
    # Moving one's own dataset into another department is refused too.
    mine = send(demo, "GET", f"{BASE}/behoerdenstandorte", "anna")
    moved = mine.json() | {"organization": "statistik"}
    assert_problem(send(demo, "PUT", f"{BASE}/behoerdenstandorte", "anna", moved,
                        **{"If-Match": mine.headers["ETag"]}), 403)
    assert_problem(send(demo, "POST", BASE, None, new_dataset(name="anonym")), 401)
    assert_problem(send(demo, "POST", BASE, "tom", new_dataset(name="buerger")), 403)


@pytest.mark.parametrize("body,status", [
    (b"{", 400), (b"[]", 400), (b'"x"', 400),
])
def test_malformed_bodies(demo, body, status):
    r = demo.request("POST", BASE, data=body, cookies=session(demo, "anna"),
                     headers={"Origin": f"http://127.0.0.1:{demo.port}", "Content-Type": "application/json"})
    assert_problem(r, status)


def test_invalid_datasets_name_every_rule_and_write_nothing(demo):
    bad = new_dataset(name="Ungültig!", license="frei", themes=["WETTER"], issued="gestern",
                      usage={"personal_data": "pseudonymisiert"}, live_source="sensoren.alles")
    problem = assert_problem(send(demo, "POST", BASE, "anna", bad), 422)
    fields = {e["field"] for e in problem["errors"]}
    assert {"name", "license", "themes", "issued", "usage.personal_data"} <= fields
    assert_problem(send(demo, "POST", BASE, "anna", new_dataset(name="live-x", live_source="sensoren")), 422)
    assert demo.get("/api/3/action/package_show", params={"id": "live-x"}).status_code == 404


def upload(s: Server, name: str, file: str, data: bytes, user: str | None = "anna",
           if_match: str | None = None, content_type: str = "application/octet-stream"):
    headers = {"Origin": f"http://127.0.0.1:{s.port}", "Content-Type": content_type}
    if if_match is not None:
        headers["If-Match"] = if_match
    return s.request("PUT", f"{BASE}/{name}/files/{file}", data=data, headers=headers,
                     cookies=session(s, user) if user else None)


def test_uploads_are_typed_by_content_and_downloadable(demo):
    r = send(demo, "POST", BASE, "anna", new_dataset(name="mit-dateien", private=False))
    assert r.status_code == 201, r.text
    csv = ("bezirk,anzahl\r\n" + "".join(f"Bezirk {i},{i}\r\n" for i in range(40000))).encode()
    assert len(csv) > 600_000  # several stored chunks
    assert_problem(upload(demo, "mit-dateien", "zahlen.csv", csv), 428)
    r = upload(demo, "mit-dateien", "zahlen.csv", csv, if_match='"1"', content_type="image/png")
    assert r.status_code == 200, r.text  # the Content-Type is not trusted, the content decides
    dist = [x for x in r.json()["distributions"] if x["file"] == "zahlen.csv"][0]
    assert dist["format"] == "CSV" and dist["media_type"] == "text/csv" and dist["byte_size"] == len(csv)
    down = demo.get("/opendata/download/mit-dateien/zahlen.csv", headers={"Accept-Encoding": "identity"})
    assert down.status_code == 200 and down.content == csv
    assert down.headers["Transfer-Encoding"] == "chunked" and down.headers["Last-Modified"]
    part = demo.get("/opendata/download/mit-dateien/zahlen.csv",
                    headers={"Range": "bytes=262140-262150", "Accept-Encoding": "identity"})
    assert part.status_code == 206 and part.content == csv[262140:262151]  # across two chunks
    assert demo.get("/opendata/download/mit-dateien/zahlen.csv",
                    headers={"If-None-Match": down.headers["ETag"]}).status_code == 304
    # The catalogue lists it with its size.
    ttl = demo.get("/opendata/dataset/mit-dateien.ttl").text
    assert f'dcat:byteSize "{len(csv)}"^^xsd:decimal' in ttl
    assert "/opendata/download/mit-dateien/zahlen.csv" in ttl
    # Named like one type, but another: refused; junk: refused; nothing changed.
    assert_problem(upload(demo, "mit-dateien", "karte.csv", b'{"type": "Point", "coordinates": [7, 51]}',
                          if_match='"2"'), 415)
    assert_problem(upload(demo, "mit-dateien", "boese.pdf", b"MZ\x90\x00\x03", if_match='"2"'), 415)
    assert_problem(upload(demo, "mit-dateien", "../x.csv", csv, if_match='"2"'), 404)
    assert_problem(upload(demo, "mit-dateien", "ohne-endung", csv, if_match='"2"'), 400)
    r = upload(demo, "mit-dateien", "karte.geojson", b'{"type": "Point", "coordinates": [7, 51]}',
               if_match='"2"')
    assert r.status_code == 200 and r.headers["ETag"] == '"3"'
    assert_problem(upload(demo, "mit-dateien", "alt.csv", csv, if_match='"2"'), 412)
    assert_problem(upload(demo, "leistungskatalog", "xx.csv", csv, user="admin", if_match='"1"'), 422)
    assert_problem(upload(demo, "mit-dateien", "xx.csv", csv, user="tom", if_match='"3"'), 403)
    too_big = b"a,b\n" + b"1,2\n" * (5 * 1024 * 1024)
    assert upload(demo, "mit-dateien", "gross.csv", too_big, if_match='"3"').status_code == 413


def test_staff_list_shows_private_and_live_datasets_with_who_may_edit(demo):
    assert_problem(send(demo, "GET", BASE, None), 401)
    assert_problem(send(demo, "GET", BASE, "tom"), 403)
    r = send(demo, "POST", BASE, "admin", new_dataset(name="liste-privat", organization="statistik"))
    assert r.status_code == 201, r.text
    r = send(demo, "GET", BASE, "anna")
    assert r.status_code == 200 and r.headers["Cache-Control"] == "no-store"
    items = {d["name"]: d for d in r.json()["items"]}
    assert items["liste-privat"]["private"] is True
    assert items["liste-privat"]["organization_title"] == "Amt für Statistik und Wahlen"
    assert items["liste-privat"]["editable"] is False  # anna is staff of the Bürgeramt
    assert items["behoerdenstandorte"]["editable"] is True
    assert items["behoerdenstandorte"]["live_source"] == "catalog.offices"
    assert items["liste-privat"]["live_source"] == ""
    admin = {d["name"]: d for d in send(demo, "GET", BASE, "admin").json()["items"]}
    assert admin.keys() == items.keys() and admin["liste-privat"]["editable"] is True
    public = demo.get("/api/3/action/package_list").json()["result"]
    assert "liste-privat" not in public and set(public) < set(items)
