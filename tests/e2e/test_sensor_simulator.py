"""The Musterstadt sensor simulator under `serve --demo`: the fleet as
NGSI-LD entities, plausible values, updates on a timer, back-filled history."""
import time

import pytest

from conftest import Server

BBOX = (51.495, 51.535, 7.450, 7.495)  # south, north, west, east
TYPES = ["AirQualityObserved", "OffStreetParking", "ParkingSpot", "TrafficFlowObserved",
         "NoiseLevelObserved", "WeatherObserved", "Streetlight", "WasteContainer",
         "EVChargingStation"]
# Plausible ranges per attribute (inclusive).
RANGES = {
    "no2": (0, 200), "pm10": (0, 150), "pm25": (0, 100), "o3": (0, 240),
    "temperature": (-25, 40), "availableSpotNumber": (0, 400), "intensity": (0, 2000),
    "averageVehicleSpeed": (0, 70), "occupancy": (0, 1), "LAeq": (25, 90), "LAmax": (25, 110),
    "relativeHumidity": (0, 1), "windSpeed": (0, 40), "precipitation": (0, 50),
    "atmosphericPressure": (950, 1060), "illuminanceLevel": (0, 1), "fillingLevel": (0, 1),
    "availableCapacity": (0, 10),
}


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    s = Server(tmp_path_factory.mktemp("sensors"), args=["--demo"],
               env={"STADTKERN_CONTEXT_SIMULATOR_INTERVAL_S": "2",
                    "STADTKERN_CONTEXT_SIMULATOR_HISTORY_DAYS": "2"}).start()
    yield s
    s.finish()


def all_entities(server, type_):
    out, offset = [], 0
    while True:
        r = server.get(f"/ngsi-ld/v1/entities?type={type_}&limit=1000&offset={offset}")
        assert r.status_code == 200, r.text
        page = r.json()
        out += page
        if len(page) < 1000:
            return out
        offset += 1000


def test_fleet_has_200_sensors_of_all_types_inside_town(demo):
    total = 0
    for t in TYPES:
        entities = all_entities(demo, t)
        assert len(entities) >= 3, t
        total += len(entities)
        for e in entities:
            assert e["id"].startswith(f"urn:ngsi-ld:{t}:musterstadt-")
            lon, lat = e["location"]["value"]["coordinates"]
            assert BBOX[0] < lat < BBOX[1] and BBOX[2] < lon < BBOX[3], e["id"]
            assert e["name"]["value"]
            assert e["address"]["value"]["addressLocality"] == "Musterstadt"
    assert total >= 200


def test_values_are_in_plausible_ranges_with_units(demo):
    seen = set()
    for t in TYPES:
        for e in all_entities(demo, t):
            for attr, (lo, hi) in RANGES.items():
                if attr in e:
                    v = e[attr]["value"]
                    assert lo <= v <= hi, (e["id"], attr, v)
                    assert "observedAt" in e[attr]
                    seen.add(attr)
            if t == "OffStreetParking":
                assert e["availableSpotNumber"]["value"] <= e["totalSpotNumber"]["value"]
            if t == "ParkingSpot":
                assert e["status"]["value"] in ("free", "occupied")
            if t == "Streetlight":
                assert e["powerState"]["value"] in ("on", "off")
    assert seen == set(RANGES)
    aq = demo.get("/ngsi-ld/v1/entities/urn:ngsi-ld:AirQualityObserved:musterstadt-001").json()
    assert aq["no2"]["unitCode"] == "GQ"
    assert aq["temperature"]["unitCode"] == "CEL"


def test_a_tick_changes_observed_at_and_values(demo):
    path = "/ngsi-ld/v1/entities/urn:ngsi-ld:TrafficFlowObserved:musterstadt-001"
    before = demo.get(path).json()
    deadline = time.time() + 15
    while time.time() < deadline:
        time.sleep(0.5)
        after = demo.get(path).json()
        if after["intensity"]["observedAt"] != before["intensity"]["observedAt"]:
            break
    assert after["intensity"]["observedAt"] > before["intensity"]["observedAt"]
    # The values moved too (measurement noise changes every ten seconds).
    values_before = {e["id"]: e["averageVehicleSpeed"]["value"] for e in all_entities(demo, "TrafficFlowObserved")}
    changed = False
    deadline = time.time() + 15
    while time.time() < deadline and not changed:
        time.sleep(1)
        now = {e["id"]: e["averageVehicleSpeed"]["value"] for e in all_entities(demo, "TrafficFlowObserved")}
        changed = now != values_before
    assert changed


def test_history_is_back_filled(demo):
    path = ("/ngsi-ld/v1/temporal/entities/urn:ngsi-ld:AirQualityObserved:musterstadt-001"
            "?attrs=no2&timerel=before&timeAt=" + time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() - 3600))
            + "&lastN=1000")
    deadline = time.time() + 60
    while True:
        r = demo.get(path)
        assert r.status_code == 200, r.text
        rows = r.json().get("no2", [])
        rows = rows if isinstance(rows, list) else [rows]
        if len(rows) >= 24 + 200 or time.time() > deadline:
            break
        time.sleep(1)
    # Two days: one hourly day (24) plus a five-minute day (288), less the last hour.
    assert len(rows) >= 24 + 200, len(rows)
    for instance in rows:
        assert 0 < instance["value"] < 200
        assert instance["unitCode"] == "GQ"
        assert instance["observedAt"] < time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(time.time() - 3600))


def test_back_fill_runs_once(demo, tmp_path):
    demo.wait_for_log("history back-filled for", 60)
    demo.stop()
    demo.start()
    demo.wait_for_log("history back-filled for", 60)
    assert "(0 rows this run)" in demo.stderr() or "(0 rows this run)" in demo.stdout()
