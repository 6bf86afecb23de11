# lit configuration for lineprof.
#
# Substitutions:
#   %clang      the clang matching the plugin's LLVM
#   %opt        opt of the same LLVM
#   %plugin     the plugin (lineprof.so)
#   %lineprof   the lineprof command
#   %cflags     what `lineprof cflags --exact` prints, plus -g
#   %sampled_cflags  what `lineprof cflags` prints (no exact probes), plus -g
#   %memory_cflags  what `lineprof cflags --memory` prints (frames), plus -g
#   %hits_cflags  what `lineprof cflags --hits` prints (hit counters alone), plus -g
#   %ldflags    what `lineprof ldflags` prints
#   %examples   the examples/ directory
#   %builddir   the CMake build directory
#   %go         the go command, its home and cache in the test's %t (which
#               the test makes) and no module proxy or toolchain download,
#               so that it never reaches for the network; times in UTC
#   %gdb        gdb -nx -batch, allowed to auto-load the build tree's gdb
#               extension (lib/liblineprof_rt.so-gdb.py)
import os
import pwd
import shutil
import subprocess
import lit.formats

config.name = "lineprof"
config.test_format = lit.formats.ShTest(execute_external=True)
config.suffixes = [".c", ".ll", ".test"]
config.excludes = ["Inputs"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = config.lineprof_obj_root

config.environment["PATH"] = os.pathsep.join(
    [config.lineprof_bindir, config.llvm_tools_dir, config.environment.get("PATH", "")])
# The profiled programs must not inherit settings from the caller's shell.
for var in list(os.environ):
    if var.startswith("LINEPROF_"):
        config.environment.pop(var, None)
config.environment["NO_COLOR"] = "1"

# `lit --param lineprof=CMD` tests another lineprof command: that of
# tests/self_profile.sh runs a build of lineprof profiled by lineprof.
lineprof = lit_config.params.get("lineprof", os.path.join(config.lineprof_bindir, "lineprof"))
plugin = os.path.join(config.lineprof_libdir, "lineprof.so")
def flags(*args):
    return subprocess.check_output([lineprof, *args], text=True).strip()

config.substitutions.append(("%clang", config.lineprof_clang))
config.substitutions.append(("%opt", os.path.join(config.llvm_tools_dir, "opt")))
config.substitutions.append(("%plugin", plugin))
config.substitutions.append(("%lineprof", lineprof))
# A sanitizer build (LINEPROF_SANITIZE, tests/sanitize.sh) has an
# instrumented runtime: the profiled programs are built with the same
# -fsanitize, so that they carry the sanitizer runtime it needs. Fatal
# signals keep their default action (the runtime's tests of them expect it),
# not the sanitizer's report.
sanitize = ""
if config.lineprof_sanitize:
    # The sanitizer's allocator replaces the runtime's heap hooks and calls
    # back instead (runtime/rt/rt_heap_sanitizer.c). Features: sanitizer,
    # and asan, tsan, ubsan for each one in the build.
    config.available_features.add("sanitizer")
    names = {"address": "asan", "thread": "tsan", "undefined": "ubsan"}
    for name in config.lineprof_sanitize.split(","):
        if name in names:
            config.available_features.add(names[name])
    sanitize = " -fsanitize=" + config.lineprof_sanitize
    # Allocation functions keep C's contract (a null pointer and errno on
    # bad sizes and alignments), which lit/memory/alloc-api.c and
    # lit/e2e/alloc-types.c check, rather than stopping with a report.
    signals = ("handle_segv=0:handle_sigbus=0:handle_sigfpe=0:handle_sigill=0"
               ":allocator_may_return_null=1")
    for var in ["ASAN_OPTIONS", "TSAN_OPTIONS"]:
        config.environment[var] = ":".join(filter(None, [os.environ.get(var), signals]))
config.substitutions.append(("%sampled_cflags", "-g " + flags("cflags") + sanitize))
config.substitutions.append(("%memory_cflags", "-g " + flags("cflags", "--memory") + sanitize))
config.substitutions.append(("%hits_cflags", "-g " + flags("cflags", "--hits") + sanitize))
config.substitutions.append(("%cflags", "-g " + flags("cflags", "--exact") + sanitize))
config.substitutions.append(("%ldflags", flags("ldflags") + sanitize))
config.substitutions.append(("%examples", os.path.join(config.lineprof_src_root, "examples")))
config.substitutions.append(("%builddir", os.path.dirname(config.lineprof_bindir)))
config.substitutions.append(("%gdb", "gdb -nx -batch -iex 'add-auto-load-safe-path "
                              + config.lineprof_libdir + "'"))

config.substitutions.append(("%go", "env HOME=%t GOCACHE=%t/gocache GOPROXY=off "
                              "GOTOOLCHAIN=local GOFLAGS=-mod=mod TZ=UTC go"))

config.available_features.add("llvm" + config.llvm_version_major)
for tool in ["gdb", "valgrind", "callgrind_annotate", "dot", "python3-mprof", "csmith", "node",
             "go", "genhtml"]:
    if shutil.which(tool):
        config.available_features.add(tool)

# setuid: lit/e2e/setuid.c can make a program set-uid to `nobody` and run
# it: we are root, the build tree is not mounted nosuid, set-uid is not
# disabled for our children (no_new_privs), and nobody can load the runtime.
def readable_by_others(path):
    """Whether a user who is neither owner nor in the group can read path."""
    if not os.stat(path).st_mode & 0o004:
        return False
    parent = os.path.dirname(path)
    while os.stat(parent).st_mode & 0o001:
        if parent == os.path.dirname(parent):
            return True
        parent = os.path.dirname(parent)
    return False

def setuid_works():
    try:
        pwd.getpwnam("nobody")
        with open("/proc/self/status") as status:
            no_new_privs = "NoNewPrivs:\t1" in status.read()
    except (KeyError, OSError):
        return False
    return (os.geteuid() == 0 and not no_new_privs
            and not os.statvfs(config.lineprof_obj_root).f_flag & os.ST_NOSUID
            and readable_by_others(os.path.join(config.lineprof_libdir, "liblineprof_rt.so")))

if setuid_works():
    config.available_features.add("setuid")

# perf-events: this process may open a perf task-clock event for itself,
# with kernel time or without (the runtime's first choice of sampler,
# runtime/rt/rt_sample.c): not where perf_event_paranoid is 3 for an
# unprivileged user, nor under a seccomp filter that refuses the call.
def perf_events_work():
    import ctypes
    import platform
    number = {"x86_64": 298, "aarch64": 241}.get(platform.machine())
    if number is None:
        return False
    libc = ctypes.CDLL(None, use_errno=True)
    for flags in [0, 3 << 5]:  # then exclude_kernel, exclude_hv
        attr = (ctypes.c_uint8 * 128)()
        ctypes.c_uint32.from_buffer(attr, 0).value = 1  # PERF_TYPE_SOFTWARE
        ctypes.c_uint32.from_buffer(attr, 4).value = 128  # size
        ctypes.c_uint64.from_buffer(attr, 8).value = 1  # PERF_COUNT_SW_TASK_CLOCK
        ctypes.c_uint64.from_buffer(attr, 16).value = 1000000  # sample_period
        ctypes.c_uint64.from_buffer(attr, 40).value = 1 | flags  # disabled
        fd = libc.syscall(ctypes.c_long(number), attr, 0, -1, -1, ctypes.c_ulong(8))
        if fd >= 0:
            os.close(fd)
            return True
    return False

if perf_events_work():
    config.available_features.add("perf-events")

# make_lprof (tests/make_lprof.c) writes a fixed .lprof for the lit/show tests.
config.substitutions.append(("%make_lprof", os.path.join(
    os.path.dirname(config.lineprof_bindir), "tests", "make_lprof")))
