"""cpu_ratio.py BOUND BASE NAME=CMD... - runs the shell command BASE, then
each CMD, and prints for each NAME whether its CPU time (user + system of
the child processes: steadier than wall time on a busy machine) is within
BOUND times BASE's, with the ratio."""
import resource
import subprocess
import sys


def cpu_seconds(command):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(command, shell=True, check=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


bound = float(sys.argv[1])
base = cpu_seconds(sys.argv[2])
for spec in sys.argv[3:]:
    name, command = spec.split("=", 1)
    ratio = cpu_seconds(command) / base
    verdict = "within" if ratio <= bound else "NOT within"
    print(f"{name}: {verdict} {bound:g}x of the plain compile ({ratio:.2f}x)")
