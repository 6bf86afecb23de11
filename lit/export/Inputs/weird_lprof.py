#!/usr/bin/env python3
"""weird_lprof.py OUT.lprof SOURCE - writes a valid .lprof (docs/lprof-format.md)
whose names need escaping in every export format: one function of SOURCE
(Inputs/weird.c) named 'a<b>&"c"\\d', plus the program path with a quote and
a backslash, and a control character in the host name."""
import struct
import sys
import zlib


def s(text):
    b = text.encode()
    return struct.pack("<I", len(b)) + b


def record(tag, payload):
    return tag + struct.pack("<I", len(payload)) + payload


out, source = sys.argv[1], sys.argv[2]
prog = (s('/tmp/we"ird\\prog') + s("host\tname") +
        struct.pack("<QQQIIQQQ", 7, 1700000000000000000, 5000, 1, 0,
                    3000000000, 20000000, 0))
lines = [(3, 1, 100), (4, 11, 2000), (5, 10, 7000), (6, 1, 900)]
func = (s('a<b>&"c"\\d') + s("weird.c") + s(source) +
        struct.pack("<IIII", 1, 7, len(lines), 0) +
        b"".join(struct.pack("<IIQQ", l, 0, h, t) for l, h, t in lines))
data = b"\x89LPROF\r\n" + struct.pack("<II", 1, 0)
data += record(b"PROG", prog) + record(b"FUNC", func)
data += record(b"END!", struct.pack("<II", zlib.crc32(data), 2))
open(out, "wb").write(data)
