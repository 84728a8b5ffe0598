#!/usr/bin/env bash
# NGSI-LD subscriptions: what notifications cost the write path. Batch upsert
# (options=update, 1,000 entities x 5 attributes per request, as in
# bench/context.sh) measured three times on one server:
#   1. no subscription at all (the ceiling: the change hook only asks);
#   2. a subscription in another tenant (the hook looks, nothing matches);
#   3. a subscription matching every entity of the tenant, its endpoint a
#      local receiver answering 204: each request writes one notification of
#      1,000 entities into the outbox inside its transaction;
#   4. no subscription again (the tables have grown by then);
# and how long the delivery of the backlog of (3) takes.
#
#   bench/subscriptions.sh               defaults: 10 s per run
#   DURATION=5 bench/subscriptions.sh
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh bench >/dev/null
source bench/lib/common.sh

UPSERT_CONNECTIONS=${UPSERT_CONNECTIONS:-2}
ENTITIES=1000
ATTRS=5
KEY=bench-key
PORT_SK=${PORT_SK:-$(bench_free_port)}
PORT_RECEIVER=${PORT_RECEIVER:-$(bench_free_port)}
[[ -x $BIN ]] || { echo "build first: make build" >&2; exit 1; }

# The receiver: counts POSTs, answers 204.
/usr/bin/python3 - "$PORT_RECEIVER" >"$work/receiver.out" 2>&1 <<'PY' &
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
class H(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.send_response(204)
        self.send_header("Content-Length", "0")
        self.end_headers()
    def log_message(self, *a):
        pass
ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), H).serve_forever()
PY
bench_track $!

STADTKERN_CONTEXT_API_KEYS=$KEY bench_start "$PORT_SK" --data-dir "$work/data" --log-level warn
base="http://127.0.0.1:$PORT_SK/ngsi-ld/v1"

/usr/bin/python3 - "$work/bodies.txt" "$ENTITIES" "$ATTRS" <<'PY'
import json, sys
path, n, attrs = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
with open(path, "w") as out:
    for step in range(20):
        batch = [{"id": f"urn:ngsi-ld:Sensor:{i}", "type": "Sensor",
                  **{f"a{k}": {"type": "Property", "value": step * 10 + k, "unitCode": "CEL",
                               "observedAt": f"2026-11-26T10:{step:02d}:00Z"} for k in range(attrs)}}
                 for i in range(n)]
        out.write(json.dumps(batch) + "\n")
PY
curl -sf -o /dev/null -X POST "$base/entityOperations/upsert" -H "Content-Type: application/json" \
  -H "X-Api-Key: $KEY" -H "NGSILD-Tenant: bench" --data-binary @<(head -1 "$work/bodies.txt")

subscribe() { # tenant
  local code
  code=$(curl -s -o /dev/null -w '%{http_code}' -X POST "$base/subscriptions" \
    -H "Content-Type: application/json" -H "X-Api-Key: $KEY" -H "NGSILD-Tenant: $1" \
    --data-binary "{\"id\": \"urn:ngsi-ld:Subscription:bench-$1\", \"entities\": [{\"type\": \"Sensor\"}],
      \"notification\": {\"endpoint\": {\"uri\": \"http://127.0.0.1:$PORT_RECEIVER/notify\"}}}")
  [[ $code == 201 ]] || { echo "subscription failed: $code" >&2; exit 1; }
}

upserts() { # -> attribute updates/s (the 204 count stays in $work/upsert.txt)
  WRK_BODIES="$work/bodies.txt" WRK_API_KEY=$KEY wrk -t1 -c"$UPSERT_CONNECTIONS" -d"${DURATION}s" \
    --timeout 30s -s bench/lib/wrk_ngsild_upsert.lua "http://127.0.0.1:$PORT_SK" >"$work/upsert.txt"
  local ok bad seconds
  ok=$(awk '/^status 204/ {print $3}' "$work/upsert.txt"); ok=${ok:-0}
  bad=$(awk '/^status / && $2 != 204 {s += $3} END {print s + 0}' "$work/upsert.txt")
  [[ $bad == 0 ]] || { echo "upsert answered non-204:" >&2; cat "$work/upsert.txt" >&2; exit 1; }
  seconds=$(awk '/requests in/ {for (i = 1; i <= NF; i++) if ($i ~ /s,$/) {sub(/s,/, "", $i); print $i}}' "$work/upsert.txt")
  awk -v r="$ok" -v s="$seconds" -v e="$ENTITIES" -v a="$ATTRS" 'BEGIN { printf "%.0f", r * e * a / s }'
}

times_sent() {
  curl -sf -H "X-Api-Key: $KEY" -H "NGSILD-Tenant: bench" "$base/subscriptions/urn:ngsi-ld:Subscription:bench-bench" |
    /usr/bin/python3 -c 'import json, sys; print(json.load(sys.stdin)["notification"].get("timesSent", 0))'
}

echo "batch upsert: ${DURATION}s per run, $UPSERT_CONNECTIONS connections, $ENTITIES entities x $ATTRS attributes per request; $(nproc) cores"
none=$(upserts)
subscribe other
other=$(upserts)
subscribe bench
start=$(date +%s%N)
matching=$(upserts)
sent_requests=$(awk '/^status 204/ {print $3}' "$work/upsert.txt")
until [[ $(times_sent) -ge $sent_requests ]]; do
  (( ($(date +%s%N) - start) / 1000000000 > DURATION + 120 )) && { echo "notifications not delivered" >&2; exit 1; }
  sleep 0.2
done
drained_ms=$(( ($(date +%s%N) - start) / 1000000 ))
# The same without subscriptions once more: the tables have grown meanwhile.
for tenant in other bench; do
  curl -sf -o /dev/null -X DELETE -H "X-Api-Key: $KEY" -H "NGSILD-Tenant: $tenant" \
    "$base/subscriptions/urn:ngsi-ld:Subscription:bench-$tenant"
done
again=$(upserts)
printf '%-46s %10s attribute updates/s  (first run)\n' "no subscription" "$none"
printf '%-46s %10s attribute updates/s  (last run, after the others)\n' "no subscription, again" "$again"
# Runs 2 and 3 lie between the two runs without subscriptions: compared
# with their mean, the drift of the growing tables cancels out roughly.
ceiling=$(awk -v a="$none" -v b="$again" 'BEGIN { printf "%.0f", (a + b) / 2 }')
printf '%-46s %10s attribute updates/s  (%s %% of the mean without subscriptions)\n' \
  "subscription in another tenant" "$other" "$(awk -v a="$other" -v b="$ceiling" 'BEGIN { printf "%.0f", 100 * a / b }')"
printf '%-46s %10s attribute updates/s  (%s %% of the mean without subscriptions)\n' \
  "subscription matching every entity" "$matching" "$(awk -v a="$matching" -v b="$ceiling" 'BEGIN { printf "%.0f", 100 * a / b }')"
printf '%-46s %10s notifications of %s entities delivered %.1f s after the run started\n' "delivery" \
  "$sent_requests" "$ENTITIES" "$(awk -v m="$drained_ms" 'BEGIN { print m / 1000 }')"
