#!/usr/bin/env bash
# bench/sampler.sh [RUNS] - what one sampling signal costs this machine,
# apart from lineprof (bench/sampler/signal_cost.c): a CPU-bound loop with
# no timer, and with the sampler's mechanism (rt_sample.c) at 1 ms and
# 250 us, and with a POSIX CPU-time timer at 1 ms, RUNS rounds (default 15)
# alternating. Prints each variant's median CPU time, its signals, and the
# CPU time each signal added (median variant - median none) / signals: the
# floor of what the default build's sampler costs at its 1 kHz, whatever
# the probes do. Not part of ctest.
set -eu -o pipefail
runs=${1:-15}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cc=${CC:-cc}
"$cc" -O2 -o "$work/signal_cost" "$here/sampler/signal_cost.c"
variants=("none 1000" "perf 1000" "perf 250" "timer 1000")
for ((r = 0; r < runs; r++)); do
  for v in "${variants[@]}"; do
    # shellcheck disable=SC2086 # mode and period
    "$work/signal_cost" $v
  done
done > "$work/out"
echo "bench/sampler.sh $runs: $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, kernel $(uname -r)"
python3 - "$work/out" <<'PY'
import collections, statistics, sys
cpu, sig = collections.defaultdict(list), collections.defaultdict(list)
for line in open(sys.argv[1]):
    mode, period, _, n, _, ns = line.split()
    cpu[(mode, period)].append(int(ns)); sig[(mode, period)].append(int(n))
base = statistics.median(cpu[("none", "1000")])
print("| source | period | signals | CPU ms | added per signal | at 1 kHz |")
print("|:--|--:|--:|--:|--:|--:|")
for key in cpu:
    c, n = statistics.median(cpu[key]), statistics.median(sig[key])
    per = (c - base) / n / 1000 if n else 0
    print("| %s | %s us | %d | %.1f | %s | %s |" % (key[0], key[1], n, c / 1e6,
          "%.1f us" % per if n else "", "%.1f %%" % (per / 10) if n else ""))
PY
