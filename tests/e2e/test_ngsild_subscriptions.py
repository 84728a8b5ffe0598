"""NGSI-LD subscriptions end to end: a local HTTP receiver gets the
notifications the server sends on entity changes (filters, throttling,
pausing, expiry, delivery status, retries, delivery after a crash and
restart, tenant isolation) and bad subscription payloads get 4xx."""
import json
import re
import threading
from pathlib import Path
import time
from datetime import datetime, timedelta, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from conftest import Server, free_port

KEY = "subs-key"
CONTEXTS = Path(__file__).parent / "data" / "ngsi-ld" / "contexts"
SUITE = "https://forge.etsi.org/rep/cim/ngsi-ld-test-suite/-/raw/develop/resources/jsonld-contexts/ngsi-ld-test-suite-compound.jsonld"
CORE = "https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context-v1.8.jsonld"
ROOT = "/ngsi-ld/v1"
AUTH = {"X-Api-Key": KEY}
JSON = {**AUTH, "Content-Type": "application/json"}


class Receiver:
    """An HTTP endpoint on a fixed port that records the POSTs it gets and
    answers `status`; stop() and start() again on the same port."""

    def __init__(self, port=None):
        self.port = port or free_port()
        self.status = 200
        self.got = []
        self.lock = threading.Lock()
        self.httpd = None

    def start(self):
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                with receiver.lock:
                    receiver.got.append({"path": self.path, "headers": dict(self.headers),
                                         "body": json.loads(body)})
                    status = receiver.status
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        self.httpd.allow_reuse_address = True
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        return self

    def stop(self):
        if self.httpd:
            self.httpd.shutdown()
            self.httpd.server_close()
            self.httpd = None

    @property
    def uri(self):
        return f"http://127.0.0.1:{self.port}/notify"

    def notifications(self, sub_id=None):
        with self.lock:
            return [g for g in self.got if sub_id is None or g["body"].get("subscriptionId") == sub_id]

    def wait(self, count, sub_id=None, timeout=10.0):
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            got = self.notifications(sub_id)
            if len(got) >= count:
                return got
            time.sleep(0.05)
        raise AssertionError(f"expected {count} notifications, got {self.notifications(sub_id)}")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    s = Server(tmp_path_factory.mktemp("subs"),
               env={"STADTKERN_CONTEXT_API_KEYS": KEY,
                    "STADTKERN_CONTEXT_PRELOADED_DIR": str(CONTEXTS),
                    "STADTKERN_CONTEXT_NOTIFY_RETRY_BASE_MS": "200",
                    "STADTKERN_CONTEXT_NOTIFY_RETRY_CAP_MS": "800",
                    "STADTKERN_CONTEXT_NOTIFY_TIMEOUT_MS": "2000"}).start()
    yield s
    s.finish()


@pytest.fixture
def receiver():
    r = Receiver().start()
    yield r
    r.stop()


_n = iter(range(1, 1_000_000))


def fresh(prefix="Building"):
    return f"urn:ngsi-ld:{prefix}:{next(_n)}-{time.monotonic_ns()}"


def subscribe(server, body, tenant=None, status=201):
    headers = dict(JSON)
    if tenant:
        headers["NGSILD-Tenant"] = tenant
    r = server.request("POST", f"{ROOT}/subscriptions", data=json.dumps(body), headers=headers)
    assert r.status_code == status, r.text
    if status == 201:
        return r.headers["Location"].rsplit("/", 1)[1]
    return r


def sub_body(uri, **extra):
    body = {"type": "Subscription", "entities": [{"type": "Building"}],
            "notification": {"endpoint": {"uri": uri, "accept": "application/json"}}}
    body.update(extra)
    return body


def create_entity(server, eid, tenant=None, **attrs):
    headers = dict(JSON)
    if tenant:
        headers["NGSILD-Tenant"] = tenant
    body = {"id": eid, "type": "Building"}
    body.update({k: {"type": "Property", "value": v} for k, v in attrs.items()})
    r = server.request("POST", f"{ROOT}/entities", data=json.dumps(body), headers=headers)
    assert r.status_code == 201, r.text


def update_attrs(server, eid, tenant=None, **attrs):
    headers = dict(JSON)
    if tenant:
        headers["NGSILD-Tenant"] = tenant
    body = {k: {"type": "Property", "value": v} for k, v in attrs.items()}
    r = server.request("PATCH", f"{ROOT}/entities/{eid}/attrs", data=json.dumps(body), headers=headers)
    assert r.status_code == 204, r.text


def get_sub(server, sid, tenant=None):
    headers = dict(AUTH)
    if tenant:
        headers["NGSILD-Tenant"] = tenant
    return server.get(f"{ROOT}/subscriptions/{sid}", headers=headers)


def delete_sub(server, sid):
    assert server.request("DELETE", f"{ROOT}/subscriptions/{sid}", headers=AUTH).status_code == 204


def test_notification_on_create_and_update(server, receiver):
    sid = subscribe(server, sub_body(receiver.uri, description="all buildings"))
    eid = fresh()
    create_entity(server, eid, name="Rathaus")
    first = receiver.wait(1, sid)[0]
    body = first["body"]
    assert body["type"] == "Notification"
    assert body["subscriptionId"] == sid
    assert body["id"].startswith("urn:ngsi-ld:Notification:")
    assert datetime.fromisoformat(body["notifiedAt"].replace("Z", "+00:00"))
    assert [e["id"] for e in body["data"]] == [eid]
    assert body["data"][0]["name"] == {"type": "Property", "value": "Rathaus"}
    assert first["headers"]["Content-Type"] == "application/json"
    assert "json-ld#context" in first["headers"]["Link"]
    update_attrs(server, eid, name="Neues Rathaus")
    second = receiver.wait(2, sid)[1]["body"]
    assert second["data"][0]["name"]["value"] == "Neues Rathaus"
    delete_sub(server, sid)


def test_key_values_attributes_and_receiver_info(server, receiver):
    sid = subscribe(server, sub_body(receiver.uri, notification={
        "attributes": ["height"], "format": "keyValues",
        "endpoint": {"uri": receiver.uri, "accept": "application/ld+json",
                     "receiverInfo": [{"key": "X-Stadt", "value": "Musterstadt"}]}}))
    eid = fresh()
    create_entity(server, eid, name="Turm", height=42)
    got = receiver.wait(1, sid)[0]
    assert got["body"]["data"] == [{"id": eid, "type": "Building", "height": 42}]
    assert "@context" in got["body"]
    assert got["headers"]["X-Stadt"] == "Musterstadt"
    assert got["headers"]["Content-Type"] == "application/ld+json"
    delete_sub(server, sid)


def test_concise_format(server, receiver):
    sid = subscribe(server, sub_body(receiver.uri, notification={
        "attributes": ["name", "height"], "format": "concise",
        "endpoint": {"uri": receiver.uri}}))
    eid = fresh()
    create_entity(server, eid, name="Turm", height=42)
    got = receiver.wait(1, sid)[0]
    assert got["body"]["data"] == [{"id": eid, "type": "Building", "name": "Turm", "height": 42}]
    delete_sub(server, sid)


def test_show_changes_sends_previous_values(server, receiver):
    eid = fresh()
    sid = subscribe(server, sub_body(receiver.uri, entities=[{"id": eid, "type": "Building"}],
                                     notification={"showChanges": True,
                                                   "endpoint": {"uri": receiver.uri}}))
    create_entity(server, eid, name="Alte Schule", height=12)
    first = receiver.wait(1, sid)[0]["body"]["data"][0]
    assert "previousValue" not in first["name"]  # nothing was there before
    update_attrs(server, eid, name="Neue Schule")
    second = receiver.wait(2, sid)[1]["body"]["data"][0]
    assert second["name"] == {"type": "Property", "value": "Neue Schule", "previousValue": "Alte Schule"}
    assert "previousValue" not in second["height"]  # unchanged
    r = server.request("POST", f"{ROOT}/entities/{eid}/attrs", headers=JSON, data=json.dumps(
        {"owner": {"type": "Relationship", "object": "urn:ngsi-ld:Person:a"}}))
    assert r.status_code == 204
    receiver.wait(3, sid)
    r = server.request("PATCH", f"{ROOT}/entities/{eid}/attrs", headers=JSON, data=json.dumps(
        {"owner": {"type": "Relationship", "object": "urn:ngsi-ld:Person:b"}}))
    assert r.status_code == 204
    fourth = receiver.wait(4, sid)[3]["body"]["data"][0]
    assert fourth["owner"]["object"] == "urn:ngsi-ld:Person:b"
    assert fourth["owner"]["previousObject"] == "urn:ngsi-ld:Person:a"
    delete_sub(server, sid)


def test_show_changes_is_a_boolean(server, receiver):
    r = subscribe(server, sub_body(receiver.uri, notification={
        "showChanges": "yes", "endpoint": {"uri": receiver.uri}}), status=400)
    assert "showChanges" in r.json()["detail"]


def test_unknown_notification_format_is_refused(server, receiver):
    r = subscribe(server, sub_body(receiver.uri, notification={
        "format": "compact", "endpoint": {"uri": receiver.uri}}), status=400)
    assert r.json()["type"].endswith("BadRequestData")


def test_watched_attributes_and_q(server, receiver):
    eid = fresh()
    create_entity(server, eid, name="Schule", temperature=10)
    sid = subscribe(server, sub_body(receiver.uri, entities=[{"id": eid, "type": "Building"}],
                                     watchedAttributes=["temperature"], q="temperature>20"))
    update_attrs(server, eid, name="Grundschule")  # not watched
    update_attrs(server, eid, temperature=15)  # q fails
    update_attrs(server, eid, temperature=25)  # notifies
    got = receiver.wait(1, sid)
    time.sleep(0.5)
    got = receiver.notifications(sid)
    assert len(got) == 1
    assert got[0]["body"]["data"][0]["temperature"]["value"] == 25
    delete_sub(server, sid)


def test_id_pattern_selects(server, receiver):
    sid = subscribe(server, sub_body(receiver.uri, entities=[
        {"idPattern": "^urn:ngsi-ld:Building:pattern-", "type": "Building"}]))
    other = fresh()
    create_entity(server, other, name="x")
    hit = f"urn:ngsi-ld:Building:pattern-{time.monotonic_ns()}"
    create_entity(server, hit, name="y")
    got = receiver.wait(1, sid)
    time.sleep(0.3)
    assert [g["body"]["data"][0]["id"] for g in receiver.notifications(sid)] == [hit]
    delete_sub(server, sid)


def test_throttling(server, receiver):
    eid = fresh()
    create_entity(server, eid, temperature=1)
    sid = subscribe(server, sub_body(receiver.uri, entities=[{"id": eid, "type": "Building"}],
                                     throttling=3))
    update_attrs(server, eid, temperature=2)
    update_attrs(server, eid, temperature=3)
    update_attrs(server, eid, temperature=4)
    receiver.wait(1, sid)
    time.sleep(0.5)
    assert len(receiver.notifications(sid)) == 1
    time.sleep(3)
    update_attrs(server, eid, temperature=5)
    got = receiver.wait(2, sid)
    assert got[1]["body"]["data"][0]["temperature"]["value"] == 5
    delete_sub(server, sid)


def test_paused_subscription_sends_nothing(server, receiver):
    eid = fresh()
    create_entity(server, eid, temperature=1)
    sid = subscribe(server, sub_body(receiver.uri, entities=[{"id": eid, "type": "Building"}]))
    r = server.request("PATCH", f"{ROOT}/subscriptions/{sid}", data=json.dumps({"isActive": False}),
                       headers=JSON)
    assert r.status_code == 204, r.text
    sub = get_sub(server, sid).json()
    assert sub["isActive"] is False and sub["status"] == "paused"
    update_attrs(server, eid, temperature=2)
    time.sleep(0.7)
    assert receiver.notifications(sid) == []
    server.request("PATCH", f"{ROOT}/subscriptions/{sid}", data=json.dumps({"isActive": True}),
                   headers=JSON)
    update_attrs(server, eid, temperature=3)
    assert receiver.wait(1, sid)[0]["body"]["data"][0]["temperature"]["value"] == 3
    delete_sub(server, sid)


def test_expires_at(server, receiver):
    eid = fresh()
    create_entity(server, eid, temperature=1)
    expires = (datetime.now(timezone.utc) + timedelta(seconds=2)).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"
    sid = subscribe(server, sub_body(receiver.uri, entities=[{"id": eid, "type": "Building"}],
                                     expiresAt=expires))
    update_attrs(server, eid, temperature=2)
    receiver.wait(1, sid)
    time.sleep(2.2)
    assert get_sub(server, sid).json()["status"] == "expired"
    update_attrs(server, eid, temperature=3)
    time.sleep(0.7)
    assert len(receiver.notifications(sid)) == 1
    past = sub_body(receiver.uri, expiresAt="2001-01-01T00:00:00Z")
    assert subscribe(server, past, status=400).json()["type"].endswith("BadRequestData")
    delete_sub(server, sid)


def test_status_counters_failure_and_retry(server, receiver):
    eid = fresh()
    create_entity(server, eid, temperature=1)
    sid = subscribe(server, sub_body(receiver.uri, entities=[{"id": eid, "type": "Building"}]))
    update_attrs(server, eid, temperature=2)
    receiver.wait(1, sid)
    time.sleep(0.3)
    n = get_sub(server, sid).json()["notification"]
    assert n["timesSent"] == 1 and "lastSuccess" in n and "lastFailure" not in n
    assert n["lastNotification"] == n["lastSuccess"]
    receiver.status = 500
    update_attrs(server, eid, temperature=3)
    receiver.wait(3, sid)  # the first try and at least one retry
    n = get_sub(server, sid).json()["notification"]
    assert "lastFailure" in n and n["status"] == "failed"
    receiver.status = 200
    end = time.monotonic() + 10
    while time.monotonic() < end:
        n = get_sub(server, sid).json()["notification"]
        if n["timesSent"] == 2:
            break
        time.sleep(0.1)
    assert n["timesSent"] == 2 and n["status"] == "ok"
    assert n["lastSuccess"] >= n["lastFailure"]
    assert all(g["body"]["data"][0]["temperature"]["value"] == 3 for g in receiver.notifications(sid)[1:])
    metrics = server.get("/metrics").text
    counts = {outcome: float(re.search(rf'stadtkern_ngsild_notifications_total{{outcome="{outcome}"}} (\S+)',
                                       metrics).group(1)) for outcome in ("sent", "failed")}
    assert counts["sent"] >= 2 and counts["failed"] >= 2, counts
    assert "stadtkern_ngsild_notifications_pending " in metrics
    delete_sub(server, sid)


def test_dead_endpoint_does_not_stall_others(server, receiver):
    dead = Receiver()  # never started: connection refused
    eid = fresh()
    create_entity(server, eid, temperature=1)
    slow = subscribe(server, sub_body(dead.uri, entities=[{"id": eid, "type": "Building"}]))
    sid = subscribe(server, sub_body(receiver.uri, entities=[{"id": eid, "type": "Building"}]))
    for v in range(2, 6):
        update_attrs(server, eid, temperature=v)
    got = receiver.wait(4, sid)
    assert [g["body"]["data"][0]["temperature"]["value"] for g in got] == [2, 3, 4, 5]
    delete_sub(server, slow)
    delete_sub(server, sid)


def test_tenant_isolation(server, receiver):
    sid = subscribe(server, sub_body(receiver.uri), tenant="nord")
    assert get_sub(server, sid).status_code == 404
    assert get_sub(server, sid, tenant="sued").status_code == 404
    assert get_sub(server, sid, tenant="nord").status_code == 200
    listed = server.get(f"{ROOT}/subscriptions", headers={**AUTH, "NGSILD-Tenant": "sued"})
    assert sid not in [s["id"] for s in listed.json()]
    create_entity(server, fresh(), tenant="sued", name="elsewhere")
    time.sleep(0.7)
    assert receiver.notifications(sid) == []
    create_entity(server, fresh(), tenant="nord", name="here")
    got = receiver.wait(1, sid)
    assert got[0]["headers"]["NGSILD-Tenant"] == "nord"
    r = server.request("DELETE", f"{ROOT}/subscriptions/{sid}", headers={**AUTH, "NGSILD-Tenant": "nord"})
    assert r.status_code == 204


def test_list_paging_and_count(server, receiver):
    tenant = f"list{time.monotonic_ns()}"
    ids = [subscribe(server, sub_body(receiver.uri), tenant=tenant) for _ in range(3)]
    headers = {**AUTH, "NGSILD-Tenant": tenant}
    r = server.get(f"{ROOT}/subscriptions?limit=2&count=true", headers=headers)
    assert r.status_code == 200
    assert r.headers["NGSILD-Results-Count"] == "3"
    assert len(r.json()) == 2 and 'rel="next"' in r.headers["Link"]
    r = server.get(f"{ROOT}/subscriptions?limit=2&offset=2", headers=headers)
    assert len(r.json()) == 1
    assert {s["id"] for s in server.get(f"{ROOT}/subscriptions?limit=10", headers=headers).json()} == set(ids)


@pytest.mark.parametrize("body,kind", [
    ("{not json", "InvalidRequest"),
    ("[]", "BadRequestData"),
    ({}, "BadRequestData"),
    ({"entities": [{"type": "Building"}]}, "BadRequestData"),
    ({"entities": [{"type": "Building"}], "notification": {"endpoint": {"uri": "not a uri"}}}, "BadRequestData"),
    ({"entities": [{"type": "Building"}], "notification": {"endpoint": {"uri": "http://x/", "accept": "text/html"}}}, "BadRequestData"),
    ({"entities": [{"type": "Building"}], "throttling": -1, "notification": {"endpoint": {"uri": "http://x/"}}}, "BadRequestData"),
    ({"entities": [{"type": "Building"}], "throttling": 5, "timeInterval": 10, "notification": {"endpoint": {"uri": "http://x/"}}}, "BadRequestData"),
    ({"entities": [{"type": "Building"}], "q": "temperature>>", "notification": {"endpoint": {"uri": "http://x/"}}}, "BadRequestData"),
    ({"entities": [{"type": "Building"}], "geoQ": {"georel": "near", "geometry": "Point"}, "notification": {"endpoint": {"uri": "http://x/"}}}, "BadRequestData"),
    ({"entities": [{"idPattern": "(", "type": "Building"}], "notification": {"endpoint": {"uri": "http://x/"}}}, "BadRequestData"),
    ({"entities": [{"idPattern": "^(a|aa)+$", "type": "Building"}], "notification": {"endpoint": {"uri": "http://x/"}}}, "BadRequestData"),
    ({"entities": [{"type": "Building"}], "isActive": "yes", "notification": {"endpoint": {"uri": "http://x/"}}}, "BadRequestData"),
    ({"entities": [{"type": "Building"}], "notification": {"endpoint": {"uri": "http://x/", "receiverInfo": [{"key": "A\r\nB", "value": "v"}]}}}, "BadRequestData"),
    ({"type": "Entity", "entities": [{"type": "Building"}], "notification": {"endpoint": {"uri": "http://x/"}}}, "BadRequestData"),
])
def test_bad_payloads(server, body, kind):
    data = body if isinstance(body, str) else json.dumps(body)
    r = server.request("POST", f"{ROOT}/subscriptions", data=data, headers=JSON)
    assert 400 <= r.status_code < 500, r.text
    assert r.json()["type"].endswith(kind), r.text


def test_auth_conflict_and_unknown(server, receiver):
    body = json.dumps(sub_body(receiver.uri))
    r = server.request("POST", f"{ROOT}/subscriptions", data=body, headers={"Content-Type": "application/json"})
    assert r.status_code == 401
    assert server.get(f"{ROOT}/subscriptions").status_code == 401
    assert server.get(f"{ROOT}/subscriptions", headers={"X-Api-Key": "wrong"}).status_code == 403
    sid = "urn:ngsi-ld:Subscription:fixed-" + str(time.monotonic_ns())
    subscribe(server, {**sub_body(receiver.uri), "id": sid})
    assert subscribe(server, {**sub_body(receiver.uri), "id": sid}, status=409).json()["type"].endswith("AlreadyExists")
    assert get_sub(server, "urn:ngsi-ld:Subscription:none").status_code == 404
    assert get_sub(server, "not-a-uri").status_code == 400
    r = server.request("PATCH", f"{ROOT}/subscriptions/urn:ngsi-ld:Subscription:none",
                       data=json.dumps({"isActive": False}), headers=JSON)
    assert r.status_code == 404
    r = server.request("PATCH", f"{ROOT}/subscriptions/{sid}", data=json.dumps({"throttling": "x"}), headers=JSON)
    assert r.status_code == 400
    assert get_sub(server, sid).json().get("throttling") is None  # the bad patch changed nothing
    for fragment in ({"type": "Entity"}, {"id": "urn:ngsi-ld:Subscription:other"}, {},
                     {"notification": None}, {"entities": []}):
        r = server.request("PATCH", f"{ROOT}/subscriptions/{sid}", data=json.dumps(fragment), headers=JSON)
        assert r.status_code == 400, (fragment, r.text)
    assert get_sub(server, sid).json()["entities"] == [{"type": "Building"}]
    delete_sub(server, sid)
    assert server.request("DELETE", f"{ROOT}/subscriptions/{sid}", headers=AUTH).status_code == 404


def test_pending_notification_survives_kill(tmp_path):
    s = Server(tmp_path, env={"STADTKERN_CONTEXT_API_KEYS": KEY,
                              "STADTKERN_CONTEXT_NOTIFY_RETRY_BASE_MS": "200",
                              "STADTKERN_CONTEXT_NOTIFY_RETRY_CAP_MS": "500"}).start()
    receiver = Receiver()  # down for now
    try:
        eid = fresh()
        create_entity(s, eid, temperature=1)
        sid = subscribe(s, sub_body(receiver.uri, entities=[{"id": eid, "type": "Building"}]))
        update_attrs(s, eid, temperature=99)  # committed; delivery fails (receiver down)
        s.kill9()
        s.restart()
        receiver.start()
        got = receiver.wait(1, sid, timeout=15)
        assert got[0]["body"]["data"][0]["temperature"]["value"] == 99
        end = time.monotonic() + 5
        while time.monotonic() < end:
            n = get_sub(s, sid).json()["notification"]
            if n["timesSent"] == 1:
                break
            time.sleep(0.1)
        assert n["timesSent"] == 1
        # The subscription itself survived too: a new change notifies.
        update_attrs(s, eid, temperature=100)
        assert receiver.wait(2, sid)[1]["body"]["data"][0]["temperature"]["value"] == 100
    finally:
        receiver.stop()
        s.finish()


def test_geo_q(server, receiver):
    sid = subscribe(server, sub_body(receiver.uri, entities=[{"type": "Building"}],
                                     geoQ={"georel": "near;maxDistance==2000", "geometry": "Point",
                                           "coordinates": [7.4653, 51.5136]}))
    far, near = fresh(), fresh()
    for eid, coords in [(far, [8.6821, 50.1109]), (near, [7.4700, 51.5150])]:
        body = {"id": eid, "type": "Building",
                "location": {"type": "GeoProperty", "value": {"type": "Point", "coordinates": coords}}}
        r = server.request("POST", f"{ROOT}/entities", data=json.dumps(body), headers=JSON)
        assert r.status_code == 201, r.text
    receiver.wait(1, sid)
    time.sleep(0.5)
    assert [g["body"]["data"][0]["id"] for g in receiver.notifications(sid)] == [near]
    delete_sub(server, sid)


def test_batch_and_delete_paths_notify(server, receiver):
    a, b = fresh(), fresh()
    sid = subscribe(server, sub_body(receiver.uri, entities=[{"idPattern": f"^({a}|{b})$", "type": "Building"}],
                                     notificationTrigger=["entityCreated", "entityUpdated", "entityDeleted"]))
    batch = [{"id": e, "type": "Building", "name": {"type": "Property", "value": e}} for e in (a, b)]
    r = server.request("POST", f"{ROOT}/entityOperations/upsert", data=json.dumps(batch), headers=JSON)
    assert r.status_code in (201, 204), r.text
    first = receiver.wait(1, sid)[0]["body"]
    assert sorted(e["id"] for e in first["data"]) == sorted([a, b]), "one notification for the batch"
    r = server.request("POST", f"{ROOT}/entityOperations/delete", data=json.dumps([a]), headers=JSON)
    assert r.status_code == 204, r.text
    deleted = receiver.wait(2, sid)[1]["body"]
    assert deleted["data"] == [{"id": a, "type": "Building"}]
    delete_sub(server, sid)


def test_time_interval_sends_periodically(server, receiver):
    eid = fresh()
    create_entity(server, eid, temperature=7)
    sid = subscribe(server, sub_body(receiver.uri, entities=[{"id": eid, "type": "Building"}],
                                     timeInterval=1))
    got = receiver.wait(3, sid, timeout=6)
    assert all(g["body"]["data"][0]["temperature"]["value"] == 7 for g in got)
    delete_sub(server, sid)
    time.sleep(1.5)
    count = len(receiver.notifications(sid))
    time.sleep(1.5)
    assert len(receiver.notifications(sid)) == count, "a deleted subscription sends nothing"


def test_notifications_use_the_subscription_context(server, receiver):
    """Terms of the subscription expand with the request's @context; the
    data of a notification is compacted with jsonldContext when given,
    else with the context the subscription was made with."""
    ld = {**AUTH, "Content-Type": "application/ld+json"}
    made_with = {"entities": [{"type": "Building"}], "@context": [SUITE],
                 "notification": {"endpoint": {"uri": receiver.uri, "accept": "application/ld+json"}}}
    with_core = {**made_with, "jsonldContext": CORE}
    sids = []
    for body in (made_with, with_core):
        r = server.request("POST", f"{ROOT}/subscriptions", data=json.dumps(body), headers=ld)
        assert r.status_code == 201, r.text
        sids.append(r.headers["Location"].rsplit("/", 1)[1])
    eid = fresh()
    entity = {"id": eid, "type": "Building", "name": {"type": "Property", "value": "Bahnhof"},
              "@context": [SUITE]}
    assert server.request("POST", f"{ROOT}/entities", data=json.dumps(entity), headers=ld).status_code == 201
    suite_body = receiver.wait(1, sids[0])[0]["body"]
    core_body = receiver.wait(1, sids[1])[0]["body"]
    assert suite_body["@context"] == [SUITE]
    assert suite_body["data"][0]["type"] == "Building"
    assert core_body["@context"] == CORE
    assert core_body["data"][0]["type"] == "https://ngsi-ld-test-suite/context#Building"
    for sid in sids:
        delete_sub(server, sid)
    # An unknown jsonldContext cannot be had: 503 LdContextNotAvailable.
    r = server.request("POST", f"{ROOT}/subscriptions", headers=ld,
                       data=json.dumps({**made_with, "jsonldContext": "https://example.invalid/ctx.jsonld"}))
    assert r.status_code == 503 and r.json()["type"].endswith("LdContextNotAvailable"), r.text


def test_pick_and_omit_shape_the_data(server, receiver):
    eid = fresh()
    create_entity(server, eid, name="Museum", height=12, width=30)
    picked = subscribe(server, sub_body(receiver.uri, entities=[{"id": eid, "type": "Building"}],
                                        notification={"pick": ["id", "height"], "format": "keyValues",
                                                      "endpoint": {"uri": receiver.uri}}))
    omitted = subscribe(server, sub_body(receiver.uri, entities=[{"id": eid, "type": "Building"}],
                                         notification={"omit": ["type", "width"], "format": "keyValues",
                                                       "endpoint": {"uri": receiver.uri}}))
    update_attrs(server, eid, height=13)
    assert receiver.wait(1, picked)[0]["body"]["data"] == [{"id": eid, "height": 13}]
    assert receiver.wait(1, omitted)[0]["body"]["data"] == [{"id": eid, "name": "Museum", "height": 13}]
    assert sorted(get_sub(server, picked).json()["notification"]["pick"]) == ["height", "id"]
    delete_sub(server, picked)
    delete_sub(server, omitted)
