#!/usr/bin/env bash
# NGSI-LD context broker benchmark, each figure next to its ceiling measured
# in the same run:
#   1. GET one entity (normalized, the client's @context by Link header) with
#      wrk, against nginx serving a static file of the same size;
#   2. batch upsert (options=update): attribute updates per second, history
#      included (1,000 entities x 5 attributes per request; checkpoints of the
#      journal into the history included), against raw SQLite running the
#      same statements on the same tables with rows of the same sizes (sqlite3
#      CLI, one transaction per 1,000 entities, WAL, synchronous=NORMAL, the
#      server's page cache);
#   3. the server's resident memory after 100,000 more entities (MASS_ENTITIES).
#
#   bench/context.sh                 defaults: 10 s per GET run, 64 connections for GET,
#                                    30 s of batch upserts
#   DURATION=20 CONNECTIONS=128 bench/context.sh
#
# Targets (issue "NGSI-LD context broker"): GET one entity >= 30,000 req/s and
# >= 40 % of nginx; batch upsert >= 50,000 attribute updates/s and >= 40 % of
# raw SQLite.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh bench >/dev/null
source bench/lib/common.sh

CONNECTIONS=${CONNECTIONS:-64}
UPSERT_CONNECTIONS=${UPSERT_CONNECTIONS:-2}
UPSERT_DURATION=${UPSERT_DURATION:-30} # sustained: several checkpoints
ENTITIES=1000
ATTRS=5
# The server's defaults (README: db_cache_kib, context.checkpoint_rows), used
# by the server and the raw SQLite ceiling alike.
DB_CACHE_KIB=${DB_CACHE_KIB:-32768}
CHECKPOINT_ROWS=${CHECKPOINT_ROWS:-250000}
KEY=bench-key
PORT_SK=${PORT_SK:-$(bench_free_port)}
PORT_NGINX=${PORT_NGINX:-$(bench_free_port)}
[[ -x $BIN ]] || { echo "build first: make build" >&2; exit 1; }

STADTKERN_CONTEXT_API_KEYS=$KEY STADTKERN_DB_CACHE_KIB=$DB_CACHE_KIB \
  STADTKERN_CONTEXT_CHECKPOINT_ROWS=$CHECKPOINT_ROWS \
  STADTKERN_CONTEXT_PRELOADED_DIR=$(realpath tests/e2e/data/ngsi-ld/contexts) \
  bench_start "$PORT_SK" --data-dir "$work/data" --log-level warn
base="http://127.0.0.1:$PORT_SK/ngsi-ld/v1"
ctx="https://forge.etsi.org/rep/cim/ngsi-ld-test-suite/-/raw/develop/resources/jsonld-contexts/ngsi-ld-test-suite-compound.jsonld"
link="<$ctx>; rel=\"http://www.w3.org/ns/json-ld#context\"; type=\"application/ld+json\""

# --- 1. GET one entity ---------------------------------------------------------
cat >"$work/entity.json" <<'JSON'
{"id": "urn:ngsi-ld:AirQualityObserved:Musterstadt-Markt", "type": "Building",
 "name": {"type": "Property", "value": "Luftmessstation Markt"},
 "airQualityLevel": {"type": "Property", "value": 2, "unitCode": "C62", "observedAt": "2026-11-26T10:00:00Z"},
 "almostFull": {"type": "Property", "value": false},
 "subCategory": {"type": "Property", "value": "Luftqualität"},
 "location": {"type": "GeoProperty", "value": {"type": "Point", "coordinates": [7.4653, 51.5136]}}}
JSON
code=$(curl -s -o /dev/null -w '%{http_code}' -X POST "$base/entities" -H "Content-Type: application/json" \
  -H "X-Api-Key: $KEY" -H "Link: $link" --data-binary @"$work/entity.json")
[[ $code == 201 ]] || { echo "create failed: $code" >&2; exit 1; }
entity_url="$base/entities/urn:ngsi-ld:AirQualityObserved:Musterstadt-Markt"
mkdir -p "$work/static"
chmod 755 "$work" "$work/static" # nginx workers may run as another user
curl -sf -H "Link: $link" "$entity_url" >"$work/static/entity.json"
chmod 644 "$work/static/entity.json"
entity_bytes=$(stat -c %s "$work/static/entity.json")

mkdir -p "$work/nginx"
cat >"$work/nginx/nginx.conf" <<CONF
worker_processes $(nproc);
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  sendfile on;
  keepalive_requests 1000000;
  open_file_cache max=100;
  default_type application/json;
  client_body_temp_path $work/nginx;
  proxy_temp_path $work/nginx;
  fastcgi_temp_path $work/nginx;
  uwsgi_temp_path $work/nginx;
  scgi_temp_path $work/nginx;
  server { listen 127.0.0.1:$PORT_NGINX; root $work/static; }
}
CONF
nginx -c "$work/nginx/nginx.conf" -g 'daemon off;' &
bench_track $!
bench_wait "http://127.0.0.1:$PORT_NGINX/entity.json"

rps() { # url [header] -> requests/s
  if [[ -n ${2:-} ]]; then
    wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency -H "$2" "$1" >"$work/wrk.txt"
  else
    wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency "$1" >"$work/wrk.txt"
  fi
  grep -q "Non-2xx" "$work/wrk.txt" && { echo "non-2xx responses from $1" >&2; cat "$work/wrk.txt" >&2; exit 1; }
  awk '/Requests\/sec/ {print $2}' "$work/wrk.txt"
}
echo "wrk: ${DURATION}s per run, $CONNECTIONS connections, $WRK_THREADS thread(s); $(nproc) cores; access logs off"
echo "entity: $entity_bytes bytes (normalized, user @context by Link header)"
sk_get=$(rps "$entity_url" "Link: $link")
nginx_get=$(rps "http://127.0.0.1:$PORT_NGINX/entity.json")

# --- 2. batch upsert ---------------------------------------------------------------
/usr/bin/python3 - "$work/bodies.txt" "$ENTITIES" "$ATTRS" <<'PY'
import json, sys
path, n, attrs = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
with open(path, "w") as out:
    for step in range(20):
        batch = [{"id": f"urn:ngsi-ld:Sensor:{i}", "type": "Sensor",
                  **{f"a{k}": {"type": "Property", "value": step * 10 + k, "unitCode": "CEL",
                               "observedAt": "@T@"} for k in range(attrs)}}
                 for i in range(n)]
        out.write(json.dumps(batch) + "\n")
PY
# The first request creates the entities; the measured ones update them,
# each with the next second as the readings' observedAt (as sensors send
# them; wrk_ngsild_upsert.lua counts from 2026-11-26T00:00:00Z).
curl -sf -o /dev/null -X POST "$base/entityOperations/upsert" -H "Content-Type: application/json" \
  -H "X-Api-Key: $KEY" -H "NGSILD-Tenant: bench" \
  --data-binary @<(head -1 "$work/bodies.txt" | sed 's/@T@/2026-11-25T23:59:59.000Z/g')
WRK_BODIES="$work/bodies.txt" WRK_API_KEY=$KEY wrk -t1 -c"$UPSERT_CONNECTIONS" -d"${UPSERT_DURATION}s" --timeout 30s \
  -s bench/lib/wrk_ngsild_upsert.lua "http://127.0.0.1:$PORT_SK" >"$work/upsert.txt"
ok=$(awk '/^status 204/ {print $3}' "$work/upsert.txt"); ok=${ok:-0}
bad=$(awk '/^status / && $2 != 204 {s += $3} END {print s + 0}' "$work/upsert.txt")
[[ $bad == 0 ]] || { echo "upsert answered non-204:" >&2; cat "$work/upsert.txt" >&2; exit 1; }
# wrk prints the duration as "30.01s," or "1.00m,".
upsert_seconds=$(awk '/requests in/ {for (i = 1; i <= NF; i++) {
    if ($i ~ /[0-9]s,$/) {sub(/s,/, "", $i); print $i}
    else if ($i ~ /[0-9]m,$/) {sub(/m,/, "", $i); print $i * 60}}}' "$work/upsert.txt")
sk_updates=$(awk -v r="$ok" -v s="$upsert_seconds" -v e="$ENTITIES" -v a="$ATTRS" 'BEGIN { printf "%.0f", r * e * a / s }')

# --- 3. memory with many entities (same server, tenant "mass") -------------------
/usr/bin/python3 - "$base" "$KEY" "${MASS_ENTITIES:-100000}" <<'PY'
import json, sys, urllib.request
base, key, total = sys.argv[1], sys.argv[2], int(sys.argv[3])
for start in range(0, total, 1000):
    batch = [{"id": f"urn:ngsi-ld:AirQualityObserved:m{i}", "type": "AirQualityObserved",
              "no2": {"type": "Property", "value": i % 80, "unitCode": "GQ", "observedAt": "2026-11-26T10:00:00Z"},
              "pm10": {"type": "Property", "value": i % 50, "unitCode": "GQ", "observedAt": "2026-11-26T10:00:00Z"},
              "location": {"type": "GeoProperty", "value": {"type": "Point", "coordinates": [7.4 + (i % 100) / 1000, 51.5 + (i // 100 % 100) / 1000]}}}
             for i in range(start, min(start + 1000, total))]
    req = urllib.request.Request(f"{base}/entityOperations/upsert", data=json.dumps(batch).encode(), method="POST",
                                 headers={"Content-Type": "application/json", "X-Api-Key": key, "NGSILD-Tenant": "mass"})
    urllib.request.urlopen(req).read()
PY
rss_mb=$(awk '/VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$pid/status")

# Raw SQLite ceiling: the same tables (from `stadtkern migrate`) and the same
# statements the server runs, with rows of the sizes it stored: per request
# the journal rows of 1,000 entities (one transaction), and every
# CHECKPOINT_ROWS rows the checkpoint (history and rollups from the journal,
# the entities' rows, the journal emptied).
db="$work/data/stadtkern.db"
body_len=$(sqlite3 "$db" "SELECT CAST(avg(length(body)) AS INTEGER) FROM ngsild_entities WHERE tenant = 'bench'")
history_rows=$(sqlite3 "$db" "SELECT (SELECT COUNT(*) FROM ngsild_attribute_history) + (SELECT COUNT(*) FROM ngsild_journal)")
inst_len=$(sqlite3 "$db" "SELECT CAST(avg(length(instance)) AS INTEGER) FROM (SELECT instance FROM ngsild_attribute_history WHERE tenant = 'bench' UNION ALL SELECT instance FROM ngsild_journal WHERE tenant = 'bench')")
kill "$pid"; wait "$pid" 2>/dev/null || true
"$BIN" migrate --data-dir "$work/raw" >/dev/null
batches=$(( ok > 10 ? ok : 10 ))
per_checkpoint=$(( CHECKPOINT_ROWS / (ENTITIES * ATTRS) ))
text() { echo "substr(replace(hex(zeroblob($1)), '00', 'xy'), 1, $1)"; }
{
  echo "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-$DB_CACHE_KIB; PRAGMA temp_store=MEMORY;"
  # The entities, as the first request created them.
  cat <<SQL
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < $ENTITIES - 1)
INSERT INTO ngsild_entities (tenant, id, body, modified_at)
  SELECT 'bench', 'urn:ngsi-ld:Sensor:' || i, $(text "$body_len"), '2026-11-26T11:00:00.000Z' FROM n;
SQL
  for ((b = 0; b < batches; b++)); do
    rec=$(printf '2026-11-26T11:%02d:%02d.%03dZ' $((b / 3600 % 60)) $((b / 60 % 60)) $((b % 1000)))
    observed=$(TZ=UTC printf '%(%Y-%m-%dT%H:%M:%S)T.000Z' $((1795651200 + b + 1)))
    cat <<SQL
BEGIN;
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < $ENTITIES - 1),
               k(j) AS (SELECT 0 UNION ALL SELECT j + 1 FROM k WHERE j < $ATTRS - 1)
INSERT INTO ngsild_journal (seq, tenant, entity_id, attribute, dataset_id, recorded_at,
    observed_at, instance, value_num, created_at, modified_at, entity_modified_at)
  SELECT $b * $ENTITIES * $ATTRS + i * $ATTRS + j, 'bench', 'urn:ngsi-ld:Sensor:' || i,
         'https://uri.etsi.org/ngsi-ld/default-context/a' || j, '', '$rec', '$observed',
         $(text "$inst_len"), i + j, '$rec', '$rec', '$rec'
  FROM n, k ORDER BY i, j;
COMMIT;
SQL
    if (( (b + 1) % per_checkpoint == 0 )); then
      cat <<SQL
BEGIN;
UPDATE ngsild_entities SET body = $(text "$body_len"), modified_at = '$rec', journal_seq = $b WHERE tenant = 'bench';
INSERT INTO ngsild_attribute_history (tenant, entity_id, attribute, at, seq, dataset_id,
    recorded_at, observed, instance, value_num)
  SELECT tenant, entity_id, attribute, COALESCE(observed_at, recorded_at) AS at, seq, dataset_id,
         recorded_at, observed_at IS NOT NULL, instance, value_num
  FROM ngsild_journal WHERE tenant = 'bench' ORDER BY entity_id, attribute, at, seq;
INSERT INTO ngsild_attribute_rollup (tenant, entity_id, attribute, hour, n, sum, sumsq, min, max)
  SELECT tenant, entity_id, attribute, SUBSTR(observed_at, 1, 13) AS h, COUNT(*), SUM(value_num),
         SUM(value_num * value_num), MIN(value_num), MAX(value_num)
  FROM ngsild_journal WHERE tenant = 'bench' AND value_num IS NOT NULL AND observed_at IS NOT NULL
  GROUP BY tenant, entity_id, attribute, h
  ON CONFLICT (tenant, entity_id, attribute, hour) DO UPDATE SET n = n + excluded.n,
    sum = sum + excluded.sum, sumsq = sumsq + excluded.sumsq,
    min = CASE WHEN excluded.min < min THEN excluded.min ELSE min END,
    max = CASE WHEN excluded.max > max THEN excluded.max ELSE max END;
DELETE FROM ngsild_journal WHERE tenant = 'bench';
COMMIT;
SQL
    fi
  done
} >"$work/raw.sql"
start_ns=$(date +%s%N)
sqlite3 "$work/raw/stadtkern.db" <"$work/raw.sql" >/dev/null
raw_ns=$(( $(date +%s%N) - start_ns ))
raw_updates=$(awk -v b="$batches" -v e="$ENTITIES" -v a="$ATTRS" -v ns="$raw_ns" 'BEGIN { printf "%.0f", b * e * a / (ns / 1e9) }')

printf '\n%-52s %14s\n' "measure" "per second"
printf '%-52s %14.0f\n' "stadtkern GET one entity (requests)" "$sk_get"
printf '%-52s %14.0f\n' "nginx     GET static file, same size (requests)" "$nginx_get"
printf '%-52s %14.0f\n' "stadtkern batch upsert (attribute updates)" "$sk_updates"
printf '%-52s %14.0f\n' "raw SQLite, same rows and tables (attribute rows)" "$raw_updates"
echo
awk -v s="$sk_get" -v n="$nginx_get" 'BEGIN { printf "GET one entity: %.0f req/s (target >= 30000), %.0f %% of nginx (target >= 40 %%)\n", s, 100*s/n }'
awk -v s="$sk_updates" -v r="$raw_updates" 'BEGIN { printf "batch upsert: %.0f attribute updates/s (target >= 50000), %.0f %% of raw SQLite (target >= 40 %%)\n", s, 100*s/r }'
echo "memory: RSS $rss_mb MB with ${MASS_ENTITIES:-100000} more entities and $history_rows history rows (target <= 300 MB with 100,000 entities and 10 million observations)"
