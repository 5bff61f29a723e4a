"""What every command shares: errors and exit codes, the catalogue, options and output helpers.

Exit codes: 0 success; 1 not found, ambiguous, or a ``--fail-on`` threshold reached; 2 bad usage
or bad input. Messages go to stderr, never a traceback.
"""

from __future__ import annotations

import functools
import json
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
from .chinese import ChineseCommand, ChineseGroup, display_width

__all__ = [
    "EXIT_NOT_FOUND",
    "EXIT_USAGE",
    "CatalogueGroup",
    "ChineseCommand",
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


#: the class of the command group (its help and usage errors, and its commands', in Chinese)
CatalogueGroup = ChineseGroup


class Fail(click.ClickException):
    """An error message on stderr and a chosen exit code."""

    def __init__(self, message: str, exit_code: int) -> None:
        super().__init__(message)
        # click declares it per class; an instance's own value is the one it exits with
        self.exit_code = exit_code  # type: ignore[misc]

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
    found: Catalogue = obj["catalogue"]
    return found


# -- shared options -----------------------------------------------------------------------------
def _format_help(choices: tuple[str, ...]) -> str:
    for_programs = "、".join(c for c in choices if c != "table")
    if "table" not in choices:
        return f"输出格式：{for_programs} 供程序读取。"
    return f"输出格式：table 供人阅读；{for_programs} 供程序读取。"


def format_option(*choices: str, default: str = "table") -> Callable[[F], F]:
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(choices),
        default=default,
        show_default=True,
        help=_format_help(choices),
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
