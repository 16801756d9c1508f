#!/usr/bin/env bash
# Stops the gateway started by start-rgw.sh (its memstore goes with it, so a restart is empty).
D=${1:-/tmp/opensmh-rgw}
for pid in "$D"/run/*.pid; do [ -f "$pid" ] && kill "$(cat "$pid")" 2>/dev/null; done
for _ in $(seq 1 50); do
  curl -sf -o /dev/null http://127.0.0.1:47480/ || exit 0
  sleep 0.2
done
exit 0
