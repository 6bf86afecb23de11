#!/usr/bin/env bash
# bench/accuracy.sh [BUILD_DIR] [RUNS] - how right lineprof's times are
# (issue 8), against an independent ground truth. Not part of ctest.
#
# (1) Against perf: each program of bench/accuracy/*.c (calls, wordcount,
#     helper, recurse, threads; 0.3-0.6 s each) is built plainly (clang -O2
#     -g) and recorded RUNS times with `perf record -e cpu-clock -F 10000
#     --call-graph=dwarf`; truth.py turns the samples into each line's share
#     of its profiled function (a calling line: its callee's inclusive
#     samples). The same program is built with the plugin and run RUNS times
#     in the five builds/modes a user has: default (`lineprof cflags`,
#     LINEPROF_TIMER unset), exact, sample and auto (`cflags --exact`,
#     LINEPROF_TIMER=exact/sample/unset), and memory (`cflags --exact`,
#     LINEPROF_MEMORY=heap: exact times while the heap is measured, as
#     `lineprof run --memory` runs); compare.py prints every line's
#     % Time (medians) beside perf's, the worst difference per mode, and
#     checks profiled callees against their caller's line.
# (2) Shares: lit/e2e/Inputs/spin.c's profiled function busy-waits 30, 10
#     and 2 x 5 ms of CPU time (then naps); in each timer mode the % Time of
#     those lines should be 60/20/20. Prints the shares of every run and the
#     largest deviation in points.
# (3) Totals: bench/accuracy/totals.c runs a loop of three lines, each
#     calling a small function WORK times, for about 0.3 s; the function's
#     Time in exact mode (with and without the probe-cost subtraction) is
#     compared with the duration of the same call in the plain build (the
#     program measures it), medians of RUNS runs.
# Exit status: 2 on a bad argument or missing tool, 1 when a program does
# not build, 0 otherwise (a failed run is reported and skipped).
# Environment: KEEP=1 keeps the temporary directory.
set -u -o pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
. "$here/lib.sh"
bench_setup 5 "$@"

bench_workdir accuracy
cd "$work" || exit 2

programs="calls wordcount helper recurse threads"
modes="default exact sample auto memory"
plain_flags="-O2 -g -fno-optimize-sibling-calls -pthread"

have perf || { echo "perf missing (apt-get install linux-perf)" >&2; exit 2; }
have llvm-symbolizer || { echo "llvm-symbolizer missing (apt-get install llvm)" >&2; exit 2; }

# build_program P: P.plain, P.default (the plugin's default probes) and
# P.exact (exact probes) from bench/accuracy/P.c.
build_program() {
  # shellcheck disable=SC2086 # flag lists
  "$clang" $plain_flags "$here/accuracy/$1.c" -o "$1.plain" &&
    "$clang" $plain_flags $sampled_cflags "$here/accuracy/$1.c" $ldflags -o "$1.default" &&
    "$clang" $plain_flags $cflags "$here/accuracy/$1.c" $ldflags -o "$1.exact"
}

# record_truth P: RUNS perf recordings of P.plain, then P/truth.json.
record_truth() {
  local r
  for r in $(seq "$runs"); do
    perf record -q -e cpu-clock -F 10000 --call-graph=dwarf,8192 -o "$1/perf.data" \
      "./$1.plain" >/dev/null 2>"$1/perf.err" || { echo "    perf run $r of $1 failed: $(tail -1 "$1/perf.err")"; continue; }
    perf script -i "$1/perf.data" -F tid,ip,sym,symoff,dso --no-inline >"$1/perf.$r.txt" 2>/dev/null
  done
  rm -f "$1/perf.data"
  python3 "$here/accuracy/truth.py" "$here/accuracy/$1.c" "$1.plain" "$1"/perf.*.txt >"$1/truth.json"
}

# run_mode P MODE: RUNS runs of P in MODE, exported to P/MODE.N.json; the
# report's Timer: line goes to P/MODE.timer.
run_mode() {
  local binary=$1.exact timer r memory=off
  case $2 in
    default) binary=$1.default timer= ;;
    auto) timer= ;;
    memory) timer= memory=heap ;;
    *) timer=$2 ;;
  esac
  for r in $(seq "$runs"); do
    if ! env -u LINEPROF_TIMER ${timer:+LINEPROF_TIMER=$timer} LINEPROF_MEMORY=$memory LINEPROF_QUIET=1 LINEPROF_FILE="$1/$2.lprof" \
      "./$binary" >/dev/null 2>"$1/$2.err"; then
      echo "    $2 run $r of $1 failed: $(tail -1 "$1/$2.err")"
      continue
    fi
    "$lineprof" export --format=json "$1/$2.lprof" >"$1/$2.$r.json" || rm -f "$1/$2.$r.json"
    [ -s "$1/$2.timer" ] || "$lineprof" show "$1/$2.lprof" | grep '^Timer:' >"$1/$2.timer"
  done
}

echo "lineprof accuracy"
machine_header "$clang"
echo "perf: $(perf version), cpu-clock at 10 kHz, call graphs by DWARF unwinding"
echo "load average at start: $(loadavg)"

echo
echo "(1) % Time of each line against perf on the plain build, medians of $runs runs"
for p in $programs; do
  mkdir -p "$p"
  build_program "$p" || { echo "$p does not build" >&2; exit 1; }
  record_truth "$p"
  for mode in $modes; do run_mode "$p" "$mode"; done
done
for mode in $modes; do
  printf '    %-8s %s\n' "$mode" "$(cat "calls/$mode.timer" 2>/dev/null)"
done
# shellcheck disable=SC2086 # a list of programs
python3 "$here/accuracy/compare.py" "$work" "$here/accuracy" $programs
echo "load average after (1): $(loadavg)"

# shellcheck disable=SC2046 # cflags and ldflags are lists of words
"$clang" -O2 -g $cflags "$repo/lit/e2e/Inputs/spin.c" $ldflags -o spin || exit 1
# shellcheck disable=SC2046
"$clang" -O2 -g $cflags "$here/accuracy/totals.c" $ldflags -o totals || exit 1
"$clang" -O2 -g -I"$repo/include" "$here/accuracy/totals.c" -o totals.plain || exit 1

# The % Time of the spin(30, spin(10 and spin(5 lines of a report.
shares() {
  python3 "$repo/lit/e2e/Inputs/time_shares.py" --tolerance 100 \
    "spin(30,=60" "spin(10,=20" "spin(5,=20" |
    awk '{ sub(/%/, "", $2); v = v (v == "" ? "" : " ") $2 } END { print v }'
}

echo
echo "(2) % Time of lines busy-waiting 30, 10 and 2 x 5 ms (want 60/20/20), $runs runs of 3 calls each:"
for mode in exact sample auto; do
  all=""
  for r in $(seq "$runs"); do
    env LINEPROF_TIMER=$mode LINEPROF_AUTO_MS=40 LINEPROF_FILE=spin.lprof ./spin cpu 0 3 >/dev/null 2>&1
    all="$all$("$lineprof" show spin.lprof | shares)"$'\n'
  done
  worst=$(printf '%s' "$all" | awk '{ for (i = 1; i <= 3; i++) { w = i == 1 ? 60 : 20; d = $i - w; d = d < 0 ? -d : d; if (d > m) m = d } } END { printf "%.1f", m }')
  printf '    %-6s' "$mode"
  printf '%s' "$all" | awk '{ printf " %s/%s/%s", $1, $2, $3 }'
  echo "   largest deviation $worst points"
done
echo "    (auto with LINEPROF_AUTO_MS=40: the first of the 3 calls is timed exactly, the rest sampled)"

# The Time of walk() in a report exported as JSON, in ns.
walk_ns() {
  "$lineprof" export --format=json totals.lprof |
    python3 -c 'import json, sys; print(next(f["time_ns"] for f in json.load(sys.stdin)["functions"] if f["name"] == "walk"))'
}

echo
echo "(3) walk()'s Time in exact mode against its duration in the plain build (medians of $runs runs):"
printf '    %-22s %12s %14s %8s %14s %8s\n' "line cost" "plain ms" "exact ms" "ratio" "no-subtr. ms" "ratio"
for spec in "1 30000000" "10 8000000" "100 1000000" "1000 250000"; do
  set -- $spec
  plain=$(for r in $(seq "$runs"); do ./totals.plain "$1" "$2" | cut -d' ' -f1; done | median)
  exact=$(for r in $(seq "$runs"); do
    LINEPROF_TIMER=exact LINEPROF_QUIET=1 LINEPROF_FILE=totals.lprof ./totals "$1" "$2" >/dev/null && walk_ns
  done | median)
  raw=$(for r in $(seq "$runs"); do
    LINEPROF_TIMER=exact LINEPROF_PROBE_COST=0 LINEPROF_QUIET=1 LINEPROF_FILE=totals.lprof ./totals "$1" "$2" >/dev/null && walk_ns
  done | median)
  per_line=$(awk -v p="$plain" -v n="$2" 'BEGIN { printf "%.0f ns", p / n / 3 }')
  awk -v w="$1" -v c="$per_line" -v p="$plain" -v e="$exact" -v r="$raw" 'BEGIN {
    printf "    mix x%-5s (%8s) %12.2f %14.2f %7.2fx %14.2f %7.2fx\n", w, c, p / 1e6, e / 1e6, e / p, r / 1e6, r / p }'
done
echo
echo "load average at end: $(loadavg)"
