#!/usr/bin/env bash
# bench/timer_branch.sh [BUILD_DIR] [RUNS] - what the run-time timer test
# costs: the same instrumented code with the test decided at compile time.
#
# The lineprof pass emits one probe per line event that tests the global
# __lineprof_timer_exact (LINEPROF_TIMER) and, when set, reads the cycle
# counter. For each bench program this script takes the module as the pass
# leaves it (clang -mllvm -print-after-all), and compiles it with the same
# clang -O2 three ways:
#   ir-asis      unchanged (checks that the round trip matches lineprof-off)
#   const-off    the flag replaced by the constant 0: a hits-only build
#   const-exact  the flag replaced by the constant 1: an exact-only build
# and times them, with the plain and the normal lineprof builds, like
# run.sh (alternating, medians of RUNS rounds, default 3, checksums
# checked). Not part of ctest. VARIANTS="..." chooses the variants;
# BENCH_ONLY="sieve fib" the programs.
set -u -o pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
. "$here/lib.sh"

build=${1:-build}
runs=${2:-3}
[ -d "$build" ] || build=$repo/$build
build=$(cd "$build" 2>/dev/null && pwd) || { echo "no build directory: ${1:-build}" >&2; exit 2; }
lineprof=$build/bin/lineprof
[ -x "$lineprof" ] || { echo "$lineprof missing: run ninja -C $build" >&2; exit 2; }
clang=$(find_clang "$build")
cflags=$("$lineprof" cflags)
ldflags=$("$lineprof" ldflags)
# shellcheck disable=SC2206 # VARIANTS is a list of words
variants=(plain ${VARIANTS:-lineprof-off ir-asis-off const-off lineprof-exact const-exact})

work=$(mktemp -d "${TMPDIR:-/tmp}/lineprof-branch.XXXXXX")
if [ "${KEEP:-0}" = 1 ]; then echo "keeping $work"; else trap 'rm -rf "$work"' EXIT; fi
mkdir -p "$work/bin" "$work/run" "$work/times" "$work/lib"
cp "$build/lib/liblineprof_rt.so" "$work/lib/" # see run.sh

machine_header "$clang"
echo "command: bench/timer_branch.sh $build $runs"
echo "load average at start: $(loadavg)"

programs=()
for src in "$here"/*.c; do
  name=$(basename "$src" .c)
  if [ -n "${BENCH_ONLY:-}" ] && [[ " $BENCH_ONLY " != *" $name "* ]]; then continue; fi
  programs+=("$name")
done

echo "building ${#programs[@]} programs ..."
flag='load i32, i32\* @__lineprof_timer_exact, align 4'
for p in "${programs[@]}"; do
  src=$here/$p.c
  "$clang" -O2 -g -I"$repo/include" "$src" -o "$work/bin/$p.plain" || exit 1
  # shellcheck disable=SC2086 # the flags are meant to split
  "$clang" -O2 -g $cflags "$src" $ldflags -o "$work/bin/$p.lineprof" || exit 1
  # The module right after the lineprof pass, the first pass to run.
  # shellcheck disable=SC2086
  "$clang" -O2 -g $cflags -S -emit-llvm -o /dev/null -mllvm -print-after-all \
    -mllvm -print-module-scope "$src" 2>&1 |
    awk '/^\*\*\* IR Dump After / { on = /lineprof::LineProfPass/; next } on' >"$work/$p.ll"
  n=$(grep -c "$flag" "$work/$p.ll")
  [ "$n" -gt 0 ] || { echo "$p: no load of __lineprof_timer_exact found in the pass's output" >&2; exit 1; }
  sed "s/$flag/add i32 0, 0/" "$work/$p.ll" >"$work/$p.off.ll"
  sed "s/$flag/add i32 1, 0/" "$work/$p.ll" >"$work/$p.exact.ll"
  for v in "" .off .exact; do
    # shellcheck disable=SC2086
    "$clang" -O2 -g -c "$work/$p$v.ll" -o "$work/$p$v.o" 2>/dev/null &&
      "$clang" "$work/$p$v.o" $ldflags -o "$work/bin/$p.ir$v" || exit 1
  done
done

# variant_cmd PROGRAM VARIANT: the environment and binary of a variant.
variant_cmd() {
  local p=$1 v=$2
  local lp=(LD_LIBRARY_PATH="$work/lib" LINEPROF_FILE="$work/run/$p.lprof")
  case $v in
    plain) echo "$work/bin/$p.plain" ;;
    lineprof-off) echo "${lp[*]} LINEPROF_TIMER=off $work/bin/$p.lineprof" ;;
    lineprof-exact) echo "${lp[*]} LINEPROF_TIMER=exact $work/bin/$p.lineprof" ;;
    ir-asis-off) echo "${lp[*]} LINEPROF_TIMER=off $work/bin/$p.ir" ;;
    const-off) echo "${lp[*]} LINEPROF_TIMER=off $work/bin/$p.ir.off" ;;
    const-exact) echo "${lp[*]} LINEPROF_TIMER=exact $work/bin/$p.ir.exact" ;;
  esac
}

status=0
nv=${#variants[@]}
for ((r = 0; r < runs; r++)); do
  echo "round $((r + 1))/$runs (load average $(loadavg)) ..."
  for p in "${programs[@]}"; do
    for ((i = 0; i < nv; i++)); do
      v=${variants[(i + r) % nv]}
      # shellcheck disable=SC2046 # the command line is meant to split
      t=$(cd "$work/run" && timed "$work/run/$p.$v.out" $(variant_cmd "$p" "$v")) ||
        { echo "$p ($v) failed" >&2; status=1; continue; }
      echo "$t" >>"$work/times/$p.$v"
      [ -f "$work/run/$p.expected" ] || cp "$work/run/$p.$v.out" "$work/run/$p.expected"
      cmp -s "$work/run/$p.expected" "$work/run/$p.$v.out" ||
        { echo "CHECKSUM MISMATCH: $p ($v)" >&2; status=1; }
    done
  done
done
echo "load average at end: $(loadavg)"
echo
for p in "${programs[@]}"; do
  for v in "${variants[@]}"; do
    [ -f "$work/times/$p.$v" ] && echo "$p $v $(median <"$work/times/$p.$v")"
  done
done >"$work/medians"
echo "Median wall time, ratio to plain ($runs runs):"
echo
ratio_table "$work/medians" "${variants[*]}"
exit $status
