#!/usr/bin/env bash
# NGSI-LD temporal API benchmark (client: bench/lib/temporal_bench.py):
#   1. load POINTS one-minute points of one attribute (default 525,600 = one
#      year) over HTTP, then time the hourly average over all of them (served
#      from the hourly rollups) next to its ceiling in the same run: the same
#      GROUP BY over the raw rows in SQLite without HTTP;
#   2. a temporal query by type plus q over ENTITIES entities (default 100,000);
#   3. Broker::append_observations (the back-fill path) for POINTS rows,
#      without HTTP (build/temporal_append_bench).
#
#   bench/temporal.sh
#   POINTS=100000 ENTITIES=10000 REPS=50 bench/temporal.sh
#
# Targets (issue 6): hourly average over one year of one-minute data <= 20 ms;
# temporal query by type and q over 100,000 entities <= 50 ms.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib/common.sh

POINTS=${POINTS:-525600}
ENTITIES=${ENTITIES:-100000}
REPS=${REPS:-200}
KEY=bench-key
PORT_SK=${PORT_SK:-$(bench_free_port)}
[[ -x $BIN && -x build/temporal_append_bench ]] || { echo "build first: make build" >&2; exit 1; }

STADTKERN_CONTEXT_API_KEYS=$KEY bench_start "$PORT_SK" --data-dir "$work/data" --log-level warn
/usr/bin/python3 bench/lib/temporal_bench.py "http://127.0.0.1:$PORT_SK/ngsi-ld/v1" "$KEY" \
  "$work/data/stadtkern.db" "$POINTS" "$ENTITIES" "$REPS"
mkdir -p "$work/append"
build/temporal_append_bench "$work/append" "$POINTS"
