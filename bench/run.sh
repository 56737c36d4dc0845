#!/usr/bin/env bash
# Runs the JMH benchmarks of the packet path (not part of `mvn verify`: figures go to docs/performance.md).
#   bench/run.sh                 all benchmarks, with the GC profiler (allocation per packet)
#   bench/run.sh Evaluate -f 1   JMH arguments pass through
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
if [ ! -f "$here/target/classpath.txt" ] || [ ! -d "$here/target/classes" ]; then
  (cd "$root" && mvn -B -q -DskipTests -pl bench -am package)
fi
cp="$here/target/classes:$(cat "$here/target/classpath.txt")"
args=("$@")
[ ${#args[@]} -eq 0 ] && args=(-prof gc -f 1 -wi 3 -i 5 -w 1s -r 1s)
exec java -cp "$cp" org.openjdk.jmh.Main "${args[@]}"
