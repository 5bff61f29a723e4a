"""What every command shares: errors and exit codes, the catalogue, options and output helpers.

Exit codes: 0 success; 1 not found, ambiguous, or a ``--fail-on`` threshold reached; 2 bad usage
or bad input. Messages go to stderr, never a traceback.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, TypeVar

import click

from ..exceptions import (
    AmbiguousCode,
    CatalogueError,
    InvalidCode,
    InvalidText,
    UnknownCode,
    UnknownDepartment,
)

__all__ = [
    "EXIT_NOT_FOUND",
    "EXIT_USAGE",
    "CatalogueGroup",
    "Fail",
    "department_option",
    "display_width",
    "dumps",
    "echo_jsonl",
    "format_option",
    "get_catalogue",
    "handle_errors",
    "level_option",
    "pad",
    "table",
]

if TYPE_CHECKING:
    from ..api import Catalogue

F = TypeVar("F", bound=Callable[..., Any])

#: exit status for each library error: 1 not found / ambiguous, 2 bad input
EXIT_NOT_FOUND = 1
EXIT_USAGE = 2


class Fail(click.ClickException):
    """An error message on stderr and a chosen exit code."""

    def __init__(self, message: str, exit_code: int) -> None:
        super().__init__(message)
        self.exit_code = exit_code

    def show(self, file: Any = None) -> None:
        click.echo(f"错误：{self.format_message()}", err=True)


def exit_code_for(exc: CatalogueError) -> int:
    if isinstance(exc, (UnknownCode, AmbiguousCode)):
        return EXIT_NOT_FOUND
    if isinstance(exc, (UnknownDepartment, InvalidCode, InvalidText)):
        return EXIT_USAGE
    return EXIT_USAGE


def handle_errors(func: F) -> F:
    """Turn library errors into a message and the right exit code."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except CatalogueError as exc:
            raise Fail(str(exc), exit_code_for(exc)) from None

    return wrapper  # type: ignore[return-value]


def get_catalogue(ctx: click.Context | None = None) -> Catalogue:
    """The catalogue chosen by the global ``--catalogue`` option (the bundled one by default)."""
    ctx = ctx or click.get_current_context()
    root = ctx.find_root()
    obj = root.obj if isinstance(root.obj, dict) else {}
    if "catalogue" not in obj:
        from ..api import load  # matching and data are imported by the commands that use them

        try:
            obj["catalogue"] = load(obj.get("path"))
        except CatalogueError as exc:
            raise Fail(str(exc), EXIT_USAGE) from None
        root.obj = obj
    return obj["catalogue"]


# -- shared options -----------------------------------------------------------------------------
def format_option(*choices: str, default: str = "table") -> Callable[[F], F]:
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(choices),
        default=default,
        show_default=True,
        help="输出格式：table 供人阅读，json/jsonl 供程序读取。",
    )


department_option = click.option(
    "--department",
    "-d",
    metavar="部门",
    default=None,
    help="部门：规范名称或任何机关写法（孝义市生态环境局、发改委、环保局…）。",
)


def level_option(func: F) -> F:
    return click.option(
        "--level",
        "-l",
        type=click.IntRange(1, 4),
        default=None,
        help="只列出该级次（1–4）。",
    )(func)


# -- output helpers -----------------------------------------------------------------------------
def dumps(obj: Any, *, pretty: bool = True) -> str:
    """JSON with ``ensure_ascii=False``: indented for ``json``, one line for ``jsonl``."""
    if pretty:
        return json.dumps(obj, ensure_ascii=False, indent=2)
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


def echo_jsonl(records: Iterable[Any]) -> None:
    for record in records:
        click.echo(dumps(record, pretty=False))


def display_width(text: str) -> int:
    """Columns taken by ``text`` in a terminal (CJK characters take two)."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def pad(text: str, width: int) -> str:
    return text + " " * max(0, width - display_width(text))


def table(headers: list[str], rows: list[list[str]]) -> str:
    """A plain-text table aligned for CJK text."""
    widths = [display_width(h) for h in headers]
    for row in rows:
        widths = [max(w, display_width(c)) for w, c in zip(widths, row, strict=False)]
    lines = ["  ".join(pad(h, w) for h, w in zip(headers, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    for row in rows:
        lines.append("  ".join(pad(c, w) for c, w in zip(row, widths, strict=False)).rstrip())
    return "\n".join(lines)


# -- usage errors in Chinese -------------------------------------------------------------------
_OPTION = r"((?:'[^']+'(?: / )?)+)"  # '--limit' / '-n'
#: click's usage errors (pattern) and how to say them ({0}, {1}: the groups, quotes dropped)
_USAGE_MESSAGES = [
    (r"Missing argument '(.+?)'\.?$", "缺少参数 {0}。"),
    (r"Missing option " + _OPTION + r"\.?$", "缺少选项 {0}。"),
    (r"No such option:? '?([^'\s]+?)'?\.?$", "没有选项 {0}。"),
    (r"No such command '(.+?)'\.?$", "没有命令 {0}。"),
    (r"Option " + _OPTION + r" requires an argument\.?$", "选项 {0} 需要一个值。"),
    (r"Got unexpected extra arguments? \((.+)\)$", "多余的参数：{0}"),
    (
        r"Invalid value for " + _OPTION + r": '(.*?)' is not one of (.+?)\.?$",
        "{0} 的取值“{1}”无效，可选：{2}。",
    ),
    (
        r"Invalid value for " + _OPTION + r": (.+?) is not in the range (.+?)\.?$",
        "{0} 的取值 {1} 超出范围 {2}。",
    ),
    (r"Invalid value for " + _OPTION + r": (.+)$", "{0} 的取值无效：{1}"),
]


def usage_message(exc: click.UsageError) -> str:
    """A usage error as the CLI prints it: the reason (in Chinese where click's wording is
    known), the command's usage line and where to find help."""
    message = exc.format_message()
    for pattern, chinese in _USAGE_MESSAGES:
        found = re.match(pattern, message, re.S)
        if found:
            message = chinese.format(*(g.replace("'", "") for g in found.groups()))
            break
    lines = [f"错误：{message}"]
    if exc.ctx is not None:
        lines.append(f"用法：{exc.ctx.get_usage().removeprefix('Usage: ')}")
        lines.append(f"帮助：{exc.ctx.command_path} --help")
    return "\n".join(lines)


class CatalogueGroup(click.Group):
    """The command group; its usage errors, and its commands', print in Chinese (exit 2)."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except click.UsageError as exc:
            raise _ChineseUsageError(exc) from None

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        try:
            return super().parse_args(ctx, args)
        except click.UsageError as exc:
            raise _ChineseUsageError(exc) from None


class _ChineseUsageError(click.UsageError):
    """A click usage error shown the way :func:`usage_message` writes it."""

    def __init__(self, original: click.UsageError) -> None:
        super().__init__(original.format_message(), original.ctx)
        self.original = original
        self.exit_code = original.exit_code

    def show(self, file: Any = None) -> None:
        click.echo(usage_message(self.original), err=True)
