"""The scope verdict for a budget line: ``in_scope``, ``review`` or ``out_of_scope``.

The decision rule (``docs/matching.md`` gives its reasons):

1. Exclusion rules (:mod:`catalogue.rules`) find goods, works, financing, staffing, transfers and
   land. A hit whose words the catalogue itself uses in an entry name is not a hit.
   If what is left of the line once the excluded clauses are taken out still matches an entry
   of the department (score ≥ ``IN_SCOPE``), the line bundles a service with something excluded:
   ``review``, with both reasons. Otherwise ``out_of_scope``.
2. Otherwise the best entry of the department decides: score ≥ ``IN_SCOPE`` → ``in_scope``.
   If another department's entry reaches ``IN_SCOPE`` and beats it by ``2 × MARGIN`` (by
   ``MARGIN`` when the department's best is below ``REVIEW``), the line is listed for that
   department only → ``out_of_scope`` (``other_department``); when it beats a best of at least
   ``REVIEW`` by less, a person decides → ``review`` with both reasons.
   A best score in [``REVIEW``, ``IN_SCOPE``) → ``review``; below ``REVIEW`` → ``out_of_scope``
   (``not_listed``).
3. Without a department every department's entries compete, and the verdict names the
   department of the entry matched. A line that starts with an agency name
   (孝义市生态环境局…) is read as that department's.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Hashable, Iterable, Iterator
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from .chars import has_han, nfkc
from .exceptions import CatalogueError, InvalidText, UnknownDepartment
from .limits import check_limit
from .matching import Matcher, Prepared, Ranked
from .results import Candidate, Reason, ReasonCategory, Verdict, VerdictName
from .rules import Hit, find_exclusions
from .text import canon

if TYPE_CHECKING:
    from .tree import Tree

__all__ = ["IN_SCOPE", "MARGIN", "REVIEW", "Checker", "error_verdict"]

#: a best score at or above this is a match
IN_SCOPE = 50.0
#: a best score at or above this (and below IN_SCOPE) goes to a person
REVIEW = 38.0
#: another department's entry must beat the department's own by this much to call it theirs
MARGIN = 10.0

_CLAUSES = re.compile(r"[,，。;；、()（）\[\]【】]|以及|及|和|与|并|含|包括|暨|\+")

#: how many rows (text and department) one ``check_many`` call remembers the verdict of
VERDICT_CACHE_SIZE = 8192
#: how many texts (checked again for another department) and department names it remembers
READING_CACHE_SIZE = 1024


def _entry_label(c: Candidate) -> str:
    return f"{c.department} {c.code} {c.name}"


def _entry_reason(category: ReasonCategory, message: str, c: Candidate) -> Reason:
    """A reason whose basis is the entry of ``c``."""
    return Reason(
        category=category,
        message=message,
        basis=_entry_label(c),
        department=c.department,
        code=c.code,
    )


def _matched_reason(c: Candidate) -> Reason:
    note = ("；注意：" + "；".join(c.restrictions)) if c.restrictions else ""
    return _entry_reason(
        "matched", f"属于“{c.department}”目录 {c.code}“{c.name}”（{' > '.join(c.path)}）{note}", c
    )


def _excluded_reason(hit: Hit) -> Reason:
    return Reason(
        category=hit.rule.category,  # type: ignore[arg-type]
        message=f"{hit.rule.message}（文本中的“{hit.evidence}”）",
        basis=hit.rule.basis,
        rule=hit.rule.id,
        evidence=hit.evidence,
    )


def _protected(matcher: Matcher, hit: Hit) -> bool:
    """The catalogue names this very wording as a service (房屋和市政基础设施施工…事故调查)."""
    words, _ = canon().rewrite(nfkc(hit.evidence))
    return len(words) >= 3 and matcher.names_contain(words)


def _remainder(text: str, hits: list[Hit]) -> str:
    """The clauses of ``text`` that no hit touches."""
    s = nfkc(text)
    kept = []
    pos = 0
    for m in [*_CLAUSES.finditer(s), None]:
        end = m.start() if m else len(s)
        if not any(h.start < end and h.end > pos for h in hits):
            kept.append(s[pos:end])
        pos = m.end() if m else len(s)
    return "，".join(k for k in kept if k.strip())


_HEAD_END = re.compile(r"[,，:：;；。]|\s+")


def _head_prepared(matcher: Matcher, text: str) -> Prepared | None:
    """The first clause of ``text``, prepared, when more follows it and it has something of
    its own to match; otherwise ``None``."""
    text = text.strip()
    m = _HEAD_END.search(text)
    if m is None or not has_han(text[m.end() :]):
        return None
    try:
        head = matcher.prepare(text[: m.start()])
    except InvalidText:
        return None
    return head if len(head.canonical) >= 4 else None


def _rest_prepared(matcher: Matcher, text: str, hits: list[Hit]) -> Prepared | None:
    """The clauses of ``text`` that no hit touches, prepared, if they have anything to match."""
    rest = _remainder(text, hits)
    if not rest or not has_han(rest):
        return None
    try:
        prepared = matcher.prepare(rest)
    except InvalidText:
        return None
    return prepared if prepared.grams else None


class _Reading:
    """What a text says whatever the department it is checked for: the prepared text, the
    exclusion rules it fires and the clauses they leave.

    Rankings and candidates are kept by the matcher with the prepared text; the best entry of the
    remaining clauses is worked out per department on first use and kept: :func:`check_many`
    checks a repeated text for another department with the reading it already has.
    """

    def __init__(self, matcher: Matcher, text: str) -> None:
        self.matcher = matcher
        self.prepared = matcher.prepare(text)
        self.head = _head_prepared(matcher, text)
        self.hits = [h for h in find_exclusions(text) if not _protected(matcher, h)]
        self.rest = _rest_prepared(matcher, text, self.hits) if self.hits else None
        self._rest_best: dict[str | None, Candidate | None] = {}
        self._matching: dict[str | None, Prepared] = {}

    def matching(self, department: str | None) -> Prepared:
        """What is matched for ``department``: the whole text, or its first clause (the project
        name before a description: 特种设备检验检测服务：电梯、锅炉…) when that matches better,
        so that a description does not dilute the name it describes."""
        found = self._matching.get(department)
        if found is None:
            found = self.prepared
            if self.head is not None:
                whole = self.matcher.rank(self.prepared, department, 1)
                head = self.matcher.rank(self.head, department, 1)
                if head and (not whole or head[0][0] > whole[0][0]):
                    found = self.head
            self._matching[department] = found
        return found

    def ranked(
        self, department: str | None, limit: int, exclude: str | None = None
    ) -> list[Ranked]:
        """The first ``limit`` entries of ``department`` (of any, for ``None``; not of
        ``exclude``), best first, for the text as matched for the department being checked
        (``exclude`` when given). The matcher keeps its scoring work on the prepared text, so
        asking again for another department is cheap."""
        prepared = self.matching(department if exclude is None else exclude)
        return self.matcher.rank(prepared, department, limit, exclude=exclude)

    def candidate(self, ranked: Ranked, checked: str | None) -> Candidate:
        """The candidate of a ranked entry, for the department being checked."""
        return self.matcher.candidate(self.matching(checked), ranked)

    def rest_best(self, department: str | None) -> Candidate | None:
        """The best entry of ``department`` (of any, for ``None``) for the remaining clauses."""
        if department not in self._rest_best:
            best = None
            if self.rest is not None:
                rest_ranked = self.matcher.rank(self.rest, department, 1)
                if rest_ranked:
                    best = self.matcher.candidate(self.rest, rest_ranked[0])
            self._rest_best[department] = best
        return self._rest_best[department]


def _decide(reading: _Reading, text: str, dep: str | None, limit: int) -> Verdict:
    """The verdict for a read text and a resolved department (``None``: any)."""
    matcher, prepared = reading.matcher, reading.prepared
    inferred = False
    if dep is None and prepared.agency is not None:
        dep, inferred = prepared.agency, True

    candidates = [reading.candidate(r, dep) for r in reading.ranked(dep, limit)]
    best = candidates[0] if candidates else None
    best_score = best.score if best else 0.0
    reasons: list[Reason] = []

    def verdict(
        kind: VerdictName, shown: list[Candidate] = candidates, department: str | None = dep
    ) -> Verdict:
        return Verdict(
            text=text, department=department, verdict=kind, reasons=reasons, candidates=shown
        )

    if inferred:
        reasons.append(
            Reason(
                category="matched",
                message=f"文本开头的机关名称表明购买主体是“{dep}”，按该部门目录判断",
                basis=f"文本中的机关名称 → {dep}",
                department=dep,
            )
        )

    hits = reading.hits
    if hits:
        reasons += [_excluded_reason(h) for h in hits]
        rest_best = reading.rest_best(dep)
        if rest_best is not None and rest_best.score >= IN_SCOPE:
            reasons.append(_matched_reason(rest_best))
            reasons.append(
                Reason(
                    category="ambiguous",
                    message="该项目把目录内的服务与不得作为政府购买服务的内容打包在一起，须拆分后由人工确认",
                    basis=(
                        "财政部令第102号 第十条第（三）项；"
                        "财预〔2017〕87号：严禁将建设工程与服务打包"
                    ),
                )
            )
            return verdict("review")
        return verdict("out_of_scope")

    if dep is not None:
        other = next(iter(reading.ranked(None, 1, exclude=dep)), None)
        other_c = reading.candidate(other, dep) if other else None
        other_score = other_c.score if other_c is not None else 0.0
        # the department's best, and the other department's entry in the last place
        with_other = [*candidates[: max(0, limit - 1)], other_c] if other_c is not None else []
        elsewhere = other_c is not None and other_score >= IN_SCOPE
        if (
            best is not None
            and best_score >= IN_SCOPE
            and not (elsewhere and other_score >= best_score + MARGIN)
        ):
            reasons.append(_matched_reason(best))
            return verdict("in_scope")
        if (
            other_c is not None
            and elsewhere
            and (
                other_score >= best_score + 2 * MARGIN
                or (best_score < REVIEW and other_score >= best_score + MARGIN)
            )
        ):
            reasons.append(_other_department_reason(dep, other_c))
            return verdict("out_of_scope", with_other)
        if best is not None and best_score >= REVIEW and elsewhere and other_c is not None:
            # listed here, or nearly, but another department's entry fits clearly better:
            # a person decides
            if best_score >= IN_SCOPE:
                reasons.append(_matched_reason(best))
            reasons.append(_other_department_reason(dep, other_c))
            reasons.append(_uncertain_reason(best))
            return verdict("review", with_other)
    elif best is not None and best_score >= IN_SCOPE:
        reasons.append(_matched_reason(best))
        rivals = [
            c
            for c in candidates[1:]
            if c.department != best.department
            and c.score >= IN_SCOPE
            and c.score > best_score - MARGIN / 2
        ]
        if rivals:
            reasons.append(
                Reason(
                    category="ambiguous",
                    message="其他部门也列有相近条目："
                    + "；".join(f"{c.department} {c.code}“{c.name}”" for c in rivals)
                    + "。请按购买主体确认",
                    basis="；".join(_entry_label(c) for c in rivals),
                )
            )
        return verdict("in_scope", department=best.department)
    # nothing decided yet: a near match goes to a person, no match is not listed
    if best is not None and best_score >= REVIEW:
        reasons.append(_uncertain_reason(best))
        return verdict("review")
    reasons.append(_not_listed_reason(dep, best, matcher, reading.matching(dep)))
    return verdict("out_of_scope")


def _other_department_reason(dep: str, other: Candidate) -> Reason:
    return _entry_reason(
        "other_department",
        f"只列在“{other.department}”目录 {other.code}“{other.name}”，不在“{dep}”目录中",
        other,
    )


def _uncertain_reason(best: Candidate) -> Reason:
    return _entry_reason(
        "ambiguous",
        f"与 {best.department} {best.code}“{best.name}”部分相符（得分 {best.score:.0f}），"
        "不足以确定，须人工确认",
        best,
    )


def _not_listed_reason(
    dep: str | None, best: Candidate | None, matcher: Matcher, prepared: Prepared
) -> Reason:
    where = f"“{dep}”目录" if dep else "第二批目录的任何部门"
    nearest = ""
    if best is not None:
        missing = matcher.unexplained(prepared, best)
        nearest = (
            f"；最接近的是 {best.department} {best.code}“{best.name}”（得分 {best.score:.0f}），"
            f"但{best.why}" + (f"；文本中的“{missing}”在该条目中没有对应" if missing else "")
        )
    return Reason(
        category="not_listed",
        message=f"{where}中没有涵盖该项目的条目{nearest}",
        basis="财综〔2020〕57号：政府购买服务的内容应在指导性目录范围内；"
        "政府购买服务项目预算应在指导性目录或本部门指导性目录范围内编列",
        department=dep,
    )


def error_verdict(text: object, message: str, department: str | None = None) -> Verdict:
    """The verdict of a row that cannot be checked: ``error``, with the reason."""
    return Verdict(
        text=text if isinstance(text, str) else "",
        department=department,
        verdict="error",
        reasons=[Reason(category="error", message=message, basis="输入")],
        candidates=[],
    )


K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class _LRU(Generic[K, V]):
    """The ``size`` most recently used items of a mapping."""

    def __init__(self, size: int) -> None:
        self._size = size
        self._items: OrderedDict[K, V] = OrderedDict()

    def get(self, key: K) -> V | None:
        value = self._items.get(key)
        if value is not None:
            self._items.move_to_end(key)
        return value

    def put(self, key: K, value: V) -> None:
        self._items[key] = value
        if len(self._items) > self._size:
            self._items.popitem(last=False)


class Checker:
    """Verdicts for budget lines: resolves the buyer, reads the text, asks the matcher, decides.

    :meth:`catalogue.Catalogue.check` and :meth:`~catalogue.Catalogue.check_many` are this
    class's; it is the only place that resolves departments for a check and calls the matcher.
    """

    def __init__(self, tree: Tree, matcher: Matcher) -> None:
        self.tree = tree
        self.matcher = matcher

    def check(self, text: str, department: str | None = None, limit: int = 5) -> Verdict:
        """See :meth:`catalogue.Catalogue.check`."""
        check_limit(limit)
        dep = None if department is None else self.tree.resolve_department(department)
        return _decide(_Reading(self.matcher, text), text, dep, limit)

    def check_many(
        self, rows: Iterable[Any], department: str | None = None, limit: int = 3
    ) -> Iterator[Verdict]:
        """Verdicts for ``rows`` (strings, or dicts with ``text`` and optional ``department`` and
        ``error``), one per row, in order, streamed. A row that cannot be checked, or that
        carries an ``error`` (a line of a table that could not be read), gets verdict ``error``.

        Budget tables repeat lines (办公费, the same project across units): a row seen before gets
        the verdict it got then (the same frozen :class:`Verdict` object), and a text seen before
        with another department is not read again. What is remembered is bounded
        (:data:`VERDICT_CACHE_SIZE`, :data:`READING_CACHE_SIZE`), so memory stays constant however
        many rows there are."""
        check_limit(limit)
        default = None if department is None else self.tree.resolve_department(department)
        return _Batch(self, limit).run(rows, default)


class _Batch:
    """The checks of one :meth:`Checker.check_many` call, with what they remember."""

    def __init__(self, checker: Checker, limit: int) -> None:
        self.tree = checker.tree
        self.matcher = checker.matcher
        self.limit = limit
        self.verdicts: _LRU[tuple[str, str | None], Verdict] = _LRU(VERDICT_CACHE_SIZE)
        self.readings: _LRU[str, _Reading] = _LRU(READING_CACHE_SIZE)
        self.departments: _LRU[str, str | UnknownDepartment] = _LRU(READING_CACHE_SIZE)

    def run(self, rows: Iterable[Any], default: str | None) -> Iterator[Verdict]:
        for row in rows:
            if isinstance(row, dict):
                text = row.get("text")
                error = row.get("error")
                if error is not None:
                    yield error_verdict(text, str(error))
                    continue
                yield self.check(text, row.get("department") or default)
            else:
                yield self.check(row, default)

    def check(self, text: Any, department: Any) -> Verdict:
        """What :meth:`Checker.check` says of the row, or an ``error`` verdict."""
        if type(text) is not str or not (department is None or type(department) is str):
            return self._check(text, department)  # not a plain string: not remembered
        key = (text, department)
        verdict = self.verdicts.get(key)
        if verdict is None:
            verdict = self._check(text, department)
            self.verdicts.put(key, verdict)
        return verdict

    def _check(self, text: Any, department: Any) -> Verdict:
        try:
            dep = None if department is None else self._department(department)
            return _decide(self._reading(text), text, dep, self.limit)
        except (CatalogueError, ValueError) as exc:
            shown = None if isinstance(exc, UnknownDepartment) else department
            return error_verdict(text, str(exc), shown)

    def _department(self, name: Any) -> str:
        """``tree.resolve_department(name)``, once per name."""
        if type(name) is not str:
            return self.tree.resolve_department(name)
        found = self.departments.get(name)
        if found is None:
            try:
                found = self.tree.resolve_department(name)
            except UnknownDepartment as exc:
                found = exc.with_traceback(None)  # kept: no frames to hold on to
            self.departments.put(name, found)
        if isinstance(found, UnknownDepartment):
            raise found.with_traceback(None)  # raised again: no traceback to grow
        return found

    def _reading(self, text: Any) -> _Reading:
        """The reading of ``text``, once per text."""
        if type(text) is not str:
            return _Reading(self.matcher, text)
        reading = self.readings.get(text)
        if reading is None:
            reading = _Reading(self.matcher, text)
            self.readings.put(text, reading)
        return reading
