#!/usr/bin/env bash
# stress.sh - the plugin on a large generated program (gen_stress.py): a
# 5,000-line function, a big switch interpreter and its computed-goto twin,
# gotos, setjmp/longjmp, variadic functions, VLAs, 6-deep loops, recursion.
#
#   tests/stress/stress.sh BUILD_DIR
#
# Builds the program without the plugin and with every function profiled
# at -O0 and -O2 (printing each compile time), checks that all three print
# the same thing, and that `lineprof show` on each profile gives every line
# marked `/* hits N */` exactly N Hits and the long function 5,000 rows.
set -euo pipefail
build=$(cd "${1:?usage: stress.sh BUILD_DIR}" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
lineprof="$build/bin/lineprof"
clang=$(sed -n 's/^#define LINEPROF_CLANG "\(.*\)"$/\1/p' "$build/runtime/cli/cli_config.h")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
python3 "$here/gen_stress.py" stress.c
TIMEFORMAT="%R s"

# compile NAME FLAGS...: builds NAME from stress.c, printing the time taken.
compile() {
  local name=$1
  shift
  echo -n "compile $name: "
  { time "$clang" -g -Wall -Wextra "$@" stress.c -o "$name"; } 2>&1
}

# check_profile LEVEL: the Hits of the marked lines and the long function.
check_profile() {
  "$lineprof" show "$1.lprof" > "$1.txt"
  local marks checked rows
  marks=$(grep -c '/\* hits [0-9]* \*/' stress.c)
  # Hits is the second column, blank for a line that never ran.
  checked=$(awk -v level="$1" '
    match($0, /\/\* hits [0-9]+ \*\//) {
      want = substr($0, RSTART + 8, RLENGTH - 11)
      got = $2 ~ /^[0-9]+$/ ? $2 : 0
      if (got != want) { print level ": line " $1 ": " got " Hits, expected " want > "/dev/stderr"; bad = 1 }
      n++
    }
    END { print n; exit bad }' "$1.txt")
  [ "$checked" -eq "$marks" ] || { echo "$1: $checked of $marks marked lines in the report"; return 1; }
  rows=$(awk '/^Function: long_function /{f = 1} f && /^====/{t = 1; next}
              t && /^$/{exit} t {n++} END {print n}' "$1.txt")
  [ "$rows" -eq 5000 ] || { echo "$1: long_function has $rows rows, not 5000"; return 1; }
  echo "$1: $checked marked lines have their exact Hits; long_function has 5000 rows"
}

compile plain -O2
./plain > plain.out
for level in O0 O2; do
  compile "$level" "-$level" $("$lineprof" cflags) -fplugin-arg-lineprof-all $("$lineprof" ldflags)
  LINEPROF_FILE="$work/$level.lprof" "./$level" > "$level.out" 2> "$level.err"
  cmp -s plain.out "$level.out" || { echo "$level: output differs:"; diff plain.out "$level.out"; exit 1; }
  check_profile "$level"
done
cat plain.out
