"""Peak memory and wall time of ``catalogue check`` on a large CSV.

    python benchmarks/cli_memory.py [--lines 200000] [--workload distinct|table|mixed] [--jobs N]

Writes the CSV (GB18030, a unit column and an amount column) to a temporary directory, runs
``python -m catalogue check FILE --format jsonl --output /dev/null`` in a subprocess, and reports
the command's peak RSS (its own rusage, ``os.wait4``, in decimal MB and in MiB) and the wall
time. The CSV is written by another process, so the command's figure counts nothing of it.
Workloads:

- ``distinct`` (the default): every line different in content, two or three real project names
  joined so that no two lines have the same canonical form (:func:`_lines.distinct_lines`);
  this fills every cache keyed by a line. Making a million such lines takes the script about a
  minute before the clock starts.
- ``table``: shaped like a consolidated budget table (:func:`_lines.budget_table`): the
  economic-classification lines of every unit and projects drawn from a pool of a few thousand.
- ``mixed``: entry names with noise, excluded lines and the lines of 表十二
  (:func:`_lines.budget_lines`); most of them repeat.

With ``--jobs N`` the command runs with ``--jobs N`` and the script also watches its worker
processes (Linux ``/proc``, every 50 ms): the rusage ``os.wait4`` gives for the command counts
its reaped workers too (its ``ru_maxrss`` is the larger of the command's own peak and the
largest worker's), so the script reads each process's own peak (``VmHWM`` in
``/proc/PID/status``, sampled until it ends) and reports the parent's and the largest worker's
separately. A forked worker's RSS counts the pages it shares with the parent (the matcher it
inherited): the script also reports the largest worker's private memory (``Private_*`` of
``/proc/PID/smaps_rollup``) and the largest total of the processes' proportional set sizes
(``Pss``: shared pages divided among the processes that share them), which is what the whole
check costs the machine.

Target: peak RSS under 150 MB (decimal) for 1,000,000 rows of either ``distinct`` or ``table``
(``--lines 1000000``). The script only measures and prints.
"""

from __future__ import annotations

import argparse
import csv
import os
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
    parser.add_argument("--jobs", type=int, default=1, help="catalogue check --jobs N")
    parser.add_argument("--write", metavar="PATH", help=argparse.SUPPRESS)  # the CSV only
    args = parser.parse_args()
    if args.write:
        write(args.write, args.workload, args.lines)
        return

    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "budget.csv")
        # the lines are made in a process of their own: a child's peak RSS counts the pages of
        # the process it was started from (a million lines made here would be counted as the
        # command's), so this process stays small, and only the command's own rusage is read
        made = [sys.executable, __file__, "--write", path, "--lines", str(args.lines),
                "--workload", args.workload]  # fmt: skip
        subprocess.run(made, check=True)
        size = os.path.getsize(path)
        command = [sys.executable, "-m", "catalogue", "check", path, "--format", "jsonl",
                   "--output", os.devnull, "--jobs", str(args.jobs)]  # fmt: skip
        watch = Watch()
        with tempfile.TemporaryFile("w+", encoding="utf-8") as err:
            start = time.perf_counter()
            proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=err, text=True)
            while True:
                pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
                if pid:
                    break
                watch.sample(proc.pid)
                time.sleep(0.05)
            elapsed = time.perf_counter() - start
            proc.returncode = os.waitstatus_to_exitcode(status)
            err.seek(0)
            stderr = err.read()
    peak_kb = usage.ru_maxrss  # KiB on Linux: the command, or its largest reaped worker
    peak_mb = peak_kb * 1024 / 1e6
    print(f"lines      {args.lines:,} ({size / 1e6:.1f} MB, GB18030, {args.workload})")
    print(f"exit code  {proc.returncode}")
    print(f"wall time  {elapsed:.1f} s ({args.lines / elapsed:,.0f} lines/s)")
    if args.jobs == 1:
        print(f"peak RSS   {peak_mb:.1f} MB ({peak_kb / 1024:.1f} MiB)")
        print(f"target     < {TARGET_MB} MB — {'met' if peak_mb < TARGET_MB else 'NOT met'}")
    else:
        parent_mb = watch.parent_hwm * 1024 / 1e6
        print(f"jobs       {args.jobs} ({len(watch.worker_hwm)} worker processes seen)")
        print(f"wait4      ru_maxrss {peak_mb:.1f} MB (the command or its largest worker)")
        print(f"parent     peak RSS {parent_mb:.1f} MB (VmHWM, sampled)")
        if watch.worker_hwm:
            worker_mb = max(watch.worker_hwm.values()) * 1024 / 1e6
            private_mb = max(watch.worker_private.values(), default=0) * 1024 / 1e6
            print(
                f"worker     largest peak RSS {worker_mb:.1f} MB (VmHWM, sampled; counts the "
                f"pages shared with the parent), largest private {private_mb:.1f} MB"
            )
        print(f"all        largest total PSS {watch.total_pss * 1024 / 1e6:.1f} MB")
        met = parent_mb < TARGET_MB
        print(f"target     parent < {TARGET_MB} MB — {'met' if met else 'NOT met'}")
    print("summary    " + stderr.strip().replace("\n", "\n           "))


class Watch:
    """The peaks of a process and its children, sampled from ``/proc`` (KiB)."""

    def __init__(self) -> None:
        self.parent_hwm = 0
        self.worker_hwm: dict[int, int] = {}
        self.worker_private: dict[int, int] = {}
        self.total_pss = 0

    def sample(self, pid: int) -> None:
        self.parent_hwm = max(self.parent_hwm, _status(pid, "VmHWM"))
        total = _rollup(pid).get("Pss", 0)
        for child in _children(pid):
            hwm = _status(child, "VmHWM")
            if hwm:
                self.worker_hwm[child] = max(self.worker_hwm.get(child, 0), hwm)
            rollup = _rollup(child)
            private = rollup.get("Private_Clean", 0) + rollup.get("Private_Dirty", 0)
            self.worker_private[child] = max(self.worker_private.get(child, 0), private)
            total += rollup.get("Pss", 0)
        self.total_pss = max(self.total_pss, total)


def _read(path: str) -> str:
    try:
        with open(path, encoding="ascii", errors="replace") as f:
            return f.read()
    except OSError:  # the process has ended
        return ""


def _status(pid: int, field: str) -> int:
    for line in _read(f"/proc/{pid}/status").splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


def _rollup(pid: int) -> dict[str, int]:
    found = {}
    for line in _read(f"/proc/{pid}/smaps_rollup").splitlines()[1:]:
        name, _, rest = line.partition(":")
        if rest.strip().endswith("kB"):
            found[name] = int(rest.split()[0])
    return found


def _children(pid: int) -> list[int]:
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return []
    return [int(c) for t in tasks for c in _read(f"/proc/{pid}/task/{t}/children").split()]


def write(path: str, workload: str, n: int) -> None:
    """The CSV of ``n`` lines of ``workload``: a unit column and an amount column, GB18030."""
    with open(path, "w", encoding="gb18030", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["项目名称", "预算单位", "金额（万元）"])
        lines = {"distinct": distinct_rows, "table": budget_table, "mixed": budget_lines}
        for k, (text, dep) in enumerate(lines[workload](n)):
            writer.writerow([text, dep, f"{(k * 7919) % 100000 / 100:.2f}"])


if __name__ == "__main__":
    main()
