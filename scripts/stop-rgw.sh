#!/usr/bin/env bash
# Stops the gateway started by start-rgw.sh.
D=${1:-/tmp/opensmh-rgw}
for pid in "$D"/run/*.pid; do [ -f "$pid" ] && kill "$(cat "$pid")" 2>/dev/null; done
exit 0
