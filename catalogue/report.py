"""Verdicts out: records, labels, CSV cells and summaries of checked rows.

What a verdict is called (:data:`VERDICT_LABELS`, :data:`REASON_LABELS`), which of its reasons
decides it (:func:`main_reason`, :func:`main_entry`), the JSON record of a checked row
(:func:`record`, :class:`JsonLines`), its CSV cells (:func:`csv_header`, :func:`csv_cells`) and
the counts of a run (:class:`Summary`). Every output of ``catalogue check`` is made here.
"""

from __future__ import annotations

import json
import re
from collections import Counter, OrderedDict, deque
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from .results import Reason, Verdict
from .tables import InputRow, Table

if TYPE_CHECKING:
    from .api import Catalogue

__all__ = [
    "ADDED_COLUMNS",
    "CANDIDATE_FIELDS",
    "FAIL_ON",
    "REASON_LABELS",
    "VERDICT_LABELS",
    "JsonLines",
    "Summary",
    "check_rows",
    "csv_cells",
    "csv_header",
    "main_entry",
    "main_reason",
    "neutralise",
    "record",
]

#: the candidate fields kept in a record
CANDIDATE_FIELDS: tuple[str, ...] = ("department", "code", "name", "path", "score", "why")
#: the columns CSV output adds after the input columns
ADDED_COLUMNS: tuple[str, ...] = ("verdict", "department", "code", "entry", "score", "reason")
#: which verdicts make ``--fail-on`` fail (error rows fail both thresholds: they are unchecked)
FAIL_ON: dict[str, tuple[str, ...]] = {
    "never": (),
    "out_of_scope": ("out_of_scope", "error"),
    "review": ("review", "out_of_scope", "error"),
}

VERDICT_LABELS: dict[str, str] = {
    "in_scope": "可以作为政府购买服务",
    "review": "需人工复核",
    "out_of_scope": "不能作为政府购买服务",
    "error": "无法判断",
}
REASON_LABELS: dict[str, str] = {
    "matched": "属于目录条目",
    "excluded:goods": "货物",
    "excluded:works": "建设工程",
    "excluded:financing": "融资",
    "excluded:staffing": "人员聘用、劳务派遣",
    "excluded:transfer": "补助、补贴、奖励等转移支付",
    "excluded:land": "土地款、占地补偿",
    "not_listed": "目录中没有对应条目",
    "other_department": "只列在其他部门的目录",
    "ambiguous": "不确定，需人工确认",
    "error": "输入错误",
}


def check_rows(
    catalogue: Catalogue,
    rows: Iterable[InputRow],
    department: str | None = None,
    limit: int = 3,
) -> Iterator[tuple[InputRow, Verdict]]:
    """``(row, verdict)`` for every row of a table, in order, streamed through
    :meth:`Catalogue.check_many` (a row that could not be read gets its ``error`` verdict there).
    ``department`` applies to rows without one; an unknown one raises
    :class:`~catalogue.UnknownDepartment` at once."""
    pending: deque[InputRow] = deque()

    def feed() -> Iterator[dict[str, Any]]:
        for row in rows:
            pending.append(row)
            yield {"text": row.text, "department": row.department, "error": row.error}

    verdicts = catalogue.check_many(feed(), department=department, limit=limit)
    return ((pending.popleft(), verdict) for verdict in verdicts)


def record(row: InputRow, verdict: Verdict) -> dict[str, Any]:
    """The JSON record of a checked row: ``row``, ``text``, ``department``, ``verdict``,
    ``reasons`` and ``candidates`` (each with ``department``, ``code``, ``name``, ``path``,
    ``score`` and ``why``)."""
    data = verdict.model_dump(mode="json")
    return {
        "row": row.number,
        "text": data["text"],
        "department": data["department"],
        "verdict": data["verdict"],
        "reasons": data["reasons"],
        "candidates": [{k: c[k] for k in CANDIDATE_FIELDS} for c in data["candidates"]],
    }


class JsonLines:
    """The JSON Lines of checked rows (one :func:`record` per line, compact).

    ``check_many`` returns the very same :class:`Verdict` object for a repeated row, so the
    part of the record after ``row`` is serialised once per verdict and kept for the last
    ``size`` verdicts.

        >>> from catalogue import load
        >>> lines = JsonLines()
        >>> row = InputRow(7, ("环境空气质量监测",), (), "环境空气质量监测", "生态环境")
        >>> lines.line(row, load().check("环境空气质量监测", "生态环境", 1))[:79]
        '{"row":7,"text":"环境空气质量监测","department":"生态环境","verdict":"in_scope","reasons":['
    """

    def __init__(self, size: int = 1024) -> None:
        self.size = size
        self._memo: OrderedDict[int, tuple[Verdict, str]] = OrderedDict()

    def line(self, row: InputRow, verdict: Verdict) -> str:
        key = id(verdict)
        found = self._memo.get(key)
        if found is not None and found[0] is verdict:
            self._memo.move_to_end(key)
            rest = found[1]
        else:
            data = record(row, verdict)
            del data["row"]
            rest = json.dumps(data, ensure_ascii=False, separators=(",", ":"))[1:]
            self._memo[key] = (verdict, rest)  # holding the verdict keeps its id unique
            if len(self._memo) > self.size:
                self._memo.popitem(last=False)
        return f'{{"row":{row.number:d},{rest}'


# -- what a verdict comes down to ----------------------------------------------------------------
def _decides(verdict: str, reason: Reason) -> bool:
    if verdict == "in_scope":
        return reason.category == "matched" and bool(reason.code)
    if verdict == "review":
        return reason.category == "ambiguous"
    if verdict == "out_of_scope":
        return reason.category.startswith("excluded:") or reason.category in (
            "other_department",
            "not_listed",
        )
    return reason.category == "error"


def main_reason(verdict: Verdict) -> Reason | None:
    """The reason that decides the verdict (the matched entry, the exclusion, …)."""
    for reason in verdict.reasons:
        if _decides(verdict.verdict, reason):
            return reason
    return verdict.reasons[0] if verdict.reasons else None


def main_entry(verdict: Verdict) -> tuple[str, str, str, float | None] | None:
    """``(department, code, name, score)`` of the entry the verdict names: the entry matched
    (``in_scope``), the candidate to review (``review``), the other department's entry
    (``out_of_scope`` because only another list has it); ``None`` otherwise. The score is
    ``None`` when the entry is not among the candidates (the service part of a bundled line)."""
    if verdict.verdict == "in_scope":
        wanted: tuple[str, ...] = ("matched",)
    elif verdict.verdict == "review":
        wanted = ("matched", "ambiguous", "other_department")
    elif verdict.verdict == "out_of_scope":
        wanted = ("other_department",)
    else:
        return None
    reason = next(
        (r for r in verdict.reasons if r.category in wanted and r.code and r.department), None
    )
    if reason is None:
        best = verdict.best
        if verdict.verdict != "review" or best is None:
            return None
        return best.department, best.code, best.name, best.score
    dep, code = reason.department or "", reason.code or ""
    for c in verdict.candidates:
        if (c.department, c.code) == (dep, code):
            return dep, code, c.name, c.score
    prefix = f"{dep} {code} "
    name = reason.basis[len(prefix) :] if reason.basis.startswith(prefix) else ""
    return dep, code, name, None


# -- CSV output ----------------------------------------------------------------------------------
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def neutralise(cell: str) -> str:
    """A cell made safe for spreadsheets: one that starts with ``=``, ``+``, ``-``, ``@``, a tab
    or a carriage return gets a leading ``'`` so it is not read as a formula. Plain numbers
    (``-12.5``) are left alone."""
    if cell and cell[0] in "=+-@\t\r" and not _NUMBER.fullmatch(cell):
        return "'" + cell
    return cell


def csv_header(table: Table) -> list[str]:
    """The input columns, then :data:`ADDED_COLUMNS` (prefixed with ``check_`` if an input
    column already has that name)."""
    taken = {c.strip().lower() for c in table.columns}
    added = [f"check_{c}" if c in taken else c for c in ADDED_COLUMNS]
    return [neutralise(c) for c in table.columns] + added


def csv_cells(row: InputRow, verdict: Verdict) -> list[str]:
    """The input cells (neutralised), the added cells, then any cells beyond the header."""
    entry = main_entry(verdict)
    reason = main_reason(verdict)
    added = [
        verdict.verdict,
        verdict.department or "",
        entry[1] if entry else "",
        entry[2] if entry else "",
        f"{entry[3]:.1f}" if entry and entry[3] is not None else "",
        reason.message if reason else "",
    ]
    return [neutralise(c) for c in (*row.cells, *added, *row.extra)]


# -- the summary ---------------------------------------------------------------------------------
class Summary:
    """Counts per verdict and per reason category (rows whose reasons include it)."""

    def __init__(self) -> None:
        self.rows = 0
        self.verdicts: Counter[str] = Counter()
        self.categories: Counter[str] = Counter()

    def add(self, verdict: Verdict) -> None:
        self.rows += 1
        self.verdicts[verdict.verdict] += 1
        for category in dict.fromkeys(r.category for r in verdict.reasons):
            self.categories[category] += 1

    def failing(self, fail_on: str) -> int:
        """How many rows reach the ``--fail-on`` threshold."""
        return sum(self.verdicts[v] for v in FAIL_ON[fail_on])

    def labelled(self) -> tuple[list[tuple[str, int]], list[tuple[str, int]]]:
        """``(label, count)`` of every verdict, and of every reason category that occurs."""
        verdicts = [(f"{VERDICT_LABELS[v]}（{v}）", self.verdicts[v]) for v in VERDICT_LABELS]
        categories = [
            (f"{REASON_LABELS[c]}（{c}）", self.categories[c])
            for c in REASON_LABELS
            if self.categories[c]
        ]
        return verdicts, categories

    def text(self) -> str:
        """The summary in two lines of Chinese (verdicts; reason categories)."""
        verdicts, categories = self.labelled()
        line = f"共 {self.rows} 行：" + "，".join(f"{label}{n}" for label, n in verdicts)
        cats = "，".join(f"{label}{n}" for label, n in categories)
        return line + (f"\n理由类别（行数）：{cats}" if cats else "")
