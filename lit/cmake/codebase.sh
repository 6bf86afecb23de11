# shellcheck shell=bash disable=SC2034 # the variables are for the sourcing scripts
# lit/cmake/codebase.sh - shared by the scripts that build a real code base
# whole with every function profiled (sqlite.sh, lua.sh, bzip2.sh; sourced).
# Each builds the code base twice from Debian's source package, plainly and
# with -fplugin-arg-lineprof-all (default probes, default timer), with the
# plugin's clang, -O2 -g, runs its tests on both builds, compares their
# output, and prints the build and test times and the profile's extent.
#
# A script calls codebase_setup, then codebase_build and codebase_test for
# each variant ("plain", then "profiled"), then codebase_report. Its build
# and test functions get the variant's directory as $1 and find the
# variant's compiler flags in $vcflags and link flags in $vldflags.
# JOBS (default 2) is make's -j.
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
# shellcheck source=bench/lib.sh
. "$repo/bench/lib.sh" # find_clang, have
jobs=${JOBS:-2}

# codebase_setup NAME BUILD_DIR PACKAGE [DPKG-SOURCE OPTION...]: sets
# build, lineprof, clang, work ($BUILD_DIR/NAME-whole, emptied) and src
# (Debian's PACKAGE source unpacked there); exits 0 with a message when the
# source cannot be had.
codebase_setup() {
  name=$1 pkg=$3
  build=$(cd "$2" && pwd)
  shift 3
  lineprof=$build/bin/lineprof
  [ -x "$lineprof" ] || { echo "$name: no $lineprof (build lineprof first)" >&2; exit 1; }
  clang=$(find_clang "$build")
  work=$build/$name-whole
  rm -rf "$work" && mkdir -p "$work"
  src=$("$repo/tests/debian_source.sh" "$work/deb" "$pkg" "$@" 2> "$work/fetch.err") ||
    codebase_skip "$(cat "$work/fetch.err")"
}

# codebase_skip REASON: the code base cannot be built here; not a failure.
codebase_skip() { echo "$name: SKIPPED: $1"; exit 0; }

# variant_flags VARIANT: sets vcflags and vldflags for the variant.
variant_flags() {
  vcflags="-O2 -g" vldflags=""
  if [ "$1" = profiled ]; then
    vcflags="$vcflags $("$lineprof" cflags) -fplugin-arg-lineprof-all"
    vldflags=$("$lineprof" ldflags)
  fi
}

# cpu_seconds VAR: sets VAR to the user and system CPU time of the
# shell's finished children (`times` must run in this shell, not in $()).
cpu_seconds() {
  times > "$work/times.txt"
  printf -v "$1" '%s' "$(awk 'NR == 2 { for (i = 1; i <= 2; i++) { split($i, t, /[ms]/); s += t[1] * 60 + t[2] } print s }' "$work/times.txt")"
}

# stopwatch VAR CMD...: runs CMD and stores its wall time and CPU time
# (user and system, of all its processes), in seconds, in VAR and VAR_cpu;
# returns CMD's status. CMD runs in a background subshell so that set -e
# stops it at its first failure (it would not in `CMD || ...`).
stopwatch() {
  local var=$1 t0 c0 c1 status=0
  shift
  t0=$EPOCHREALTIME
  cpu_seconds c0
  "$@" &
  wait $! || status=$?
  cpu_seconds c1
  printf -v "$var" '%.1f' "$(awk -v a="$t0" -v b="$EPOCHREALTIME" 'BEGIN { print b - a }')"
  printf -v "${var}_cpu" '%.1f' "$(awk -v a="$c0" -v b="$c1" 'BEGIN { print b - a }')"
  return $status
}

# codebase_build VARIANT FUNCTION: runs FUNCTION DIR in a fresh
# $work/VARIANT, output to build.log there; sets build_s_VARIANT.
codebase_build() {
  local dir=$work/$1 var=build_s_$1
  mkdir -p "$dir"
  variant_flags "$1"
  stopwatch "$var" "$2" "$dir" > "$dir/build.log" 2>&1 ||
    { tail -30 "$dir/build.log"; echo "$name: the $1 build failed" >&2; exit 1; }
  local cpu=${var}_cpu
  echo "$name: $1 build ${!var} s (CPU ${!cpu} s)"
}

# codebase_test VARIANT FUNCTION: runs FUNCTION DIR, whose standard output
# (what the two variants must agree on) goes to $work/VARIANT.out and
# standard error to test.log; profiles go to $work/profiles/. Sets
# test_s_VARIANT.
codebase_test() {
  local dir=$work/$1 var=test_s_$1
  mkdir -p "$work/profiles"
  variant_flags "$1"
  LINEPROF_FILE="$work/profiles/%p.lprof" LINEPROF_QUIET=1 \
    stopwatch "$var" "$2" "$dir" > "$work/$1.out" 2> "$dir/test.log" ||
    { tail -30 "$dir/test.log"; echo "$name: the $1 build's tests failed" >&2; exit 1; }
  local cpu=${var}_cpu
  echo "$name: $1 tests ${!var} s (CPU ${!cpu} s)"
}

# profile_extent LPROF: "F functions (R run), L lines (H run)".
profile_extent() {
  "$lineprof" export --format=json "$1" | python3 -c '
import json, sys
fs = json.load(sys.stdin)["functions"]
ls = [l for f in fs for l in f["lines"]]
print(f"{len(fs)} functions ({sum(f['"'hits'"'] > 0 for f in fs)} run), "
      f"{len(ls)} lines ({sum(l['"'hits'"'] > 0 for l in ls)} run)")'
}

# codebase_report: compares the two variants' test output, merges the
# profiles and prints the summary; fails if the outputs differ.
codebase_report() {
  local n
  cmp -s "$work/plain.out" "$work/profiled.out" ||
    { diff "$work/plain.out" "$work/profiled.out" | head -20
      echo "$name: FAILED: the profiled build's tests print something else" >&2; exit 1; }
  n=$(find "$work/profiles" -name '*.lprof' | wc -l)
  [ "$n" -gt 0 ] || { echo "$name: FAILED: no profile written" >&2; exit 1; }
  "$lineprof" merge -o "$work/$name.lprof" "$work/profiles"/*.lprof
  "$lineprof" show "$work/$name.lprof" > "$work/report.txt"
  echo "$name: tests pass with the same output ($(wc -l < "$work/plain.out") lines)"
  # shellcheck disable=SC2154 # set by stopwatch, through printf -v
  awk -v n="$name" -v bp="$build_s_plain_cpu" -v bq="$build_s_profiled_cpu" \
      -v tp="$test_s_plain_cpu" -v tq="$test_s_profiled_cpu" '
    # q / p, unless p is too short to divide by (Lua'"'"'s tests: 0.0 s).
    function ratio(q, p) {
      return p < 0.05 ? "too short to compare" : sprintf("%.2fx", q / p) }
    BEGIN {
    printf "%s: CPU time: build %.1f s plain, %.1f s profiled (%s); tests %.1f s plain, %.1f s profiled (%s)\n",
      n, bp, bq, ratio(bq, bp), tp, tq, ratio(tq, tp) }'
  echo "$name: profile $(stat -c %s "$work/$name.lprof") bytes (merged from $n runs' $(du -cb "$work/profiles"/*.lprof | tail -1 | cut -f1) bytes): $(profile_extent "$work/$name.lprof")"
}
