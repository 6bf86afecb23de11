#!/usr/bin/env bash
# bench/compile.sh [BUILD_DIR] [RUNS] - the plugin's compile-time cost
# (issue 12): clang -O2 -g -c with and without the plugin, each variant
# alternating with the plain compile, RUNS rounds (default 3), medians.
#
#   curve    one generated function of 5,000, 10,000 and 20,000 lines
#            (straight code, a large switch, long if chains:
#            compile/gen_large.py), every line profiled: the ratio must
#            stay flat as the function grows
#   big      400 generated functions, 20,000 lines (compile/gen_functions.awk)
#   lua      Lua 5.4's sources from Debian's package, file by file
#   sqlite   SQLite's 243,646-line amalgamation from Debian's package (its
#            configure and `make sqlite3.c` need tclsh), with sqlite3VdbeExec
#            profiled and with every function; then speedtest1 built with
#            every function profiled must print what the plain build prints
#
# Variants: `all` profiles every function (-fplugin-arg-lineprof-all),
# `vdbe` only sqlite3VdbeExec, with the plugin's default probes (Hits,
# sampled times); `-exact` adds -fplugin-arg-lineprof-exact. Lua and SQLite are
# skipped, with a message, when their source cannot be had. Not part of
# ctest (it takes about half an hour). Environment: ONLY="curve big lua
# sqlite" picks cases; CURVE_SIZES (default "5000 10000 20000"); KEEP=1.
set -u -o pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
. "$here/lib.sh"
bench_setup 3 "$@"
bench_workdir compile
mkdir -p "$work/obj" "$work/times"
wants() { [ -z "${ONLY:-}" ] || [[ " $ONLY " == *" $1 "* ]]; }

echo "lineprof compile-time benchmark"
machine_header "$clang"
echo "command: bench/compile.sh $build $runs; load average at start: $(loadavg)"
echo

# compile_set OUT FLAGS...: compiles every file of $sources into $work/obj
# (with $defines) and prints the wall time; the objects' total size goes to
# OUT.size.
compile_set() {
  local out=$1 t0 t1 size=0 f o
  shift
  t0=$EPOCHREALTIME
  for f in "${sources[@]}"; do
    o=$work/obj/$(basename "$f").o
    # shellcheck disable=SC2086 # the flags are lists of words
    "$clang" -O2 -g -c $defines "$@" "$f" -o "$o" 2>>"$work/compile.err" ||
      { echo "compile of $f failed ($out): $(tail -3 "$work/compile.err")" >&2; exit 1; }
    size=$((size + $(stat -c %s "$o")))
  done
  t1=$EPOCHREALTIME
  echo "$size" >"$out.size"
  awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f\n", b - a }'
}

# measure CASE "VARIANT=FLAGS"...: RUNS rounds of plain and each variant,
# in rotating order; one table row per variant.
measure() {
  local name=$1 r i v flags
  shift
  local variants=("plain=" "$@") n=$(($# + 1))
  for ((r = 0; r < runs; r++)); do
    for ((i = 0; i < n; i++)); do
      v=${variants[(i + r) % n]}
      flags=${v#*=}
      # shellcheck disable=SC2086
      compile_set "$work/times/$name.${v%%=*}" $flags >>"$work/times/$name.${v%%=*}.t"
    done
  done
  local plain size0
  plain=$(median <"$work/times/$name.plain.t")
  size0=$(cat "$work/times/$name.plain.size")
  for v in "$@"; do
    v=${v%%=*}
    awk -v c="$name" -v v="$v" -v a="$plain" -v b="$(median <"$work/times/$name.$v.t")" \
      -v s0="$size0" -v s="$(cat "$work/times/$name.$v.size")" \
      'BEGIN { printf "| %-22s | %-10s | %8.2f | %8.2f | %6.2f× | %9.0f | %6.2f× |\n", c, v, a, b, b / a, s0 / 1024, s / s0 }'
  done
}

echo "| case                   | variant    | plain s  | plugin s |  ratio | plain KiB | object |"
echo "|:-----------------------|:-----------|---------:|---------:|-------:|----------:|-------:|"
defines=""
if wants curve; then
  for n in ${CURVE_SIZES:-5000 10000 20000}; do
    python3 "$here/compile/gen_large.py" "$n" >"$work/large$n.c"
    sources=("$work/large$n.c")
    # (Exact probes at 5,000 lines only: they grow faster, see performance.md.)
    exact=("all-exact=$cflags -fplugin-arg-lineprof-all")
    [ "$n" -le 5000 ] || exact=()
    measure "curve $n lines" "all=$sampled_cflags -fplugin-arg-lineprof-all" "${exact[@]}"
  done
fi
if wants big; then
  awk -f "$here/compile/gen_functions.awk" >"$work/big.c"
  sources=("$work/big.c")
  measure "big (400 functions)" "all=$sampled_cflags -fplugin-arg-lineprof-all" \
    "all-exact=$cflags -fplugin-arg-lineprof-all"
fi
skipped=()
if wants lua; then
  if lua=$("$repo/tests/debian_source.sh" "$work/deb" lua5.4 --skip-patches 2>"$work/lua.err"); then
    sources=("$lua"/src/*.c)
    defines="-DLUA_USE_LINUX"
    measure "lua (${#sources[@]} files)" "all=$sampled_cflags -fplugin-arg-lineprof-all" \
      "all-exact=$cflags -fplugin-arg-lineprof-all"
    defines=""
  else
    skipped+=("lua: $(cat "$work/lua.err")")
  fi
fi
if wants sqlite; then
  . "$here/compile/sqlite.sh" # sqlite_amalgamation, sqlite_speedtest
  if sqlite_amalgamation; then
    sources=("$sqlite/sqlite3.c")
    vdbe=-fplugin-arg-lineprof-functions=sqlite3VdbeExec
    measure "sqlite3.c" "vdbe=$sampled_cflags $vdbe" "all=$sampled_cflags -fplugin-arg-lineprof-all" \
      "vdbe-exact=$cflags $vdbe" "all-exact=$cflags -fplugin-arg-lineprof-all"
  fi
fi
echo
echo "load average at end: $(loadavg)"
for s in "${skipped[@]}"; do echo "SKIPPED $s"; done
if wants sqlite && [ -n "${sqlite:-}" ]; then sqlite_speedtest; fi
