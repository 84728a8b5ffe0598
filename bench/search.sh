#!/usr/bin/env bash
# Search benchmark: the Musterstadt catalogue grown to 500 services (demo plus
# generated variants in other districts), then wrk with many different citizen
# questions against GET /api/search. Prints searches/s and the server-side
# p99 from the /metrics histogram (no network or client time in it), and, as
# the ceiling in the same run, nginx serving the very same answers as static
# files (same bytes, same wrk script and connections).
#
# Targets (issue "Leistungskatalog"): p99 <= 5 ms, >= 5,000 searches/s on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh bench >/dev/null
source bench/lib/common.sh

CONNECTIONS=${CONNECTIONS:-32}
SERVICES=${SERVICES:-500}
PORT=${PORT:-$(bench_free_port)}

# The catalogue: every demo service, plus copies for other districts until SERVICES.
/usr/bin/python3 - "$SERVICES" "$work/catalog.json" <<'PY'
import glob, json, sys
target, out = int(sys.argv[1]), sys.argv[2]
services = [s for f in sorted(glob.glob("data/musterstadt/leistungen/*.json")) for s in json.load(open(f))]
offices = json.load(open("data/musterstadt/offices.json"))
districts = ["Nord", "Süd", "Ost", "West", "Altstadt", "Hafen"]
base, n = list(services), 0
while len(services) < target:
    s = dict(base[n % len(base)])
    d = districts[(n // len(base)) % len(districts)]
    s["id"] = f"{s['id']}-{d.lower().replace('ü', 'ue')}-{n}"
    s["leika"] = f"99{9000000000 + n:012d}"
    s["title"] = f"{s['title']} (Bezirk {d})"
    s["related"] = []
    services.append(s)
    n += 1
json.dump({"services": services, "offices": offices}, open(out, "w"), ensure_ascii=False)
PY
"$BIN" import "$work/catalog.json" --data-dir "$work/var" --log-level warn >/dev/null

# The questions: the evaluation set when present, else a built-in list.
/usr/bin/python3 - "$work/paths.txt" <<'PY'
import json, os, sys, urllib.parse
questions = ["Reisepass beantragen", "neuer Perso", "Umzug", "Sperrmüll anmelden", "Hund anmelden", "Knöllchen",
             "I need a new passport", "Wetter morgen", "heiraten", "Auto anmelden", "Führerschein umtauschen",
             "Wohngeld", "Baugenehmigung", "Einbürgerung", "Geburtsurkunde"]
if os.path.exists("tests/search/eval-de.json"):
    questions = [c["q"] for c in json.load(open("tests/search/eval-de.json"))["cases"]]
with open(sys.argv[1], "w") as f:
    for q in questions:
        f.write("/api/search?limit=10&q=" + urllib.parse.quote(q) + "\n")
print(f"{len(questions)} different questions", file=sys.stderr)
PY

bench_start "$PORT" --data-dir "$work/var" --log-level warn
services=$(curl -s "http://127.0.0.1:$PORT/api/services?limit=1" | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])')

# The ceiling: each answer saved as a file, served by nginx.
PORT_NGINX=${PORT_NGINX:-$(bench_free_port)}
/usr/bin/python3 - "http://127.0.0.1:$PORT" "$work/paths.txt" "$work/static" "$work/static-paths.txt" <<'PY'
import os, sys, urllib.request
base, paths, root, out = sys.argv[1:]
os.makedirs(f"{root}/answers", exist_ok=True)
with open(out, "w") as f:
    for i, path in enumerate(open(paths).read().split()):
        open(f"{root}/answers/{i}.json", "wb").write(urllib.request.urlopen(base + path).read())
        f.write(f"/answers/{i}.json\n")
PY
bench_nginx "$work/static" "$PORT_NGINX"

# Warm-up; then throughput at full load; then latency at a moderate load
# (4 connections), where queueing does not hide the time a search takes.
# The server-side histogram of the latency phase is read as a difference.
WRK_PATHS="$work/paths.txt" wrk -t1 -c4 -d2s -s bench/lib/wrk_paths.lua "http://127.0.0.1:$PORT" >/dev/null
WRK_PATHS="$work/paths.txt" wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency \
  -s bench/lib/wrk_paths.lua "http://127.0.0.1:$PORT" >"$work/wrk.txt"
WRK_PATHS="$work/static-paths.txt" wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d"${DURATION}s" \
  -s bench/lib/wrk_paths.lua "http://127.0.0.1:$PORT_NGINX" >"$work/wrk-nginx.txt"
curl -s "http://127.0.0.1:$PORT/metrics" >"$work/before.txt"
WRK_PATHS="$work/paths.txt" wrk -t1 -c4 -d"${DURATION}s" --latency \
  -s bench/lib/wrk_paths.lua "http://127.0.0.1:$PORT" >"$work/wrk-latency.txt"
curl -s "http://127.0.0.1:$PORT/metrics" >"$work/after.txt"

rps=$(awk '/Requests\/sec/ {print $2}' "$work/wrk.txt")
echo "catalogue: $services services; wrk ${DURATION}s, $CONNECTIONS connections, $WRK_THREADS threads; $(nproc) cores"
grep -q "Non-2xx" "$work/wrk.txt" && { echo "non-2xx responses:"; cat "$work/wrk.txt"; exit 1; }
printf 'searches/s: %.0f (target >= 5000)\n' "$rps"
nginx_rps=$(awk '/Requests\/sec/ {print $2}' "$work/wrk-nginx.txt")
awk -v s="$rps" -v n="$nginx_rps" 'BEGIN { printf "ceiling: nginx serving the same answers as files: %.0f req/s; search = %.0f %% of it\n", n, 100*s/n }'
echo "at full load ($CONNECTIONS connections): client-side $(awk '/ 99%/ {print "p99 " $2}' "$work/wrk.txt")"
echo "at 4 connections ($(awk '/Requests\/sec/ {printf "%.0f", $2}' "$work/wrk-latency.txt") searches/s): client-side $(awk '/ 99%/ {print "p99 " $2}' "$work/wrk-latency.txt")"
echo "  server-side: $(bench_server_p99 /api/search "$work/before.txt" "$work/after.txt") (target p99 <= 5 ms)"
