"""The concise representation (options=concise, notification format
"concise"): attributes without their "type", bare scalar values and bare
geometries, and a round trip: what the broker renders concisely, it reads
back as the same entity."""

import json

import pytest

from conftest import Server

API_KEY = "concise-key"
ROOT = "/ngsi-ld/v1"
HEADERS = {"Content-Type": "application/json", "X-Api-Key": API_KEY}

ENTITY = {
    "id": "urn:ngsi-ld:Building:concise-1",
    "type": "Building",
    "name": {"type": "Property", "value": "Rathaus"},
    "height": {"type": "Property", "value": 42, "unitCode": "MTR",
               "observedAt": "2026-11-20T10:00:00.000Z"},
    "tags": {"type": "Property", "value": ["alt", "denkmal"]},
    "address": {"type": "Property", "value": {"streetAddress": "Markt 1"}},
    "location": {"type": "GeoProperty", "value": {"type": "Point", "coordinates": [7.46, 51.51]}},
    "owner": {"type": "Relationship", "object": "urn:ngsi-ld:Organization:stadt"},
    "label": {"type": "LanguageProperty", "languageMap": {"de": "Rathaus", "en": "Town hall"}},
    "floors": {"type": "Property", "value": 4,
               "measuredBy": {"type": "Relationship", "object": "urn:ngsi-ld:Device:laser"},
               "accuracy": {"type": "Property", "value": 0.5}},
}


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    s = Server(tmp_path_factory.mktemp("concise"),
               env={"STADTKERN_CONTEXT_API_KEYS": API_KEY}).start()
    r = s.request("POST", ROOT + "/entities", data=json.dumps(ENTITY), headers=HEADERS)
    assert r.status_code == 201, r.text
    yield s
    s.finish()


def concise(server, eid):
    r = server.get(f"{ROOT}/entities/{eid}?options=concise")
    assert r.status_code == 200, r.text
    return r.json()


def test_concise_drops_types_and_keeps_what_tells_them(server):
    got = concise(server, ENTITY["id"])
    assert got["id"] == ENTITY["id"] and got["type"] == "Building"
    assert got["name"] == "Rathaus"
    assert got["height"] == {"value": 42, "unitCode": "MTR", "observedAt": "2026-11-20T10:00:00.000Z"}
    # Arrays and plain objects keep "value": bare they would read as instances.
    assert got["tags"] == {"value": ["alt", "denkmal"]}
    assert got["address"] == {"value": {"streetAddress": "Markt 1"}}
    assert got["location"] == {"type": "Point", "coordinates": [7.46, 51.51]}
    assert got["owner"] == {"object": "urn:ngsi-ld:Organization:stadt"}
    assert got["label"] == {"languageMap": {"de": "Rathaus", "en": "Town hall"}}
    assert got["floors"] == {"value": 4, "measuredBy": {"object": "urn:ngsi-ld:Device:laser"},
                             "accuracy": 0.5}


def test_concise_reads_back_as_the_same_entity(server):
    body = concise(server, ENTITY["id"])
    body.pop("@context", None)
    body["id"] = "urn:ngsi-ld:Building:concise-copy"
    r = server.request("POST", ROOT + "/entities", data=json.dumps(body), headers=HEADERS)
    assert r.status_code == 201, r.text
    original = server.get(f"{ROOT}/entities/{ENTITY['id']}").json()
    copy = server.get(f"{ROOT}/entities/urn:ngsi-ld:Building:concise-copy").json()
    original.pop("id")
    copy.pop("id")
    assert copy == original


def test_concise_in_queries_and_with_attrs(server):
    r = server.get(f"{ROOT}/entities?type=Building&options=concise&attrs=name,owner")
    assert r.status_code == 200, r.text
    found = {e["id"]: e for e in r.json()}
    assert found[ENTITY["id"]]["name"] == "Rathaus"
    assert found[ENTITY["id"]]["owner"] == {"object": "urn:ngsi-ld:Organization:stadt"}
    assert "height" not in found[ENTITY["id"]]


def test_concise_and_normalized_are_not_both_allowed(server):
    for options in ("concise,normalized", "concise,keyValues"):
        r = server.get(f"{ROOT}/entities/{ENTITY['id']}?options={options}")
        assert r.status_code == 400, options
        assert r.headers["Content-Type"].startswith("application/json")
        assert r.json()["type"].endswith("BadRequestData")


def test_render_cache_keeps_formats_apart(server):
    eid = ENTITY["id"]
    normalized = server.get(f"{ROOT}/entities/{eid}").json()
    assert normalized["name"] == {"type": "Property", "value": "Rathaus"}
    assert concise(server, eid)["name"] == "Rathaus"
    assert server.get(f"{ROOT}/entities/{eid}").json()["name"] == {"type": "Property", "value": "Rathaus"}
