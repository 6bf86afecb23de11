"""compare.py - the report of bench/accuracy.sh: lineprof's per-line % Time
in each timer mode against the perf ground truth of truth.py.

    compare.py WORK SRCDIR PROGRAM...

WORK/PROGRAM/truth.json is truth.py's output; WORK/PROGRAM/MODE.N.json the
`lineprof export --format=json` of run N in MODE (default, exact, sample,
auto). A line is scored when perf saw it calling something (at least half of
the samples on it were in a callee); its truth is the callee's inclusive
share (marked * when over a tenth of the line's samples were its own
instructions, which the truth leaves out). One more row, "(other lines)",
is the rest of the function: 100 minus the scored lines. Other lines are
printed with perf's share of the function's own samples whose instruction
is on them (the -O2 line table), in parentheses, not scored. Exact times are
compared with the per-call truth ("frames"), sampled ones (default,
sample, auto) with the once-per-sample truth; they differ only for
recursion. Prints, per mode, the worst difference in points, and checks
every profiled function called from another one: the caller's line must
be at least the callee's total (within 5 %), and the callee's share of the
caller is compared with perf's.
"""
import glob
import json
import os
import statistics
import sys

MODES = ["default", "exact", "sample", "auto", "memory"]
SEMANTICS = {"default": "once", "exact": "frames", "sample": "once", "auto": "once",
             "memory": "frames"}
SCORED_CALL = 0.5   # fraction of a line's samples in callees for it to be scored
PURE_CALL = 0.9     # above it, the line is (nearly) nothing but the call
MIN_SAMPLES = 100   # lineprof samples for the sample-mode target
CALLER_SLACK = 0.05


def load_mode(work, program, mode):
    """{function: {"total": ns, "lines": {line: [pct...], ...}, ...}} over the
    runs of one mode, or None when no run produced a profile."""
    runs = []
    for path in sorted(glob.glob(os.path.join(work, program, f"{mode}.*.json"))):
        with open(path) as f:
            runs.append(json.load(f))
    if not runs:
        return None
    out = {}
    for run in runs:
        period = run["timer"]["sample_us"] * 1000
        for fn in run["functions"]:
            f = out.setdefault(fn["name"], {"total": [], "pct": {}, "ns": {}, "samples": {}})
            f["total"].append(fn["time_ns"])
            for line in fn["lines"]:
                n = line["line"]
                f["pct"].setdefault(n, []).append(100.0 * line["time_ns"] / fn["time_ns"] if fn["time_ns"] else 0.0)
                f["ns"].setdefault(n, []).append(line["time_ns"])
                f["samples"].setdefault(n, []).append(
                    line.get("samples", line["time_ns"] / period if period else 0.0))
    return out


def median(values):
    return statistics.median(values) if values else None


def source_lines(srcdir, program):
    with open(os.path.join(srcdir, program + ".c")) as f:
        return f.read().splitlines()


def rows(truth_fn, modes_fn):
    """The rows of one function: (line or None, truth per semantics or None,
    {mode: (pct, samples)}, scored)."""
    tlines = {int(k): v for k, v in truth_fn["lines"].items()}
    numbers = sorted(set(tlines) | {n for m in modes_fn.values() if m for n in m["pct"]})
    scored = [n for n in numbers if n in tlines and tlines[n]["call"] >= SCORED_CALL]
    result = []
    for n in numbers:
        t = tlines.get(n)
        figures = {mode: (median(m["pct"].get(n, [0.0])), median(m["samples"].get(n, [0.0])))
                   for mode, m in modes_fn.items() if m}
        if n in scored:
            truth = {s: t["call_" + s] for s in ("frames", "once")}
        else:
            truth = {s: t[s] for s in ("frames", "once")} if t else {"frames": 0.0, "once": 0.0}
        truth["pure"] = not t or t["call"] >= PURE_CALL
        result.append((n, truth, figures, n in scored))
    if not scored:
        return result
    other_truth = {s: 100.0 - sum(tlines[n]["call_" + s] for n in scored) for s in ("frames", "once")}
    other_truth["pure"] = True
    # per run, then the median: medians of lines do not add up
    other = {mode: (median([100.0 - sum(m["pct"][n][r] for n in scored if n in m["pct"])
                            for r in range(len(m["total"]))]),
                    sum(median(v) for n, v in m["samples"].items() if n not in scored))
             for mode, m in modes_fn.items() if m}
    result.append((None, other_truth, other, True))
    return result


def print_function(program, fname, truth_fn, modes_fn, src, worst):
    print(f"\n{program}.c: {fname}()   perf: {truth_fn['samples']:.0f} samples a run (median)")
    print(f"  {'line':>4}  {'source':<44} {'truth':>7}" + "".join(f" {m:>8}" for m in MODES) + "   samples(sample)")
    for n, truth, figures, scored in rows(truth_fn, modes_fn):
        text = src[n - 1].strip()[:44] if n else "(no line)" if n == 0 else "(other lines)"
        t = truth["frames"]
        cell = (f"{t:6.1f}" + ("" if truth["pure"] else "*")) if scored else f"({t:4.1f})"
        out = f"  {n if n is not None else '':>4}  {text:<44} {cell:>7}"
        for mode in MODES:
            if mode not in figures:
                out += f" {'-':>8}"
                continue
            pct, samples = figures[mode]
            out += f" {pct:8.1f}"
            if scored:
                d = abs(pct - truth[SEMANTICS[mode]])
                where = f"{program}.c:{n or fname + ' rest'}"
                if d > worst[mode][0]:
                    worst[mode][0:2] = [d, where]
                if samples >= MIN_SAMPLES and d > worst[mode][2]:
                    worst[mode][2:4] = [d, where]
        if "sample" in figures and n is not None:
            out += f"   {figures['sample'][1]:7.0f}"
        if truth["frames"] != truth["once"] and scored:
            out += f"   (once-per-sample truth {truth['once']:.1f})"
        print(out)


def check_callees(program, truth, modes, violations):
    """Profiled callees called from another profiled function's line."""
    for fname, tf in truth["functions"].items():
        for line, t in tf["lines"].items():
            callee = t["callee"]
            if not callee or callee == fname or callee not in truth["functions"] or t["call"] < SCORED_CALL:
                continue
            print(f"\n  {program}.c: {callee}() called from {fname}() line {line}; perf: {t['call_frames']:.1f} % of {fname}")
            for mode in MODES:
                m = modes.get(mode)
                if not m or fname not in m or callee not in m:
                    continue
                caller_ns = median(m[fname]["ns"].get(int(line), [0]))
                callee_ns = median(m[callee]["total"])
                share = 100.0 * callee_ns / median(m[fname]["total"])
                ok = caller_ns >= (1 - CALLER_SLACK) * callee_ns
                print(f"    {mode:<8} caller line {caller_ns / 1e6:9.2f} ms, callee total {callee_ns / 1e6:9.2f} ms"
                      f" ({caller_ns / callee_ns if callee_ns else 0:5.2f}x), callee {share:5.1f} % of caller"
                      f" (perf {t['call_frames']:.1f}){'' if ok else '   VIOLATION: caller line < callee total'}")
                if not ok:
                    violations.append(f"{mode} {program}.c:{line} {fname} -> {callee}")


def main(argv):
    work, srcdir, programs = argv[1], argv[2], argv[3:]
    worst = {m: [0.0, "-", 0.0, "-"] for m in MODES}
    violations = []
    for program in programs:
        with open(os.path.join(work, program, "truth.json")) as f:
            truth = json.load(f)
        modes = {mode: load_mode(work, program, mode) for mode in MODES}
        for mode in MODES:
            if modes[mode] is None:
                print(f"\n{program}: no profile in mode {mode} (every run failed)")
        src = source_lines(srcdir, program)
        for fname, tf in truth["functions"].items():
            print_function(program, fname, tf, {m: (v or {}).get(fname) for m, v in modes.items()}, src, worst)
        check_callees(program, truth, modes, violations)
    print("\nworst absolute difference from perf, in points of % Time (scored lines):")
    for mode in MODES:
        d, where, d100, where100 = worst[mode]
        print(f"  {mode:<8} {d:5.1f}  {where:<28}  on lines of >= {MIN_SAMPLES} samples: {d100:5.1f}  {where100}")
    print("caller line >= callee total (within 5 %):", "; ".join(violations) if violations else "no violation")


if __name__ == "__main__":
    main(sys.argv)
