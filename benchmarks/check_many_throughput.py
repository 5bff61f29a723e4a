"""Lines per second through ``Catalogue.check_many`` on a realistic mix of budget lines.

    python benchmarks/check_many_throughput.py [--lines 20000]

Target (issue 4): at least 20,000 lines/s on the 2-core machine. The script only measures and
prints; it does not fail.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections import Counter

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from _lines import budget_lines

import catalogue

TARGET = 20_000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=20_000)
    args = parser.parse_args()

    cat = catalogue.load()
    rows = [{"text": t, "department": d or None} for t, d in budget_lines(args.lines)]
    cat.check("预热", None)  # build the matcher outside the timing
    start = time.perf_counter()
    verdicts = Counter(v.verdict for v in cat.check_many(rows))
    elapsed = time.perf_counter() - start
    rate = len(rows) / elapsed
    print(f"lines      {len(rows)}")
    print(f"seconds    {elapsed:.2f}")
    print(f"lines/s    {rate:,.0f}")
    print(f"target     {TARGET:,} lines/s — {'met' if rate >= TARGET else 'NOT met'}")
    print("verdicts   " + ", ".join(f"{k} {n}" for k, n in sorted(verdicts.items())))


if __name__ == "__main__":
    main()
