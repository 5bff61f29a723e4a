"""Lines per second through ``Catalogue.check_many``.

    python benchmarks/check_many_throughput.py [--lines 50000]

Two workloads, both printed:

* **budget table** — rows shaped like a consolidated budget table (:func:`_lines.budget_table`):
  units of about 100 lines, each listing the economic-classification lines every unit has
  (办公费, 差旅费 …) and projects drawn with the skew of real tables; lines repeat, as they do.
* **distinct lines** — every line different in content (:func:`_lines.distinct_lines`: two real
  project names joined, no two with the same canonical form), one in three without a buyer: the
  cost of a line never seen (``benchmarks/distinct_lines.py`` sets it beside the yardstick).

Target: at least 20,000 lines/s on the budget table, on the 2-core machine. The script only
measures and prints; it does not fail.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections import Counter

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from _lines import BUYERS, budget_table, distinct_lines

import catalogue
from catalogue import resources
from catalogue.api import Catalogue

TARGET = 20_000


def measure(cat: catalogue.Catalogue, rows: list[dict[str, str | None]]) -> tuple[float, Counter]:
    start = time.perf_counter()
    verdicts = Counter(v.verdict for v in cat.check_many(rows))
    return len(rows) / (time.perf_counter() - start), verdicts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=50_000)
    args = parser.parse_args()

    table = [{"text": t, "department": d or None} for t, d in budget_table(args.lines)]
    matcher = catalogue.load().checker.matcher
    texts = distinct_lines(args.lines, canonical=lambda t: matcher.prepare(t).canonical)
    distinct = [
        {"text": t, "department": BUYERS[n % len(BUYERS)] if n % 3 else None}
        for n, t in enumerate(texts)
    ]
    for name, rows in (("budget table", table), ("distinct lines", distinct)):
        # each workload starts cold: a catalogue of its own, so no scoring work is carried over
        raw = resources.data_path().read_bytes()
        cat = Catalogue(resources.parse(resources.CATALOGUE_FILE, raw))  # type: ignore[arg-type]
        cat.check("预热", None)  # build the matcher outside the timing
        rate, verdicts = measure(cat, rows)
        unique = len({(r["text"], r["department"]) for r in rows})
        print(f"{name}: {len(rows)} rows, {unique} distinct")
        if name == "budget table":
            verdict = "met" if rate >= TARGET else "NOT met"
            print(f"  lines/s    {rate:,.0f}  (target {TARGET:,}: {verdict})")
        else:
            print(f"  lines/s    {rate:,.0f}  (see benchmarks/distinct_lines.py for its target)")
        print("  verdicts   " + ", ".join(f"{k} {n}" for k, n in sorted(verdicts.items())))


if __name__ == "__main__":
    main()
