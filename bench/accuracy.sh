#!/usr/bin/env bash
# bench/accuracy.sh [BUILD_DIR] [RUNS] - how right lineprof's times are
# (issue 8), with tight bounds where the tests have generous ones.
#
# (a) Shares: lit/e2e/Inputs/spin.c's profiled function busy-waits 30, 10
#     and 2 x 5 ms of CPU time (then naps); in each timer mode the % Time of
#     those lines should be 60/20/20. Prints the shares of every run and the
#     largest deviation in points.
# (b) Totals: bench/accuracy/totals.c runs a loop of three lines, each
#     calling a small function WORK times, for about 0.3 s; the function's
#     Time in exact mode (with and without the probe-cost subtraction) is
#     compared with the duration of the same call in the plain build (the
#     program measures it), medians of RUNS runs.
# Not part of ctest. Environment: KEEP=1 keeps the temporary directory.
set -u -o pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
. "$here/lib.sh"
bench_setup 5 "$@"

bench_workdir accuracy
cd "$work" || exit 2

echo "lineprof accuracy"
machine_header "$clang"
echo "load average at start: $(loadavg)"
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
echo "(a) % Time of lines busy-waiting 30, 10 and 2 x 5 ms (want 60/20/20), $runs runs of 3 calls each:"
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
echo "(b) walk()'s Time in exact mode against its duration in the plain build (medians of $runs runs):"
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
