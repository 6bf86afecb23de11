#!/usr/bin/env bash
# sqlite.sh BUILD_DIR - SQLite built whole with every function profiled:
# the amalgamation made from Debian's sqlite3 source (tclsh needed;
# bench/compile/sqlite.sh makes it), compiled with its shell and
# speedtest1, plain and profiled.
#
#   lit/cmake/sqlite.sh build
#
# The tests are SQLite's speedtest1 (--size 25 --verify: its verification
# hash and test list, timings aside) and Inputs/sqlite-tests.sql through the
# shell (windows, joins, JSON, FTS4, R-tree, math, savepoints,
# integrity_check). See codebase.sh for what is measured. Skips (exit 0)
# without the source or tclsh.
set -euo pipefail
# shellcheck source=lit/cmake/codebase.sh
. "$(dirname "$0")/codebase.sh"
codebase_setup sqlite "${1:-build}" sqlite3
skipped=()
# shellcheck source=bench/compile/sqlite.sh
. "$repo/bench/compile/sqlite.sh" # sqlite_amalgamation: sets $sqlite
sqlite_amalgamation || codebase_skip "${skipped[*]}"
(cd "$sqlite" && make shell.c > make-shell.log 2>&1) || codebase_skip "make shell.c failed"
defines="-DSQLITE_ENABLE_FTS4 -DSQLITE_ENABLE_RTREE -DSQLITE_ENABLE_MATH_FUNCTIONS"

# cc DIR SOURCE: compiles one file of the amalgamation's directory.
cc() {
  # shellcheck disable=SC2086 # the flags are lists of words
  "$clang" $vcflags $defines -I"$sqlite" -c "$2" -o "$1/$(basename "$2" .c).o"
}

# build DIR: sqlite3.o (alongside the two small files), then the programs.
build() {
  cc "$1" "$sqlite/sqlite3.c" &
  cc "$1" "$sqlite/shell.c" && cc "$1" "$sqlite_src/test/speedtest1.c"
  wait $!
  # shellcheck disable=SC2086
  "$clang" "$1/shell.o" "$1/sqlite3.o" $vldflags -lpthread -ldl -lm -o "$1/sqlite3" &&
    "$clang" "$1/speedtest1.o" "$1/sqlite3.o" $vldflags -lpthread -ldl -lm -o "$1/speedtest1"
}

# tests DIR: speedtest1 and the SQL script.
tests() {
  (cd "$1" && ./speedtest1 --size 25 --verify speedtest.db) | sed 's/ *[0-9.]*s$//'
  "$1/sqlite3" "$1/tests.db" < "$here/Inputs/sqlite-tests.sql"
}

codebase_build plain build
codebase_build profiled build
codebase_test plain tests
codebase_test profiled tests
codebase_report
grep -q 'Verification Hash' "$work/plain.out" ||
  { echo "sqlite: FAILED: speedtest1 printed no verification hash" >&2; exit 1; }
