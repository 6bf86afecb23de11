#!/usr/bin/env bash
# test.sh - the README's second command: builds what changed and runs the
# whole suite (runtime and command unit tests, and the lit suite) under ctest.
set -euo pipefail
cd "$(dirname "$0")"
BUILD_DIR=${BUILD_DIR:-build}
[ -f "$BUILD_DIR/build.ninja" ] || ./setup.sh --no-demo
cmake --build "$BUILD_DIR"
ctest --test-dir "$BUILD_DIR" --output-on-failure "$@"
