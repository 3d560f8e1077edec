#!/usr/bin/env bash
# The saturated-machine recipe: runs a command while CPU-bound processes keep every core busy, as on a
# loaded CI runner. Usage: .ci/saturate.sh [-n burners] [-t max-seconds] -- <command...>
# Default: 4 burners (twice the cores of the reference machine), at most 3600 s; they stop with the command.
set -euo pipefail
burners=4
max=3600
while [ $# -gt 0 ]; do
  case "$1" in
    -n) burners=$2; shift 2 ;;
    -t) max=$2; shift 2 ;;
    --) shift; break ;;
    *) break ;;
  esac
done
[ $# -gt 0 ] || { echo "usage: $0 [-n burners] [-t max-seconds] -- <command...>"; exit 2; }
pids=()
for _ in $(seq 1 "$burners"); do
  timeout "$max" node -e 'let x = 0; for (;;) x += Math.sqrt(x + 1);' &
  pids+=($!)
done
trap 'kill "${pids[@]}" 2>/dev/null || true' EXIT
echo "saturate: $burners CPU-bound processes on $(nproc) cores while: $*"
"$@"
