# Set-up the benchmarks share; sourced by bench/*.sh after they `cd` to the
# repository root. Gives each script:
#   BIN                    the server binary (STADTKERN_BIN, else build/stadtkern)
#   DURATION, WRK_THREADS  seconds per wrk run (default 10) and wrk threads (default 2)
#   work                   a temporary directory, removed on exit with every
#                          process started through bench_start / bench_track
#   bench_free_port        a TCP port on 127.0.0.1 nobody listens on
#   bench_start PORT ARGS  `$BIN serve` on 127.0.0.1:PORT with the access log off,
#                          output in $work/server.out; sets pid; returns once
#                          /ready answers (gives up after 30 s)
#   bench_wait URL [LIMIT_S]  polls URL until it answers 2xx (default 30 s)
#   bench_server_p99 ROUTE BEFORE AFTER  the server-side latency of GET ROUTE
#                          between two /metrics snapshots (from the histogram)

BIN=${STADTKERN_BIN:-build/stadtkern}
DURATION=${DURATION:-10}
WRK_THREADS=${WRK_THREADS:-2}
work=$(mktemp -d)
pid=""
bench_pids=()

bench_cleanup() {
  local p
  for p in "${bench_pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap bench_cleanup EXIT

# Remembers a background process for the cleanup.
bench_track() { bench_pids+=("$1"); }

bench_free_port() {
  /usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

bench_wait() { # url [limit in seconds, default 30]
  local deadline=$(( $(date +%s%N) + ${2:-30} * 1000000000 ))
  until curl -sf "$1" >/dev/null; do
    (( $(date +%s%N) > deadline )) && { echo "no answer from $1" >&2; return 1; }
    sleep 0.002
  done
}

bench_start() { # port, further arguments for `serve`
  local port=$1
  shift
  "$BIN" serve --bind 127.0.0.1 --port "$port" --access-log off "$@" >"$work/server.out" 2>&1 &
  pid=$!
  bench_track "$pid"
  bench_wait "http://127.0.0.1:$port/ready" || { echo "stadtkern did not start" >&2; cat "$work/server.out" >&2; exit 1; }
}

bench_server_p99() { # route before.txt after.txt [method, default GET]
  /usr/bin/python3 - "$2" "$3" <<'PY' | bench/lib/metrics_quantile.py "$1" "${4:-GET}"
import re, sys
def read(path):
    d = {}
    for line in open(path):
        m = re.match(r'(stadtkern_http_request_duration_seconds_bucket\{[^}]*\}) (\S+)', line)
        if m: d[m.group(1)] = float(m.group(2))
    return d
before, after = read(sys.argv[1]), read(sys.argv[2])
for key, value in after.items():
    print(f"{key} {value - before.get(key, 0)}")
PY
}
