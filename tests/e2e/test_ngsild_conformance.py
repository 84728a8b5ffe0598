"""NGSI-LD conformance, data-driven: every case of ngsild_cases.py (built on
the ETSI test suite's payloads and expected responses) runs against one
server, each in a tenant of its own. See ngsild_cases.py for the table's
shape and for what is not yet covered."""
import json
import re
import time
from pathlib import Path

import pytest

import ngsild_cases as cases
import ngsild_cases_subscriptions
import ngsild_cases_temporal
from conftest import Server

API_KEY = "conformance-key"
CONTEXTS = Path(__file__).parent / "data" / "ngsi-ld" / "contexts"
ROOT = "/ngsi-ld/v1"
# System members the suite ignores when comparing bodies.
IGNORED = {"createdAt", "modifiedAt", "instanceId"}

ALL = cases.all_cases() + ngsild_cases_subscriptions.cases() + ngsild_cases_temporal.temporal_cases()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    s = Server(tmp_path_factory.mktemp("ngsild"),
               env={"STADTKERN_CONTEXT_PRELOADED_DIR": str(CONTEXTS),
                    "STADTKERN_CONTEXT_API_KEYS": API_KEY}).start()
    yield s
    s.finish()


def entity_id(case):
    return case.get("id", f"urn:ngsi-ld:Entity:{case['name']}")


def substitute(value, ids):
    """Replaces the placeholders of the table and the suite's random ids."""
    if isinstance(value, str):
        m = RANDOM_ID.match(value)
        if m and "RANDOM" in ids:
            # A list's own id (EntityTypeList, AttributeList) is random: anything goes.
            return "*" if m.group(1).endswith("List") else ids["RANDOM"]
        for placeholder, real in ids.items():
            if value == placeholder or value.startswith(placeholder + "-"):
                return real + value[len(placeholder):]
        return value
    if isinstance(value, list):
        return [substitute(v, ids) for v in value]
    if isinstance(value, dict):
        return {k: substitute(v, ids) for k, v in value.items()}
    return value


RANDOM_ID = re.compile(r"^urn:ngsi-ld:(\w+):(randomUUID|\d{10,})$")


def id_map(case, step=None):
    eid = (step or {}).get("id") or entity_id(case)
    return {"RANDOM": eid,"ENTITY": eid, "urn:ngsi-ld:Building:randomUUID": eid, "RandomUuidToBeReplaced": eid,
            "urn:ngsi-ld:Vehicle:randomUUID": eid, "urn:ngsi-ld:City:randomUUID": eid,
            "urn:ngsi-ld:Country:randomUUID": eid, "urn:ngsi-ld:OffStreetParking:randomUUID": eid,
            "urn:ngsi-ld:MultiTypes:randomUUID": eid, "urn:ngsi-ld:Vehicle:3542857210001312": eid}


def body_of(payload, ids):
    """(text, parsed) of a payload: a data file, raw text, or a Python value."""
    if isinstance(payload, str) and (cases.DATA / payload).is_file():
        text = (cases.DATA / payload).read_text()
        try:
            return json.dumps(substitute(json.loads(text), ids))
        except ValueError:
            return text  # deliberately invalid JSON
    if isinstance(payload, str):
        return payload
    return json.dumps(substitute(payload, ids))


def send(server, case, req, tenant):
    ids = id_map(case, req)
    headers = {"NGSILD-Tenant": req.get("tenant", tenant).replace("TENANT", tenant), "X-Api-Key": API_KEY}
    if req.get("accept"):
        headers["Accept"] = req["accept"]
    if req.get("link"):
        headers["Link"] = f'<{req["link"]}>; rel="http://www.w3.org/ns/json-ld#context"; type="application/ld+json"'
    data = None
    if "payload" in req:
        data = body_of(req["payload"], ids).encode()
    if "content_type" in req:
        headers["Content-Type"] = req["content_type"]
    elif data is None:
        headers.pop("Content-Type", None)
    path = req["path"].replace("ENTITY", ids["ENTITY"])
    params = substitute(req.get("params") or {}, ids)
    return server.request(req["method"], ROOT + path, data=data, headers=headers, params=params)


def strip(value):
    if isinstance(value, dict):
        out = {k: strip(v) for k, v in value.items() if k not in IGNORED}
        if isinstance(out.get("type"), list) and len(out["type"]) == 1 and "id" in out:
            out["type"] = out["type"][0]  # one type alone is the same as a list of it
        if isinstance(out.get("@context"), str):  # one URL is the same context as a list of it
            out["@context"] = [out["@context"]]
        return out
    if isinstance(value, list):
        return [strip(v) for v in value]
    return value


def canonical(value):
    """Lists compared without order (types, attribute lists)."""
    if isinstance(value, dict):
        return {k: canonical(v) for k, v in value.items()}
    if isinstance(value, list):
        return sorted((canonical(v) for v in value), key=lambda v: json.dumps(v, sort_keys=True))
    return value


def matches(expected, actual):
    """Equality where the string "*" in the expectation matches anything."""
    if expected == "*":
        return True
    if isinstance(expected, dict) and isinstance(actual, dict):
        return expected.keys() == actual.keys() and all(matches(v, actual[k]) for k, v in expected.items())
    if isinstance(expected, list) and isinstance(actual, list):
        return len(expected) == len(actual) and all(matches(e, a) for e, a in zip(expected, actual))
    return expected == actual


def expected_body(case, ids):
    exp = case["expect"]
    if isinstance(exp, dict) and "same_as_payload" in exp:
        return substitute(cases.load(exp["same_as_payload"]), ids)
    if isinstance(exp, str):
        return substitute(cases.load(exp), ids)
    if isinstance(exp, list) and exp and all(isinstance(e, str) and e.endswith((".json", ".jsonld")) for e in exp):
        return [substitute(cases.load(e), ids) for e in exp]
    return substitute(exp, ids)


@pytest.mark.parametrize("case", ALL, ids=[c["name"] for c in ALL])
def test_case(server, case):
    tenant = "t-" + case["name"][:60]
    for step in case["steps"]:
        r = send(server, case, step, tenant)
        assert r.status_code == step["status"], f"setup {step['method']} {step['path']}: {r.status_code} {r.text}"
    r = send(server, case, case["request"], tenant)
    assert r.status_code == case["status"], f"{r.status_code} {r.text}"
    if "problem" in case:
        body = r.json()
        assert body["type"] == f"https://uri.etsi.org/ngsi-ld/errors/{case['problem']}", body
        assert body["status"] == case["status"] and body.get("title") and body.get("detail"), body
    if "expect" in case:
        ids = id_map(case)
        want, got = strip(expected_body(case, ids)), strip(r.json())
        if case.get("unordered") or isinstance(got, list):
            want, got = canonical(want), canonical(got)
        assert matches(want, got), f"\nexpected {json.dumps(want, indent=1)}\ngot {json.dumps(got, indent=1)}"
    if "ids" in case:
        assert sorted(e["id"] for e in r.json()) == sorted(case["ids"]), r.text
    if "count" in case:
        assert isinstance(r.json(), list) and len(r.json()) == case["count"], r.text
    for name, value in (case.get("headers") or {}).items():
        value = value.replace("/ngsi-ld/v1/entities/ENTITY", f"/ngsi-ld/v1/entities/{entity_id(case)}")
        value = value.replace("TENANT", tenant)
        if name == "Content-Type":
            assert r.headers.get(name, "").split(";")[0] == value
        else:
            assert r.headers.get(name) == value, f"{name}: {r.headers.get(name)!r}"
    if "link_rel" in case:
        assert f'rel="{case["link_rel"]}"' in r.headers.get("Link", ""), r.headers


def test_case_count_reaches_the_goal_of_the_suite():
    """The table itself: at least 200 cases, each with a unique name."""
    names = [c["name"] for c in ALL]
    assert len(names) == len(set(names))
    assert len(names) >= 200, len(names)


def test_writes_need_an_api_key(server):
    body = json.dumps({"id": "urn:ngsi-ld:Building:nokey", "type": "Building"})
    r = server.request("POST", ROOT + "/entities", data=body, headers={"Content-Type": "application/json"})
    assert r.status_code == 401
    r = server.request("POST", ROOT + "/entities", data=body,
                       headers={"Content-Type": "application/json", "X-Api-Key": "wrong"})
    assert r.status_code == 403
    r = server.request("POST", ROOT + "/entities", data=body,
                       headers={"Content-Type": "application/json", "Authorization": f"Bearer {API_KEY}"})
    assert r.status_code == 201
    # Reads are public.
    assert server.get(ROOT + "/entities/urn:ngsi-ld:Building:nokey").status_code == 200


def test_acknowledged_writes_survive_a_kill(tmp_path):
    s = Server(tmp_path, env={"STADTKERN_CONTEXT_API_KEYS": API_KEY}).start()
    try:
        headers = {"Content-Type": "application/json", "X-Api-Key": API_KEY, "NGSILD-Tenant": "city"}
        batch = [{"id": f"urn:ngsi-ld:Sensor:{i}", "type": "Sensor", "temperature": {"type": "Property", "value": i}}
                 for i in range(50)]
        assert s.request("POST", ROOT + "/entityOperations/create", data=json.dumps(batch),
                         headers=headers).status_code == 201
        r = s.request("PATCH", ROOT + "/entities/urn:ngsi-ld:Sensor:7/attrs", headers=headers,
                      data=json.dumps({"temperature": {"type": "Property", "value": 99}}))
        assert r.status_code == 204
        s.kill9()
        s.start()
        r = s.get(ROOT + "/entities", params={"type": "Sensor", "count": "true", "limit": "0"},
                  headers={"NGSILD-Tenant": "city"})
        assert r.headers["NGSILD-Results-Count"] == "50"
        r = s.get(ROOT + "/entities/urn:ngsi-ld:Sensor:7", params={"options": "keyValues"},
                  headers={"NGSILD-Tenant": "city"})
        assert r.json()["temperature"] == 99
        # The other tenant sees nothing.
        assert s.get(ROOT + "/entities/urn:ngsi-ld:Sensor:7").status_code == 404
    finally:
        s.finish()


def test_remote_contexts_are_fetched_only_when_enabled(tmp_path):
    """context.fetch_remote: a @context on a web server is fetched once and
    kept (it still works after the web server is gone); off, it is 503."""
    import http.server
    import threading
    (tmp_path / "www").mkdir()
    (tmp_path / "www" / "ctx.jsonld").write_text(json.dumps({"@context": {"Tram": "https://ctx.example/ns#Tram"}}))
    handler = lambda *a, **kw: http.server.SimpleHTTPRequestHandler(*a, directory=str(tmp_path / "www"), **kw)
    web = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=web.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{web.server_address[1]}/ctx.jsonld"
    link = f'<{url}>; rel="http://www.w3.org/ns/json-ld#context"; type="application/ld+json"'
    headers = {"Content-Type": "application/json", "X-Api-Key": API_KEY, "Link": link}
    body = json.dumps({"id": "urn:ngsi-ld:Tram:1", "type": "Tram"})
    off = Server(tmp_path / "off", env={"STADTKERN_CONTEXT_API_KEYS": API_KEY}).start()
    try:
        r = off.request("POST", ROOT + "/entities", data=body, headers=headers)
        assert r.status_code == 503 and r.json()["type"].endswith("LdContextNotAvailable")
    finally:
        off.finish()
    on = Server(tmp_path / "on", env={"STADTKERN_CONTEXT_API_KEYS": API_KEY,
                                      "STADTKERN_CONTEXT_FETCH_REMOTE": "true"}).start()
    try:
        assert on.request("POST", ROOT + "/entities", data=body, headers=headers).status_code == 201
        web.shutdown()
        web.server_close()
        r = on.get(ROOT + "/entities/urn:ngsi-ld:Tram:1", headers={"Link": link})
        assert r.status_code == 200 and r.json()["type"] == "Tram"
        r = on.get(ROOT + "/entities/urn:ngsi-ld:Tram:1")
        assert r.json()["type"] == "https://ctx.example/ns#Tram"
    finally:
        on.finish()


@pytest.mark.parametrize("checkpoint_rows", ["250000", "37"])
def test_kill_during_sustained_ingest_keeps_every_acknowledged_write(tmp_path, checkpoint_rows):
    """Writers update attributes as fast as they can; the server is killed
    with SIGKILL in the middle. After the restart every update that got a
    2xx is there (the stored value is at least the last acknowledged one):
    with the updates in the journal only (no checkpoint before the kill),
    and with checkpoints every few writes (the kill may hit one)."""
    import threading
    import requests
    s = Server(tmp_path, env={"STADTKERN_CONTEXT_API_KEYS": API_KEY,
                              "STADTKERN_CONTEXT_CHECKPOINT_ROWS": checkpoint_rows}).start()
    headers = {"Content-Type": "application/json", "X-Api-Key": API_KEY}
    sensors = [f"urn:ngsi-ld:Sensor:k{i}" for i in range(4)]
    batch = [{"id": sid, "type": "Sensor", "count": {"type": "Property", "value": 0}} for sid in sensors]
    assert s.request("POST", ROOT + "/entityOperations/create", data=json.dumps(batch),
                     headers=headers).status_code == 201
    acknowledged = {sid: 0 for sid in sensors}
    stop = threading.Event()

    def writer(sid):
        session = requests.Session()
        n = 0
        while not stop.is_set():
            n += 1
            try:
                r = session.patch(s.url(f"{ROOT}/entities/{sid}/attrs"), headers=headers, timeout=5,
                                  data=json.dumps({"count": {"type": "Property", "value": n}}))
            except requests.RequestException:
                return
            if r.status_code == 204:
                acknowledged[sid] = n
            else:
                return

    threads = [threading.Thread(target=writer, args=(sid,)) for sid in sensors]
    for t in threads:
        t.start()
    try:
        deadline = time.monotonic() + 10
        while min(acknowledged.values()) < 20 and time.monotonic() < deadline:
            time.sleep(0.05)
        s.kill9()
    finally:
        stop.set()
        for t in threads:
            t.join()
    assert min(acknowledged.values()) >= 20, acknowledged
    s.start()
    try:
        for sid, n in acknowledged.items():
            r = s.get(f"{ROOT}/entities/{sid}", params={"options": "keyValues"})
            assert r.status_code == 200
            assert r.json()["count"] >= n, (sid, r.json(), n)
    finally:
        s.finish()
