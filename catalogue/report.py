"""Verdicts out: records, labels, CSV cells and summaries of checked rows.

What a verdict is called (:func:`label`, one table :data:`LABELS`), which of its reasons decides
it (:func:`main_reason`, :func:`main_entry`), the JSON record of a checked row (:func:`record`,
:class:`JsonLines`), its CSV cells (:func:`csv_header`, :func:`csv_cells`) and the counts and
amounts of a run (:class:`Summary`). Every output of ``catalogue check`` is made here (the XLSX
workbook in :mod:`catalogue.workbook`, from the same pieces).
"""

from __future__ import annotations

import json
import re
from collections import Counter, OrderedDict, deque
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from .first_use import on_first_use
from .results import Candidate, Reason, Verdict

if TYPE_CHECKING:  # the table readers are not imported by ``catalogue lookup``, which labels
    from .api import Catalogue  # verdicts here but reads no table
    from .tables import InputRow, Table

__all__ = [
    "ADDED_COLUMNS",
    "CANDIDATE_FIELDS",
    "ENCODING_NAMES",
    "FAIL_ON",
    "LABELS",
    "MEANINGS",
    "REASON_LABELS",
    "RECORD_FIELDS",
    "JsonLines",
    "Summary",
    "added_names",
    "amount",
    "candidate_text",
    "check_rows",
    "csv_cells",
    "csv_header",
    "label",
    "main_candidate",
    "main_entry",
    "main_reason",
    "meaning",
    "neutralise",
    "next_candidates",
    "record",
    "skipped_verdict",
    "verdict_label",
]

#: the candidate fields kept in a record
CANDIDATE_FIELDS: tuple[str, ...] = ("department", "code", "name", "path", "score", "why")
#: the fields of a checked row's JSON record (:func:`record`), in order
RECORD_FIELDS: tuple[str, ...] = (
    "row",
    "text",
    "department",
    "verdict",
    "label",
    "reasons",
    "candidates",
    "buyer",
)
#: the columns CSV output adds after the input columns
ADDED_COLUMNS: tuple[str, ...] = (
    "verdict", "label", "department", "entry_department", "code", "entry", "score", "reason",
    "candidates",
)  # fmt: skip
#: which verdicts make ``--fail-on`` fail (error rows fail both thresholds: they are unchecked;
#: skipped rows — headers, column numbers, 合计 — fail neither: they are not budget lines)
FAIL_ON: dict[str, tuple[str, ...]] = {
    "never": (),
    "out_of_scope": ("out_of_scope", "error"),
    "review": ("review", "out_of_scope", "error"),
}

# -- labels: one per meaning -------------------------------------------------------------------
#: the label of each meaning, in the order reports list them. A meaning is what a verdict comes
#: down to, given the reason that decides it (:func:`meaning`).
LABELS: dict[str, str] = {
    "in_scope": "属于第二批目录",
    "review": "需人工复核",
    "excluded": "不得作为政府购买服务",
    "not_listed": "第二批目录未列入",
    "other_department": "仅列入其他部门目录",
    "no_service": "未写明服务内容",
    "outside_buyer": "购买主体无第二批目录",
    "error": "无法判断",
    "skipped": "已跳过（非预算项目）",
}
#: the meanings, in report order
MEANINGS: tuple[str, ...] = tuple(LABELS)
#: the meanings a summary lists even when no row has them
_ALWAYS_LISTED = ("in_scope", "review", "excluded", "not_listed", "other_department", "error")
#: the out_of_scope reasons that name their own meaning
_OWN_MEANING = ("not_listed", "other_department", "no_service", "outside_buyer")


def meaning(verdict: str, category: str | None) -> str:
    """What a verdict comes down to, given the category of the reason that decides it: the
    verdict itself for ``in_scope``, ``review``, ``error`` and ``skipped``; for ``out_of_scope``
    ``excluded`` (the law excludes it), ``not_listed``, ``other_department``, ``no_service`` or
    ``outside_buyer``. An ``out_of_scope`` with no such reason reads as ``not_listed`` — the
    weaker claim.

        >>> meaning("out_of_scope", "excluded:works"), meaning("out_of_scope", "not_listed")
        ('excluded', 'not_listed')
    """
    if verdict != "out_of_scope":
        return verdict if verdict in LABELS else "error"
    if category is not None and category.startswith("excluded:"):
        return "excluded"
    if category in _OWN_MEANING:
        return category  # type: ignore[return-value]
    return "not_listed"


def label(verdict: str, category: str | None) -> str:
    """The Chinese label of a verdict and the category of its deciding reason — the only words
    any output of ``catalogue check`` uses for a verdict.

        >>> label("out_of_scope", "excluded:goods"), label("out_of_scope", "not_listed")
        ('不得作为政府购买服务', '第二批目录未列入')
    """
    return LABELS[meaning(verdict, category)]


def verdict_label(verdict: Verdict) -> str:
    """:func:`label` of a verdict (its deciding reason found by :func:`main_reason`)."""
    reason = main_reason(verdict)
    return label(verdict.verdict, reason.category if reason else None)


#: the encodings a table is read in (:attr:`Table.encoding`), as reports name them
ENCODING_NAMES: dict[str, str] = {
    "utf-8-sig": "UTF-8",
    "gb18030": "GB18030",
    "utf-16": "UTF-16",
    "utf-16-le": "UTF-16LE（无 BOM）",
    "utf-16-be": "UTF-16BE（无 BOM）",
    "utf-32": "UTF-32",
    "utf-8+gb18030": "UTF-8 与 GB18030 混合，逐行识别",
}

#: reason categories as a summary names them
REASON_LABELS: dict[str, str] = {
    "matched": "属于目录条目",
    "excluded:goods": "货物",
    "excluded:works": "建设工程",
    "excluded:financing": "融资",
    "excluded:staffing": "人员聘用、劳务派遣",
    "excluded:transfer": "补助、补贴、奖励等转移支付",
    "excluded:land": "土地款、占地补偿",
    "excluded:duty": "应由政府直接履职的事项",
    "not_listed": "第二批目录未列入",
    # a reason, not a verdict: the line may also be near an entry of the buyer's (then review)
    "other_department": "列入其他部门目录",
    "no_service": "未写明服务内容",
    "outside_buyer": "购买主体无第二批目录",
    "ambiguous": "不确定，需人工确认",
    "skipped": "非预算项目行",
    "error": "输入错误",
    "buyer": "购买主体的读法",
    "typo": "按同音字改读",
}


# -- checking a table --------------------------------------------------------------------------
def skipped_verdict(row: InputRow) -> Verdict:
    """The verdict of a row that is not a budget line (:attr:`InputRow.skip`): ``skipped``."""
    return Verdict(
        text=row.text,
        department=None,
        verdict="skipped",
        reasons=(Reason(category="skipped", message=row.skip or "不是预算项目", basis="表格结构"),),
        candidates=(),
    )


def check_rows(
    catalogue: Catalogue,
    rows: Iterable[InputRow],
    department: str | None = None,
    limit: int = 3,
    jobs: int = 1,
) -> Iterator[tuple[InputRow, Verdict]]:
    """``(row, verdict)`` for every row of a table, in order, streamed through
    :meth:`Catalogue.check_many` (a row that could not be read gets its ``error`` verdict there;
    a row that is not a budget line gets :func:`skipped_verdict` and is not judged).
    ``department`` applies to rows without one; an unknown one raises
    :class:`~catalogue.UnknownDepartment` at once. ``jobs``: worker processes, as
    ``check_many``'s."""
    pending: deque[InputRow] = deque()

    def feed() -> Iterator[dict[str, Any]]:
        for row in rows:
            pending.append(row)
            if row.skip is None:
                yield {"text": row.text, "department": row.department, "error": row.error}

    verdicts = catalogue.check_many(feed(), department=department, limit=limit, jobs=jobs)

    def pairs() -> Iterator[tuple[InputRow, Verdict]]:
        for verdict in verdicts:
            # the row of this verdict is in ``pending``, after any skipped rows before it
            while pending[0].skip is not None:
                row = pending.popleft()
                yield row, skipped_verdict(row)
            yield pending.popleft(), verdict
        while pending:
            row = pending.popleft()
            yield row, skipped_verdict(row)

    return pairs()


# -- records -----------------------------------------------------------------------------------
def record(row: InputRow, verdict: Verdict) -> dict[str, Any]:
    """The JSON record of a checked row: ``row`` (the source's row number), ``text``,
    ``department``, ``verdict``, ``label``, ``reasons``, ``candidates`` (each with
    ``department``, ``code``, ``name``, ``path``, ``score`` and ``why``) and ``buyer`` (how the
    row's buyer was read, as :attr:`Verdict.buyer`; ``null`` when no buyer was given)."""
    data = verdict.model_dump(mode="json")
    return {
        "row": row.number,
        "text": data["text"],
        "department": data["department"],
        "verdict": data["verdict"],
        "label": verdict_label(verdict),
        "reasons": data["reasons"],
        "candidates": [{k: c[k] for k in CANDIDATE_FIELDS} for c in data["candidates"]],
        "buyer": data["buyer"],
    }


class JsonLines:
    """The JSON Lines of checked rows (one :func:`record` per line, compact).

    ``check_many`` returns the very same :class:`Verdict` object for a repeated row, so the
    part of the record after ``row`` is serialised once per verdict and kept for the last
    ``size`` verdicts.

        >>> from catalogue import load
        >>> from catalogue.tables import InputRow
        >>> lines = JsonLines()
        >>> row = InputRow(7, ("环境空气质量监测",), (), "环境空气质量监测", "生态环境")
        >>> lines.line(row, load().check("环境空气质量监测", "生态环境", 1))[:47]
        '{"row":7,"text":"环境空气质量监测","department":"生态环境",'
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
        return reason.category in ("ambiguous", "outside_buyer", "no_service")
    if verdict == "out_of_scope":
        return reason.category.startswith("excluded:") or reason.category in _OWN_MEANING
    return reason.category == verdict


def main_reason(verdict: Verdict) -> Reason | None:
    """The reason that decides the verdict (the matched entry, the exclusion, …). An
    exclusion decides before the buyer read from the text: land money is land money whoever
    pays it."""
    if verdict.verdict == "out_of_scope":
        for reason in verdict.reasons:
            if reason.category.startswith("excluded:"):
                return reason
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


def main_candidate(verdict: Verdict) -> Candidate | None:
    """The candidate of :func:`main_entry`, when it is among the candidates."""
    entry = main_entry(verdict)
    if entry is None:
        return None
    return next(
        (c for c in verdict.candidates if (c.department, c.code) == entry[:2]),
        None,
    )


def next_candidates(verdict: Verdict) -> list[Candidate]:
    """The candidates other than the entry the verdict names, best first."""
    entry = main_entry(verdict)
    return [c for c in verdict.candidates if entry is None or (c.department, c.code) != entry[:2]]


def candidate_text(c: Candidate) -> str:
    """A candidate in one line, naming its department: ``生态环境 A170303 环境空气质量监测服务
    （得分 100）``."""
    return f"{c.department} {c.code} {c.name}（得分 {c.score:.0f}）"


# -- CSV output ----------------------------------------------------------------------------------
_NUMBER = on_first_use(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def neutralise(cell: str) -> str:
    """A cell made safe for spreadsheets: one that starts with ``=``, ``+``, ``-``, ``@``, a tab
    or a carriage return gets a leading ``'`` so it is not read as a formula. Plain numbers
    (``-12.5``) are left alone."""
    if cell and cell[0] in "=+-@\t\r" and not _NUMBER.fullmatch(cell):
        return "'" + cell
    return cell


def added_names(table: Table, names: Iterable[str], prefix: str) -> list[str]:
    """``names`` of added columns, each prefixed when an input column already has it."""
    taken = {c.strip().lower() for c in table.columns}
    return [f"{prefix}{c}" if c.strip().lower() in taken else c for c in names]


def csv_header(table: Table) -> list[str]:
    """The input columns, then :data:`ADDED_COLUMNS` (prefixed with ``check_`` if an input
    column already has that name)."""
    return [neutralise(c) for c in table.columns] + added_names(table, ADDED_COLUMNS, "check_")


def csv_cells(row: InputRow, verdict: Verdict) -> list[str]:
    """The input cells (neutralised), the added cells, then any cells beyond the header."""
    entry = main_entry(verdict)
    reason = main_reason(verdict)
    added = [
        verdict.verdict,
        verdict_label(verdict),
        verdict.department or "",
        entry[0] if entry else "",
        entry[1] if entry else "",
        entry[2] if entry else "",
        f"{entry[3]:.1f}" if entry and entry[3] is not None else "",
        reason.message if reason else "",
        "；".join(candidate_text(c) for c in next_candidates(verdict)),
    ]
    return [neutralise(c) for c in (*row.cells, *added, *row.extra)]


# -- amounts ------------------------------------------------------------------------------------
_AMOUNT = on_first_use(r"[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?|[+-]?\.\d+")


def amount(row: InputRow, table: Table) -> float | None:
    """The row's amount (the table's amount column), or ``None`` when the cell is not a number.
    Thousands separators, full-width digits and a trailing unit (万元, 元) are allowed."""
    if table.amount_index is None or table.amount_index >= len(row.cells):
        return None
    cell = row.cells[table.amount_index].strip().translate(_FULLWIDTH)
    cell = re.sub(r"\s*(万元|千元|元)$", "", cell)
    if not _AMOUNT.fullmatch(cell):
        return None
    return float(cell.replace(",", ""))


_FULLWIDTH = str.maketrans("０１２３４５６７８９．，－＋", "0123456789.,-+")


# -- the summary ---------------------------------------------------------------------------------
class Summary:
    """Counts per verdict, per meaning (label) and per reason category (rows whose reasons
    include it), with the rows' amounts totalled the same ways and per department when given.
    Skipped rows are counted but their amounts (合计, subtotals) are not added."""

    def __init__(self) -> None:
        self.rows = 0
        self.verdicts: Counter[str] = Counter()
        self.meanings: Counter[str] = Counter()
        self.categories: Counter[str] = Counter()
        #: the amounts totalled per meaning, per reason category and per department
        self.amounts: Counter[str] = Counter()
        self.category_amounts: Counter[str] = Counter()
        self.departments: Counter[str] = Counter()
        self.department_amounts: Counter[str] = Counter()
        #: amounts by department and meaning
        self.department_meanings: Counter[tuple[str, str]] = Counter()
        #: how many rows had an amount added
        self.with_amount = 0

    def add(
        self, verdict: Verdict, amount: float | None = None, department: str | None = None
    ) -> None:
        """Count a verdict; ``amount`` is the row's amount, ``department`` the row's department
        cell as written."""
        self.rows += 1
        self.verdicts[verdict.verdict] += 1
        what = meaning(verdict.verdict, _category(verdict))
        self.meanings[what] += 1
        categories = list(dict.fromkeys(r.category for r in verdict.reasons))
        for category in categories:
            self.categories[category] += 1
        counted = amount is not None and verdict.verdict != "skipped"
        if counted:
            self.with_amount += 1
            self.amounts[what] += amount  # type: ignore[assignment,operator]
            for category in categories:
                self.category_amounts[category] += amount  # type: ignore[assignment,operator]
        if department is not None and verdict.verdict != "skipped":
            self.departments[department] += 1
            if counted:
                self.department_amounts[department] += amount  # type: ignore[assignment,operator]
            self.department_meanings[(department, what)] += 1

    def failing(self, fail_on: str) -> int:
        """How many rows reach the ``--fail-on`` threshold."""
        return sum(self.verdicts[v] for v in FAIL_ON[fail_on])

    def labelled(self) -> tuple[list[tuple[str, int]], list[tuple[str, int]]]:
        """``(label, count)`` of every meaning (those reports always list, and any other that
        occurs), and ``(label（category）, count)`` of every reason category that occurs."""
        labels = [
            (LABELS[m], self.meanings[m])
            for m in MEANINGS
            if m in _ALWAYS_LISTED or self.meanings[m]
        ]
        categories = [
            (f"{REASON_LABELS[c]}（{c}）", self.categories[c])
            for c in REASON_LABELS
            if self.categories[c]
        ]
        return labels, categories

    def text(self) -> str:
        """The summary in two lines of Chinese (labels; reason categories)."""
        labels, categories = self.labelled()
        line = f"共 {self.rows} 行：" + "，".join(f"{label} {n}" for label, n in labels)
        cats = "，".join(f"{label} {n}" for label, n in categories)
        return line + (f"\n理由类别（行数）：{cats}" if cats else "")


def _category(verdict: Verdict) -> str | None:
    reason = main_reason(verdict)
    return reason.category if reason else None
