"""Checks the % Time column of a `lineprof show` report read from stdin.

    time_shares.py [--tolerance N] KEY=PERCENT...

KEY is a line number or a fragment of the line's source text (the first row
containing it). Prints one line per KEY and exits 1 if a share is not
within PERCENT +- N points (N = 8 by default)."""
import re
import sys

ROW = re.compile(r"^\s*(\d+)\s+(\d+)\s+\S+\s+\S+\s+(\d+\.\d)  (.*)$")


def rows(text):
    for line in text.splitlines():
        m = ROW.match(line)
        if m:
            yield m.group(1), float(m.group(3)), m.group(4)


def share(table, key):
    for number, percent, source in table:
        if key == number if key.isdigit() else key in source:
            return percent
    return None


def main(argv):
    tolerance = 8.0
    if argv[:1] == ["--tolerance"]:
        tolerance, argv = float(argv[1]), argv[2:]
    table = list(rows(sys.stdin.read()))
    ok = True
    for arg in argv:
        key, want = arg.rsplit("=", 1)
        got = share(table, key)
        good = got is not None and abs(got - float(want)) <= tolerance
        ok &= good
        print(f"{key}: {got}% {'within' if good else 'NOT within'} "
              f"{want} +- {tolerance:g}")
    return 0 if ok else 1


sys.exit(main(sys.argv[1:]))
