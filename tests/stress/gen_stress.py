#!/usr/bin/env python3
"""gen_stress.py - writes stress.c, the large program of tests/stress/stress.sh.

The program exercises what is hard for the plugin: a 5,000-line function
(straight-line and branchy), a big switch interpreter and its computed-goto
twin, goto loops, setjmp/longjmp out of nested frames, variadic functions,
VLAs, loops nested 6 deep and recursion. It prints one deterministic line
per part and a checksum. Lines whose Hits are known by hand end in a
`/* hits N */` comment (`hits 0`: the line never runs), which stress.sh
checks against `lineprof show`.

    gen_stress.py OUTPUT.c
"""
import math
import sys

LONG_FUNCTION_LINES = 5000
OPCODES = 64        # generated arithmetic opcodes of the interpreter
PROGRAM_LENGTH = 48  # opcodes per round of the interpreted program
ROUNDS = 1000
NEST_TRIPS = (2, 3, 4, 5, 6, 7)
JUMP_TRIALS = 20     # setjmp trials; trial t longjmps from depth t % 5
FIB_N = 15


class Lcg:
    """A fixed pseudo-random sequence (the same for every Python)."""

    def __init__(self, seed):
        self.state = seed

    def next(self, bound):
        self.state = (self.state * 6364136223846793005 + 1442695040888963407) % 2**64
        return (self.state >> 33) % bound


def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


def long_function(rng):
    """LONG_FUNCTION_LINES lines, signature to closing brace; called once."""
    body = []
    target = LONG_FUNCTION_LINES - 5  # signature, first, middle, return, brace
    while len(body) < target:
        k = rng.next(2**32)
        left = target - len(body)
        kind = rng.next(3) if left >= 4 else 0
        if kind == 0:
            body.append(f"    x = x * 1664525u + {k}u;")
        elif kind == 1:
            body += [f"    if ((x >> {k % 32}) & 1u)",
                     f"        y += x ^ {k}u;",
                     "    else",
                     f"        y = (y << 3) ^ (y >> 5) ^ {k}u;"]
        else:
            body.append(f"    y += (x & {k}u) ? x >> 7 : y >> 3;")
    half = len(body) // 2
    while body[half].startswith(("        ", "    else")):
        half += 1  # not inside an if/else
    return (["static unsigned long_function(unsigned seed) {",
             "    unsigned x = seed, y = 0; /* hits 1 */"]
            + body[:half] + ["    y ^= x >> 11; /* hits 1 */"] + body[half:]
            + ["    return x ^ y; /* hits 1 */", "}"])


def opcode_bodies(rng):
    """One unsigned (overflow-free) statement on `acc` per opcode."""
    out = []
    for op in range(OPCODES):
        k, s = rng.next(2**32), 1 + rng.next(31)
        out.append([f"acc = acc * {(2 * k + 1) % 2**32}u + {op}u;",
                    f"acc ^= acc >> {s};",
                    f"acc = (acc << {s}) | (acc >> {32 - s});",
                    f"acc += {k}u;"][op % 4])
    return out


def interpreters(rng):
    """The same bytecode run by a switch loop and by computed goto."""
    program = [rng.next(OPCODES) for _ in range(PROGRAM_LENGTH)]
    bodies = opcode_bodies(rng)
    loop, halt = OPCODES, OPCODES + 1
    executed = ROUNDS * (PROGRAM_LENGTH + 1) + 1
    code = ", ".join(str(op) for op in program + [loop, halt])
    out = [f"static const unsigned char bytecode[] = {{{code}}};", "",
           "static unsigned run_switch(unsigned rounds) {",
           "    unsigned acc = 1, pc = 0, left = rounds;",
           "    for (;;) {",
           f"        switch (bytecode[pc++]) {{ /* hits {executed} */"]
    for op, body in enumerate(bodies):
        out += [f"        case {op}:", f"            {body}", "            break;"]
    out += [f"        case {loop}:",
            f"            if (--left) /* hits {ROUNDS} */",
            f"                pc = 0; /* hits {ROUNDS - 1} */",
            "            break;",
            f"        case {halt}:",
            "            return acc; /* hits 1 */",
            "        default:",
            "            return 0; /* hits 0 */",
            "        }", "    }", "}", ""]
    labels = ", ".join(f"&&op_{op}" for op in range(OPCODES))
    dispatch = "goto *ops[bytecode[pc++]];"
    out += ["static unsigned run_threaded(unsigned rounds) {",
            f"    static void *const ops[] = {{{labels}, &&op_loop, &&op_halt}};",
            "    unsigned acc = 1, pc = 0, left = rounds;",
            f"    {dispatch} /* hits 1 */"]
    for op, body in enumerate(bodies):
        out += [f"op_{op}:", f"    {body}", f"    {dispatch}"]
    out += ["op_loop:",
            f"    if (--left) /* hits {ROUNDS} */",
            f"        pc = 0; /* hits {ROUNDS - 1} */",
            f"    {dispatch} /* hits {ROUNDS} */",
            "op_halt:",
            "    return acc; /* hits 1 */", "}"]
    return out


def goto_loops():
    return ["static unsigned goto_loops(unsigned n) {",
            "    unsigned i = 0, s = 0;",
            "again:",
            "    s += i * i; /* hits 100 */",
            "    if (++i < n)",
            "        goto again; /* hits 99 */",
            "    if (s & 1u) /* hits 1 */",
            "        goto odd; /* hits 0 */",
            "    s ^= 0x9e3779b9u; /* hits 1 */",
            "    goto done; /* hits 1 */",
            "odd:",
            "    s += 0x7f4a7c15u; /* hits 0 */",
            "done:",
            "    return s; /* hits 1 */",
            "}"]


def setjmp_longjmp():
    depths = sum(t % 5 + 1 for t in range(JUMP_TRIALS))
    return ["static jmp_buf jump_env;",
            "static unsigned jump_trace;", "",
            "static void jump_down(unsigned depth, unsigned limit) {",
            f"    jump_trace = jump_trace * 31u + depth; /* hits {depths} */",
            "    if (depth == limit)",
            f"        longjmp(jump_env, (int)depth + 1); /* hits {JUMP_TRIALS} */",
            f"    jump_down(depth + 1, limit); /* hits {depths - JUMP_TRIALS} */",
            "    jump_trace += 1000000u; /* hits 0 */",
            "}", "",
            "static unsigned jump_trials(unsigned trials) {",
            "    unsigned caught = 0;",
            f"    for (unsigned t = 0; t < trials; t++) {{ /* hits {JUMP_TRIALS + 1} */",
            f"        if (setjmp(jump_env) == 0) /* hits {JUMP_TRIALS} */",
            f"            jump_down(0, t % 5u); /* hits {JUMP_TRIALS} */",
            "        else",
            f"            caught++; /* hits {JUMP_TRIALS} */",
            "    }",
            "    return caught * 1000u + jump_trace;",
            "}"]


def variadic():
    return ["static unsigned va_fold(unsigned n, va_list ap) {",
            "    unsigned s = 0;",
            "    for (unsigned i = 0; i < n; i++) /* hits 20 */",
            "        s = s * 33u + va_arg(ap, unsigned); /* hits 16 */",
            "    return s;",
            "}", "",
            "static unsigned va_sum(unsigned n, ...) {",
            "    va_list ap, copy;",
            "    va_start(ap, n);",
            "    va_copy(copy, ap);",
            "    unsigned a = va_fold(n, ap);",
            "    unsigned b = va_fold(n, copy);",
            "    va_end(copy);",
            "    va_end(ap);",
            "    return a ^ (b << 1);",
            "}", "",
            "static unsigned va_mixed(const char *types, ...) {",
            "    va_list ap;",
            "    va_start(ap, types);",
            "    unsigned s = 0;",
            "    for (const char *t = types; *t; t++) { /* hits 6 */",
            "        if (*t == 'd')",
            "            s = s * 7u + (unsigned)(va_arg(ap, double) * 4.0); /* hits 2 */",
            "        else if (*t == 'l')",
            "            s = s * 7u + (unsigned)va_arg(ap, long long); /* hits 1 */",
            "        else",
            "            s = s * 7u + (unsigned)va_arg(ap, int); /* hits 2 */",
            "    }",
            "    va_end(ap);",
            "    return s;",
            "}"]


def vlas():
    return ["static unsigned vla_work(unsigned n) {",
            "    unsigned grid[n][n + 1];",
            "    for (unsigned i = 0; i < n; i++)",
            "        for (unsigned j = 0; j <= n; j++)",
            "            grid[i][j] = i * 131u + j; /* hits 90 */",
            "    unsigned s = 0;",
            "    for (unsigned k = 1; k <= n; k++) { /* hits 10 */",
            "        unsigned row[k];",
            "        for (unsigned j = 0; j < k; j++) /* hits 54 */",
            "            row[j] = grid[k - 1][j] ^ s; /* hits 45 */",
            "        s += row[k - 1]; /* hits 9 */",
            "    }",
            "    return s;",
            "}"]


def nested_loops():
    out = ["static unsigned nest6(void) {", "    unsigned acc = 0;"]
    names = "abcdef"
    runs = 1  # how many times the loop header is entered
    for depth, (name, trips) in enumerate(zip(names, NEST_TRIPS)):
        out.append(f"{'    ' * (depth + 1)}for (unsigned {name} = 0; {name} < {trips}u; "
                   f"{name}++) /* hits {runs * (trips + 1)} */")
        runs *= trips
    out += [f"{'    ' * 7}acc = acc * 7u + (a ^ b ^ c ^ d ^ e ^ f); /* hits "
            f"{math.prod(NEST_TRIPS)} */",
            "    return acc;", "}"]
    return out


def recursion():
    calls = 2 * fib(FIB_N + 1) - 1
    return ["static unsigned fib(unsigned n) {",
            f"    if (n < 2) /* hits {calls} */",
            f"        return n; /* hits {fib(FIB_N + 1)} */",
            f"    return fib(n - 1) + fib(n - 2); /* hits {fib(FIB_N + 1) - 1} */",
            "}", "",
            "static int is_odd(unsigned n);",
            "static int is_even(unsigned n) {",
            "    return n == 0 ? 1 : is_odd(n - 1); /* hits 51 */",
            "}",
            "static int is_odd(unsigned n) {",
            "    return n == 0 ? 0 : is_even(n - 1); /* hits 50 */",
            "}"]


def main_function():
    parts = [("long_function", "long_function(seed)"),
             ("run_switch", f"run_switch({ROUNDS}u)"),
             ("run_threaded", f"run_threaded({ROUNDS}u)"),
             ("goto_loops", "goto_loops(100u)"),
             ("jump_trials", f"jump_trials({JUMP_TRIALS}u)"),
             ("va_sum", "va_sum(5u, 1u, 2u, 3u, 4u, 5u) + va_sum(3u, 7u, 8u, 9u)"),
             ("va_mixed", "va_mixed(\"idlid\", 3, 2.5, 1234567890123ll, -4, 0.25)"),
             ("vla_work", "vla_work(9u)"),
             ("nest6", "nest6()"),
             ("fib", f"fib({FIB_N}u)"),
             ("is_even", "(unsigned)is_even(100u)")]
    out = ["int main(void) {",
           "    volatile unsigned opaque = 12345u; /* keeps the branches real */",
           "    unsigned seed = opaque, sum = 0, v;"]
    for name, call in parts:
        out += [f"    v = {call};",
                f"    printf(\"{name} %08x\\n\", v);",
                "    sum = (sum ^ v) * 16777619u;"]
    out += ["    printf(\"checksum %08x\\n\", sum);", "    return 0;", "}"]
    return out


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: gen_stress.py OUTPUT.c")
    rng = Lcg(2024)
    sections = [long_function(rng), interpreters(rng), goto_loops(),
                setjmp_longjmp(), variadic(), vlas(), nested_loops(),
                recursion(), main_function()]
    lines = ["/* stress.c - generated by tests/stress/gen_stress.py; do not edit. */",
             "#include <setjmp.h>", "#include <stdarg.h>", "#include <stdio.h>"]
    for section in sections:
        lines += [""] + section
    with open(sys.argv[1], "w") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
