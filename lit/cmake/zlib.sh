#!/usr/bin/env bash
# zlib.sh BUILD_DIR - the toolchain file on a real open-source CMake project:
# zlib, unmodified, from Debian's source package.
#
#   lit/cmake/zlib.sh build
#
# Fetches Debian 12's zlib source (tests/debian_source.sh), builds it
# with lineprof-toolchain.cmake and -DLINEPROF_FUNCTIONS="deflate_slow;
# longest_match", runs zlib's own tests and minigzip, and checks the report.
# Not part of the lit suite, which needs no network: .ci/run calls it, and
# it skips (exit 0, with a message) when the source cannot be downloaded.
set -euo pipefail
tests=$(cd "$(dirname "$0")/../../tests" && pwd)
build=$(cd "${1:-build}" && pwd)
work="$build/zlib-real-project"
toolchain="$build/lib/cmake/LineProf/lineprof-toolchain.cmake"
lineprof="$build/bin/lineprof"
[ -f "$toolchain" ] || { echo "zlib.sh: no $toolchain (build lineprof first)" >&2; exit 1; }

rm -rf "$work" && mkdir -p "$work"
cd "$work"
src=$("$tests/debian_source.sh" "$work" zlib) ||
  { echo "zlib.sh: SKIPPED: the source cannot be had (above)"; exit 0; }
# Debian's repack drops win32/, but zlib's CMakeLists.txt lists
# win32/zlib1.rc as a source of the shared library even on Linux (and
# ignores it there): without the file zlib's CMake build fails with or
# without lineprof.
[ -f "$src/win32/zlib1.rc" ] || { mkdir -p "$src/win32" && : > "$src/win32/zlib1.rc"; }

cmake -G Ninja -S "$src" -B zb -DCMAKE_TOOLCHAIN_FILE="$toolchain" \
  "-DLINEPROF_FUNCTIONS=deflate_slow;longest_match" > configure.log 2>&1 ||
  { tail -30 configure.log; exit 1; }
cmake --build zb > build.log 2>&1 || { tail -30 build.log; exit 1; }
(cd zb && ctest --output-on-failure > ../ctest.log) || { cat ctest.log; exit 1; }
cat /usr/share/common-licenses/GPL-3 /usr/share/common-licenses/GPL-2 > input.txt
(cd zb && ./minigzip < ../input.txt > ../input.txt.gz 2> minigzip.err)
gzip -dc input.txt.gz | cmp - input.txt
"$lineprof" show zb/minigzip.lprof > report.txt

# Both functions are in the report, with Hits on their loops.
for f in deflate_slow longest_match; do
  grep -q "^Function: $f at line" report.txt || { echo "zlib.sh: $f not in report" >&2; exit 1; }
done
[ "$(grep -c '^Function:' report.txt)" -eq 2 ] || { echo "zlib.sh: other functions profiled" >&2; exit 1; }
awk '/^Function: longest_match/ {f=1} f && /\} while \(\(cur_match = prev/ {print; exit}' report.txt |
  awk '{ if ($2 + 0 < 1000) exit 1 }' || { echo "zlib.sh: no Hits on longest_match's chain loop" >&2; exit 1; }
echo "zlib.sh: zlib $(sed -n "s/^Version: //p" src/zlib_*.dsc) built with the toolchain file; zlib's tests pass; report:"
grep -E '^(Total time|Function)' report.txt
