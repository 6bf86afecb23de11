"""increments.py - checks the Increment column of a `lineprof show --memory`
report: increments.py REPORT EXPECTED... --within MIB. The executed rows,
in order, must have exactly as many Increments as expected, each within MIB.
"""
import argparse
import re
import sys

ROW = re.compile(r"^ *\d+ +(-?[\d.]+) MiB +(-?[\d.]+) MiB +(\d+)   ")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("report")
    ap.add_argument("expected", type=float, nargs="+")
    ap.add_argument("--within", type=float, required=True)
    a = ap.parse_args()
    with open(a.report) as f:
        got = [float(m.group(2)) for m in map(ROW.match, f) if m]
    if len(got) != len(a.expected):
        sys.exit(f"{len(got)} executed rows, expected {len(a.expected)}")
    for g, e in zip(got, a.expected):
        if abs(g - e) > a.within:
            sys.exit(f"Increment {g} MiB is not within {a.within} of {e}")
    print("increments:", " ".join(f"{g:.3f}" for g in got))


if __name__ == "__main__":
    main()
