"""Reads `lineprof show --self` on standard input and prints, for each
source text given (a line's Line Contents, stripped), its Time and Self
columns and their ratio Self / Time: "TEXT time=T self=S ratio=R"."""
import sys

rows = {}
for line in sys.stdin:
    fields = line.split(None, 6)
    # Line #, Hits, Time, Self, Per Hit, % Time, Line Contents
    if len(fields) == 7 and fields[0].isdigit() and fields[1].isdigit():
        rows[fields[6].strip()] = (float(fields[2]), float(fields[3]))
for text in sys.argv[1:]:
    time, self = rows[text]
    print(f"{text} time={time:.0f} self={self:.0f} ratio={self / time:.3f}")
