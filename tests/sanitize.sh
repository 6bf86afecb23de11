#!/usr/bin/env bash
# sanitize.sh [SANITIZERS] - builds the runtime, the command and the unit
# tests (not the plugin) with -fsanitize=SANITIZERS, using the plugin LLVM's
# clang, and runs what exercises them: the unit tests and the lit tests of
# e2e/, show/, export/, merge/, mprof/, memory/ and objects/ (whose profiled
# programs lit then builds with the same sanitizers; the heap is tracked
# through the sanitizer's allocator, runtime/rt/rt_heap_sanitizer.c). Any
# report fails the run.
#
#   tests/sanitize.sh           address,undefined, in build-asan/
#   tests/sanitize.sh thread    TSan, in build-tsan/: the unit tests, the
#                               runtime's end-to-end tests (lit/e2e/: threads,
#                               fork, dlopen...), the heap tests (memory/) and
#                               lost/'s threads, fork, spawn and dlclose, with
#                               tests/tsan.supp
#   LLVM_VERSION=15 tests/sanitize.sh
set -euo pipefail
cd "$(dirname "$0")/.."
SANITIZE=${1:-address,undefined}
LLVM_VERSION=${LLVM_VERSION:-14}
if [ "$SANITIZE" = thread ]; then
  BUILD_DIR=${BUILD_DIR:-build-tsan}
  export LIT_FILTER='^lineprof :: (e2e/|memory/|lost/(threads|fork))'
else
  BUILD_DIR=${BUILD_DIR:-build-asan}
  export LIT_FILTER='^lineprof :: (e2e|show|export|merge|mprof|memory|objects)/'
fi
llvm="/usr/lib/llvm-$LLVM_VERSION"
cmake -G Ninja -S . -B "$BUILD_DIR" -DLLVM_DIR="$llvm/lib/cmake/llvm" \
  -DCMAKE_C_COMPILER="$llvm/bin/clang" -DLINEPROF_SANITIZE="$SANITIZE" \
  -DLINEPROF_FUZZ=OFF >/dev/null
cmake --build "$BUILD_DIR"
export ASAN_OPTIONS=halt_on_error=1:detect_leaks=1
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
# A fork child of a threaded program gets threads again (the runtime's
# snapshot thread, lit/lost/fork.c's own), which TSan refuses by default.
export TSAN_OPTIONS="halt_on_error=1:die_after_fork=0:suppressions=$PWD/tests/tsan.supp"
ctest --test-dir "$BUILD_DIR" --output-on-failure -R '^(unit\..*|lit)$'
