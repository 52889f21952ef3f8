#!/usr/bin/env python3
"""Measures every row of the performance targets of issue 5, in one run. Called by bench/compare,
which builds the binaries into bench/data/bin, generates the inputs and sets up the venv first.

Every figure is the median of N runs (the minimum is shown too). Each run is one whole process,
started by this script; its wall time is measured around it and its peak resident memory and CPU
time come from wait4(2), the same call /usr/bin/time uses, for that process alone. The runs on the
1,000,000-row file are interleaved (floor, coverage, gaps, fill, diff, DuckDB, pandas; then again), after one
warm-up round, so that a slow minute on the machine hits every contender alike and every ratio
compares figures from the same run. Only the standard library is used here; DuckDB and pandas run
in their own processes from bench/.venv.
"""

from __future__ import annotations

import argparse
import csv
import os
import platform
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "bench" / "data"
BIN = DATA / "bin"
OUT = DATA / "out"
VENV_PY = ROOT / "bench" / ".venv" / "bin" / "python"
GNU_TIME = "/usr/bin/time" if Path("/usr/bin/time").exists() else None


@dataclass
class Sample:
    wall: float  # seconds, the whole process
    cpu: float  # user + system seconds
    rss: int  # peak resident set, bytes
    inner: float | None = None  # seconds the script reports for its own work (DuckDB, pandas)


@dataclass
class Series:
    name: str
    samples: list[Sample] = field(default_factory=list)
    # From `peak_rss` when GNU time is installed; else the samples' own.
    rss: int | None = None

    def median(self, attr: str = "wall") -> float:
        return statistics.median(getattr(s, attr) for s in self.samples)

    def min(self, attr: str = "wall") -> float:
        return min(getattr(s, attr) for s in self.samples)

    def max_rss(self) -> int:
        return self.rss if self.rss is not None else max(s.rss for s in self.samples)


def run(cmd: list[str], ok: tuple[int, ...] = (0,), capture: bool = False, via_time: bool = False) -> Sample:
    """Runs one process to completion; its wall time, CPU time and peak memory. `via_time`:
    under GNU time, for its peak memory alone (see `peak_rss`)."""
    OUT.mkdir(parents=True, exist_ok=True)
    out_path, err_path = OUT / "stdout.txt", OUT / "stderr.txt"
    timed = [GNU_TIME, "-f", "%M", "-o", str(OUT / "rss.txt")] + cmd if via_time else cmd
    with open(out_path if capture else os.devnull, "wb") as out, open(err_path, "wb") as err:
        start = time.perf_counter()
        proc = subprocess.Popen(timed, stdout=out, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
    rss = usage.ru_maxrss * 1024
    if via_time:
        try:
            rss = int((OUT / "rss.txt").read_text().split()[-1]) * 1024
        except (OSError, ValueError, IndexError):
            pass
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in ok:
        sys.exit(
            f"bench/compare: {' '.join(cmd)} exited {proc.returncode}:\n{err_path.read_text()[-2000:]}"
        )
    inner = None
    if capture:
        text = out_path.read_text().strip()
        try:
            inner = float(text.splitlines()[-1])
        except (ValueError, IndexError):
            inner = None
    return Sample(wall, usage.ru_utime + usage.ru_stime, rss, inner)


def peak_rss(cmd: list[str], ok: tuple[int, ...] = (0,)) -> int | None:
    """The command's peak memory, from one more run under GNU time (`%M`). wait4's own figure
    is no good for a child of this script: the kernel carries a process's peak across exec,
    so it is at least this script's size at the fork (87 MB once it has read a 1M-row result),
    which swamped every small run. GNU time forks the command from its own small process. Its
    fork adds a millisecond, so the timed runs do without it."""
    return run(cmd, ok, via_time=True).rss if GNU_TIME else None


def fmt_s(seconds: float) -> str:
    if seconds < 0.1:
        return f"{seconds * 1000:.1f} ms"
    return f"{seconds:.3f} s"


def fmt_mb(n: float) -> str:
    return f"{n / 1e6:,.0f} MB"


def machine() -> list[str]:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = "unknown"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                mem = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass

    def git(*args: str) -> str:
        try:
            return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True).stdout.strip()
        except OSError:
            return ""

    commit = git("rev-parse", "--short", "HEAD") or "unknown"
    try:
        rustc = subprocess.run(["rustc", "--version"], capture_output=True, text=True).stdout.strip()
    except OSError:
        rustc = "rustc unknown"
    try:
        versions = subprocess.run(
            [str(VENV_PY), "-c", "import duckdb, pandas; print('duckdb', duckdb.__version__, '/ pandas', pandas.__version__)"],
            capture_output=True,
            text=True,
        ).stdout.strip()
    except OSError:
        versions = "duckdb/pandas not installed"
    dirty = git("status", "--porcelain", "--untracked-files=no", "--", "src", "Cargo.toml", "Cargo.lock")
    return [
        f"machine: {os.cpu_count()} CPUs ({cpu}), {mem} RAM, {platform.system()} {platform.release()}",
        f"commit:  {commit}{' + uncommitted changes in src/' if dirty else ''}",
        f"tools:   {rustc}; Python {platform.python_version()}; {versions}",
    ]


def load_warning(label: str) -> str | None:
    one = os.getloadavg()[0]
    if one > 0.5:
        return f"warning: load average {one:.2f} {label}: other processes were running; figures may be noisy"
    return None


def cte(*args: str) -> list[str]:
    return [str(BIN / "cte-align"), *args]


def read_rows(path: Path) -> dict[tuple[str, str], tuple[int, int]]:
    with open(path, newline="") as f:
        return {(r["district"], r["pathway"]): (int(r["required"]), int(r["covered"])) for r in csv.DictReader(f)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5, help="runs per measurement (median; default 5)")
    ap.add_argument("--small-runs", type=int, default=50, help="runs of gaps on the 500-row district")
    ap.add_argument("--rows", default="10000,100000,1000000", help="catalog sizes (the largest is 'the file')")
    ap.add_argument("--skip-external", action="store_true", help="skip DuckDB and pandas")
    ap.add_argument("--skip-pandas", action="store_true", help="skip pandas (DuckDB still runs)")
    ap.add_argument(
        "--shape",
        default="covered",
        choices=("covered", "gappy"),
        help="generate_statewide's file shape: covered (few findings) or gappy (a state office's export)",
    )
    ap.add_argument(
        "--baseline",
        metavar="BIN",
        help="another cte-align binary (an earlier commit's) to run coverage and gaps with, interleaved in the same rounds",
    )
    args = ap.parse_args()
    sizes = [int(s) for s in args.rows.split(",")]
    big = max(sizes)
    n = max(1, args.runs)
    files = {rows: DATA / f"statewide-{args.shape}-{rows}.csv" for rows in sizes}
    small = DATA / "district-500.csv"
    required = DATA / "required.csv"
    out_csv = str(OUT / "out.csv")
    OUT.mkdir(parents=True, exist_ok=True)
    notes: list[str] = []
    if w := load_warning("at the start"):
        notes.append(w)

    print("\n".join(machine()))
    print(f"shape: {args.shape}")
    print(f"runs: median of {n} (after 1 warm-up); gaps on the 500-row district: median of {args.small_runs}")
    print()

    # --- The big file: floor, coverage, gaps, DuckDB and pandas, interleaved. ---------------
    path = str(files[big])
    size_bytes = files[big].stat().st_size
    contenders: list[tuple[str, list[str], tuple[int, ...], bool]] = [
        ("csv floor", [str(BIN / "csv_floor"), path], (0,), False),
        ("coverage", cte("coverage", path, "--format", "csv", "-o", out_csv), (0, 1), False),
        ("gaps", cte("gaps", path, "--format", "csv", "-o", out_csv, "--fail-on", "never"), (0,), False),
    ]
    # Issue 16: fill and diff each audit two inputs; the target is against one gaps run. diff
    # compares the file with itself, which still reads, audits and matches both sides whole.
    modules = str(ROOT / "examples" / "vendor" / "modules.csv")
    contenders += [
        ("fill", cte("fill", path, "--with", modules, "--format", "csv", "-o", out_csv, "--fail-on", "never"), (0,), False),
        ("diff", cte("diff", path, path, "--format", "csv", "-o", out_csv), (0,), False),
    ]
    if args.baseline:
        base = [args.baseline]
        contenders += [
            ("coverage (baseline)", base + ["coverage", path, "--format", "csv", "-o", out_csv], (0, 1), False),
            ("gaps (baseline)", base + ["gaps", path, "--format", "csv", "-o", out_csv, "--fail-on", "never"], (0,), False),
        ]
    if not args.skip_external:
        duck_out, pandas_out = str(OUT / "duckdb.csv"), str(OUT / "pandas.csv")
        contenders += [
            ("DuckDB", [str(VENV_PY), str(ROOT / "bench" / "duckdb_coverage.py"), path, str(required), duck_out, "2"], (0,), True),
        ]
        if not args.skip_pandas:
            contenders += [
                ("pandas", [str(VENV_PY), str(ROOT / "bench" / "pandas_coverage.py"), path, str(required), pandas_out], (0,), True),
            ]
    series = {name: Series(name) for name, *_ in contenders}
    for round_ in range(n + 1):
        for name, cmd, ok, capture in contenders:
            sample = run(cmd, ok, capture)
            if round_ > 0:
                series[name].samples.append(sample)
        print(f"  round {round_}/{n} done" + (" (warm-up)" if round_ == 0 else ""), file=sys.stderr)
    for name, cmd, ok, _ in contenders:
        series[name].rss = peak_rss(cmd, ok)

    # The contenders must compute the same thing: compare with cte-align's own coverage.
    agree = ""
    if not args.skip_external:
        run(cte("coverage", path, "--format", "csv", "-o", out_csv), (0, 1))
        ours = read_rows(Path(out_csv))
        others = [("DuckDB", OUT / "duckdb.csv")] + ([] if args.skip_pandas else [("pandas", OUT / "pandas.csv")])
        for name, other in others:
            theirs = read_rows(other)
            if theirs != ours:
                diff = sum(1 for k in ours.keys() | theirs.keys() if ours.get(k) != theirs.get(k))
                notes.append(f"warning: {name} disagrees with cte-align coverage on {diff} district-pathway rows")
        names = " and ".join(name for name, _ in others)
        agree = f"{names} and cte-align agree on required and covered for all {len(ours):,} district-pathway rows"
        if any("disagrees" in x for x in notes):
            agree = "DuckDB or pandas DISAGREE with cte-align (see warnings)"

    # The findings `gaps` wrote: its CSV has one row each (no field spans lines).
    run(cte("gaps", path, "--format", "csv", "-o", out_csv, "--fail-on", "never"))
    with open(out_csv, "rb") as f:
        findings = sum(1 for _ in f) - 1

    # --- Growth: coverage and gaps at each size. -----------------------------------------------
    growth: dict[int, Series] = {big: series["coverage"]}
    growth_gaps: dict[int, Series] = {big: series["gaps"]}
    for rows in sizes:
        if rows == big:
            continue
        runs = n if rows >= 100_000 else max(n, 20)
        for command, into, ok in (("coverage", growth, (0, 1)), ("gaps", growth_gaps, (0, 1))):
            s = Series(f"{command} {rows}")
            cmd = cte(command, str(files[rows]), "--format", "csv", "-o", out_csv)
            for i in range(runs + 1):
                sample = run(cmd, ok)
                if i > 0:
                    s.samples.append(sample)
            s.rss = peak_rss(cmd, ok)
            into[rows] = s

    # --- The small district, whole process. -----------------------------------------------------
    # Interleaved with a process that only starts and exits (`--version`): the floor of any
    # run on this machine at this minute.
    small_s, start_s = Series("gaps 500"), Series("start and exit")
    for i in range(args.small_runs + 3):
        sample = run(cte("gaps", str(small)), (0, 1))
        bare = run(cte("--version"))
        if i >= 3:
            small_s.samples.append(sample)
            start_s.samples.append(bare)
    small_s.rss, start_s.rss = peak_rss(cte("gaps", str(small)), (0, 1)), peak_rss(cte("--version"))
    if w := load_warning("at the end"):
        notes.append(w)

    # --- Report. --------------------------------------------------------------------------------
    floor = series["csv floor"]
    cov, gaps = series["coverage"], series["gaps"]
    fl = floor.median()
    print(f"input: {files[big].name}, {big:,} rows, {fmt_mb(size_bytes)} ({size_bytes:,} bytes)")
    print()
    print("Each measurement (whole process; wall median / min, CPU = user+system median, peak RSS from one more run under GNU time, or the runs' max without it):")
    print()
    print("| measurement | median | min | CPU | CPU/wall | peak RSS |")
    print("|---|---:|---:|---:|---:|---:|")
    rows_out = [floor, cov, gaps, series["fill"], series["diff"]] + [series[k] for k in ("coverage (baseline)", "gaps (baseline)", "DuckDB", "pandas") if k in series]
    rows_out += [g[r] for r in sizes if r != big for g in (growth, growth_gaps)] + [small_s, start_s]
    for s in rows_out:
        label = {
            "csv floor": f"csv crate alone, {big:,} rows (the floor)",
            "coverage": f"cte-align coverage, {big:,} rows, CSV to a file",
            "gaps": f"cte-align gaps, {big:,} rows, CSV to a file",
            "DuckDB": "DuckDB (2 threads), whole process",
            "pandas": "pandas, whole process",
            "fill": f"cte-align fill --with examples/vendor/modules.csv, {big:,} rows, CSV to a file",
            "diff": f"cte-align diff of the {big:,}-row file with itself, CSV to a file",
            "gaps 500": "cte-align gaps, 500-row district, table to stdout",
            "start and exit": "cte-align --version (a process that only starts and exits)",
            "coverage (baseline)": f"baseline binary: coverage, {big:,} rows",
            "gaps (baseline)": f"baseline binary: gaps, {big:,} rows",
        }.get(s.name, f"cte-align {s.name} rows")
        med = s.median()
        print(
            f"| {label} | {fmt_s(med)} | {fmt_s(s.min())} | {fmt_s(s.median('cpu'))} "
            f"| {s.median('cpu') / med:.2f} | {fmt_mb(s.max_rss())} |"
        )
    for k in ("DuckDB", "pandas"):
        if k in series and all(x.inner is not None for x in series[k].samples):
            s = series[k]
            print(f"| {k}: the query itself (after imports) | {fmt_s(s.median('inner'))} | {fmt_s(s.min('inner'))} | | | |")
    print()

    def met(ok: bool) -> str:
        return "met" if ok else "NOT met"

    table: list[tuple[str, str, str, str]] = []
    # Issue 13's targets.
    r_cov = cov.median() / fl
    table.append((
        f"`coverage` on the {big:,}-row file, CSV to a file",
        f"{fmt_s(cov.median())} = {r_cov:.2f}x the floor ({fmt_s(fl)}; min {cov.min() / floor.min():.2f}x)",
        "<= 2x the floor",
        met(r_cov <= 2.0),
    ))
    r_gaps = gaps.median() / fl
    per_finding = gaps.median() / max(findings, 1)
    table.append((
        "`gaps` on the same file, CSV to a file",
        f"{fmt_s(gaps.median())} = {r_gaps:.2f}x the floor (min {gaps.min() / floor.min():.2f}x); "
        f"{findings:,} findings, {per_finding * 1e9:.0f} ns each",
        "<= 4x the floor, < 200 ns per finding",
        met(r_gaps <= 4.0 and per_finding < 200e-9),
    ))
    for name in ("fill", "diff"):
        r = series[name].median() / gaps.median()
        table.append((
            f"`{name}` on the same file, CSV to a file",
            f"{fmt_s(series[name].median())} = {r:.2f}x gaps (min {series[name].min() / gaps.min():.2f}x)",
            "<= 2.5x one `gaps` run",
            met(r <= 2.5),
        ))
    if not args.skip_external:
        # The stricter comparison: DuckDB's own timing of its query, without the interpreter
        # start-up and imports, against cte-align's whole process.
        duck = series["DuckDB"].median("inner")
        ratio = duck / cov.median()
        measured = f"DuckDB {fmt_s(duck)}"
        if "pandas" in series:
            measured += f", pandas {fmt_s(series['pandas'].median('inner'))}"
        table.append((
            "vs DuckDB SQL (2 threads), same per-district, per-pathway coverage",
            f"{measured}; DuckDB / coverage = {ratio:.2f}x",
            ">= 5x faster than DuckDB",
            met(ratio >= 5.0),
        ))
    peak = max(cov.max_rss(), gaps.max_rss())
    table.append((
        "peak memory, `coverage` and `gaps`",
        f"coverage {fmt_mb(cov.max_rss())}, gaps {fmt_mb(gaps.max_rss())} = {peak / size_bytes:.2f}x the input ({fmt_mb(size_bytes)})",
        "<= the input's size",
        met(peak <= size_bytes),
    ))
    bare = start_s.median()
    table.append((
        "`gaps` on a 500-row district, whole process",
        f"median {fmt_s(small_s.median())} (min {fmt_s(small_s.min())}, {len(small_s.samples)} runs); "
        f"a process that only starts and exits: {fmt_s(bare)} = {small_s.median() / bare:.2f}x",
        "median <= 3 ms, or <= 2x start-and-exit",
        met(small_s.median() <= 0.003 or small_s.median() <= 2 * bare),
    ))
    ordered = sorted(sizes)
    for command, g in (("coverage", growth), ("gaps", growth_gaps)):
        per_row = {r: g[r].median() / r for r in sizes}
        mem_row = {r: g[r].max_rss() / r for r in sizes}
        rising = [b for a, b in zip(ordered, ordered[1:]) if per_row[b] > per_row[a] * 1.10]
        rising_mem = [b for a, b in zip(ordered, ordered[1:]) if mem_row[b] > mem_row[a] * 1.10]
        table.append((
            f"growth 10k -> 100k -> 1M rows ({command})",
            ", ".join(f"{r:,}: {per_row[r] * 1e9:.0f} ns/row, {mem_row[r]:.0f} B/row" for r in ordered),
            "time and memory per row do not rise (10% noise allowed)",
            met(not rising and not rising_mem),
        ))

    if args.baseline:
        for name in ("coverage", "gaps"):
            b = series[f"{name} (baseline)"]
            print(
                f"{name}: this build / baseline = wall {series[name].median() / b.median():.2f}x, "
                f"CPU {series[name].median('cpu') / b.median('cpu'):.2f}x, "
                f"peak RSS {series[name].max_rss() / b.max_rss():.2f}x"
            )
        print()
    print("| Work | Measured (median) | Target | |")
    print("|---|---|---|---|")
    for work, measured, target, verdict in table:
        print(f"| {work} | {measured} | {target} | {verdict} |")
    print()
    if agree:
        print(agree)
    for note in notes:
        print(note)


if __name__ == "__main__":
    main()
