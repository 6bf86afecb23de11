#!/usr/bin/env bash
# zlib.sh BUILD_DIR - the toolchain file on a real open-source CMake project:
# zlib, unmodified, from Debian's source package.
#
#   lit/cmake/zlib.sh build
#
# Fetches Debian 12's zlib source with `apt-get source` through a private
# deb-src list (the machine's apt configuration is not touched), builds it
# with lineprof-toolchain.cmake and -DLINEPROF_FUNCTIONS="deflate_slow;
# longest_match", runs zlib's own tests and minigzip, and checks the report.
# Not part of the lit suite, which needs no network: .ci/run calls it, and
# it skips (exit 0, with a message) when the source cannot be downloaded.
set -euo pipefail
build=$(cd "${1:-build}" && pwd)
work="$build/zlib-real-project"
toolchain="$build/lib/cmake/LineProf/lineprof-toolchain.cmake"
lineprof="$build/bin/lineprof"
[ -f "$toolchain" ] || { echo "zlib.sh: no $toolchain (build lineprof first)" >&2; exit 1; }

rm -rf "$work" && mkdir -p "$work/apt/lists/partial" "$work/apt/sources.list.d" "$work/src"
cd "$work"
# deb-src entries for the archives this machine's apt already uses (both
# one-line and deb822 styles), in a private configuration.
grep -hs '^deb ' /etc/apt/sources.list /etc/apt/sources.list.d/*.list |
  sed 's/^deb /deb-src /' > apt/sources.list || true
for f in /etc/apt/sources.list.d/*.sources; do
  [ -f "$f" ] && { sed 's/^Types:.*/Types: deb-src/' "$f"; echo; }
done > apt/sources.list.d/src.sources
apt=(-o Dir::Etc::SourceList="$work/apt/sources.list"
     -o Dir::Etc::SourceParts="$work/apt/sources.list.d"
     -o Dir::State::Lists="$work/apt/lists" -o APT::Sandbox::User=root)
if ! command -v dpkg-source > /dev/null; then
  echo "zlib.sh: SKIPPED: dpkg-source missing (apt-get install dpkg-dev)"; exit 0
fi
if ! apt-get "${apt[@]}" update -qq > apt/update.log 2>&1 ||
   ! (cd src && apt-get "${apt[@]}" source --download-only -qq zlib > ../apt/source.log 2>&1); then
  echo "zlib.sh: SKIPPED: cannot download Debian's zlib source (see $work/apt/*.log)"; exit 0
fi
(cd src && dpkg-source -q -x zlib_*.dsc zlib > ../apt/dpkg-source.log 2>&1)
# Debian's repack drops win32/, but zlib's CMakeLists.txt lists
# win32/zlib1.rc as a source of the shared library even on Linux (and
# ignores it there): without the file zlib's CMake build fails with or
# without lineprof.
[ -f src/zlib/win32/zlib1.rc ] || { mkdir -p src/zlib/win32 && : > src/zlib/win32/zlib1.rc; }

cmake -G Ninja -S src/zlib -B zb -DCMAKE_TOOLCHAIN_FILE="$toolchain" \
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
