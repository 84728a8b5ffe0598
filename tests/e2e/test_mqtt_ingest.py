"""MQTT ingest: messages on stadtkern/{tenant}/{type}/{id}/attrs published to
a real mosquitto become attribute updates (entity and history)."""
from __future__ import annotations

import json
import re
import sqlite3
import subprocess
import time

import pytest

from conftest import free_port
from mqtt_broker import Mosquitto

NGSI = "/ngsi-ld/v1"
HISTORY_SQL = "SELECT count(*) FROM ngsild_attribute_history WHERE tenant = ? AND entity_id = ?"


@pytest.fixture
def mosquitto(tmp_path):
    broker = Mosquitto(tmp_path / "mosquitto").start()  # raises when mosquitto is missing
    yield broker
    broker.stop()


def start_ingest(make_server, broker, env=None, **kw):
    env = {"STADTKERN_MQTT_URL": broker.url, "STADTKERN_MQTT_CLIENT_ID": "stadtkern-test", **(env or {})}
    srv = make_server(env=env, **kw)
    wait_until(lambda: metric(srv, "stadtkern_mqtt_connected") == 1, "MQTT subscription")
    return srv


def metric(srv, name: str, labels: str = "") -> float:
    text = srv.get("/metrics").text
    m = re.search(rf"^{re.escape(name + labels)} (\S+)$", text, re.M)
    return float(m.group(1)) if m else -1


def wait_until(cond, what: str, deadline: float = 15):
    end = time.monotonic() + deadline
    while time.monotonic() < end:
        if cond():
            return
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


def settle_history(srv, entity_id: str, tenant: str = "") -> None:
    """A temporal read moves the broker's journal into the history tables,
    which this file then reads directly."""
    headers = {"NGSILD-Tenant": tenant} if tenant else {}
    srv.get(f"{NGSI}/temporal/entities/{entity_id}?lastN=1", headers=headers)


def history_rows(srv, entity_id: str, tenant: str = "") -> int:
    settle_history(srv, entity_id, tenant)
    db = sqlite3.connect(f"file:{srv.data_dir / 'stadtkern.db'}?mode=ro", uri=True, timeout=10)
    try:
        return db.execute(HISTORY_SQL, (tenant, entity_id)).fetchone()[0]
    finally:
        db.close()


def entity(srv, entity_id: str, tenant: str | None = None):
    headers = {"NGSILD-Tenant": tenant} if tenant else {}
    return srv.get(f"{NGSI}/entities/{entity_id}", headers=headers)


def stored(srv) -> float:
    return metric(srv, "stadtkern_mqtt_messages_total", '{result="stored"}')


def test_values_arrive_in_entity_and_history_with_observed_at(make_server, mosquitto):
    srv = start_ingest(make_server, mosquitto)
    eid = "urn:ngsi-ld:AirQualityObserved:mq-1"
    topic = f"stadtkern/default/AirQualityObserved/{eid}/attrs"
    mosquitto.publish(topic, '{"temperature": 21.5, "status": "free"}')
    mosquitto.publish(topic, '{"temperature": {"type": "Property", "value": 22.25, "unitCode": "CEL",'
                             ' "observedAt": "2026-11-26T10:00:00.000Z"}}')
    wait_until(lambda: stored(srv) == 2, "two stored messages")
    r = entity(srv, eid)
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["type"] == "AirQualityObserved"
    assert body["temperature"]["value"] == 22.25
    assert body["temperature"]["unitCode"] == "CEL"
    assert body["temperature"]["observedAt"] == "2026-11-26T10:00:00.000Z"
    assert body["status"]["value"] == "free"
    # The plain value got the receipt time as observedAt.
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", body["status"]["observedAt"])
    # Three instances changed: temperature twice, status once.
    assert history_rows(srv, eid) == 3
    db = sqlite3.connect(f"file:{srv.data_dir / 'stadtkern.db'}?mode=ro", uri=True)
    observed = [row[0] for row in db.execute(
        "SELECT CASE WHEN observed = 1 THEN at END FROM ngsild_attribute_history "
        "WHERE entity_id = ? AND attribute LIKE "
        "'%temperature' ORDER BY seq", (eid,))]
    db.close()
    assert observed[1] == "2026-11-26T10:00:00.000Z"
    assert observed[0] and observed[0] != observed[1]


def test_malformed_messages_are_counted_and_ingest_goes_on(make_server, mosquitto):
    srv = start_ingest(make_server, mosquitto)
    good = "stadtkern/default/Streetlight/urn:ngsi-ld:Streetlight:mq-2/attrs"
    mosquitto.publish(good, "{not json")
    mosquitto.publish(good, '{"power": {"type": "Property"}}')  # no value
    mosquitto.publish(good, '{"id": "urn:x:other", "power": 1}')
    mosquitto.publish("stadtkern/default/Streetlight/not-a-uri/attrs", '{"power": 1}')
    mosquitto.publish("stadtkern/bad tenant!/Streetlight/urn:x:1/attrs", '{"power": 1}')
    mosquitto.publish(good, '{"power": "' + "x" * (70 * 1024) + '"}')
    mosquitto.publish(good, '{"power": 40}')
    wait_until(lambda: stored(srv) == 1, "the good message")
    assert metric(srv, "stadtkern_mqtt_messages_total", '{result="malformed"}') == 6
    assert entity(srv, "urn:ngsi-ld:Streetlight:mq-2").json()["power"]["value"] == 40
    assert "malformed message on 'stadtkern/default/Streetlight/not-a-uri/attrs'" in srv.stderr() + srv.stdout()
    srv.assert_alive()


def test_persistent_session_delivers_what_was_published_while_down(make_server, mosquitto):
    srv = start_ingest(make_server, mosquitto)
    eid = "urn:ngsi-ld:ParkingSpot:mq-3"
    topic = f"stadtkern/default/ParkingSpot/{eid}/attrs"
    mosquitto.publish(topic, '{"status": "free"}')
    wait_until(lambda: stored(srv) == 1, "the first message")
    assert srv.stop() == 0
    mosquitto.publish_lines(topic, [f'{{"occupancy": {i}}}' for i in range(200)])
    srv.start()
    wait_until(lambda: history_rows(srv, eid) == 201, "the messages queued while down")
    assert entity(srv, eid).json()["occupancy"]["value"] == 199


def test_burst_keeps_every_row_and_rollups_equal_the_raw_rows(make_server, mosquitto):
    # A burst of one entity lands in few batches, each summing its values per
    # hour before writing the rollups: they must equal a recount of the rows.
    srv = start_ingest(make_server, mosquitto)
    eid = "urn:ngsi-ld:WeatherObserved:mq-burst"
    topic = f"stadtkern/default/WeatherObserved/{eid}/attrs"
    n = 3000
    lines = [json.dumps({"temperature": {"type": "Property", "value": (i * 7) % 53 - 10.5,
                                         "observedAt": f"2026-11-26T{10 + i % 3:02d}:{i % 60:02d}:00.000Z"},
                         "seq": i}) for i in range(n)]
    mosquitto.publish_lines(topic, lines)
    wait_until(lambda: stored(srv) == n, f"{n} stored messages", deadline=60)
    assert history_rows(srv, eid) == 2 * n
    assert entity(srv, eid).json()["seq"]["value"] == n - 1
    settle_history(srv, eid)
    db = sqlite3.connect(f"file:{srv.data_dir / 'stadtkern.db'}?mode=ro", uri=True, timeout=10)
    try:
        stored_rollups = db.execute(
            "SELECT attribute, hour, n, sum, sumsq, min, max FROM ngsild_attribute_rollup "
            "WHERE entity_id = ? ORDER BY attribute, hour", (eid,)).fetchall()
        recount = db.execute(
            "SELECT attribute, CASE WHEN observed = 1 THEN substr(at, 1, 13) END AS h, count(*), "
            "sum(value_num), "
            "sum(value_num * value_num), min(value_num), max(value_num) FROM ngsild_attribute_history "
            "WHERE entity_id = ? AND value_num IS NOT NULL GROUP BY attribute, h ORDER BY attribute, h",
            (eid,)).fetchall()
    finally:
        db.close()
    # Two attributes; temperature in three hours. seq has no observedAt of
    # its own: the receipt time stamps it.
    assert len(stored_rollups) == len(recount) >= 4
    for got, want in zip(stored_rollups, recount):
        assert got[:3] == want[:3]
        assert got[3:] == pytest.approx(want[3:], rel=1e-9)
    temperature = [r for r in stored_rollups if r[0].endswith("temperature")]
    assert [r[2] for r in temperature] == [n // 3] * 3
    srv.assert_alive()


def test_tenants_are_isolated(make_server, mosquitto):
    srv = start_ingest(make_server, mosquitto)
    eid = "urn:ngsi-ld:WasteContainer:mq-4"
    mosquitto.publish(f"stadtkern/musterstadt/WasteContainer/{eid}/attrs", '{"fillingLevel": 0.5}')
    mosquitto.publish(f"stadtkern/default/WasteContainer/{eid}/attrs", '{"fillingLevel": 0.9}')
    wait_until(lambda: stored(srv) == 2, "both messages")
    assert entity(srv, eid, "musterstadt").json()["fillingLevel"]["value"] == 0.5
    assert entity(srv, eid).json()["fillingLevel"]["value"] == 0.9
    assert entity(srv, eid, "other").status_code == 404
    assert history_rows(srv, eid, "musterstadt") == 1
    assert history_rows(srv, eid) == 1


def test_without_mqtt_url_the_server_runs_without_ingest(make_server):
    srv = make_server()
    assert "stadtkern_mqtt" not in srv.get("/metrics").text


def test_subscription_notifies_an_mqtt_endpoint(make_server, mosquitto):
    """An entity change (here itself from MQTT ingest) is published to the
    subscription's mqtt:// endpoint with QoS 1."""
    sub = ["mosquitto_sub", "-h", "127.0.0.1", "-p", str(mosquitto.port), "-c", "-i", "notify-test",
           "-q", "1", "-t", "city/alerts"]
    subprocess.run(sub + ["-E"], check=True, timeout=20)  # persistent session, subscribed
    srv = start_ingest(make_server, mosquitto, env={"STADTKERN_MQTT_URL": mosquitto.url,
                                                    "STADTKERN_CONTEXT_API_KEYS": "k"})
    body = {"type": "Subscription", "entities": [{"type": "WeatherObserved"}],
            "watchedAttributes": ["temperature"],
            "notification": {"endpoint": {"uri": f"{mosquitto.url}/city/alerts",
                                          "accept": "application/json"}}}
    r = srv.request("POST", f"{NGSI}/subscriptions", data=json.dumps(body),
                    headers={"X-Api-Key": "k", "Content-Type": "application/json"})
    assert r.status_code == 201, r.text
    eid = "urn:ngsi-ld:WeatherObserved:mq-5"
    mosquitto.publish(f"stadtkern/default/WeatherObserved/{eid}/attrs", '{"temperature": 7.5}')
    out = subprocess.run(sub + ["-C", "1", "-W", "20"], check=True, timeout=30,
                         capture_output=True, text=True).stdout
    note = json.loads(out)
    assert note["type"] == "Notification"
    assert note["data"][0]["id"] == eid
    assert note["data"][0]["temperature"]["value"] == 7.5
    sid = r.headers["Location"].rsplit("/", 1)[1]
    status = lambda: srv.get(f"{NGSI}/subscriptions/{sid}", headers={"X-Api-Key": "k"}).json()
    wait_until(lambda: status()["notification"].get("timesSent") == 1, "timesSent = 1")
    assert status()["notification"]["status"] == "ok"


def test_unreachable_broker_neither_blocks_start_nor_stop(make_server):
    srv = make_server(env={"STADTKERN_MQTT_URL": f"mqtt://127.0.0.1:{free_port()}"})
    assert metric(srv, "stadtkern_mqtt_connected") == 0
    assert srv.get(f"{NGSI}/entities?type=T").status_code == 200
    time.sleep(1.5)  # at least one reconnect attempt with backoff
    t0 = time.monotonic()
    assert srv.stop() == 0
    assert time.monotonic() - t0 < 5


def test_bad_mqtt_url_is_a_configuration_error(make_server):
    srv = make_server(start=False, env={"STADTKERN_MQTT_URL": "http://127.0.0.1:1883"})
    srv.start(wait=False)
    srv.expected_exit = True
    assert srv.wait_exit() == 2
    assert "STADTKERN_MQTT_URL" in srv.stderr()
