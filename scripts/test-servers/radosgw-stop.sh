#!/usr/bin/env bash
# Stops the daemons radosgw-start.sh started under $BASE, by their pid files only, and only pids whose
# command is a Ceph daemon. Order radosgw → OSD → monitor (radosgw hangs when its OSD is gone first).
# STOP_SIGNAL=KILL is instant and fine: the state is thrown away on the next start.
here=$(cd "$(dirname "$0")" && pwd)
RUN=${BASE:-$here/../../.work/radosgw}/run
SIG=${STOP_SIGNAL:-TERM}
[ -d "$RUN" ] || exit 0
alive() { local st; st=$(ps -o stat= -p "$1" 2>/dev/null) && [ "${st:0:1}" != Z ]; }
stop_group() {
  local pids=() pf pid _ any
  for pf in "$@"; do
    [ -e "$pf" ] || continue
    pid=$(cat "$pf" 2>/dev/null) || continue
    case "$(cat /proc/"$pid"/comm 2>/dev/null)" in
      ceph-mon|ceph-osd|radosgw) kill -s "$SIG" "$pid" 2>/dev/null && pids+=("$pid") ;;
    esac
    rm -f "$pf"
  done
  for _ in $(seq 50); do
    any=0
    for pid in "${pids[@]}"; do alive "$pid" && any=1; done
    [ $any = 0 ] && break
    sleep 0.1
  done
  for pid in "${pids[@]}"; do alive "$pid" && kill -9 "$pid" 2>/dev/null; done
  return 0
}
stop_group "$RUN"/client.rgw.*.pid
stop_group "$RUN"/osd.*.pid
stop_group "$RUN"/mon.*.pid
exit 0
