#!/usr/bin/env bash
# run.sh TARGET SECONDS - fuzzes one libFuzzer target of tests/fuzz/ (built
# by the main build, see tests/CMakeLists.txt) for SECONDS seconds, starting
# from its committed corpus. New inputs go to BUILD_DIR/tests/fuzz/work/
# TARGET/corpus, a crashing input to BUILD_DIR/tests/fuzz/work/TARGET/ (add
# it to corpus/TARGET/ once the bug is fixed); the last lines printed are
# libFuzzer's figures (executions, exec/s, coverage). Extra arguments go to
# libFuzzer, e.g. -dict=FILE or -seed=N.
#
#   tests/fuzz/run.sh fuzz_lprof 300
#   BUILD_DIR=build15 tests/fuzz/run.sh fuzz_mprof_dat 60
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ $# -lt 2 ]; then
  echo "usage: $0 TARGET SECONDS [LIBFUZZER-ARGS...]" >&2
  exit 2
fi
target=$1 seconds=$2
shift 2
BUILD_DIR=${BUILD_DIR:-build}
fuzzer="$BUILD_DIR/tests/fuzz/$target"
seeds="tests/fuzz/corpus/$target"
if [ ! -x "$fuzzer" ] || [ ! -d "$seeds" ]; then
  echo "$0: no fuzz target '$target' (built: $(ls "$BUILD_DIR"/tests/fuzz/ |
    grep '^fuzz_' | tr '\n' ' '))" >&2
  exit 2
fi
work="$BUILD_DIR/tests/fuzz/work/$target"
mkdir -p "$work/corpus"
fuzzer=$(realpath "$fuzzer") seeds=$(realpath "$seeds")
# Run where the relative source paths of fuzzed profiles name nothing: a
# function's rows go up to its last line when its source file exists.
cd "$work"
export ASAN_OPTIONS=halt_on_error=1:detect_leaks=1
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
echo "run.sh: $(date -u '+%F %T') UTC, $fuzzer, $seconds s"
# -timeout: an input taking 10 s is a hang; -rss_limit_mb: libFuzzer's default.
exec "$fuzzer" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
  -print_final_stats=1 -artifact_prefix=./ "$@" corpus "$seeds"
