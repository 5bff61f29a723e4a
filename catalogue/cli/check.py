"""``catalogue check``: every line of a budget table checked, as a report, JSONL, JSON or CSV.

Only formatting lives here: reading is :mod:`catalogue.tables`, checking
:meth:`catalogue.Catalogue.check_many`, and records, labels and counts :mod:`catalogue.report`.
"""

from __future__ import annotations

import contextlib
import csv
import os
import sys
import time
from pathlib import Path
from typing import IO, Any

import click

from ..report import (
    FAIL_ON,
    VERDICT_LABELS,
    JsonLines,
    Summary,
    check_rows,
    csv_cells,
    csv_header,
    main_entry,
    main_reason,
    record,
)
from ..results import Verdict
from ..tables import INPUT_FORMATS, InputError, InputRow, Table, open_table
from .chinese import ChineseCommand
from .common import EXIT_USAGE, Fail, department_option, display_width, dumps, get_catalogue, pad
from .common import handle_errors as _handle_errors

OUTPUT_FORMATS = ("table", "jsonl", "json", "csv")
_ENCODING_NAMES = {"utf-8-sig": "UTF-8", "gb18030": "GB18030", "utf-16": "UTF-16"}
_TEXT_WIDTH = 80
_REASON_WIDTH = 400
_LABEL_WIDTH = max(display_width(f"{v}（{k}）") for k, v in VERDICT_LABELS.items())


class _Output:
    """Where the records go: standard output or a file, always UTF-8 (with a BOM for Excel)."""

    def __init__(self, path: str | None, *, text_mode: bool, bom: bool) -> None:
        self._own = path is not None and path != "-"
        self._echo = text_mode and not self._own
        self._file: IO[bytes]
        if self._own:
            try:
                self._file = open(path, "wb")  # type: ignore[arg-type]  # noqa: SIM115
            except OSError as exc:
                raise Fail(f"无法写入 {path}：{exc.strerror or exc}", EXIT_USAGE) from None
        else:
            self._file = getattr(sys.stdout, "buffer", None) or sys.stdout  # type: ignore[assignment]
        #: whether the results go to a terminal
        self.to_terminal = not self._own and _isatty(sys.stdout)
        if bom:
            self.write("\ufeff")

    def write(self, text: str) -> None:
        if self._echo:
            click.echo(text, nl=False)
        else:
            self._file.write(text.encode("utf-8"))

    def line(self, text: str = "") -> None:
        self.write(text + "\n")

    def close(self) -> None:
        with contextlib.suppress(OSError, ValueError):
            self._file.flush()
        if self._own:
            self._file.close()


def _isatty(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError, OSError):
        return False


class _Progress:
    """A one-line counter on stderr, only when stderr is a terminal."""

    def __init__(self, to_terminal: bool) -> None:
        # not while the results themselves scroll by on the same terminal
        self.enabled = _isatty(sys.stderr) and not to_terminal
        self._start = self._last = time.monotonic()
        self._shown = False

    def update(self, rows: int) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self._last < 0.2 or now - self._start < 1.0:
            return
        self._last = now
        rate = rows / max(now - self._start, 1e-9)
        click.echo(f"\r已检查 {rows} 行（{rate:.0f} 行/秒）…", nl=False, err=True)
        self._shown = True

    def done(self) -> None:
        if self._shown:
            click.echo("\r" + " " * 40 + "\r", nl=False, err=True)


# -- the table report --------------------------------------------------------------------------
def _cut(text: str, width: int) -> str:
    """``text`` on one line, cut to ``width`` terminal columns (a 1 MB cell stays cheap)."""
    head = " ".join(text[: width + 1].split())
    if len(text) <= width and display_width(head) <= width:
        return head
    out, used = [], 0
    for ch in head:
        used += display_width(ch)
        if used > width - 1:
            break
        out.append(ch)
    return "".join(out) + f"…（共 {len(text)} 字）"


def _report_head(table: Table, department: str | None, n_departments: int) -> list[str]:
    enc = _ENCODING_NAMES.get(table.encoding or "", table.encoding or "")
    read = table.input_format.upper() + (f"，{enc}" if enc else "")
    if table.sheet:
        read += f"，工作表“{table.sheet}”"
    cols = [f"项目名称列“{table.text_column}”"]
    if table.description_column:
        cols.append(f"项目说明列“{table.description_column}”")
    if table.department_column:
        cols.append(f"部门列“{table.department_column}”")
    if department:
        dep = f"{department}（--department）"
        if table.department_column:
            dep += "，部门列为空的行适用"
    elif table.department_column:
        dep = f"按部门列“{table.department_column}”逐行确定"
    else:
        dep = f"未指定——每行与全部 {n_departments} 个部门的目录比较，判定写明所属部门"
    return [
        f"预算项目检查：{table.name}（{read}）",
        f"读取的列：{'，'.join(cols)}",
        f"部门：{dep}",
        "",
    ]


def _report_row(row: InputRow, verdict: Verdict) -> list[str]:
    label = pad(f"{VERDICT_LABELS[verdict.verdict]}（{verdict.verdict}）", _LABEL_WIDTH)
    text = _cut(verdict.text or row.text, _TEXT_WIDTH) or "（空）"
    lines = [f"{row.number:>4}  {label}  {text}"]
    entry = main_entry(verdict)
    if entry is not None:
        dep, code, name, score = entry
        shown = f"{dep} {code}“{name}”" + (f"（得分 {score:.0f}）" if score is not None else "")
        lines.append(f"{'':6}{'条目' if verdict.verdict != 'review' else '候选'}：{shown}")
    reason = main_reason(verdict)
    if reason is not None:
        lines.append(f"{'':6}理由：{_cut(reason.message, _REASON_WIDTH)}")
    return lines


def _report_summary(summary: Summary) -> list[str]:
    lines = ["", f"汇总：共 {summary.rows} 行"]
    labels, cats = summary.labelled()
    width = max(display_width(label) for label, _ in labels + cats)
    lines += [f"  {pad(label, width)}  {n:>6}" for label, n in labels]
    if cats:
        lines.append("理由类别（含该类理由的行数）：")
        lines += [f"  {pad(label, width)}  {n:>6}" for label, n in cats]
    return lines


# -- the command -------------------------------------------------------------------------------
_HELP = {
    "text_column": "项目名称所在的列（默认按表头识别：项目名称、项目、名称、摘要…）。",
    "department_column": "部门所在的列（默认按表头识别：部门、单位、预算单位、主管部门…）。",
    "description_column": (
        "项目说明所在的列（默认按表头识别：项目概况、项目说明…），与项目名称一起比对。"
    ),
    "input_format": "输入格式（默认按扩展名或内容判断）。",
    "encoding": "强制使用的文本编码（默认自动识别 UTF-8、带 BOM 的 UTF-8、GB18030）。",
    "sheet": "XLSX 的工作表名称或序号（默认第一张）。",
    "format": (
        "输出格式：table 供人阅读的报告；jsonl、json 供程序读取；csv 保留输入各列并追加判定列。"
    ),
    "output": "写到文件（默认标准输出）。",
    "excel": "CSV 输出带 UTF-8 BOM，便于 Excel 直接打开（隐含 --format csv）。",
    "fail_on": (
        "有行达到此判定时退出码为 1：out_of_scope（含 error）；review（含 out_of_scope、error）。"
    ),
    "limit": "每行保留的候选条目数。",
}


@click.command("check", cls=ChineseCommand)
@click.argument("file", required=False, metavar="[FILE|-]")
@department_option
@click.option("--text-column", metavar="列名", help=_HELP["text_column"])
@click.option("--department-column", metavar="列名", help=_HELP["department_column"])
@click.option("--description-column", metavar="列名", help=_HELP["description_column"])
@click.option("--input-format", type=click.Choice(INPUT_FORMATS), help=_HELP["input_format"])
@click.option("--encoding", metavar="编码", help=_HELP["encoding"])
@click.option("--sheet", metavar="工作表", help=_HELP["sheet"])
@click.option(
    "--format",
    "fmt",
    type=click.Choice(OUTPUT_FORMATS),
    default="table",
    show_default=True,
    help=_HELP["format"],
)
@click.option("--output", "-o", metavar="PATH", help=_HELP["output"])
@click.option("--excel", is_flag=True, help=_HELP["excel"])
@click.option(
    "--fail-on",
    type=click.Choice(list(FAIL_ON)),
    default="never",
    show_default=True,
    help=_HELP["fail_on"],
)
@click.option(
    "--limit", type=click.IntRange(1, 20), default=3, show_default=True, help=_HELP["limit"]
)
@click.pass_context
@_handle_errors
def check_command(
    ctx: click.Context,
    file: str | None,
    department: str | None,
    text_column: str | None,
    department_column: str | None,
    description_column: str | None,
    input_format: str | None,
    encoding: str | None,
    sheet: str | None,
    fmt: str,
    output: str | None,
    excel: bool,
    fail_on: str,
    limit: int,
) -> None:
    """检查整张预算表：每个预算项目能否作为政府购买服务。

    FILE 是 CSV/TSV、XLSX、JSON Lines 或 JSON 数组文件；- 或省略时读标准输入（JSON Lines 或 CSV）。
    每个输入行输出一条结果，顺序与输入相同；汇总写到标准错误。

    退出码：0 完成；1 有行达到 --fail-on；2 用法错误或输入无法读取。
    """
    if excel:
        if ctx.get_parameter_source("fmt") == click.core.ParameterSource.DEFAULT:
            fmt = "csv"
        elif fmt != "csv":
            raise Fail("--excel 只用于 --format csv", EXIT_USAGE)
    if file is None:
        if _isatty(sys.stdin):
            raise Fail(
                "请给出要检查的文件，或用 - 从标准输入读取（catalogue check --help）", EXIT_USAGE
            )
        file = "-"
    if output not in (None, "-") and file != "-" and Path(file).exists():
        with contextlib.suppress(OSError):
            if Path(output).exists() and Path(output).samefile(file):
                raise Fail("--output 不能是输入文件本身", EXIT_USAGE)

    cat = get_catalogue(ctx)
    default_department = cat.resolve_department(department) if department else None
    try:
        table = open_table(
            file,
            input_format=input_format,
            encoding=encoding,
            sheet=sheet,
            text_column=text_column,
            department_column=department_column,
            description_column=description_column,
            detect_department=department is None,
        )
    except InputError as exc:
        raise Fail(str(exc), EXIT_USAGE) from None

    summary = Summary()
    with table:
        out = _Output(output, text_mode=fmt == "table", bom=excel)
        try:
            _write(out, fmt, table, cat, default_department, limit, summary)
        except InputError as exc:
            raise Fail(f"{exc}（已输出 {summary.rows} 行）", EXIT_USAGE) from None
        except BrokenPipeError:
            _quiet_stdout()
            ctx.exit(141)
        finally:
            with contextlib.suppress(BrokenPipeError):
                out.close()

    click.echo(summary.text(), err=True)
    failing = summary.failing(fail_on)
    if failing:
        click.echo(f"有 {failing} 行达到 --fail-on {fail_on}，退出码 1", err=True)
        ctx.exit(1)


def _write(
    out: _Output,
    fmt: str,
    table: Table,
    cat: Any,
    department: str | None,
    limit: int,
    summary: Summary,
) -> None:
    progress = _Progress(to_terminal=out.to_terminal)
    jsonl = JsonLines()
    writer: Any = None
    if fmt == "table":
        for line in _report_head(table, department, len(cat.departments)):
            out.line(line)
    elif fmt == "csv":
        writer = csv.writer(out)
        writer.writerow(csv_header(table))
    elif fmt == "json":
        out.write("[")
    try:
        for row, verdict in check_rows(cat, table, department, limit):
            if fmt == "jsonl":
                out.line(jsonl.line(row, verdict))
            elif fmt == "json":
                out.write(("\n" if summary.rows == 0 else ",\n") + dumps(record(row, verdict)))
            elif fmt == "csv":
                writer.writerow(csv_cells(row, verdict))
            else:
                for line in _report_row(row, verdict):
                    out.line(line)
            summary.add(verdict)
            progress.update(summary.rows)
    finally:
        progress.done()
    if fmt == "json":
        out.line("\n]" if summary.rows else "]")
    elif fmt == "table":
        for line in _report_summary(summary):
            out.line(line)


def _quiet_stdout() -> None:
    """After a closed pipe (``| head``): point stdout at /dev/null so exiting does not fail."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
