#!/usr/bin/env bash
# Bridge-mode (and, with g and h, router-mode NAT) throughput, in one run, through the same three-namespace
# lab the e2e test uses:
#   client -- veth -- [bridge | router] -- veth -- server
# Scenarios (all in the same lab, one after the other):
#   (a) the kernel bridge, no rules (br_netfilter off for the bridge)
#   (b) pkttables --bridge, no rules
#   (c) pkttables, N non-matching FORWARD rules (default 10,000: -s 198.18.x.y/32 -p udp --dport P -j DROP)
#   (d) the kernel bridge with br_netfilter on and the same N rules in iptables-nft's FORWARD chain
#   (e) pkttables, a hash:ip set of M addresses (default 50,000) and one `-m set --match-set S src -j DROP`
#   (f) pkttables, the same M addresses as M linear rules (-s A/32 -j DROP) with the classifier off
#       (-Dpkttables.linear=true: every packet walks every rule, as the kernel does)
#   (g) the kernel as a router (ip_forward) with `-t nat -A POSTROUTING -o OUT -j MASQUERADE` (iptables-nft)
#   (h) pkttables in router mode with the same MASQUERADE rule
#   (i) pkttables, LOG on every packet (-A FORWARD -j LOG) with a `log -f' reader attached (issue 16: the
#       workers' rate under a LOG flood; the lines the reader cannot keep up with are counted, not waited for)
#   (j) pkttables, no rules, run --metrics with /metrics scraped every 100 ms (issue 16: what a scrape costs;
#       the same appliance unscraped is measured first and printed on stderr)
#   (k) as (b), the appliance reading its ports through libpcap (-Dpkttables.rx=pcap) instead of its own
#       packet socket (issue 17: the two receive paths A/B in the same run)
#   (l) as (c), through libpcap (-Dpkttables.rx=pcap)
#   For g and h the client is 10.78.1.1/24 (default via 10.78.1.254) and the server 10.78.2.2/24 with no
#   route back: only translated traffic reaches it (the same lab, addresses added for these two).
# For each: UDP 64-byte packets/s delivered at the sink (iperf3 -u -l 64 -b 0, the sender unbounded; frames
# received by the sink's veth per second, next to the frames the client's veth sent), the appliance's CPU
# time per delivered packet, and TCP Mbit/s (iperf3, one stream). No rule matches the test traffic.
# Needs root, iproute2, iperf3, python3, ethtool, iptables-nft.
#
#   bench/wire-bench.sh [--rules N] [--set M] [--seconds S] [--workers W] [--runs R] [--only abcdefghijkl]
#                       [--default-offloads] [--nice N]
#
# The appliance runs with its defaults (the worker count it picks for this machine's cores and the two
# ports, as `run --bridge IF1,IF2' does); --workers W sets the count instead. The worker count used and
# how it was chosen are printed and kept in the JSON's meta (workers, workers_chosen).
#
# By default every lab veth has its offloads off (tx/rx checksum, TSO, GSO, GRO), so the kernel and
# pkttables move the same MTU-sized frames; --default-offloads keeps the kernel's defaults on the end
# hosts (pkttables then completes checksums and segments super-frames itself). With --runs R the lab
# measures R rounds of the selected scenarios; a table per round, then min/median per scenario. The last
# line is JSON: {"scenario": {"udp_pps": [...], "tcp_mbits": [...]}, ...} plus the ratios of the issue
# targets per round.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ARGS=("$@")
RULES=10000 SETSIZE=50000 SECS=5 WORKERS="" RUNS=1 ONLY=abcdef DEFAULT_OFFLOADS=0 NICE=0
usage() { echo "usage: $0 [--rules N] [--set M] [--seconds S] [--workers W] [--runs R] [--only abcdefghijkl] [--default-offloads] [--nice N]" >&2; exit 2; }
while [[ $# -gt 0 ]]; do
  case "$1" in
    --rules) RULES="$2"; shift 2 ;;
    --set) SETSIZE="$2"; shift 2 ;;
    --seconds) SECS="$2"; shift 2 ;;
    --workers) WORKERS="$2"; shift 2 ;;
    --runs) RUNS="$2"; shift 2 ;;
    --only) ONLY="$2"; shift 2 ;;
    --default-offloads) DEFAULT_OFFLOADS=1; shift ;;
    --nice) NICE="$2"; shift 2 ;;
    *) usage ;;
  esac
done
[[ "$ONLY" =~ ^[a-l]+$ ]] || usage
[[ "$NICE" =~ ^-?[0-9]+$ ]] || usage
# The kernel groups processes per session (autogroup) and shares the CPU fairly between groups, so the
# whole lab (generator, sink, appliance, and the kernel's forwarding in their softirq context) is one
# group competing with whatever else runs. In a session of its own, --nice N sets that group's weight:
# the same for every scenario, and less disturbed by other load (a shared machine).
if [[ -z "${WIRE_BENCH_SESSION:-}" ]]; then
  WIRE_BENCH_SESSION=1 exec setsid -w bash "$0" "${ARGS[@]}"
fi
if [[ "$NICE" != 0 && -w /proc/self/autogroup ]]; then echo "$NICE" > /proc/self/autogroup; fi
[[ $(id -u) -eq 0 ]] || { echo "wire-bench: needs root (network namespaces)" >&2; exit 2; }
for t in ip iperf3 python3 ethtool iptables-nft-restore; do
  command -v "$t" >/dev/null || { echo "wire-bench: needs $t" >&2; exit 2; }
done
has() { [[ "$ONLY" == *"$1"* ]]; }

ID=$(printf %04x $((RANDOM)))
C=pkwb${ID}c F=pkwb${ID}f S=pkwb${ID}s
VC=wb${ID}c0 VF0=wb${ID}f0 VF1=wb${ID}f1 VS=wb${ID}s0
WORK=$(mktemp -d /tmp/pkt-wire-bench.XXXXXX)
APP_PID=""
SOCK="$WORK/ctl.sock"

stop_appliance() {
  if [[ -n "$APP_PID" ]]; then
    kill "$APP_PID" 2>/dev/null || true
    wait "$APP_PID" 2>/dev/null || true
    APP_PID=""
  fi
}

cleanup() {
  stop_appliance
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
# Router scenarios (g, h): the client's net 10.78.1.0/24 behind the router, the server's 10.78.2.0/24 with no
# route back to the client's (only MASQUERADE'd packets get answers).
ip -n "$C" addr add 10.78.1.1/24 dev "$VC"
ip -n "$S" addr add 10.78.2.2/24 dev "$VS"
for l in "$C $VC" "$S $VS" "$F $VF0" "$F $VF1"; do set -- $l; ip -n "$1" link set "$2" up; done
if [[ $DEFAULT_OFFLOADS -eq 0 ]]; then
  for l in "$C $VC" "$S $VS" "$F $VF0" "$F $VF1"; do
    set -- $l; ip netns exec "$1" ethtool -K "$2" tx off rx off tso off gso off gro off >/dev/null 2>&1 || true
  done
fi
lab() { local ns="$1"; shift; ip netns exec "$ns" "$@"; }
ip -n "$C" route add default via 10.78.1.254 src 10.78.1.1
lab "$S" iperf3 -s -D --pidfile "$WORK/iperf3.pid"
sleep 0.5

# The rule files, the same for pkttables and the kernel. None matches the lab's 10.77.0.0/24 traffic.
awk -v n="$RULES" 'BEGIN { print "*filter"; for (i = 0; i < n; i++)
  printf "-A FORWARD -s 198.18.%d.%d/32 -p udp --dport %d -j DROP\n", int(i / 250), i % 250 + 1, 20000 + i % 1000
  print "COMMIT" }' > "$WORK/rules.v4"
# The M addresses of (e) and (f): 172.16.0.1 onwards.
awk -v n="$SETSIZE" 'BEGIN { for (i = 0; i < n; i++)
  printf "172.%d.%d.%d\n", 16 + int(i / 62500), int(i % 62500 / 250), i % 250 + 1 }' > "$WORK/addrs"
{ echo "create blk hash:ip family inet hashsize 65536 maxelem $((SETSIZE * 2))"; sed 's/^/add blk /' "$WORK/addrs"; } \
  > "$WORK/set.ipset"
printf '*filter\n-A FORWARD -m set --match-set blk src -j DROP\nCOMMIT\n' > "$WORK/set-rule.v4"
{ echo "*filter"; sed 's|.*|-A FORWARD -s &/32 -j DROP|' "$WORK/addrs"; echo "COMMIT"; } > "$WORK/linear.v4"
printf '*filter\nCOMMIT\n' > "$WORK/empty.v4"
printf '*filter\n-A FORWARD -j LOG --log-prefix "wire-bench: "\nCOMMIT\n' > "$WORK/log.v4"
# The classifier off for (f): the appliance's JVM gets -Dpkttables.linear=true through bin/pkttables' $JAVA.
printf '#!/bin/sh\nexec %s -Dpkttables.linear=true "$@"\n' "$(command -v "${JAVA:-java}")" > "$WORK/java-linear"
chmod +x "$WORK/java-linear"
# The receive path through libpcap for (k) and (l), the same way.
printf '#!/bin/sh\nexec %s -Dpkttables.rx=pcap "$@"\n' "$(command -v "${JAVA:-java}")" > "$WORK/java-pcap"
chmod +x "$WORK/java-pcap"

counter() { ip netns exec "$1" cat "/sys/class/net/$2/statistics/$3"; }
appcpu() { if [[ -n "$APP_PID" ]]; then awk '{ print $14 + $15 }' "/proc/$APP_PID/stat"; else echo 0; fi; }
# The packet path's CPU alone: the appliance's capture and worker threads (pkttables-capture-PORT,
# pkttables-worker-N, pkttables-router-N; the kernel keeps 15 characters of a name, so the router's
# watchdog, which wakes once a second, is counted with them), not its control, log, metrics, GC or JIT
# threads.
pathcpu() {
  if [[ -n "$APP_PID" ]]; then
    cat /proc/"$APP_PID"/task/*/stat 2>/dev/null | awk '$2 ~ /^\(pkttables-(captu|worke|route)/ { t += $14 + $15 } END { print t + 0 }'
  else echo 0; fi
}

# One measurement: prints "udp_delivered_pps udp_offered_pps loss% generator_cpu% appliance_us_per_packet
# path_us_per_packet tcp_mbits" (path: the capture and worker threads' CPU only, see pathcpu).
# Delivered = frames the sink's veth received during the UDP test, offered = frames the client's veth sent
# (interface counters: the same for every scenario, independent of iperf3's own loss accounting).
# DST: the server's address the client sends to (10.77.0.2 through the bridge, 10.78.2.2 through the router).
DST=10.77.0.2
measure() {
  ip netns exec "$C" ping -c 2 -W 2 -i 0.2 "$DST" >/dev/null || { echo "no connectivity" >&2; return 1; }
  local udp tcp rx0 tx0 cpu0 rx1 tx1 cpu1 gen
  # Warm-up, not counted: the JIT compiles the path for this ruleset (a fresh JVM or new rules).
  lab "$C" iperf3 -c "$DST" -u -l 64 -b 0 -t 2 >/dev/null
  sleep 0.5
  rx0=$(counter "$S" "$VS" rx_packets) tx0=$(counter "$C" "$VC" tx_packets) cpu0=$(appcpu) path0=$(pathcpu)
  gen=$(lab "$C" iperf3 -c "$DST" -u -l 64 -b 0 -t "$SECS" -J | python3 -c '
import json,sys; print("%.0f" % json.load(sys.stdin)["end"]["cpu_utilization_percent"]["host_total"])')
  rx1=$(counter "$S" "$VS" rx_packets) tx1=$(counter "$C" "$VC" tx_packets) cpu1=$(appcpu) path1=$(pathcpu)
  udp=$(python3 -c "
rx, tx, ticks, path = $rx1 - $rx0, $tx1 - $tx0, $cpu1 - $cpu0, $path1 - $path0
us = '%.2f' % (ticks * 1e6 / $(getconf CLK_TCK) / rx) if ${APP_PID:-0} and rx else '-'
pus = '%.2f' % (path * 1e6 / $(getconf CLK_TCK) / rx) if ${APP_PID:-0} and rx else '-'
print('%d %d %.2f $gen %s %s' % (rx / $SECS, tx / $SECS, 100.0 * (tx - rx) / tx if tx else 0, us, pus))")
  sleep 1
  tcp=$(lab "$C" iperf3 -c "$DST" -t "$SECS" -J | python3 -c '
import json,sys; print("%.0f" % (json.load(sys.stdin)["end"]["sum_received"]["bits_per_second"]/1e6))')
  echo "$udp $tcp"
}

ctl() { "$ROOT/bin/pkttables" ctl --socket "$SOCK" "$@"; }

APP_EXTRA=()
start_appliance() { # [java]   (APP_EXTRA: more `run' options)
  local java="${1:-${JAVA:-java}}"
  rm -rf "$WORK/state" "$WORK/deploy"
  # $! is the JVM itself: ip netns exec and bin/pkttables exec each other.
  local workers=()
  if [[ -n "$WORKERS" ]]; then workers=(--workers "$WORKERS"); fi
  JAVA="$java" ip netns exec "$F" "$ROOT/bin/pkttables" run --bridge "$VF0,$VF1" "${workers[@]}" "${APP_EXTRA[@]}" \
    --socket "$SOCK" --state "$WORK/state" --deploy "$WORK/deploy" </dev/null >>"$WORK/appliance.log" 2>&1 &
  APP_PID=$!
  for _ in $(seq 1 150); do
    ctl ports 2>/dev/null | grep -q '^bridge: 2 ports' && break
    sleep 0.4
  done
  ctl ports | grep -q '^bridge: 2 ports' || { cat "$WORK/appliance.log" >&2; exit 1; }
  # "workers: 1 (default for 2 cores, 2 ports), run on the capture thread"
  local line
  line=$(ctl workers | sed -n 's/^workers: //p')
  echo "wire-bench: appliance workers: $line" >&2
  APP_WORKERS="${line%% *}"
  # "bridge: port X: reads through own packet socket (...)" or "... libpcap (-Dpkttables.rx=pcap)"
  grep -o 'port [^ ]*: reads through .*' "$WORK/appliance.log" | tail -2 >&2 || true
  case "$line" in *"(default"*) APP_CHOSEN=default ;; *) APP_CHOSEN=explicit ;; esac
}

# Router mode with MASQUERADE on the server side (h): the appliance's addresses, the ports, the rule.
start_router_appliance() {
  rm -rf "$WORK/state" "$WORK/deploy"
  printf '%s\n' "ip addr add 10.78.1.254/24 dev $VF0" "ip addr add 10.78.2.1/24 dev $VF1" \
    "mode router $VF0,$VF1${WORKERS:+ --workers $WORKERS}" "iptables -t nat -A POSTROUTING -o $VF1 -j MASQUERADE" \
    > "$WORK/router.conf"
  ip netns exec "$F" "$ROOT/bin/pkttables" run --config "$WORK/router.conf" --socket "$SOCK" --state "$WORK/state" \
    --deploy "$WORK/deploy" </dev/null >>"$WORK/appliance.log" 2>&1 &
  APP_PID=$!
  for _ in $(seq 1 150); do
    ctl ports 2>/dev/null | grep -q '^router:' && ctl iptables -t nat -S POSTROUTING 2>/dev/null | grep -q MASQUERADE \
      && break
    sleep 0.4
  done
  ctl ports | grep -q '^router:' || { cat "$WORK/appliance.log" >&2; exit 1; }
  ctl iptables -t nat -S POSTROUTING | grep -q -- '-j MASQUERADE' || { echo "wire-bench: no MASQUERADE rule" >&2; exit 1; }
}

load() { # FILE COUNT: restores FILE into the appliance and checks FORWARD has COUNT rules
  ctl iptables-restore "$1" >/dev/null
  local n
  n=$(ctl iptables -S FORWARD | grep -c '^-A' || true)
  [[ "$n" -eq "$2" ]] || { echo "wire-bench: loaded $n rules, wanted $2" >&2; exit 1; }
}

APP_WORKERS="${WORKERS:-none}" APP_CHOSEN="${WORKERS:+explicit}"
declare -A RESULT NAME
NAME[a]="(a) kernel bridge, no rules"
NAME[b]="(b) pkttables, no rules"
NAME[c]="(c) pkttables, $RULES rules"
NAME[d]="(d) kernel+br_netfilter, $RULES rules"
NAME[e]="(e) pkttables, $SETSIZE-entry set"
NAME[f]="(f) pkttables, $SETSIZE linear rules"
NAME[g]="(g) kernel router, MASQUERADE"
NAME[h]="(h) pkttables router, MASQUERADE"
NAME[i]="(i) pkttables, LOG every packet, log -f"
NAME[j]="(j) pkttables, /metrics every 100 ms"
NAME[k]="(k) pkttables via libpcap, no rules"
NAME[l]="(l) pkttables via libpcap, $RULES rules"
echo "wire-bench: $(nproc) cores (load $(cut -d' ' -f1-3 /proc/loadavg)), lab $(cat /proc/self/autogroup 2>/dev/null), $SECS s per measurement, workers ${WORKERS:-the appliance default}, offloads $([[ $DEFAULT_OFFLOADS -eq 1 ]] && echo 'default on end hosts' || echo 'off on every veth')" >&2

for ((run = 1; run <= RUNS; run++)); do
  if has a || has d; then
    ip -n "$F" link add br0 type bridge
    ip -n "$F" link set "$VF0" master br0
    ip -n "$F" link set "$VF1" master br0
    ip -n "$F" link set br0 up
    sleep 1
    if has a; then
      ip netns exec "$F" sysctl -qw net.bridge.bridge-nf-call-iptables=0
      RESULT[a,$run]=$(measure)
    fi
    if has d; then
      ip netns exec "$F" sysctl -qw net.bridge.bridge-nf-call-iptables=1
      ip netns exec "$F" iptables-nft-restore "$WORK/rules.v4"
      n=$(ip netns exec "$F" iptables-nft -S FORWARD | grep -c '^-A' || true)
      [[ "$n" -eq "$RULES" ]] || { echo "wire-bench: kernel has $n rules, wanted $RULES" >&2; exit 1; }
      RESULT[d,$run]=$(measure)
      ip netns exec "$F" iptables-nft-restore "$WORK/empty.v4"
      ip netns exec "$F" sysctl -qw net.bridge.bridge-nf-call-iptables=0
    fi
    ip -n "$F" link del br0
    sleep 0.5
  fi
  if has b || has c || has e || has i; then
    start_appliance
    if has b; then RESULT[b,$run]=$(measure); fi
    if has i; then
      load "$WORK/log.v4" 1
      ctl log -f >/dev/null 2>"$WORK/follower.err" &
      FOLLOWER=$!
      sleep 1
      RESULT[i,$run]=$(measure)
      kill "$FOLLOWER" 2>/dev/null || true
      wait "$FOLLOWER" 2>/dev/null || true
      ctl status | grep '^log queue' >&2 || true
      load "$WORK/empty.v4" 0
    fi
    if has c; then load "$WORK/rules.v4" "$RULES"; RESULT[c,$run]=$(measure); fi
    if has e; then
      ctl ipset -exist restore -file "$WORK/set.ipset" >/dev/null
      n=$(ctl ipset list blk | sed -n 's/^Number of entries: //p')
      [[ "$n" -eq "$SETSIZE" ]] || { echo "wire-bench: set has $n entries, wanted $SETSIZE" >&2; exit 1; }
      load "$WORK/set-rule.v4" 1
      RESULT[e,$run]=$(measure)
    fi
    ctl ports >&2
    ctl workers >&2
    stop_appliance
  fi
  if has k || has l; then
    start_appliance "$WORK/java-pcap"
    if has k; then RESULT[k,$run]=$(measure); fi
    if has l; then load "$WORK/rules.v4" "$RULES"; RESULT[l,$run]=$(measure); fi
    ctl ports >&2
    stop_appliance
  fi
  if has j; then
    APP_EXTRA=(--metrics 127.0.0.1:19466)
    start_appliance
    APP_EXTRA=()
    # The same appliance without the scraper first (stderr), so the pair differs only in the scrapes.
    echo "wire-bench: (j) the same appliance, not scraped: $(measure)" >&2
    ip netns exec "$F" sh -c 'while :; do curl -sf http://127.0.0.1:19466/metrics >/dev/null || exit 1; sleep 0.1; done' &
    SCRAPER=$!
    sleep 1
    kill -0 "$SCRAPER" || { echo "wire-bench: the scraper could not read /metrics" >&2; exit 1; }
    RESULT[j,$run]=$(measure)
    kill "$SCRAPER" 2>/dev/null || true
    wait "$SCRAPER" 2>/dev/null || true
    stop_appliance
  fi
  if has f; then
    start_appliance "$WORK/java-linear"
    load "$WORK/linear.v4" "$SETSIZE"
    RESULT[f,$run]=$(measure)
    stop_appliance
  fi
  if has g; then
    DST=10.78.2.2
    ip -n "$F" addr add 10.78.1.254/24 dev "$VF0"
    ip -n "$F" addr add 10.78.2.1/24 dev "$VF1"
    ip netns exec "$F" sysctl -qw net.ipv4.ip_forward=1
    ip netns exec "$F" iptables-nft -t nat -A POSTROUTING -o "$VF1" -j MASQUERADE
    RESULT[g,$run]=$(measure)
    ip netns exec "$F" iptables-nft -t nat -F POSTROUTING
    ip netns exec "$F" sysctl -qw net.ipv4.ip_forward=0
    ip -n "$F" addr flush dev "$VF0"
    ip -n "$F" addr flush dev "$VF1"
    ip netns exec "$F" conntrack -F >/dev/null 2>&1 || true
    DST=10.77.0.2
    sleep 0.5
  fi
  if has h; then
    DST=10.78.2.2
    start_router_appliance
    RESULT[h,$run]=$(measure)
    ctl conntrack -L -p udp >&2 || true
    ctl ports >&2
    stop_appliance
    DST=10.77.0.2
  fi
  printf '%-38s %14s %14s %7s %8s %10s %11s %10s\n' "run $run" "UDP64 pps" "offered pps" "loss %" "gen cpu%" "app us/pkt" "path us/pkt" "TCP Mbit/s"
  for k in a b c d e f g h i j k l; do
    has $k || continue
    set -- ${RESULT[$k,$run]}
    printf '%-38s %14s %14s %7s %8s %10s %11s %10s\n' "${NAME[$k]}" "$1" "$2" "$3" "$4" "$5" "$6" "$7"
  done
done

# Summary: min/median per scenario over the runs, the issue targets per run, and one JSON line.
{
  echo "rules=$RULES set=$SETSIZE runs=$RUNS workers=$APP_WORKERS workers_chosen=${APP_CHOSEN:-none} seconds=$SECS offloads=$([[ $DEFAULT_OFFLOADS -eq 1 ]] && echo default || echo off)"
  for k in a b c d e f g h i j k l; do
    has $k || continue
    for ((run = 1; run <= RUNS; run++)); do echo "$k|${NAME[$k]}|${RESULT[$k,$run]}"; done
  done
} | python3 -c '
import json, statistics, sys
lines = sys.stdin.read().split("\n")
meta = dict(kv.split("=") for kv in lines[0].split())
res, names = {}, {}
for l in lines[1:]:
    if not l.strip(): continue
    k, name, vals = l.split("|")
    recv, sent, loss, cpu, us, pus, tcp = vals.split()
    names[k] = name
    r = res.setdefault(k, {"udp_pps": [], "udp_offered_pps": [], "sender_cpu_pct": [], "app_us_per_packet": [],
                           "path_us_per_packet": [], "tcp_mbits": []})
    r["udp_pps"].append(int(recv)); r["udp_offered_pps"].append(int(sent))
    r["sender_cpu_pct"].append(float(cpu)); r["tcp_mbits"].append(int(tcp))
    r["app_us_per_packet"].append(None if us == "-" else float(us))
    r["path_us_per_packet"].append(None if pus == "-" else float(pus))
print("%-38s %22s %22s" % ("over %s run(s)" % meta["runs"], "UDP64 pps min / median", "TCP Mbit/s min / median"))
for k in sorted(res):
    u, t = res[k]["udp_pps"], res[k]["tcp_mbits"]
    print("%-38s %22s %22s" % (names[k], "%d / %d" % (min(u), statistics.median(u)), "%d / %d" % (min(t), statistics.median(t))))
targets = {}
def ratios(a, b): return [round(x / y, 3) if y else None for x, y in zip(res[a]["udp_pps"], res[b]["udp_pps"])]
if "c" in res and "a" in res:
    targets["c_over_a"] = ratios("c", "a")
    print("issue 3: (c) / (a) UDP64 per run: %s (target >= 0.5)" % targets["c_over_a"])
if "l" in res and "a" in res:
    targets["l_over_a"] = ratios("l", "a")
    print("issue 17: (l) / (a) UDP64 per run: %s (libpcap receive, next to (c) / (a))" % targets["l_over_a"])
if "c" in res and "l" in res:
    targets["c_over_l"] = ratios("c", "l")
    print("issue 17: (c) / (l) UDP64 per run: %s (own socket over libpcap, 10k rules)" % targets["c_over_l"])
if "b" in res and "k" in res:
    targets["b_over_k"] = ratios("b", "k")
    print("issue 17: (b) / (k) UDP64 per run: %s (own socket over libpcap, no rules)" % targets["b_over_k"])
if "c" in res and "d" in res:
    targets["c_over_d"] = ratios("c", "d")
    print("issue 3: (c) / (d) UDP64 per run: %s (target > 1)" % targets["c_over_d"])
if "e" in res and "b" in res:
    targets["e_over_b"] = ratios("e", "b")
    print("issue 7: (e) / (b) UDP64 per run: %s (target >= 0.9)" % targets["e_over_b"])
if "i" in res and "b" in res:
    targets["i_over_b"] = ratios("i", "b")
    print("issue 16: (i) / (b) UDP64 per run: %s (target >= 0.9)" % targets["i_over_b"])
if "j" in res and "b" in res:
    targets["j_over_b"] = ratios("j", "b")
    print("issue 16: (j) / (b) UDP64 per run: %s (a scrape costs no measurable packet-path time)" % targets["j_over_b"])
if "f" in res and "b" in res:
    targets["f_over_b"] = ratios("f", "b")
    print("issue 7: (f) / (b) UDP64 per run: %s (far below (e))" % targets["f_over_b"])
if "h" in res and "g" in res:
    targets["h_over_g"] = ratios("h", "g")
    targets["h_over_g_tcp"] = [round(x / y, 3) if y else None for x, y in zip(res["h"]["tcp_mbits"], res["g"]["tcp_mbits"])]
    print("issue 13: (h) / (g) UDP64 per run: %s, TCP per run: %s (target >= 0.5)"
          % (targets["h_over_g"], targets["h_over_g_tcp"]))
out = {"meta": meta, "names": names}
out.update(res)
out["targets"] = targets
print(json.dumps(out, sort_keys=True))
'
