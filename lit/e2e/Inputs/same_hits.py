"""same_hits.py - compares the Hits of profiles of one program (lineprof
export --format=json files): prints `same hits: N lines in M functions`, or
each line whose Hits differ and exits 1."""
import json
import sys


def hits(path):
    with open(path) as f:
        profile = json.load(f)
    return {(fn["name"], line["line"]): line["hits"]
            for fn in profile["functions"] for line in fn["lines"]}


first, *others = [hits(p) for p in sys.argv[1:]]
status = 0
for path, other in zip(sys.argv[2:], others):
    for key in sorted(set(first) | set(other)):
        if first.get(key) != other.get(key):
            print(f"{path}: {key[0]} line {key[1]}: {other.get(key)} hits, "
                  f"{sys.argv[1]} has {first.get(key)}")
            status = 1
if status == 0:
    print(f"same hits: {len(first)} lines in "
          f"{len({name for name, _ in first})} functions")
sys.exit(status)
