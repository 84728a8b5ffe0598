#!/usr/bin/env bash
# HTTP benchmark: wrk against stadtkern (GET /health and a static asset of the
# web app) and against nginx serving the same file, in the same run, plus the
# time from start to ready. Prints requests/s and the ratios.
#
#   bench/http.sh                 defaults: 10 s per run, 64 connections, 2 wrk threads (one wrk thread saturates near 80k req/s)
#   DURATION=20 CONNECTIONS=128 WRK_THREADS=2 bench/http.sh
#
# Targets (issue "Foundation"): static asset >= 60 % of nginx; /health
# >= 80,000 req/s on 2 cores with wrk on the same machine; ready <= 1 s.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh bench >/dev/null
source bench/lib/common.sh

CONNECTIONS=${CONNECTIONS:-64}
WEB_DIR=$(realpath web/dist)
PORT_SK=${PORT_SK:-$(bench_free_port)}
PORT_NGINX=${PORT_NGINX:-$(bench_free_port)}

[[ -x $BIN ]] || { echo "build first: make build" >&2; exit 1; }
[[ -f $WEB_DIR/index.html ]] || { echo "web app not built: make build" >&2; exit 1; }

# The asset: the web app's entry script, as every visitor loads it
# (override with ASSET=/assets/<file>).
asset=${ASSET:-$(grep -o 'src="/assets/[^"]*\.js"' "$WEB_DIR/index.html" | head -1 | cut -d'"' -f2)}
asset_file="$WEB_DIR$asset"
asset_bytes=$(stat -c %s "$asset_file")

rps() { # url -> requests/s
  wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency "$1" >"$work/wrk.txt"
  grep -q "Non-2xx" "$work/wrk.txt" && { echo "non-2xx responses from $1" >&2; cat "$work/wrk.txt" >&2; exit 1; }
  awk '/Requests\/sec/ {print $2}' "$work/wrk.txt"
}
p99() { awk '/ 99%/ {print $2}' "$work/wrk.txt"; }

# --- stadtkern: time to ready -------------------------------------------------
start_ns=$(date +%s%N)
bench_start "$PORT_SK" --data-dir "$work/data" --web-dir "$WEB_DIR" --log-level warn
ready_ms=$(( ($(date +%s%N) - start_ns) / 1000000 ))

# --- nginx: the same file, same number of workers -----------------------------
bench_nginx "$WEB_DIR" "$PORT_NGINX"
bench_wait "http://127.0.0.1:$PORT_NGINX$asset"

# --- measure ------------------------------------------------------------------
echo "wrk: ${DURATION}s per run, $CONNECTIONS connections, $WRK_THREADS thread(s); $(nproc) cores; access logs off"
echo "asset: $asset ($asset_bytes bytes, uncompressed)"
health=$(rps "http://127.0.0.1:$PORT_SK/health"); health_p99=$(p99)
sk_static=$(rps "http://127.0.0.1:$PORT_SK$asset"); sk_p99=$(p99)
nginx_static=$(rps "http://127.0.0.1:$PORT_NGINX$asset"); nginx_p99=$(p99)

printf '\n%-34s %12s %10s\n' "measure" "requests/s" "p99"
printf '%-34s %12.0f %10s\n' "stadtkern GET /health" "$health" "$health_p99"
printf '%-34s %12.0f %10s\n' "stadtkern GET $(basename "$asset")" "$sk_static" "$sk_p99"
printf '%-34s %12.0f %10s\n' "nginx     GET $(basename "$asset")" "$nginx_static" "$nginx_p99"
echo
awk -v s="$sk_static" -v n="$nginx_static" 'BEGIN { printf "static asset: stadtkern / nginx = %.0f %% (target >= 60 %%)\n", 100*s/n }'
awk -v h="$health" 'BEGIN { printf "GET /health: %.0f req/s (target >= 80000)\n", h }'
echo "start to ready: $ready_ms ms (target <= 1000 ms)"
