"""Checks the % Time column of a `lineprof show` report read from stdin.

    time_shares.py [--tolerance N] KEY=PERCENT...
    time_shares.py --ms KEY=MS...

KEY is a line number or a fragment of the line's source text (the first row
containing it). Prints one line per KEY and exits 1 if a share is not
within PERCENT +- N points (N = 8 by default), or with --ms if the line's
Time (in the default unit, ns) is not within MS +- (10 % + 0.5 ms)."""
import re
import sys

# % Time may carry a `~`: a sampled share that rests on few samples.
ROW = re.compile(r"^\s*(\d+)\s+(\d+)\s+(\S+)\s+\S+\s+~?(\d+\.\d)  (.*)$")


def rows(text, column):
    for line in text.splitlines():
        m = ROW.match(line)
        if m:
            value = float(m.group(4)) if column == "%" else float(m.group(3)) / 1e6
            yield m.group(1), value, m.group(5)


def share(table, key):
    for number, percent, source in table:
        if key == number if key.isdigit() else key in source:
            return percent
    return None


def main(argv):
    tolerance, column = 8.0, "%"
    if argv[:1] == ["--tolerance"]:
        tolerance, argv = float(argv[1]), argv[2:]
    if argv[:1] == ["--ms"]:
        column, argv = " ms", argv[1:]
    table = list(rows(sys.stdin.read(), column))
    ok = True
    for arg in argv:
        key, want = arg.rsplit("=", 1)
        if column == " ms":
            tolerance = 0.1 * float(want) + 0.5
        got = share(table, key)
        good = got is not None and abs(got - float(want)) <= tolerance
        ok &= good
        print(f"{key}: {got}{column} {'within' if good else 'NOT within'} "
              f"{want} +- {tolerance:g}")
    return 0 if ok else 1


sys.exit(main(sys.argv[1:]))
