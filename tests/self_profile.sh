#!/usr/bin/env bash
# self_profile.sh - lineprof profiles itself. Builds the lineprof command in
# SELF_DIR with every function profiled by the plugin and runtime of
# BUILD_DIR (tests/self_profile.cmake), runs the lit suite against it, and
# shows lineprof's profile of itself over those tests.
#
#   tests/self_profile.sh [BUILD_DIR [SELF_DIR]]    (default: build build-self)
#
# The tests run the profiled command through a wrapper that sends its
# profile to SELF_DIR/self-profile/ (LINEPROF_FILE, one file per process)
# and keeps its standard error as the tests expect it (LINEPROF_QUIET).
# Left out: lit/run/, whose test expects the "Wrote profile results" line
# of the program `lineprof run` runs, which inherits LINEPROF_QUIET, and
# objects/gdb-commands.test, whose gdb extension runs the lineprof beside
# the runtime (SELF_DIR/bin/lineprof, not the wrapper), which then says
# where it wrote its own profile, and plugin/compile-scale.test, a CPU-time
# ratio of compiles that lineprof's own profile does not touch and that
# ctest runs alone (lit/CMakeLists.txt).
set -euo pipefail
cd "$(dirname "$0")/.."
build=$(cd "${1:-build}" && pwd)
self=$(mkdir -p "${2:-build-self}" && cd "${2:-build-self}" && pwd)
clang=$(sed -n 's/^#define LINEPROF_CLANG "\(.*\)"$/\1/p' "$build/runtime/cli/cli_config.h")

cmake -G Ninja -S . -B "$self" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_C_COMPILER="$clang" \
  -DCMAKE_PROJECT_INCLUDE="$PWD/tests/self_profile.cmake" -DLINEPROF_SELF_FROM="$build" > /dev/null
cmake --build "$self" -j2 --target lineprof lineprof_rt lineprof_rt_static make_lprof
# The tests that build profiled programs use SELF_DIR's plugin: the same
# source as BUILD_DIR's, so it is copied rather than built again.
cp "$build/lib/lineprof.so" "$self/lib/lineprof.so"

profiles="$self/self-profile"
rm -rf "$profiles" && mkdir -p "$profiles"
cat > "$self/lineprof-profiled" <<EOF
#!/bin/sh
# The profiled lineprof of $self, its profile kept apart (tests/self_profile.sh).
LINEPROF_FILE='$profiles/lineprof-%p.lprof' LINEPROF_QUIET=1 exec '$self/bin/lineprof' "\$@"
EOF
chmod +x "$self/lineprof-profiled"

lit=$(sed -n 's/^LINEPROF_LIT:FILEPATH=//p' "$self/CMakeCache.txt")
python3 "$lit" -sv "$self/lit" --param lineprof="$self/lineprof-profiled" \
  --filter-out '^lineprof :: (run/|objects/gdb-commands|plugin/compile-scale)'

"$build/bin/lineprof" merge -o "$self/lineprof.lprof" "$profiles"/*.lprof
echo "lineprof's own profile over $(ls "$profiles" | wc -l) runs: $self/lineprof.lprof"
rm -rf "$profiles"
"$build/bin/lineprof" show -z -s -m "$self/lineprof.lprof" | tail -8
