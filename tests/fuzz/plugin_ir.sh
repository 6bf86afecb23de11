#!/usr/bin/env bash
# plugin_ir.sh - fuzzes the plugin's IR pass through `opt` on modules it
# was never written for: random ones from llvm-stress and, with
# --llvm-tests, the .ll files of LLVM 14's own llvm/test/Transforms
# (Debian's llvm-toolchain-14 source, tests/debian_source.sh; only those
# files are unpacked, into BUILD_DIR/plugin-fuzz/llvm-tests).
#
#   tests/fuzz/plugin_ir.sh [--llvm-tests] [--llc=K] BUILD_DIR [COUNT|SECONDSs [FIRST_SEED]]
#
# COUNT llvm-stress seeds from FIRST_SEED (default 10 from 1), the size
# cycling through 25, 100, 300 and 1000 instructions; or "600s": as many
# inputs as 600 seconds allow (LLVM's tests first, in a fixed shuffled
# order, then seeds). Each pipeline starts with opt's `debugify`, which gives
# every instruction a line of its own (a module with debug information
# keeps its own), then the pass with every function selected
# (`lineprof<all>`), alone or at the start of the -O2 pipeline (where
# -fplugin puts it), with and without exact probes, and `verify`. An input
# that fails the first pipeline without the pass too (opt rejects it, or
# debugify fails) is skipped. A later failing pipeline is run again without
# the pass (5 times after a crash: some of LLVM's crash only now and then):
# a failure there too is LLVM's (counted, not a finding). With
# --llc=K, every K-th input's module from the last pipeline is compiled to
# an object by llc, and a failure is counted when llc compiles the same
# module built without the pass.
#
# Prints "plugin_ir: ..." with the counts; keeps each failing input and
# opt's messages (the pipeline first) in BUILD_DIR/plugin-fuzz/failures/;
# exits non-zero on a crash (a signal, "LLVM ERROR"), a verifier failure, a
# timeout or an llc failure that only the pass causes. LLVM_BIN: where
# opt, llc and llvm-stress are (default /usr/lib/llvm-14/bin: LLVM's tests
# are 14's); PLUGIN_IR_TIMEOUT: seconds per opt run (default 120);
# PLUGIN_IR_PIPELINES: other pipelines, separated by spaces, each the pass
# and what follows it; PLUGIN_IR_TESTS: a regular expression, only LLVM's
# tests whose path matches it (e.g. /Coroutines/); PLUGIN_IR_RANGE=FROM-TO:
# only the tests at those places of the shuffled order (from 1; to go on
# where a timed run stopped, or to share the tests among processes).
set -euo pipefail

usage="usage: plugin_ir.sh [--llvm-tests] [--llc=K] BUILD_DIR [COUNT|SECONDSs [FIRST_SEED]]"
bin=${LLVM_BIN:-/usr/lib/llvm-14/bin}
modes=('lineprof<all>,verify' 'lineprof<exact;all>,verify'
       'lineprof<all>,default<O2>,verify' 'lineprof<exact;all>,default<O2>,verify')
[ -z "${PLUGIN_IR_PIPELINES:-}" ] || read -ra modes <<< "$PLUGIN_IR_PIPELINES"
sizes=(25 100 300 1000)
timeout=${PLUGIN_IR_TIMEOUT:-120}

llvm_tests='' llc_every=0
while [ $# -gt 0 ]; do
  case $1 in
    --llvm-tests) llvm_tests=1 ;;
    --llc=*) llc_every=${1#--llc=} ;;
    -*) echo "$usage" >&2; exit 2 ;;
    *) break ;;
  esac
  shift
done
if [ $# -lt 1 ] || [ $# -gt 3 ]; then echo "$usage" >&2; exit 2; fi
build=$(cd "$1" && pwd)
amount=${2:-10} seed=${3:-1}
plugin=$build/lib/lineprof.so
[ -f "$plugin" ] || { echo "plugin_ir.sh: no $plugin (build lineprof first)" >&2; exit 1; }
work=$build/plugin-fuzz
failures=$work/failures
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$failures"

inputs=0 skipped=0 instrumented=0 runs=0 tests_done=0 tests_total=0
crashes=0 verifier=0 timeouts=0 llvm_failures=0 llc_runs=0 llc_failures=0
started=$SECONDS deadline=''
[ "${amount%s}" = "$amount" ] || deadline=$((SECONDS + ${amount%s}))

in_time() { [ -z "$deadline" ] || [ "$SECONDS" -lt "$deadline" ]; }

# Runs `debugify,$1` on $2 into $3, its messages in $4; prints ok,
# timeout, verifier or crash.
run_opt() {
  local status=0
  { timeout "$timeout" "$bin/opt" -load-pass-plugin="$plugin" \
      -passes="debugify,$1" -S "$2" -o "$3" 2> "$4"; } 2> /dev/null || status=$?
  if [ "$status" = 0 ]; then echo ok
  elif [ "$status" = 124 ]; then echo timeout
  elif grep -q 'Broken module found' "$4"; then echo verifier
  else echo crash
  fi
}

# Whether pipeline $2 without the pass passes on input $3 where the pass's
# failed with kind $1. After a crash it must pass 5 times: LLVM 14 corrupts
# its heap on some inputs without the pass (debugify then the coroutine
# passes of -O2: a double free when opt destroys its context), and whether
# glibc notices varies from run to run.
# After a verifier failure, debugify's output alone must also pass the
# verifier in an opt of its own: some of LLVM's tests hold debug
# information that debugify's new subprograms contradict, and without the
# pass the pipeline's verify passes only because nothing invalidated its
# result from before debugify. (Reading such a module, opt drops its debug
# information with a warning and goes on.)
plain_passes() {
  local tries=1 n
  [ "$1" != crash ] || tries=5
  for ((n = 0; n < tries; n++)); do
    [ "$(run_opt "$2" "$3" "$tmp/plain.ll" "$tmp/plain.err")" = ok ] || return 1
  done
  [ "$1" != verifier ] || debugify_verifies "$3"
}

# Whether debugify's output of input $1, read by another opt, is valid.
debugify_verifies() {
  timeout "$timeout" "$bin/opt" -passes=debugify -S "$1" -o "$tmp/debugify.ll" \
    > /dev/null 2>&1 &&
    timeout "$timeout" "$bin/opt" -passes=verify -disable-output "$tmp/debugify.ll" \
      > "$tmp/debugify.err" 2>&1 &&
    ! grep -q 'invalid debug info' "$tmp/debugify.err"
}

# Keeps input $1 (named $2) and the messages $3 of the failure kind $4 of
# pipeline $5.
keep() {
  local name=$2-$4
  cp "$1" "$failures/$name.ll"
  { echo "pipeline: debugify,$5"; cat "$3"; } > "$failures/$name.err"
  echo "plugin_ir: $4: $2, debugify,$5 (failures/$name.ll)"
}

# Counts a failure of kind $1 of input $2 (named $3), messages in $4, of
# pipeline $5.
record() {
  case $1 in
    timeout) timeouts=$((timeouts + 1)) ;;
    verifier) verifier=$((verifier + 1)) ;;
    crash) crashes=$((crashes + 1)) ;;
  esac
  keep "$2" "$3" "$4" "$1" "$5"
}

# Compiles the instrumented module $1 of input $2 (named $3) with llc; a
# failure counts when llc compiles the module built by pipeline $4 alone.
try_llc() {
  llc_runs=$((llc_runs + 1))
  { timeout "$timeout" "$bin/llc" -filetype=obj "$1" -o /dev/null 2> "$tmp/llc.err"; } 2> /dev/null &&
    return
  if [ "$(run_opt "$4" "$2" "$tmp/plain.ll" "$tmp/plain.err")" = ok ] &&
     { timeout "$timeout" "$bin/llc" -filetype=obj "$tmp/plain.ll" -o /dev/null; } 2> /dev/null; then
    llc_failures=$((llc_failures + 1))
    keep "$2" "$3" "$tmp/llc.err" llc "$4, then llc"
  else
    llvm_failures=$((llvm_failures + 1))
  fi
}

# Runs every pipeline on input $1, named $2.
fuzz_input() {
  local i result plain
  for i in "${!modes[@]}"; do
    result=$(run_opt "${modes[i]}" "$1" "$tmp/out.ll" "$tmp/err")
    if [ "$result" != ok ]; then
      # The same pipeline without the pass.
      plain=${modes[i]#*,}
      if plain_passes "$result" "$plain" "$1"; then
        [ "$i" != 0 ] || inputs=$((inputs + 1))
        runs=$((runs + 1))
        record "$result" "$1" "$2" "$tmp/err" "${modes[i]}"
      elif [ "$i" = 0 ]; then
        skipped=$((skipped + 1))
        return
      else
        runs=$((runs + 1)) llvm_failures=$((llvm_failures + 1))
      fi
      continue
    fi
    runs=$((runs + 1))
    if [ "$i" = 0 ]; then
      inputs=$((inputs + 1))
      grep -q '^@lineprof.module ' "$tmp/out.ll" && instrumented=$((instrumented + 1))
    fi
    if [ "$i" = $((${#modes[@]} - 1)) ] && [ "$llc_every" -gt 0 ] &&
       [ $((inputs % llc_every)) = 0 ]; then
      try_llc "$tmp/out.ll" "$1" "$2" "${modes[i]#*,}"
    fi
  done
}

# LLVM's Transforms tests, unpacked once from the Debian source package.
llvm_test_dir() {
  local tests=$work/llvm-tests src
  if [ ! -d "$tests" ]; then
    src=$("$(dirname "$0")/../debian_source.sh" --download-only "$work/deb" llvm-toolchain-14)
    mkdir -p "$tests.part"
    tar -xJf "$src"/llvm-toolchain-14_*.orig.tar.xz -C "$tests.part" \
      --wildcards '*/llvm/test/Transforms/*.ll'
    mv "$tests.part" "$tests"
  fi
  echo "$tests"
}

# LLVM's tests in a fixed shuffled order (a time limit then samples all
# the passes' directories).
fuzz_llvm_tests() {
  local dir file name
  dir=$(llvm_test_dir)
  find -L "$dir" -name '*.ll' -print0 | sort -z |
    grep -zE -- "${PLUGIN_IR_TESTS:-.}" |
    shuf -z --random-source=<(yes 2> /dev/null) > "$tmp/tests"
  if [ -n "${PLUGIN_IR_RANGE:-}" ]; then
    tr '\0\n' '\n\0' < "$tmp/tests" |
      sed -n "${PLUGIN_IR_RANGE%-*},${PLUGIN_IR_RANGE#*-}p" |
      tr '\0\n' '\n\0' > "$tmp/range"
    mv "$tmp/range" "$tmp/tests"
  fi
  tests_total=$(tr -cd '\0' < "$tmp/tests" | wc -c)
  while in_time && IFS= read -r -d '' file; do
    name=${file#"$dir"/*/llvm/test/}
    name=${name//\//_}
    fuzz_input "$file" "${name%.ll}"
    tests_done=$((tests_done + 1))
  done < "$tmp/tests"
}

# llvm-stress seeds from $seed: COUNT of them, or until the deadline.
fuzz_stress() {
  local count=$amount size
  [ -z "$deadline" ] || count=-1
  while [ "$count" != 0 ] && in_time; do
    size=${sizes[seed % ${#sizes[@]}]}
    "$bin/llvm-stress" -seed="$seed" -size="$size" -o "$tmp/stress.ll"
    fuzz_input "$tmp/stress.ll" "stress-seed$seed-size$size"
    seed=$((seed + 1)) count=$((count - 1))
  done
}

first_seed=$seed sources=''
if [ -n "$llvm_tests" ]; then
  fuzz_llvm_tests
  sources="$tests_done of LLVM's $tests_total Transforms tests${PLUGIN_IR_RANGE:+ (places $PLUGIN_IR_RANGE)} and "
fi
fuzz_stress
sources+="llvm-stress seeds $first_seed-$((seed - 1))"
echo "plugin_ir: $inputs inputs ($sources), $instrumented instrumented," \
  "$skipped skipped (rejected without the pass);" \
  "$runs pipeline runs (${#modes[@]} pipelines): $crashes crashes, $verifier verifier failures," \
  "$timeouts timeouts, $llvm_failures failing without the pass too;" \
  "llc $llc_runs runs, $llc_failures failures; $((SECONDS - started)) s"
[ $((crashes + verifier + timeouts + llc_failures)) = 0 ]
