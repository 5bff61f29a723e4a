"""The XLSX report of ``catalogue check``: what a budget officer opens in Excel.

Sheet 检查结果 keeps the table's own columns and adds 行号, 判定, the entry (部门, 代码, 名称,
路径), 理由 and 其他候选; each 判定 has its own fill colour, the header row is frozen and has an
autofilter, long reasons wrap. Sheet 汇总 counts the rows by 判定 (with the legend of the
colours), by reason category and by department, totals the table's amount column the same ways,
and charts the counts. Rows stream to disk (openpyxl's write-only mode), so memory does not grow
with the table; ``in_memory=True`` keeps them in memory instead, and no file is written at all
(the review page of ``catalogue serve``). Either way the same table gives the same bytes: every
part of the workbook carries one fixed time. openpyxl is the optional extra ``xlsx``.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import functools
import io
import re
import shutil
import tempfile
import zipfile
from typing import IO, Any

from .exceptions import CatalogueError
from .report import (
    LABELS,
    MEANINGS,
    REASON_LABELS,
    Summary,
    added_names,
    candidate_text,
    main_candidate,
    main_entry,
    main_reason,
    meaning,
    next_candidates,
)
from .results import Verdict
from .tables import InputRow, Table, install_hint

__all__ = ["ADDED_HEADERS", "EXPLANATIONS", "FILLS", "WorkbookReport", "WorkbookUnavailable"]

#: the columns added after the table's own
ADDED_HEADERS: tuple[str, ...] = (
    "行号", "判定", "条目部门", "条目代码", "条目名称", "条目路径", "理由", "其他候选",
)  # fmt: skip
#: the fill colour (RGB) of each meaning's 判定 cell
FILLS: dict[str, str] = {
    "in_scope": "C6EFCE",
    "review": "FFEB9C",
    "excluded": "FFC7CE",
    "not_listed": "FCE4D6",
    "other_department": "DDEBF7",
    "no_service": "EDEDED",
    "outside_buyer": "E4DFEC",
    "error": "F8CBAD",
    "skipped": "F2F2F2",
}
#: what each label means, for the legend
EXPLANATIONS: dict[str, str] = {
    "in_scope": "第二批目录中有与项目相符的条目（写明部门和条目）",
    "review": "可能属于某个条目，但不能确定，请人工核对",
    "excluded": "货物、工程、融资、用工、转移支付、土地款等，依法不得作为政府购买服务",
    "not_listed": "第二批目录中没有相符的条目；可能列在第一批或其他指导性目录中，请另行核对",
    "other_department": "第二批目录只在其他部门的目录中列有这项服务",
    "no_service": "单元格中没有写明具体的服务内容",
    "outside_buyer": "购买主体不属于第二批目录的 15 个部门",
    "error": "这一行无法检查（项目名称为空、部门无法识别、文字过长或无法读取）",
    "skipped": "表头、列序号、合计、小计等行，不是预算项目，未作判定",
}

_SPOOL = 16 * 1024 * 1024
_COPY = 1024 * 1024
#: the time every report carries (document properties and ZIP entries), so that the bytes
#: depend on the table only; 1980-01-01 is the earliest time a ZIP entry can hold
FIXED_TIME = _dt.datetime(1980, 1, 1)
#: Excel's limit on the characters of a cell
_CELL_LIMIT = 32_767
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_DECIMAL = re.compile(r"-?(0|[1-9]\d{0,14})(\.(\d{1,10}))?")
_WIDTHS = {"行号": 7, "判定": 20, "条目部门": 14, "条目代码": 10, "条目名称": 28}
_WRAPPED = {"条目路径": 36, "理由": 60, "其他候选": 48}


class WorkbookUnavailable(CatalogueError, ImportError):
    """openpyxl, needed to write XLSX, is not installed."""


def _cell_value(text: str) -> str:
    """A string Excel accepts: no XML-illegal characters, at most 32,767 characters."""
    text = _ILLEGAL.sub(lambda m: f"\\x{ord(m.group()):02x}" if m.group() < "\x20" else "?", text)
    if len(text) > _CELL_LIMIT:
        note = f"…（共 {len(text)} 字，Excel 单元格放不下，已截断）"
        text = text[: _CELL_LIMIT - len(note)] + note
    return text


def _column_letter(index: int) -> str:
    letters = ""
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


class WorkbookReport:
    """Write the XLSX report of a checked table: :meth:`add` each row, then :meth:`save`.

    Raises :class:`WorkbookUnavailable` (naming the install command) when openpyxl is missing.
    With ``in_memory`` the sheets are kept in memory rather than in temporary files, so that
    nothing is written to disk; the workbook is the same, byte for byte.
    """

    def __init__(self, table: Table, *, in_memory: bool = False) -> None:
        try:
            import openpyxl
            from openpyxl.styles import Alignment, Font, PatternFill
        except ImportError:
            raise WorkbookUnavailable(
                f"写 XLSX 报告需要 openpyxl：{install_hint('xlsx')}"
                "（或用 -o 结果.csv --excel 写 Excel 能打开的 CSV）"
            ) from None
        self._openpyxl = openpyxl
        self.table = table
        self.book = openpyxl.Workbook(write_only=True)
        self.book.properties.created = self.book.properties.modified = FIXED_TIME
        self.in_memory = in_memory
        self.sheet = self.book.create_sheet("检查结果")
        self._fills = {m: PatternFill("solid", fgColor=c) for m, c in FILLS.items()}
        self._header_fill = PatternFill("solid", fgColor="D9D9D9")
        self._bold = Font(bold=True)
        self._wrap = Alignment(wrap_text=True, vertical="top")
        self._top = Alignment(vertical="top")
        own = len(table.columns)
        self.headers = list(table.columns) + added_names(table, ADDED_HEADERS, "检查_")
        self._added_at = own
        for i, name in enumerate(self.headers, 1):
            added = ADDED_HEADERS[i - own - 1] if i > own else None
            if added in _WRAPPED:
                width = _WRAPPED[added]
            elif added in _WIDTHS:
                width = _WIDTHS[added]
            elif i - 1 == table.columns.index(table.text_column):
                width = 40
            else:
                width = min(30, max(8, len(name) * 2 + 2))
            self.sheet.column_dimensions[_column_letter(i)].width = width
        self.sheet.freeze_panes = "A2"
        self._start(self.sheet)
        self.sheet.append(
            [self._styled(h, bold=True, fill=self._header_fill) for h in self.headers]
        )
        self.rows = 0
        self._width = len(self.headers)

    def _start(self, ws: Any) -> None:
        """Before the first row of a sheet (its column widths and panes set): in memory, give
        it a writer into a buffer instead of a temporary file."""
        if self.in_memory:
            ws._writer = _memory_sheet_writer()(ws)
            ws._writer.write_top()

    def _styled(
        self, value: Any, *, bold: bool = False, fill: Any = None, wrap: bool = False
    ) -> Any:
        from openpyxl.cell import WriteOnlyCell

        if isinstance(value, str):
            value = _cell_value(value)
        cell = WriteOnlyCell(self.sheet, value=value)
        if isinstance(value, str) and cell.data_type != "s":
            cell.data_type = "s"  # "=…" is text from the table, never a formula
        if bold:
            cell.font = self._bold
        if fill is not None:
            cell.fill = fill
        cell.alignment = self._wrap if wrap else self._top
        return cell

    def _own_cell(self, text: str) -> Any:
        found = _DECIMAL.fullmatch(text.strip())
        if found:
            decimals = found.group(3)
            value: Any = float(text) if decimals else int(text)
            cell = self._styled(value)
            if decimals:
                cell.number_format = "0." + "0" * len(decimals)
            return cell
        return self._styled(text)

    def add(self, row: InputRow, verdict: Verdict) -> None:
        """Append the row: its own cells, then the verdict's."""
        reason = main_reason(verdict)
        what = meaning(verdict.verdict, reason.category if reason else None)
        entry = main_entry(verdict)
        best = main_candidate(verdict)
        own = [self._own_cell(c) for c in row.cells]
        added = [
            self._styled(row.number),
            self._styled(LABELS[what], fill=self._fills[what]),
            self._styled(entry[0] if entry else ""),
            self._styled(entry[1] if entry else ""),
            self._styled(entry[2] if entry else ""),
            self._styled(" > ".join(best.path) if best else "", wrap=True),
            self._styled(reason.message if reason else "", wrap=True),
            self._styled("\n".join(candidate_text(c) for c in next_candidates(verdict)), wrap=True),
        ]
        extra = [self._own_cell(c) for c in row.extra]
        self.sheet.append(own + added + extra)
        self.rows += 1
        self._width = max(self._width, len(own) + len(added) + len(extra))

    def save(self, file: IO[bytes], summary: Summary) -> None:
        """Finish the result sheet (autofilter), write the 汇总 sheet and save to ``file``.

        The workbook is assembled in a temporary file (in memory: a buffer) first and then
        copied, so a write error on ``file`` (a full disk) is one clean ``OSError``, not openpyxl
        failing half-way."""
        last = _column_letter(len(self.headers))
        self.sheet.auto_filter.ref = f"A1:{last}{self.rows + 1}"
        self._summary_sheet(summary)
        with self._spool() as spool:
            try:
                _save(self.book, spool)
            except BaseException:
                self.abandon()
                raise
            spool.seek(0)
            shutil.copyfileobj(spool, file, _COPY)

    def _spool(self) -> IO[bytes]:
        if self.in_memory:
            return io.BytesIO()
        return tempfile.SpooledTemporaryFile(max_size=_SPOOL)  # type: ignore[return-value]

    def abandon(self) -> None:
        """Stop the sheets' row writers quietly (after an error or an interruption), so nothing
        complains about closed files later."""
        for ws in getattr(self.book, "_sheets", []):
            rows = getattr(ws, "_rows", None)
            if rows is not None:
                with contextlib.suppress(BaseException):
                    rows.close()
                ws._rows = None

    # -- 汇总 ------------------------------------------------------------------------------
    def _summary_sheet(self, summary: Summary) -> None:
        from openpyxl.chart import BarChart, Reference

        ws = self.book.create_sheet("汇总")
        for letter, width in zip("ABCD", (38, 10, 18, 70), strict=True):
            ws.column_dimensions[letter].width = width
        table = self.table
        has_amount = table.amount_column is not None
        amount_head = f"金额合计（{table.amount_column}）" if has_amount else "金额合计"
        rows: list[list[Any]] = []

        def line(*cells: Any, bold: bool = False, fill: Any = None) -> None:
            # only the explanations (column D) wrap; a title runs on over the empty cells
            styled = [self._styled_in(ws, c, bold=bold, wrap=i == 3) for i, c in enumerate(cells)]
            if fill is not None and styled:
                styled[0].fill = fill
            rows.append(styled)

        line(f"检查汇总：{table.name}", bold=True)
        if has_amount:
            line(
                f"共 {summary.rows} 行；金额取自“{table.amount_column}”列，单位同原表；"
                "已跳过的行（合计、小计等）不计入金额"
            )
        else:
            line(f"共 {summary.rows} 行；表中没有金额列（金额、预算金额、合计…），只统计行数")
        line()
        line(
            "判定",
            "行数",
            amount_head if has_amount else "",
            "说明（颜色即检查结果中“判定”列的颜色）",
            bold=True,
        )
        first = len(rows) + 1
        for m in MEANINGS:
            total = round(summary.amounts[m], 2) if has_amount and m != "skipped" else None
            line(LABELS[m], summary.meanings[m], total, EXPLANATIONS[m], fill=self._fills[m])
        last = len(rows)
        line()
        line("理由类别", "行数", amount_head if has_amount else "", bold=True)
        for category, name in REASON_LABELS.items():
            if summary.categories[category]:
                counted = has_amount and category != "skipped"
                total = round(summary.category_amounts[category], 2) if counted else None
                line(f"{name}（{category}）", summary.categories[category], total)
        if table.department_column is not None and summary.departments:
            line()
            line(
                f"部门（“{table.department_column}”列）",
                "行数",
                amount_head if has_amount else "",
                bold=True,
            )
            for dep, n in sorted(summary.departments.items(), key=lambda kv: (-kv[1], kv[0])):
                total = round(summary.department_amounts[dep], 2) if has_amount else None
                line(dep, n, total)
        self._start(ws)
        for cells in rows:
            ws.append(cells)

        chart = BarChart()
        chart.type = "bar"
        chart.style = 10
        chart.title = "各判定的行数"
        chart.y_axis.title = "行数"
        chart.legend = None
        chart.add_data(
            Reference(ws, min_col=2, min_row=first - 1, max_row=last), titles_from_data=True
        )
        chart.set_categories(Reference(ws, min_col=1, min_row=first, max_row=last))
        chart.height, chart.width = 9, 16
        chart.x_axis.scaling.orientation = "maxMin"  # the labels top-down, as in the table
        ws.add_chart(chart, "F4")
        if has_amount:
            money = BarChart()
            money.type = "bar"
            money.style = 10
            money.title = f"各判定的金额（{table.amount_column}）"
            money.legend = None
            money.add_data(
                Reference(ws, min_col=3, min_row=first - 1, max_row=last), titles_from_data=True
            )
            money.set_categories(Reference(ws, min_col=1, min_row=first, max_row=last))
            money.height, money.width = 9, 16
            money.x_axis.scaling.orientation = "maxMin"
            ws.add_chart(money, "F24")

    def _styled_in(self, ws: Any, value: Any, *, bold: bool = False, wrap: bool = False) -> Any:
        from openpyxl.cell import WriteOnlyCell

        if isinstance(value, str):
            value = _cell_value(value)
        cell = WriteOnlyCell(ws, value=value)
        if isinstance(value, str) and cell.data_type != "s":
            cell.data_type = "s"
        if bold:
            cell.font = self._bold
        cell.alignment = self._wrap if wrap else self._top
        return cell


# -- saving: the same bytes for the same table, on disk or in memory -----------------------------
@functools.cache
def _memory_sheet_writer() -> type:
    from openpyxl.worksheet._writer import WorksheetWriter  # openpyxl has no public hook

    class MemorySheetWriter(WorksheetWriter):  # type: ignore[misc]
        """openpyxl's sheet writer, into a buffer rather than a temporary file."""

        def __init__(self, ws: Any) -> None:
            super().__init__(ws, out=io.BytesIO())

        def cleanup(self) -> None:
            """Nothing to remove."""

    return MemorySheetWriter


class _Archive(zipfile.ZipFile):
    """A ZIP whose entries all carry :data:`FIXED_TIME` and the same attributes, whether openpyxl
    adds a part from memory or (a sheet streamed to disk) from a file, so the bytes depend on
    the content only."""

    def _info(self, name: str) -> zipfile.ZipInfo:
        info = zipfile.ZipInfo(name, date_time=FIXED_TIME.timetuple()[:6])
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o600 << 16
        return info

    def write(  # type: ignore[override]
        self, filename: Any, arcname: str | None = None, *args: Any, **kwargs: Any
    ) -> None:
        name = arcname if arcname is not None else str(filename)
        if isinstance(filename, io.BytesIO):
            self.writestr(name, filename.getvalue())
            return
        with open(filename, "rb") as src, self.open(self._info(name), "w") as dst:
            shutil.copyfileobj(src, dst, _COPY)

    def writestr(  # type: ignore[override]
        self, zinfo_or_arcname: str | zipfile.ZipInfo, data: Any, *args: Any, **kwargs: Any
    ) -> None:
        name = getattr(zinfo_or_arcname, "filename", zinfo_or_arcname)
        super().writestr(self._info(str(name)), data)


def _save(book: Any, file: IO[bytes]) -> None:
    """``openpyxl``'s ``save_workbook``, with the fixed time instead of the clock."""
    from openpyxl.writer.excel import ExcelWriter

    book.properties.modified = FIXED_TIME
    with _Archive(file, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        ExcelWriter(book, archive).save()
