#!/usr/bin/env bash
# bench/probe_models.sh [BUILD_DIR] [RUNS] - times the per-call probe
# designs of bench/models/fib_probes.c on fib (issue 15): user CPU time of each
# model, medians of RUNS alternating rounds (default 7), as a ratio to the
# plain model. Not part of ctest; a few seconds. FIB_N sets N (38).
set -u -o pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
. "$here/lib.sh"
bench_setup 7 "$@"
bench_workdir models
models="plain coverage counters counters_notre depth mode ring ring_clear"
n=${FIB_N:-38}

echo "lineprof probe models (bench/models/fib_probes.c), fib($n)"
machine_header "$clang"
for m in $models; do
  extra=()
  [ "$m" = coverage ] && extra=(-fprofile-instr-generate)
  "$clang" -O2 "${extra[@]}" -DMODEL_"$m" "$here/models/fib_probes.c" -o "$work/$m" || exit 1
done
read -ra ms <<<"$models"
for ((r = 0; r < runs; r++)); do
  for ((i = 0; i < ${#ms[@]}; i++)); do
    m=${ms[(i + r) % ${#ms[@]}]}
    (cd "$work" && LLVM_PROFILE_FILE=/dev/null /usr/bin/time -f %U -o "$m.t" "./$m" "$n" >"$m.out") || exit 1
    cat "$work/$m.t" >>"$work/$m.times"
    cmp -s "$work/$m.out" "$work/plain.out" 2>/dev/null || [ ! -f "$work/plain.out" ] ||
      { echo "$m printed $(cat "$work/$m.out"), plain $(cat "$work/plain.out")" >&2; exit 1; }
  done
done
plain=$(median <"$work/plain.times")
printf '%-15s %8s %8s\n' model "CPU s" "/ plain"
for m in $models; do
  t=$(median <"$work/$m.times")
  awk -v m="$m" -v t="$t" -v p="$plain" 'BEGIN { printf "%-15s %8.3f %7.2fx\n", m, t, t / p }'
done
