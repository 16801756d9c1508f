#!/usr/bin/env bash
# Starts a throwaway single-node Ceph RADOS Gateway (S3 API on 127.0.0.1:47480, memstore, no auth
# between daemons) for the S3 test tier, and creates user TESTKEY/TESTSECRET. ~20 s, ~300 MB RAM.
# Usage: scripts/start-rgw.sh [dir]   (stop: scripts/stop-rgw.sh [dir])
set -euo pipefail
D=${1:-/tmp/opensmh-rgw}
if curl -sf -o /dev/null http://127.0.0.1:47480/; then
  echo "rgw already running"; exit 0
fi
rm -rf "$D"; mkdir -p "$D"/{mon,osd0,run,log,rgw}
FSID=$(cat /proc/sys/kernel/random/uuid)
cat > "$D/ceph.conf" <<CONF
[global]
fsid = $FSID
mon host = v2:127.0.0.1:46789
auth cluster required = none
auth service required = none
auth client required = none
ms mon client mode = crc
ms client mode = crc
osd pool default size = 1
osd pool default min size = 1
mon allow pool size one = true
osd pool default pg autoscale mode = off
osd objectstore = memstore
memstore device bytes = 2147483648
osd crush chooseleaf type = 0
run dir = $D/run
pid file = $D/run/\$name.pid
log file = $D/log/\$name.log
[mon.a]
mon data = $D/mon
[osd.0]
osd data = $D/osd0
osd max object name len = 460
osd max object namespace len = 64
[client.rgw.a]
rgw frontends = beast endpoint=127.0.0.1:47480
rgw data = $D/rgw
CONF
C="-c $D/ceph.conf"
monmaptool --create --fsid "$FSID" --addv a '[v2:127.0.0.1:46789]' "$D/monmap" >/dev/null
ceph-mon $C --mkfs -i a --monmap "$D/monmap" && ceph-mon $C -i a
ceph $C osd create >/dev/null && ceph-osd $C -i 0 --mkfs 2>/dev/null && ceph-osd $C -i 0 2>/dev/null
for p in .rgw.root default.rgw.control default.rgw.meta default.rgw.log default.rgw.buckets.index default.rgw.buckets.data default.rgw.buckets.non-ec; do
  ceph $C osd pool create $p 8 8 >/dev/null 2>&1; ceph $C osd pool application enable $p rgw >/dev/null 2>&1
done
radosgw $C -n client.rgw.a
for _ in $(seq 1 120); do curl -sf -o /dev/null http://127.0.0.1:47480/ && break; sleep 0.5; done
radosgw-admin $C -n client.rgw.a user create --uid=test --display-name=test --access-key=TESTKEY --secret=TESTSECRET >/dev/null
echo "rgw ready on http://127.0.0.1:47480"
