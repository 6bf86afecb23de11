"""self_share.py FUNCTION LINE: reads `lineprof export --format=json` on
stdin and prints the line's self time as a share of its time, in percent,
rounded down to a multiple of 10 (0 when the line's time is its callees')."""
import json
import sys

name, line = sys.argv[1], int(sys.argv[2])
for f in json.load(sys.stdin)["functions"]:
    if f["name"] != name:
        continue
    for l in f["lines"]:
        if l["line"] == line:
            share = 100 * l["self_ns"] / max(l["time_ns"], 1)
            print(f"{name}:{line} self {int(share) // 10 * 10}% of {l['time_ns'] // 10**6} ms")
