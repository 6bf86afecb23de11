"""Checks the Per Hit of one line of a `lineprof show` report (stdin).

    per_hit.py KEY --at-least-times F NS

KEY is a fragment of the line's source text (the first row containing it).
Prints the line's Per Hit (Time / Hits, ns) and exits 1 unless it is at
least F x NS."""
import re
import sys

ROW = re.compile(r"^\s*\d+\s+(\d+)\s+(\d+\.\d)\s+\S+\s+\S+  (.*)$")


def main(key, flag, factor, ns):
    assert flag == "--at-least-times"
    for line in sys.stdin.read().splitlines():
        m = ROW.match(line)
        if m and key in m.group(3):
            per_hit = float(m.group(2)) / int(m.group(1))
            ok = per_hit >= float(factor) * float(ns)
            print(f"{key}: {per_hit:.1f} ns per hit, plain {ns} ns:",
                  "ok" if ok else f"below {factor} x")
            return 0 if ok else 1
    print(f"{key}: no such line")
    return 1


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
