"""Lines per second on lines never seen before: ``Catalogue.check_many`` beside the yardstick.

    python benchmarks/distinct_lines.py [--lines 20000] [--runs 3] [--jobs N]

Every line is two real project names joined (:func:`_lines.distinct_lines`: the project names
of the real-world corpus and of table 表十二), drawn so that no two lines have the same
canonical form — the script counts the distinct canonical forms and prints them beside the
number of lines.
One line in three has no buyer; the others carry an agency name, as a budget table's unit
column does.

Each run checks the lines with a fresh catalogue (the matcher built before the clock starts, no
scoring work carried over), then runs the yardstick on the same lines in the same process: rapidfuzz
``process.extractOne(line, names, scorer=fuzz.WRatio)`` over the 247 level-4 names. It prints
both rates and their ratio per run, then the range over runs.

With ``--jobs N`` (N > 1, or 0 for one per CPU) each run also checks the lines with
``check_many(..., jobs=N)`` on another fresh catalogue, and prints that rate beside the serial
one and the yardstick (a single process, as always): the ratio to the yardstick and the
speed-up over the serial rate, and the CPU time per line of the parent and of the workers
(which a machine busy with other work does not change, unlike the rates). The targets then apply
to the rate with N processes.

It measures the ``catalogue`` it imports, and prints which (its path, and whether mypyc
compiled it: ``catalogue.build.describe``): run from the repository with the sources on the
path, it measures the sources; ``PYTHONPATH=SITE python -P benchmarks/distinct_lines.py``
measures a wheel installed into SITE (``pip install --target SITE``).

Targets: at least 6,000 lines/s and at least 2× the yardstick. The script only measures and
prints; it does not fail.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from _lines import BUYERS, distinct_lines
from rapidfuzz import fuzz, process

import catalogue
from catalogue import resources
from catalogue.api import Catalogue
from catalogue.build import describe

TARGET_RATE = 6_000
TARGET_RATIO = 2.0


def cpu() -> tuple[float, float]:
    """CPU seconds (user + system) of this process and of its reaped children."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, children.ru_utime + children.ru_stime


def fresh() -> Catalogue:
    """A catalogue of its own, its matcher built: no scoring work shared with another run."""
    raw = resources.data_path().read_bytes()
    cat = Catalogue(resources.parse(resources.CATALOGUE_FILE, raw))  # type: ignore[arg-type]
    cat.check("预热", None)
    return cat


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=1, help="worker processes (0: one per CPU)")
    args = parser.parse_args()
    jobs = args.jobs if args.jobs != 1 else None

    matcher = fresh().checker.matcher

    def canonical_form(text: str) -> str:
        return matcher.prepare(text).canonical

    texts = distinct_lines(args.lines, canonical=canonical_form)
    rows = [
        {"text": t, "department": BUYERS[n % len(BUYERS)] if n % 3 else None}
        for n, t in enumerate(texts)
    ]
    canonical = {canonical_form(t) for t in texts}
    print(f"catalogue        {catalogue.__file__} ({describe()})")
    print(f"lines            {len(texts):,}")
    print(f"distinct texts   {len(set(texts)):,}")
    print(f"canonical forms  {len(canonical):,}")
    names = [e.name for e in fresh().entries(level=4)]
    ours_rates, yard_rates, ratios = [], [], []
    many_rates, many_ratios, speedups = [], [], []
    cpu_parent: list[float] = []
    cpu_workers: list[float] = []
    for run in range(1, args.runs + 1):
        cat = fresh()
        start = time.perf_counter()
        for _ in cat.check_many(rows):
            pass
        ours = len(rows) / (time.perf_counter() - start)
        many = 0.0
        if jobs is not None:
            cat = fresh()
            own, workers = cpu()
            start = time.perf_counter()
            for _ in cat.check_many(rows, jobs=jobs):
                pass
            many = len(rows) / (time.perf_counter() - start)
            own2, workers2 = cpu()  # the workers have been reaped: they count as children
            cpu_parent.append((own2 - own) / len(rows) * 1e6)
            cpu_workers.append((workers2 - workers) / len(rows) * 1e6)
        start = time.perf_counter()
        for text in texts:
            process.extractOne(text, names, scorer=fuzz.WRatio)
        yard = len(texts) / (time.perf_counter() - start)
        ours_rates.append(ours)
        yard_rates.append(yard)
        ratios.append(ours / yard)
        line = (
            f"run {run}  catalogue {ours:,.0f} lines/s  yardstick {yard:,.0f} lines/s"
            f"  ×{ours / yard:.2f}"
        )
        if jobs is not None:
            many_rates.append(many)
            many_ratios.append(many / yard)
            speedups.append(many / ours)
            line += (
                f"  |  jobs={args.jobs} {many:,.0f} lines/s  ×{many / yard:.2f} the yardstick"
                f"  ×{many / ours:.2f} the serial rate"
            )
        print(line)
    print(
        f"range  catalogue {min(ours_rates):,.0f}–{max(ours_rates):,.0f} lines/s, "
        f"yardstick {min(yard_rates):,.0f}–{max(yard_rates):,.0f}, "
        f"ratio ×{min(ratios):.2f}–×{max(ratios):.2f}"
    )
    rates, against = ours_rates, ratios
    if jobs is not None:
        print(
            f"range  jobs={args.jobs} {min(many_rates):,.0f}–{max(many_rates):,.0f} lines/s, "
            f"ratio ×{min(many_ratios):.2f}–×{max(many_ratios):.2f} the yardstick, "
            f"×{min(speedups):.2f}–×{max(speedups):.2f} the serial rate"
        )
        print(
            f"cpu    jobs={args.jobs} parent {min(cpu_parent):.0f}–{max(cpu_parent):.0f} µs/line, "
            f"workers {min(cpu_workers):.0f}–{max(cpu_workers):.0f} µs/line (together; a "
            f"machine busy with other work slows the rate, not these)"
        )
        rates, against = many_rates, many_ratios
    rate_met = "met" if min(rates) >= TARGET_RATE else "NOT met"
    ratio_met = "met" if min(against) >= TARGET_RATIO else "NOT met"
    print(
        f"target ≥ {TARGET_RATE:,} lines/s: {rate_met}; "
        f"≥ ×{TARGET_RATIO:.0f} the yardstick: {ratio_met}"
    )


if __name__ == "__main__":
    main()
