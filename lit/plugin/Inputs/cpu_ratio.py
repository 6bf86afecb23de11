"""cpu_ratio.py BOUND BASE NAME[@BOUND]=CMD... - runs the shell command BASE
and each CMD, alternately, ROUNDS times, and prints for each NAME whether
its CPU time (user + system of the child processes) is within BOUND times
BASE's (its own BOUND after @, if given), with the ratio. Each command's
least CPU time over the rounds counts: on a busy machine (another lit
worker on the same core) CPU time still grows, and the least is the run
least disturbed."""
import resource
import subprocess
import sys

ROUNDS = 2


def cpu_seconds(command):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(command, shell=True, check=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


default_bound = float(sys.argv[1])
specs = [("base", sys.argv[2])] + [spec.split("=", 1) for spec in sys.argv[3:]]
bounds = {}
for i, (name, command) in enumerate(specs[1:], 1):
    name, _, bound = name.partition("@")
    bounds[name] = float(bound) if bound else default_bound
    specs[i] = (name, command)
least = {}
for _ in range(ROUNDS):
    for name, command in specs:
        t = cpu_seconds(command)
        least[name] = min(t, least.get(name, t))
for name, _ in specs[1:]:
    ratio = least[name] / least["base"]
    bound = bounds[name]
    verdict = "within" if ratio <= bound else "NOT within"
    print(f"{name}: {verdict} {bound:g}x of the plain compile ({ratio:.2f}x)")
