#!/usr/bin/env bash
# Fleet benchmark: N chargers over P fleet processes against two central-system nodes sharing one
# PostgreSQL, all on loopback. Measures ramp time, heap, RSS and CPU of the fleet processes, then a
# mass disconnect (both nodes drop every connection without a close frame) and the reconnect per
# persona. Bounded: every wait has a timeout, and everything it starts is killed on exit.
#
#   charger-fleet/bench/fleet-bench.sh [chargers] [processes]      (default 30000 2)
#   BENCH_PERSONAS=... BENCH_RAMP=1000/s BENCH_SUT_HEAP=1536m BENCH_FLEET_HEAP=2g
#   BENCH_SUT_MITIGATIONS=off|on   off (default): admission control and the Pending valve are off, so
#                                  the fleet is measured rather than the mitigations; on: the whole
#                                  hardened profile, which two nodes on two cores need for 30,000 chargers
#
# Prints its numbers and writes them to charger-fleet/target/bench/fleet-<chargers>.md.
set -euo pipefail

CHARGERS=${1:-30000}
PROCESSES=${2:-2}
PERSONAS=${BENCH_PERSONAS:-immediate=0.25,fixed:10s=0.25,backoff-jitter:1s/60s=0.25,retry-backoff:3s/10s/3=0.25}
RAMP=${BENCH_RAMP:-1000/s}
SUT_HEAP=${BENCH_SUT_HEAP:-1536m}
FLEET_HEAP=${BENCH_FLEET_HEAP:-2g}
MITIGATIONS=${BENCH_SUT_MITIGATIONS:-off}
RAMP_TIMEOUT=${BENCH_RAMP_TIMEOUT:-300}
RECONNECT_TIMEOUT=${BENCH_RECONNECT_TIMEOUT:-300}

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
# shellcheck source=../../.mvn/select-jdk.sh
. "$ROOT/.mvn/select-jdk.sh"
chargestorm_select_jdk
JAVA="$JAVA_HOME/bin/java"
JCMD="$JAVA_HOME/bin/jcmd"
SUT_JAR="$ROOT/system-under-test/target/system-under-test.jar"
FLEET_JAR="$ROOT/charger-fleet/target/chargestorm-charger-fleet-0.1.0-SNAPSHOT.jar"
for jar in "$SUT_JAR" "$FLEET_JAR"; do
  [ -f "$jar" ] || { echo "bench: $jar is missing: ./mvnw -pl charger-fleet -am package -DskipTests" >&2; exit 1; }
done

WORK=$(mktemp -d /tmp/chargestorm-fleet-bench.XXXXXX)
OUT="$ROOT/charger-fleet/target/bench"
mkdir -p "$OUT"
REPORT="$OUT/fleet-$CHARGERS.md"
PIDS=()

cleanup() {
  set +e
  local children=""
  if [ -n "${FLEET_PID:-}" ]; then
    children=$(pgrep -P "$FLEET_PID")
    # a background job of a script ignores SIGINT; SIGTERM runs the same clean stop
    kill -TERM "$FLEET_PID" 2>/dev/null
    for _ in $(seq 20); do kill -0 "$FLEET_PID" 2>/dev/null || break; sleep 1; done
  fi
  for pid in $children ${FLEET_PID:-} "${PIDS[@]}"; do
    kill "$pid" 2>/dev/null
  done
  sleep 5
  for pid in $children ${FLEET_PID:-} "${PIDS[@]}"; do
    kill -9 "$pid" 2>/dev/null
  done
  if [ -f "$WORK/data/postmaster.pid" ]; then
    kill "$(head -1 "$WORK/data/postmaster.pid")" 2>/dev/null
  fi
  echo "bench: stopped everything it started; logs in $WORK" >&2
}
trap cleanup EXIT INT TERM

say() { echo "$*" | tee -a "$REPORT"; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
wait_healthy() {
  local port=$1 deadline=$((SECONDS + 240))
  until curl -sf "http://127.0.0.1:$port/actuator/health" >/dev/null; do
    [ $SECONDS -lt $deadline ] || { echo "bench: node on $port not healthy in 240 s" >&2; exit 1; }
    sleep 1
  done
}
# pid -> "rss_mb cpu_seconds"
proc_stats() {
  local pid=$1 ticks
  ticks=$(getconf CLK_TCK)
  awk -v t="$ticks" '{print ($14+$15)/t}' "/proc/$pid/stat" | {
    read -r cpu
    echo "$(awk '/VmRSS/ {printf "%.0f", $2/1024}' "/proc/$pid/status") $cpu"
  }
}
heap_used_mb() {
  "$JCMD" "$1" GC.run >/dev/null 2>&1 || true
  "$JCMD" "$1" GC.heap_info 2>/dev/null | awk '/garbage-first heap/ {for (i=1;i<=NF;i++) if ($i=="used") {v=$(i+1); sub("K,?","",v); printf "%.0f", v/1024}}'
}
progress() { grep -a -o 'connected [0-9,]*/[0-9,]*  accepted [0-9,]*' "$WORK/fleet.err" | tail -1 || true; }
accepted_now() { progress | sed -E 's/.*accepted ([0-9,]*)/\1/' | tr -d ','; }

: > "$REPORT"
say "# Fleet benchmark: $CHARGERS chargers, $PROCESSES fleet processes, 2 central-system nodes"
say ""
say "- started: $(date -u '+%Y-%m-%d %H:%M:%S UTC'); uptime: $(uptime)"
say "- machine: $(nproc) cores, $(free -g | awk '/Mem/ {print $2}') GiB RAM, $("$JAVA" -version 2>&1 | head -1)"
say "- personas: $PERSONAS; ramp $RAMP; fleet JVMs -Xmx$FLEET_HEAP; central-system JVMs -Xmx$SUT_HEAP"

# 1. Two central-system nodes on one PostgreSQL (node A runs it embedded, node B connects to it).
PORT_A=$(free_port); PORT_B=$(free_port)
COMMON=(--spring.profiles.active=hardened --logging.level.root=warn --chargestorm.ocpp.ping-interval=300s)
case "$MITIGATIONS" in
  off) COMMON+=(--chargestorm.admission.enabled=false --chargestorm.boot.pending-valve.enabled=false)
       PROFILE_NOTE="profile hardened without admission control and Pending valve (the fleet is measured, not the mitigations)" ;;
  on)  PROFILE_NOTE="profile hardened with every mitigation (admission control 200 upgrades/s per node, Pending valve)" ;;
  *)   echo "bench: BENCH_SUT_MITIGATIONS must be off or on, not '$MITIGATIONS'" >&2; exit 2 ;;
esac
"$JAVA" -Xmx$SUT_HEAP -jar "$SUT_JAR" --server.port="$PORT_A" --chargestorm.data-dir="$WORK/data" \
  --chargestorm.node.id=node-a "${COMMON[@]}" >"$WORK/node-a.log" 2>&1 &
PIDS+=($!)
wait_healthy "$PORT_A"
PG_PORT=$(sed -n 4p "$WORK/data/postmaster.pid")
"$JAVA" -Xmx$SUT_HEAP -jar "$SUT_JAR" --server.port="$PORT_B" --chargestorm.node.id=node-b "${COMMON[@]}" \
  --spring.datasource.url="jdbc:postgresql://127.0.0.1:$PG_PORT/postgres" \
  --spring.datasource.username=postgres --spring.datasource.password=postgres >"$WORK/node-b.log" 2>&1 &
PIDS+=($!)
wait_healthy "$PORT_B"
say "- central system: node A :$PORT_A (embedded PostgreSQL :$PG_PORT), node B :$PORT_B, $PROFILE_NOTE"

# 2. The fleet, ramping.
START=$SECONDS
"$JAVA" -Xmx256m -jar "$FLEET_JAR" --url "ws://127.0.0.1:$PORT_A/ocpp" --url "ws://127.0.0.1:$PORT_B/ocpp" \
  --chargers "$CHARGERS" --processes "$PROCESSES" --process-jvm-options "-Xmx$FLEET_HEAP" --ramp "$RAMP" \
  --persona "$PERSONAS" --session-every 0 --seed 1 --progress-every 1s --summary "$WORK/summary.json" \
  >"$WORK/fleet.out" 2>"$WORK/fleet.err" &
FLEET_PID=$!
until [ "$(accepted_now)" = "$CHARGERS" ]; do
  [ $((SECONDS - START)) -lt "$RAMP_TIMEOUT" ] || { say "ramp: NOT all Accepted within ${RAMP_TIMEOUT}s: $(progress)"; break; }
  kill -0 "$FLEET_PID" 2>/dev/null || { say "the fleet exited early:"; tail -5 "$WORK/fleet.err" | tee -a "$REPORT"; exit 1; }
  sleep 1
done
say "- ramp: $(progress) after $((SECONDS - START)) s (wall clock, 1 s resolution)"
sleep 10
say ""
say "| fleet process | heap used after full GC | RSS | CPU time so far | open files |"
say "|---|---|---|---|---|"
for pid in $(pgrep -P "$FLEET_PID"); do
  read -r rss cpu < <(proc_stats "$pid")
  say "| $pid | $(heap_used_mb "$pid") MB | $rss MB | ${cpu} s | $(ls /proc/"$pid"/fd | wc -l) |"
done
read -r rss cpu < <(proc_stats "$FLEET_PID")
say "| parent $FLEET_PID | - | $rss MB | ${cpu} s | - |"
say "- load after the ramp: $(uptime)"

# 3. Mass disconnect on both nodes at once, then the reconnect.
say ""
DISCONNECT_AT=$SECONDS
# One instant for both nodes: a charger that node A's drop sends to node B before B's request is
# handled was already dropped once and must not be dropped again (it was, 611 reconnects for 500).
SWEEP="{\"fraction\":1.0,\"mode\":\"ABRUPT\",\"openedBefore\":\"$(date -u +%Y-%m-%dT%H:%M:%S.%NZ)\"}"
curl -sf -m 30 -u admin:chargestorm -H 'Content-Type: application/json' -d "$SWEEP" \
  "http://127.0.0.1:$PORT_A/admin/disconnect" >/dev/null & CURL_A=$!
curl -sf -m 30 -u admin:chargestorm -H 'Content-Type: application/json' -d "$SWEEP" \
  "http://127.0.0.1:$PORT_B/admin/disconnect" >/dev/null & CURL_B=$!
wait "$CURL_A" "$CURL_B" || true
sleep 3
until [ "$(accepted_now)" = "$CHARGERS" ]; do
  [ $((SECONDS - DISCONNECT_AT)) -lt "$RECONNECT_TIMEOUT" ] || { say "reconnect: NOT all back within ${RECONNECT_TIMEOUT}s: $(progress)"; break; }
  sleep 1
done
say "- mass disconnect: $(progress) again $((SECONDS - DISCONNECT_AT)) s after the disconnect"
sleep 5
for pid in $(pgrep -P "$FLEET_PID"); do
  read -r rss cpu < <(proc_stats "$pid")
  say "  - fleet process $pid after the storm: RSS $rss MB, CPU time ${cpu} s"
done
say "- load after the storm: $(uptime)"

# 4. Stop the fleet (SIGTERM: the same clean stop as Ctrl-C) and read its summary.
kill -TERM "$FLEET_PID"
for _ in $(seq 60); do kill -0 "$FLEET_PID" 2>/dev/null || break; sleep 1; done
[ -s "$WORK/summary.json" ] || { say "no summary written (see $WORK/fleet.err)"; exit 1; }
cp "$WORK/summary.json" "$OUT/fleet-$CHARGERS-summary.json"
python3 - "$WORK/summary.json" <<'PY' | tee -a "$REPORT"
import json, sys
s = json.load(open(sys.argv[1]))
print()
print("connect attempts:", s["connectAttempts"], "| CALL timeouts:", s["callTimeouts"], "| CALLERRORs:", s["callErrors"])
b = s["bootRoundTripMillis"]
print(f"Boot round trip: {b['count']} boots, p50 {b.get('p50')} ms, p99 {b.get('p99')} ms, max {b.get('max')} ms")
print()
print("| recovery | start (epoch ms) | affected | back | 50 % | 95 % | 99 % | 100 % |")
print("|---|---|---|---|---|---|---|---|")
for r in s["recoveries"]:
    print(f"| {r['kind']} | {r['startEpochMillis']} | {r['affected']} | {r['recovered']} | {r['p50Millis']} ms | {r['p95Millis']} ms | {r['p99Millis']} ms | {r['p100Millis']} ms |")
print()
print("| persona | reconnects | min | p50 | p95 | p99 | max (ms) |")
print("|---|---|---|---|---|---|---|")
for name, h in s["reconnectMillisByPersona"].items():
    print(f"| {name} | {h['count']} | {h.get('min')} | {h.get('p50')} | {h.get('p95')} | {h.get('p99')} | {h.get('max')} |")
PY
say ""
say "- finished: $(date -u '+%H:%M:%S UTC'); report: $REPORT"
