#!/usr/bin/env bash
# csmith_diff.sh - differential test of the plugin on random C programs.
#
# For COUNT Csmith programs (seed i = FIRST_SEED + i): build each plainly and
# with every function instrumented (-fplugin-arg-lineprof-all) at each
# optimisation level, and run the instrumented builds in each timer mode:
#
#   exact   exact probes (lineprof cflags --exact), LINEPROF_TIMER=exact
#   sample  default probes (lineprof cflags),       LINEPROF_TIMER=sample
#   off     default probes,                         LINEPROF_TIMER=off
#   heap    exact probes, LINEPROF_MEMORY=heap (memory needs timed calls)
#   counted default probes with every line counted (-mllvm
#           -lineprof-derived-hits=0: no hits derived from other lines'),
#           LINEPROF_TIMER=off
#
# Each (level, mode) must compile without a clang failure or crash, pass
# LLVM's verifier (on the instrumented IR, which is then compiled without
# running the optimiser again), print the checksum of the plain build at
# the same level, write a profile that `lineprof show` reads, and count
# the same Hits as the other modes at that level, its report's Timer: line
# naming the mode. Programs whose plain -O0 run exceeds the time limit
# (Csmith can generate endless loops) are skipped. Failing programs are
# kept as csmith-fail-SEED.c.
#
#   tests/csmith_diff.sh BUILD_DIR [COUNT [FIRST_SEED]]
#
# Environment: CSMITH_LEVELS ("O0 O2 O3"), CSMITH_MODES ("exact sample off
# heap"), CSMITH_JOBS (programs at a time, 1 or 2; default 1),
# CSMITH_TIMEOUT (seconds for the plain run, default 10; instrumented runs
# get CSMITH_SLOWDOWN (20) times as long), CSMITH_FAIL_DIR (default .),
# CSMITH_LOG (keep the full log there; `csmith_diff.sh --summary LOG`
# summarises a log, even of a run still going).
#
# Prints one line per program, then a summary line per (level, mode) and
# "csmith: N programs, N passed, N failed, N skipped", the failures per kind
# (compile, verifier, codegen, run, checksum, show, timer, hits) and the failing
# seeds; exits non-zero if any program failed. Needs csmith and
# libcsmith-dev.
set -euo pipefail

usage="usage: csmith_diff.sh BUILD_DIR [COUNT [FIRST_SEED]]"
levels=${CSMITH_LEVELS:-O0 O2 O3}
modes=${CSMITH_MODES:-exact sample off heap counted}
limit=${CSMITH_TIMEOUT:-10}
slowdown=${CSMITH_SLOWDOWN:-20}
csmith_inc=/usr/include/csmith

# setup BUILD_DIR: the tools of a lineprof build.
setup() {
  build=$(cd "$1" && pwd)
  lineprof="$build/bin/lineprof"
  clang=$(sed -n 's/^#define LINEPROF_CLANG "\(.*\)"$/\1/p' "$build/runtime/cli/cli_config.h")
  opt="$(dirname "$clang")/opt"
  read -ra cflags <<< "$("$lineprof" cflags) -fplugin-arg-lineprof-all"
  read -ra exact_cflags <<< "$("$lineprof" cflags --exact) -fplugin-arg-lineprof-all"
  read -ra ldflags <<< "$("$lineprof" ldflags)"
}

# result SEED LEVEL MODE STATUS [DETAIL]: one line of the program's log.
result() { echo "$1 $2 $3 $4${5:+ $5}"; }

# probes MODE: which build a timer mode runs.
probes() {
  case $1 in exact | heap) echo exact ;; counted) echo counted ;; *) echo default ;; esac
}

# needed PROBES: whether a mode of $modes runs that build.
needed() {
  local mode
  for mode in $modes; do [ "$(probes "$mode")" = "$1" ] && return 0; done
  return 1
}

# mode_env MODE: the environment a timer mode runs with.
mode_env() {
  case $1 in
    exact) echo LINEPROF_TIMER=exact ;;
    sample) echo LINEPROF_TIMER=sample ;;
    off | counted) echo LINEPROF_TIMER=off ;;
    heap) echo LINEPROF_MEMORY=heap ;;
  esac
}

# build_inst LEVEL PROBES: instrumented IR, verified, then compiled and
# linked as inst-LEVEL-PROBES. Prints a failure kind and detail on error.
build_inst() {
  local level=$1 kind=$2 exe="inst-$1-$2"
  local -a flags=("${cflags[@]}")
  [ "$kind" = exact ] && flags=("${exact_cflags[@]}")
  [ "$kind" = counted ] && flags+=(-mllvm -lineprof-derived-hits=0)
  "$clang" -w -g "-$level" -I"$csmith_inc" "${flags[@]}" -c -emit-llvm t.c -o "$exe.bc" 2> "$exe.err" ||
    { echo "compile: $(head -c 300 "$exe.err" | tr '\n' ' ')"; return 1; }
  "$opt" -passes=verify -disable-output "$exe.bc" 2> "$exe.err" ||
    { echo "verifier: $(head -c 300 "$exe.err" | tr '\n' ' ')"; return 1; }
  "$clang" -w -g "-$level" -Xclang -disable-llvm-passes -c "$exe.bc" -o "$exe.o" 2> "$exe.err" &&
    "$clang" "$exe.o" "${ldflags[@]}" -o "$exe" 2> "$exe.err" ||
    { echo "codegen: $(head -c 300 "$exe.err" | tr '\n' ' ')"; return 1; }
}

# timer_header MODE: what the report's Timer: line says in that mode.
timer_header() {
  case $1 in
    exact) echo 'Timer: exact($|,)' ;;
    sample) echo 'Timer: sampled' ;;
    off | counted) echo 'Timer: off' ;;
    heap) echo 'Timer: exact \(memory is measured\)' ;;
  esac
}

# hits REPORT: every (function, line, Hits) of a `lineprof show` report.
hits() {
  awk '/^Function: / { f = $2 } f && $1 ~ /^[0-9]+$/ && $2 ~ /^[0-9]+$/ { print f, $1, $2 }' "$1"
}

# run_mode SEED LEVEL MODE REF: runs one instrumented build in one mode.
run_mode() {
  local s=$1 level=$2 mode=$3 ref=$4 exe out
  exe="inst-$level-$(probes "$mode")"
  out=$(env "$(mode_env "$mode")" LINEPROF_FILE="$PWD/$level-$mode.lprof" \
        timeout $((limit * slowdown)) "./$exe" 2> "$level-$mode.err") ||
    { result "$s" "$level" "$mode" FAIL "run: status $? $(head -c 200 "$level-$mode.err" | tr '\n' ' ')"; return 1; }
  [ "$out" = "$ref" ] ||
    { result "$s" "$level" "$mode" FAIL "checksum: '$out' instead of '$ref'"; return 1; }
  "$lineprof" show -z "$level-$mode.lprof" > "$level-$mode.txt" 2>&1 &&
    hits "$level-$mode.txt" > "$level-$mode.hits" && [ -s "$level-$mode.hits" ] ||
    { result "$s" "$level" "$mode" FAIL "show: no report of $level-$mode.lprof"; return 1; }
  grep -Eq "^$(timer_header "$mode")" "$level-$mode.txt" ||
    { result "$s" "$level" "$mode" FAIL "timer: $(grep '^Timer:' "$level-$mode.txt")"; return 1; }
  if [ -f "$level.hits" ]; then
    cmp -s "$level.hits" "$level-$mode.hits" ||
      { result "$s" "$level" "$mode" FAIL "hits: differ from the first mode's"; return 1; }
  else
    cp "$level-$mode.hits" "$level.hits"
  fi
  result "$s" "$level" "$mode" ok
}

# check_level SEED LEVEL REF: builds and runs every mode at one level.
check_level() {
  local s=$1 level=$2 ref=$3 plain mode kind why bad=0
  "$clang" -w "-$level" -I"$csmith_inc" t.c -o "plain-$level" 2> /dev/null &&
    plain=$(timeout "$limit" "./plain-$level" 2> /dev/null) ||
    { result "$s" "$level" plain skip "plain -$level build or run failed"; return 0; }
  [ "$plain" = "$ref" ] || result "$s" "$level" plain note "plain -$level prints '$plain', -O0 '$ref'"
  for kind in default exact counted; do
    needed "$kind" || continue
    why=$(build_inst "$level" "$kind") && continue
    for mode in $modes; do
      [ "$(probes "$mode")" = "$kind" ] && result "$s" "$level" "$mode" FAIL "$why"
    done
    bad=1
  done
  for mode in $modes; do
    [ -x "inst-$level-$(probes "$mode")" ] || continue
    run_mode "$s" "$level" "$mode" "$plain" || bad=1
  done
  return $bad
}

# check_one SEED: every level and mode of one program; prints its log lines.
check_one() {
  local s=$1 ref level bad=0 dir
  dir=$(mktemp -d "$work/$s.XXXX")
  cd "$dir"
  # csmith writes platform.info into the current directory: keep it here
  csmith --seed "$s" > t.c 2> /dev/null || { result "$s" - - FAIL "csmith failed"; return; }
  "$clang" -w -O0 -I"$csmith_inc" t.c -o plain 2> /dev/null ||
    { result "$s" - - skip "plain -O0 build failed"; return; }
  ref=$(timeout "$limit" ./plain 2> /dev/null) ||
    { result "$s" - - skip "plain -O0 run timed out or failed"; return; }
  for level in $levels; do
    check_level "$s" "$level" "$ref" || bad=1
  done
  if [ "$bad" -eq 0 ]; then
    result "$s" - - pass "$ref"
  else
    cp t.c "$fail_dir/csmith-fail-$s.c"
    result "$s" - - FAIL "kept as $fail_dir/csmith-fail-$s.c"
  fi
  cd "$work" && rm -rf "$dir"
}

# summary LOG: the closing lines, per (level, mode) and overall.
summary() {
  awk '$2 == "-" { p++; n[$4]++; if ($4 == "FAIL") seeds = seeds " " $1; next }
       $4 == "ok" || $4 == "FAIL" { cat[$2 " " $3] = 1; m[$2 " " $3, $4]++ }
       $4 == "FAIL" { k = $5; sub(/:$/, "", k); kind[k]++ }
       $4 == "note" || $4 == "skip" { notes++ }
       END {
         for (c in cat) printf "csmith: %-10s %d ok, %d failed\n", c, m[c, "ok"], m[c, "FAIL"] | "sort"
         close("sort")
         if (notes) printf "csmith: %d notes (the plain build differs between levels)\n", notes
         printf "csmith: %d programs, %d passed, %d failed, %d skipped\n", p, n["pass"], n["FAIL"], n["skip"]
         for (k in kind) printf "csmith: %d failures of kind %s\n", kind[k], k
         if (seeds) print "csmith: failing seeds:" seeds " (one again: csmith_diff.sh BUILD_DIR 1 SEED)"
       }' "$1"
}

if [ "${1:-}" = --summary ]; then
  summary "$2"
  exit 0
fi
if [ "${1:-}" = --one ]; then
  setup "$2"; work=$3 fail_dir=$4
  check_one "$5"
  exit 0
fi
[ $# -ge 1 ] || { echo "$usage" >&2; exit 2; }
count=${2:-10} first=${3:-1} jobs=${CSMITH_JOBS:-1}
[ "$jobs" -le 2 ] || jobs=2
setup "$1"
fail_dir=$(mkdir -p "${CSMITH_FAIL_DIR:-.}" && cd "${CSMITH_FAIL_DIR:-.}" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
log=${CSMITH_LOG:-$work/log}
start=$SECONDS
seq "$first" $((first + count - 1)) |
  xargs -P "$jobs" -I{} "$0" --one "$build" "$work" "$fail_dir" {} |
  tee "$log" | awk '$2 == "-" || $4 == "FAIL" || $4 == "note" { print; fflush() }'
summary "$log"
echo "csmith: seeds $first-$((first + count - 1)), levels $levels, modes $modes, $((SECONDS - start)) s"
! grep -q ' FAIL' "$log"
