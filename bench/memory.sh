#!/usr/bin/env bash
# Resident memory of the server with the issue's data set: ENTITIES NGSI-LD
# entities (default 100,000) and OBSERVATIONS history rows (default 10
# million) in the embedded database, after a realistic mix of requests.
#
#   1. build/memory_fill_bench writes the data set (Broker::append_observations,
#      the back-fill path; a few minutes for 10 million rows);
#   2. `stadtkern serve` starts on it (loading the index), then serves:
#      GETs of READ_ENTITIES different entities with wrk for DURATION seconds,
#      queries by type and q, temporal reads (raw instances and hourly
#      averages), 10 batch upserts of 1,000 entities;
#   3. prints the RSS after start and after the mix (VmRSS, peak VmHWM, the
#      anonymous part from smaps_rollup), next to the ceiling measured in the
#      same run: the RSS of the same binary on an empty data directory, and
#      the bytes of the stored entity JSON (what any index must hold).
#
#   bench/memory.sh
#   ENTITIES=10000 OBSERVATIONS=100000 DURATION=5 bench/memory.sh   (quick)
#   DATA=/tmp/filled bench/memory.sh   reuse (or create once) a filled data dir
#   STADTKERN_BIN=/path/to/other/stadtkern bench/memory.sh   compare builds
#
# Target (issue "NGSI-LD"): RSS <= 300 MB with 100,000 entities and 10 million
# observations on the embedded database.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh bench >/dev/null
source bench/lib/common.sh

ENTITIES=${ENTITIES:-100000}
OBSERVATIONS=${OBSERVATIONS:-10000000}
READ_ENTITIES=${READ_ENTITIES:-20000}
CONNECTIONS=${CONNECTIONS:-64}
KEY=bench-key
PORT_SK=${PORT_SK:-$(bench_free_port)}
FILL=${FILL:-build/memory_fill_bench}
[[ -x $BIN && -x $FILL ]] || { echo "build first: make build" >&2; exit 1; }

data=${DATA:-$work/data}
if [[ ! -f $data/stadtkern.db ]]; then
  mkdir -p "$data"
  "$FILL" "$data" "$ENTITIES" "$OBSERVATIONS"
fi
entity_bytes=$(sqlite3 "$data/stadtkern.db" "SELECT sum(length(body)) FROM ngsild_entities")
entity_count=$(sqlite3 "$data/stadtkern.db" "SELECT count(*) FROM ngsild_entities")
history_rows=$(sqlite3 "$data/stadtkern.db" "SELECT count(*) FROM ngsild_attribute_history")

rss() { awk '/^VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$1/status"; }
hwm() { awk '/^VmHWM/ {printf "%.0f", $2 / 1024}' "/proc/$1/status"; }
anon() { awk '/^Anonymous/ {printf "%.0f", $2 / 1024}' "/proc/$1/smaps_rollup"; }

# Ceiling: the same binary on an empty data directory.
bench_start "$PORT_SK" --data-dir "$work/empty" --log-level warn
empty_rss=$(rss "$pid")
kill "$pid"; wait "$pid" 2>/dev/null || true

STADTKERN_CONTEXT_API_KEYS=$KEY bench_start "$PORT_SK" --data-dir "$data" --log-level warn
loaded_rss=$(rss "$pid")
base="http://127.0.0.1:$PORT_SK/ngsi-ld/v1"

/usr/bin/python3 - "$work/paths.txt" "$ENTITIES" "$READ_ENTITIES" <<'PY'
import random, sys
path, n, k = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
random.seed(7)
with open(path, "w") as out:
    for i in random.sample(range(n), min(k, n)):
        out.write(f"/ngsi-ld/v1/entities/urn:ngsi-ld:AirQualityObserved:m{i}\n")
PY
WRK_PATHS="$work/paths.txt" wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d"${DURATION}s" \
  -H "NGSILD-Tenant: mass" -s bench/lib/wrk_paths.lua "http://127.0.0.1:$PORT_SK" >"$work/wrk.txt"
grep -q "Non-2xx" "$work/wrk.txt" && { echo "non-2xx responses" >&2; cat "$work/wrk.txt" >&2; exit 1; }
get_rps=$(awk '/Requests\/sec/ {print $2}' "$work/wrk.txt")

/usr/bin/python3 - "$base" "$KEY" "$ENTITIES" <<'PY'
import json, sys, urllib.parse, urllib.request
base, key, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
head = {"NGSILD-Tenant": "mass"}
def get(path):
    with urllib.request.urlopen(urllib.request.Request(base + path, headers=head)) as r:
        r.read()
for q in ["no2>70", "pm10<3;no2>40", "no2==7"]:
    for offset in (0, 1000):
        get("/entities?type=AirQualityObserved&limit=1000&offset=%d&q=%s" % (offset, urllib.parse.quote(q)))
get("/entities?type=AirQualityObserved&limit=1000&georel=near;maxDistance==500&geometry=Point"
    "&coordinates=%5B7.45,51.55%5D")
for i in range(0, min(n, 200), 10):
    eid = f"urn:ngsi-ld:AirQualityObserved:m{i}"
    get(f"/temporal/entities/{eid}?attrs=no2,pm10&lastN=500")
    get(f"/temporal/entities/{eid}?attrs=no2&options=aggregatedValues&aggrMethods=avg,max"
        "&aggrPeriodDuration=PT1H&timerel=after&timeAt=2025-01-01T00:00:00Z")
for step in range(10):
    batch = [{"id": f"urn:ngsi-ld:AirQualityObserved:m{i}", "type": "AirQualityObserved",
              "no2": {"type": "Property", "value": step, "unitCode": "GQ",
                      "observedAt": f"2026-11-27T10:{step:02d}:00Z"}}
             for i in range(step * 1000, min(step * 1000 + 1000, n))]
    if not batch:
        break
    req = urllib.request.Request(f"{base}/entityOperations/upsert?options=update", method="POST",
                                 data=json.dumps(batch).encode(),
                                 headers={**head, "Content-Type": "application/json", "X-Api-Key": key})
    urllib.request.urlopen(req).read()
PY
mixed_rss=$(rss "$pid")
peak_rss=$(hwm "$pid")
mixed_anon=$(anon "$pid")
load=$(cut -d' ' -f1-3 /proc/loadavg)

echo "data: $entity_count entities ($(( entity_bytes / 1048576 )) MB stored JSON), $history_rows history rows; $(du -sm "$data" | cut -f1) MB on disk"
echo "GET mix: $get_rps req/s over $READ_ENTITIES different entities ($CONNECTIONS connections, ${DURATION}s)"
printf '\n%-56s %8s\n' "measure" "MB"
printf '%-56s %8s\n' "ceiling: RSS of the same binary, empty data dir" "$empty_rss"
printf '%-56s %8s\n' "ceiling: stored entity JSON (what any index holds)" "$(( entity_bytes / 1048576 ))"
printf '%-56s %8s\n' "RSS after start (index loaded)" "$loaded_rss"
printf '%-56s %8s\n' "RSS after the mix" "$mixed_rss"
printf '%-56s %8s\n' "  of it anonymous (heap, page caches)" "$mixed_anon"
printf '%-56s %8s\n' "peak RSS (VmHWM)" "$peak_rss"
echo
echo "memory: RSS $mixed_rss MB after the mix with $entity_count entities and $history_rows observations (target <= 300 MB); load average $load"
