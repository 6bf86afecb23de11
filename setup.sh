#!/usr/bin/env bash
# setup.sh - the README's first command: installs what is missing on Debian
# 12 (as root, or through sudo), builds lineprof, then compiles
# examples/primes.c with the plugin, runs it and prints its report.
#
#   LLVM_VERSION=15 ./setup.sh   builds against another LLVM (14 by default;
#                                15 and 16 too), installing its packages
#   BUILD_DIR=build16 ./setup.sh the build tree (build by default)
#   BUILD_TYPE=Release ./setup.sh CMAKE_BUILD_TYPE (else the tree's, at first
#                                RelWithDebInfo; Debug and MinSizeRel too)
#   ./setup.sh --no-demo         builds only
set -euo pipefail
cd "$(dirname "$0")"
LLVM_VERSION=${LLVM_VERSION:-14}
BUILD_DIR=${BUILD_DIR:-build}
BUILD_TYPE=${BUILD_TYPE:-}

packages=(cmake ninja-build python3 "clang-$LLVM_VERSION" "llvm-$LLVM_VERSION-dev"
          "libclang-$LLVM_VERSION-dev" libxml2-dev libxml2-utils valgrind
          python3-memory-profiler make pkg-config groff-base csmith libcsmith-dev
          gdb nodejs libprotobuf-c-dev protobuf-c-compiler zlib1g-dev golang-go
          lcov)
# libFuzzer and the sanitizer runtimes (tests/fuzz/, tests/sanitize.sh): a
# package of their own but for LLVM 15, where clang-15's dependencies have them.
[ "$LLVM_VERSION" = 15 ] || packages+=("libclang-rt-$LLVM_VERSION-dev")

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
    missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo=sudo
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null
fi

cmake -G Ninja -S . -B "$BUILD_DIR" ${BUILD_TYPE:+-DCMAKE_BUILD_TYPE="$BUILD_TYPE"} \
  -DLLVM_DIR="/usr/lib/llvm-$LLVM_VERSION/lib/cmake/llvm" >/dev/null
cmake --build "$BUILD_DIR"

[ "${1:-}" = "--no-demo" ] && exit 0
demo="$BUILD_DIR/demo"
mkdir -p "$demo"
lineprof="$PWD/$BUILD_DIR/bin/lineprof"
"/usr/lib/llvm-$LLVM_VERSION/bin/clang" -g -O2 $("$lineprof" cflags --exact) examples/primes.c \
  $("$lineprof" ldflags) -lm -o "$demo/primes"
(cd "$demo" && ./primes && "$lineprof" show primes.lprof)
