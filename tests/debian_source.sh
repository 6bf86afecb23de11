#!/usr/bin/env bash
# tests/debian_source.sh DIR PACKAGE [DPKG-SOURCE OPTION...] - fetches
# Debian's source package PACKAGE with `apt-get source` through a private
# deb-src list (the machine's apt configuration is not touched: the
# archives it already uses, both one-line and deb822 styles), unpacks it as
# DIR/src/PACKAGE and prints that directory. Exit status 3, with the reason
# on standard error, when the source cannot be had (no dpkg-source, no
# network): callers skip. Used by lit/cmake/zlib.sh, lit/cmake/codebase.sh
# (bzip2.sh, lua.sh, sqlite.sh) and bench/compile.sh.
#
# tests/debian_source.sh --download-only DIR PACKAGE - the same without
# unpacking: prints DIR/src, which holds the .dsc and its tarballs (for a
# package too large to unpack whole: tests/fuzz/plugin_ir.sh takes some
# files of LLVM's).
set -euo pipefail
download_only=
if [ "$1" = --download-only ]; then download_only=1; shift; fi
dir=$1 pkg=$2
shift 2
mkdir -p "$dir/apt/lists/partial" "$dir/apt/sources.list.d" "$dir/src"
dir=$(cd "$dir" && pwd)
grep -hs '^deb ' /etc/apt/sources.list /etc/apt/sources.list.d/*.list |
  sed 's/^deb /deb-src /' > "$dir/apt/sources.list" || true
for f in /etc/apt/sources.list.d/*.sources; do
  [ -f "$f" ] && { sed 's/^Types:.*/Types: deb-src/' "$f"; echo; }
done > "$dir/apt/sources.list.d/src.sources"
apt=(-o Dir::Etc::SourceList="$dir/apt/sources.list"
     -o Dir::Etc::SourceParts="$dir/apt/sources.list.d"
     -o Dir::State::Lists="$dir/apt/lists" -o APT::Sandbox::User=root)
if ! command -v dpkg-source > /dev/null; then
  echo "dpkg-source missing (apt-get install dpkg-dev)" >&2; exit 3
fi
# The newest version first; if its archive does not serve it (a security
# update can be listed and yet missing), the release's own.
download() {
  (cd "$dir/src" && apt-get "${apt[@]}" source --download-only -qq "$1" \
     >> "$dir/apt/source-$pkg.log" 2>&1)
}
codename=$(. /etc/os-release 2>/dev/null && echo "${VERSION_CODENAME:-}")
if ! compgen -G "$dir/src/${pkg}_*.dsc" > /dev/null; then
  if ! apt-get "${apt[@]}" update -qq > "$dir/apt/update.log" 2>&1 ||
     ! { download "$pkg" || { [ -n "$codename" ] && download "$pkg/$codename"; }; }; then
    echo "cannot download Debian's $pkg source (see $dir/apt/*.log)" >&2; exit 3
  fi
fi
if [ -n "$download_only" ]; then echo "$dir/src"; exit 0; fi
if [ ! -d "$dir/src/$pkg" ]; then
  (cd "$dir/src" && dpkg-source -q "$@" -x "$(ls "${pkg}"_*.dsc | head -1)" "$pkg" \
     > "$dir/apt/dpkg-source-$pkg.log" 2>&1)
fi
echo "$dir/src/$pkg"
