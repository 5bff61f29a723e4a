"""The scope verdict for a budget line: ``in_scope``, ``review`` or ``out_of_scope``.

The decision rule (``docs/matching.md`` gives its reasons):

1. Exclusion rules (:mod:`catalogue.rules`) find goods, works, financing, staffing, transfers and
   land. A hit whose words the catalogue itself uses in an entry name is not a hit.
   If what is left of the line once the excluded clauses are taken out still matches an entry
   of the department (score ≥ ``IN_SCOPE``), the line bundles a service with something excluded:
   ``review``, with both reasons. Otherwise ``out_of_scope``.
2. Otherwise the best entry of the department decides: score ≥ ``IN_SCOPE`` → ``in_scope``.
   If another department's entry reaches ``IN_SCOPE`` and beats it by ``MARGIN``, the line is
   listed for that department only → ``out_of_scope`` (``other_department``).
   A best score in [``REVIEW``, ``IN_SCOPE``) → ``review``; below ``REVIEW`` → ``out_of_scope``
   (``not_listed``).
3. Without a department every department's entries compete, and the verdict names the
   department of the entry matched. A line that starts with an agency name
   (孝义市生态环境局…) is read as that department's.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from .exceptions import CatalogueError, InvalidText, UnknownDepartment
from .results import Candidate, Reason, Verdict
from .rules import Hit, find_exclusions
from .text import canon, nfkc

if TYPE_CHECKING:
    from .matching import Matcher, Prepared
    from .model import Catalogue

__all__ = ["IN_SCOPE", "MARGIN", "REVIEW", "check", "check_many"]

#: a best score at or above this is a match
IN_SCOPE = 50.0
#: a best score at or above this (and below IN_SCOPE) goes to a person
REVIEW = 38.0
#: another department's entry must beat the department's own by this much to call it theirs
MARGIN = 10.0

_CLAUSES = re.compile(r"[,，。;；、()（）\[\]【】]|以及|及|和|与|并|含|包括|暨|\+")


def _entry_label(c: Candidate) -> str:
    return f"{c.department} {c.code} {c.name}"


def _matched_reason(c: Candidate) -> Reason:
    note = ("；注意：" + "；".join(c.restrictions)) if c.restrictions else ""
    return Reason(
        category="matched",
        message=f"属于“{c.department}”目录 {c.code}“{c.name}”（{' > '.join(c.path)}）{note}",
        basis=_entry_label(c),
        department=c.department,
        code=c.code,
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
    if len(words) < 3:
        return False
    if "\n" in words:  # could straddle two names of the joined list
        return any(words in item.canonical[4] for item in matcher._items)
    return words in _entry_names(matcher)


@lru_cache(maxsize=8)
def _entry_names(matcher: Matcher) -> str:
    """The canonical level-4 names, one per line: a term without a line break is in this text
    exactly when it is in one of the names."""
    return "\n".join(item.canonical[4] for item in matcher._items)


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


def check(
    catalogue: Catalogue, text: str, department: str | None = None, limit: int = 5
) -> Verdict:
    """See :meth:`Catalogue.check`."""
    if isinstance(limit, bool) or not isinstance(limit, int) or limit < 1:
        raise ValueError(f"limit must be a positive integer, not {limit!r}")
    matcher: Matcher = catalogue._matcher
    dep = None if department is None else catalogue.resolve_department(department)
    prepared = matcher.prepare(text)
    inferred = False
    if dep is None and prepared.agency is not None:
        dep, inferred = prepared.agency, True

    ranked_all = matcher.rank(prepared)
    ranked = [r for r in ranked_all if r[3].entry.department == dep] if dep else ranked_all
    candidates = [matcher.candidate(prepared, r) for r in ranked[:limit]]
    best = candidates[0] if candidates else None
    best_score = best.score if best else 0.0
    reasons: list[Reason] = []
    if inferred:
        reasons.append(
            Reason(
                category="matched",
                message=f"文本开头的机关名称表明购买主体是“{dep}”，按该部门目录判断",
                basis=f"文本中的机关名称 → {dep}",
                department=dep,
            )
        )

    hits = [h for h in find_exclusions(text) if not _protected(matcher, h)]
    if hits:
        reasons += [_excluded_reason(h) for h in hits]
        rest = _remainder(text, hits)
        rest_best: Candidate | None = None
        if rest and re.search(r"[\u4e00-\u9fff]", rest):
            try:
                rest_prepared = matcher.prepare(rest)
            except InvalidText:
                rest_prepared = None
            if rest_prepared is not None and rest_prepared.grams:
                rest_ranked = matcher.rank(rest_prepared, dep)
                if rest_ranked:
                    rest_best = matcher.candidate(rest_prepared, rest_ranked[0])
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
            return Verdict(
                text=text, department=dep, verdict="review", reasons=reasons, candidates=candidates
            )
        return Verdict(
            text=text,
            department=dep,
            verdict="out_of_scope",
            reasons=reasons,
            candidates=candidates,
        )

    if dep is not None:
        other = next((r for r in ranked_all if r[3].entry.department != dep), None)
        other_c = matcher.candidate(prepared, other) if other else None
        other_score = other_c.score if other_c is not None else 0.0
        elsewhere = other_c is not None and other_score >= IN_SCOPE
        if (
            best is not None
            and best_score >= IN_SCOPE
            and not (elsewhere and other_score >= best_score + MARGIN)
        ):
            reasons.append(_matched_reason(best))
            return Verdict(
                text=text,
                department=dep,
                verdict="in_scope",
                reasons=reasons,
                candidates=candidates,
            )
        if (
            other_c is not None
            and elsewhere
            and (
                other_score >= best_score + 2 * MARGIN
                or (best_score < IN_SCOPE and other_score >= best_score + MARGIN)
            )
        ):
            reasons.append(_other_department_reason(dep, other_c))
            return Verdict(
                text=text,
                department=dep,
                verdict="out_of_scope",
                reasons=reasons,
                candidates=[*candidates[: max(0, limit - 1)], other_c],
            )
        if best is not None and best_score >= IN_SCOPE and other_c is not None:
            # listed here, but another department's entry fits clearly better: a person decides
            reasons.append(_matched_reason(best))
            reasons.append(_other_department_reason(dep, other_c))
            reasons.append(_uncertain_reason(best))
            return Verdict(
                text=text,
                department=dep,
                verdict="review",
                reasons=reasons,
                candidates=[*candidates[: max(0, limit - 1)], other_c],
            )
        if best is not None and best_score >= REVIEW:
            reasons.append(_uncertain_reason(best))
            return Verdict(
                text=text, department=dep, verdict="review", reasons=reasons, candidates=candidates
            )
        reasons.append(_not_listed_reason(dep, best, matcher, prepared))
        return Verdict(
            text=text,
            department=dep,
            verdict="out_of_scope",
            reasons=reasons,
            candidates=candidates,
        )

    if best is not None and best_score >= IN_SCOPE:
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
        return Verdict(
            text=text,
            department=best.department,
            verdict="in_scope",
            reasons=reasons,
            candidates=candidates,
        )
    if best is not None and best_score >= REVIEW:
        reasons.append(_uncertain_reason(best))
        return Verdict(
            text=text, department=None, verdict="review", reasons=reasons, candidates=candidates
        )
    reasons.append(_not_listed_reason(None, best, matcher, prepared))
    return Verdict(
        text=text, department=None, verdict="out_of_scope", reasons=reasons, candidates=candidates
    )


def _other_department_reason(dep: str, other: Candidate) -> Reason:
    return Reason(
        category="other_department",
        message=f"只列在“{other.department}”目录 {other.code}“{other.name}”，不在“{dep}”目录中",
        basis=_entry_label(other),
        department=other.department,
        code=other.code,
    )


def _uncertain_reason(best: Candidate) -> Reason:
    return Reason(
        category="ambiguous",
        message=(
            f"与 {best.department} {best.code}“{best.name}”部分相符（得分 {best.score:.0f}），"
            "不足以确定，须人工确认"
        ),
        basis=_entry_label(best),
        department=best.department,
        code=best.code,
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


def check_many(
    catalogue: Catalogue,
    rows: Iterable[Any],
    department: str | None = None,
    limit: int = 3,
) -> Iterator[Verdict]:
    """Verdicts for ``rows`` (strings, or dicts with ``text`` and optional ``department``),
    one per row, in order, streamed. A row that cannot be checked gets verdict ``error``."""
    for row in rows:
        if isinstance(row, dict):
            text = row.get("text")
            dep = row.get("department") or department
        else:
            text, dep = row, department
        try:
            yield check(catalogue, text, dep, limit)  # type: ignore[arg-type]
        except (CatalogueError, ValueError) as exc:
            category = "error"
            yield Verdict(
                text=text if isinstance(text, str) else "",
                department=None if isinstance(exc, UnknownDepartment) else dep,
                verdict="error",
                reasons=[Reason(category=category, message=str(exc), basis="输入")],
                candidates=[],
            )
