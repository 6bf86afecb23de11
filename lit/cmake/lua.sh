#!/usr/bin/env bash
# lua.sh BUILD_DIR - Lua 5.4 built whole with every function profiled:
# Debian's lua5.4 source (upstream's Makefile: Debian's patches are not
# applied), the interpreter and luac, plain and profiled.
#
#   lit/cmake/lua.sh build
#
# Debian's source has no Lua test suite, so the tests are
# Inputs/lua-tests.lua (numbers, strings and patterns, sorting, closures,
# metatables, coroutines, errors, load, goto, the collector, io), run
# directly and compiled by luac, whose bytecode must be byte for byte the
# plain build's. See codebase.sh for what is measured. Skips (exit 0)
# without the source.
set -euo pipefail
# shellcheck source=lit/cmake/codebase.sh
. "$(dirname "$0")/codebase.sh"
tests_lua=$here/Inputs/lua-tests.lua
codebase_setup lua "${1:-build}" lua5.4 --skip-patches

# build DIR: lua and luac, from a copy of the source.
build() {
  cp -r "$src/." "$1"
  make -C "$1/src" -j"$jobs" linux-noreadline CC="$clang -std=gnu99" \
    MYCFLAGS="$vcflags" MYLDFLAGS="$vldflags"
}

# tests DIR: the script run from source and from luac's bytecode.
tests() {
  "$1/src/lua" "$tests_lua"
  "$1/src/luac" -o "$1/tests.luac" "$tests_lua"
  "$1/src/lua" "$1/tests.luac"
  md5sum < "$1/tests.luac"
}

codebase_build plain build
codebase_build profiled build
codebase_test plain tests
codebase_test profiled tests
codebase_report
