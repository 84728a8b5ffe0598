"""The NGSI-LD temporal API (/ngsi-ld/v1/temporal/entities): every change is
recorded whatever path made it, timerel and lastN select instances, the
aggregated representation equals a recomputation in Python, bad input is
a 400 ProblemDetails."""
import datetime
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


# --- Pagination of long series (ETSI GS CIM 009 clause 6.3.10) -------------
# At most PAGE instances per attribute per answer; a longer series is cut for
# all attributes at one instant: 206 Partial Content with
# "Content-Range: date-time <range-start>-<range-end>/<size>".
PAGE = 10_000
EPOCH = datetime.datetime(2025, 1, 1, tzinfo=datetime.timezone.utc)


def iso(minute, ms=True):
    """The instant `minute` minutes after EPOCH; ms=False writes it as
    clients often do, without milliseconds."""
    t = EPOCH + datetime.timedelta(minutes=minute)
    return t.strftime("%Y-%m-%dT%H:%M:%S") + (".000Z" if ms else "Z")


def minute_of(text):
    t = datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))
    return (t - EPOCH) / datetime.timedelta(minutes=1)


def after(text):
    """The instant right after a Content-Range bound (one millisecond)."""
    t = datetime.datetime.fromisoformat(text.replace("Z", "+00:00")) + datetime.timedelta(milliseconds=1)
    return t.strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def content_range(resp):
    """("date-time", start, end, size) of a Content-Range header."""
    unit, rest = resp.headers["Content-Range"].split(" ", 1)
    window, size = rest.rsplit("/", 1)
    # The two instants are split at the '-' after the first one's 'Z'.
    start, end = window.split("Z-")
    return unit, start + "Z", end, size


TEMP_N = 25_000  # temp every minute 0..24,999 (written without milliseconds)
HUM_N = 15_000   # hum every second minute 0..29,998


@pytest.fixture(scope="module")
def long_series(server):
    tenant = "long" + uuid.uuid4().hex[:8]
    eid = "urn:ngsi-ld:Sensor:long"
    body = {"id": eid, "type": "Sensor",
            "temp": [{"type": "Property", "value": m, "observedAt": iso(m, ms=False)} for m in range(TEMP_N)],
            "hum": [{"type": "Property", "value": -m, "observedAt": iso(m)} for m in range(0, 2 * HUM_N, 2)]}
    r = call(server, "POST", "/temporal/entities", tenant, body)
    assert r.status_code == 201, r.text
    return tenant, eid


def temp_minutes(body):
    return [minute_of(i["observedAt"]) for i in body.get("temp", [])]


def test_long_series_is_cut_at_one_instant_and_pages_reach_every_instance(server, long_series):
    tenant, eid = long_series
    params = {"timerel": "after", "timeAt": iso(0)}
    pages = []
    while True:
        r = call(server, "GET", f"/temporal/entities/{eid}", tenant, params=params)
        assert r.status_code in (200, 206), r.text
        pages.append(r)
        if r.status_code == 200:
            assert "Content-Range" not in r.headers
            break
        assert len(pages) < 10
        unit, start, end, size = content_range(r)
        params = {"timerel": "after", "timeAt": after(end)}
    assert [p.status_code for p in pages] == [206, 206, 200]
    # Page 1: temp is cut after 10,000 instances (minute 9,999); hum, which
    # would reach minute 19,998, is cut at the same instant.
    first = pages[0].json()
    assert content_range(pages[0]) == ("date-time", iso(0), iso(9_999), "*")
    assert temp_minutes(first) == list(range(0, 10_000))
    assert [i["value"] for i in first["temp"]] == list(range(0, 10_000))
    assert [minute_of(i["observedAt"]) for i in first["hum"]] == list(range(0, 10_000, 2))
    # Page 2 starts at the instant after range-end (timeAt names the start)
    # and ends at the last instant it serves; hum again stops there. (temp's
    # times have no milliseconds: the store, comparing times as text, counts
    # minute 9,999 into the window "after 9,999.001"; it is dropped, so this
    # page holds one instance less than it could.)
    unit, start, end, size = content_range(pages[1])
    assert (unit, start, size) == ("date-time", after(iso(9_999)), "*")
    temps2 = temp_minutes(pages[1].json())
    assert temps2 == list(range(10_000, int(minute_of(end)) + 1))
    assert PAGE - 1 <= len(temps2) <= PAGE
    assert [minute_of(i["observedAt"]) for i in pages[1].json()["hum"]] == \
        list(range(10_000, int(minute_of(end)) + 1, 2))
    # Together the pages hold every instance exactly once.
    temps = [i["value"] for p in pages for i in p.json()["temp"]]
    hums = [i["value"] for p in pages for i in p.json()["hum"]]
    assert temps == list(range(TEMP_N))
    assert hums == [-m for m in range(0, 2 * HUM_N, 2)]
    ids = [i["instanceId"] for p in pages for a in ("temp", "hum") for i in p.json()[a]]
    assert len(ids) == len(set(ids)) == TEMP_N + HUM_N


def test_without_timerel_range_start_is_the_first_instant(server, long_series):
    tenant, eid = long_series
    r = call(server, "GET", f"/temporal/entities/{eid}", tenant,
             params={"attrs": "temp", "options": "temporalValues"})
    assert r.status_code == 206, r.text
    assert content_range(r) == ("date-time", iso(0), iso(9_999), "*")
    values = r.json()["temp"]["values"]
    assert [v[0] for v in values] == list(range(10_000))
    assert values[-1][1] == iso(9_999, ms=False)  # instants as they were written
    assert "hum" not in r.json()


def test_between_is_cut_and_a_window_that_fits_is_200(server, long_series):
    tenant, eid = long_series
    r = call(server, "GET", f"/temporal/entities/{eid}", tenant,
             params={"attrs": "temp", "timerel": "between", "timeAt": iso(5_000), "endTimeAt": iso(20_000)})
    assert r.status_code == 206
    assert content_range(r) == ("date-time", iso(5_000), iso(14_999), "*")
    assert temp_minutes(r.json()) == list(range(5_000, 15_000))
    # Exactly a page: everything fits, 200 without Content-Range.
    r = call(server, "GET", f"/temporal/entities/{eid}", tenant,
             params={"attrs": "temp", "timerel": "between", "timeAt": iso(15_000), "endTimeAt": iso(25_000)})
    assert r.status_code == 200 and "Content-Range" not in r.headers
    assert temp_minutes(r.json()) == list(range(15_000, 25_000))


def test_last_n_beyond_the_limit_pages_backwards(server, long_series):
    tenant, eid = long_series
    r = call(server, "GET", f"/temporal/entities/{eid}", tenant, params={"lastN": "12000"})
    assert r.status_code == 206, r.text
    # temp's newest 10,000 reach back to minute 15,000; hum is cut there too.
    # range-start is the newest instant served, range-end the oldest, size lastN.
    assert content_range(r) == ("date-time", iso(29_998), iso(15_000), "12000")
    body = r.json()
    assert temp_minutes(body) == list(range(15_000, 25_000))  # oldest first, as always
    assert [minute_of(i["observedAt"]) for i in body["hum"]] == list(range(15_000, 30_000, 2))
    # The next page: before range-end (timerel=before excludes timeAt);
    # range-start is then the query's timeAt.
    r2 = call(server, "GET", f"/temporal/entities/{eid}", tenant,
              params={"lastN": "12000", "timerel": "before", "timeAt": iso(15_000)})
    assert r2.status_code == 206
    assert content_range(r2) == ("date-time", iso(15_000), iso(5_000), "12000")
    assert temp_minutes(r2.json()) == list(range(5_000, 15_000))
    assert [minute_of(i["observedAt"]) for i in r2.json()["hum"]] == list(range(5_000, 15_000, 2))
    # The client keeps the newest 12,000 of temp: 2,000 from the second page.
    newest = temp_minutes(r2.json())[-2_000:] + temp_minutes(body)
    assert newest == list(range(TEMP_N - 12_000, TEMP_N))
    # lastN of at most a page is answered whole.
    r = call(server, "GET", f"/temporal/entities/{eid}", tenant, params={"lastN": str(PAGE), "attrs": "temp"})
    assert r.status_code == 200 and "Content-Range" not in r.headers
    assert temp_minutes(r.json()) == list(range(TEMP_N - PAGE, TEMP_N))


def test_aggregation_of_a_long_series_is_not_paginated(server, long_series):
    tenant, eid = long_series
    r = call(server, "GET", f"/temporal/entities/{eid}", tenant,
             params={"options": "aggregatedValues", "aggrMethods": "totalCount,max", "attrs": "temp"})
    assert r.status_code == 200 and "Content-Range" not in r.headers
    assert r.json()["temp"]["totalCount"][0][0] == TEMP_N
    assert r.json()["temp"]["max"][0][0] == TEMP_N - 1


def test_temporal_query_cuts_all_entities_at_one_instant(server, long_series):
    tenant, eid = long_series
    # A second sensor: 12,000 instances from minute 5,000 on. Alone it would
    # be cut after minute 14,999; with the long sensor the answer is cut
    # after minute 9,999 for both.
    other = "urn:ngsi-ld:Sensor:other"
    body = {"id": other, "type": "Sensor",
            "temp": [{"type": "Property", "value": m, "observedAt": iso(m)} for m in range(5_000, 17_000)]}
    assert call(server, "POST", "/temporal/entities", tenant, body).status_code == 201
    try:
        params = {"type": "Sensor", "attrs": "temp", "options": "temporalValues",
                  "timerel": "after", "timeAt": iso(0)}
        seen = {eid: [], other: []}
        statuses = []
        while True:
            r = call(server, "GET", "/temporal/entities", tenant, params=params)
            statuses.append(r.status_code)
            assert [e["id"] for e in r.json()] == [eid, other]
            for e in r.json():
                # An entity without instances in the window has no temp member.
                seen[e["id"]] += [v[0] for v in e.get("temp", {}).get("values", [])]
            if r.status_code == 200:
                assert "Content-Range" not in r.headers
                break
            assert r.status_code == 206 and len(statuses) < 10
            unit, start, end, size = content_range(r)
            if len(statuses) == 1:
                assert (unit, start, end, size) == ("date-time", iso(0), iso(9_999), "*")
                assert seen[other] == list(range(5_000, 10_000))
            params["timeAt"] = after(end)
        assert statuses == [206, 206, 200]
        assert seen[eid] == list(range(TEMP_N))
        assert seen[other] == list(range(5_000, 17_000))
    finally:
        assert call(server, "DELETE", f"/temporal/entities/{other}", tenant).status_code == 204


def test_more_than_a_page_at_one_instant_is_served_whole(server, tenant):
    """Instances appended in one request share their modifiedAt: with
    timeproperty=modifiedAt a page holds that instant whole and moves on."""
    eid = "urn:ngsi-ld:Sensor:burst"
    first = {"id": eid, "type": "Sensor", "temp": {"type": "Property", "value": -1, "observedAt": iso(0)}}
    assert call(server, "POST", "/temporal/entities", tenant, first).status_code == 201
    burst = {"temp": [{"type": "Property", "value": m, "observedAt": iso(m)} for m in range(1, 12_001)]}
    assert call(server, "POST", f"/temporal/entities/{eid}/attrs", tenant, burst).status_code == 204
    params = {"timeproperty": "modifiedAt", "options": "temporalValues"}
    pages, statuses = [], []
    while True:
        r = call(server, "GET", f"/temporal/entities/{eid}", tenant, params=params)
        statuses.append(r.status_code)
        pages.append([v[0] for v in r.json().get("temp", {}).get("values", [])])
        if r.status_code == 200:
            break
        assert r.status_code == 206 and len(statuses) < 5
        unit, start, end, size = content_range(r)
        if len(pages) == 2:  # the burst: one instant, served whole
            assert start == after(first_end) and len(pages[1]) == 12_000
        first_end = end
        params.update(timerel="after", timeAt=after(end))
    # The first write alone (cut before the burst's instant), the burst
    # whole, then nothing is left.
    assert statuses == [206, 206, 200]
    assert pages[0] == [-1] and sorted(pages[1]) == list(range(1, 12_001)) and pages[2] == []


def test_a_series_that_fits_is_200_without_content_range(server, tenant, series):
    eid, values = series
    for params in ({}, {"lastN": "50000"}, {"options": "temporalValues", "timerel": "after", "timeAt": at(0)}):
        r = call(server, "GET", f"/temporal/entities/{eid}", tenant, params=params)
        assert r.status_code == 200 and "Content-Range" not in r.headers, params
    r = call(server, "GET", "/temporal/entities", tenant, params={"type": "Sensor", "attrs": "temp"})
    assert r.status_code == 200 and "Content-Range" not in r.headers
    assert [i["value"] for i in r.json()[0]["temp"]] == values


def test_unsynchronized_attributes_are_cut_before_the_second(server, tenant):
    """The ETSI suite's 020_14 at this broker's limit: speed fills more than
    a page before fuelLevel starts, so the first page (ascending) holds no
    fuelLevel, and the newest page (lastN) no speed; the attribute is there,
    empty."""
    eid = "urn:ngsi-ld:Vehicle:unsync"
    body = {"id": eid, "type": "Vehicle",
            "speed": [{"type": "Property", "value": m, "observedAt": iso(m)} for m in range(PAGE + 1)],
            "fuelLevel": [{"type": "Property", "value": m, "observedAt": iso(m)}
                          for m in range(3 * PAGE, 4 * PAGE + 1)]}
    assert call(server, "POST", "/temporal/entities", tenant, body).status_code == 201
    r = call(server, "GET", f"/temporal/entities/{eid}", tenant,
             params={"timerel": "after", "timeAt": "2019-01-01T01:01:00Z"})
    assert r.status_code == 206
    assert content_range(r) == ("date-time", "2019-01-01T01:01:00.000Z", iso(PAGE - 1), "*")
    assert r.json()["fuelLevel"] == [] and len(r.json()["speed"]) == PAGE
    r = call(server, "GET", f"/temporal/entities/{eid}", tenant,
             params={"lastN": str(2 * PAGE), "timerel": "before", "timeAt": "2030-01-01T00:00:00Z"})
    assert r.status_code == 206
    assert content_range(r) == ("date-time", "2030-01-01T00:00:00.000Z", iso(3 * PAGE + 1), str(2 * PAGE))
    assert r.json()["speed"] == [] and len(r.json()["fuelLevel"]) == PAGE


def test_post_query_answers_like_the_get_query(server, tenant):
    for i in range(3):
        body = {"id": f"urn:ngsi-ld:Kiosk:{i}", "type": "Kiosk",
                "temp": [{"type": "Property", "value": i * 10 + k, "observedAt": at(k)} for k in range(5)],
                "name": {"type": "Property", "value": f"Kiosk {i}", "observedAt": at(0)}}
        assert call(server, "POST", "/temporal/entities", tenant, body).status_code == 201
    get = call(server, "GET", "/temporal/entities", tenant,
               params={"type": "Kiosk", "q": "temp>=10", "attrs": "temp", "timerel": "between",
                       "timeAt": at(1), "endTimeAt": at(4), "options": "temporalValues",
                       "count": "true", "limit": "1"})
    assert get.status_code == 200, get.text
    post = call(server, "POST", "/temporal/entityOperations/query", tenant,
                {"type": "Query", "entities": [{"type": "Kiosk"}], "q": "temp>=10", "attrs": ["temp"],
                 "temporalQ": {"timerel": "between", "timeAt": at(1), "endTimeAt": at(4)}},
                params={"options": "temporalValues", "count": "true", "limit": "1"})
    assert post.status_code == 200, post.text
    assert post.json() == get.json()
    assert post.json() == [{"id": "urn:ngsi-ld:Kiosk:1", "type": "Kiosk",
                            "temp": {"type": "Property", "values": [[11, at(1)], [12, at(2)], [13, at(3)]]}}]
    assert post.headers["NGSILD-Results-Count"] == "2"
    assert 'rel="next"' in post.headers["Link"]
    # lastN and ids; an id that does not exist adds nothing.
    post = call(server, "POST", "/temporal/entityOperations/query", tenant,
                {"type": "Query", "entities": [{"id": "urn:ngsi-ld:Kiosk:2", "type": "Kiosk"},
                                               {"id": "urn:ngsi-ld:Kiosk:9", "type": "Kiosk"}],
                 "temporalQ": {"lastN": 2}, "attrs": ["temp"]},
                params={"options": "temporalValues"})
    assert post.status_code == 200, post.text
    assert [v[0] for v in post.json()[0]["temp"]["values"]] == [23, 24]
    assert len(post.json()) == 1


@pytest.mark.parametrize("body, detail", [
    ({"entities": [{"type": "Kiosk"}]}, "Query"),
    ({"type": "Subscription", "entities": [{"type": "Kiosk"}]}, "Query"),
    ({"type": "Query", "entities": {"type": "Kiosk"}}, "array"),
    ({"type": "Query", "entities": [{"type": "Kiosk"}], "temporalQ": "after"}, "object"),
    ({"type": "Query", "entities": [{"type": "Kiosk"}], "temporalQ": {"lastN": "x"}}, "lastN"),
    ({"type": "Query", "entities": [{"type": "Kiosk"}], "temporalQ": {"timerel": "after"}}, "timeAt"),
    ({"type": "Query", "entities": [{"type": "Kiosk"}], "q": 5}, "q"),
    ({"type": "Query", "entities": [{"idPattern": "a.*"}, {"idPattern": "b.*"}]}, "idPattern"),
])
def test_post_query_rejects_bad_bodies(server, tenant, body, detail):
    r = call(server, "POST", "/temporal/entityOperations/query", tenant, body)
    problem(r, 400, "BadRequestData")
    assert detail in r.json()["detail"], r.text


def test_post_query_rejects_malformed_json(server, tenant):
    r = server.request("POST", ROOT + "/temporal/entityOperations/query", data=b'{"type": "Query",',
                       headers=dict(JSON, **{"NGSILD-Tenant": tenant}))
    assert r.status_code == 400, r.text
