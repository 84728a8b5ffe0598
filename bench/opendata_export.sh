#!/usr/bin/env bash
# Sensor-data export benchmark (issue "Offene Daten"): the CSV of a sensor
# dataset (/opendata/download/sensoren-luftqualitaet/stundenwerte.csv) with
# ROWS hourly rows (default 10 million: ROWS/8,760 AirQualityObserved sensors
# with one year of hourly NO2 aggregates each), streamed with curl.
#
# The sensors are created through the NGSI-LD batch API; their hourly
# rollups are then written straight into the database while the server is
# stopped (producing ten million rows through the ingest path would measure
# ingest, which bench/context.sh and bench/mqtt.sh do). The ceiling in the
# same run is the sqlite3 shell writing the same rows as CSV from the same
# table. Memory: the server's resident size before and at its peak during
# the download (sampled every 50 ms).
#
# Target: >= 1 million rows/s, streamed, with flat memory.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh bench >/dev/null
source bench/lib/common.sh

ROWS=${ROWS:-10000000}
HOURS=8760
SENSORS=$(( (ROWS + HOURS - 1) / HOURS ))
PORT=${PORT:-$(bench_free_port)}
KEY=bench-export-key
data="$work/data"
export STADTKERN_CONTEXT_API_KEYS=$KEY STADTKERN_CONTEXT_SIMULATOR_ENABLED=false

bench_start "$PORT" --demo --data-dir "$data"
/usr/bin/python3 - "$PORT" "$KEY" "$SENSORS" <<'PY'
import json, sys, urllib.request
port, key, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
for start in range(0, n, 500):
    batch = [{"id": f"urn:ngsi-ld:AirQualityObserved:bench-{i:05d}", "type": "AirQualityObserved",
              "NO2": {"type": "Property", "value": 20.0, "unitCode": "GQ"},
              "location": {"type": "GeoProperty",
                           "value": {"type": "Point", "coordinates": [7.0 + i / 1e5, 51.45]}}}
             for i in range(start, min(n, start + 500))]
    req = urllib.request.Request(f"http://127.0.0.1:{port}/ngsi-ld/v1/entityOperations/create",
                                 data=json.dumps(batch).encode(), method="POST",
                                 headers={"Content-Type": "application/json", "X-Api-Key": key})
    with urllib.request.urlopen(req) as r:
        assert r.status in (201, 204), r.status
PY
kill "$pid"
wait "$pid" 2>/dev/null || true

db="$data/stadtkern.db"
load_start=$(date +%s.%N)
/usr/bin/python3 - "$db" "$SENSORS" "$ROWS" "$HOURS" <<'PY'
import datetime as dt, math, sqlite3, sys
db, sensors, rows, hours = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
attr = "https://uri.etsi.org/ngsi-ld/default-context/NO2"
end = dt.datetime.now(dt.timezone.utc).replace(minute=0, second=0, microsecond=0)
start = end - dt.timedelta(hours=hours)
labels = [(start + dt.timedelta(hours=h)).strftime("%Y-%m-%dT%H") for h in range(hours)]
c = sqlite3.connect(db)
c.execute("PRAGMA synchronous=OFF")
def generate():
    left = rows
    for s in range(sensors):
        eid = f"urn:ngsi-ld:AirQualityObserved:bench-{s:05d}"
        for h in range(min(hours, left)):
            mean = 25 + 15 * math.sin((h % 24) / 24 * 2 * math.pi) + s % 7
            yield ("", eid, attr, labels[h], 60, mean * 60, mean * mean * 60 + 60, mean - 4.5, mean + 6.25)
        left -= min(hours, left)
with c:
    c.executemany("INSERT INTO ngsild_attribute_rollup (tenant, entity_id, attribute, hour, n, sum, "
                  "sumsq, min, max) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", generate())
c.close()
PY
load_s=$(/usr/bin/python3 -c "import sys; print(round(float(sys.argv[2]) - float(sys.argv[1]), 2))" "$load_start" "$(date +%s.%N)")

# Ceiling: the sqlite3 shell, same rows, same order, as CSV.
ceiling_start=$(date +%s.%N)
ceiling_rows=$(sqlite3 -csv "$db" "SELECT entity_id, 'NO2', hour || ':00:00Z', n, sum / n, min, max, 'GQ' \
  FROM ngsild_attribute_rollup WHERE tenant = '' ORDER BY entity_id, attribute, hour" | wc -l)
ceiling_end=$(date +%s.%N)

bench_start "$PORT" --demo --data-dir "$data"
rss() { awk '/VmRSS/ {print $2}' "/proc/$pid/status"; }
rss_before=$(rss)
url="http://127.0.0.1:$PORT/opendata/download/sensoren-luftqualitaet/stundenwerte.csv"
( peak=0; while kill -0 "$pid" 2>/dev/null; do r=$(rss); (( r > peak )) && peak=$r && echo "$peak" >"$work/peak"; sleep 0.05; done ) &
sampler=$!
bench_track "$sampler"
read -r time_s bytes < <(curl -s -H 'Accept-Encoding: identity' -o "$work/export.csv" -w '%{time_total} %{size_download}\n' "$url")
kill "$sampler" 2>/dev/null || true
lines=$(wc -l <"$work/export.csv")
exported=$(( lines - 1 ))
gz_s=$(curl -s -H 'Accept-Encoding: gzip' -o /dev/null -w '%{time_total}' "$url")

[[ "$exported" == "$ROWS" ]] || { echo "exported $exported rows, expected $ROWS" >&2; exit 1; }
/usr/bin/python3 - "$SENSORS" "$HOURS" "$ROWS" "$load_s" "$exported" "$bytes" "$time_s" \
  "$ceiling_rows" "$ceiling_start" "$ceiling_end" "$gz_s" "$rss_before" "$(cat "$work/peak" 2>/dev/null || echo "$rss_before")" "$(nproc)" <<'PY'
import sys
(sensors, hours, rows, load_s, exported, size, t, c_rows, c_start, c_end, gz, rss0, rss1,
 cores) = sys.argv[1:]
exported, t, c_rows, gz = int(exported), float(t), int(c_rows), float(gz)
c_s = float(c_end) - float(c_start)
print(f"sensor export: {sensors} sensors x {hours} hours = {rows} rollup rows "
      f"(written in {load_s} s); {cores} cores")
print(f"stadtkern CSV: {exported:,} rows, {int(size) / 1e6:.1f} MB in {t:.2f} s = "
      f"{exported / t / 1e6:.2f} M rows/s")
print(f"ceiling, sqlite3 shell: {c_rows:,} rows in {c_s:.2f} s = {c_rows / c_s / 1e6:.2f} M rows/s")
print(f"stadtkern / ceiling: {100 * c_s / t:.0f} %")
print(f"gzip-encoded: {gz:.2f} s = {exported / gz / 1e6:.2f} M rows/s")
print(f"server memory: {rss0} kB before, {rss1} kB at the peak of the download (target: flat)")
print("target: >= 1 million rows/s")
PY
