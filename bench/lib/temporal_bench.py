#!/usr/bin/env python3
"""The temporal API benchmark's client (bench/temporal.sh runs it).

    temporal_bench.py BASE_URL API_KEY DB_PATH POINTS ENTITIES REPS

1. Loads POINTS one-minute observations of one attribute through
   POST /temporal/entities/{id}/attrs (20,000 instances per request), then
   times the hourly average over all of them (aggregatedValues, PT1H) over
   HTTP, REPS times: median and p99. Next to it, in the same run, the
   ceiling: the same hourly average as one GROUP BY over the raw rows in
   SQLite (python sqlite3 on the server's database file, no HTTP).
2. Creates ENTITIES entities (batch upsert, 1,000 per request) and times a
   temporal query by type plus q (GET /temporal/entities, temporalValues,
   lastN=1, first page of 20), REPS times, next to the same selection on
   GET /entities (the in-memory entity query without history).
"""
import datetime
import json
import sqlite3
import statistics
import sys
import time

import requests

base, key, db_path = sys.argv[1], sys.argv[2], sys.argv[3]
points, entities, reps = int(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6])
HEAD = {"Content-Type": "application/json", "X-Api-Key": key}
START = datetime.datetime(2025, 1, 1, tzinfo=datetime.timezone.utc)
EID = "urn:ngsi-ld:WeatherObserved:bench"


def iso(minute):
    return (START + datetime.timedelta(minutes=minute)).strftime("%Y-%m-%dT%H:%M:%S.000Z")


def value(minute):
    return round(10 + 8 * ((minute % 1440) / 1440) + (minute % 7) * 0.1, 2)


def timed(fn, n):
    ms = []
    for _ in range(n):
        t = time.perf_counter()
        fn()
        ms.append((time.perf_counter() - t) * 1000)
    ms.sort()
    return statistics.median(ms), ms[min(len(ms) - 1, int(len(ms) * 0.99))]


s = requests.Session()
r = s.post(f"{base}/temporal/entities", headers=HEAD, data=json.dumps(
    {"id": EID, "type": "WeatherObserved",
     "temperature": {"type": "Property", "value": value(0), "observedAt": iso(0)}}))
assert r.status_code == 201, r.text
t0 = time.perf_counter()
chunk = 20000
for first in range(1, points, chunk):
    body = {"temperature": [{"type": "Property", "value": value(m), "observedAt": iso(m), "unitCode": "CEL"}
                            for m in range(first, min(points, first + chunk))]}
    r = s.post(f"{base}/temporal/entities/{EID}/attrs", headers=HEAD, data=json.dumps(body))
    assert r.status_code == 204, r.text
load_s = time.perf_counter() - t0
print(f"load: {points} points over HTTP in {load_s:.1f} s ({points / load_s:,.0f} points/s)")

params = {"options": "aggregatedValues", "aggrMethods": "avg", "aggrPeriodDuration": "PT1H",
          "attrs": "temperature", "timerel": "after", "timeAt": iso(0)}
answer = s.get(f"{base}/temporal/entities/{EID}", params=params).json()["temperature"]["avg"]
hours = (points + 59) // 60
assert len(answer) == hours, len(answer)

db = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
attr = "https://uri.etsi.org/ngsi-ld/default-context/temperature"
raw_sql = ("SELECT substr(at, 1, 13) AS h, avg(value_num) FROM ngsild_attribute_history "
           "WHERE tenant = '' AND entity_id = ? AND attribute = ? AND observed = 1 GROUP BY h")
raw = db.execute(raw_sql, (EID, attr)).fetchall()
assert len(raw) == hours, len(raw)
for (h, avg), got in zip(raw, answer):
    assert abs(avg - got[0]) < 1e-9 and got[1].startswith(h), (h, avg, got)

http_med, http_p99 = timed(lambda: s.get(f"{base}/temporal/entities/{EID}", params=params).raise_for_status(), reps)
plain = {"Accept-Encoding": "identity"}
id_med, id_p99 = timed(lambda: s.get(f"{base}/temporal/entities/{EID}", params=params,
                                     headers=plain).raise_for_status(), reps)
raw_med, raw_p99 = timed(lambda: db.execute(raw_sql, (EID, attr)).fetchall(), max(5, reps // 20))
rollup_sql = ("SELECT hour, n, sum, sumsq, min, max FROM ngsild_attribute_rollup WHERE tenant = '' "
              "AND entity_id = ? AND attribute = ? AND hour >= ? ORDER BY hour")
roll_med, _ = timed(lambda: db.execute(rollup_sql, (EID, attr, iso(0)[:13])).fetchall(), max(5, reps // 4))
size = len(s.get(f"{base}/temporal/entities/{EID}", params=params).content)
print(f"breakdown: reading the {hours} rollup rows alone (python sqlite3): median {roll_med:.2f} ms; "
      f"answer {size / 1024:.0f} KiB")
print(f"hourly average, {points} points -> {hours} hours: HTTP median {http_med:.2f} ms, p99 {http_p99:.2f} ms "
      f"({reps} runs, gzip as the client asks; target <= 20 ms)")
print(f"  without compression (Accept-Encoding: identity): median {id_med:.2f} ms, p99 {id_p99:.2f} ms")
print(f"ceiling (raw SQLite GROUP BY over the rows, no HTTP): median {raw_med:.2f} ms, p99 {raw_p99:.2f} ms")

t0 = time.perf_counter()
for first in range(0, entities, 1000):
    batch = [{"id": f"urn:ngsi-ld:Room:{i}", "type": "Room",
              "temperature": {"type": "Property", "value": i % 1000, "observedAt": iso(i % 60)}}
             for i in range(first, min(entities, first + 1000))]
    r = s.post(f"{base}/entityOperations/upsert", headers=HEAD, data=json.dumps(batch))
    assert r.status_code in (201, 204), r.text
print(f"{entities} entities created in {time.perf_counter() - t0:.1f} s")
qparams = {"type": "Room", "q": "temperature>=990", "options": "temporalValues", "lastN": "1",
           "count": "true"}
r = s.get(f"{base}/temporal/entities", params=qparams)
assert r.status_code == 200 and len(r.json()) == 20, r.text
matched = r.headers["NGSILD-Results-Count"]
q_med, q_p99 = timed(lambda: s.get(f"{base}/temporal/entities", params=qparams).raise_for_status(), reps)
eparams = {"type": "Room", "q": "temperature>=990", "count": "true"}
e_med, e_p99 = timed(lambda: s.get(f"{base}/entities", params=eparams).raise_for_status(), reps)
print(f"reference: the same selection on GET /entities (current state only): median {e_med:.2f} ms, "
      f"p99 {e_p99:.2f} ms")
print(f"temporal query type=Room&q=temperature>=990 over {entities} entities ({matched} match, page of 20): "
      f"median {q_med:.2f} ms, p99 {q_p99:.2f} ms (target <= 50 ms)")
