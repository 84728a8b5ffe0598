#!/usr/bin/env bash
# Catalogue edit benchmark: how long one staff edit takes end to end on the
# Musterstadt demo catalogue (191 services, 23 offices): PUT /api/services/{id}
# with If-Match -> response, which includes the check-and-write transaction,
# the history entry and the rebuild of the snapshot and the Xapian index.
#
# An edit of a field the search does not index (processing_time) keeps the
# index and only swaps the records.
#
# Ceiling measured in the same run: a PUT of the unchanged record (same
# request path, authentication, validation and transaction, but nothing is
# written and nothing rebuilt), and a GET of the record.
#
# EDITS (default 40) sequential edits by one client; prints median, p90, max,
# and the server's own split of the rebuild (loading the records from the
# database, building the snapshot with its search index) from its debug log.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib/common.sh

EDITS=${EDITS:-40}
PORT=${PORT:-$(bench_free_port)}

STADTKERN_ACCOUNTS_PASSWORD_COST=minimal bench_start "$PORT" --demo --data-dir "$work/var" --log-level debug

/usr/bin/python3 - "$PORT" "$EDITS" <<'PY'
import statistics, sys, time
import requests

port, edits = int(sys.argv[1]), int(sys.argv[2])
base = f"http://127.0.0.1:{port}"
http = requests.Session()
r = http.post(base + "/api/auth/login", json={"username": "anna", "password": "anna"})
r.raise_for_status()
headers = {"Origin": base}
path = base + "/api/services/reisepass-beantragen"
total = http.get(base + "/api/services", params={"limit": 1}).json()["total"]


def timed(method, **kw):
    start = time.perf_counter()
    resp = http.request(method, path, **kw)
    return (time.perf_counter() - start) * 1000, resp


def summary(name, ms):
    ms = sorted(ms)
    p90 = ms[min(len(ms) - 1, int(len(ms) * 0.9))]
    print(f"{name:<37} median {statistics.median(ms):7.2f} ms   p90 {p90:7.2f} ms   "
          f"max {ms[-1]:7.2f} ms   (n={len(ms)})")
    return statistics.median(ms)


record = http.get(path).json()
etag = http.get(path).headers["ETag"]
edit_ms, fee_ms, unchanged_ms, get_ms = [], [], [], []
for i in range(edits):
    record["summary"] = f"Den Reisepass gibt es im Bürgerbüro (Fassung {i})."
    ms, resp = timed("PUT", json=record, headers={**headers, "If-Match": etag})
    assert resp.status_code == 200, resp.text
    etag = resp.headers["ETag"]
    edit_ms.append(ms)
    record["processing_time"] = f"etwa {i + 2} Wochen"  # not searched: the index is kept
    ms, resp = timed("PUT", json=record, headers={**headers, "If-Match": etag})
    assert resp.status_code == 200, resp.text
    etag = resp.headers["ETag"]
    fee_ms.append(ms)
    ms, resp = timed("PUT", json=record, headers={**headers, "If-Match": etag})
    assert resp.status_code == 200 and resp.headers["ETag"] == etag, resp.text
    unchanged_ms.append(ms)
    ms, resp = timed("GET")
    assert resp.status_code == 200
    get_ms.append(ms)

print(f"catalogue: {total} services; {edits} edits of one service by one client (sequential)")
edit = summary("PUT, searched field (index rebuilt)", edit_ms)
summary("PUT, other field (index kept)", fee_ms)
same = summary("PUT unchanged (nothing written)", unchanged_ms)
get = summary("GET of the record", get_ms)
print(f"edit / unchanged PUT: {edit / same:5.1f}x   edit / GET: {edit / get:5.1f}x")
PY

/usr/bin/python3 - "$work/server.out" <<'PY'
import re, statistics, sys
found = re.findall(r"snapshot rebuilt: load ([\d.]+) ms, index ([\d.]+) ms( \(index unchanged)?",
                   open(sys.argv[1]).read())[2:]  # the first two: start-up load and demo import
for reused, name in ((False, "index rebuilt"), (True, "index kept")):
    rows = [(float(a), float(b)) for a, b, r in found if bool(r) == reused]
    if rows:
        print(f"server-side snapshot, {name} (n={len(rows)}): load median "
              f"{statistics.median(r[0] for r in rows):.1f} ms, snapshot + index median "
              f"{statistics.median(r[1] for r in rows):.1f} ms")
PY
