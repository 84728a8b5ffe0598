"""The sensor datasets of the open-data catalogue: hourly aggregates per
sensor type generated from the context broker's history (the rollups), in
CSV and JSON, streamed, only complete hours, equal to a recomputation from
the observations that were sent, with an ETag that follows the data."""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import math
import time

import pytest

from conftest import Server

KEY = "sensor-test-key"
NGSI = "/ngsi-ld/v1"
JSON = {"Content-Type": "application/json", "X-Api-Key": KEY}
BASE = "/opendata/download/sensoren-luftqualitaet"
# Set when the module's server starts (not at collection: the suite may reach
# this module in a later hour).
NOW = dt.datetime.now(dt.timezone.utc)
THIS_HOUR = NOW.replace(minute=0, second=0, microsecond=0)


def start_in_a_quiet_part_of_the_hour() -> None:
    """Sets NOW and THIS_HOUR; waits past the next full hour when it is less
    than two minutes away, so the hour the server calls current stays the
    same while the module runs."""
    global NOW, THIS_HOUR
    now = dt.datetime.now(dt.timezone.utc)
    left = 3600 - (now.minute * 60 + now.second + now.microsecond / 1e6)
    if left < 120:
        time.sleep(left + 1)
        now = dt.datetime.now(dt.timezone.utc)
    NOW = now
    THIS_HOUR = now.replace(minute=0, second=0, microsecond=0)


def iso(t: dt.datetime) -> str:
    return t.strftime("%Y-%m-%dT%H:%M:%S.000Z")


def observations(offset: float) -> list[tuple[dt.datetime, float]]:
    """Every 5 minutes over the last three complete hours, and two in the current one."""
    start = THIS_HOUR - dt.timedelta(hours=3)
    out = [(start + dt.timedelta(minutes=5 * i), round(20 + offset + math.sin(i / 4) * 7, 3))
           for i in range(36)]
    return out + [(THIS_HOUR, 99.0), (THIS_HOUR + dt.timedelta(seconds=1), 98.0)]


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    start_in_a_quiet_part_of_the_hour()
    s = Server(tmp_path_factory.mktemp("opendata_sensors"), args=["--demo"],
               env={"STADTKERN_CONTEXT_API_KEYS": KEY,
                    "STADTKERN_CONTEXT_SIMULATOR_ENABLED": "false"}).start()
    sent = {}
    for n, offset in (("a", 0.0), ("b", 5.0)):
        eid = f"urn:ngsi-ld:AirQualityObserved:test-{n}"
        series = observations(offset)
        sent[eid] = series
        body = {"id": eid, "type": "AirQualityObserved",
                "NO2": [{"type": "Property", "value": v, "unitCode": "GQ", "observedAt": iso(t)}
                        for t, v in series],
                "stationName": [{"type": "Property", "value": f"Station {n}",
                                 "observedAt": iso(series[0][0])}]}
        r = s.request("POST", f"{NGSI}/temporal/entities", json=body, headers=JSON)
        assert r.status_code == 201, r.text
    other = {"id": "urn:ngsi-ld:ParkingSpot:test-p", "type": "ParkingSpot",
             "occupancy": {"type": "Property", "value": 1, "observedAt": iso(NOW)}}
    assert s.request("POST", f"{NGSI}/entities", json=other, headers=JSON).status_code == 201
    s.sent = sent
    yield s
    s.finish()


def expected_rows(sent: dict) -> list[tuple]:
    rows = []
    for eid in sorted(sent):
        hours: dict = {}
        for t, v in sent[eid]:
            if t < THIS_HOUR:
                hours.setdefault(t.strftime("%Y-%m-%dT%H:00:00Z"), []).append(v)
        for hour in sorted(hours):
            vs = hours[hour]
            rows.append((eid, "NO2", hour, len(vs), sum(vs) / len(vs), min(vs), max(vs), "GQ"))
    return rows


def test_hourly_csv_equals_a_recomputation_of_complete_hours(demo):
    r = demo.get(f"{BASE}/stundenwerte.csv", headers={"Accept-Encoding": "identity"})
    assert r.status_code == 200, r.text
    assert r.headers["Content-Type"].startswith("text/csv; charset=utf-8")
    assert r.headers.get("Transfer-Encoding") == "chunked"
    assert r.text.startswith("sensor,merkmal,stunde,anzahl,mittelwert,minimum,maximum,einheit\r\n")
    rows = list(csv.reader(io.StringIO(r.text)))[1:]
    want = expected_rows(demo.sent)
    assert len(rows) == len(want) == 6
    for got, exp in zip(rows, want):
        assert got[:4] == [exp[0], exp[1], exp[2], str(exp[3])]
        assert [float(x) for x in got[4:7]] == pytest.approx(list(exp[4:7]), rel=1e-12)
        assert got[7] == "GQ"
    # The current hour and the text attribute are left out; other types too.
    assert "99" not in r.text and "stationName" not in r.text and "ParkingSpot" not in r.text


def test_hourly_json_carries_the_same_rows(demo):
    r = demo.get(f"{BASE}/stundenwerte.json")
    assert r.status_code == 200 and r.headers["Content-Type"].startswith("application/json")
    items = json.loads(r.content)
    want = expected_rows(demo.sent)
    assert [(i["sensor"], i["merkmal"], i["stunde"], i["anzahl"], i["einheit"]) for i in items] == \
        [(w[0], w[1], w[2], w[3], w[7]) for w in want]
    for i, w in zip(items, want):
        assert (i["mittelwert"], i["minimum"], i["maximum"]) == pytest.approx(w[4:7], rel=1e-12)


def test_etag_changes_with_new_history_and_gives_304_while_unchanged(demo):
    path = f"{BASE}/stundenwerte.csv"
    first = demo.get(path)
    etag = first.headers["ETag"]
    assert demo.get(path, headers={"If-None-Match": etag}).status_code == 304
    late = {"NO2": [{"type": "Property", "value": 1000.0, "unitCode": "GQ",
                     "observedAt": iso(THIS_HOUR - dt.timedelta(minutes=30))}]}
    r = demo.request("POST", f"{NGSI}/temporal/entities/urn:ngsi-ld:AirQualityObserved:test-a/attrs",
                     json=late, headers=JSON)
    assert r.status_code == 204, r.text
    again = demo.get(path)
    assert again.headers["ETag"] != etag and "1000" in again.text


def test_every_sensor_dataset_is_in_the_catalogue_with_its_files(demo):
    r = demo.get("/api/3/action/package_search", params={"fq": "organization:umwelt-mobilitaet",
                                                          "rows": 50})
    names = {p["name"] for p in r.json()["result"]["results"]}
    assert {"sensoren-luftqualitaet", "sensoren-laerm", "sensoren-verkehr", "sensoren-wetter",
            "sensoren-parkhaeuser", "sensoren-parkplaetze", "sensoren-strassenbeleuchtung",
            "sensoren-abfallbehaelter", "sensoren-ladesaeulen"} <= names
    empty = demo.get("/opendata/download/sensoren-laerm/stundenwerte.csv")
    assert empty.status_code == 200
    assert empty.text == "sensor,merkmal,stunde,anzahl,mittelwert,minimum,maximum,einheit\r\n"
    assert demo.get("/opendata/download/sensoren-laerm/nichts.csv").status_code == 404
