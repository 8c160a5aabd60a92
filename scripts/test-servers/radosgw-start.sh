#!/usr/bin/env bash
# Starts a throwaway single-node Ceph (1 monitor, 1 in-memory OSD, 1 radosgw) answering S3 on 127.0.0.1.
# Used by the test setup and the storage benchmark; needs scripts/install-test-deps.sh to have run.
#
# Environment (all optional):
#   BASE        directory for config, data, logs, pid files (default: <repo>/.work/radosgw); wiped on start
#   RGW_PORT    S3 port            (default 7480)
#   MON_V2      monitor msgr2 port (default 3300)
#   MON_V1      monitor msgr1 port (default 6789)
#   ACCESS_KEY / SECRET_KEY        the S3 user's keys
#   MEMSTORE_BYTES                 OSD capacity; the data lives in the OSD's RAM (default 2 GiB)
# On success prints "endpoint=…", "access_key=…", "secret_key=…" lines and exits 0 (daemons keep running).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
BASE=${BASE:-$here/../../.work/radosgw}
RUN=$BASE/run
RGW_PORT=${RGW_PORT:-7480}
MON_V2=${MON_V2:-3300}
MON_V1=${MON_V1:-6789}
ACCESS_KEY=${ACCESS_KEY:-KUBESTASHTESTKEY0001}
SECRET_KEY=${SECRET_KEY:-kubestashtestsecretkey0000000000000000001}
MEMSTORE_BYTES=${MEMSTORE_BYTES:-2147483648}
ENDPOINT="http://127.0.0.1:${RGW_PORT}"

command -v radosgw >/dev/null || { echo "radosgw is not installed: run scripts/install-test-deps.sh" >&2; exit 1; }

BASE=$BASE STOP_SIGNAL=KILL "$here/radosgw-stop.sh" >/dev/null
rm -rf "$RUN"
mkdir -p "$RUN"/mon.a "$RUN"/osd.0 "$RUN"/rgw.0 "$RUN"/log "$RUN"/asok "$RUN"/crash

fsid=$(uuidgen)
osd_uuid=$(uuidgen)
export CEPH_CONF="$RUN/ceph.conf"

# No cephx: the cluster is loopback-only and thrown away. Single replica everywhere.
cat > "$CEPH_CONF" <<CONF
[global]
fsid = $fsid
mon host = [v2:127.0.0.1:${MON_V2},v1:127.0.0.1:${MON_V1}]
public addr = 127.0.0.1
cluster addr = 127.0.0.1
auth cluster required = none
auth service required = none
auth client required = none
keyring = $RUN/keyring
run dir = $RUN
admin socket = $RUN/asok/\$name.asok
pid file = $RUN/\$name.pid
log file = $RUN/log/\$name.log
crash dir = $RUN/crash
log to stderr = false
err to stderr = false
osd pool default size = 1
osd pool default min size = 1
osd pool default pg num = 8
osd pool default pgp num = 8
osd pool default pg autoscale mode = off
osd crush chooseleaf type = 0
mon allow pool size one = true
mon allow pool delete = true
mon max pg per osd = 1000
mon warn on pool no redundancy = false
mon warn on insecure global id reclaim allowed = false
mon data avail warn = 1
mon data avail crit = 1

[mon.a]
mon data = $RUN/mon.a
mon cluster log file = $RUN/log/\$cluster.\$channel.log
# commit map changes at once instead of batching them for a second: start takes ~1 s instead of ~10 s
paxos propose interval = 0.01
paxos min wait = 0.001

[osd.0]
osd data = $RUN/osd.0
osd objectstore = memstore
memstore device bytes = $MEMSTORE_BYTES

[client.rgw.0]
rgw data = $RUN/rgw.0
rgw frontends = beast endpoint=127.0.0.1:${RGW_PORT}
# radosgw defaults to a secure monitor mode, which cannot work without cephx
ms mon client mode = crc
# release deleted multipart tails within seconds: memstore keeps them in RAM otherwise
rgw gc obj min wait = 0
rgw gc processor period = 10
CONF

ceph-authtool --create-keyring "$RUN/keyring" --gen-key -n mon. --cap mon 'allow *' >/dev/null
monmaptool --create --fsid "$fsid" --addv a "[v2:127.0.0.1:${MON_V2},v1:127.0.0.1:${MON_V1}]" "$RUN/monmap" >/dev/null
ceph-mon --mkfs -i a --monmap "$RUN/monmap" --keyring "$RUN/keyring"
ceph-mon -i a
ceph --connect-timeout 30 -s >/dev/null

osd_id=$(ceph osd new "$osd_uuid")
ceph-osd -i "$osd_id" --mkfs --osd-uuid "$osd_uuid" >/dev/null 2>&1
ceph-osd -i "$osd_id"
for _ in $(seq 150); do
  ceph osd stat 2>/dev/null | grep -q ' 1 up' && break
  sleep 0.2
done
ceph osd stat | grep -q ' 1 up' || { echo "ceph osd did not come up; logs in $RUN/log" >&2; exit 1; }

radosgw -n client.rgw.0
for _ in $(seq 300); do
  curl -fsS "$ENDPOINT" 2>/dev/null | grep -q '<?xml' && break
  sleep 0.1
done
curl -fsS "$ENDPOINT" | grep -q '<?xml' || { echo "radosgw did not answer on $ENDPOINT; logs in $RUN/log" >&2; exit 1; }

radosgw-admin user create --uid=test --display-name="test user" \
  --access-key="$ACCESS_KEY" --secret-key="$SECRET_KEY" >/dev/null

echo "endpoint=$ENDPOINT"
echo "access_key=$ACCESS_KEY"
echo "secret_key=$SECRET_KEY"
