"""Per-line latency of ``Catalogue.check`` in-process, beside the rapidfuzz yardstick, and what
the first check of a process costs.

    python benchmarks/check_latency.py [--starts 5]

Prints p50 / p90 / p99 in milliseconds. Target: cold ``check`` p50 ≤ 0.2 ms per line.

Two figures for ``check``: *cold* makes the matcher forget everything it learned from the lines
before (``Matcher.forget``: the memos of words, their agreements and the entries that name
them) before every line, so each line costs what a text never seen costs in a new process;
*in use* keeps it, as a running process does (lines that share words share that work).

*matcher build + first check*: a new Python process loads the catalogue and imports the
matching modules (which ``Catalogue`` otherwise imports on its first check; their import is part
of the start-up that ``benchmarks/startup.py`` measures), then the clock runs over its first
``check``, which builds the matcher (the lexicon, place names, agency names,
exclusion rules, entry models and indexes); the figure is the median over ``--starts``
processes, with the prepared index an earlier process left on disk (``catalogue.index_cache``,
in a temporary directory) and without one (no cache). Target: 15 ms.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

from rapidfuzz import fuzz, process

import catalogue
from catalogue import index_cache
from catalogue.build import describe

TARGET_P50_MS = 0.2
TARGET_FIRST_MS = 15.0

#: run in a new process: the first check, timed after the catalogue is loaded
_FIRST = """
import time, catalogue
import catalogue.matching, catalogue.results, catalogue.verdict  # imported on first use
cat = catalogue.load()
t0 = time.perf_counter()
cat.check("孝义市2024年度环境空气质量监测服务采购项目", "孝义市生态环境局")
print((time.perf_counter() - t0) * 1000)
"""


def lines(cat: catalogue.Catalogue) -> list[tuple[str, str | None]]:
    """Realistic budget lines built from the catalogue itself plus noise and excluded lines."""
    out: list[tuple[str, str | None]] = []
    for i, entry in enumerate(cat.entries(level=4)):
        name = entry.name.replace("服务", "")
        dep = entry.department if i % 3 else None
        out.append((f"孝义市2024年度{name}项目", dep))
        out.append((name + "工作经费", dep))
    out += [
        ("档案馆维修改造工程", None),
        ("编外聘用人员工资福利", "统计"),
        ("购置复印机", None),
        ("机关办公区保洁服务", "统计"),
        ("环境影响评价", None),
    ] * 20
    return out


def percentiles(samples: list[float]) -> tuple[float, float, float]:
    qs = statistics.quantiles(samples, n=100)
    return qs[49], qs[89], qs[98]


def first_check(starts: int, cache: str) -> list[float]:
    """Milliseconds of the first check in each of ``starts`` new processes, with ``cache`` as
    the directory of prepared indexes (empty: none)."""
    out = []
    for _ in range(starts):
        done = subprocess.run(
            [sys.executable, "-c", _FIRST],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, index_cache.ENV: cache},
        )
        out.append(float(done.stdout.strip().splitlines()[-1]))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--starts", type=int, default=5)
    args = parser.parse_args()
    print(f"catalogue {catalogue.__file__} ({describe()})")

    with tempfile.TemporaryDirectory() as cache:
        first_check(1, cache)  # leaves the prepared index
        for label, where in (("with the index on disk", cache), ("without it", "")):
            firsts = first_check(args.starts, where)
            first = statistics.median(firsts)
            verdict = "met" if first <= TARGET_FIRST_MS else "NOT met"
            print(
                f"matcher build + first check, {label}: median {first:.1f} ms over"
                f" {len(firsts)} processes ({min(firsts):.1f}–{max(firsts):.1f})"
                f"  (target <= {TARGET_FIRST_MS:.0f} ms: {verdict})"
            )

    cat = catalogue.load()
    data = lines(cat)
    cat.check("预热", None)  # build the matcher once
    forget = cat.checker.matcher.forget
    for label, before in (("check cold", forget), ("check in use", lambda: None)):
        timings = []
        for text, dep in data * 3:
            before()
            t0 = time.perf_counter()
            cat.check(text, dep)
            timings.append((time.perf_counter() - t0) * 1000)
        p50, p90, p99 = percentiles(timings)
        verdict = "met" if p50 <= TARGET_P50_MS else "NOT met"
        print(
            f"{label:29} n={len(timings)}  p50={p50:.3f} ms  p90={p90:.3f} ms  p99={p99:.3f} ms"
            f"  (target p50 <= {TARGET_P50_MS} ms: {verdict})"
        )
    names = [e.name for e in cat.entries(level=4)]
    timings = []
    for text, _ in data * 3:
        t0 = time.perf_counter()
        process.extractOne(text, names, scorer=fuzz.WRatio)
        timings.append((time.perf_counter() - t0) * 1000)
    p50, p90, p99 = percentiles(timings)
    print(
        f"{'yardstick':29} n={len(timings)}  p50={p50:.3f} ms  p90={p90:.3f} ms  p99={p99:.3f} ms"
    )


if __name__ == "__main__":
    main()
