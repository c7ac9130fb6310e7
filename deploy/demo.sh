#!/usr/bin/env bash
# Runs the KapMonitor demo: a local mosquitto and InfluxDB on free loopback ports in a temp folder,
# then the service in demo mode (simulated devices on ptys, a scripted session, a live event view).
# Called by `./kapmon demo`; arguments after the build folder go to the service's demo command.
set -euo pipefail

BUILD_DIR="$1"; shift
WORK="$(mktemp -d /tmp/kapmon-demo.XXXXXX)"
PIDS=()

cleanup() {
  trap - INT TERM EXIT
  # The service first (it says "offline" and flushes its journal), then the peers it talks to.
  for (( i=${#PIDS[@]}-1; i>=0; i-- )); do
    kill "${PIDS[$i]}" 2>/dev/null || true
    wait "${PIDS[$i]}" 2>/dev/null || true
  done
  rm -rf "$WORK"
  echo "kapmon demo: stopped everything it started." >&2
}
trap cleanup INT TERM EXIT

# A port nobody listens on, from the ephemeral range.
free_port() {
  local port
  while :; do
    port=$(( 20000 + RANDOM % 40000 ))
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
  done
}

wait_port() {
  local port=$1 name=$2 log=$3
  for _ in $(seq 1 200); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && return 0
    sleep 0.05
  done
  echo "kapmon demo: $name did not start on 127.0.0.1:$port; its log:" >&2
  tail -n 20 "$log" >&2
  exit 1
}

MQTT_PORT=$(free_port)
INFLUX_PORT=$(free_port)
INFLUX_RPC_PORT=$(free_port)

cat > "$WORK/mosquitto.conf" <<EOF
listener $MQTT_PORT 127.0.0.1
allow_anonymous true
persistence false
log_dest stdout
EOF
# The peers get a session of their own: Ctrl-C in the terminal (or a TERM to the whole group) reaches only this
# script and the service, so the service can still say "offline" and flush before cleanup stops the peers.
setsid mosquitto -c "$WORK/mosquitto.conf" > "$WORK/mosquitto.log" 2>&1 &
PIDS+=($!)

mkdir -p "$WORK/influx"
cat > "$WORK/influxdb.conf" <<EOF
reporting-disabled = true
bind-address = "127.0.0.1:$INFLUX_RPC_PORT"
[meta]
  dir = "$WORK/influx/meta"
[data]
  dir = "$WORK/influx/data"
  wal-dir = "$WORK/influx/wal"
  query-log-enabled = false
[http]
  bind-address = "127.0.0.1:$INFLUX_PORT"
  log-enabled = false
EOF
setsid influxd -config "$WORK/influxdb.conf" > "$WORK/influxd.log" 2>&1 &
PIDS+=($!)

wait_port "$MQTT_PORT" mosquitto "$WORK/mosquitto.log"
wait_port "$INFLUX_PORT" influxd "$WORK/influxd.log"

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dotnet "$BUILD_DIR/KapMonitor.Service.dll" demo \
  --work "$WORK" --root "$ROOT" \
  --mqtt "127.0.0.1:$MQTT_PORT" --influx "http://127.0.0.1:$INFLUX_PORT" "$@" &
PIDS+=($!)
wait "${PIDS[-1]}"
