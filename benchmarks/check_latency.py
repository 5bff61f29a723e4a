"""Per-line latency of ``Catalogue.check`` in-process, beside the rapidfuzz yardstick.

Prints p50 / p90 / p99 in milliseconds. Target: ``check`` p50 ≤ 0.5 ms per line.

Two figures for ``check``: *cold* forgets the matcher's scoring work before every line (the cost
of a text never seen), *in use* keeps it, as a running process does (lines that differ only in
noise — 孝义市2024年度X项目, X工作经费 — share it).

    python benchmarks/check_latency.py
"""

from __future__ import annotations

import statistics
import time

from rapidfuzz import fuzz, process

import catalogue

TARGET_P50_MS = 0.5


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


def main() -> None:
    cat = catalogue.load()
    data = lines(cat)
    cat.check("预热", None)  # build the index once
    forget = cat._matcher._memo.cache_clear
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
            f"{label:13}n={len(timings)}  p50={p50:.3f} ms  p90={p90:.3f} ms  p99={p99:.3f} ms"
            f"  (target p50 <= {TARGET_P50_MS} ms: {verdict})"
        )
    names = [e.name for e in cat.entries(level=4)]
    timings = []
    for text, _ in data * 3:
        t0 = time.perf_counter()
        process.extractOne(text, names, scorer=fuzz.WRatio)
        timings.append((time.perf_counter() - t0) * 1000)
    p50, p90, p99 = percentiles(timings)
    print(f"{'yardstick':13}n={len(timings)}  p50={p50:.3f} ms  p90={p90:.3f} ms  p99={p99:.3f} ms")


if __name__ == "__main__":
    main()
