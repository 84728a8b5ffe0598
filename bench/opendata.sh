#!/usr/bin/env bash
# Open-data benchmark: 2,000 datasets (imported with `stadtkern opendata
# import`, 12 departments, all EU themes, 60 keywords), then wrk with varied
# CKAN package_search requests (free text, fq, facets, sorting, paging).
# Prints searches/s and the server-side p99 from the /metrics histogram, and
# the throughput of the streamed live CSV download (the service catalogue).
#
# Then the streamed downloads: a 16 MiB CSV uploaded by staff (demo account
# anna), downloaded whole, gzip-encoded and as a range, with curl.
#
# Targets (issue "Offene Daten"): package_search p99 <= 10 ms with 2,000 datasets.
# The second target (CSV export of 10 million sensor rows at >= 1 million
# rows/s) is measured by bench/opendata_export.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh bench >/dev/null
source bench/lib/common.sh

CONNECTIONS=${CONNECTIONS:-32}
DATASETS=${DATASETS:-2000}
PORT=${PORT:-$(bench_free_port)}

/usr/bin/python3 - "$DATASETS" "$work/datasets.json" "$work/paths.txt" <<'PY'
import json, random, sys, urllib.parse
n, out, paths = int(sys.argv[1]), sys.argv[2], sys.argv[3]
rnd = random.Random(7)
themes = ["AGRI", "ECON", "EDUC", "ENER", "ENVI", "GOVE", "HEAL", "INTR", "JUST", "REGI", "SOCI", "TECH", "TRAN"]
words = ["Verkehr", "Luftqualität", "Parkplätze", "Haushalt", "Schulen", "Kitas", "Bäume", "Radwege", "Lärm",
         "Wahlen", "Bevölkerung", "Baustellen", "Abfall", "Energie", "Wasser", "Sport", "Kultur", "Gesundheit",
         "Tourismus", "Wirtschaft"]
orgs = [{"name": f"amt-{i}", "title": f"Amt {i}", "email": f"amt{i}@musterstadt.example"} for i in range(11)]
orgs.append({"name": "buergeramt", "title": "Bürgeramt", "email": "buergeramt@musterstadt.example"})  # anna's
formats = [("CSV", "text/csv"), ("JSON", "application/json"), ("GEOJSON", "application/geo+json"), ("XLSX", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")]
datasets = []
for i in range(n):
    w = rnd.sample(words, 3)
    datasets.append({
        "name": f"datensatz-{i:05d}", "title": f"{w[0]} und {w[1]} in Musterstadt {2000 + i % 25}",
        "notes": f"Daten über {w[0]}, {w[1]} und {w[2]} im Stadtgebiet; Stand {2000 + i % 25}.",
        "organization": orgs[i % len(orgs)]["name"], "contact_email": "opendata@musterstadt.example",
        "license": rnd.choice(["dl-zero-de/2.0", "cc-by/4.0"]), "attribution": "Stadt Musterstadt",
        "themes": rnd.sample(themes, 2), "keywords": [f"{x}" for x in w] + [f"tag{i % 60}"],
        "issued": f"{2000 + i % 25}-01-01", "accrual_periodicity": "ANNUAL",
        "distributions": [{"id": f"r{k}", "title": f"Datei {k}", "format": f, "media_type": m,
                           "access_url": f"https://daten.musterstadt.example/{i}/{k}"}
                          for k, (f, m) in enumerate(rnd.sample(formats, 2))]})
json.dump({"organizations": orgs, "datasets": datasets}, open(out, "w"), ensure_ascii=False)
facets = urllib.parse.quote(json.dumps(["organization", "groups", "tags", "res_format", "license_id"]))
with open(paths, "w") as f:
    for k in range(400):
        q = urllib.parse.quote(rnd.choice(words))
        org = rnd.choice(orgs)["name"]
        f.write(rnd.choice([
            f"/api/3/action/package_search?q={q}",
            f"/api/3/action/package_search?q={q}&facet.field={facets}&rows=20",
            f"/api/3/action/package_search?fq=organization:{org}&sort=metadata_modified%20desc",
            f"/api/3/action/package_search?q={q}&fq=groups:{rnd.choice(themes).lower()}&start=10",
            f"/api/3/action/package_search?facet.field={facets}&rows=0",
            f"/api/3/action/package_search?q=tags:tag{k % 60}&sort=name%20asc&rows=50",
        ]) + "\n")
PY
"$BIN" opendata import "$work/datasets.json" --data-dir "$work/var" --log-level warn >/dev/null

bench_start "$PORT" --data-dir "$work/var" --log-level warn --demo
count=$(curl -s "http://127.0.0.1:$PORT/api/3/action/package_search?rows=0" | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["result"]["count"])')

WRK_PATHS="$work/paths.txt" wrk -t1 -c4 -d2s -s bench/lib/wrk_paths.lua "http://127.0.0.1:$PORT" >/dev/null
WRK_PATHS="$work/paths.txt" wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency \
  -s bench/lib/wrk_paths.lua "http://127.0.0.1:$PORT" >"$work/wrk.txt"
curl -s "http://127.0.0.1:$PORT/metrics" >"$work/before.txt"
WRK_PATHS="$work/paths.txt" wrk -t1 -c4 -d"${DURATION}s" --latency \
  -s bench/lib/wrk_paths.lua "http://127.0.0.1:$PORT" >"$work/wrk-latency.txt"
curl -s "http://127.0.0.1:$PORT/metrics" >"$work/after.txt"

echo "catalogue: $count datasets; wrk ${DURATION}s, $CONNECTIONS connections, $WRK_THREADS threads; $(nproc) cores"
grep -q "Non-2xx" "$work/wrk.txt" && { echo "non-2xx responses:"; cat "$work/wrk.txt"; exit 1; }
printf 'package_search/s: %.0f\n' "$(awk '/Requests\/sec/ {print $2}' "$work/wrk.txt")"
echo "at full load ($CONNECTIONS connections): client-side $(awk '/ 99%/ {print "p99 " $2}' "$work/wrk.txt")"
echo "at 4 connections ($(awk '/Requests\/sec/ {printf "%.0f", $2}' "$work/wrk-latency.txt")/s): client-side $(awk '/ 99%/ {print "p99 " $2}' "$work/wrk-latency.txt")"
echo "  server-side: $(bench_server_p99 /api/3/action/package_search "$work/before.txt" "$work/after.txt") (target p99 <= 10 ms)"

# Streamed downloads of an uploaded 16 MiB CSV.
/usr/bin/python3 - "$work/big.csv" <<'PY'
import sys
with open(sys.argv[1], "w", newline="") as f:
    f.write("sensor,zeit,wert\r\n")
    i = 0
    while f.tell() < 16 * 1024 * 1024 - 64:
        f.write(f"luft-{i % 500},2026-11-{1 + i % 28:02d}T{i % 24:02d}:00:00Z,{(i * 7919) % 1000 / 10}\r\n")
        i += 1
PY
truncate -s "<$((16 * 1024 * 1024))" "$work/big.csv"
base="http://127.0.0.1:$PORT"
curl -s -c "$work/cookies" -H 'Content-Type: application/json' -d '{"username":"anna","password":"anna"}' \
  "$base/api/auth/login" >/dev/null
curl -s -b "$work/cookies" -H "Origin: $base" -H 'Content-Type: application/json' -X POST "$base/api/opendata/datasets" \
  -d '{"name":"messwerte","title":"Messwerte","notes":"Stündliche Messwerte.","organization":"buergeramt","contact_email":"a@musterstadt.example","license":"dl-zero-de/2.0","themes":["ENVI"]}' >/dev/null
rows=$(($(wc -l <"$work/big.csv") - 1))
up=$(curl -s -o /dev/null -w '%{time_total}' -b "$work/cookies" -H "Origin: $base" -H 'If-Match: "1"' \
  -X PUT --data-binary @"$work/big.csv" "$base/api/opendata/datasets/messwerte/files/messwerte.csv")
url="$base/opendata/download/messwerte/messwerte.csv"
plain=$(curl -s -o "$work/down.csv" -H 'Accept-Encoding: identity' -w '%{time_total}' "$url")
cmp -s "$work/big.csv" "$work/down.csv" || { echo "download differs from the upload"; exit 1; }
zipped=$(curl -s -o /dev/null -H 'Accept-Encoding: gzip' -w '%{time_total} %{size_download}' "$url")
ranged=$(curl -s -o /dev/null -H 'Range: bytes=8000000-8999999' -w '%{time_total}' "$url")
echo "16 MiB CSV ($rows rows): upload ${up}s; download $plain s ($(/usr/bin/python3 -c "print(round($rows / $plain / 1e6, 2))") M rows/s);" \
  "gzip ${zipped% *} s (${zipped#* } bytes); 1 MB range $ranged s"
echo "  server memory after the downloads: $(awk '/VmRSS/ {print $2 " kB"}' /proc/$pid/status) resident"
