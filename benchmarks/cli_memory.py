"""Peak memory and wall time of ``catalogue check`` on a large CSV.

    python benchmarks/cli_memory.py [--lines 200000] [--workload distinct|table|mixed]

Writes the CSV (GB18030, a unit column and an amount column) to a temporary directory, runs
``python -m catalogue check FILE --format jsonl --output /dev/null`` in a subprocess, and reports
the child's peak RSS (``resource.getrusage(RUSAGE_CHILDREN)``, in decimal MB and in MiB) and the
wall time. Workloads:

- ``distinct`` (the default): every line different in content, two or three real project names
  joined so that no two lines have the same canonical form (:func:`_lines.distinct_lines`);
  this fills every cache keyed by a line. Making a million such lines takes the script about a
  minute before the clock starts.
- ``table``: shaped like a consolidated budget table (:func:`_lines.budget_table`): the
  economic-classification lines of every unit and projects drawn from a pool of a few thousand.
- ``mixed``: entry names with noise, excluded lines and the lines of 表十二
  (:func:`_lines.budget_lines`); most of them repeat.

Target: peak RSS under 150 MB (decimal) for 1,000,000 rows of either ``distinct`` or ``table``
(``--lines 1000000``). The script only measures and prints.
"""

from __future__ import annotations

import argparse
import csv
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from _lines import BUYERS, budget_lines, budget_table, distinct_lines

TARGET_MB = 150  # decimal megabytes


def distinct_rows(n: int) -> Iterator[tuple[str, str]]:
    """``n`` lines whose canonical forms all differ; one in three without a unit, the others
    with an agency name, as a budget table's unit column has them."""
    from catalogue import load

    matcher = load().checker.matcher
    texts = distinct_lines(n, canonical=lambda text: matcher.prepare(text).canonical)
    for k, text in enumerate(texts):
        yield text, BUYERS[k % len(BUYERS)] if k % 3 else ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=200_000)
    parser.add_argument("--workload", choices=["distinct", "table", "mixed"], default="distinct")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "budget.csv")
        with open(path, "w", encoding="gb18030", newline="") as f:
            writer = csv.writer(f)
            writer.writerow(["项目名称", "预算单位", "金额（万元）"])
            lines = {"distinct": distinct_rows, "table": budget_table, "mixed": budget_lines}
            for n, (text, dep) in enumerate(lines[args.workload](args.lines)):
                writer.writerow([text, dep, f"{(n * 7919) % 100000 / 100:.2f}"])
        size = os.path.getsize(path)
        command = [sys.executable, "-m", "catalogue", "check", path, "--format", "jsonl",
                   "--output", os.devnull]  # fmt: skip
        start = time.perf_counter()
        proc = subprocess.run(command, capture_output=True, text=True, check=False)
        elapsed = time.perf_counter() - start
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # KiB on Linux
    peak_mb = peak_kb * 1024 / 1e6
    print(f"lines      {args.lines} ({size / 1e6:.1f} MB, GB18030, {args.workload})")
    print(f"exit code  {proc.returncode}")
    print(f"wall time  {elapsed:.1f} s ({args.lines / elapsed:,.0f} lines/s)")
    print(f"peak RSS   {peak_mb:.1f} MB ({peak_kb / 1024:.1f} MiB)")
    print(f"target     < {TARGET_MB} MB — {'met' if peak_mb < TARGET_MB else 'NOT met'}")
    print("summary    " + proc.stderr.strip().replace("\n", "\n           "))


if __name__ == "__main__":
    main()
