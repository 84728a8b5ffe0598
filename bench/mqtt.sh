#!/usr/bin/env bash
# MQTT ingest benchmark: mosquitto and stadtkern on this machine, PUBLISHERS
# mosquitto_pub -l processes (QoS 1, one entity each) send MESSAGES messages
# in all as fast as they can. Reports, in one run:
#   ceiling  a plain mosquitto_sub (QoS 1) receiving the same stream (the
#            publishers and the broker alone), messages/s
#   ingest   messages/s from the first publish until stadtkern has stored
#            the last one, and the loss: published messages minus the rows
#            in ngsild_attribute_history and ngsild_journal (must be 0)
#
#   bench/mqtt.sh
#   MESSAGES=400000 PUBLISHERS=4 bench/mqtt.sh
#
# Target (issue "NGSI-LD context broker"): >= 20,000 messages/s, zero loss.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh bench >/dev/null
source bench/lib/common.sh

MESSAGES=${MESSAGES:-200000}
PUBLISHERS=${PUBLISHERS:-4}
PORT_SK=$(bench_free_port)
PORT_MQ=$(bench_free_port)
per=$((MESSAGES / PUBLISHERS))
total=$((per * PUBLISHERS))
[[ -x $BIN ]] || { echo "build first: make build" >&2; exit 1; }

mkdir -p "$work/mosquitto"
cat >"$work/mosquitto/mosquitto.conf" <<CONF
listener $PORT_MQ 127.0.0.1
allow_anonymous true
persistence true
persistence_location $work/mosquitto/
max_queued_messages 0
max_inflight_messages 1000
log_dest stderr
CONF
# mosquitto started as root drops to its own user: let it write its store.
chmod 777 "$work/mosquitto"
chmod 755 "$work"
/usr/sbin/mosquitto -c "$work/mosquitto/mosquitto.conf" 2>"$work/mosquitto/log" &
bench_track $!
for _ in $(seq 100); do (exec 3<>/dev/tcp/127.0.0.1/"$PORT_MQ") 2>/dev/null && break; sleep 0.05; done

# The messages: one file per publisher, one JSON object a line.
for p in $(seq "$PUBLISHERS"); do
  /usr/bin/python3 - "$per" "$p" >"$work/lines-$p" <<'PY'
import sys
n, p = int(sys.argv[1]), int(sys.argv[2])
for i in range(n):
    print(f'{{"temperature": {{"type": "Property", "value": {i % 400 / 10}, "unitCode": "CEL"}}, '
          f'"seq": {i}}}')
PY
done

now_ns() { date +%s%N; }

publish_all() { # topic prefix (one entity per publisher below it)
  local p pids=()
  for p in $(seq "$PUBLISHERS"); do
    mosquitto_pub -h 127.0.0.1 -p "$PORT_MQ" -q 1 -i "bench-pub-$p" \
      -t "$1/urn:ngsi-ld:WeatherObserved:bench-$p/attrs" -l <"$work/lines-$p" &
    pids+=($!)
  done
  for p in "${pids[@]}"; do wait "$p"; done
}

# --- ceiling: mosquitto_sub counts the same stream --------------------------
mosquitto_sub -h 127.0.0.1 -p "$PORT_MQ" -q 1 -t 'ceiling/#' -C "$total" >"$work/sub.out" &
sub=$!
bench_track "$sub"
sleep 0.5
t0=$(now_ns)
publish_all "ceiling/default/WeatherObserved"
wait "$sub"
t1=$(now_ns)
received=$(wc -l <"$work/sub.out")
ceiling=$((total * 1000000000 / (t1 - t0)))

# --- ingest ------------------------------------------------------------------
STADTKERN_MQTT_URL="mqtt://127.0.0.1:$PORT_MQ" STADTKERN_MQTT_CLIENT_ID=bench \
  bench_start "$PORT_SK" --data-dir "$work/data" --log-level warn
metric() { curl -sf "http://127.0.0.1:$PORT_SK/metrics" | awk -v k="$1" '$1 == k {print $2}'; }
until [[ $(metric stadtkern_mqtt_connected) == 1 ]]; do sleep 0.05; done
t0=$(now_ns)
publish_all "stadtkern/default/WeatherObserved"
t_pub=$(now_ns)
deadline=$((t_pub + 120000000000))
while :; do
  done_n=$(metric 'stadtkern_mqtt_messages_total{result="stored"}')
  (( ${done_n%.*} >= total )) && break
  (( $(now_ns) > deadline )) && break
  sleep 0.05 # each poll starts curl: keep it rare on 2 cores
done
t1=$(now_ns)
malformed=$(metric 'stadtkern_mqtt_messages_total{result="malformed"}')
failed=$(metric 'stadtkern_mqtt_messages_total{result="failed"}')
batches=$(metric stadtkern_mqtt_batches_total)
# Each message changes two attributes (temperature, seq): rows / 2 = messages.
# The latest changes may still be in the broker's journal (not yet moved
# into the history by a checkpoint): both tables count.
rows=$(sqlite3 "file:$work/data/stadtkern.db?mode=ro" \
  "SELECT (SELECT count(*) FROM ngsild_attribute_history WHERE entity_id LIKE 'urn:ngsi-ld:WeatherObserved:bench-%')
        + (SELECT count(*) FROM ngsild_journal WHERE entity_id LIKE 'urn:ngsi-ld:WeatherObserved:bench-%')")
stored=$((rows / 2))
rate=$((total * 1000000000 / (t1 - t0)))
printf 'MQTT ingest, %d messages (QoS 1) from %d publishers\n' "$total" "$PUBLISHERS"
printf '  ceiling  mosquitto_sub:  %8d msg/s  (%d of %d received)\n' "$ceiling" "$received" "$total"
printf '  stadtkern ingest:        %8d msg/s  (%d %% of ceiling; publishing took %d ms)\n' \
  "$rate" $((100 * rate / ceiling)) $(((t_pub - t0) / 1000000))
printf '  stored rows: %d (= %d messages), loss %d, malformed %s, failed %s, batches %s\n' \
  "$rows" "$stored" "$((total - stored))" "$malformed" "$failed" "$batches"
