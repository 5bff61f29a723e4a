"""Evaluation harness: ``python -m catalogue.evaluate FILE [FILE …]``.

Reads labelled cases (JSON Lines: ``text``, ``department`` as written or null, ``expect``,
optional ``accept``, ``codes``, ``kind``, ``canon``) and prints, per group and overall, verdict
accuracy, top-1, recall@3, false accepts, false rejects and review rate, for the product and for
the plain rapidfuzz yardstick (``WRatio`` over the level-4 names of the right department,
``in_scope`` at or above a fixed threshold), and the same for the real texts alone.

Groups, as the held-out evaluation builds them: the department as written; the department as an
agency name (孝义市…局; only where a canonical department is given); no department; the line
wrapped in budget noise (a place, a year, 项目/经费/专项资金).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from rapidfuzz import fuzz, process

from .api import Catalogue, load
from .exceptions import CatalogueError

#: the yardstick's threshold: WRatio at or above it is called in_scope
YARDSTICK_THRESHOLD = 50.0
NOISE = (
    ("孝义市{year}", "项目"),
    ("{year}", "经费"),
    ("吕梁市", "专项资金"),
    ("{year}", "服务采购项目"),
    ("孝义市{year}", "续建项目"),
)
YEARS = ("2024年度", "2025年", "2025年-2027年", "2023年")
GROUPS = ("department", "agency", "no_department", "noise")


@dataclass(frozen=True)
class Case:
    text: str
    department: str | None
    expect: str
    accept: tuple[str, ...]
    codes: tuple[tuple[str | None, str], ...]  # (department or None, code)
    kind: str = ""
    canon: tuple[str, ...] = ()  # the canonical departments of the buyer, as labelled
    id: str = ""

    @property
    def real(self) -> bool:
        return self.kind == "real"


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
    wrong_first: list[str] = field(default_factory=list)

    def add(self, case: Case, out: Outcome) -> None:
        self.n += 1
        ok = out.verdict in (case.accept or (case.expect,))
        self.correct += ok
        self.review += out.verdict == "review"
        if case.expect in ("in_scope", "review") and case.codes:
            self.in_scope += case.expect == "in_scope"
            self.false_reject += case.expect == "in_scope" and out.verdict == "out_of_scope"
            self.coded += 1
            hit = [_matches(case, t) for t in out.top]
            self.top1 += bool(hit[:1] and hit[0])
            self.at3 += any(hit[:3])
            if not (hit[:1] and hit[0]):
                want = ",".join(f"{d}:{c}" for d, c in case.codes)
                top = ",".join(f"{d}:{c}" for d, c in out.top[:3])
                self.wrong_first.append(f"{case.id:8} {case.text} | want {want} | got {top}")
        elif case.expect == "out_of_scope":
            self.out_scope += 1
            self.false_accept += out.verdict == "in_scope"
        if not ok:
            top = ",".join(f"{d}:{c}" for d, c in out.top[:2])
            self.misses.append(
                f"{out.verdict:12} want {'/'.join(case.accept or (case.expect,)):24} "
                f"{case.id:8} {case.department} | {case.text} | {top}"
            )

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
    """Whether a candidate (department, code) is one of the labelled entries. A code labelled for
    one of the buyer's canonical departments (a merged bureau has several) may be found under any
    of them; a code of another department with the same digits is not a hit."""
    found, code = top
    return any(
        c == code and (d is None or d == found or (d in case.canon and found in case.canon))
        for d, c in case.codes
    )


class CaseError(ValueError):
    """A labelled-cases file that cannot be read: the message names the file, the line and what
    is wrong with it."""


_VERDICTS = ("in_scope", "review", "out_of_scope")


def read_cases(path: str) -> list[Case]:
    """The labelled cases of a JSON Lines file; :class:`CaseError` names the first bad line.

    Each line is an object with ``text`` (a string), ``expect`` (``in_scope``, ``review`` or
    ``out_of_scope``) and optionally ``department`` (a string or null), ``accept`` (a list of
    verdicts), ``codes`` (a list of ``A160203`` or ``统计:A160203``), ``canon`` (a department or a
    list of them), ``kind`` and ``id``. Blank lines are skipped."""
    cases = []
    try:
        fh = open(path, encoding="utf-8")  # noqa: SIM115 (closed below)
    except OSError as exc:
        raise CaseError(f"{path}: cannot be read: {exc.strerror or exc}") from None
    with fh:
        try:
            for n, line in enumerate(fh, 1):
                if line.strip():
                    cases.append(_case(line, n, f"{path}:{n}"))
        except UnicodeDecodeError:
            raise CaseError(f"{path}: not UTF-8 text") from None
    return cases


def _case(line: str, n: int, where: str) -> Case:
    try:
        raw = json.loads(line)
    except json.JSONDecodeError as exc:
        raise CaseError(f"{where}: not JSON: {exc.msg}") from None
    if not isinstance(raw, dict):
        raise CaseError(f"{where}: a case is a JSON object, not {type(raw).__name__}")

    def bad(key: str, what: str) -> CaseError:
        return CaseError(f"{where}: {key!r} must be {what}, not {json.dumps(raw.get(key))}")

    text, department, expect = raw.get("text"), raw.get("department"), raw.get("expect")
    if not isinstance(text, str):
        raise bad("text", "a string")
    if department is not None and not isinstance(department, str):
        raise bad("department", "a string or null")
    if expect not in _VERDICTS:
        raise bad("expect", " or ".join(_VERDICTS))
    accept = raw.get("accept") or []
    if not isinstance(accept, list) or any(a not in _VERDICTS for a in accept):
        raise bad("accept", "a list of verdicts")
    canon = raw.get("canon")
    if isinstance(canon, str):
        canon = [canon]
    if not (canon is None or (isinstance(canon, list) and all(isinstance(c, str) for c in canon))):
        raise bad("canon", "a department or a list of departments")
    canon_t = tuple(canon or ())
    codes = raw.get("codes") or []
    if not isinstance(codes, list) or not all(isinstance(c, str) and c for c in codes):
        raise bad("codes", "a list of codes")
    pairs = []
    for code in codes:
        dep, _, c = code.rpartition(":")
        pairs.append((dep or (canon_t[0] if canon_t else department), c))
    return Case(
        text=text,
        department=department,
        expect=expect,
        accept=tuple(accept),
        codes=tuple(pairs),
        kind=str(raw.get("kind", "")),
        canon=canon_t,
        id=str(raw.get("id", n)),
    )


def variants(cat: Catalogue, cases: list[Case]) -> dict[str, list[Case]]:
    """The four groups of the evaluation."""
    groups: dict[str, list[Case]] = {g: [] for g in GROUPS}
    for i, case in enumerate(cases):
        if case.department is None:
            groups["no_department"].append(case)
            continue
        groups["department"].append(case)
        if case.department in cat.departments:
            dep = cat.department(case.department)
            agency = next((a for a in dep.aliases if a.endswith("局")), dep.name + "局")
            groups["agency"].append(replace(case, department=f"孝义市{agency}"))
        if case.kind != "other_department":
            accept = case.accept
            if case.expect == "review" and case.codes:  # a listed service of an outside buyer
                accept = ("in_scope", "review")
            groups["no_department"].append(replace(case, department=None, accept=accept))
        prefix, suffix = NOISE[i % len(NOISE)]
        noisy = prefix.format(year=YEARS[i % len(YEARS)]) + case.text + suffix
        groups["noise"].append(replace(case, text=noisy))
    return groups


def product(cat: Catalogue) -> Callable[[Case], Outcome]:
    def run(case: Case) -> Outcome:
        try:
            v = cat.check(case.text, case.department, limit=3)
        except CatalogueError:
            return Outcome("error", [])
        return Outcome(v.verdict, [(c.department, c.code) for c in v.candidates])

    return run


def yardstick(cat: Catalogue, threshold: float = YARDSTICK_THRESHOLD) -> Callable[[Case], Outcome]:
    """What a user would do without the product: WRatio over the level-4 names of the right
    department (the yardstick is handed the labelled department for free)."""
    entries = cat.entries(level=4)

    def run(case: Case) -> Outcome:
        pool = entries
        if case.department is not None:
            deps = set(case.canon)
            if not deps:
                named = cat.get_department(case.department)
                deps = {named} if named else set()
            if deps:
                pool = [e for e in entries if e.department in deps]
        found = process.extract(case.text, [e.name for e in pool], scorer=fuzz.WRatio, limit=3)
        top = [(pool[i].department, pool[i].code) for _, _, i in found]
        best = found[0][1] if found else 0.0
        return Outcome("in_scope" if best >= threshold else "out_of_scope", top)

    return run


def evaluate(cat: Catalogue, cases: list[Case]) -> dict[str, Any]:
    groups = variants(cat, cases)
    report: dict[str, Any] = {}
    for name, runner in (("product", product(cat)), ("yardstick", yardstick(cat))):
        overall, real = Tally(), Tally()
        per: dict[str, Any] = {}
        for group, group_cases in groups.items():
            tally = Tally()
            for case in group_cases:
                out = runner(case)
                tally.add(case, out)
                overall.add(case, out)
                if case.real:
                    real.add(case, out)
            per[group] = tally
        report[name] = {"groups": per, "overall": overall, "real": real}
    return report


def _print(report: dict[str, Any], verbose: bool, out: Any = None) -> None:
    out = sys.stdout if out is None else out
    cols = ["n", "accuracy", "top1", "recall@3", "false_accepts", "false_rejects", "review_rate"]
    for name, part in report.items():
        print(f"\n{name}", file=out)
        print(f"  {'group':15}" + "".join(f"{c:>14}" for c in cols), file=out)
        rows: Iterable[tuple[str, Tally]] = [
            *part["groups"].items(),
            ("overall", part["overall"]),
            ("real texts", part["real"]),
        ]
        for group, tally in rows:
            if not tally.n:
                continue
            row = tally.row()
            print(f"  {group:15}" + "".join(f"{row[c]:>14}" for c in cols), file=out)
        if verbose and name == "product":
            for group, tally in part["groups"].items():
                for miss in tally.misses:
                    print(f"    [{group}] {miss}", file=out)
            for group, tally in part["groups"].items():
                for miss in tally.wrong_first:
                    print(f"    [{group} top-1] {miss}", file=out)


def main(argv: list[str] | None = None) -> int:
    """Run the harness; 0 when it printed its report, 2 when a file cannot be read (the message
    on standard error), 141 when standard output was closed early (``| head``)."""
    parser = argparse.ArgumentParser(prog="python -m catalogue.evaluate", description=__doc__)
    parser.add_argument("files", nargs="+", help="labelled cases, JSON Lines")
    parser.add_argument("--catalogue", default=None, help="another catalogue file")
    parser.add_argument("-v", "--verbose", action="store_true", help="list the product's misses")
    args = parser.parse_args(argv)
    try:
        cat = load(args.catalogue)
        cases = [c for f in args.files for c in read_cases(f)]
    except (CaseError, CatalogueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    start = time.perf_counter()
    report = evaluate(cat, cases)
    try:
        _print(report, args.verbose)
        print(f"\n{len(cases)} cases in {time.perf_counter() - start:.1f} s", file=sys.stdout)
        sys.stdout.flush()
    except BrokenPipeError:
        with contextlib.suppress(OSError, ValueError, AttributeError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
