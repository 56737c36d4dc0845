#!/usr/bin/env bash
# The command shims against the real iptables-nft, in one run (issue 15's targets: a shim call <= 10 ms
# median end to end; a 1,000-line shell loop of `iptables -A` through the shims within 3x of the real
# iptables-nft doing the same in a network namespace):
#   (a) latency of one call: N times `iptables -A INPUT -s 10.a.b.c/32 -p tcp --dport P -j ACCEPT`, one
#       after the other in one bash, each timed with $EPOCHREALTIME (process start to exit, as a script
#       sees it): the shim (shims/iptables -> bin/pkttables-shim, the native client when built, to a running
#       appliance) and the real
#       iptables-nft in a fresh network namespace; median, p90, p99
#   (b) a 1,000-line script of such `iptables -A` lines run by bash, wall time: the shims first on PATH,
#       then the real iptables-nft in the namespace (the ruleset flushed before each)
#   (b') for reference, the same script through the perl client alone (bin/pkttables-ctl, what the shims are
#       when the build had no C compiler)
#   (c) for reference, a few calls of `pkttables ctl` with the Java client (PKTTABLES_CTL=java: a JVM
#       start per call, what every call cost before the shims)
# The appliance is a `bin/pkttables run` of its own (scratch home, its own socket), with its state
# directory: every change is acknowledged once it is on disk (a journal fsync per group commit), as
# installed. Needs the built appliance (mvn -B -DskipTests package); root for the namespace (without
# root, only the shim figures). The last line is JSON.
#
#   bench/shim-bench.sh [--calls N] [--loop L] [--java J]      (defaults 200, 1000, 10)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CALLS=200 LOOP=1000 JAVA_CALLS=10
while [[ $# -gt 0 ]]; do
  case "$1" in
    --calls) CALLS="$2"; shift 2 ;;
    --loop) LOOP="$2"; shift 2 ;;
    --java) JAVA_CALLS="$2"; shift 2 ;;
    *) echo "usage: $0 [--calls N] [--loop L] [--java J]" >&2; exit 2 ;;
  esac
done
[[ -f "$ROOT/appliance/target/appliance.jar" ]] || { echo "shim-bench: build first (mvn -B -DskipTests package)" >&2; exit 2; }
REAL=1
if [[ $(id -u) -ne 0 ]] || ! command -v iptables-nft >/dev/null; then
  echo "shim-bench: not root or no iptables-nft: the real tool is not measured" >&2
  REAL=0
fi

WORK="$(mktemp -d "${TMPDIR:-/tmp}/shim-bench.XXXXXX")"
NS="shimbench$$"
APPLIANCE=""
cleanup() {
  if [[ -n "$APPLIANCE" ]]; then
    kill "$APPLIANCE" 2>/dev/null || true
    wait "$APPLIANCE" 2>/dev/null || true
  fi
  [[ $REAL -eq 0 ]] || ip netns del "$NS" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

export PKTTABLES_SOCKET="$WORK/ctl.sock"
PKTTABLES_HOME="$WORK" "$ROOT/bin/pkttables" run --deploy "$WORK/deploy" --state "$WORK/state" \
  --socket "$PKTTABLES_SOCKET" </dev/null >"$WORK/appliance.log" 2>&1 &
APPLIANCE=$!
for _ in $(seq 600); do
  "$ROOT/bin/pkttables-ctl" ping >/dev/null 2>&1 && break
  kill -0 "$APPLIANCE" 2>/dev/null || { cat "$WORK/appliance.log" >&2; echo "shim-bench: the appliance did not start" >&2; exit 1; }
  sleep 0.2
done
"$ROOT/bin/pkttables-ctl" ping >/dev/null || { echo "shim-bench: the appliance does not answer" >&2; exit 1; }
if [[ $REAL -eq 1 ]]; then
  ip netns add "$NS"
fi

# In the namespace (the real tool) or here (the shims; a UNIX socket path is reachable from any
# network namespace).
in_ns() { if [[ $REAL -eq 1 ]]; then ip netns exec "$NS" "$@"; else "$@"; fi; }

rule() { # rule NUMBER: the words after `iptables -A INPUT`
  local i=$1
  echo "-s 10.$((i >> 16 & 255)).$((i >> 8 & 255)).$((i & 255))/32 -p tcp --dport $((1 + i % 65000)) -j ACCEPT"
}

# Prints one latency in ms per call: `iptables` is whichever comes first on PATH.
latencies() { # latencies PATHDIR COUNT
  local dir=$1 n=$2
  in_ns env PATH="$dir:$PATH" bash -c '
    n=$1; shift
    for ((i = 0; i < n; i++)); do
      a=$EPOCHREALTIME
      iptables -A INPUT -s 10.99.$((i >> 8 & 255)).$((i & 255))/32 -p tcp --dport $((1 + i)) -j ACCEPT
      b=$EPOCHREALTIME
      echo "$(( (${b/./} - ${a/./}) ))"
    done' bash "$n" | awk '{ printf "%.3f\n", $1 / 1000 }'
}

stats() { # median p90 p99 of the numbers on stdin
  sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) { print "- - -"; exit }
    printf "%.2f %.2f %.2f\n", v[int((NR + 1) / 2)], v[int(NR * 0.9 + 0.5)], v[int(NR * 0.99 + 0.5)] }'
}

flush() { # flush shims|real
  if [[ $1 == shims ]]; then "$ROOT/shims/iptables" -F INPUT; else in_ns iptables-nft -F INPUT; fi
}

REALDIR="$WORK/real"
mkdir -p "$REALDIR"
ln -s "$(command -v iptables-nft 2>/dev/null || echo /usr/sbin/iptables-nft)" "$REALDIR/iptables"

echo "shim-bench: load average $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) CPUs, $(date -u +%FT%TZ)"
# (a) latency, after a few warm-up calls each
latencies "$ROOT/shims" 20 >/dev/null
read -r S_MED S_P90 S_P99 < <(latencies "$ROOT/shims" "$CALLS" | stats)
flush shims
R_MED=- R_P90=- R_P99=-
if [[ $REAL -eq 1 ]]; then
  latencies "$REALDIR" 20 >/dev/null
  read -r R_MED R_P90 R_P99 < <(latencies "$REALDIR" "$CALLS" | stats)
  flush real
fi

# (b) the 1,000-line script
SCRIPT="$WORK/loop.sh"
for ((i = 0; i < LOOP; i++)); do echo "iptables -A INPUT $(rule "$i")"; done > "$SCRIPT"
loop() { # loop PATHDIR: wall seconds of `bash SCRIPT`
  local dir=$1 a b
  a=$EPOCHREALTIME
  in_ns env PATH="$dir:$PATH" bash -e "$SCRIPT"
  b=$EPOCHREALTIME
  awk -v a="$a" -v b="$b" 'BEGIN { printf "%.2f\n", b - a }'
}
S_LOOP=$(loop "$ROOT/shims")
S_RULES=$("$ROOT/shims/iptables" -S INPUT | grep -c '^-A INPUT' || true)
flush shims
PERLDIR="$WORK/perl"
mkdir -p "$PERLDIR"
ln -s "$ROOT/bin/pkttables-ctl" "$PERLDIR/iptables"
P_LOOP=$(loop "$PERLDIR")
flush shims
R_LOOP=- R_RULES=-
if [[ $REAL -eq 1 ]]; then
  R_LOOP=$(loop "$REALDIR")
  R_RULES=$(in_ns iptables-nft -S INPUT | grep -c '^-A INPUT' || true)
  flush real
fi

# (c) the Java client, for reference
J_MED=-
if [[ $JAVA_CALLS -gt 0 ]]; then
  J_MED=$(for ((i = 0; i < JAVA_CALLS; i++)); do
    a=$EPOCHREALTIME
    PKTTABLES_CTL=java "$ROOT/bin/pkttables" ctl iptables -A INPUT -s 10.98.0.$i/32 -j ACCEPT
    b=$EPOCHREALTIME
    echo "$(( (${b/./} - ${a/./}) ))"
  done | awk '{ printf "%.3f\n", $1 / 1000 }' | stats | cut -d' ' -f1)
  flush shims
fi

RATIO=-
[[ $R_LOOP == - ]] || RATIO=$(awk -v s="$S_LOOP" -v r="$R_LOOP" 'BEGIN { printf "%.2f", s / r }')
printf '%-52s %10s %10s %10s\n' "one \`iptables -A\` ($CALLS calls, ms)" median p90 p99
printf '%-52s %10s %10s %10s\n' "  shims/iptables (bin/pkttables-shim -> appliance)" "$S_MED" "$S_P90" "$S_P99"
printf '%-52s %10s %10s %10s\n' "  iptables-nft in a namespace" "$R_MED" "$R_P90" "$R_P99"
printf '%-52s %10s\n' "  pkttables ctl, Java client ($JAVA_CALLS calls, median)" "$J_MED"
printf '%-52s %10s %10s\n' "$LOOP-line \`iptables -A\` script (s, rules after)" "" ""
printf '%-52s %10s %10s\n' "  shims first on PATH" "$S_LOOP" "$S_RULES"
printf '%-52s %10s %10s\n' "  iptables-nft in a namespace" "$R_LOOP" "$R_RULES"
printf '%-52s %10s\n' "  ratio shims / iptables-nft" "$RATIO"
printf '%-52s %10s\n' "  perl client alone (bin/pkttables-ctl)" "$P_LOOP"
printf '{"calls": %s, "shim_ms": {"median": %s, "p90": %s, "p99": %s}, "nft_ms": {"median": "%s", "p90": "%s", "p99": "%s"}, "java_ctl_ms_median": "%s", "loop": %s, "shim_loop_s": %s, "nft_loop_s": "%s", "loop_ratio": "%s", "perl_loop_s": %s, "shim_client": "%s"}\n' \
  "$CALLS" "$S_MED" "$S_P90" "$S_P99" "$R_MED" "$R_P90" "$R_P99" "$J_MED" "$LOOP" "$S_LOOP" "$R_LOOP" "$RATIO" "$P_LOOP" \
  "$( [[ -L "$ROOT/bin/pkttables-shim" ]] && echo perl || echo native )"
