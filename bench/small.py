#!/usr/bin/env python3
"""The small-district row of bench/compare alone: `gaps` on a 500-row district, whole process,
against a process that only starts and exits (`--version`), interleaved in the same rounds.

    cargo build --release --examples
    target/release/examples/generate_statewide --rows 500 --seed 1 --districts 1 > /tmp/district-500.csv
    bench/small.py /tmp/district-500.csv --bin target/release/cte-align --baseline /tmp/cte-align-OLD --runs 60

Prints each command's median wall and CPU time (user + system of the child) and its ratio to
the start-and-exit process's median. The machines are shared: compare figures of one run only.
"""

import argparse
import resource
import statistics
import subprocess
import time


def sample(cmd: list[str]) -> tuple[float, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} exited with {done.returncode}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("district", help="the 500-row district's catalog")
    ap.add_argument("--bin", default="target/release/cte-align")
    ap.add_argument("--baseline", help="an earlier build, run in the same rounds")
    ap.add_argument("--runs", type=int, default=50)
    args = ap.parse_args()
    cmds = {"start and exit (--version)": [args.bin, "--version"], "gaps": [args.bin, "gaps", args.district]}
    if args.baseline:
        cmds["gaps (baseline)"] = [args.baseline, "gaps", args.district]
    walls: dict[str, list[float]] = {k: [] for k in cmds}
    cpus: dict[str, list[float]] = {k: [] for k in cmds}
    for i in range(args.runs + 3):
        for name, cmd in cmds.items():
            wall, cpu = sample(cmd)
            if i >= 3:  # warm-up rounds
                walls[name].append(wall)
                cpus[name].append(cpu)
    start = statistics.median(walls["start and exit (--version)"])
    print(f"medians of {args.runs} interleaved rounds")
    print("| command | wall | CPU | wall / start |")
    print("|---|---:|---:|---:|")
    for name in cmds:
        wall, cpu = statistics.median(walls[name]), statistics.median(cpus[name])
        print(f"| {name} | {wall * 1000:.2f} ms | {cpu * 1000:.2f} ms | {wall / start:.2f}x |")


if __name__ == "__main__":
    main()
