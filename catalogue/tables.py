"""Budget tables in: CSV/TSV, XLSX, JSON Lines and JSON arrays, read as rows.

:func:`open_table` opens a CSV/TSV file (UTF-8, UTF-8 with a BOM, GB18030/GBK, UTF-16 with or
without a BOM, or a file whose lines mix UTF-8 and GB18030 — detected from the whole file), an
XLSX workbook (``openpyxl``, the optional extra ``xlsx``), a JSON Lines file or a JSON array —
from a path, a binary file object or standard input (``"-"``). It finds the header row (even
below title rows), the project-name column, the department column, an optional description
column and an amount column, and returns a :class:`Table` whose rows stream lazily, one
:class:`InputRow` per row of the source. It knows nothing of the catalogue::

    >>> import io
    >>> from catalogue.tables import open_table
    >>> data = ("2024年项目支出表\\n项目名称,预算单位,金额\\n1,2,3\\n"
    ...         "特种设备安全监测服务,市场监管局,12\\n合计,,12\\n")
    >>> with open_table(io.BytesIO(data.encode("gb18030"))) as table:
    ...     print(table.input_format, table.encoding, table.text_column, table.department_column,
    ...           table.amount_column)
    ...     for row in table:
    ...         print(row.number, row.text, row.department, row.skip)
    csv gb18030 项目名称 预算单位 金额
    3 1 2 列序号行（1、2、3…），不是预算项目
    4 特种设备安全监测服务 市场监管局 None
    5 合计 None 合计行，不是预算项目

Rows in = rows out: every row of the source below the header gives exactly one
:class:`InputRow`, in source order, numbered as the source numbers it (the physical line of a
CSV or JSON Lines file, the Excel row of a worksheet, the element of a JSON array). A row that
is not a budget line — a second header row, a column-number row (1 2 3 …), a 合计/小计 row, a
subtotal named after an agency, an empty row — says why in :attr:`InputRow.skip`; a row that
cannot be read (a line that is not JSON …) says why in :attr:`InputRow.error`; the rows after it
are still read. An input that cannot be read as a table at all (missing file, binary data, an
encoding that cannot be told, an XLSX that expands beyond the limits, no project-name column …)
raises :class:`InputError` before any row is read.

Bounds: JSON nesting depth (:data:`MAX_JSON_DEPTH`) and number length
(:data:`MAX_JSON_NUMBER`); XLSX part sizes, declared and actual (:data:`MAX_XLSX_PART`,
:data:`MAX_XLSX_TOTAL`), shared strings (:data:`MAX_SHARED_STRINGS`,
:data:`MAX_SHARED_STRINGS_BYTES`), the longest text run (:data:`MAX_XLSX_TEXT_RUN`) and rows
(:data:`MAX_XLSX_ROWS`) — all checked while streaming, before anything is inflated in memory.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import datetime as _dt
import functools
import io
import itertools
import json
import os
import re
import shutil
import sys
import tempfile
import zipfile
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import IO, Any, Literal

from .chars import nfkc
from .exceptions import CatalogueError

__all__ = [
    "AMOUNT_HEADERS",
    "DEPARTMENT_HEADERS",
    "DESCRIPTION_HEADERS",
    "INPUT_FORMATS",
    "MAX_JSON_DEPTH",
    "MAX_JSON_NUMBER",
    "MAX_SHARED_STRINGS",
    "MAX_SHARED_STRINGS_BYTES",
    "MAX_XLSX_PART",
    "MAX_XLSX_ROWS",
    "MAX_XLSX_TEXT_RUN",
    "MAX_XLSX_TOTAL",
    "TEXT_HEADERS",
    "InputError",
    "InputRow",
    "Table",
    "install_hint",
    "open_table",
    "parse_row_numbers",
    "printable",
]

InputFormat = Literal["csv", "tsv", "xlsx", "jsonl", "json"]
INPUT_FORMATS: tuple[str, ...] = ("csv", "tsv", "xlsx", "jsonl", "json")

#: headers of the project-name column, most specific first (matched after normalisation)
TEXT_HEADERS: tuple[str, ...] = (
    "项目名称", "预算项目名称", "预算项目", "采购项目名称", "服务项目名称", "项目", "项目内容",
    "名称", "摘要", "内容", "服务项目", "服务内容", "预算科目名称",
    "text", "name", "project", "projectname", "item", "title", "description",
)  # fmt: skip
#: headers of the department column (the buyer)
DEPARTMENT_HEADERS: tuple[str, ...] = (
    "部门", "部门名称", "预算部门", "主管部门", "预算单位", "预算单位名称", "单位", "单位名称",
    "采购单位", "采购单位名称", "采购人", "购买主体", "department", "dept", "agency", "unit",
)  # fmt: skip
#: headers of an optional description column, joined to the name with "，" for matching
DESCRIPTION_HEADERS: tuple[str, ...] = (
    "项目概况", "项目说明", "项目描述", "项目简介", "项目内容", "描述", "说明", "概况", "简介",
    "内容", "摘要", "details", "summary", "description",
)  # fmt: skip
#: headers of the amount column, most specific first; failing these, a header holding 金额 or a
#: unit (万元, 元) is taken
AMOUNT_HEADERS: tuple[str, ...] = (
    "金额", "预算金额", "预算数", "合计", "总计", "金额合计", "预算总额", "本年预算",
    "本年预算数", "年度预算", "预算资金", "资金", "amount", "total", "budget",
)  # fmt: skip

#: the header row is looked for among this many first non-empty rows
HEADER_SCAN_ROWS = 10
#: JSON: deepest nesting accepted (a row is an object of scalars: depth 2 in an array)
MAX_JSON_DEPTH = 64
#: JSON: longest number literal accepted, in characters
MAX_JSON_NUMBER = 100
#: XLSX: the largest part (zip entry) accepted, expanded, as declared and as read
MAX_XLSX_PART = 256 * 1024 * 1024
#: XLSX: all parts together, expanded
MAX_XLSX_TOTAL = 1024 * 1024 * 1024
#: XLSX: the most parts (zip entries) accepted
MAX_XLSX_ENTRIES = 10_000
#: XLSX: the shared-string table is held in memory, so it has its own bounds
MAX_SHARED_STRINGS = 1_000_000
MAX_SHARED_STRINGS_BYTES = 64 * 1024 * 1024
#: XLSX: the longest run of text between two XML tags, in bytes (Excel's own cell limit is
#: 32,767 characters, at most about 164 KB of escaped UTF-8)
MAX_XLSX_TEXT_RUN = 256 * 1024
#: XLSX: Excel's own limit on rows
MAX_XLSX_ROWS = 1_048_576

_CSV_FIELD_LIMIT = 64 * 1024 * 1024
_CHUNK = 1 << 20
_SPOOL = 16 * 1024 * 1024


class InputError(CatalogueError, ValueError):
    """An input that cannot be read as a table: missing, binary, undecodable, no text column."""


# -- text safe for a terminal --------------------------------------------------------------------
_CONTROLS = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]"
)


def _escape(m: re.Match[str]) -> str:
    code = ord(m.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str, *, keep_newlines: bool = False) -> str:
    """``text`` with control characters (escape sequences, bell, backspace, bidirectional
    overrides …) shown as ``\\x1b``-style escapes, so a cell cannot drive the terminal it is
    shown on. Tabs stay; newlines stay only with ``keep_newlines``.

        >>> printable("档案\\x1b[31m整理\\a")
        '档案\\\\x1b[31m整理\\\\x07'
    """
    out = _CONTROLS.sub(_escape, text)
    if not keep_newlines:
        out = out.replace("\n", "\\n")
    return out


def _shown(cell: str, width: int = 30) -> str:
    cell = printable(cell)
    return cell if len(cell) <= width else cell[:width] + "…"


# -- the distribution, for install hints ----------------------------------------------------------
@functools.lru_cache(maxsize=1)
def _distribution() -> str:
    """The name this package is installed under (it may differ from the import name)."""
    from importlib import metadata

    try:
        names = metadata.packages_distributions().get(__name__.partition(".")[0], [])
        for name in names:
            extras = metadata.metadata(name).get_all("Provides-Extra") or []
            if "xlsx" in extras:
                return name
        for dist in metadata.distributions():
            for ep in dist.entry_points:
                if ep.group == "console_scripts" and ep.value.startswith("catalogue.cli"):
                    return str(dist.metadata["Name"])
    except Exception:  # metadata is a convenience here, never a reason to fail
        pass
    return "catalogue"


def install_hint(extra: str = "xlsx") -> str:
    """The command that installs an optional extra of this package: ``pip install
    '<distribution>[xlsx]'`` (the distribution name is read from the installed metadata)."""
    return f"pip install '{_distribution()}[{extra}]'"


# -- rows -----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class InputRow:
    """One row of the input.

    ``number`` is the row's number in the source: the physical line of a CSV/TSV or JSON Lines
    file (where a quoted multi-line record starts), the Excel row of a worksheet, the 1-based
    element of a JSON array. ``cells`` are the row's cells aligned with :attr:`Table.columns`
    (short rows padded with ``""``); ``extra`` holds the cells beyond the header. ``text`` is the
    project name (joined with the description, if any) and ``department`` the department cell
    (``None`` if empty). ``error`` is set when the row could not be read (a JSON line that does
    not parse …); ``skip`` when the row is not a budget line (a second header row, a
    column-number row, a 合计 or subtotal row, an empty row), saying why.
    """

    number: int
    cells: tuple[str, ...]
    extra: tuple[str, ...]
    text: str
    department: str | None
    error: str | None = None
    skip: str | None = None


def _norm_header(name: str) -> str:
    text = nfkc(name)
    text = re.sub(r"[（(\[【][^）)\]】]*[）)\]】]", "", text)
    return re.sub(r"[\s*＊:：]+", "", text).lower()


def _find(headers: Sequence[str], names: Iterable[str], taken: Iterable[int] = ()) -> int | None:
    """The index of the first of ``names`` (in priority order) among ``headers``."""
    normal = [_norm_header(h) for h in headers]
    skip = set(taken)
    for name in names:
        key = _norm_header(name)
        for i, h in enumerate(normal):
            if h == key and i not in skip:
                return i
    return None


def _find_amount(headers: Sequence[str], taken: Iterable[int]) -> int | None:
    found = _find(headers, AMOUNT_HEADERS, taken)
    if found is not None:
        return found
    skip = set(taken)
    for i, h in enumerate(headers):
        if i not in skip and ("金额" in h or re.search(r"[（(]\s*(万元|元|千元)\s*[）)]", h)):
            return i
    return None


@dataclass(frozen=True)
class _Layout:
    columns: list[str]
    text: int
    department: int | None
    description: int | None
    amount: int | None = None
    #: the header's source row number (``None``: no header row)
    header_row: int | None = None


@dataclass(frozen=True)
class _Options:
    """What the caller says about the columns and the layout."""

    text_column: str | None = None
    department_column: str | None = None
    description_column: str | None = None
    detect_department: bool = True
    header_row: int | None = None
    no_header: bool = False
    #: rows to skip instead of the detected ones (``None``: detect)
    skip_rows: frozenset[int] | None = None


def _layout(header: Sequence[str], opts: _Options) -> _Layout | None:
    """Columns chosen from ``header``, or ``None`` if it has no text column."""
    text = _find(header, [opts.text_column] if opts.text_column else TEXT_HEADERS)
    if text is None:
        return None
    if opts.department_column:
        dep = _find(header, [opts.department_column], [text])
        if dep is None:
            raise InputError(
                f"找不到部门列“{_shown(opts.department_column)}”。"
                f"表头中的列：{_list_columns(header)}"
            )
    else:
        dep = _find(header, DEPARTMENT_HEADERS, [text]) if opts.detect_department else None
    taken = [i for i in (text, dep) if i is not None]
    if opts.description_column:
        desc = _find(header, [opts.description_column], taken)
        if desc is None:
            raise InputError(
                f"找不到项目说明列“{_shown(opts.description_column)}”。"
                f"表头中的列：{_list_columns(header)}"
            )
    else:
        desc = _find(header, DESCRIPTION_HEADERS, taken)
    amount = _find_amount(header, [i for i in (text, dep, desc) if i is not None])
    return _Layout(list(header), text, dep, desc, amount)


def _list_columns(cells: Sequence[str]) -> str:
    shown = [_shown(c) for c in cells if c.strip()]
    return "、".join(f"“{c}”" for c in shown) if shown else "（没有）"


def _missing_text_column(text_column: str | None, seen: Sequence[Sequence[str]]) -> InputError:
    widest = max(seen, key=lambda r: sum(1 for c in r if c.strip()), default=[])
    if text_column:
        what = f"找不到项目名称列“{_shown(text_column)}”"
    else:
        what = (
            "找不到项目名称列（表头应有 " + "、".join(TEXT_HEADERS[:8]) + " 等之一，"
            "或用 --text-column 指定；没有表头时用 --no-header）"
        )
    return InputError(f"{what}。文件前 {HEADER_SCAN_ROWS} 行中找到的列：{_list_columns(widest)}")


def _join(name: str, description: str) -> str:
    name, description = name.strip(), description.strip()
    if name and description:
        return f"{name}，{description}"
    return name or description


def _make_row(layout: _Layout, number: int, raw: Sequence[str]) -> InputRow:
    width = len(layout.columns)
    cells = tuple(raw[:width]) + ("",) * max(0, width - len(raw))
    extra = list(raw[width:])
    while extra and not extra[-1].strip():
        extra.pop()
    name = cells[layout.text]
    desc = cells[layout.description] if layout.description is not None else ""
    dep = cells[layout.department].strip() if layout.department is not None else ""
    return InputRow(number, cells, tuple(extra), _join(name, desc), dep or None)


def parse_row_numbers(text: str) -> frozenset[int]:
    """Row numbers written as ``5,6,10-12`` (``none`` or empty: no row).

    >>> sorted(parse_row_numbers("5, 6,10-12"))
    [5, 6, 10, 11, 12]
    """
    text = nfkc(text, lower=True).strip()
    if text in ("", "none", "无"):
        return frozenset()
    rows: set[int] = set()
    for part in re.split(r"[,，、\s]+", text):
        found = re.fullmatch(r"(\d{1,7})(?:[-~–](\d{1,7}))?", part)
        if not found or int(found.group(1)) < 1:
            raise InputError(f"行号写法不对：“{_shown(part)}”（应为 5,6,10-12 这样的行号或范围）")
        first = int(found.group(1))
        last = int(found.group(2) or first)
        if last < first or last - first > 1_000_000:
            raise InputError(f"行号范围不对：“{_shown(part)}”")
        rows.update(range(first, last + 1))
    return frozenset(rows)


# -- rows that are not budget lines ----------------------------------------------------------------
_NUMBER = re.compile(r"[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?")
_TOTAL = re.compile(
    r"(本页|本年|本表|以上|全部|总|部门|单位)?(合计|总计|小计|共计|累计|总合计)(数|金额)?"
    r"|(grand)?total|subtotal|sum"
)
_COLUMN_LABELS = frozenset({"栏次", "行次", "序号", "列次", "栏号", "列号", "甲", "乙", "丙", "丁"})
#: an agency name: strong suffixes, or weaker ones after a place name
_AGENCY_STRONG = re.compile(
    r".{2,30}?(局|厅|委员会|管委会|管理委员会|人民政府|政府|办事处|办公室|委)(本级|机关)?"
)
_AGENCY_WEAK = re.compile(
    r".{0,12}?(省|市|县|区|旗|镇|乡|街道).{1,20}?"
    r"(中心|院|所|站|队|馆|学校|医院|幼儿园|中学|小学|大队|支队|协会|联合会)(本级|机关)?"
)
#: words of a budget line, never of an agency's name
_NOT_AGENCY = re.compile(
    r"费|经费|资金|项目|服务|工程|建设|采购|购买|购置|维护|维修|运维|运行|补助|补贴|奖励|奖补"
    r"|监测|评估|编制|规划|改造|设备|系统|平台|培训|宣传|租赁|保险|工资|整治|治理|活动|调查"
)
_TITLE_AGENCY = re.compile(r"(?:部门|单位|预算单位|预算部门|主管部门)(?:名称)?[:：]\s*(.+?)\s*$")
_UNITS = re.compile(r"(万元|元|千元|亿元|万|个|人)")


_SQUASH = re.compile(r"[\s\u3000:：（）()]+")
#: how an agency's name ends: a cheap test before the patterns
_AGENCY_ENDINGS = (
    "局", "厅", "委员会", "管委会", "委", "办公室", "政府", "办事处", "中心", "院", "所",
    "站", "队", "馆", "学校", "医院", "幼儿园", "中学", "小学", "协会", "联合会", "本级", "机关",
)  # fmt: skip


def _maybe_agency(name: str) -> bool:
    """A cheap first test: does the name end as an agency's does (brackets and spaces aside)?"""
    return name.rstrip(" \u3000）)").endswith(_AGENCY_ENDINGS) or name.endswith(("）", ")"))


def _squash(text: str) -> str:
    return _SQUASH.sub("", nfkc(text)).lower()


def _is_number(cell: str) -> bool:
    return bool(_NUMBER.fullmatch(cell.strip()))


def _column_numbers(cells: Sequence[str]) -> bool:
    """``1 2 3 … 7`` (after an optional 栏次/甲/乙 label): the numbers printed under a header."""
    numbers = []
    for cell in cells:
        c = nfkc(cell).strip()
        if not c:
            continue
        if c.isdigit() and len(c) <= 3:
            numbers.append(int(c))
        elif c not in _COLUMN_LABELS:
            return False
    if len(numbers) < 2 or numbers != list(range(numbers[0], numbers[0] + len(numbers))):
        return False
    return numbers[0] == 1 or len(numbers) >= 3


def _looks_like_agency(name: str, known: Collection[str]) -> bool:
    squashed = _squash(name)
    if squashed in known:
        return True
    if not squashed or len(squashed) > 40:
        return False
    if _NOT_AGENCY.search(squashed):
        return False
    return bool(_AGENCY_STRONG.fullmatch(squashed) or _AGENCY_WEAK.fullmatch(squashed))


def _title_agency(cells: Sequence[str]) -> str | None:
    """The agency a title row names (部门名称：孝义经济开发区管理委员会), if any."""
    for cell in cells:
        found = _TITLE_AGENCY.search(nfkc(cell))
        if found and not _UNITS.fullmatch(found.group(1).strip()):
            return _squash(found.group(1))
    return None


class _Skipper:
    """Tells the rows of a table that are not budget lines, as the table goes by."""

    def __init__(self, layout: _Layout, agencies: Iterable[str] = (), tabular: bool = True):
        self.layout = layout
        self.header = [_squash(c) for c in layout.columns] if tabular else None
        self.agencies = set(agencies)
        self.tabular = tabular
        #: still right below the header, where a second header row may stand
        self.in_header = tabular and layout.header_row is not None

    def __call__(self, row: InputRow, raw: Sequence[str]) -> str | None:
        reason = self._reason(row, raw)
        if reason is None or not reason.startswith("表头"):
            self.in_header = False
        return reason

    def _reason(self, row: InputRow, raw: Sequence[str]) -> str | None:
        if not any(c.strip() for c in raw):
            return "空行" if self.tabular else None
        name = row.cells[self.layout.text].strip()
        header = self.header
        if (
            header is not None
            and name == self.layout.columns[self.layout.text].strip()
            and [_squash(c) for c in row.cells] == header
        ):
            return "表头（重复出现的表头行），不是预算项目"
        if not name and self.in_header and not self._numbers(row):
            return "表头的续行（多行表头），不是预算项目"
        if (not name or name.isdigit() or name in _COLUMN_LABELS) and _column_numbers(raw):
            return "列序号行（1、2、3…），不是预算项目"
        # the rest needs the name normalised: only names that could be a total or an agency
        lowered = name.lower()
        if not ("计" in name or "total" in lowered or "sum" in lowered or _maybe_agency(name)):
            return None
        squashed = _squash(name)
        if _TOTAL.fullmatch(squashed):
            return f"{_shown(name, 12)}行，不是预算项目"
        dep = row.department
        named_after = (dep is not None and _squash(dep) == squashed) or _looks_like_agency(
            name, self.agencies
        )
        if named_after and self._numbers(row):
            return f"“{_shown(name, 30)}”的合计行（项目名称只是单位名称），不是预算项目"
        return None

    def _numbers(self, row: InputRow) -> bool:
        """Whether a cell other than the project name holds a number (an amount)."""
        text = self.layout.text
        return any(i != text and _is_number(c) for i, c in enumerate(row.cells)) or any(
            _is_number(c) for c in row.extra
        )


# -- the table ------------------------------------------------------------------------------------
class Table:
    """An opened input: its columns and a single pass over its rows (:class:`InputRow`).

    Use it as a context manager (or call :meth:`close`) so the file is closed.
    """

    def __init__(
        self,
        *,
        layout: _Layout,
        input_format: str,
        encoding: str | None,
        sheet: str | None,
        rows: Iterator[InputRow],
        closers: list[Callable[[], Any]],
        name: str,
        notes: Sequence[str] = (),
    ) -> None:
        #: the header cells as read (the keys of the first object for JSON; 第1列 … without one)
        self.columns = layout.columns
        self.text_column = layout.columns[layout.text]
        self.department_column = _col(layout, layout.department)
        self.description_column = _col(layout, layout.description)
        #: the column of amounts (金额, 合计, 预算数 …), if the header has one
        self.amount_column = _col(layout, layout.amount)
        #: its index in :attr:`columns` and in :attr:`InputRow.cells`
        self.amount_index = layout.amount
        #: the header's row number in the source (``None``: JSON, or no header)
        self.header_row = layout.header_row
        #: ``csv``, ``tsv``, ``xlsx``, ``jsonl`` or ``json``
        self.input_format = input_format
        #: the encoding used to read a text input (``None`` for XLSX; ``utf-8+gb18030`` when
        #: the lines mix the two and each was decoded as what it is)
        self.encoding = encoding
        #: the worksheet read (XLSX only)
        self.sheet = sheet
        #: the input's name for messages (the path, or ``-``)
        self.name = name
        #: what the reader noticed and the user should know (mixed encodings …)
        self.notes = tuple(notes)
        self._rows = rows
        self._closers = closers

    def __iter__(self) -> Iterator[InputRow]:
        try:
            yield from self._rows
        except InputError:
            raise
        except (csv.Error, UnicodeError, OSError, ValueError, KeyError, zipfile.BadZipFile) as exc:
            raise InputError(f"{self.name}：读取中途出错：{exc}") from None

    def close(self) -> None:
        while self._closers:
            with contextlib.suppress(Exception):  # closing must not mask the real error
                self._closers.pop()()

    def __enter__(self) -> Table:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<Table {self.name!r} {self.input_format} text={self.text_column!r}>"


def open_table(
    source: str | os.PathLike[str] | IO[bytes] = "-",
    *,
    input_format: str | None = None,
    encoding: str | None = None,
    sheet: str | None = None,
    text_column: str | None = None,
    department_column: str | None = None,
    description_column: str | None = None,
    detect_department: bool = True,
    header_row: int | None = None,
    skip_rows: Iterable[int] | None = None,
    no_header: bool = False,
) -> Table:
    """Open a budget table for checking; raise :class:`InputError` if it is not one.

    ``source`` is a path, ``"-"`` for standard input, or a binary file object. The format comes
    from ``input_format``, else the file extension, else the content (a ZIP is XLSX, ``[`` starts a
    JSON array, ``{`` or a quoted string JSON Lines, anything else CSV with the delimiter
    sniffed). ``encoding`` forces the encoding of a text input. ``sheet`` picks a worksheet by
    name or 1-based number. The columns are found by their headers or given by name; with
    ``detect_department=False`` a department column is used only if ``department_column`` names
    it. ``header_row`` gives the header's row number instead of looking for it; ``no_header``
    says there is none (the project name is the first column, or column ``text_column`` counted
    from 1). ``skip_rows`` gives the row numbers that are not budget lines instead of detecting
    them (empty: none is).
    """
    if input_format is not None and input_format not in INPUT_FORMATS:
        raise InputError(f"未知的输入格式：{input_format}（可用：{'、'.join(INPUT_FORMATS)}）")
    if encoding is not None:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise InputError(f"未知的编码：{_shown(encoding)}") from None
    if header_row is not None and (isinstance(header_row, bool) or header_row < 1):
        raise InputError(f"表头行号应是正整数，不是 {header_row!r}")
    if no_header and header_row is not None:
        raise InputError("--no-header 和 --header-row 不能同时使用")
    opts = _Options(
        text_column=text_column,
        department_column=department_column,
        description_column=description_column,
        detect_department=detect_department,
        header_row=header_row,
        no_header=no_header,
        skip_rows=None if skip_rows is None else frozenset(skip_rows),
    )
    closers: list[Callable[[], Any]] = []
    try:
        binary, name, ext = _open_source(source, closers)
        fmt, delimiter = _choose_format(binary, name, ext, input_format)
        if fmt in ("json", "jsonl") and (header_row is not None or no_header):
            raise InputError("--header-row 和 --no-header 只用于 CSV/TSV/XLSX 表格")
        notes: list[str] = []
        enc: str | None = None
        chosen: str | None = None
        if fmt == "xlsx":
            layout, rows, chosen = _read_xlsx(binary, name, sheet, opts, closers)
        else:
            decoding = _detect_encoding(binary, encoding, name)
            enc = decoding.name
            if decoding.note:
                notes.append(decoding.note)
            stream = _text_stream(binary, decoding, closers)
            if fmt in ("csv", "tsv"):
                if delimiter is None:
                    delimiter = _sniff_delimiter(stream)
                if delimiter == "\t":
                    fmt = "tsv"
                layout, rows = _read_csv(stream, delimiter, name, opts)
            else:
                layout, rows, fmt = _read_json(stream, fmt, name, opts)
    except BaseException:
        for close in reversed(closers):
            with contextlib.suppress(Exception):
                close()
        raise
    return Table(
        layout=layout,
        input_format=fmt,
        encoding=enc,
        sheet=chosen,
        rows=rows,
        closers=closers,
        name=name,
        notes=notes,
    )


def _open_source(
    source: str | os.PathLike[str] | IO[bytes], closers: list[Callable[[], Any]]
) -> tuple[IO[bytes], str, str]:
    if isinstance(source, (str, os.PathLike)):
        path = os.fspath(source)
        if path == "-":
            return _spool(_stdin_bytes(), closers), "标准输入", ""
        p = Path(path)
        if not p.exists():
            raise InputError(f"找不到文件：{printable(path)}")
        if p.is_dir():
            raise InputError(f"{printable(path)} 是目录，不是表格文件")
        try:
            f = open(p, "rb")  # noqa: SIM115 - closed by the Table
        except OSError as exc:
            raise InputError(f"无法读取 {printable(path)}：{exc.strerror or exc}") from None
        closers.append(f.close)
        return f, printable(path), p.suffix.lower()
    name = printable(str(getattr(source, "name", "<输入>")))
    if not _seekable(source):
        return _spool(source, closers), name, Path(name).suffix.lower()
    return source, name, Path(name).suffix.lower()


def _stdin_bytes() -> IO[bytes]:
    stream: Any = sys.stdin
    return stream.buffer if hasattr(stream, "buffer") else stream  # type: ignore[no-any-return]


def _seekable(f: IO[bytes]) -> bool:
    try:
        return bool(f.seekable())
    except (AttributeError, ValueError, OSError):
        return False


def _spool(f: IO[bytes], closers: list[Callable[[], Any]]) -> IO[bytes]:
    """Copy a stream (stdin) to a temporary file: up to 16 MB in memory, the rest on disk."""
    spooled = tempfile.SpooledTemporaryFile(max_size=_SPOOL)  # noqa: SIM115
    closers.append(spooled.close)
    shutil.copyfileobj(f, spooled, _CHUNK)
    spooled.seek(0)
    return spooled  # type: ignore[return-value]


_EXTENSIONS = {
    ".csv": "csv",
    ".tsv": "tsv",
    ".tab": "tsv",
    ".xlsx": "xlsx",
    ".xlsm": "xlsx",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".jsonlines": "jsonl",
    ".json": "json",
}


def _choose_format(f: IO[bytes], name: str, ext: str, forced: str | None) -> tuple[str, str | None]:
    """The input format and, for CSV/TSV, the delimiter (``None``: sniff it)."""
    head = f.read(8)
    f.seek(0)
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise InputError(
            f"{name} 是旧版 Excel（.xls）文件，不支持；请在 Excel 中另存为 .xlsx 或 CSV"
        )
    if head.startswith(b"%PDF"):
        raise InputError(f"{name} 是 PDF 文件，不是表格；请先导出为 Excel 或 CSV")
    is_zip = head.startswith(b"PK\x03\x04")
    if forced is not None:
        if is_zip and forced != "xlsx":
            raise InputError(f"{name} 是 ZIP/XLSX 文件，不是 {forced}；请用 --input-format xlsx")
        return forced, {"csv": ",", "tsv": "\t"}.get(forced)
    if is_zip:
        return "xlsx", None
    if ext == ".xls":
        raise InputError(f"{name}：不支持 .xls 文件；请在 Excel 中另存为 .xlsx 或 CSV")
    fmt = _EXTENSIONS.get(ext)
    if fmt == "xlsx":
        raise InputError(f"{name} 不是有效的 XLSX 文件（不是 ZIP 格式）")
    if fmt is not None:
        return fmt, {"csv": ",", "tsv": "\t"}.get(fmt)
    # stdin, .txt or an unknown extension: look at the content
    sample = f.read(4096)
    f.seek(0)
    for bom in (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        if sample.startswith(bom):
            sample = sample[len(bom) :]
            break
    first = sample.lstrip()[:1]
    if first == b"[":
        return "json", None
    if first == b"{":
        return "jsonl", None
    if first == b'"' and _json_strings(sample):
        return "jsonl", None
    return "csv", None


def _json_strings(sample: bytes) -> bool:
    """Whether the first lines of ``sample`` are each one JSON string (a JSON Lines file of
    project names), not a CSV whose first cell is quoted."""
    lines = [line.strip() for line in sample.split(b"\n")[:-1] if line.strip()][:10]
    if not lines:
        lines = [sample.strip()]
    for line in lines:
        try:
            value = json.loads(line.decode("utf-8", "replace"))
        except ValueError:
            return False
        if not isinstance(value, str):
            return False
    return True


# -- encodings ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class _Decoding:
    """How a text input is decoded: one codec, or line by line (``codec`` ``None``)."""

    codec: str | None
    name: str
    note: str | None = None


#: characters of Chinese text as budget tables hold it (CJK, its punctuation, full-width forms)
_CHINESE = re.compile(
    "[\u3400-\u4dbf\u4e00-\u9fff\u3000-\u303f\uff00-\uffef\u2000-\u206f"
    "\u2460-\u24ff\u3200-\u32ff\u00b7\u00d7\u00f7\u00b0\u00b1\u00a7\u00a5]"
)
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
#: enough characters to judge an encoding by
_JUDGE = 20


def _gb2312_share(text: str) -> float:
    """How much of the non-ASCII text is in GB2312 (the common simplified characters).
    Text read in the wrong encoding as GB18030 scores about 0.3–0.6; real GB text about 1."""
    total = len(_NON_ASCII.findall(text))
    if not total:
        return 1.0
    missing = text.encode("gb2312", "replace").count(b"?") - text.count("?")
    return 1 - missing / total


#: what GB18030 text read as UTF-8 turns into: its lead bytes D6–DF give Hebrew, Arabic, Syriac…
#: — scripts no Chinese budget table holds
_MISREAD_GB = re.compile("[\u0590-\u07ff]")
_IDEOGRAPH = re.compile("[\u3400-\u4dbf\u4e00-\u9fff]")


def _misread_gb(text: str) -> bool:
    """Whether UTF-8 text looks like GB18030 bytes that happen to be valid UTF-8: no Chinese
    character at all, and letters of the scripts such bytes land in."""
    return not _IDEOGRAPH.search(text) and bool(_MISREAD_GB.search(text))


def _line_kind(line: bytes) -> str | None:
    """What a non-ASCII line is: ``utf-8``, ``gb18030`` or ``None`` (neither). Valid UTF-8 is
    UTF-8 unless it reads as misread GB18030 and GB18030 reads as common Chinese."""
    try:
        u: str | None = line.decode("utf-8")
    except UnicodeDecodeError:
        u = None
    if u is not None and not _misread_gb(u):
        return "utf-8"
    try:
        g = line.decode("gb18030")
    except UnicodeDecodeError:
        return "utf-8" if u is not None else None
    if u is None:
        return "gb18030"
    return "gb18030" if _gb2312_share(g) >= 0.95 else "utf-8"


def _damaged_utf8(line: bytes) -> bool:
    """A line that is mostly UTF-8 Chinese with a few broken bytes (GB18030 would misread it)."""
    text = line.decode("utf-8", "replace")
    bad = text.count("\ufffd")
    good = len(_CHINESE.findall(text))
    return good >= 2 and good >= 3 * bad


def _detect_encoding(f: IO[bytes], forced: str | None, name: str) -> _Decoding:
    """Read the whole input: reject NUL bytes and binary data, and decide how to decode it —
    UTF-8 (BOM or not), GB18030, UTF-16/32 with a BOM, UTF-16 without one, or line by line when
    the lines mix UTF-8 and GB18030. Big5 and text that only GB18030 can decode but that does
    not read as Chinese are refused."""
    head = f.read(4)
    f.seek(0)
    if forced is not None:
        codec = codecs.lookup(forced).name
        if codec == "utf-8":
            codec = "utf-8-sig"  # a BOM is not part of the first header
        _decode_whole(f, codec, name, forced=forced)
        return _Decoding(codec, codec)
    if head.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        _decode_whole(f, "utf-32", name)
        return _Decoding("utf-32", "utf-32")
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        _decode_whole(f, "utf-16", name)
        return _Decoding("utf-16", "utf-16")
    wide = _utf16_without_bom(f)
    if wide is not None:
        _decode_whole(f, wide, name)
        return _Decoding(wide, wide)
    if _decode_whole(f, "utf-8-sig", name, quiet=True):
        if _utf8_reads_as_chinese(f):
            return _Decoding("utf-8-sig", "utf-8-sig")
        return _Decoding("gb18030", "gb18030")
    return _by_lines(f, name)


_HINT = "如果整个文件是同一种编码，请用 --encoding 指定（如 --encoding gb18030、--encoding big5）"


def _decode_whole(
    f: IO[bytes], codec: str, name: str, *, forced: str | None = None, quiet: bool = False
) -> bool:
    """Decode the whole file strictly; on failure return ``False`` (``quiet``) or raise an
    :class:`InputError` naming the line."""
    wide = codecs.lookup(codec).name.startswith(("utf-16", "utf-32"))
    decoder = codecs.getincrementaldecoder(codec)("strict")
    offset = 0
    lines = 0
    first = True
    try:
        while True:
            chunk = f.read(_CHUNK)
            if not wide:
                nul = chunk.find(b"\x00")
                if nul >= 0:
                    raise InputError(
                        f"{name}：第 {offset + nul + 1} 个字节是 NUL（\\x00）"
                        "——这是二进制文件，不是文本表格"
                    )
                if first and _looks_binary(chunk):
                    raise InputError(f"{name}：含有大量控制字符——这是二进制文件，不是文本表格")
            try:
                text = decoder.decode(chunk, final=not chunk)
            except UnicodeDecodeError as exc:
                if quiet:
                    return False
                pos = max(0, exc.start)
                line = lines + chunk[:pos].count(b"\n") + 1
                where = f"第 {offset + pos + 1} 个字节" if wide else f"第 {line} 行"
                if forced:
                    raise InputError(
                        f"{name}：按 --encoding {_shown(forced)} 无法解码{where}；"
                        "请换一种编码，或去掉 --encoding 让程序自动识别"
                    ) from None
                raise InputError(
                    f"{name}：无法按 {codec} 解码{where}——可能是二进制文件；{_HINT}"
                ) from None
            if wide and "\x00" in text:
                raise InputError(f"{name}：含有 NUL 字符——这是二进制文件，不是文本表格")
            if not chunk:
                return True
            offset += len(chunk)
            lines += chunk.count(b"\n")
            first = False
    finally:
        f.seek(0)


def _looks_binary(chunk: bytes) -> bool:
    sample = chunk[:65536]
    if not sample:
        return False
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13, 26, 27))
    return controls > max(8, len(sample) // 100)


def _utf16_without_bom(f: IO[bytes]) -> str | None:
    """``utf-16-le`` or ``utf-16-be`` when the NUL bytes of the start of the file all stand at
    odd or all at even offsets (ASCII in UTF-16), and the text decodes as table text."""
    sample = f.read(65536)
    f.seek(0)
    sample = sample[: len(sample) // 2 * 2]
    if len(sample) < 4:
        return None
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    half = len(sample) // 2
    if odd > half // 20 and even == 0:
        codec = "utf-16-le"
    elif even > half // 20 and odd == 0:
        codec = "utf-16-be"
    else:
        return None
    try:
        text = sample.decode(codec, "strict")
    except UnicodeDecodeError:
        text = sample[:-2].decode(codec, "replace")  # the sample may end inside a pair
    if not re.search("[\n,\t]", text):
        return None
    odd_chars = re.findall(r"[^\x09\x0a\x0d\x20-\x7e]", text)
    shares = sum(1 for ch in odd_chars if _CHINESE.match(ch) or ch > "\u00a0")
    return codec if not odd_chars or shares >= 0.9 * len(odd_chars) else None


def _utf8_reads_as_chinese(f: IO[bytes]) -> bool:
    """A file valid as UTF-8 is UTF-8, unless it reads as misread GB18030 (short GB text can
    happen to be valid UTF-8) while GB18030 reads as common Chinese."""
    sample = f.read(1 << 18)
    f.seek(0)
    text = sample.decode("utf-8", "ignore")
    if not _misread_gb(text):
        return True
    try:
        gb = sample.decode("gb18030")
    except UnicodeDecodeError:
        return True
    return _gb2312_share(gb) < 0.95


def _by_lines(f: IO[bytes], name: str) -> _Decoding:
    """Decide line by line (the file is not UTF-8 throughout): GB18030, or both mixed."""
    first: dict[str, int] = {}
    sample: list[str] = []
    sampled = 0
    try:
        for number, line in enumerate(f, 1):
            if number == 1 and line.startswith(codecs.BOM_UTF8):
                line = line[3:]
            if line.isascii():
                continue
            kind = _line_kind(line)
            if kind is None:
                raise InputError(
                    f"{name}：第 {number} 行既不是 UTF-8 也不是 GB18030（GBK）编码，无法可靠解码；"
                    f"{_HINT}"
                )
            first.setdefault(kind, number)
            if kind == "gb18030" and sampled < (1 << 18):
                sample.append(line.decode("gb18030"))
                sampled += len(line)
        gb_text = "".join(sample)
        if len(_NON_ASCII.findall(gb_text)) >= _JUDGE and _gb2312_share(gb_text) < 0.8:
            f.seek(0)
            raise _not_gb(f, name)
        if "utf-8" not in first:
            return _Decoding("gb18030", "gb18030")
        f.seek(0)
        for number, line in enumerate(f, 1):
            if line.isascii() or _line_kind(line) != "gb18030":
                continue
            text = line.decode("gb18030")
            if _damaged_utf8(line) or (
                len(_NON_ASCII.findall(text)) >= 4 and _gb2312_share(text) < 0.8
            ):
                raise InputError(
                    f"{name}：文件混有 UTF-8 和 GB18030 编码的行，第 {number} 行无法可靠判断"
                    f"是哪一种（像是损坏的 UTF-8）；请把文件统一另存为一种编码再检查，或{_HINT}"
                )
    finally:
        f.seek(0)
    u, g = first["utf-8"], first["gb18030"]
    note = (
        f"{name} 混有两种编码的行（可能是两个文件拼接而成）：第 {min(u, g)} 行起有 "
        f"{'UTF-8' if u < g else 'GB18030'} 编码的行，第 {max(u, g)} 行起有 "
        f"{'GB18030' if u < g else 'UTF-8'} 编码的行；已逐行按各自的编码读取。"
        "要按一种编码读取整个文件，请用 --encoding 指定"
    )
    return _Decoding(None, "utf-8+gb18030", note)


def _not_gb(f: IO[bytes], name: str) -> InputError:
    """The error for a file GB18030 decodes but does not read as Chinese: Big5, or unknown."""
    sample = f.read(1 << 18)
    try:
        big5 = sample.decode("big5", "strict")
    except UnicodeDecodeError:
        big5 = ""
        with contextlib.suppress(UnicodeDecodeError):
            big5 = sample[: sample.rfind(b"\n") + 1].decode("big5", "strict")
    if big5 and _big5_share(big5) >= 0.9:
        return InputError(
            f"{name} 看来是 Big5（繁体中文）编码。自动识别不读 Big5（它与 GB18030 的字节相互"
            "重叠，猜错就会把乱码当作项目名称）；确是 Big5 时请用 --encoding big5 读取，"
            "繁体字按简体字判断"
        )
    return InputError(
        f"{name}：按 GB18030 解码得到的不是通常的中文文字——编码无法可靠识别，为免把乱码当作"
        f"项目名称来判定，没有检查；{_HINT}"
    )


def _big5_share(text: str) -> float:
    """How much of the non-ASCII text is among Big5's common characters (lead byte A4–C6)."""
    chars = [ch for ch in text if ord(ch) > 0x7F]
    if not chars:
        return 1.0
    common = 0
    for ch in chars:
        with contextlib.suppress(UnicodeEncodeError):
            if 0xA1 <= ch.encode("big5")[0] <= 0xC6:
                common += 1
    return common / len(chars)


class _LineDecoded:
    """A text stream over a file whose lines are each UTF-8 or GB18030: each line is decoded as
    what it is (the same test :func:`_by_lines` used)."""

    def __init__(self, binary: IO[bytes]) -> None:
        self._binary = binary

    def __iter__(self) -> Iterator[str]:
        for number, raw in enumerate(self._binary, 1):
            if number == 1 and raw.startswith(codecs.BOM_UTF8):
                raw = raw[3:]
            kind = "ascii" if raw.isascii() else _line_kind(raw)
            text = raw.decode("gb18030" if kind == "gb18030" else "utf-8", "replace")
            if "\r" in text[:-2]:
                yield from (t for t in re.split(r"(?<=\r)(?!\n)", text) if t)
            else:
                yield text

    def read(self) -> str:
        return "".join(self)

    def seek(self, offset: int) -> int:
        return self._binary.seek(offset)


def _text_stream(binary: IO[bytes], decoding: _Decoding, closers: list[Callable[[], Any]]) -> Any:
    if decoding.codec is None:
        return _LineDecoded(binary)
    stream = io.TextIOWrapper(binary, encoding=decoding.codec, newline="")  # type: ignore[arg-type]
    closers.append(stream.detach)  # the binary file is closed by its own closer
    return stream


def _sniff_delimiter(stream: Any) -> str:
    lines = []
    for line in stream:
        if line.strip():
            lines.append(line)
        if len(lines) >= HEADER_SCAN_ROWS:
            break
    stream.seek(0)
    tabs = sum(line.count("\t") for line in lines)
    commas = sum(line.count(",") for line in lines)
    return "\t" if tabs > commas else ","


# -- the header and the rows of a sheet (CSV/TSV, XLSX) --------------------------------------------
#: a source row: its number and its cells
_Raw = tuple[int, list[str]]


def _numbered_column(given: str | None, width: int, what: str) -> int | None:
    if given is None:
        return None
    text = nfkc(given).strip().upper()
    if text.isdigit():
        index = int(text)
    elif re.fullmatch(r"[A-Z]{1,3}", text):
        index = 0
        for ch in text:
            index = index * 26 + ord(ch) - 64
    else:
        raise InputError(
            f"没有表头时，{what}要写列号（1、2、3… 或 A、B、C…），不是“{_shown(given)}”"
        )
    if not 1 <= index <= max(width, 1):
        raise InputError(f"{what}的列号 {_shown(given)} 超出了表格的列数（{width} 列）")
    return index - 1


def _no_header_layout(first: list[_Raw], opts: _Options) -> _Layout:
    width = max((len(cells) for _, cells in first), default=1)
    columns = [f"第{i}列" for i in range(1, width + 1)]
    text = _numbered_column(opts.text_column, width, "--text-column ") or 0
    dep = _numbered_column(opts.department_column, width, "--department-column ")
    desc = _numbered_column(opts.description_column, width, "--description-column ")
    return _Layout(columns, text, dep, desc, None, None)


def _sheet_rows(
    raw: Iterator[_Raw], opts: _Options, name: str
) -> tuple[_Layout, Iterator[InputRow]]:
    """Find the header (rows above it are titles and are dropped) and read the rows after it."""
    titles: list[list[str]] = []
    layout: _Layout | None  # found by every branch below, or it raises
    if opts.no_header:
        first = list(itertools.islice(raw, HEADER_SCAN_ROWS))
        layout = _no_header_layout(first, opts)
        raw = itertools.chain(first, raw)
    elif opts.header_row is not None:
        layout = None
        for number, cells in raw:
            if number < opts.header_row:
                titles.append(cells)
                continue
            if number > opts.header_row:
                raise InputError(
                    f"{name}：第 {opts.header_row} 行是空行，不能作表头（--header-row）"
                )
            layout = _layout(cells, opts)
            if layout is None:
                raise InputError(
                    f"{name}：第 {number} 行（--header-row）中找不到项目名称列"
                    f"{'“' + _shown(opts.text_column) + '”' if opts.text_column else ''}。"
                    f"这一行的列：{_list_columns(cells)}"
                )
            layout = replace(layout, header_row=number)
            break
        if layout is None:
            raise InputError(f"{name}：表格不到 {opts.header_row} 行，找不到表头（--header-row）")
    else:
        layout = None
        for number, cells in raw:
            found = _layout(cells, opts)
            if found is not None:
                layout = replace(found, header_row=number)
                break
            titles.append(cells)
            if len(titles) >= HEADER_SCAN_ROWS:
                break
        if layout is None:
            if not titles:
                raise InputError("输入是空的：没有表头，也没有数据")
            raise _missing_text_column(opts.text_column, titles)
    agencies = [a for a in (_title_agency(t) for t in titles) if a]
    return layout, _rows_with_skips(raw, layout, opts, agencies, tabular=True)


def _rows_with_skips(
    raw: Iterable[_Raw], layout: _Layout, opts: _Options, agencies: Sequence[str], tabular: bool
) -> Iterator[InputRow]:
    skipper = _Skipper(layout, agencies, tabular)
    for number, cells in raw:
        row = _make_row(layout, number, cells)
        if opts.skip_rows is not None:
            skip = "按 --skip-rows 跳过" if number in opts.skip_rows else None
        else:
            skip = skipper(row, cells)
        yield replace(row, skip=skip) if skip else row


def _read_csv(stream: Any, delimiter: str, name: str, opts: _Options) -> _Read:
    if csv.field_size_limit() < _CSV_FIELD_LIMIT:
        csv.field_size_limit(_CSV_FIELD_LIMIT)
    reader = csv.reader(stream, delimiter=delimiter)

    def raw() -> Iterator[_Raw]:
        previous = 0
        for cells in reader:
            start, previous = previous + 1, reader.line_num
            if cells:  # csv gives [] for a completely empty line
                yield start, cells

    try:
        return _sheet_rows(raw(), opts, name)
    except csv.Error as exc:
        raise InputError(f"{name}：不是可读的 CSV：{exc}") from None


#: what a reader gives: the columns chosen and the rows after the header
_Read = tuple[_Layout, Iterator[InputRow]]


def _col(layout: _Layout, index: int | None) -> str | None:
    return None if index is None else layout.columns[index]


# -- XLSX -----------------------------------------------------------------------------------------
def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(value, _dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, (_dt.date, _dt.time)):
        return value.isoformat()
    return str(value)


_SHARED_TYPE = b"sharedStrings+xml"
_SI = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?si[\s>/]")
_MB = 1024 * 1024


def _check_xlsx(f: IO[bytes], name: str) -> None:
    """Refuse a workbook that would expand beyond the limits, before openpyxl inflates any of it:
    the number of parts, each part's declared size and their total, then — streaming each XML
    part in 1 MB pieces — its actual size, the longest text run, any DTD, and the shared-string
    table's size and count."""
    try:
        with zipfile.ZipFile(f) as zf:
            infos = zf.infolist()
            if len(infos) > MAX_XLSX_ENTRIES:
                raise InputError(
                    f"{name}：XLSX 中有 {len(infos)} 个部件，超过上限 {MAX_XLSX_ENTRIES}，拒绝读取"
                )
            total = 0
            for info in infos:
                if info.file_size > MAX_XLSX_PART:
                    raise _too_big(name, info.filename, info.file_size, MAX_XLSX_PART)
                total += info.file_size
            if total > MAX_XLSX_TOTAL:
                raise InputError(
                    f"{name}：XLSX 解压后共 {total / _MB:.0f} MB，超过上限 "
                    f"{MAX_XLSX_TOTAL // _MB} MB，拒绝读取"
                )
            shared = _shared_parts(zf)
            for info in infos:
                lower = info.filename.lower()
                if lower.endswith((".xml", ".rels")) or info.filename in shared:
                    _stream_part(zf, info, name, info.filename in shared)
    except InputError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError) as exc:
        raise InputError(f"{name} 不是可读的 XLSX 文件：{type(exc).__name__}: {exc}") from None
    except NotImplementedError as exc:  # an unsupported compression method
        raise InputError(f"{name} 不是可读的 XLSX 文件：{exc}") from None
    finally:
        f.seek(0)


def _too_big(name: str, part: str, size: int, limit: int) -> InputError:
    return InputError(
        f"{name}：XLSX 的部件 {_shown(part, 60)} 解压后有 {size / _MB:.0f} MB，超过上限 "
        f"{limit // _MB} MB——可能是恶意构造的“压缩炸弹”，拒绝读取"
    )


def _shared_parts(zf: zipfile.ZipFile) -> set[str]:
    """The shared-string parts: named by [Content_Types].xml, or by their usual name."""
    names = {i.filename for i in zf.infolist() if i.filename.lower().endswith("sharedstrings.xml")}
    try:
        info = zf.getinfo("[Content_Types].xml")
    except KeyError:
        return names
    if info.file_size <= _MB:
        data = zf.read(info)
        for m in re.finditer(rb"<Override\b[^>]*>", data):
            tag = m.group()
            part = re.search(rb'PartName="/?([^"]+)"', tag)
            if part and _SHARED_TYPE in tag:
                names.add(part.group(1).decode("utf-8", "replace"))
    return names


def _stream_part(zf: zipfile.ZipFile, info: zipfile.ZipInfo, name: str, shared: bool) -> None:
    limit = min(MAX_XLSX_PART, MAX_SHARED_STRINGS_BYTES) if shared else MAX_XLSX_PART
    if info.file_size > limit:
        raise _too_big(name, info.filename, info.file_size, limit)
    size = 0
    strings = 0
    carry = b""
    with zf.open(info) as src:
        while True:
            chunk = src.read(_CHUNK)
            size += len(chunk)
            if size > limit or size > info.file_size:
                raise InputError(
                    f"{name}：XLSX 的部件 {_shown(info.filename, 60)} 解压后超过声明的大小"
                    f"或上限 {limit // _MB} MB，拒绝读取"
                )
            data = carry + chunk
            cut = data.rfind(b"<") if chunk else len(data)
            done, carry = (data[:cut], data[cut:]) if cut >= 0 else (b"", data)
            if len(carry) > MAX_XLSX_TEXT_RUN or (
                done and max(map(len, done.split(b"<"))) > MAX_XLSX_TEXT_RUN
            ):
                raise InputError(
                    f"{name}：XLSX 的部件 {_shown(info.filename, 60)} 中有超过 "
                    f"{MAX_XLSX_TEXT_RUN // 1024} KB 的单元格文字（Excel 单元格最多 32,767 个"
                    "字符），拒绝读取"
                )
            if b"<!DOCTYPE" in done or b"<!ENTITY" in done:
                raise InputError(
                    f"{name}：XLSX 的部件 {_shown(info.filename, 60)} 含有 DTD"
                    "（Excel 从不写 DTD），拒绝读取"
                )
            if shared:
                strings += len(_SI.findall(done))
                if strings > MAX_SHARED_STRINGS:
                    raise InputError(
                        f"{name}：XLSX 的共享字符串超过 {MAX_SHARED_STRINGS:,} 个，拒绝读取"
                    )
            if not chunk:
                return


def _read_xlsx(
    f: IO[bytes],
    name: str,
    sheet: str | None,
    opts: _Options,
    closers: list[Callable[[], Any]],
) -> tuple[_Layout, Iterator[InputRow], str]:
    """An XLSX reader also says which worksheet it read."""
    _check_xlsx(f, name)
    try:
        import openpyxl
    except ImportError:
        raise InputError(
            f"读取 XLSX 文件需要 openpyxl：{install_hint('xlsx')}（或把表格另存为 CSV）"
        ) from None
    try:
        wb = openpyxl.load_workbook(f, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a broken file
        raise InputError(f"{name} 不是可读的 XLSX 文件：{type(exc).__name__}: {exc}") from None
    closers.append(wb.close)
    names = list(wb.sheetnames)
    if not names:
        raise InputError(f"{name}：工作簿中没有工作表")
    if sheet is None:
        chosen = names[0]
    elif sheet in names:
        chosen = sheet
    elif sheet.strip().isdigit() and 1 <= int(sheet) <= len(names):
        chosen = names[int(sheet) - 1]
    else:
        raise InputError(
            f"{name} 中没有工作表“{_shown(sheet)}”；有：{'、'.join(_shown(n) for n in names)}"
        )
    ws = wb[chosen]
    if not hasattr(ws, "iter_rows"):
        raise InputError(f"{name} 的“{_shown(chosen)}”不是数据工作表（图表页？）")
    if hasattr(ws, "reset_dimensions"):
        ws.reset_dimensions()  # some writers record wrong dimensions; read the rows as they are

    def raw_rows() -> Iterator[_Raw]:
        # with the dimensions reset, openpyxl yields every row from 1 on (filling the gaps), so
        # counting gives the Excel row number
        for number, values in enumerate(ws.iter_rows(values_only=True), 1):
            if number > MAX_XLSX_ROWS:
                raise InputError(
                    f"{name}：工作表“{_shown(chosen)}”超过 Excel 的 {MAX_XLSX_ROWS:,} 行上限"
                )
            cells = [_cell_text(v) for v in values]
            while cells and not cells[-1].strip():
                cells.pop()
            if cells:
                yield number, cells

    try:
        layout, rows = _sheet_rows(raw_rows(), opts, name)
    except InputError:
        raise
    except Exception as exc:
        raise InputError(f"{name} 不是可读的 XLSX 文件：{type(exc).__name__}: {exc}") from None
    return layout, rows, chosen


# -- JSON -----------------------------------------------------------------------------------------
def _json_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


class _Oversized:
    """A number literal longer than :data:`MAX_JSON_NUMBER` (kept, not converted)."""

    def __init__(self, literal: str) -> None:
        self.digits = len(literal)


def _parse_number(literal: str, convert: Callable[[str], Any]) -> Any:
    return _Oversized(literal) if len(literal) > MAX_JSON_NUMBER else convert(literal)


_JSON_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')


def _json_depth_exceeds(text: str, limit: int = MAX_JSON_DEPTH) -> bool:
    """Whether ``text`` nests arrays and objects deeper than ``limit`` (strings skipped)."""
    if text.count("[") + text.count("{") <= limit:
        return False
    depth = 0
    for m in _JSON_TOKEN.finditer(text):
        token = m.group()
        if token in "[{":
            depth += 1
            if depth > limit:
                return True
        elif token in "]}":
            depth -= 1
    return False


def _loads(text: str) -> Any:
    """``json.loads`` with bounded depth and number length; raises ``ValueError``."""
    if _json_depth_exceeds(text):
        raise ValueError(f"嵌套超过 {MAX_JSON_DEPTH} 层")
    try:
        return json.loads(
            text,
            parse_int=lambda s: _parse_number(s, int),
            parse_float=lambda s: _parse_number(s, float),
        )
    except RecursionError:
        raise ValueError(f"嵌套超过 {MAX_JSON_DEPTH} 层") from None


def _oversized(value: Any, depth: int = 0) -> _Oversized | None:
    """The first over-long number in a parsed value (its depth is already bounded)."""
    if isinstance(value, _Oversized):
        return value
    children: Iterable[Any] = ()
    if isinstance(value, dict):
        children = value.values()
    elif isinstance(value, list):
        children = value
    for child in children:
        found = _oversized(child, depth + 1)
        if found is not None:
            return found
    return None


#: a JSON item: its row number, the value, and why it cannot be read (``None``: it can)
_Item = tuple[int, Any, str | None]


def _read_json(stream: Any, fmt: str, name: str, opts: _Options) -> tuple[_Layout, Any, str]:
    items: Iterator[_Item]
    if fmt == "json":
        text = stream.read()
        try:
            data = _loads(text)
        except json.JSONDecodeError as exc:
            if exc.msg == "Extra data" and exc.lineno > 1 and _first_line_parses(text):
                stream.seek(0)  # one JSON value per line in a .json file: JSON Lines
                return _read_json(stream, "jsonl", name, opts)
            raise InputError(
                f"{name}：不是合法的 JSON（第 {exc.lineno} 行第 {exc.colno} 列：{exc.msg}）"
            ) from None
        except ValueError as exc:
            raise InputError(f"{name}：JSON {exc}，拒绝读取") from None
        if not isinstance(data, list):
            raise InputError(
                f"{name}：JSON 的顶层应是数组（每个元素一行），得到 {type(data).__name__}"
            )
        items = ((n, item, None) for n, item in enumerate(data, 1))
    else:
        items = _jsonl_items(stream)
    first: list[_Item] = []
    for item in items:
        first.append(item)
        if item[2] is not None:
            raise InputError(f"{name}：不是 JSON Lines：{item[2]}")
        break
    head = first[0][1] if first else None
    if isinstance(head, dict):
        keys = [str(k) for k in head]
        found = _layout(keys, opts)
        if found is None:
            what = (
                f"找不到项目名称键“{_shown(opts.text_column)}”"
                if opts.text_column
                else "找不到项目名称键（应有 " + "、".join(TEXT_HEADERS[:8]) + " 等之一，"
                "或用 --text-column 指定）"
            )
            raise InputError(f"{name}：{what}。第一行的键：{_list_columns(keys)}")
        layout = found
    elif isinstance(head, str) or head is None:  # project names only, or no rows at all
        keys = ["text"]
        layout = _Layout(keys, 0, None, None)
    else:
        raise InputError(
            f"{name}：第一行应是 JSON 对象（各列为键）或字符串（项目名称），"
            f"得到 {type(head).__name__}"
        )
    what = "行" if fmt == "jsonl" else "个元素"

    def raw() -> Iterator[tuple[int, InputRow | list[str]]]:
        for n, item, error in itertools.chain(first, items):
            big = None if error is not None else _oversized(item)
            if error is None and big is not None:
                error = f"第 {n} {what}有 {big.digits} 位的数字，超过 {MAX_JSON_NUMBER} 位的上限"
            if error is not None:
                yield n, InputRow(n, ("",) * len(keys), (), "", None, error)
            elif isinstance(item, str):
                yield n, [item if i == layout.text else "" for i in range(len(keys))]
            elif isinstance(item, dict):
                values = {str(k): v for k, v in item.items()}
                cells = [_json_text(values.get(k)) for k in keys]
                yield n, cells + [_json_text(v) for k, v in values.items() if k not in keys]
            else:
                text = _json_text(item)
                reason = f"不是 JSON 对象或字符串（{type(item).__name__}）"
                yield n, InputRow(n, ("",) * len(keys), (), text, None, reason)

    def rows() -> Iterator[InputRow]:
        skipper = _Skipper(layout, (), tabular=False)
        for n, got in raw():
            if isinstance(got, InputRow):
                yield got
                continue
            row = _make_row(layout, n, got)
            if opts.skip_rows is not None:
                skip = "按 --skip-rows 跳过" if n in opts.skip_rows else None
            else:
                skip = skipper(row, got)
            yield replace(row, skip=skip) if skip else row

    return layout, rows(), fmt


def _first_line_parses(text: str) -> bool:
    line = text.lstrip("\ufeff").split("\n", 1)[0].strip()
    try:
        _loads(line)
    except ValueError:
        return False
    return bool(line)


def _jsonl_items(stream: Any) -> Iterator[_Item]:
    for lineno, line in enumerate(stream, 1):
        s = line.strip().lstrip("\ufeff") if lineno == 1 else line.strip()
        if not s:
            continue
        try:
            yield lineno, _loads(s), None
        except json.JSONDecodeError as exc:
            yield lineno, None, f"不是合法的 JSON（{exc.msg}，文件第 {lineno} 行）"
        except ValueError as exc:
            yield lineno, None, f"JSON {exc}（文件第 {lineno} 行）"
