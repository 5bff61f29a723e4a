"""Time the worst inputs a budget line or a buyer's name can be, at growing sizes.

    python benchmarks/worst_inputs.py

Every regular expression and every scan the library runs on user text must take time linear in
its length. For each kind of hostile text the script checks it at 250, 500, 1,000 and 2,000
characters (the longest text the library reads, ``MAX_TEXT_CHARS``) and prints the time and
the growth per doubling: about ×2 is linear, ×4 would be quadratic. Texts beyond the limit
(24,000 characters, 1 MB) and buyer names of 20,000 characters and 1 MB are refused at once;
their time is printed too. Each figure is the fastest of five runs, each on the text with a
different last character (so that no run finds it already read). A generous bound of 1 s per
line is reported as met or not. The unit tests (``tests/test_worst_inputs.py``) check that the
same inputs give their answers; this script only measures and prints.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable

import catalogue
from catalogue.limits import MAX_TEXT_CHARS

BOUND_S = 1.0
SIZES = (250, 500, 1000, MAX_TEXT_CHARS)

#: kinds of hostile line: a unit repeated to the size
LINES = {
    "negated exclusions": "不含设备采购，",
    "exclusion words": "购置设备车辆",
    "works words": "维修改造工程",
    "agency names": "孝义市生态环境局",
    "place names": "山西省太原市",
    "open brackets": "环境监测（",
    "enumeration": "监测、",
    "service words": "监测评估调查",
    "negations": "不含非无",
    "campaign brackets": "五进（" + "企业农村社区学校家庭" * 5 + "）",
}
#: kinds of hostile buyer name
NAMES = {
    "agency suffixes": "局",
    "agency names": "生态环境局",
    "place names": "孝义市",
    "brackets": "（",
    "latin": "a",
}


#: a different last character for each run, so that no run finds the text already read
_MARKS = "甲乙丙丁戊"


def timed(call: Callable[[str], object], text: str) -> tuple[float, str]:
    """The fastest of five runs of ``call`` on ``text`` (the least disturbed by other work on
    the machine), each on the text with a different last character, and what it gave."""
    best = float("inf")
    outcome: object = None
    for mark in _MARKS:
        variant = text[:-1] + mark
        start = time.perf_counter()
        try:
            outcome = call(variant)
        except catalogue.CatalogueError as e:
            outcome = type(e).__name__
        best = min(best, time.perf_counter() - start)
    return best, str(outcome)


def main() -> None:
    cat = catalogue.load()
    cat.check("预热")
    worst = 0.0
    print(f"{'line':20}" + "".join(f"{n:>12}" for n in SIZES) + "   growth per doubling")
    for label, unit in LINES.items():
        times = []
        for size in SIZES:
            text = (unit * (size // len(unit) + 1))[:size]
            seconds, _ = timed(lambda t: cat.check(t).verdict, text)
            times.append(seconds)
        worst = max(worst, *times)
        growth = " ".join(f"×{b / a:.1f}" for a, b in itertools.pairwise(times) if a)
        print(f"{label:20}" + "".join(f"{t * 1000:10.2f}ms" for t in times) + f"   {growth}")
    for label, size in (("24,000 characters", 24_000), ("1 MB", 1_000_000)):
        seconds, outcome = timed(lambda t: cat.check(t).verdict, "监" * size)
        worst = max(worst, seconds)
        print(f"line of {label:17} {seconds * 1000:8.2f} ms  {outcome}")
    for label, unit in NAMES.items():
        for size in (20_000, 1_000_000):
            name = unit * (size // len(unit))
            seconds, outcome = timed(lambda n: cat.check("环境监测", n).verdict, name)
            worst = max(worst, seconds)
            print(f"buyer {label:15} {size:>9,} chars {seconds * 1000:8.2f} ms  {outcome}")
    print(f"slowest {worst * 1000:.1f} ms; bound {BOUND_S:.0f} s per line: "
          f"{'met' if worst <= BOUND_S else 'NOT met'}")  # fmt: skip


if __name__ == "__main__":
    main()
