"""truth.py - the ground truth of bench/accuracy.sh: per-line shares of a
profiled function's time, from `perf script` of the plain (uninstrumented)
build recorded with call graphs.

    truth.py SOURCE.c BINARY PERF_SCRIPT_OUTPUT... > truth.json

The profiled functions are those of SOURCE marked PROFILED (or
annotate("profile")). Each perf sample is a stack; every frame of a profiled
function F on it is on a line of F: the line of the return address for a
frame that called something (its callee's inclusive time), the line of the
sampled instruction for the innermost user frame (F's own time). Two
counts per line, as lineprof's two ways of timing recursion:

  frames  each frame counts (exact timing: every call keeps its own clock)
  once    a line counts once per sample however often it is on the stack
          (the sampling timer)

They differ only for recursive functions. A line's share is its count over
F's total count, median over the runs (one PERF_SCRIPT_OUTPUT per run).
Output: JSON {"functions": {F: {"samples": N, "lines": {LINE: {"frames",
"once", "call_frames", "call_once", "call", "callee"}}}}}: the line's
share, counting all its samples or only those in a callee (call_*); "call"
is the fraction of the line's frames that were calling a callee, "callee"
the callee most often seen. Line 0 is code the compiler gave no line.
"""
import collections
import json
import re
import statistics
import subprocess
import sys

PROFILED = re.compile(r'(?:PROFILED|annotate\("profile"\)\)\))[^(;{]*?(\w+)\s*\(')
FRAME = re.compile(r"^\s*([0-9a-f]+) (.+?)\+0x([0-9a-f]+) \((.*)\)$")


def profiled_functions(source):
    with open(source) as f:
        return set(PROFILED.findall(f.read()))


def symbol_addresses(binary):
    out = subprocess.run(["nm", "--defined-only", binary], capture_output=True, text=True, check=True).stdout
    return {parts[2]: int(parts[0], 16) for parts in (l.split() for l in out.splitlines()) if len(parts) == 3}


def samples(path):
    """Yields each sample's stack, innermost first, as (symbol, offset, dso)."""
    stack = []
    with open(path, errors="replace") as f:
        for line in f:
            m = FRAME.match(line)
            if m:
                stack.append((m.group(2), int(m.group(3), 16), m.group(4)))
            elif not line.strip():
                if stack:
                    yield stack
                stack = []
    if stack:
        yield stack


def frames_of(stack, functions, binary):
    """The frames of profiled functions on a stack: (function, offset,
    callee), callee None for the function's own instructions."""
    callee = None
    for sym, off, dso in stack:
        mine = dso == binary or dso.endswith("/" + binary.rsplit("/", 1)[-1])
        if mine and sym in functions:
            yield sym, off, callee
        # a kernel frame below a user frame is a trap or fault of that
        # frame's own instruction, not a call
        callee = None if dso.startswith("[kernel") else sym


def symbolize(binary, addresses):
    """{address: line} of the outermost (not inlined) function."""
    addresses = sorted(addresses)
    text = "".join(f"0x{a:x}\n" for a in addresses)
    out = subprocess.run(["llvm-symbolizer", "--obj=" + binary, "--output-style=JSON", "--inlining"],
                         input=text, capture_output=True, text=True, check=True).stdout
    lines = {}
    for a, row in zip(addresses, out.splitlines()):
        frames = json.loads(row)["Symbol"]
        lines[a] = frames[-1]["Line"] if frames else 0
    return lines


def count_run(path, functions, binary, base):
    """Per function: total frames, total once-counts, and per line the
    frame count, once count, calling-frame count and callees."""
    raw = []
    for stack in samples(path):
        raw.append([(f, base[f] + off - (1 if callee else 0), callee)
                    for f, off, callee in frames_of(stack, functions, binary)])
    line_of = symbolize(binary, {a for s in raw for _, a, _ in s})
    counts = collections.defaultdict(lambda: {"frames": 0, "once": 0, "lines": collections.defaultdict(
        lambda: {"frames": 0, "once": 0, "call": 0, "call_once": 0, "callees": collections.Counter()})})
    for s in raw:
        seen, seen_calling = set(), set()
        for f, a, callee in s:
            key = (f, line_of[a])
            line = counts[f]["lines"][key[1]]
            counts[f]["frames"] += 1
            line["frames"] += 1
            if callee:
                line["call"] += 1
                line["callees"][callee] += 1
                if key not in seen_calling:
                    seen_calling.add(key)
                    line["call_once"] += 1
            if key not in seen:
                seen.add(key)
                counts[f]["once"] += 1
                line["once"] += 1
    return counts


def merge(runs):
    """Median shares over the runs."""
    result = {}
    for f in sorted({f for r in runs for f in r}):
        lines = sorted({l for r in runs if f in r for l in r[f]["lines"]})
        out = {"samples": statistics.median(r[f]["frames"] if f in r else 0 for r in runs), "lines": {}}
        for l in lines:
            def share(kind, total=None):
                return statistics.median(100.0 * r[f]["lines"][l][kind] / r[f][total or kind]
                                         if f in r and l in r[f]["lines"] else 0.0 for r in runs)
            callees = collections.Counter()
            calls = frames = 0
            for r in runs:
                if f in r and l in r[f]["lines"]:
                    callees.update(r[f]["lines"][l]["callees"])
                    calls += r[f]["lines"][l]["call"]
                    frames += r[f]["lines"][l]["frames"]
            out["lines"][str(l)] = {"frames": share("frames"), "once": share("once"),
                                    "call_frames": share("call", "frames"), "call_once": share("call_once", "once"),
                                    "call": calls / frames if frames else 0.0,
                                    "callee": callees.most_common(1)[0][0] if callees else None}
        result[f] = out
    return result


def main(argv):
    source, binary, outputs = argv[1], argv[2], argv[3:]
    functions = profiled_functions(source)
    base = symbol_addresses(binary)
    runs = [count_run(p, functions, binary, base) for p in outputs]
    json.dump({"functions": merge(runs)}, sys.stdout, indent=1)
    print()


if __name__ == "__main__":
    main(sys.argv)
