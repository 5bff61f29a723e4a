"""``catalogue check``: every line of a budget table checked, as a report, JSONL, JSON, CSV or XLSX.

Only wiring and formatting live here: reading is :mod:`catalogue.tables`, checking
:meth:`catalogue.Catalogue.check_many`, records, labels and counts :mod:`catalogue.report`, the
workbook :mod:`catalogue.workbook`, and writing safely (a temporary file renamed into place,
signals) :mod:`catalogue.cli.output`.
"""

from __future__ import annotations

import contextlib
import csv
import importlib.util
import os
import sys
import time
from pathlib import Path
from typing import IO, Any

import click

from ..report import (
    ENCODING_NAMES,
    FAIL_ON,
    LABELS,
    JsonLines,
    Summary,
    amount,
    candidate_text,
    check_rows,
    csv_cells,
    csv_header,
    main_entry,
    main_reason,
    next_candidates,
    record,
    verdict_label,
)
from ..results import Verdict
from ..tables import (
    INPUT_FORMATS,
    InputError,
    InputRow,
    Table,
    install_hint,
    open_table,
    parse_row_numbers,
    printable,
)
from .chinese import ChineseCommand
from .common import EXIT_USAGE, Fail, department_option, display_width, dumps, get_catalogue, pad
from .common import handle_errors as _handle_errors
from .output import Interrupted, Output, OutputError, interruptible, signal_name

OUTPUT_FORMATS = ("table", "jsonl", "json", "csv", "xlsx")
#: the output format an ``-o`` file name implies
_FORMAT_OF_EXTENSION = {
    ".csv": "csv",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
    ".xlsx": "xlsx",
}
_TEXT_WIDTH = 80
_REASON_WIDTH = 400
_LABEL_WIDTH = max(display_width(f"{label}（skipped）") for label in LABELS.values())
#: exit code when the reader of standard output went away (``| head``)
EXIT_PIPE = 141


class _Writer:
    """Text to the output: UTF-8 (with a BOM for Excel when asked); a report on standard
    output goes through click, which knows the terminal."""

    def __init__(self, stream: IO[bytes], *, echo: bool, bom: bool) -> None:
        self._stream = stream
        self._echo = echo
        if bom:
            self.write("\ufeff")

    def write(self, text: str) -> None:
        if self._echo:
            click.echo(text, nl=False)
        else:
            self._stream.write(text.encode("utf-8"))

    def line(self, text: str = "") -> None:
        self.write(text + "\n")


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
    """``text`` on one line, control characters escaped, cut to ``width`` terminal columns (a
    1 MB cell stays cheap)."""
    head = printable(" ".join(text[: width + 1].split()))
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
    enc = ENCODING_NAMES.get(table.encoding or "", table.encoding or "")
    read = table.input_format.upper() + (f"，{enc}" if enc else "")
    if table.sheet:
        read += f"，工作表“{printable(table.sheet)}”"
    if table.header_row is not None:
        read += f"，表头在第 {table.header_row} 行"
    cols = [f"项目名称列“{printable(table.text_column)}”"]
    if table.description_column:
        cols.append(f"项目说明列“{printable(table.description_column)}”")
    if table.department_column:
        cols.append(f"部门列“{printable(table.department_column)}”")
    if table.amount_column:
        cols.append(f"金额列“{printable(table.amount_column)}”")
    if department:
        dep = f"{printable(department)}（--department）"
        if table.department_column:
            dep += "，部门列为空的行适用"
    elif table.department_column:
        dep = f"按部门列“{printable(table.department_column)}”逐行确定"
    else:
        dep = f"未指定——每行与全部 {n_departments} 个部门的目录比较，判定写明所属部门"
    return [
        f"预算项目检查：{printable(table.name)}（{read}）",
        f"读取的列：{'，'.join(cols)}",
        f"部门：{dep}",
        "",
    ]


def _report_row(row: InputRow, verdict: Verdict) -> list[str]:
    shown = pad(f"{verdict_label(verdict)}（{verdict.verdict}）", _LABEL_WIDTH)
    text = verdict.text or row.text
    if verdict.verdict == "skipped":  # the row as it stands: 1 2 3 …, 合计 11001.81 …
        text = " ".join(c.strip() for c in (*row.cells, *row.extra) if c.strip())
    lines = [f"{row.number:>4}  {shown}  {_cut(text, _TEXT_WIDTH) or '（空）'}"]
    entry = main_entry(verdict)
    if entry is not None:
        dep, code, name, score = entry
        what = f"{dep} {code}“{name}”" + (f"（得分 {score:.0f}）" if score is not None else "")
        kind = "条目" if verdict.verdict != "review" else "候选"
        lines.append(f"{'':6}{kind}：{_cut(what, _REASON_WIDTH)}")
    reason = main_reason(verdict)
    if reason is not None:
        lines.append(f"{'':6}理由：{_cut(reason.message, _REASON_WIDTH)}")
    if verdict.verdict == "review":
        others = next_candidates(verdict)
        if others:
            text = "；".join(candidate_text(c) for c in others)
            lines.append(f"{'':6}其他候选：{_cut(text, _REASON_WIDTH)}")
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
    "text_column": (
        "项目名称所在的列（默认按表头识别：项目名称、项目、名称、摘要…）；"
        "与 --no-header 同用时写列号（1、2… 或 A、B…）。"
    ),
    "department_column": "部门所在的列（默认按表头识别：部门、单位、预算单位、主管部门…）。",
    "description_column": (
        "项目说明所在的列（默认按表头识别：项目概况、项目说明…），与项目名称一起比对。"
    ),
    "header_row": "表头所在的行号（默认在前 10 行中自动查找）；它上面的行当作标题。",
    "skip_rows": (
        "不是预算项目、要跳过的行号，如 5,6,10-12（代替自动识别的多行表头、列序号行、"
        "合计行；none 表示一行也不跳过）。"
    ),
    "no_header": "表格没有表头：第一列（或 --text-column 给出的列号）是项目名称。",
    "input_format": "输入格式（默认按扩展名或内容判断）。",
    "encoding": (
        "强制使用的文本编码（默认自动识别 UTF-8、GB18030、UTF-16，以及逐行混合的 UTF-8 与 "
        "GB18030）。"
    ),
    "sheet": "XLSX 的工作表名称或序号（默认第一张）。",
    "format": (
        "输出格式：table 供人阅读的报告；xlsx Excel 工作簿（着色的判定和汇总表）；jsonl、json "
        "供程序读取；csv 保留输入各列并追加判定列。默认按 -o 的扩展名（.xlsx、.csv、.jsonl、"
        ".json），否则 table。"
    ),
    "output": (
        "写到文件（默认标准输出）。先写临时文件，完整写完才替换同名文件；已有的文件会被覆盖。"
    ),
    "excel": "CSV 输出带 UTF-8 BOM，便于 Excel 直接打开（隐含 --format csv）。",
    "fail_on": (
        "有行达到此判定时退出码为 1：out_of_scope（含 error）；review（含 out_of_scope、error）。"
        "已跳过的行不算。"
    ),
    "limit": "每行保留的候选条目数。",
    "jobs": (
        "用几个进程检查（默认 1；0 或大于 CPU 数时每个 CPU 一个）。各行多半互不相同的大文件在"
        "多核机器上用 2 或更多；结果与 1 完全相同；从未见过的行不到几百行时只用本进程。"
    ),
}


@click.command("check", cls=ChineseCommand)
@click.argument("file", required=False, metavar="[FILE|-]")
@department_option
@click.option("--text-column", metavar="列名", help=_HELP["text_column"])
@click.option("--department-column", metavar="列名", help=_HELP["department_column"])
@click.option("--description-column", metavar="列名", help=_HELP["description_column"])
@click.option(
    "--header-row", type=click.IntRange(1, None), metavar="行号", help=_HELP["header_row"]
)
@click.option("--skip-rows", metavar="行号", help=_HELP["skip_rows"])
@click.option("--no-header", is_flag=True, help=_HELP["no_header"])
@click.option("--input-format", type=click.Choice(INPUT_FORMATS), help=_HELP["input_format"])
@click.option("--encoding", metavar="编码", help=_HELP["encoding"])
@click.option("--sheet", metavar="工作表", help=_HELP["sheet"])
@click.option("--format", "fmt", type=click.Choice(OUTPUT_FORMATS), help=_HELP["format"])
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
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(0, None),
    default=1,
    show_default=True,
    metavar="N",
    help=_HELP["jobs"],
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
    header_row: int | None,
    skip_rows: str | None,
    no_header: bool,
    input_format: str | None,
    encoding: str | None,
    sheet: str | None,
    fmt: str | None,
    output: str | None,
    excel: bool,
    fail_on: str,
    limit: int,
    jobs: int,
) -> None:
    """检查整张预算表：每个预算项目能否作为政府购买服务。

    FILE 是 CSV/TSV、XLSX、JSON Lines 或 JSON 数组文件；- 或省略时读标准输入（JSON Lines 或 CSV）。

    表头上方的标题行、多行表头、列序号行、合计和小计行自动识别，记为“已跳过”，不作判定。

    每个输入行输出一条结果，顺序与输入相同；汇总写到标准错误。

    退出码：0 完成；1 有行达到 --fail-on；2 用法错误、输入无法读取或写不了输出；
    130 被 Ctrl-C 中断，143 被 SIGTERM 终止（已有的输出文件保持原样）。
    """
    fmt = _output_format(fmt, output, excel)
    if file is None:
        if _isatty(sys.stdin):
            raise Fail(
                "请给出要检查的文件，或用 - 从标准输入读取（catalogue check --help）", EXIT_USAGE
            )
        file = "-"
    if fmt == "xlsx":
        if importlib.util.find_spec("openpyxl") is None:
            raise Fail(f"写 XLSX 报告需要 openpyxl：{install_hint('xlsx')}", EXIT_USAGE)
        if output in (None, "-") and _isatty(sys.stdout):
            raise Fail(
                "XLSX 是二进制文件，不能显示在终端上；请用 -o 结果.xlsx 写到文件", EXIT_USAGE
            )
    if output not in (None, "-") and file != "-" and Path(file).exists():
        with contextlib.suppress(OSError):
            if Path(output).exists() and Path(output).samefile(file):
                raise Fail("--output 不能是输入文件本身", EXIT_USAGE)
    try:
        skip = None if skip_rows is None else parse_row_numbers(skip_rows)
    except InputError as exc:
        raise Fail(f"--skip-rows：{exc}", EXIT_USAGE) from None

    out = Output(output)
    with interruptible():
        try:
            summary = _run(
                ctx,
                out,
                fmt,
                excel,
                limit,
                jobs,
                file,
                department,
                dict(
                    input_format=input_format,
                    encoding=encoding,
                    sheet=sheet,
                    text_column=text_column,
                    department_column=department_column,
                    description_column=description_column,
                    detect_department=department is None,
                    header_row=header_row,
                    skip_rows=skip,
                    no_header=no_header,
                ),
            )
        except Interrupted as exc:
            out.discard()
            click.echo(_interrupted(exc, out), err=True)
            ctx.exit(exc.exit_code)
        finally:
            if not out.committed:
                out.discard()
        if out.path is not None:
            done = f"结果已写入 {printable(out.path)}"
            click.echo(done + ("（覆盖了原有文件）" if out.replaced else ""), err=True)
        failing = summary.failing(fail_on)
        if failing:
            click.echo(f"有 {failing} 行达到 --fail-on {fail_on}，退出码 1", err=True)
            ctx.exit(1)


def _output_format(fmt: str | None, output: str | None, excel: bool) -> str:
    """``--format`` if given, else what the ``-o`` file name implies (``--excel``: csv), else
    table."""
    implied = None
    if output not in (None, "-"):
        implied = _FORMAT_OF_EXTENSION.get(Path(output).suffix.lower())  # type: ignore[arg-type]
    if excel:
        if fmt not in (None, "csv"):
            raise Fail("--excel 只用于 --format csv", EXIT_USAGE)
        if fmt is None and implied not in (None, "csv"):
            raise Fail(
                f"--excel 写的是 CSV，但 -o 的扩展名是 {Path(output or '').suffix}；"
                "要写 Excel 工作簿请去掉 --excel（-o 结果.xlsx）",
                EXIT_USAGE,
            )
        return "csv"
    return fmt or implied or "table"


def _interrupted(exc: Interrupted, out: Output) -> str:
    """The one line an interruption prints."""
    what = f"已中断（{signal_name(exc.signum)}）"
    if out.committed:
        return f"{what}；结果已完整写入 {printable(out.shown)}"
    if out.path is None:
        return f"{what}；输出不完整，退出码 {exc.exit_code}"
    kept = "，原有文件未改动" if out.replaced else ""
    return f"{what}；没有写出 {printable(out.path)}{kept}，退出码 {exc.exit_code}"


def _run(
    ctx: click.Context,
    out: Output,
    fmt: str,
    excel: bool,
    limit: int,
    jobs: int,
    file: str,
    department: str | None,
    options: dict[str, Any],
) -> Summary:
    """Read, check and write; the result is final (committed) when this returns."""
    try:
        table = open_table(file, **options)
    except InputError as exc:
        raise Fail(str(exc), EXIT_USAGE) from None
    with table:
        for note in table.notes:
            click.echo(f"注意：{printable(note)}", err=True)
        cat = get_catalogue(ctx)
        # read as each row's buyer is: a merged bureau buys under each of its lists, an agency
        # with no list of its own is a buyer too; only a name that is no agency is refused
        buyer = cat.read_buyer(department) if department else None
        default_department = buyer.written if buyer is not None else None
        workbook = None
        if fmt == "xlsx":
            from ..workbook import WorkbookReport, WorkbookUnavailable

            try:
                workbook = WorkbookReport(table)
            except WorkbookUnavailable as exc:
                raise Fail(str(exc), EXIT_USAGE) from None
        summary = Summary()
        try:
            stream = out.open()
            writer = _Writer(stream, echo=fmt == "table" and out.to_stdout, bom=excel)
            _write(writer, fmt, table, cat, default_department, limit, jobs, summary, workbook)
            if workbook is not None:
                workbook.save(stream, summary)
            out.commit()
        except OutputError as exc:
            raise Fail(str(exc), EXIT_USAGE) from None
        except InputError as exc:
            if out.to_stdout:
                raise Fail(f"{exc}（已输出 {summary.rows} 行）", EXIT_USAGE) from None
            kept = "，原有文件未改动" if out.replaced else ""
            raise Fail(f"{exc}（没有写出 {printable(out.shown)}{kept}）", EXIT_USAGE) from None
        except BrokenPipeError:
            _quiet_stdout()
            ctx.exit(EXIT_PIPE)
        except OSError as exc:
            raise Fail(out.failed(exc), EXIT_USAGE) from None
        finally:
            if workbook is not None and not out.committed:
                workbook.abandon()
    click.echo(summary.text(), err=True)
    return summary


def _write(
    out: _Writer,
    fmt: str,
    table: Table,
    cat: Any,
    department: str | None,
    limit: int,
    jobs: int,
    summary: Summary,
    workbook: Any,
) -> None:
    progress = _Progress(to_terminal=fmt == "table" and _isatty(sys.stdout))
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
    by_department = table.department_column is not None
    try:
        for row, verdict in check_rows(cat, table, department, limit, jobs):
            if fmt == "jsonl":
                out.line(jsonl.line(row, verdict))
            elif fmt == "json":
                out.write(("\n" if summary.rows == 0 else ",\n") + dumps(record(row, verdict)))
            elif fmt == "csv":
                writer.writerow(csv_cells(row, verdict))
            elif fmt == "xlsx":
                workbook.add(row, verdict)
            else:
                for line in _report_row(row, verdict):
                    out.line(line)
            summary.add(verdict, amount(row, table), row.department if by_department else None)
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
