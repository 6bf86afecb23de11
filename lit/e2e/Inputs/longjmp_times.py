"""Reads the JSON export of lit/e2e/longjmp.c's profile and prints, per
function, whether its lines' times and its total lie within the run's wall
time, and whether the setjmp caller's total includes its callee's."""
import json
import sys

profile = json.load(open(sys.argv[1]))
wall = profile["program"]["duration_ns"]
functions = {f["name"]: f for f in profile["functions"]}
for name, f in sorted(functions.items()):
    lines = all(line["time_ns"] <= wall for line in f["lines"])
    print(f"{name}: lines within the run {lines}, total within the run {f['time_ns'] <= wall}")
print("catcher includes dive", functions["catcher"]["time_ns"] >= functions["dive"]["time_ns"])
