#!/usr/bin/env bash
# bench/run.sh [BUILD_DIR] [RUNS] - the lineprof benchmark (issue 8).
#
# Builds every bench/*.c program plain (clang -O2 -g; run twice per round,
# the second as `plain-again`, whose ratio is the noise), with lineprof's
# default probes ($(lineprof cflags): the `default` column in the default
# timer mode, `default-off` with LINEPROF_TIMER=off: Hits only), with
# frames ($(lineprof cflags --memory): `memory-build`, the default timer and
# no memory: what the frames cost), with hit counters alone ($(lineprof cflags --hits): `hits-build`) and with its
# exact probes ($(lineprof cflags --exact), run in every timer mode:
# `exact-build-MODE`), plus the peers that are installed: clang's coverage
# counters, gcc --coverage and `perf record -e cpu-clock` in every round;
# callgrind, heaptrack and uftrace (a -pg build, `uftrace record -t 1ms`)
# once. Alternates the variants within each round, RUNS rounds (default 5),
# and prints the median wall time of each as a ratio to the plain build,
# with the geometric mean and the worst case; perf also as a ratio of CPU
# time (perf's own included), since it works on another core. Every variant
# must print the plain build's checksum (and threads8's profiles the exact
# Hits of its loop body).
#
# Then measures (b) the size and at-exit write time of a .lprof of 10,000
# lines, (c) `lineprof show` on that profile. The plugin's compile time is
# bench/compile.sh's.
#
# Not part of ctest (it takes several minutes). Environment:
#   LINEPROF_MODES  timer modes to run (default below)
#   CALLGRIND=0     skip callgrind, heaptrack and uftrace (the slowest part:
#                   one run per program each)
#   BENCH_ONLY="sieve fib"  run only these programs
#   BENCH_VARIANTS="hits-build clang-cov"  run only these variants (with
#                   plain and plain-again), for more rounds of a comparison
#   KEEP=1          keep the temporary directory
#   BENCH_CPU=0     run every timed program on these CPUs only (taskset)
set -u -o pipefail

# The lineprof timer modes (values of LINEPROF_TIMER); a new mode is one more
# word here.
LINEPROF_MODES=${LINEPROF_MODES:-"off auto sample exact"}

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
. "$here/lib.sh" # median, timed, ratio_table, ...
bench_setup 5 "$@"
include=$repo/include

bench_workdir bench
mkdir -p "$work/bin" "$work/run" "$work/times" "$work/lib"
# The instrumented binaries run with a copy of the runtime taken now
# (LD_LIBRARY_PATH wins over their RUNPATH), so a rebuild of BUILD_DIR by
# someone else during the benchmark does not change what is measured.
cp "$build/lib/liblineprof_rt.so" "$work/lib/"

programs=()
for src in "$here"/*.c; do
  name=$(basename "$src" .c)
  if [ -n "${BENCH_ONLY:-}" ] && [[ " $BENCH_ONLY " != *" $name "* ]]; then continue; fi
  programs+=("$name")
done

echo "lineprof benchmark"
machine_header "$clang"
echo "command: bench/run.sh $build $runs; modes: $LINEPROF_MODES"
echo "load average at start: $(loadavg)"
echo

# ---------------------------------------------------------------- building
# A variant is a name, a binary and the environment it runs with.
# The plain build twice (plain-again: the noise, a ratio that would be 1.00
# on a quiet machine), the plugin's default build (sampled times) in the
# default mode and with the timer off, the build with frames, the build
# with hit counters alone, then the exact-probe build in every mode.
variants=(plain plain-again default default-off memory-build hits-build)
for m in $LINEPROF_MODES; do variants+=("exact-build-$m"); done
have_clangcov=0 have_gcc=0 have_perf=0 once=()
"$clang" -fprofile-instr-generate -fcoverage-mapping -x c -o /dev/null - <<<'int main(void){return 0;}' 2>/dev/null && have_clangcov=1
have gcc && have_gcc=1
[ -x /usr/bin/time ] && perf record -q -e cpu-clock -o /dev/null true >/dev/null 2>&1 && have_perf=1
[ $have_clangcov = 1 ] && variants+=(clang-cov)
[ $have_gcc = 1 ] && variants+=(gcc-plain gcc-cov)
[ $have_perf = 1 ] && variants+=(perf)
if [ "${CALLGRIND:-1}" != 0 ]; then
  have valgrind && once+=(callgrind)
  have heaptrack && once+=(heaptrack)
  have uftrace && once+=(uftrace)
fi
if [ -n "${BENCH_VARIANTS:-}" ]; then
  kept=(plain plain-again)
  for v in "${variants[@]}"; do
    [[ " $BENCH_VARIANTS " == *" $v "* ]] && kept+=("$v")
  done
  variants=("${kept[@]}") once=()
fi

echo "building ${#programs[@]} programs ..."
for p in "${programs[@]}"; do
  src=$here/$p.c
  "$clang" -O2 -g -I"$include" "$src" -o "$work/bin/$p.plain" || exit 1
  # shellcheck disable=SC2086 # the flags are meant to split
  "$clang" -O2 -g $cflags "$src" $ldflags -o "$work/bin/$p.exact-build" || exit 1
  # shellcheck disable=SC2086
  "$clang" -O2 -g $sampled_cflags "$src" $ldflags -o "$work/bin/$p.default" || exit 1
  # shellcheck disable=SC2086
  "$clang" -O2 -g $hits_cflags "$src" $ldflags -o "$work/bin/$p.hits" || exit 1
  # shellcheck disable=SC2086
  "$clang" -O2 -g $memory_cflags "$src" $ldflags -o "$work/bin/$p.memory" || exit 1
  if [[ " ${once[*]} " == *" uftrace "* ]]; then
    "$clang" -O2 -g -pg -I"$include" "$src" -o "$work/bin/$p.pg" || exit 1
  fi
  if [ $have_clangcov = 1 ]; then
    "$clang" -O2 -g -I"$include" -fprofile-instr-generate -fcoverage-mapping \
      "$src" -o "$work/bin/$p.clang-cov" || exit 1
  fi
  if [ $have_gcc = 1 ]; then
    mkdir -p "$work/gcov/$p"
    gcc -O2 -g -I"$include" "$src" -o "$work/bin/$p.gcc-plain" || exit 1
    (cd "$work/gcov/$p" && gcc -O2 -g -I"$include" --coverage "$src" -o "$work/bin/$p.gcc-cov") || exit 1
  fi
done

# run_variant PROGRAM VARIANT: one timed run, its time appended to
# times/PROGRAM.VARIANT and its output checked against the plain build's.
mismatches=0
run_variant() {
  local p=$1 v=$2 bin env=() t
  local rt=(LD_LIBRARY_PATH="$work/lib" LINEPROF_FILE="$work/run/$p.$v.lprof")
  case $v in
    exact-build-*) bin=$work/bin/$p.exact-build env=("${rt[@]}" LINEPROF_TIMER="${v#exact-build-}") ;;
    plain-again) bin=$work/bin/$p.plain ;;
    default) bin=$work/bin/$p.default env=("${rt[@]}") ;;
    default-off) bin=$work/bin/$p.default env=("${rt[@]}" LINEPROF_TIMER=off) ;;
    hits-build) bin=$work/bin/$p.hits env=("${rt[@]}") ;;
    memory-build) bin=$work/bin/$p.memory env=("${rt[@]}") ;;
    clang-cov) bin=$work/bin/$p.clang-cov env=(LLVM_PROFILE_FILE="$work/run/$p.profraw") ;;
    perf) bin=$work/bin/$p.plain env=(perf record -q -e cpu-clock -o "$work/run/$p.perf.data") ;;
    callgrind) bin=$work/bin/$p.plain
      env=(valgrind --tool=callgrind --callgrind-out-file="$work/run/$p.callgrind") ;;
    heaptrack) bin=$work/bin/$p.plain env=(heaptrack -o "$work/run/$p.heaptrack") ;;
    uftrace) bin=$work/bin/$p.pg env=(uftrace record --no-libcall -t 1ms -d "$work/run/$p.uftrace") ;;
    *) bin=$work/bin/$p.$v ;;
  esac
  if [ "$v" = perf ] || [ "$v" = plain ]; then
    # CPU time too: perf's own work is on another core.
    env=(/usr/bin/time -f %U+%S -o "$work/run/$p.$v.cpu" "${env[@]}")
  fi
  t=$(cd "$work/run" && timed "$work/run/$p.$v.out" "${env[@]}" "$bin") || {
    echo "$p ($v) failed: $(cat "$work/run/$p.$v.out.err")" >&2
    mismatches=$((mismatches + 1))
    return
  }
  echo "$t" >>"$work/times/$p.$v"
  [ -f "$work/run/$p.$v.cpu" ] && awk -F+ '{ print $1 + $2 }' "$work/run/$p.$v.cpu" >>"$work/times/$p.$v-cpu"
  check_output "$p" "$v"
  [ -f "$work/run/$p.$v.lprof" ] && check_hits "$p" "$v"
}
# A program that prints "body hits H" (threads8) has a line marked
# /* body */ whose Hits must be H in every profile.
check_hits() {
  local want got
  want=$(awk '$1 == "body" && $2 == "hits" { print $3 }' "$work/run/$1.$2.out")
  [ -n "$want" ] || return 0
  got=$("$lineprof" show "$work/run/$1.$2.lprof" | awk '/\/\* body \*\// { print $2; exit }')
  if [ "$got" != "$want" ]; then
    echo "HITS MISMATCH: $1 ($2): the body line has $got Hits, expected $want" >&2
    mismatches=$((mismatches + 1))
  fi
}
check_output() {
  local expected=$work/run/$1.expected
  if [ "$2" = heaptrack ]; then # its own messages go to standard output
    grep -v -e '^heaptrack' -e '^/.*libheaptrack' -e '^starting application' \
      -e '^Heaptrack finished' -e '^  heaptrack --analyze' -e '^$' "$work/run/$1.$2.out" >"$work/run/$1.$2.out.own"
    mv "$work/run/$1.$2.out.own" "$work/run/$1.$2.out"
  fi
  [ -f "$expected" ] || cp "$work/run/$1.$2.out" "$expected"
  if ! cmp -s "$expected" "$work/run/$1.$2.out"; then
    echo "CHECKSUM MISMATCH: $1 ($2) printed '$(cat "$work/run/$1.$2.out")', expected '$(cat "$expected")'" >&2
    mismatches=$((mismatches + 1))
  fi
}

# --------------------------------------------------------------- the rounds
# Round r runs the variants of each program in an order rotated by r, so
# that no variant is always first (cold) or always after the slowest one.
nv=${#variants[@]}
for ((r = 0; r < runs; r++)); do
  echo "round $((r + 1))/$runs (load average $(loadavg)) ..."
  for p in "${programs[@]}"; do
    for ((i = 0; i < nv; i++)); do
      run_variant "$p" "${variants[(i + r) % nv]}"
    done
  done
done
for v in "${once[@]}"; do
  echo "$v, one run per program ..."
  for p in "${programs[@]}"; do run_variant "$p" "$v"; done
  variants+=("$v")
done
echo "load average at end of runs: $(loadavg)"
echo

# ---------------------------------------------------------------- the table
# Median wall time per program and variant, as a ratio to plain.
for p in "${programs[@]}"; do
  for v in "${variants[@]}"; do
    [ -f "$work/times/$p.$v" ] && printf '%s %s %s\n' "$p" "$v" "$(median <"$work/times/$p.$v")"
  done
done >"$work/medians"

for p in "${programs[@]}"; do
  for v in plain perf; do
    [ -f "$work/times/$p.$v-cpu" ] && printf '%s %s %s\n' "$p" "$v-cpu" "$(median <"$work/times/$p.$v-cpu")"
  done
done >>"$work/medians"

echo "Median wall time, ratio to plain clang -O2 -g ($runs runs; ${once[*]:-no peer} 1 run):"
echo
# gcc's coverage is also shown against gcc's own plain build (gcc-cov/gcc-plain),
# perf's CPU time against the plain run's.
columns="${variants[*]}"
[[ " $columns " == *" gcc-cov "* ]] && columns+=" gcc-cov/gcc-plain"
[[ " $columns " == *" perf "* ]] && columns+=" perf-cpu/plain-cpu"
ratio_table "$work/medians" "$columns"
echo

# Line events per run (the Hits of the last off/exact profile) and the
# measured cost per event of each lineprof mode: (mode - plain) / events.
# Only when the exact build ran (not with BENCH_VARIANTS leaving it out).
if [[ " ${variants[*]} " == *" exact-build-"* ]]; then
  echo "Line events per run and added cost per event, (median mode - median plain) / events:"
  echo
  printf '| %-10s | %14s |' program events
  for m in $LINEPROF_MODES; do printf ' %12s |' "$m ns/event"; done
  printf '\n|:-----------|---------------:|'
  for m in $LINEPROF_MODES; do printf '%s|' "--------------:"; done
  printf '\n'
  for p in "${programs[@]}"; do
    f=$(find "$work/run" -name "$p.exact-build-*.lprof" | head -1)
    events=$([ -n "$f" ] && "$lineprof" export --format=json "$f" |
      sed -n 's/.*"first_line": [0-9]*, "last_line": [0-9]*, "hits": \([0-9]*\).*/\1/p' |
      awk '{ s += $1 } END { print s + 0 }')
    printf '| %-10s | %14s |' "$p" "${events:-0}"
    for m in $LINEPROF_MODES; do
      awk -v p="$p" -v m="exact-build-$m" -v e="${events:-0}" '
        $1 == p && $2 == "plain" { base = $3 } $1 == p && $2 == m { t = $3 }
        END { if (e > 0 && t) printf " %12.2f |", (t - base) * 1e9 / e; else printf " %12s |", "-" }' "$work/medians"
    done
    printf '\n'
  done
  echo
fi

# ------------------------- (b), (c) a profile of 10,000 lines: write, show
# gen_lines F L: F annotated functions of L statement lines each, all called
# once; main flushes its output before returning, which marks where the
# runtime's at-exit work starts.
gen_lines() {
  awk -v nf="$1" -v nl="$2" 'BEGIN {
    print "/* generated by bench/run.sh: a profile of nf * nl lines */"
    print "#include <stdio.h>"
    print "#include \"lineprof.h\""
    for (f = 0; f < nf; f++) {
      printf "LINEPROF_PROFILE long f%d(long x) {\n", f
      for (l = 0; l < nl - 1; l++) printf "  x = x * %d + %d;\n", l % 5 + 2, f + l
      print "  return x;"
      print "}"
    }
    print "int main(void) {"
    print "  long s = 0;"
    for (f = 0; f < nf; f++) printf "  s += f%d(%d);\n", f, f
    print "  printf(\"checksum %ld\\n\", s);"
    print "  fflush(stdout);"
    print "  return 0;"
    print "}"
  }'
}
gen_lines 200 50 >"$work/lines.c"
gen_lines 1 2 >"$work/tiny.c"
for p in lines tiny; do
  # shellcheck disable=SC2086
  "$clang" -O2 -g $cflags "$work/$p.c" $ldflags -o "$work/bin/$p" || exit 1
done
lprof=$work/run/lines.lprof
(cd "$work/run" && LD_LIBRARY_PATH="$work/lib" LINEPROF_TIMER=off "$work/bin/lines" >/dev/null 2>&1)
nlines=$("$lineprof" export --format=json "$lprof" | grep -c '{"line":')
echo "(b) a profile of $nlines lines ($(grep -c LINEPROF_PROFILE "$work/lines.c") functions, every line run once):"
echo "    .lprof size: $(stat -c %s "$lprof") bytes"
# The at-exit write is timed from the system calls, with strace -ttt: from
# the program's last write to standard output (the flush at the end of main)
# to the runtime's "Wrote profile results" message. That interval is the
# whole at-exit cost: building the file in memory, writing it to a temporary
# name and renaming it (also timed alone: open to rename). A profile of one
# line shows the fixed part, strace's own overhead included.
# at_exit_ms PROGRAM TIMER: prints "at-exit-ms io-ms" of one traced run.
at_exit_ms() {
  (cd "$work/run" && LD_LIBRARY_PATH="$work/lib" LINEPROF_TIMER=$2 \
    strace -ttt -e trace=write,openat,rename -o "$work/run/strace.log" "$work/bin/$1" >/dev/null 2>&1)
  awk '/write\(1, "checksum/ { a = $1 } /openat\(.*\.lprof\.tmp\./ { o = $1 }
       /rename\(/ { r = $1 } /write\(2, "Wrote profile/ { b = $1 }
       END { printf "%.3f %.3f\n", (b - a) * 1e3, (r - o) * 1e3 }' "$work/run/strace.log"
}
if have strace; then
  n=$((runs * 2 + 1))
  for ((r = 0; r < n; r++)); do
    for p in lines tiny; do
      for m in off exact; do at_exit_ms $p $m >>"$work/times/atexit.$p.$m"; done
    done
  done
  for p in lines tiny; do
    for m in off exact; do
      printf '    %-6s LINEPROF_TIMER=%-5s at-exit %7.2f ms, of which open..rename %5.2f ms\n' \
        "$([ $p = lines ] && echo "$nlines" || echo 1)" "$m" \
        "$(cut -d' ' -f1 "$work/times/atexit.$p.$m" | median)" "$(cut -d' ' -f2 "$work/times/atexit.$p.$m" | median)"
    done
  done
  echo "    (lines of profile, timer mode: medians of $n runs under strace -ttt; exact mode includes the clock calibration, at least 20 ms in a run this short)"
else
  echo "    strace is not installed: at-exit write time not measured"
fi
for ((r = 0; r < runs * 2 + 1; r++)); do
  timed "$work/run/merge.out" "$lineprof" merge -o "$work/run/merged.lprof" "$lprof" >>"$work/times/merge" || exit 1
  timed "$work/run/show.out" "$lineprof" show "$lprof" >>"$work/times/show" || exit 1
done
awk -v m="$(median <"$work/times/merge")" 'BEGIN { printf "    lineprof merge (read and write it again): %.1f ms\n", m * 1e3 }'
echo "(c) lineprof show of it: $(median <"$work/times/show" | awk '{ printf "%.1f ms", $1 * 1e3 }') ($(wc -l <"$work/run/show.out") lines of report)"
echo
echo "load average at end: $(loadavg)"
if [ $mismatches -gt 0 ]; then
  echo "$mismatches runs failed or printed a wrong checksum" >&2
  exit 1
fi
echo "all variants printed the same checksums"
