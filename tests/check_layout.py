#!/usr/bin/env python3
"""check_layout.py SOURCE_DIR BUILD_DIR - runtime/ has no file cycles and no
target that reaches up (docs/architecture.md).

The file graph comes from the objects the build made: `nm` of each object
file under BUILD_DIR/runtime gives the symbols it defines and the ones it
needs, and a needed symbol defined in another object is an edge between
their source files. The include graph (#include "..." of every runtime/
file) adds the headers. Each folder belongs to the target of the nearest
CMakeLists.txt above it, and the targets link as their target_link_libraries
say. The check fails on
  * a cycle among source files (calls, or data they share),
  * a cycle among targets as linked,
  * a file that calls or includes into a target its own does not link
    (directly or through the targets it links).
Symbols libc defines are not edges: the runtime's allocator and exec hooks
define malloc or execve for the program, the command calls libc's.
Prints the graph's size and what it checked; each failure on a line."""
import os
import re
import subprocess
import sys


def cmake_targets(runtime):
    """folder -> target, and target -> the lineprof targets it links."""
    folder_target, links = {}, {}
    for folder, _, files in os.walk(runtime):
        if "CMakeLists.txt" not in files:
            continue
        text = open(os.path.join(folder, "CMakeLists.txt")).read()
        text = re.sub(r"#.*", "", text)
        defined = re.findall(
            r"(?:add_library|add_executable|lineprof_static_library)\(\s*(\w+)", text)
        if defined:
            folder_target[os.path.relpath(folder, runtime)] = defined[0]
        for target, args in re.findall(r"target_link_libraries\(\s*(\w+)([^)]*)\)",
                                       text):
            links.setdefault(target, set()).update(
                a for a in args.split() if a.startswith("lineprof"))
        for target in defined:
            links.setdefault(target, set())
    return folder_target, links


def target_of(rel, folder_target):
    """The target of runtime/rel: that of the nearest folder with one."""
    folder = os.path.dirname(rel)
    while folder not in folder_target and folder:
        folder = os.path.dirname(folder)
    return folder_target.get(folder or ".")


def objects(build_runtime, runtime):
    """(object path, source path relative to runtime/) of every object
    whose source is still there (a build tree may keep stale ones)."""
    for folder, _, files in os.walk(build_runtime):
        for name in files:
            if not name.endswith(".c.o"):
                continue
            path = os.path.join(folder, name)
            rel = os.path.relpath(path, build_runtime)
            # <folder>/CMakeFiles/<target>.dir/<file>.c.o
            m = re.match(r"(.*?)/?CMakeFiles/[^/]+\.dir/(.*)\.o$", rel)
            source = m and os.path.normpath(os.path.join(m.group(1), m.group(2)))
            if source and os.path.exists(os.path.join(runtime, source)):
                yield path, source


def libc_symbols():
    """What this process's libc defines: the runtime's allocator and exec
    hooks define some of them too, for the program, not for the command."""
    path = next(line.split()[-1] for line in open("/proc/self/maps")
                if re.search(r"/libc[.-][^/]*so", line))
    out = subprocess.run(["nm", "-D", "--defined-only", path], capture_output=True,
                         text=True, check=True).stdout
    return {line.split()[-1].split("@")[0] for line in out.splitlines()}


def symbol_graph(build_runtime, runtime):
    defined, needed = {}, {}
    libc = libc_symbols()
    for path, source in objects(build_runtime, runtime):
        out = subprocess.run(["nm", "-P", path], capture_output=True, text=True,
                             check=True).stdout
        needed.setdefault(source, set())
        for line in out.splitlines():
            fields = line.split()
            if len(fields) < 2:
                continue
            name, kind = fields[0], fields[1]
            if kind == "U" and name not in libc:
                needed[source].add(name)
            elif kind in "TDBRCVWGSiu":
                defined.setdefault(name, set()).add(source)
    edges = {source: set() for source in needed}
    for source, names in needed.items():
        for name in names:
            for other in defined.get(name, ()):
                if other != source:
                    edges[source].add(other)
    return edges


def include_graph(runtime):
    headers, edges = {}, {}
    for folder, _, files in os.walk(runtime):
        for name in files:
            rel = os.path.relpath(os.path.join(folder, name), runtime)
            if name.endswith((".h", ".inc", ".h.in")):
                headers.setdefault(name.replace(".h.in", ".h"), rel)
    for folder, _, files in os.walk(runtime):
        for name in files:
            if not name.endswith((".c", ".h", ".inc")):
                continue
            rel = os.path.relpath(os.path.join(folder, name), runtime)
            text = open(os.path.join(folder, name)).read()
            edges[rel] = {headers[h] for h in re.findall(r'#include "([^"]+)"', text)
                          if h in headers}
    return edges


def cycles(edges):
    """Strongly connected components of more than one node (Tarjan)."""
    index, low, stack, on, found = {}, {}, [], set(), []

    def visit(v):
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in sorted(edges.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    sys.setrecursionlimit(10000)
    for v in sorted(edges):
        if v not in index:
            visit(v)
    return found


def closure(links, target):
    seen, todo = set(), [target]
    while todo:
        for t in links.get(todo.pop(), ()):
            if t not in seen:
                seen.add(t)
                todo.append(t)
    return seen


def main():
    source_dir, build_dir = sys.argv[1:3]
    runtime = os.path.join(source_dir, "runtime")
    folder_target, links = cmake_targets(runtime)
    calls = symbol_graph(os.path.join(build_dir, "runtime"), runtime)
    includes = include_graph(runtime)
    errors = []
    for component in cycles(calls):
        errors.append("file cycle (calls): " + " <-> ".join(component))
    for component in cycles(links):
        errors.append("target cycle (links): " + " <-> ".join(component))
    for kind, graph in (("calls", calls), ("includes", includes)):
        for source, others in sorted(graph.items()):
            mine = target_of(source, folder_target)
            allowed = closure(links, mine) | {mine}
            for other in sorted(others):
                theirs = target_of(other, folder_target)
                if theirs not in allowed:
                    errors.append(f"upward: {source} ({mine}) {kind} {other} "
                                  f"({theirs}), which {mine} does not link")
    nedges = sum(len(v) for v in calls.values())
    print(f"check_layout: {len(calls)} object files, {nedges} call edges, "
          f"{sum(len(v) for v in includes.values())} include edges, "
          f"{len(links)} targets: " +
          ", ".join(f"{t} -> {' '.join(sorted(l)) or '(nothing)'}"
                    for t, l in sorted(links.items())))
    for e in errors:
        print(e)
    print(f"check_layout: {len(errors)} problem(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
