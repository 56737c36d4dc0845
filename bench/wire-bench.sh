#!/usr/bin/env bash
# Bridge-mode throughput, in one run, through the same three-namespace lab the e2e test uses:
#   client -- veth -- [bridge] -- veth -- server
# (a) the kernel bridge, (b) pkttables --bridge with no rules, (c) pkttables with N non-matching
# FORWARD rules (default 1000). For each: UDP 64-byte packets/s delivered (iperf3 -u -l 64 -b 0, the
# sender unbounded) and TCP Mbit/s (iperf3, one stream). Needs root, iproute2, iperf3, python3.
#
#   bench/wire-bench.sh [--rules N] [--seconds S] [--workers W] [--default-offloads]
#
# By default every lab veth has its offloads off (tx/rx checksum, TSO, GSO, GRO), so the kernel and
# pkttables move the same MTU-sized frames; --default-offloads keeps the kernel's defaults on the end
# hosts (pkttables then completes checksums and segments super-frames itself).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RULES=1000 SECS=5 WORKERS=2 DEFAULT_OFFLOADS=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --rules) RULES="$2"; shift 2 ;;
    --seconds) SECS="$2"; shift 2 ;;
    --workers) WORKERS="$2"; shift 2 ;;
    --default-offloads) DEFAULT_OFFLOADS=1; shift ;;
    *) echo "usage: $0 [--rules N] [--seconds S] [--workers W] [--default-offloads]" >&2; exit 2 ;;
  esac
done
[[ $(id -u) -eq 0 ]] || { echo "wire-bench: needs root (network namespaces)" >&2; exit 2; }
for t in ip iperf3 python3 ethtool; do command -v "$t" >/dev/null || { echo "wire-bench: needs $t" >&2; exit 2; }; done

ID=$(printf %04x $((RANDOM)))
C=pkwb${ID}c F=pkwb${ID}f S=pkwb${ID}s
VC=wb${ID}c0 VF0=wb${ID}f0 VF1=wb${ID}f1 VS=wb${ID}s0
WORK=$(mktemp -d /tmp/pkt-wire-bench.XXXXXX)
APP_PID=""

cleanup() {
  [[ -n "$APP_PID" ]] && kill "$APP_PID" 2>/dev/null && wait "$APP_PID" 2>/dev/null || true
  for ns in $C $F $S; do
    if ip netns list | grep -qw "$ns"; then
      for pid in $(ip netns pids "$ns"); do kill -9 "$pid" 2>/dev/null || true; done
      ip netns del "$ns"
    fi
  done
  rm -rf "$WORK"
}
trap cleanup EXIT

for ns in $C $F $S; do ip netns add "$ns"; ip -n "$ns" link set lo up; done
ip link add "$VC" netns "$C" type veth peer name "$VF0" netns "$F"
ip link add "$VS" netns "$S" type veth peer name "$VF1" netns "$F"
ip netns exec "$F" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
ip -n "$C" addr add 10.77.0.1/24 dev "$VC"
ip -n "$S" addr add 10.77.0.2/24 dev "$VS"
for l in "$C $VC" "$S $VS" "$F $VF0" "$F $VF1"; do set -- $l; ip -n "$1" link set "$2" up; done
if [[ $DEFAULT_OFFLOADS -eq 0 ]]; then
  for l in "$C $VC" "$S $VS" "$F $VF0" "$F $VF1"; do
    set -- $l; ip netns exec "$1" ethtool -K "$2" tx off rx off tso off gso off gro off >/dev/null 2>&1 || true
  done
fi
ip netns exec "$S" iperf3 -s -D --pidfile "$WORK/iperf3.pid"
sleep 0.5

# One measurement: prints "udp_pps tcp_mbits".
measure() {
  ip netns exec "$C" ping -c 2 -W 2 -i 0.2 10.77.0.2 >/dev/null || { echo "no connectivity" >&2; return 1; }
  local udp tcp
  udp=$(ip netns exec "$C" iperf3 -c 10.77.0.2 -u -l 64 -b 0 -t "$SECS" -J | python3 -c '
import json,sys; s=json.load(sys.stdin)["end"]["sum"]
print("%d %d %.2f" % ((s["packets"]-s["lost_packets"])/s["seconds"], s["packets"]/s["seconds"], s["lost_percent"]))')
  sleep 1
  tcp=$(ip netns exec "$C" iperf3 -c 10.77.0.2 -t "$SECS" -J | python3 -c '
import json,sys; print("%.0f" % (json.load(sys.stdin)["end"]["sum_received"]["bits_per_second"]/1e6))')
  echo "$udp $tcp"
}

declare -A RESULT
echo "wire-bench: $(nproc) cores, $SECS s per run, offloads $([[ $DEFAULT_OFFLOADS -eq 1 ]] && echo 'default on end hosts' || echo 'off on every veth')" >&2

# (a) kernel bridge
ip -n "$F" link add br0 type bridge
ip -n "$F" link set "$VF0" master br0
ip -n "$F" link set "$VF1" master br0
ip -n "$F" link set br0 up
sleep 1
RESULT[kernel]=$(measure)
ip -n "$F" link del br0
sleep 0.5

# (b) pkttables, no rules
SOCK="$WORK/ctl.sock"
ip netns exec "$F" "$ROOT/bin/pkttables" run --bridge "$VF0,$VF1" --workers "$WORKERS" --socket "$SOCK" \
  --state "$WORK/state" --deploy "$WORK/deploy" </dev/null >"$WORK/appliance.log" 2>&1 &
APP_PID=$!
for _ in $(seq 1 150); do
  "$ROOT/bin/pkttables" ctl --socket "$SOCK" ports 2>/dev/null | grep -q '^bridge: 2 ports' && break
  sleep 0.4
done
"$ROOT/bin/pkttables" ctl --socket "$SOCK" ports | grep -q '^bridge: 2 ports' || { cat "$WORK/appliance.log" >&2; exit 1; }
RESULT[pkt0]=$(measure)

# (c) pkttables, N non-matching rules (other sources, ports the benchmark never uses)
{
  echo "*filter"
  for i in $(seq 0 $((RULES - 1))); do
    echo "-A FORWARD -s 198.18.$((i / 250)).$((i % 250 + 1))/32 -p udp --dport $((20000 + i % 1000)) -j DROP"
  done
  echo "COMMIT"
} > "$WORK/rules.v4"
"$ROOT/bin/pkttables" ctl --socket "$SOCK" iptables-restore "$WORK/rules.v4"
n=$("$ROOT/bin/pkttables" ctl --socket "$SOCK" iptables -S FORWARD | grep -c '^-A' || true)
[[ "$n" -eq "$RULES" ]] || { echo "wire-bench: loaded $n rules, wanted $RULES" >&2; exit 1; }
RESULT[pktN]=$(measure)
"$ROOT/bin/pkttables" ctl --socket "$SOCK" ports >&2
"$ROOT/bin/pkttables" ctl --socket "$SOCK" workers >&2

printf '%-34s %14s %14s %8s %10s\n' "path" "UDP64 pps recv" "UDP64 pps sent" "loss %" "TCP Mbit/s"
for k in kernel pkt0 pktN; do
  case $k in kernel) name="(a) kernel bridge" ;; pkt0) name="(b) pkttables, no rules" ;; pktN) name="(c) pkttables, $RULES rules" ;; esac
  set -- ${RESULT[$k]}
  printf '%-34s %14s %14s %8s %10s\n' "$name" "$1" "$2" "$3" "$4"
done
