#!/usr/bin/env bash
# bench/memory.sh [BUILD_DIR] [RUNS] - what per-line memory tracking costs
# (issue 3), as wall-time ratios to the plain -O2 build, medians of RUNS
# alternating rounds (default 7):
#
#   top       only main() profiled (-DLINEPROF_PROFILE= turns the programs'
#             annotations off), LINEPROF_MEMORY=heap: memory_profiler's use,
#             a table for the top function; every malloc and free in the
#             process goes through the runtime's counting hooks
#   top-off   the same binary with LINEPROF_TIMER=off LINEPROF_MEMORY=off:
#             the hooks still run (the header), nothing counts
#   hot-exact the hot functions profiled (their annotations), exact time only
#   hot-heap  the same binary, time and memory: the cost of memory on top
#             of exact timing when the allocating functions themselves
#             are profiled
#   hot-sampled       the hot functions profiled with the default probes
#                     (`lineprof cflags`), the default timer, no memory
#   hot-frames        the hot functions profiled with frames (`lineprof
#                     cflags --memory`), the default timer, no memory
#   hot-frames-heap   the same binary with LINEPROF_MEMORY=heap: memory
#                     charged at each allocation to the calls in progress,
#                     times sampled
#   hot-memory-sampled  the default build (hot-sampled's binary) with
#                     LINEPROF_MEMORY=sampled: a sample of the blocks, one
#                     per 512 KiB on average, charged to the calls in
#                     progress read from the native stack
#
# Programs: trees (allocation-heavy: a malloc and a free per node, millions
# of nodes), sieve and matmul (no allocation in the loop).
# Environment: BENCH_CPU=0 runs every timed program on CPU 0 only (taskset).
set -u -o pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
. "$here/lib.sh"
bench_setup 7 "$@"
bench_workdir membench
programs="trees sieve matmul"
variants="plain top top-off hot-exact hot-heap hot-sampled hot-frames hot-frames-heap hot-memory-sampled"

echo "lineprof memory benchmark"
machine_header "$clang"
echo "command: bench/memory.sh $build $runs"
for p in $programs; do
  src=$here/$p.c
  "$clang" -O2 -g -I"$repo/include" "$src" -o "$work/$p.plain" || exit 1
  # shellcheck disable=SC2086 # the flags are meant to split
  "$clang" -O2 -g $cflags -DLINEPROF_PROFILE= -fplugin-arg-lineprof-functions=main \
    "$src" $ldflags -o "$work/$p.top" || exit 1
  # shellcheck disable=SC2086
  "$clang" -O2 -g $cflags "$src" $ldflags -o "$work/$p.hot" || exit 1
  # shellcheck disable=SC2086
  "$clang" -O2 -g $sampled_cflags "$src" $ldflags -o "$work/$p.sampled" || exit 1
  # shellcheck disable=SC2086
  "$clang" -O2 -g $memory_cflags "$src" $ldflags -o "$work/$p.frames" || exit 1
done

run() { # PROGRAM VARIANT: one timed run, appended to times
  local p=$1 v=$2 bin t
  local env=(LINEPROF_FILE="$work/$p.$v.lprof")
  case $v in
    plain) bin=$work/$p.plain ;;
    top) bin=$work/$p.top env+=(LINEPROF_MEMORY=heap) ;;
    top-off) bin=$work/$p.top env+=(LINEPROF_TIMER=off LINEPROF_MEMORY=off) ;;
    hot-exact) bin=$work/$p.hot env+=(LINEPROF_TIMER=exact LINEPROF_MEMORY=off) ;;
    hot-heap) bin=$work/$p.hot env+=(LINEPROF_MEMORY=heap) ;;
    hot-sampled) bin=$work/$p.sampled ;;
    hot-frames) bin=$work/$p.frames ;;
    hot-frames-heap) bin=$work/$p.frames env+=(LINEPROF_MEMORY=heap) ;;
    hot-memory-sampled) bin=$work/$p.sampled env+=(LINEPROF_MEMORY=sampled) ;;
  esac
  t=$(timed "$work/$p.$v.out" "${env[@]}" "$bin") || { echo "$p $v failed" >&2; exit 1; }
  echo "$t" >>"$work/$p.$v.times"
  cmp -s "$work/$p.$v.out" "$work/$p.plain.out" || { echo "$p $v: wrong output" >&2; exit 1; }
}
read -ra vs <<<"$variants"
for ((r = 0; r < runs; r++)); do
  for p in $programs; do
    for ((i = 0; i < ${#vs[@]}; i++)); do
      run "$p" "${vs[(i + r) % ${#vs[@]}]}" # rotated: no variant always first
    done
  done
done
for p in $programs; do
  for v in $variants; do
    echo "$p $v $(median <"$work/$p.$v.times")"
  done
done >"$work/medians"
echo
ratio_table "$work/medians" "plain top top-off hot-exact hot-heap hot-heap/hot-exact hot-sampled hot-frames hot-frames-heap hot-frames-heap/hot-frames hot-memory-sampled hot-memory-sampled/hot-sampled"
echo
echo "load average at end: $(loadavg)"
