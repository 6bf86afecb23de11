#!/usr/bin/env bash
# csmith_diff.sh - differential test of the plugin on random C programs.
#
# For N Csmith programs from a given seed: compile each plainly and with
# every function instrumented (-fplugin-arg-lineprof-all) at -O0 and -O2,
# check that clang never fails or crashes, that the instrumented IR passes
# LLVM's verifier, and that every build prints the same checksum. Programs
# that time out plainly (Csmith can generate endless loops) are skipped.
#
#   tests/csmith_diff.sh BUILD_DIR [COUNT [FIRST_SEED]]
#
# Prints one line per program and a closing "N passed, N failed" line;
# exits non-zero if any program failed. Needs csmith and libcsmith-dev.
set -u
build=$(cd "${1:?usage: csmith_diff.sh BUILD_DIR [COUNT [FIRST_SEED]]}" && pwd)
count=${2:-10}
seed=${3:-1}
lineprof="$build/bin/lineprof"
clang=$(sed -n 's/^#define LINEPROF_CLANG "\(.*\)"$/\1/p' "$build/runtime/cli/cli_config.h")
opt="$(dirname "$clang")/opt"
csmith_inc=/usr/include/csmith
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0 failed=0 skipped=0

fail() {
  echo "FAIL seed $1: $2"
  cp "$work/t.c" "${CSMITH_FAIL_DIR:-.}/csmith-fail-$1.c" 2>/dev/null
  failed=$((failed + 1))
}

# Runs a program with a time limit; prints its output (the checksum line).
run() { timeout 10 "$@" 2>/dev/null; }

check_one() {
  local s=$1 level ref out
  # csmith writes platform.info into the current directory: keep it in $work
  (cd "$work" && csmith --seed "$s" > t.c 2>/dev/null) || { fail "$s" "csmith failed"; return; }
  "$clang" -w -O0 -I"$csmith_inc" "$work/t.c" -o "$work/plain" ||
    { fail "$s" "plain build failed"; return; }
  ref=$(run "$work/plain") || { skipped=$((skipped + 1)); echo "skip seed $s: plain run timed out or failed"; return; }
  for level in -O0 -O2; do
    "$clang" -w -g $level -I"$csmith_inc" $("$lineprof" cflags) -fplugin-arg-lineprof-all \
      -c -emit-llvm "$work/t.c" -o "$work/t.bc" 2> "$work/err" ||
      { fail "$s" "instrumented $level compile failed: $(head -3 "$work/err")"; return; }
    "$opt" -passes=verify -disable-output "$work/t.bc" 2> "$work/err" ||
      { fail "$s" "verifier rejected the $level IR: $(head -3 "$work/err")"; return; }
    "$clang" -w -g $level -I"$csmith_inc" $("$lineprof" cflags) -fplugin-arg-lineprof-all \
      "$work/t.c" $("$lineprof" ldflags) -o "$work/inst" 2> "$work/err" ||
      { fail "$s" "instrumented $level build failed: $(head -3 "$work/err")"; return; }
    out=$(cd "$work" && LINEPROF_FILE="$work/t.lprof" run ./inst)
    [ "$out" = "$ref" ] || { fail "$s" "$level checksum '$out' differs from '$ref'"; return; }
    "$lineprof" show "$work/t.lprof" > /dev/null ||
      { fail "$s" "lineprof show failed on the $level profile"; return; }
  done
  echo "ok   seed $s: $ref"
  passed=$((passed + 1))
}

for ((s = seed; s < seed + count; s++)); do
  check_one "$s"
done
echo "csmith: $skipped skipped"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
