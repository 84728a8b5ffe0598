#!/usr/bin/env bash
# Appointment benchmark. A catalogue with one service (15 minutes) at two
# bench offices open every day 08:00-18:00:
#  1. the race: 64 connections compete for the first 200 free slots of an
#     office with one counter; exactly 200 bookings must succeed, every other
#     answer must be 409 (no 5xx);
#  2. bookings/s: 64 connections book at an office with 100 counters
#     (every booking succeeds; each is one write job of capacity check +
#     insert, committed before the answer);
#     Ceiling in the same run: raw SQLite inserting the same rows into the
#     same table (bench/lib/sqlite_ceiling.py), a commit per booking and 64
#     bookings per commit (what the group commit can reach at 64 connections);
#  3. slot search at 4 connections over the now busy office; the server-side
#     p99 comes from the /metrics histogram (no network or client time).
#
# Targets (appointments brief): >= 2,000 bookings/s, slot search p99 <= 5 ms.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh bench >/dev/null
source bench/lib/common.sh

CONNECTIONS=${CONNECTIONS:-64}
PORT=${PORT:-$(bench_free_port)}
SEARCH_CONNECTIONS=${SEARCH_CONNECTIONS:-4}
URL="http://127.0.0.1:$PORT"

/usr/bin/python3 - "$work/catalog.json" <<'PY'
import glob, json, sys
services = [s for f in sorted(glob.glob("data/musterstadt/leistungen/*.json")) for s in json.load(open(f))]
offices = json.load(open("data/musterstadt/offices.json"))
base = next(o for o in offices if o["id"] == "buergerbuero-mitte")
hours = [{"day": d, "open": "08:00", "close": "18:00"} for d in ["mo", "di", "mi", "do", "fr", "sa", "so"]]
bench = []
for oid, counters in [("bench-race", 1), ("bench-gross", 100)]:
    o = dict(base, id=oid, name=f"Bench {oid}", counters=counters, opening_hours=hours, exceptions=[])
    bench.append(o)
service = next(s for s in services if s["id"] == "reisepass-beantragen")
service = dict(service, id="bench-termin", leika="99999999999999", title="Bench-Termin", related=[],
               offices=["bench-race", "bench-gross"], appointment_minutes=15)
json.dump({"services": [service], "offices": bench}, open(sys.argv[1], "w"), ensure_ascii=False)
PY
"$BIN" import "$work/catalog.json" --data-dir "$work/var" --log-level warn >/dev/null

bench_start "$PORT" --data-dir "$work/var" --log-level warn

# Bodies: the race office's first 200 free slots; for the throughput phase
# the big office's next 2,000 slots (100 counters each: never full in one run).
/usr/bin/python3 - "$URL" "$work" <<'PY'
import datetime, json, sys, urllib.request
url, work = sys.argv[1], sys.argv[2]
def slots(office, limit, days):
    q = f"{url}/api/appointments/slots?service=bench-termin&office={office}&limit={min(limit, 1000)}"
    items = []
    frm = None
    while len(items) < limit:
        page = json.load(urllib.request.urlopen(q + (f"&from={urllib.request.quote(frm)}" if frm else "")))["items"]
        if not page: break
        items += page if not frm else page[1:]
        frm = items[-1]["start"]
    return items[:limit]
def write(name, office, items):
    with open(f"{work}/{name}", "w") as f:
        for i, s in enumerate(items):
            f.write(json.dumps({"service": "bench-termin", "office": office, "start": s["start"],
                                "name": f"Bench {i}", "email": f"bench{i}@example.org"}) + "\n")
race = slots("bench-race", 200, 10)
assert len(race) == 200, len(race)
write("race.txt", "bench-race", race)
write("gross.txt", "bench-gross", slots("bench-gross", 2000, 62))
open(f"{work}/race-last.txt", "w").write(race[-1]["start"])
with open(f"{work}/search.txt", "w") as f:
    for office in ["bench-gross", "bench-race"]:
        for day in range(0, 14):
            start = (datetime.date.fromisoformat(race[0]["start"][:10]) + datetime.timedelta(days=day)).isoformat()
            f.write(f"/api/appointments/slots?service=bench-termin&office={office}&limit=50&from={start}\n")
    f.write("/api/appointments/slots?service=bench-termin&limit=100\n")
PY

echo "== 1. race: $CONNECTIONS connections, 200 free slots (1 counter)"
WRK_BODIES="$work/race.txt" wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d3s -s bench/lib/wrk_post_bodies.lua \
  "$URL" >"$work/race-wrk.txt"
created=$(awk '$1=="status" && $2==201 {print $3}' "$work/race-wrk.txt"); created=${created:-0}
conflicts=$(awk '$1=="status" && $2==409 {print $3}' "$work/race-wrk.txt"); conflicts=${conflicts:-0}
others=$(awk '$1=="status" && $2!=201 && $2!=409 {n+=$3} END {print n+0}' "$work/race-wrk.txt")
left=$(curl -s "$URL/api/appointments/slots?service=bench-termin&office=bench-race&limit=1000" |
  /usr/bin/python3 -c 'import json,sys,datetime as d; last=d.datetime.fromisoformat(open(sys.argv[1]).read()); print(sum(1 for s in json.load(sys.stdin)["items"] if d.datetime.fromisoformat(s["start"]) <= last))' "$work/race-last.txt")
echo "   201: $created   409: $conflicts   other: $others   still offered of the 200: $left"
[[ $created == 200 && $others == 0 && $left == 0 ]] || { echo "FAILED: the race must end with exactly 200 bookings and only 409s"; cat "$work/race-wrk.txt"; exit 1; }

echo "== 2. bookings/s: $CONNECTIONS connections, ${DURATION}s, every booking succeeds"
server_cpu() { awk '{print $14 + $15}' "/proc/$pid/stat"; } # clock ticks (user + system)
cpu_before=$(server_cpu)
/usr/bin/time -f "%U %S %e" -o "$work/wrk-time.txt" \
  env WRK_BODIES="$work/gross.txt" wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency \
  -s bench/lib/wrk_post_bodies.lua "$URL" >"$work/gross-wrk.txt"
cpu_after=$(server_cpu)
ok=$(awk '$1=="status" && $2==201 {print $3}' "$work/gross-wrk.txt"); ok=${ok:-0}
bad=$(awk '$1=="status" && $2!=201 {n+=$3} END {print n+0}' "$work/gross-wrk.txt")
rps=$(awk '/Requests\/sec/ {print $2}' "$work/gross-wrk.txt")
printf '   bookings/s: %.0f (target >= 2000); %s booked, %s not 201; client-side %s\n' "$rps" "$ok" "$bad" \
  "$(awk '/ 99%/ {print "p99 " $2}' "$work/gross-wrk.txt")"
read -r wrk_user wrk_sys wrk_wall <"$work/wrk-time.txt"
awk -v u="$wrk_user" -v s="$wrk_sys" -v w="$wrk_wall" -v a="$cpu_before" -v b="$cpu_after" \
  -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "   CPU: client (wrk) %.0f%% of a core, server %.0f%% of a core\n", (u + s) / w * 100, (b - a) / hz / w * 100 }'
curl -s "$URL/metrics" | grep -E '^stadtkern_db_(writes|commits)_total' | sed 's/^/   /'
ceiling_1=$(bench/lib/sqlite_ceiling.py "$work/var/stadtkern.db" 20000 1 appointments)
ceiling_64=$(bench/lib/sqlite_ceiling.py "$work/var/stadtkern.db" 50000 64 appointments)
awk -v r="$rps" -v a="$ceiling_1" -v b="$ceiling_64" 'BEGIN {
  printf "   ceiling: raw SQLite inserts into appointments: %.0f/s with a commit each (bookings = %.0f %%), %.0f/s 64 per commit (bookings = %.0f %%)\n", a, 100*r/a, b, 100*r/b }'

echo "== 3. slot search at $SEARCH_CONNECTIONS connections over $(( ok + created )) bookings"
curl -s "$URL/metrics" >"$work/before.txt"
WRK_PATHS="$work/search.txt" wrk -t1 -c"$SEARCH_CONNECTIONS" -d"${DURATION}s" --latency -s bench/lib/wrk_paths.lua "$URL" \
  >"$work/search-wrk.txt"
curl -s "$URL/metrics" >"$work/after.txt"
grep -q "Non-2xx" "$work/search-wrk.txt" && { echo "non-2xx responses:"; cat "$work/search-wrk.txt"; exit 1; }
printf '   searches/s: %.0f; client-side %s\n' "$(awk '/Requests\/sec/ {print $2}' "$work/search-wrk.txt")" \
  "$(awk '/ 99%/ {print "p99 " $2}' "$work/search-wrk.txt")"
echo "   server-side: $(bench_server_p99 /api/appointments/slots "$work/before.txt" "$work/after.txt") (target p99 <= 5 ms)"
echo "$(nproc) cores; wrk $WRK_THREADS threads"
