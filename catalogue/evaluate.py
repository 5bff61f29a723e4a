"""Evaluation harness: ``python -m catalogue.evaluate FILE [FILE …]``.

Reads labelled cases (JSON Lines: ``text``, ``department`` or null, ``expect``, optional
``accept`` and ``codes``) and prints, per group and overall, verdict accuracy, top-1, recall@3,
false accepts, false rejects and review rate, for the product and for the plain rapidfuzz
yardstick (``WRatio`` over the level-4 names, ``in_scope`` at or above a fixed threshold).

Groups: the department as given; the department written as an agency (孝义市…局); no department;
the line wrapped in budget noise (a place, a year, 项目/经费/专项资金).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz, process

from . import load
from .api import Catalogue

YARDSTICK_THRESHOLD = 60.0
NOISE = (
    ("孝义市{year}", "项目"),
    ("{year}", "经费"),
    ("吕梁市", "专项资金"),
    ("{year}", "服务采购项目"),
    ("孝义市{year}", "续建项目"),
)
YEARS = ("2024年度", "2025年", "2025年-2027年", "2023年")


@dataclass
class Case:
    text: str
    department: str | None
    expect: str
    accept: tuple[str, ...]
    codes: tuple[tuple[str | None, str], ...]  # (department or None, code)
    kind: str = ""


@dataclass
class Outcome:
    verdict: str
    top: list[tuple[str, str]]  # (department, code) best first


@dataclass
class Tally:
    n: int = 0
    correct: int = 0
    in_scope: int = 0
    out_scope: int = 0
    top1: int = 0
    at3: int = 0
    coded: int = 0
    false_accept: int = 0
    false_reject: int = 0
    review: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, case: Case, out: Outcome) -> None:
        self.n += 1
        ok = out.verdict in (case.accept or (case.expect,))
        self.correct += ok
        self.review += out.verdict == "review"
        if case.expect == "in_scope":
            self.in_scope += 1
            self.false_reject += out.verdict == "out_of_scope"
            if case.codes:
                self.coded += 1
                hit = [_matches(case, t) for t in out.top]
                self.top1 += bool(hit[:1] and hit[0])
                self.at3 += any(hit[:3])
        else:
            self.out_scope += 1
            self.false_accept += out.verdict == "in_scope"
        if not ok:
            self.misses.append(f"{out.verdict:12} {case.kind:16} {case.department} | {case.text}")

    def row(self) -> dict[str, float | int]:
        def r(a: int, b: int) -> float:
            return round(a / b, 3) if b else float("nan")

        return {
            "n": self.n,
            "accuracy": r(self.correct, self.n),
            "top1": r(self.top1, self.coded),
            "recall@3": r(self.at3, self.coded),
            "false_accepts": r(self.false_accept, self.out_scope),
            "false_rejects": r(self.false_reject, self.in_scope),
            "review_rate": r(self.review, self.n),
        }


def _matches(case: Case, top: tuple[str, str]) -> bool:
    return any((d is None or d == top[0]) and c == top[1] for d, c in case.codes)


def read_cases(path: str) -> list[Case]:
    cases = []
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                raw = json.loads(line)
            except json.JSONDecodeError as exc:
                raise SystemExit(f"{path}:{n}: not JSON: {exc.msg}") from None
            codes = []
            for code in raw.get("codes") or ():
                dep, _, c = code.rpartition(":")
                codes.append((dep or raw.get("department"), c))
            cases.append(
                Case(
                    text=raw["text"],
                    department=raw.get("department"),
                    expect=raw["expect"],
                    accept=tuple(raw.get("accept") or ()),
                    codes=tuple(codes),
                    kind=raw.get("kind", ""),
                )
            )
    return cases


def variants(cat: Catalogue, cases: list[Case]) -> dict[str, list[Case]]:
    """The four groups of the evaluation."""
    groups: dict[str, list[Case]] = {
        "department": [],
        "agency": [],
        "no_department": [],
        "noise": [],
    }
    for i, case in enumerate(cases):
        if case.department is None:
            groups["no_department"].append(case)
            continue
        groups["department"].append(case)
        dep = cat.department(case.department)
        agency = next((a for a in dep.aliases if a.endswith("局")), dep.name + "局")
        groups["agency"].append(
            Case(case.text, f"孝义市{agency}", case.expect, case.accept, case.codes, case.kind)
        )
        if case.kind != "other_department":
            expect, accept = case.expect, case.accept
            groups["no_department"].append(
                Case(case.text, None, expect, accept, case.codes, case.kind)
            )
        prefix, suffix = NOISE[i % len(NOISE)]
        noisy = prefix.format(year=YEARS[i % len(YEARS)]) + case.text + suffix
        groups["noise"].append(
            Case(noisy, case.department, case.expect, case.accept, case.codes, case.kind)
        )
    return groups


def product(cat: Catalogue) -> Callable[[Case], Outcome]:
    def run(case: Case) -> Outcome:
        v = cat.check(case.text, case.department, limit=3)
        return Outcome(v.verdict, [(c.department, c.code) for c in v.candidates])

    return run


def yardstick(cat: Catalogue, threshold: float = YARDSTICK_THRESHOLD) -> Callable[[Case], Outcome]:
    """What a user would do without the product: WRatio over the level-4 names."""
    entries = cat.entries(level=4)

    def run(case: Case) -> Outcome:
        pool = entries
        if case.department is not None:
            dep = cat.resolve_department(case.department)
            pool = [e for e in entries if e.department == dep]
        found = process.extract(case.text, [e.name for e in pool], scorer=fuzz.WRatio, limit=3)
        top = [(pool[i].department, pool[i].code) for _, _, i in found]
        best = found[0][1] if found else 0.0
        return Outcome("in_scope" if best >= threshold else "out_of_scope", top)

    return run


def evaluate(cat: Catalogue, cases: list[Case]) -> dict[str, Any]:
    groups = variants(cat, cases)
    report: dict[str, Any] = {}
    for name, runner in (("product", product(cat)), ("yardstick", yardstick(cat))):
        overall = Tally()
        per: dict[str, Any] = {}
        for group, group_cases in groups.items():
            tally = Tally()
            for case in group_cases:
                out = runner(case)
                tally.add(case, out)
                overall.add(case, out)
            per[group] = tally
        report[name] = {"groups": per, "overall": overall}
    return report


def _print(report: dict[str, Any], verbose: bool, out: Any = sys.stdout) -> None:
    cols = ["n", "accuracy", "top1", "recall@3", "false_accepts", "false_rejects", "review_rate"]
    for name, part in report.items():
        print(f"\n{name}", file=out)
        print(f"  {'group':15}" + "".join(f"{c:>14}" for c in cols), file=out)
        rows: Iterable[tuple[str, Tally]] = [*part["groups"].items(), ("overall", part["overall"])]
        for group, tally in rows:
            row = tally.row()
            print(f"  {group:15}" + "".join(f"{row[c]:>14}" for c in cols), file=out)
        if verbose and name == "product":
            for group, tally in part["groups"].items():
                for miss in tally.misses:
                    print(f"    [{group}] {miss}", file=out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m catalogue.evaluate", description=__doc__)
    parser.add_argument("files", nargs="+", help="labelled cases, JSON Lines")
    parser.add_argument("--catalogue", default=None, help="another catalogue file")
    parser.add_argument("-v", "--verbose", action="store_true", help="list the product's misses")
    args = parser.parse_args(argv)
    cat = load(args.catalogue)
    cases = [c for f in args.files for c in read_cases(f)]
    start = time.perf_counter()
    report = evaluate(cat, cases)
    _print(report, args.verbose)
    print(f"\n{len(cases)} cases in {time.perf_counter() - start:.1f} s", file=sys.stdout)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
