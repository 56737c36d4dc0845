#!/usr/bin/env bash
# bin/pkttables demo, as root with iproute2: a network-namespace lab with real traffic through the
# appliance in bridge mode, then everything is removed again.
#
#   client 10.0.0.1 --- [a0  appliance (bridge: a0 a1 a2 a3)  a1] --- server 10.0.0.10 (python3 http.server)
#                         a2, a3 --- generator (both ends of 500 generated http flows)
#
# The appliance loads demo/lab-rules.v4 (stateful; web and ping allowed; 10.0.1.128/25 quarantined).
# Exit 3: the lab could not start (said why on stderr; bin/pkttables demo then runs the offline replay).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PKT="$ROOT/bin/pkttables"
ID=$(printf '%04x' $((RANDOM % 65536)))
C=pkd${ID}c F=pkd${ID}f S=pkd${ID}s G=pkd${ID}g
WORK="$(mktemp -d "${TMPDIR:-/tmp}/pkttables-lab.XXXXXX")"
APP=""
HTTP=""

cleanup() {
  set +e
  [[ -n "$HTTP" ]] && kill "$HTTP" 2>/dev/null
  if [[ -n "$APP" ]]; then
    kill "$APP" 2>/dev/null
    for _ in $(seq 50); do kill -0 "$APP" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$APP" 2>/dev/null
  fi
  for ns in $C $F $S $G; do
    for p in $(ip netns pids "$ns" 2>/dev/null); do kill -9 "$p" 2>/dev/null; done
    ip netns del "$ns" 2>/dev/null
  done
  rm -rf "$WORK"
  echo "== lab removed (namespaces $C $F $S $G)"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
# Until the bridge is up, a failing step means the lab could not start.
STARTED=""
trap '[[ -n "$STARTED" ]] || exit 3' ERR
cannot_start() { echo "lab: $*" >&2; exit 3; }

say() { printf '\n== %s\n' "$*"; }
ctl() { "$PKT" ctl --socket "$WORK/ctl.sock" "$@"; }
run() { printf '$ %s\n' "$*"; "$@" || echo "(exit $?)"; }

say "building the lab: namespaces $C (client) $F (appliance) $S (server) $G (generator)"
for ns in $C $F $S $G; do
  ip netns add "$ns"
  ip -n "$ns" link set lo up
done
for ns in $F $G; do
  ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
done
ip link add c0 netns $C type veth peer name a0 netns $F
ip link add s0 netns $S type veth peer name a1 netns $F
ip link add g0 netns $G type veth peer name a2 netns $F
ip link add g1 netns $G type veth peer name a3 netns $F
ip -n $C addr add 10.0.0.1/24 dev c0
ip -n $S addr add 10.0.0.10/24 dev s0
for l in "$C c0" "$S s0" "$G g0" "$G g1" "$F a0" "$F a1" "$F a2" "$F a3"; do
  set -- $l
  ip -n "$1" link set "$2" up
done

say "starting the appliance in $F, bridging a0 a1 a2 a3"
mkdir -p "$WORK/home"
PKTTABLES_HOME="$WORK/home" ip netns exec $F "$PKT" run --bridge a0,a1,a2,a3 --socket "$WORK/ctl.sock" \
  --state "$WORK/state" --deploy "$WORK/deploy" </dev/null >"$WORK/appliance.log" 2>&1 &
APP=$!
# Up to two minutes (the appliance starts in a few seconds); a bridge that fails to start says so in the
# appliance's log (e.g. libpcap missing), which ends the wait at once.
while (( SECONDS < 120 )); do
  if ctl ports 2>/dev/null | grep -q '^bridge: 4 ports'; then break; fi
  kill -0 "$APP" 2>/dev/null || { cat "$WORK/appliance.log" >&2; cannot_start "the appliance exited"; }
  if grep -q 'pkttables: bridge not started' "$WORK/appliance.log"; then
    cat "$WORK/appliance.log" >&2
    cannot_start "the bridge did not come up"
  fi
  sleep 0.2
done
ctl ports | grep -q '^bridge: 4 ports' || { cat "$WORK/appliance.log" >&2; cannot_start "the bridge did not come up"; }
STARTED=1
grep 'pkttables: bridge' "$WORK/appliance.log" || true

say "loading the site ruleset (demo/lab-rules.v4)"
ctl iptables-restore "$ROOT/demo/lab-rules.v4"
run ctl iptables -S

say "a web server in $S (python3 -m http.server on 10.0.0.10:80)"
mkdir -p "$WORK/www"
echo "hello through pkttables" > "$WORK/www/index.html"
ip netns exec $S python3 -m http.server 80 --bind 10.0.0.10 --directory "$WORK/www" >"$WORK/http.log" 2>&1 &
HTTP=$!
for _ in $(seq 50); do
  ip netns exec $S python3 -c "import socket; socket.create_connection(('10.0.0.10', 80), 1).close()" 2>/dev/null && break
  sleep 0.2
done

say "real traffic from the client"
run ip netns exec $C curl -s -m 5 http://10.0.0.10/index.html
run ip netns exec $C ping -c 3 -i 0.2 -W 1 10.0.0.10
echo "# port 8080 has no rule: FORWARD's policy drops it"
run ip netns exec $C curl -s -m 2 http://10.0.0.10:8080/
echo "# the server may not open connections to the client (no NEW rule that way)"
run ip netns exec $S curl -s -m 2 http://10.0.0.1:80/

say "the connection generator: 500 http flows from 10.0.1.0/24 (half of it quarantined), both ends in $G"
run ip netns exec $G "$PKT" gen --profile http --count 500 --clients 10.0.1.0/24 --servers 10.0.0.10 \
  --pps 5000 --live g0,g1

say "what the appliance counted"
run ctl iptables -L FORWARD -v -n --line-numbers
run ctl ports
run ctl conntrack -C
