"""The CKAN Action API v3 at /api/3/action/ against the Musterstadt demo:
CKAN's envelopes and error shapes for GET and POST, package_search with q,
fq, fq_list, rows, start, sort and facets, the listing and show actions,
and private datasets that exist only for staff."""
from __future__ import annotations

import json

import pytest

from conftest import Server

API = "/api/3/action/"
# The demo's public datasets: four from the administration, nine of the sensors.
SENSORS = ["sensoren-abfallbehaelter", "sensoren-laerm", "sensoren-ladesaeulen",
           "sensoren-luftqualitaet", "sensoren-parkhaeuser", "sensoren-parkplaetze",
           "sensoren-strassenbeleuchtung", "sensoren-verkehr", "sensoren-wetter"]
PUBLIC = sorted(["behoerdenstandorte", "leistungskatalog", "stadtbezirke", "termin-wartezeiten",
                 *SENSORS])
# Restricts a search to the four administration datasets.
NOT_SENSORS = "-organization:umwelt-mobilitaet"
PRIVATE = "haushalt-2027-entwurf"


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    s = Server(tmp_path_factory.mktemp("ckan"), env={"STADTKERN_ACCOUNTS_PASSWORD_COST": "minimal"},
               args=["--demo"]).start()
    yield s
    s.finish()


@pytest.fixture(scope="module")
def anna(demo):
    r = demo.request("POST", "/api/auth/login", json={"username": "anna", "password": "anna"})
    assert r.status_code == 200, r.text
    return {"sk_session": r.cookies["sk_session"]}


def call(s: Server, action: str, method: str = "GET", cookies=None, **params):
    if method == "GET":
        r = s.get(API + action, params=params, cookies=cookies)
    else:
        r = s.request("POST", API + action, json=params, cookies=cookies,
                      headers={"Origin": f"http://127.0.0.1:{s.port}"} if cookies else {})
    return r


def ok(r) -> object:
    assert r.status_code == 200, r.text
    body = r.json()
    assert set(body) == {"help", "success", "result"}
    assert body["success"] is True
    assert body["help"].endswith("/api/3/action/help_show?name=" + r.url.split(API)[1].split("?")[0])
    return body["result"]


def error(r, status: int, type_: str) -> dict:
    assert r.status_code == status, r.text
    body = r.json()
    assert body["success"] is False and "result" not in body and body["help"]
    assert body["error"]["__type"] == type_
    return body["error"]


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_lists_and_status(demo, method):
    assert ok(call(demo, "package_list", method)) == PUBLIC
    assert ok(call(demo, "package_list", method, limit=2, offset=1)) == PUBLIC[1:3]
    status = ok(call(demo, "status_show", method))
    assert status["ckan_version"].startswith("2.") and status["site_url"]
    assert ok(call(demo, "organization_list", method)) == ["buergeramt", "digitalisierung",
                                                         "statistik", "umwelt-mobilitaet"]
    orgs = ok(call(demo, "organization_list", method, all_fields=True, sort="package_count desc"))
    assert [(o["name"], o["package_count"]) for o in orgs][:2] == [("umwelt-mobilitaet", len(SENSORS)),
                                                                 ("buergeramt", 2)]
    assert "gove" in ok(call(demo, "group_list", method))
    tags = ok(call(demo, "tag_list", method, query="termin"))
    assert tags == ["Termine"]
    licenses = ok(call(demo, "license_list", method))
    assert {"dl-by-de/2.0", "dl-zero-de/2.0", "cc-by/4.0"} <= {l["id"] for l in licenses}


def test_package_show_has_ckan_fields(demo):
    pkg = ok(call(demo, "package_show", id="leistungskatalog"))
    for key in ("id", "name", "title", "notes", "license_id", "license_title", "isopen",
                "metadata_modified", "organization", "owner_org", "resources", "tags", "groups",
                "extras", "num_resources", "num_tags", "private", "state", "type"):
        assert key in pkg, key
    assert pkg["organization"]["name"] == "digitalisierung" and pkg["isopen"] is True
    assert [g["name"] for g in pkg["groups"]] == ["gove"]
    res = pkg["resources"][0]
    assert res["format"] == "CSV" and res["url"].endswith("/opendata/download/leistungskatalog/leistungen.csv")
    assert ok(call(demo, "resource_show", id=res["id"]))["url"] == res["url"]
    extras = {e["key"]: e["value"] for e in pkg["extras"]}
    assert extras["licenseAttributionByText"] and extras["usage_personal_data"] == "keine"
    assert ok(call(demo, "package_show", "POST", id="stadtbezirke"))["name"] == "stadtbezirke"


def test_package_search(demo):
    everything = ok(call(demo, "package_search"))
    assert everything["count"] == len(PUBLIC) and everything["sort"] == "score desc, metadata_modified desc"
    assert set(everything) >= {"count", "results", "facets", "search_facets", "sort"}
    hit = ok(call(demo, "package_search", q="wartezeit"))
    assert [p["name"] for p in hit["results"]] == ["termin-wartezeiten"]
    assert ok(call(demo, "package_search", q="*:*"))["count"] == len(PUBLIC)
    assert ok(call(demo, "package_search", fq="organization:buergeramt"))["count"] == 2
    assert ok(call(demo, "package_search", fq="organization:buergeramt res_format:CSV"))["count"] == 1
    both = ok(call(demo, "package_search", "POST", fq_list=["groups:gove", "tags:Termine"]))
    assert [p["name"] for p in both["results"]] == ["termin-wartezeiten"]
    assert ok(call(demo, "package_search", fq='license_id:"cc-by/4.0"'))["count"] == 1
    assert ok(call(demo, "package_search", q="-organization:buergeramt"))["count"] == len(PUBLIC) - 2
    assert ok(call(demo, "package_search", fq="organization:umwelt-mobilitaet"))["count"] == len(SENSORS)
    names = [p["name"] for p in ok(call(demo, "package_search", sort="name desc", rows=2, start=1))["results"]]
    assert names == sorted(PUBLIC, reverse=True)[1:3]
    assert len(ok(call(demo, "package_search", rows=100000))["results"]) == len(PUBLIC)  # capped at 1000
    assert ok(call(demo, "package_search", rows=0))["results"] == []


def test_facets(demo):
    r = ok(call(demo, "package_search", fq=NOT_SENSORS,
                **{"facet.field": json.dumps(["organization", "groups", "res_format"]), "facet.limit": 2}))
    assert r["facets"]["organization"] == {"buergeramt": 2, "digitalisierung": 1}  # ties by name
    assert r["facets"]["groups"]["gove"] == 3
    items = r["search_facets"]["groups"]["items"]
    assert items[0] == {"name": "gove", "display_name": "Regierung und öffentlicher Sektor", "count": 3}
    assert len(items) == 2  # facet.limit
    r = ok(call(demo, "package_search", "POST", fq=NOT_SENSORS,
                **{"facet.field": ["groups"], "facet.mincount": 3, "facet.limit": -1}))
    assert r["facets"]["groups"] == {"gove": 3}
    everything = ok(call(demo, "package_search", **{"facet.field": '["organization"]'}))
    assert everything["facets"]["organization"]["umwelt-mobilitaet"] == len(SENSORS)


@pytest.mark.parametrize("action,params,status,type_", [
    ("package_show", {"id": "gibt-es-nicht"}, 404, "Not Found Error"),
    ("package_show", {}, 409, "Validation Error"),
    ("organization_show", {"id": "nope"}, 404, "Not Found Error"),
    ("group_show", {"id": "nope"}, 404, "Not Found Error"),
    ("resource_show", {"id": "leistungskatalog.nope"}, 404, "Not Found Error"),
    ("help_show", {"name": "nope"}, 404, "Not Found Error"),
    ("package_search", {"rows": "-1"}, 409, "Validation Error"),
    ("package_search", {"rows": "zehn"}, 409, "Validation Error"),
    ("package_search", {"start": "-5"}, 409, "Validation Error"),
    ("package_search", {"sort": "colour asc"}, 409, "Search Error"),
    ("package_search", {"q": 'title:"offen'}, 400, "Search Query Error"),
    ("package_search", {"fq": "colour:rot"}, 400, "Search Query Error"),
    ("package_search", {"facet.field": "[1, 2]"}, 409, "Validation Error"),
    ("resource_search", {"query": "farbe:rot"}, 409, "Validation Error"),
    ("organization_list", {"sort": "colour"}, 409, "Validation Error"),
])
@pytest.mark.parametrize("method", ["GET", "POST"])
def test_errors_have_ckans_shape(demo, method, action, params, status, type_):
    error(call(demo, action, method, **params), status, type_)


def test_unreadable_requests_get_ckans_bad_request_string(demo):
    r = demo.get(API + "no_such_action")
    assert r.status_code == 400 and r.json() == "Bad request - Action name not known: no_such_action"
    for body in (b'{"id": ', b"[1, 2]", b"\xff\xfe", b'"text"'):
        r = demo.request("POST", API + "package_show", data=body,
                         headers={"Content-Type": "application/json"})
        assert r.status_code == 400 and r.json().startswith("Bad request - JSON Error"), body
    r = demo.request("POST", API + "package_show", data="id=stadtbezirke",
                     headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert ok(r)["name"] == "stadtbezirke"
    r = demo.request("POST", API + "package_search", data=b"{" + b'"q": "x", ' * 20000 + b"}",
                     headers={"Content-Type": "application/json"})
    assert r.status_code == 413


def test_resource_search_and_group_show(demo):
    r = ok(call(demo, "resource_search", query="format:csv"))
    assert r["count"] == 2 + len(SENSORS) and all(x["format"] == "CSV" for x in r["results"])
    r = ok(call(demo, "resource_search", "POST", query=["format:json", "name:leistungen"]))
    assert [x["id"] for x in r["results"]] == ["leistungskatalog.leistungen-json"]
    g = ok(call(demo, "group_show", id="regi", include_datasets=True))
    assert g["package_count"] == 2 and {p["name"] for p in g["packages"]} == {"behoerdenstandorte",
                                                                             "stadtbezirke"}
    o = ok(call(demo, "organization_show", id="statistik"))
    assert o["title"] == "Amt für Statistik und Wahlen" and "packages" not in o


def test_private_datasets_exist_only_for_staff(demo, anna):
    error(call(demo, "package_show", id=PRIVATE), 404, "Not Found Error")
    assert ok(call(demo, "package_search", include_private=True))["count"] == len(PUBLIC)
    assert PRIVATE not in ok(call(demo, "package_list"))
    assert demo.get(f"/opendata/dataset/{PRIVATE}.ttl").status_code == 404
    assert PRIVATE not in demo.get("/opendata/catalog.ttl").text
    staff = call(demo, "package_show", cookies=anna, id=PRIVATE)
    assert ok(staff)["private"] is True and "no-store" in staff.headers["Cache-Control"]
    assert ok(call(demo, "package_search", cookies=anna))["count"] == len(PUBLIC)
    found = ok(call(demo, "package_search", "POST", cookies=anna, include_private=True))
    assert found["count"] == len(PUBLIC) + 1
    assert demo.get(f"/opendata/dataset/{PRIVATE}.ttl", cookies=anna).status_code == 200
    assert ok(call(demo, "resource_show", cookies=anna, id=f"{PRIVATE}.haushalt-csv"))


@pytest.mark.parametrize("params", [
    {"q": "ä" * 1500},
    {"q": '"' * 3},
    {"q": "tags:" + "\u202e\u0000x"},
    {"fq": "organization:"},
    {"q": "+ - AND OR *:*"},
    {"rows": "99999999999999999999999"},
    {"start": "99999999999"},
    {"facet.field": '["tags"'},
    {"facet.field": "tags"},
    {"facet.limit": "-5"},
    {"sort": ",,,"},
    {"include_private": "vielleicht"},
])
def test_hostile_search_parameters_get_answers_not_crashes(demo, params):
    r = call(demo, "package_search", **params)
    assert r.status_code in (200, 400, 409), r.text
    body = r.json()
    assert body["success"] is (r.status_code == 200)


def test_hostile_post_bodies(demo):
    for body in ({"q": ["a", "b"]}, {"rows": {"x": 1}}, {"fq_list": "organization:buergeramt"},
                 {"fq_list": [1, 2]}, {"id": None}, {"facet.field": [["x"]]}):
        r = call(demo, "package_search", "POST", **body)
        assert r.status_code in (200, 409), (body, r.text)
    deep = "[" * 10000 + "]" * 10000
    r = demo.request("POST", API + "package_search", data=deep, headers={"Content-Type": "application/json"})
    assert r.status_code == 400 and r.json().startswith("Bad request - JSON Error")
