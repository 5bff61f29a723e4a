"""Start-up time of the ``catalogue`` command, whole processes, beside the bare import.

    python benchmarks/startup.py [--runs 15] [--no-bytecode-cache]

Times, as whole processes, the yardstick ``python -c "import click, rapidfuzz, pydantic"`` and
``catalogue --help``, ``catalogue departments``, ``catalogue show A180601 -d 发改委`` and
``catalogue lookup 环境影响评价`` (each run as ``python -m catalogue ...`` with the same
interpreter). Each command is run twice to warm up, then ``--runs`` times, interleaved with the
others so that a slow moment of the machine falls on all of them; the script prints the median
and the range of each, its ratio to the yardstick's median and the target.

The bytecode of the modules is cached, as it is in an installed package (pip compiles it at
installation): the children write and read it under a temporary ``PYTHONPYCACHEPREFIX``, so the
checkout stays clean even where ``PYTHONDONTWRITEBYTECODE`` is set. ``--no-bytecode-cache``
measures a checkout run with ``PYTHONDONTWRITEBYTECODE=1``: the installed libraries' bytecode is
read, this package's modules (with no ``__pycache__``) are compiled from source on every run.

Targets: ``lookup`` at most 1.5× the yardstick; ``--help`` at most 1.2× it. The script only
measures and prints; it does not fail.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

#: name -> (arguments of ``python``, target ratio to the yardstick or ``None``)
COMMANDS: dict[str, tuple[list[str], float | None]] = {
    "import click, rapidfuzz, pydantic": (["-c", "import click, rapidfuzz, pydantic"], None),
    "catalogue --help": (["-m", "catalogue", "--help"], 1.2),
    "catalogue departments": (["-m", "catalogue", "departments"], None),
    "catalogue show A180601 -d 发改委": (
        ["-m", "catalogue", "show", "A180601", "-d", "发改委"],
        None,
    ),
    "catalogue lookup 环境影响评价": (["-m", "catalogue", "lookup", "环境影响评价"], 1.5),
}


def run_once(args: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, *args], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed ({proc.returncode}): {proc.stderr.decode()}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument(
        "--no-bytecode-cache",
        action="store_true",
        help="PYTHONDONTWRITEBYTECODE=1: the package's modules compiled on every run",
    )
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as prefix:
        env = dict(os.environ)
        if args.no_bytecode_cache:
            # the installed libraries' bytecode is read, none is written: a checkout without
            # __pycache__ has its modules compiled on every run
            env["PYTHONDONTWRITEBYTECODE"] = "1"
            env.pop("PYTHONPYCACHEPREFIX", None)
        else:
            env.pop("PYTHONDONTWRITEBYTECODE", None)
            env["PYTHONPYCACHEPREFIX"] = prefix
        times: dict[str, list[float]] = {name: [] for name in COMMANDS}
        for _ in range(2):  # warm-up: the bytecode cache, the index cache, the disk cache
            for command, _target in COMMANDS.values():
                run_once(command, env)
        for _ in range(args.runs):
            for name, (command, _target) in COMMANDS.items():
                times[name].append(run_once(command, env))

    base = statistics.median(times[next(iter(COMMANDS))])
    cache = "the package's compiled on every run" if args.no_bytecode_cache else "cached"
    print(f"{args.runs} runs each after 2 warm-up runs; bytecode: {cache}; {os.cpu_count()} cores")
    print(f"{'command':<34}{'median':>9}{'range':>17}{'ratio':>8}  target")
    for name, (_command, target) in COMMANDS.items():
        median = statistics.median(times[name])
        low, high = min(times[name]), max(times[name])
        ratio = median / base
        verdict = ""
        if target is not None:
            verdict = f"≤ {target}× — {'met' if ratio <= target else 'NOT met'}"
        print(
            f"{name:<34}{median * 1000:>7.0f} ms{low * 1000:>8.0f}–{high * 1000:<4.0f} ms"
            f"{ratio:>7.2f}×  {verdict}"
        )


if __name__ == "__main__":
    main()
