#!/usr/bin/env bash
# Assistant benchmark: the Musterstadt demo (full catalogue and gazetteer
# loaded), then wrk POSTing single turns to /api/assistant/turn: a mix of
# service questions (cost, documents, where, online), travel questions with
# destinations in German, English and with typos, follow-up-free handoffs.
# Every turn starts a conversation (the store fills and evicts as in use).
# Then the same as the demo citizen tom, with personal turns (his documents
# checked against the entry rules, offers with free slots of three offices,
# his appointments). Prints turns/s and the server-side p99 from the
# /metrics histogram for both.
#
# Targets (issue "Der Assistent"): p99 <= 10 ms, >= 2,000 turns/s on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh bench >/dev/null
source bench/lib/common.sh

CONNECTIONS=${CONNECTIONS:-32}
PORT=${PORT:-$(bench_free_port)}

/usr/bin/python3 - "$work/bodies.txt" <<'PY'
import json, sys
questions = [
    "Was kostet ein Reisepass?", "Welche Unterlagen brauche ich für den Personalausweis?",
    "Wo kann ich mein Auto anmelden?", "Kann ich den Wohnsitz online ummelden?",
    "Wie lange dauert eine Baugenehmigung?", "Öffnungszeiten Bürgerbüro", "Hund anmelden",
    "Sperrmüll anmelden", "How much is a passport?", "Was kostet ein Reisepas",
    "Brauche ich für Marrakesch einen Pass?", "Reicht mein Ausweis für Mailand?",
    "Brauche ich ein Visum für New York?", "Kann ich mit dem Personalausweis nach Antalya?",
    "Brauche ich für Marakesch einen Reisepass?", "Einreise Hurghada im Mai",
    "Wie wird das Wetter morgen?", "Ich möchte mit einem Mitarbeiter sprechen", "Hallo",
    "Ich brauche einen Termin für einen Reisepass",
]
with open(sys.argv[1], "w") as f:
    for q in questions:
        f.write(json.dumps({"conversation_id": None, "text": q}, ensure_ascii=False) + "\n")
print(f"{len(questions)} different turns", file=sys.stderr)
PY
/usr/bin/python3 - "$work/personal.txt" <<'PY'
import json, sys
questions = ["Brauche ich für Marrakesch einen Pass?", "Wann läuft mein Ausweis ab?",
             "Welche Termine habe ich?", "Reicht mein Ausweis für Mailand im Mai?",
             "Ich brauche einen Termin für einen Reisepass", "Brauche ich für Thailand einen Pass?"]
with open(sys.argv[1], "w") as f:
    for q in questions:
        f.write(json.dumps({"conversation_id": None, "text": q}, ensure_ascii=False) + "\n")
PY

bench_start "$PORT" --data-dir "$work/var" --log-level warn --demo

export WRK_BODIES="$work/bodies.txt" WRK_PATH=/api/assistant/turn
wrk -t1 -c4 -d2s -s bench/lib/wrk_post_bodies.lua "http://127.0.0.1:$PORT" >/dev/null
wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency \
  -s bench/lib/wrk_post_bodies.lua "http://127.0.0.1:$PORT" >"$work/wrk.txt"
curl -s "http://127.0.0.1:$PORT/metrics" >"$work/before.txt"
wrk -t1 -c4 -d"${DURATION}s" --latency \
  -s bench/lib/wrk_post_bodies.lua "http://127.0.0.1:$PORT" >"$work/wrk-latency.txt"
curl -s "http://127.0.0.1:$PORT/metrics" >"$work/after.txt"

# Personal turns as tom.
cookie=$(curl -s -D - -o /dev/null -H 'Content-Type: application/json' \
  -d '{"username": "tom", "password": "tom"}' "http://127.0.0.1:$PORT/api/auth/login" |
  awk 'tolower($1) == "set-cookie:" {sub(/;.*/, "", $2); print $2; exit}')
[ -n "$cookie" ] || { echo "login as tom failed" >&2; exit 1; }
export WRK_BODIES="$work/personal.txt" WRK_COOKIE="$cookie" WRK_ORIGIN="http://127.0.0.1:$PORT"
wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d"${DURATION}s" \
  -s bench/lib/wrk_post_bodies.lua "http://127.0.0.1:$PORT" >"$work/wrk-personal.txt"
curl -s "http://127.0.0.1:$PORT/metrics" >"$work/before-personal.txt"
wrk -t1 -c4 -d"${DURATION}s" --latency \
  -s bench/lib/wrk_post_bodies.lua "http://127.0.0.1:$PORT" >"$work/wrk-personal-latency.txt"
curl -s "http://127.0.0.1:$PORT/metrics" >"$work/after-personal.txt"

echo "wrk ${DURATION}s, $CONNECTIONS connections, $WRK_THREADS threads; $(nproc) cores"
if grep -q "^status" "$work/wrk.txt" && grep "^status" "$work/wrk.txt" | grep -qv "^status 200 "; then
  echo "answers other than 200:"; grep "^status" "$work/wrk.txt"; exit 1
fi
printf 'turns/s: %.0f (target >= 2000)\n' "$(awk '/Requests\/sec/ {print $2}' "$work/wrk.txt")"
echo "answers: $(grep "^status" "$work/wrk.txt" | tr "\n" " ")"
echo "at full load ($CONNECTIONS connections): client-side $(awk '/ 99%/ {print "p99 " $2}' "$work/wrk.txt")"
echo "at 4 connections ($(awk '/Requests\/sec/ {printf "%.0f", $2}' "$work/wrk-latency.txt") turns/s): client-side $(awk '/ 99%/ {print "p99 " $2}' "$work/wrk-latency.txt")"
echo "  server-side: $(bench_server_p99 /api/assistant/turn "$work/before.txt" "$work/after.txt" POST) (target p99 <= 10 ms)"
echo "logged in as tom (personal turns): $(awk '/Requests\/sec/ {printf "%.0f", $2}' "$work/wrk-personal.txt") turns/s; answers: $(grep "^status" "$work/wrk-personal.txt" | tr "\n" " ")"
echo "  at 4 connections: client-side $(awk '/ 99%/ {print "p99 " $2}' "$work/wrk-personal-latency.txt"); server-side: $(bench_server_p99 /api/assistant/turn "$work/before-personal.txt" "$work/after-personal.txt" POST)"
