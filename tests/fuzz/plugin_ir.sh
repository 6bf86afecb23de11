#!/usr/bin/env bash
# plugin_ir.sh - fuzzes the plugin's IR pass through `opt` on modules it
# was never written for: random ones from llvm-stress and, with
# --llvm-tests, every .ll of LLVM 14's own llvm/test/Transforms (Debian's
# llvm-toolchain-14 source, tests/debian_source.sh; only those files are
# unpacked, into BUILD_DIR/plugin-fuzz/llvm-tests).
#
#   tests/fuzz/plugin_ir.sh [--llvm-tests] [--llc=K] BUILD_DIR [COUNT|SECONDSs [FIRST_SEED]]
#
# COUNT llvm-stress seeds from FIRST_SEED (default 10 from 1), the size
# cycling through 25, 100, 300 and 1000 instructions; or "600s": seeds for
# 600 seconds (the LLVM tests, if asked for, come first and are not
# timed). Each input gets line locations from opt's `debugify` (modules
# with debug information of their own keep it), then goes through each
# pipeline of MODES, every function selected by `lineprof<all>`: the pass
# alone and at the start of the -O2 pipeline (where -fplugin puts it),
# with and without exact probes, each followed by `verify`. An input that
# `opt -passes=verify` or debugify rejects is skipped. A failing pipeline
# is run again without the pass: a failure there too is LLVM's (counted,
# not a finding). With --llc=K, every K-th input's module from the last
# pipeline is compiled to an object by llc, and a failure is counted when
# llc compiles the same module built without the pass.
#
# Prints "plugin_ir: ..." with the counts; keeps each failing input and
# opt's messages in BUILD_DIR/plugin-fuzz/failures/; exits non-zero on a
# crash (a signal, "LLVM ERROR"), a verifier failure, a timeout or an llc
# failure that only the pass causes. PLUGIN_IR_TIMEOUT: seconds per opt run
# (default 120); PLUGIN_IR_PIPELINES: other pipelines, separated by spaces,
# each starting with the pass.
set -euo pipefail

usage="usage: plugin_ir.sh [--llvm-tests] [--llc=K] BUILD_DIR [COUNT|SECONDSs [FIRST_SEED]]"
bin=/usr/lib/llvm-14/bin
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

inputs=0 skipped=0 instrumented=0 runs=0
crashes=0 verifier=0 timeouts=0 llvm_failures=0 llc_runs=0 llc_failures=0
started=$SECONDS

# Runs opt's pipeline $1 on $2 into $3, its messages in $4; prints ok,
# timeout, verifier or crash.
run_opt() {
  local status=0
  timeout "$timeout" "$bin/opt" -load-pass-plugin="$plugin" -passes="$1" \
    -S "$2" -o "$3" 2> "$4" || status=$?
  if [ "$status" = 0 ]; then echo ok
  elif [ "$status" = 124 ]; then echo timeout
  elif grep -qE 'Broken module found|input module is broken' "$4"; then echo verifier
  else echo crash
  fi
}

# Keeps input $1 (named $2) and the messages $3 of the failure kind $4.
keep() {
  local name=$2-$4
  cp "$1" "$failures/$name.ll"
  cp "$3" "$failures/$name.err"
  echo "plugin_ir: $4: $2 (failures/$name.ll)"
}

# Counts a failure of kind $1 of input $2 (named $3), messages in $4.
record() {
  case $1 in
    timeout) timeouts=$((timeouts + 1)) ;;
    verifier) verifier=$((verifier + 1)) ;;
    crash) crashes=$((crashes + 1)) ;;
  esac
  keep "$2" "$3" "$4" "$1"
}

# Compiles the instrumented module $1 of input $2 (named $3) with llc; a
# failure counts when llc compiles the module built by pipeline $4 alone.
try_llc() {
  llc_runs=$((llc_runs + 1))
  timeout "$timeout" "$bin/llc" -filetype=obj "$1" -o /dev/null 2> "$tmp/llc.err" &&
    return
  if [ "$(run_opt "$4" "$2" "$tmp/plain.ll" "$tmp/plain.err")" = ok ] &&
     timeout "$timeout" "$bin/llc" -filetype=obj "$tmp/plain.ll" -o /dev/null 2> /dev/null; then
    llc_failures=$((llc_failures + 1))
    keep "$2" "$3" "$tmp/llc.err" llc
  else
    llvm_failures=$((llvm_failures + 1))
  fi
}

# Runs every pipeline on the debugified input $1, named $2.
fuzz_input() {
  local i result
  inputs=$((inputs + 1))
  for i in "${!modes[@]}"; do
    runs=$((runs + 1))
    result=$(run_opt "${modes[i]}" "$1" "$tmp/out.ll" "$tmp/err")
    if [ "$result" != ok ]; then
      # The same pipeline without its first element, the pass.
      if [ "$(run_opt "${modes[i]#*,}" "$1" "$tmp/plain.ll" "$tmp/plain.err")" = ok ]; then
        record "$result" "$1" "$2" "$tmp/err"
      else
        llvm_failures=$((llvm_failures + 1))
      fi
      continue
    fi
    if [ "$i" = 0 ] && grep -q '^@lineprof.module ' "$tmp/out.ll"; then
      instrumented=$((instrumented + 1))
    fi
    if [ "$i" = $((${#modes[@]} - 1)) ] && [ "$llc_every" -gt 0 ] &&
       [ $((inputs % llc_every)) = 0 ]; then
      try_llc "$tmp/out.ll" "$1" "$2" "${modes[i]#*,}"
    fi
  done
}

# Debugifies $1 into $2; false if opt rejects $1 (it verifies its input).
debugify() {
  timeout "$timeout" "$bin/opt" -passes=debugify -S "$1" -o "$2" 2> /dev/null ||
    { skipped=$((skipped + 1)); return 1; }
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

fuzz_llvm_tests() {
  local dir file name
  dir=$(llvm_test_dir)
  while IFS= read -r -d '' file; do
    name=${file#"$dir"/*/llvm/test/}
    name=${name//\//_}
    debugify "$file" "$tmp/in.ll" && fuzz_input "$tmp/in.ll" "${name%.ll}"
  done < <(find "$dir" -name '*.ll' -print0 | sort -z)
}

# llvm-stress seeds from $seed: $1 of them, or for $1 ("600s") seconds.
fuzz_stress() {
  local count=$1 deadline=$((SECONDS + ${1%s})) size
  [ "${1%s}" = "$1" ] || count=-1
  while [ "$count" != 0 ] && { [ "$count" -gt 0 ] || [ "$SECONDS" -lt "$deadline" ]; }; do
    size=${sizes[seed % ${#sizes[@]}]}
    "$bin/llvm-stress" -seed="$seed" -size="$size" -o "$tmp/stress.ll"
    debugify "$tmp/stress.ll" "$tmp/in.ll" &&
      fuzz_input "$tmp/in.ll" "stress-seed$seed-size$size"
    seed=$((seed + 1)) count=$((count - 1))
  done
}

first_seed=$seed sources=''
[ -z "$llvm_tests" ] || { fuzz_llvm_tests; sources="LLVM's Transforms tests and "; }
fuzz_stress "$amount"
sources+="llvm-stress seeds $first_seed-$((seed - 1))"
echo "plugin_ir: $inputs inputs ($sources), $instrumented instrumented," \
  "$skipped skipped (opt rejects them);" \
  "$runs pipeline runs (${#modes[@]} pipelines): $crashes crashes, $verifier verifier failures," \
  "$timeouts timeouts, $llvm_failures failing without the pass too;" \
  "llc $llc_runs runs, $llc_failures failures; $((SECONDS - started)) s"
[ $((crashes + verifier + timeouts + llc_failures)) = 0 ]
