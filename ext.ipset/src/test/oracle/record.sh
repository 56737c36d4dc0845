#!/bin/bash
# Records what the real ipset prints for each command of a .cmds file, into ../resources/oracle/NAME.out.
# Needs root and the ipset package (apt-get install -y ipset); runs in a fresh network namespace, so the
# host's sets are never touched. The tests only read the recorded files.
#   usage: sudo ./record.sh basic.cmds ...
set -eu
cd "$(dirname "$0")"
for cmds in "$@"; do
  name=$(basename "$cmds" .cmds)
  out=../resources/oracle/$name.out
  ns=pkt-rec$RANDOM
  ip netns add "$ns"
  trap 'ip netns del "$ns" 2>/dev/null || true' EXIT
  {
    echo "# recorded with $(ipset --version | head -1) on $(uname -r); do not edit, re-run record.sh"
    while IFS= read -r line; do
      [[ -z "$line" || "$line" == \#* ]] && continue
      echo "### $line"
      set +e
      o=$(ip netns exec "$ns" bash -c "$line" 2>/tmp/ipset-rec-err); rc=$?
      set -e
      echo "exit $rc"
      echo "--- stdout"
      [[ -n "$o" ]] && printf '%s\n' "$o"
      echo "--- stderr"
      cat /tmp/ipset-rec-err
    done < "$cmds"
  } > "$out"
  ip netns del "$ns"
  trap - EXIT
  echo "wrote $out"
done
