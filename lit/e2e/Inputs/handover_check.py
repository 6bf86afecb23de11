"""Checks handover.c's profile (lit/e2e/timer-handover.test): prints one
line per function, "name line hits samples", for the calling lines, and
whether the samples of the calls that started in auto mode's exact phase
stay within the CPU time they ran (so an entry a longjmp left behind was
not charged afterwards)."""
import json
import sys

profile = json.load(sys.stdin)
lines = {}
for fn in profile["functions"]:
    for entry in fn["lines"]:
        lines[entry["line"]] = entry
for name, line in (("jump_out", 31), ("escape", 36), ("outer", 42)):
    print(name, line, lines[line]["hits"],
          "sampled" if lines[line]["samples"] > 0 else "not sampled")
# jump_out spins 40 ms of CPU time, 20 ms of which at most were exact: at
# most ~40 samples of 1 ms; outer spins MS (200) ms after it.
escape = lines[36]["samples"]
print("escape within its CPU time:", escape <= 45, escape)
print("outer sampled on:", lines[42]["samples"] >= 50)
