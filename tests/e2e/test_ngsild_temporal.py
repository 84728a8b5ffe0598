"""The NGSI-LD temporal API (/ngsi-ld/v1/temporal/entities): every change is
recorded whatever path made it, timerel and lastN select instances, the
aggregated representation equals a recomputation in Python, bad input is
a 400 ProblemDetails."""
import json
import math
import uuid

import pytest

from conftest import Server

KEY = "temporal-key"
ROOT = "/ngsi-ld/v1"
JSON = {"Content-Type": "application/json", "X-Api-Key": KEY}


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    s = Server(tmp_path_factory.mktemp("temporal"), env={"STADTKERN_CONTEXT_API_KEYS": KEY}).start()
    yield s
    s.finish()


@pytest.fixture
def tenant():
    return "t" + uuid.uuid4().hex[:12]


def call(server, method, path, tenant, body=None, params=None):
    headers = dict(JSON, **{"NGSILD-Tenant": tenant})
    data = json.dumps(body).encode() if body is not None else None
    return server.request(method, ROOT + path, data=data, headers=headers, params=params)


def problem(resp, status, kind):
    assert resp.status_code == status, resp.text
    # NGSI-LD ProblemDetails travel as application/json (the spec's choice).
    assert resp.headers["Content-Type"].split(";")[0] in ("application/json", "application/problem+json")
    assert resp.json()["type"].endswith(kind), resp.text


def at(minute):
    return f"2026-03-01T{minute // 60:02d}:{minute % 60:02d}:00.000Z"


def test_every_write_path_is_recorded(server, tenant):
    eid = "urn:ngsi-ld:Sensor:w1"
    r = call(server, "POST", "/entities", tenant,
             {"id": eid, "type": "Sensor", "temp": {"type": "Property", "value": 1, "observedAt": at(0)}})
    assert r.status_code == 201, r.text
    steps = [
        ("PATCH", f"/entities/{eid}/attrs", {"temp": {"type": "Property", "value": 2, "observedAt": at(1)}}),
        ("POST", f"/entities/{eid}/attrs", {"temp": {"type": "Property", "value": 3, "observedAt": at(2)}}),
        ("PATCH", f"/entities/{eid}/attrs/temp", {"value": 4, "observedAt": at(3)}),
        ("PUT", f"/entities/{eid}/attrs/temp", {"type": "Property", "value": 5, "observedAt": at(4)}),
        ("PATCH", f"/entities/{eid}", {"temp": {"type": "Property", "value": 6, "observedAt": at(5)}}),
        ("POST", "/entityOperations/upsert",
         [{"id": eid, "type": "Sensor", "temp": {"type": "Property", "value": 7, "observedAt": at(6)}}]),
        ("POST", "/entityOperations/update",
         [{"id": eid, "temp": {"type": "Property", "value": 8, "observedAt": at(7)}}]),
        ("POST", f"/temporal/entities/{eid}/attrs", {"temp": [
            {"type": "Property", "value": 9, "observedAt": at(8)},
            {"type": "Property", "value": 10, "observedAt": at(9)}]}),
    ]
    for method, path, body in steps:
        r = call(server, method, path, tenant, body)
        assert r.status_code in (200, 201, 204), (method, path, r.status_code, r.text)
    r = call(server, "GET", f"/temporal/entities/{eid}", tenant, params={"options": "temporalValues"})
    assert r.status_code == 200, r.text
    values = [v[0] for v in r.json()["temp"]["values"]]
    assert values == list(range(1, 11))
    assert r.json()["type"] == "Sensor"
    r = call(server, "GET", f"/temporal/entities/{eid}", tenant)
    instances = r.json()["temp"]
    assert len(instances) == 10
    assert len({i["instanceId"] for i in instances}) == 10
    # The current state is the last entity write, not the appended history.
    assert call(server, "GET", f"/entities/{eid}", tenant).json()["temp"]["value"] == 8


@pytest.fixture
def series(server, tenant):
    """One entity with 300 one-minute observations of 'temp' and a text attribute."""
    eid = "urn:ngsi-ld:Sensor:s1"
    values = [round(math.sin(m / 7) * 10 + (m % 13), 3) for m in range(300)]
    body = {"id": eid, "type": "Sensor",
            "temp": [{"type": "Property", "value": v, "observedAt": at(m)} for m, v in enumerate(values)],
            "state": [{"type": "Property", "value": ["on", "off", "idle"][m % 3], "observedAt": at(m)}
                      for m in range(0, 300, 10)]}
    r = call(server, "POST", "/temporal/entities", tenant, body)
    assert r.status_code == 201, r.text
    return eid, values


def test_create_temporal_sets_current_state_to_latest(server, tenant, series):
    eid, values = series
    r = call(server, "GET", f"/entities/{eid}", tenant)
    assert r.json()["temp"]["value"] == values[-1]


def test_timerel_and_last_n(server, tenant, series):
    eid, values = series
    get = lambda **p: call(server, "GET", f"/temporal/entities/{eid}", tenant,
                           params=dict(p, options="temporalValues", attrs="temp")).json()["temp"]["values"]
    assert [v[0] for v in get(timerel="before", timeAt=at(10))] == values[:10]
    assert [v[0] for v in get(timerel="after", timeAt=at(290))] == values[290:]
    assert [v[0] for v in get(timerel="between", timeAt=at(100), endTimeAt=at(110))] == values[100:110]
    assert [v[0] for v in get(lastN="5")] == values[-5:]
    assert [v[0] for v in get(timerel="before", timeAt=at(50), lastN="3")] == values[47:50]
    assert get(timerel="before", timeAt=at(50))[0][1] == at(0)


def bound(minute):
    """A period bound: whole seconds are written without milliseconds."""
    return at(minute).replace(".000Z", "Z")


def recompute(values, period, methods):
    out = {m: [] for m in methods}
    for start in range(0, len(values), period):
        chunk = values[start:start + period]
        n = len(chunk)
        mean = sum(chunk) / n
        stats = {"totalCount": n, "distinctCount": len(set(chunk)), "sum": sum(chunk), "avg": mean,
                 "min": min(chunk), "max": max(chunk), "sumsq": sum(x * x for x in chunk),
                 "stddev": math.sqrt(sum((x - mean) ** 2 for x in chunk) / n)}
        for m in methods:
            out[m].append((stats[m], bound(start), bound(start + period)))
    return out


@pytest.mark.parametrize("period,minutes,start", [("PT1H", 60, 0), ("PT15M", 15, 0), ("PT2H", 120, 0)])
def test_aggregation_equals_python(server, tenant, series, period, minutes, start):
    eid, values = series
    methods = ["totalCount", "distinctCount", "sum", "avg", "min", "max", "stddev", "sumsq"]
    # Hour-aligned periods without distinctCount come from the rollups.
    for chosen in (methods, [m for m in methods if m != "distinctCount"]):
        r = call(server, "GET", f"/temporal/entities/{eid}", tenant,
                 params={"options": "aggregatedValues", "attrs": "temp", "aggrMethods": ",".join(chosen),
                         "aggrPeriodDuration": period, "timerel": "after", "timeAt": at(start)})
        assert r.status_code == 200, r.text
        got = r.json()["temp"]
        want = recompute(values, minutes, chosen)
        for m in chosen:
            assert len(got[m]) == len(want[m]), m
            for (gv, gs, ge), (wv, ws, we) in zip(got[m], want[m]):
                assert gv == pytest.approx(wv, rel=1e-9, abs=1e-9), (m, gs)
                assert (gs, ge) == (ws, we)


def test_aggregation_of_text_counts(server, tenant, series):
    eid, _ = series
    r = call(server, "GET", f"/temporal/entities/{eid}", tenant,
             params={"options": "aggregatedValues", "attrs": "state", "aggrMethods": "totalCount,distinctCount"})
    got = r.json()["state"]
    assert got["totalCount"][0][0] == 30
    assert got["distinctCount"][0][0] == 3


def test_query_by_type_and_q_with_paging(server, tenant):
    for i in range(5):
        body = {"id": f"urn:ngsi-ld:Room:{i}", "type": "Room",
                "temp": [{"type": "Property", "value": i * 10 + k, "observedAt": at(k)} for k in range(3)]}
        assert call(server, "POST", "/temporal/entities", tenant, body).status_code == 201
    r = call(server, "GET", "/temporal/entities", tenant,
             params={"type": "Room", "q": "temp>=20", "limit": "2", "count": "true",
                     "options": "temporalValues", "lastN": "2"})
    assert r.status_code == 200, r.text
    assert r.headers["NGSILD-Results-Count"] == "3"
    assert [e["id"] for e in r.json()] == ["urn:ngsi-ld:Room:2", "urn:ngsi-ld:Room:3"]
    assert [v[0] for v in r.json()[0]["temp"]["values"]] == [21, 22]
    assert 'rel="next"' in r.headers["Link"]


def test_query_by_type_visits_only_that_type_and_pages_without_count(server, tenant):
    for i in range(4):
        for kind in ("Room", "Car"):
            body = {"id": f"urn:ngsi-ld:{kind}:{i}", "type": kind,
                    "temp": {"type": "Property", "value": i, "observedAt": at(i)}}
            assert call(server, "POST", "/temporal/entities", tenant, body).status_code == 201
    # Entity types change with a replace: Car:3 becomes a Room.
    r = call(server, "PUT", "/entities/urn:ngsi-ld:Car:3", tenant,
             {"id": "urn:ngsi-ld:Car:3", "type": "Room", "temp": {"type": "Property", "value": 3}})
    assert r.status_code == 204, r.text
    ids = lambda r: [e["id"] for e in r.json()]
    base = {"type": "Room", "q": "temp>=1", "options": "temporalValues", "lastN": "1"}
    r = call(server, "GET", "/temporal/entities", tenant, params=dict(base, limit="3"))
    assert ids(r) == ["urn:ngsi-ld:Car:3", "urn:ngsi-ld:Room:1", "urn:ngsi-ld:Room:2"]
    assert 'rel="next"' in r.headers["Link"]
    assert "NGSILD-Results-Count" not in r.headers
    r = call(server, "GET", "/temporal/entities", tenant, params=dict(base, limit="4"))
    assert len(ids(r)) == 4 and 'rel="next"' not in r.headers.get("Link", "")
    r = call(server, "GET", "/temporal/entities", tenant, params=dict(base, limit="1", count="true"))
    assert r.headers["NGSILD-Results-Count"] == "4"
    r = call(server, "GET", "/entities", tenant, params={"type": "Car,Room", "q": "temp>=3", "count": "true"})
    assert ids(r) == ["urn:ngsi-ld:Car:3", "urn:ngsi-ld:Room:3"]
    assert r.headers["NGSILD-Results-Count"] == "2"
    r = call(server, "GET", "/entities", tenant, params={"type": "Car", "limit": "10"})
    assert ids(r) == ["urn:ngsi-ld:Car:0", "urn:ngsi-ld:Car:1", "urn:ngsi-ld:Car:2"]


def test_large_aggregation_is_the_same_gzipped(server, tenant):
    """Large answers are compressed at a faster level; the content is unchanged."""
    eid = "urn:ngsi-ld:Sensor:long"
    hour = lambda h: f"2026-{1 + h // 720:02d}-{1 + h % 720 // 24:02d}T{h % 24:02d}:00:00.000Z"
    body = {"id": eid, "type": "Sensor",
            "temp": [{"type": "Property", "value": h % 17 + 0.25, "observedAt": hour(h)} for h in range(3000)]}
    assert call(server, "POST", "/temporal/entities", tenant, body).status_code == 201
    params = {"options": "aggregatedValues", "attrs": "temp", "aggrMethods": "avg,min,max",
              "aggrPeriodDuration": "PT1H", "timerel": "after", "timeAt": hour(0)}
    plain = server.request("GET", f"{ROOT}/temporal/entities/{eid}", params=params,
                           headers={"NGSILD-Tenant": tenant, "Accept-Encoding": "identity"})
    packed = server.request("GET", f"{ROOT}/temporal/entities/{eid}", params=params,
                            headers={"NGSILD-Tenant": tenant, "Accept-Encoding": "gzip"})
    assert len(plain.content) > 256 * 1024
    assert packed.headers["Content-Encoding"] == "gzip"
    assert "Content-Encoding" not in plain.headers
    assert packed.json() == plain.json()
    assert len(plain.json()["temp"]["avg"]) == 3000


def test_calendar_periods_equal_python(server, tenant):
    """P1M and P1Y: periods of calendar months from timeAt (the 31st becomes
    the month's last day), from the rollups and from the rows alike."""
    import datetime
    eid = "urn:ngsi-ld:Sensor:months"
    start = datetime.datetime(2023, 12, 31, 6, tzinfo=datetime.timezone.utc)
    times = [start + datetime.timedelta(hours=7 * k) for k in range(3000)]  # to 2026-05
    values = [round(math.cos(k / 5) * 4 + k % 11, 2) for k in range(len(times))]
    iso = lambda t: t.strftime("%Y-%m-%dT%H:%M:%S.000Z")
    body = {"id": eid, "type": "Sensor",
            "temp": [{"type": "Property", "value": v, "observedAt": iso(t)} for t, v in zip(times, values)]}
    assert call(server, "POST", "/temporal/entities", tenant, body).status_code == 201

    def shift(t, months):
        index = t.year * 12 + t.month - 1 + months
        y, m = divmod(index, 12)
        last = (datetime.date(y + (m == 11), (m + 1) % 12 + 1, 1) - datetime.timedelta(days=1)).day
        return t.replace(year=y, month=m + 1, day=min(t.day, last))

    for period, months in (("P1M", 1), ("P3M", 3), ("P1Y", 12)):
        bounds = [shift(start, k * months) for k in range(40)]
        want = []
        for a, b in zip(bounds, bounds[1:]):
            chunk = [v for t, v in zip(times, values) if a <= t < b]
            if chunk:
                want.append((sum(chunk) / len(chunk), len(chunk), iso(a).replace(".000Z", "Z"),
                             iso(b).replace(".000Z", "Z")))
        for methods in ("avg,totalCount", "avg,totalCount,distinctCount"):  # rollups, rows
            r = call(server, "GET", f"/temporal/entities/{eid}", tenant,
                     params={"options": "aggregatedValues", "attrs": "temp", "aggrMethods": methods,
                             "aggrPeriodDuration": period, "timerel": "after", "timeAt": iso(start)})
            assert r.status_code == 200, r.text
            got = r.json()["temp"]
            assert len(got["avg"]) == len(want), (period, methods)
            for (ga, gs, ge), (gn, _, _), (wa, wn, ws, we) in zip(got["avg"], got["totalCount"], want):
                assert ga == pytest.approx(wa, rel=1e-9) and gn == wn, (period, gs)
                assert (gs, ge) == (ws, we)


def test_delete(server, tenant, series):
    eid, _ = series
    r = call(server, "DELETE", f"/temporal/entities/{eid}/attrs/state", tenant)
    assert r.status_code == 204, r.text
    assert "state" not in call(server, "GET", f"/temporal/entities/{eid}", tenant).json()
    assert call(server, "DELETE", f"/temporal/entities/{eid}", tenant).status_code == 204
    problem(call(server, "GET", f"/temporal/entities/{eid}", tenant), 404, "ResourceNotFound")


def test_writes_need_a_key(server, tenant):
    r = server.request("POST", ROOT + "/temporal/entities", data=b'{"id": "urn:x:1", "type": "T"}',
                       headers={"Content-Type": "application/json", "NGSILD-Tenant": tenant})
    problem(r, 401, "")


@pytest.mark.parametrize("params", [
    {"timerel": "during", "timeAt": at(0)},
    {"timerel": "before"},
    {"timerel": "before", "timeAt": "yesterday"},
    {"timerel": "between", "timeAt": at(5)},
    {"timerel": "between", "timeAt": at(5), "endTimeAt": at(1)},
    {"timeproperty": "deletedAt"},
    {"lastN": "-1"},
    {"lastN": "0"},
    {"options": "aggregatedValues"},
    {"options": "aggregatedValues", "aggrMethods": "median"},
    {"options": "aggregatedValues", "aggrMethods": "avg", "aggrPeriodDuration": "P1M15D"},
    {"options": "aggregatedValues", "aggrMethods": "avg", "aggrPeriodDuration": "P0M"},
    {"options": "aggregatedValues", "aggrMethods": "avg", "aggrPeriodDuration": "1 hour"},
    {"attrs": "te mp"},
])
def test_bad_input_is_400(server, tenant, series, params):
    eid, _ = series
    problem(call(server, "GET", f"/temporal/entities/{eid}", tenant, params=params), 400, "BadRequestData")


@pytest.mark.parametrize("body", [
    "{not json", [], {"type": "Sensor"}, {"id": "no uri", "type": "Sensor"},
    {"id": "urn:ngsi-ld:S:1", "type": "Sensor", "temp": [1, 2]},
    {"id": "urn:ngsi-ld:S:1", "type": "Sensor", "temp": []},
])
def test_bad_create_is_400(server, tenant, body):
    data = body if isinstance(body, str) else json.dumps(body)
    r = server.request("POST", ROOT + "/temporal/entities", data=data.encode(),
                       headers=dict(JSON, **{"NGSILD-Tenant": tenant}))
    assert r.status_code == 400, r.text
    assert call(server, "GET", "/temporal/entities/urn:ngsi-ld:S:1", tenant).status_code == 404


def test_unknown_entity_is_404(server, tenant, series):
    problem(call(server, "GET", "/temporal/entities/urn:ngsi-ld:Sensor:none", tenant), 404, "ResourceNotFound")
    problem(call(server, "POST", "/temporal/entities/urn:ngsi-ld:Sensor:none/attrs", tenant,
                 {"temp": {"type": "Property", "value": 1, "observedAt": at(0)}}), 404, "ResourceNotFound")


def test_patch_and_delete_instances_keep_aggregates_right(server, tenant, series):
    eid, values = series
    hourly = {"options": "aggregatedValues", "attrs": "temp", "aggrMethods": "sum,totalCount,max",
              "aggrPeriodDuration": "PT1H", "timerel": "after", "timeAt": at(0)}
    instances = call(server, "GET", f"/temporal/entities/{eid}", tenant, params={"attrs": "temp"}).json()["temp"]
    assert len(instances) == len(values)
    first, second = instances[0]["instanceId"], instances[1]["instanceId"]
    r = call(server, "PATCH", f"/temporal/entities/{eid}/attrs/temp/{first}", tenant, {"value": 1000})
    assert r.status_code == 204, r.text
    r = call(server, "DELETE", f"/temporal/entities/{eid}/attrs/temp/{second}", tenant)
    assert r.status_code == 204, r.text
    # Move one instance from the first hour to the second.
    third = instances[2]["instanceId"]
    r = call(server, "PATCH", f"/temporal/entities/{eid}/attrs/temp/{third}", tenant,
             {"type": "Property", "value": 5, "observedAt": at(61)})
    assert r.status_code == 204, r.text
    changed = {m: v for m, v in enumerate(values)}
    changed[0] = 1000
    del changed[1]
    del changed[2]
    got = call(server, "GET", f"/temporal/entities/{eid}", tenant, params=hourly).json()["temp"]
    first_hour = [v for m, v in changed.items() if m < 60]
    second_hour = [v for m, v in changed.items() if 60 <= m < 120] + [5]
    assert got["totalCount"][0][0] == len(first_hour) and got["totalCount"][1][0] == len(second_hour)
    assert got["sum"][0][0] == pytest.approx(sum(first_hour))
    assert got["sum"][1][0] == pytest.approx(sum(second_hour))
    assert got["max"][0][0] == 1000
    # The raw path agrees (distinctCount forces it).
    raw = call(server, "GET", f"/temporal/entities/{eid}", tenant,
               params=dict(hourly, aggrMethods="sum,distinctCount")).json()["temp"]
    for (rv, rs, re_), (gv, gs, ge) in zip(raw["sum"][:2], got["sum"][:2]):
        assert rv == pytest.approx(gv) and (rs, re_) == (gs, ge)
    # Unknown or foreign instance ids.
    problem(call(server, "DELETE", f"/temporal/entities/{eid}/attrs/temp/{second}", tenant), 404, "ResourceNotFound")
    problem(call(server, "DELETE", f"/temporal/entities/{eid}/attrs/temp/urn:x:1", tenant), 400, "BadRequestData")
    problem(call(server, "PATCH", f"/temporal/entities/{eid}/attrs/temp/{first}", tenant,
                 {"observedAt": "soon"}), 400, "BadRequestData")
    problem(call(server, "PATCH", f"/temporal/entities/{eid}/attrs/temp/{first}", tenant, {}), 400,
            "BadRequestData")
