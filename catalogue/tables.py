"""Budget tables in: CSV/TSV, XLSX, JSON Lines and JSON arrays, read as rows.

:func:`open_table` opens a CSV/TSV file (UTF-8, UTF-8 with a BOM, GB18030/GBK or UTF-16 with a
BOM, detected), an XLSX workbook (``openpyxl``, the optional extra ``catalogue[xlsx]``), a JSON
Lines file or a JSON array — from a path, a binary file object or standard input (``"-"``).
It finds the header row (even below title rows), the project-name column, the department
column and an optional description column, and returns a :class:`Table` whose rows stream
lazily, one :class:`InputRow` per data row. It knows nothing of the catalogue::

    >>> import io
    >>> from catalogue.tables import open_table
    >>> data = ("2024年项目支出表\\n项目名称,预算单位\\n"
    ...         "特种设备安全监测服务,市场监管局\\n档案馆维修改造工程,\\n")
    >>> with open_table(io.BytesIO(data.encode("gb18030"))) as table:
    ...     print(table.input_format, table.encoding, table.text_column, table.department_column)
    ...     for row in table:
    ...         print(row.number, row.text, row.department)
    csv gb18030 项目名称 预算单位
    1 特种设备安全监测服务 市场监管局
    2 档案馆维修改造工程 None

Rows in = rows out: every data row gives exactly one :class:`InputRow`, in input order. A row
that cannot be read (a line that is not JSON …) carries the reason in :attr:`InputRow.error`;
the rows after it are still read. An input that cannot be read as a table at all (missing file,
binary data, no project-name column …) raises :class:`InputError` before any row is read.

What counts as a row:

- CSV/TSV: every line (or quoted multi-line record) after the header. Completely empty lines are
  skipped; a line with only separators (``,,,``) is a row with empty text.
- XLSX: every row after the header with at least one non-empty cell (Excel keeps formatted
  empty rows; they are skipped).
- JSON Lines: every non-blank line. JSON array: every element. An element is an object (one
  row, its keys are the columns) or a string (the project name).
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import datetime as _dt
import io
import itertools
import json
import os
import re
import shutil
import sys
import tempfile
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Literal

from .chars import nfkc
from .exceptions import CatalogueError

__all__ = [
    "DEPARTMENT_HEADERS",
    "DESCRIPTION_HEADERS",
    "INPUT_FORMATS",
    "TEXT_HEADERS",
    "InputError",
    "InputRow",
    "Table",
    "open_table",
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

#: the header row is looked for among this many first non-empty rows
HEADER_SCAN_ROWS = 10

_CSV_FIELD_LIMIT = 64 * 1024 * 1024
_CHUNK = 1 << 20
_SPOOL = 16 * 1024 * 1024


class InputError(CatalogueError, ValueError):
    """An input that cannot be read as a table: missing, binary, undecodable, no text column."""


# -- rows -----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class InputRow:
    """One data row of the input.

    ``number`` is the 1-based data row number (the first row after the header is 1).
    ``cells`` are the row's cells aligned with :attr:`Table.columns` (short rows padded with
    ``""``); ``extra`` holds the cells beyond the header. ``text`` is the project name (joined with
    the description, if any) and ``department`` the department cell (``None`` if empty).
    ``error`` is set when the row could not be read (a JSON line that does not parse …).
    """

    number: int
    cells: tuple[str, ...]
    extra: tuple[str, ...]
    text: str
    department: str | None
    error: str | None = None


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


@dataclass(frozen=True)
class _Layout:
    columns: list[str]
    text: int
    department: int | None
    description: int | None


def _layout(
    header: Sequence[str],
    text_column: str | None,
    department_column: str | None,
    description_column: str | None,
    detect_department: bool,
) -> _Layout | None:
    """Columns chosen from ``header``, or ``None`` if it has no text column."""
    text = _find(header, [text_column] if text_column else TEXT_HEADERS)
    if text is None:
        return None
    if department_column:
        dep = _find(header, [department_column], [text])
        if dep is None:
            raise InputError(
                f"找不到部门列“{department_column}”。表头中的列：{_list_columns(header)}"
            )
    else:
        dep = _find(header, DEPARTMENT_HEADERS, [text]) if detect_department else None
    taken = [i for i in (text, dep) if i is not None]
    if description_column:
        desc = _find(header, [description_column], taken)
        if desc is None:
            raise InputError(
                f"找不到项目说明列“{description_column}”。表头中的列：{_list_columns(header)}"
            )
    else:
        desc = _find(header, DESCRIPTION_HEADERS, taken)
    return _Layout(list(header), text, dep, desc)


def _list_columns(cells: Sequence[str]) -> str:
    shown = [c if len(c) <= 30 else c[:30] + "…" for c in cells if c.strip()]
    return "、".join(f"“{c}”" for c in shown) if shown else "（没有）"


def _missing_text_column(text_column: str | None, seen: Sequence[Sequence[str]]) -> InputError:
    widest = max(seen, key=lambda r: sum(1 for c in r if c.strip()), default=[])
    if text_column:
        what = f"找不到项目名称列“{text_column}”"
    else:
        what = (
            "找不到项目名称列（表头应有 " + "、".join(TEXT_HEADERS[:8]) + " 等之一，"
            "或用 --text-column 指定）"
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


# -- the table ------------------------------------------------------------------------------------
class Table:
    """An opened input: its columns and a single pass over its rows (:class:`InputRow`).

    Use it as a context manager (or call :meth:`close`) so the file is closed.
    """

    def __init__(
        self,
        *,
        columns: list[str],
        text_column: str,
        department_column: str | None,
        description_column: str | None,
        input_format: str,
        encoding: str | None,
        sheet: str | None,
        rows: Iterator[InputRow],
        closers: list[Callable[[], Any]],
        name: str,
    ) -> None:
        #: the header cells as read (the keys of the first object for JSON)
        self.columns = columns
        self.text_column = text_column
        self.department_column = department_column
        self.description_column = description_column
        #: ``csv``, ``tsv``, ``xlsx``, ``jsonl`` or ``json``
        self.input_format = input_format
        #: the encoding used to read a text input (``None`` for XLSX)
        self.encoding = encoding
        #: the worksheet read (XLSX only)
        self.sheet = sheet
        #: the input's name for messages (the path, or ``-``)
        self.name = name
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
) -> Table:
    """Open a budget table for checking; raise :class:`InputError` if it is not one.

    ``source`` is a path, ``"-"`` for standard input, or a binary file object. The format comes
    from ``input_format``, else the file extension, else the content (a ZIP is XLSX, ``[`` starts a
    JSON array, ``{`` JSON Lines, anything else CSV with the delimiter sniffed). ``encoding``
    forces the encoding of a text input. ``sheet`` picks a worksheet by name or 1-based number.
    The columns are found by their headers or given by name; with ``detect_department=False`` a
    department column is used only if ``department_column`` names it.
    """
    if input_format is not None and input_format not in INPUT_FORMATS:
        raise InputError(f"未知的输入格式：{input_format}（可用：{'、'.join(INPUT_FORMATS)}）")
    if encoding is not None:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise InputError(f"未知的编码：{encoding}") from None
    closers: list[Callable[[], Any]] = []
    try:
        binary, name, ext = _open_source(source, closers)
        fmt, delimiter = _choose_format(binary, name, ext, input_format)
        cols = (text_column, department_column, description_column, detect_department)
        enc: str | None = None
        chosen: str | None = None
        if fmt == "xlsx":
            layout, rows, chosen = _read_xlsx(binary, name, sheet, cols, closers)
        else:
            enc = _detect_encoding(binary, encoding, name)
            stream = io.TextIOWrapper(binary, encoding=enc, newline="")
            closers.append(stream.detach)  # the binary file is closed by its own closer
            if fmt in ("csv", "tsv"):
                if delimiter is None:
                    delimiter = _sniff_delimiter(stream)
                if delimiter == "\t":
                    fmt = "tsv"
                layout, rows = _read_csv(stream, delimiter, name, cols)
            else:
                layout, rows = _read_json(stream, fmt, name, cols)
    except BaseException:
        for close in reversed(closers):
            with contextlib.suppress(Exception):
                close()
        raise
    return Table(
        columns=layout.columns,
        text_column=layout.columns[layout.text],
        department_column=_col(layout, layout.department),
        description_column=_col(layout, layout.description),
        input_format=fmt,
        encoding=enc,
        sheet=chosen,
        rows=rows,
        closers=closers,
        name=name,
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
            raise InputError(f"找不到文件：{path}")
        if p.is_dir():
            raise InputError(f"{path} 是目录，不是表格文件")
        try:
            f = open(p, "rb")  # noqa: SIM115 - closed by the Table
        except OSError as exc:
            raise InputError(f"无法读取 {path}：{exc.strerror or exc}") from None
        closers.append(f.close)
        return f, path, p.suffix.lower()
    name = str(getattr(source, "name", "<输入>"))
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
    return spooled


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
    # stdin, .txt or an unknown extension: look at the first character
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
    return "csv", None


def _detect_encoding(f: IO[bytes], forced: str | None, name: str) -> str:
    """Read the whole input once: reject NUL bytes and binary data, and find an encoding that
    decodes all of it (UTF-8 with or without BOM, else GB18030; UTF-16 if it has a BOM)."""
    head = f.read(4)
    f.seek(0)
    if forced is not None:
        candidates = [forced]
    elif head.startswith(codecs.BOM_UTF8):
        candidates = ["utf-8-sig"]
    elif head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        candidates = ["utf-16"]
    else:
        candidates = ["utf-8-sig", "gb18030"]
    wide = any(codecs.lookup(c).name.startswith(("utf-16", "utf-32")) for c in candidates)
    decoders = {c: codecs.getincrementaldecoder(c)("strict") for c in candidates}
    failed: dict[str, int] = {}
    offset = 0
    first = True
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
        for enc, dec in list(decoders.items()):
            try:
                dec.decode(chunk, final=not chunk)
            except UnicodeDecodeError as exc:
                failed[enc] = max(0, offset + exc.start)
                del decoders[enc]
        if not decoders:
            where = "；".join(f"{e} 在约第 {pos + 1} 个字节处失败" for e, pos in failed.items())
            hint = "" if forced else "；如果是其他编码，请用 --encoding 指定"
            raise InputError(f"{name}：无法解码为文本（{where}）——可能是二进制文件{hint}")
        if not chunk:
            break
        offset += len(chunk)
        first = False
    f.seek(0)
    return next(c for c in candidates if c in decoders)


def _looks_binary(chunk: bytes) -> bool:
    sample = chunk[:65536]
    if not sample:
        return False
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13, 26, 27))
    return controls > max(8, len(sample) // 100)


def _sniff_delimiter(stream: io.TextIOWrapper) -> str:
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


def _scan_header(
    rows: Iterator[list[str]],
    cols: tuple[str | None, str | None, str | None, bool],
) -> _Layout:
    """Find the header among the first rows (rows above it are titles and are dropped); the
    data rows follow it in ``rows``."""
    seen: list[list[str]] = []
    for row in rows:
        seen.append(row)
        layout = _layout(row, *cols)
        if layout is not None:
            return layout
        if len(seen) >= HEADER_SCAN_ROWS:
            break
    if not seen:
        raise InputError("输入是空的：没有表头，也没有数据")
    raise _missing_text_column(cols[0], seen)


def _tabular(raw: Iterator[list[str]], layout: _Layout) -> Iterator[InputRow]:
    return (_make_row(layout, n, cells) for n, cells in enumerate(raw, 1))


#: what a reader gives: the columns chosen and the rows after the header
_Read = tuple[_Layout, Iterator[InputRow]]
_Columns = tuple[str | None, str | None, str | None, bool]


def _read_csv(stream: io.TextIOWrapper, delimiter: str, name: str, cols: _Columns) -> _Read:
    if csv.field_size_limit() < _CSV_FIELD_LIMIT:
        csv.field_size_limit(_CSV_FIELD_LIMIT)
    reader = csv.reader(stream, delimiter=delimiter)
    raw = (row for row in reader if row)  # csv gives [] for a completely empty line
    try:
        layout = _scan_header(raw, cols)
    except csv.Error as exc:
        raise InputError(f"{name}：不是可读的 CSV：{exc}") from None
    return layout, _tabular(raw, layout)


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


def _read_xlsx(
    f: IO[bytes],
    name: str,
    sheet: str | None,
    cols: _Columns,
    closers: list[Callable[[], Any]],
) -> tuple[_Layout, Iterator[InputRow], str]:
    """An XLSX reader also says which worksheet it read."""
    try:
        import openpyxl
    except ImportError:
        raise InputError(
            "读取 XLSX 文件需要 openpyxl：pip install 'catalogue[xlsx]'（或把表格另存为 CSV）"
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
        raise InputError(f"{name} 中没有工作表“{sheet}”；有：{'、'.join(names)}")
    ws = wb[chosen]
    if not hasattr(ws, "iter_rows"):
        raise InputError(f"{name} 的“{chosen}”不是数据工作表（图表页？）")
    if hasattr(ws, "reset_dimensions"):
        ws.reset_dimensions()  # some writers record wrong dimensions; read the rows as they are

    def raw_rows() -> Iterator[list[str]]:
        for values in ws.iter_rows(values_only=True):
            cells = [_cell_text(v) for v in values]
            while cells and not cells[-1].strip():
                cells.pop()
            if cells:
                yield cells

    raw = raw_rows()
    try:
        layout = _scan_header(raw, cols)
    except InputError:
        raise
    except Exception as exc:
        raise InputError(f"{name} 不是可读的 XLSX 文件：{type(exc).__name__}: {exc}") from None
    return layout, _tabular(raw, layout), chosen


# -- JSON -----------------------------------------------------------------------------------------
def _json_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


def _read_json(stream: io.TextIOWrapper, fmt: str, name: str, cols: _Columns) -> _Read:
    items: Iterator[tuple[Any, str | None]]
    if fmt == "json":
        try:
            data = json.load(stream)
        except json.JSONDecodeError as exc:
            hint = (
                "；每行一个 JSON 对象的文件请用 --input-format jsonl"
                if exc.msg == "Extra data"
                else ""
            )
            raise InputError(
                f"{name}：不是合法的 JSON（第 {exc.lineno} 行第 {exc.colno} 列：{exc.msg}）{hint}"
            ) from None
        if not isinstance(data, list):
            raise InputError(
                f"{name}：JSON 的顶层应是数组（每个元素一行），得到 {type(data).__name__}"
            )
        items = ((item, None) for item in data)
    else:
        items = _jsonl_items(stream)
    first: list[tuple[Any, str | None]] = []
    for item, error in items:
        first.append((item, error))
        if error is not None:
            raise InputError(f"{name}：不是 JSON Lines：{error}")
        break
    head = first[0][0] if first else None
    if isinstance(head, dict):
        keys = [str(k) for k in head]
        found = _layout(keys, *cols)
        if found is None:
            what = (
                f"找不到项目名称键“{cols[0]}”"
                if cols[0]
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

    def rows() -> Iterator[InputRow]:

        for n, (item, error) in enumerate(itertools.chain(first, items), 1):
            if error is not None:
                yield InputRow(n, ("",) * len(keys), (), "", None, error)
            elif isinstance(item, str):
                cells = tuple(item if i == layout.text else "" for i in range(len(keys)))
                yield InputRow(n, cells, (), item.strip(), None)
            elif isinstance(item, dict):
                values = {str(k): v for k, v in item.items()}
                raw = [_json_text(values.get(k)) for k in keys]
                raw += [_json_text(v) for k, v in values.items() if k not in keys]
                row = _make_row(layout, n, raw)
                yield row
            else:
                yield InputRow(
                    n,
                    ("",) * len(keys),
                    (),
                    _json_text(item),
                    None,
                    f"不是 JSON 对象或字符串（{type(item).__name__}）",
                )

    return layout, rows()


def _jsonl_items(stream: io.TextIOWrapper) -> Iterator[tuple[Any, str | None]]:
    for lineno, line in enumerate(stream, 1):
        s = line.strip()
        if not s:
            continue
        try:
            yield json.loads(s), None
        except json.JSONDecodeError as exc:
            yield None, f"不是合法的 JSON（{exc.msg}，文件第 {lineno} 行）"
