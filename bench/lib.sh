# shellcheck shell=bash
# bench/lib.sh - shell functions shared by the benchmark scripts (sourced).
# Needs bash, awk, sort; sets LC_ALL=C so that $EPOCHREALTIME and awk use '.'.
export LC_ALL=C

have() { command -v "$1" >/dev/null 2>&1; }
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }

# median: the median of the numbers on standard input.
median() {
  sort -g | awk '{ v[NR] = $1 }
    END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# timed OUT [VAR=VALUE...] CMD [ARGS...]: runs the command under env with
# stdout to OUT and stderr to OUT.err, prints its wall time in seconds and
# returns its status. With BENCH_CPU set (a taskset CPU list), on those CPUs
# only: on a VM whose other core is shared with a noisy neighbour, the quiet
# core gives stable times (threads8 then shares that core).
timed() {
  local out=$1 t0 t1 status pin=()
  shift
  [ -n "${BENCH_CPU:-}" ] && pin=(taskset -c "$BENCH_CPU")
  t0=$EPOCHREALTIME
  "${pin[@]}" env "$@" >"$out" 2>"$out.err"
  status=$?
  t1=$EPOCHREALTIME
  awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.6f\n", b - a }'
  return $status
}

# find_clang BUILD_DIR: the clang the plugin was built for.
find_clang() {
  local c
  c=$(sed -n 's/^#define LINEPROF_CLANG "\(.*\)"$/\1/p' "$1/runtime/cli/cli_config.h" 2>/dev/null)
  [ -x "${c:-}" ] || c=/usr/lib/llvm-14/bin/clang
  echo "$c"
}

# machine_header CLANG: date, machine and compiler lines (uses $repo).
machine_header() {
  # shellcheck disable=SC2154 # repo is set by the sourcing script
  echo "date: $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git -C "$repo" rev-parse --short HEAD 2>/dev/null)"
  echo "machine: $(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1), kernel $(uname -r)"
  echo "compiler: $("$1" --version | head -1) ($1)"
}

# ratio_table MEDIANS "VARIANT..." : MEDIANS has lines "program variant
# seconds"; prints a Markdown table of each variant's ratio to the first
# variant (the baseline), with the geometric mean and the worst case. A
# column "A/B" is the ratio of variant A to variant B.
ratio_table() {
  awk -v vars="$2" '
    { t[$1, $2] = $3; if (!($1 in seen)) { seen[$1] = 1; order[++np] = $1 } }
    END {
      nv = split(vars, v, " ")
      printf "| %-10s | %8s |", "program", v[1] " s"
      for (j = 2; j <= nv; j++) printf " %17s |", v[j]
      printf "\n|:-----------|---------:|"
      for (j = 2; j <= nv; j++) printf "------------------:|"
      printf "\n"
      for (i = 1; i <= np; i++) {
        p = order[i]
        printf "| %-10s | %8.3f |", p, t[p, v[1]]
        for (j = 2; j <= nv; j++) {
          num = v[j]; den = v[1]
          if (index(v[j], "/")) { num = substr(v[j], 1, index(v[j], "/") - 1); den = substr(v[j], index(v[j], "/") + 1) }
          if ((p, num) in t && (p, den) in t) {
            x = t[p, num] / t[p, den]
            printf " %16.2f× |", x
            logsum[j] += log(x); n[j]++
            if (x > worst[j]) { worst[j] = x; worstp[j] = p }
          } else printf " %17s |", "-"
        }
        printf "\n"
      }
      printf "| %-10s | %8s |", "geo. mean", ""
      for (j = 2; j <= nv; j++)
        if (n[j]) printf " %16.2f× |", exp(logsum[j] / n[j]); else printf " %17s |", "-"
      printf "\n| %-10s | %8s |", "worst", ""
      for (j = 2; j <= nv; j++) printf " %17s |", n[j] ? sprintf("%.2f× %s", worst[j], worstp[j]) : "-"
      printf "\n"
    }' "$1"
}

# bench_setup DEFAULT_RUNS [BUILD_DIR] [RUNS]: checks a benchmark script's
# arguments and sets build, runs, lineprof, clang (the one the plugin was
# built for), cflags (exact probes), sampled_cflags (the plugin's default
# probes), memory_cflags (frames), hits_cflags (hit counters alone) and
# ldflags (uses $repo).
bench_setup() {
  local default=$1
  build=${2:-build}
  runs=${3:-$default}
  [ -d "$build" ] || build=$repo/$build
  build=$(cd "$build" 2>/dev/null && pwd) || { echo "no build directory: ${2:-build}" >&2; exit 2; }
  lineprof=$build/bin/lineprof
  [ -x "$lineprof" ] || { echo "$lineprof missing: run ninja -C $build" >&2; exit 2; }
  case $runs in '' | *[!0-9]* | 0) echo "RUNS must be a positive number" >&2; exit 2 ;; esac
  clang=$(find_clang "$build")
  cflags=$("$lineprof" cflags --exact)
  # shellcheck disable=SC2034 # used by the sourcing scripts
  sampled_cflags=$("$lineprof" cflags)
  # shellcheck disable=SC2034
  memory_cflags=$("$lineprof" cflags --memory)
  hits_cflags=$("$lineprof" cflags --hits)
  ldflags=$("$lineprof" ldflags)
}

# bench_workdir NAME: sets work to a new temporary directory, removed at
# exit unless KEEP=1.
bench_workdir() {
  work=$(mktemp -d "${TMPDIR:-/tmp}/lineprof-$1.XXXXXX")
  if [ "${KEEP:-0}" = 1 ]; then echo "keeping $work"; else trap 'rm -rf "$work"' EXIT; fi
}
