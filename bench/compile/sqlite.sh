# shellcheck shell=bash
# bench/compile/sqlite.sh - SQLite for bench/compile.sh and
# lit/cmake/sqlite.sh (sourced; uses their
# $work, $repo, $clang, $sampled_cflags, $ldflags, $lineprof, $skipped).
#
# sqlite_amalgamation: Debian's sqlite3 source, configured, and its
# 243,646-line sqlite3.c made (tclsh needed); sets $sqlite to the directory
# holding sqlite3.c, or adds to $skipped and fails.
sqlite_amalgamation() {
  local src
  if ! command -v tclsh >/dev/null; then
    skipped+=("sqlite: SQLite's build needs tclsh (apt-get install tcl)"); return 1
  fi
  if ! src=$("$repo/tests/debian_source.sh" "$work/deb" sqlite3 2>"$work/sqlite.err"); then
    skipped+=("sqlite: $(cat "$work/sqlite.err")"); return 1
  fi
  sqlite=$work/sqlite-build
  mkdir -p "$sqlite"
  if ! (cd "$sqlite" && "$src/configure" >configure.log 2>&1 && make sqlite3.c >make.log 2>&1); then
    skipped+=("sqlite: configure or make sqlite3.c failed (see $sqlite/*.log)"); sqlite=; return 1
  fi
  sqlite_src=$src
}

# sqlite_speedtest: SQLite's speedtest1 on the amalgamation, plain and with
# every function profiled (the plugin's default probes): the same results
# (its --verify hash and test list, timings aside), and sqlite3VdbeExec in
# the profile line by line.
sqlite_speedtest() {
  local st=$work/speedtest
  mkdir -p "$st"
  # shellcheck disable=SC2086 # the flags are lists of words
  "$clang" -O2 -g -I"$sqlite" -c "$sqlite/sqlite3.c" -o "$st/plain.o" &&
    "$clang" -O2 -g -I"$sqlite" -c $sampled_cflags -fplugin-arg-lineprof-all \
      "$sqlite/sqlite3.c" -o "$st/profiled.o" &&
    "$clang" -O2 -g -I"$sqlite" "$sqlite_src/test/speedtest1.c" "$st/plain.o" \
      -lpthread -ldl -lm -o "$st/speedtest1.plain" &&
    "$clang" -O2 -g -I"$sqlite" "$sqlite_src/test/speedtest1.c" "$st/profiled.o" \
      $ldflags -ldl -lm -o "$st/speedtest1.profiled" ||
    { echo "speedtest1: build failed" >&2; return 1; }
  local t_plain t_prof
  t_plain=$(cd "$st" && timed plain.out ./speedtest1.plain --size 25 --verify) &&
    t_prof=$(cd "$st" && timed profiled.out env LINEPROF_QUIET=1 ./speedtest1.profiled --size 25 --verify) ||
    { echo "speedtest1: a run failed" >&2; return 1; }
  sed 's/ *[0-9.]*s$//' "$st/plain.out" >"$st/plain.cmp"
  sed 's/ *[0-9.]*s$//' "$st/profiled.out" >"$st/profiled.cmp"
  echo "speedtest1 --size 25 --verify, every function of sqlite3.c profiled (default probes):"
  if cmp -s "$st/plain.cmp" "$st/profiled.cmp"; then
    echo "    same output as the plain build ($(wc -l <"$st/plain.cmp") lines, $(grep 'Verification Hash' "$st/plain.out"))"
  else
    echo "    OUTPUT DIFFERS from the plain build:"; diff "$st/plain.cmp" "$st/profiled.cmp" | head
  fi
  awk -v a="$t_plain" -v b="$t_prof" 'BEGIN { printf "    run time %.2f s plain, %.2f s profiled (%.2f×)\n", a, b, b / a }'
  "$lineprof" show "$st/speedtest1.profiled.lprof" >"$st/report.txt" 2>&1
  echo "    profile: $(stat -c %s "$st/speedtest1.profiled.lprof") bytes, $(grep -c '^Function:' "$st/report.txt") functions; sqlite3VdbeExec:"
  awk '/^Function: sqlite3VdbeExec /{f=1} f && /^ *[0-9]+ +[0-9]+ /{n++; h+=$2} f && /^Total time|^File:/ && n {exit}
       END { printf "    %d lines with Hits, %d line events\n", n, h }' "$st/report.txt"
}
