"""Peak memory and wall time of ``catalogue check`` on a 200,000-line CSV.

    python benchmarks/cli_memory.py [--lines 200000] [--workload distinct|table]

Writes the CSV to a temporary directory, runs
``python -m catalogue check FILE --format jsonl --output /dev/null`` in a subprocess, and reports
the child's peak RSS (``resource.getrusage(RUSAGE_CHILDREN)``) and the wall time. The default
workload, mostly distinct lines (:func:`_lines.budget_lines`), fills the caches most;
``--workload table`` is shaped like a consolidated budget table (:func:`_lines.budget_table`).
Target (issue 4): peak RSS under 150 MB. The script only measures and prints.
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

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from _lines import budget_lines, budget_table

TARGET_MB = 150


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=200_000)
    parser.add_argument("--workload", choices=["distinct", "table"], default="distinct")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "budget.csv")
        with open(path, "w", encoding="gb18030", newline="") as f:
            writer = csv.writer(f)
            writer.writerow(["项目名称", "预算单位", "金额（万元）"])
            lines = budget_lines if args.workload == "distinct" else budget_table
            for n, (text, dep) in enumerate(lines(args.lines)):
                writer.writerow([text, dep, f"{(n * 7919) % 100000 / 100:.2f}"])
        size = os.path.getsize(path)
        command = [sys.executable, "-m", "catalogue", "check", path, "--format", "jsonl",
                   "--output", os.devnull]  # fmt: skip
        start = time.perf_counter()
        proc = subprocess.run(command, capture_output=True, text=True, check=False)
        elapsed = time.perf_counter() - start
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # KiB on Linux
    peak_mb = peak_kb / 1024
    print(f"lines      {args.lines} ({size / 1e6:.1f} MB, GB18030, {args.workload})")
    print(f"exit code  {proc.returncode}")
    print(f"wall time  {elapsed:.1f} s ({args.lines / elapsed:,.0f} lines/s)")
    print(f"peak RSS   {peak_mb:.1f} MB")
    print(f"target     < {TARGET_MB} MB — {'met' if peak_mb < TARGET_MB else 'NOT met'}")
    print("summary    " + proc.stderr.strip().replace("\n", "\n           "))


if __name__ == "__main__":
    main()
