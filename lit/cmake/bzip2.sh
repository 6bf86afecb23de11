#!/usr/bin/env bash
# bzip2.sh BUILD_DIR - a shared library built whole with every function
# profiled: Debian's bzip2 source, libbz2.so (Makefile-libbz2_so) and the
# bzip2 program linked against it, plain and profiled.
#
#   lit/cmake/bzip2.sh build
#
# The tests are those of bzip2's `make test` (compress sample1-3 at -1, -2,
# -3 and decompress them, normally and with -s, against the reference
# files), run with bzip2-shared and this libbz2, then a round trip of a
# larger file; the compressed bytes must be those of the plain build. See
# codebase.sh for what is measured. Skips (exit 0) without the source.
set -euo pipefail
# shellcheck source=lit/cmake/codebase.sh
. "$(dirname "$0")/codebase.sh"
codebase_setup bzip2 "${1:-build}" bzip2

# build DIR: libbz2.so.1.0.8 and bzip2-shared, from a copy of the source.
build() {
  cp -r "$src/." "$1"
  # The library is linked with $(CC) alone: the runtime goes there.
  make -C "$1" -f Makefile-libbz2_so -j"$jobs" CC="$clang $vldflags" \
    CFLAGS="-fpic -fPIC -Wall $vcflags -D_FILE_OFFSET_BITS=64"
}

# tests DIR: make test's commands, then a 1 MB round trip.
tests() {
  local b=(env LD_LIBRARY_PATH="$1" "$1/bzip2-shared") i
  # The program must load this libbz2, not the system's.
  # (grep reads all of ldd's output: with -q, ldd could die of SIGPIPE.)
  LD_LIBRARY_PATH="$1" ldd "$1/bzip2-shared" | grep "$1/libbz2.so.1.0" > /dev/null ||
    { echo "bzip2-shared does not load $1/libbz2.so.1.0" >&2; return 1; }
  cd "$1"
  for i in 1 2 3; do
    "${b[@]}" -$i < sample$i.ref > sample$i.rb2 && cmp sample$i.bz2 sample$i.rb2
    "${b[@]}" -d < sample$i.bz2 > sample$i.tst && cmp sample$i.tst sample$i.ref
  done
  "${b[@]}" -ds < sample3.bz2 > sample3.tst && cmp sample3.tst sample3.ref
  cat /usr/share/common-licenses/* > big.txt
  "${b[@]}" -9 < big.txt > big.bz2 && "${b[@]}" -d < big.bz2 | cmp - big.txt
  md5sum sample*.rb2 big.bz2
}

codebase_build plain build
codebase_build profiled build
codebase_test plain tests
codebase_test profiled tests
codebase_report
grep -q '^Function: BZ2_compressBlock ' "$work/report.txt" ||
  { echo "bzip2: FAILED: libbz2's functions are not in the profile" >&2; exit 1; }
