"""Regenerate the output shown by every command example of the docs, or check it.

    python docs/examples/update_docs.py           # rewrite the shown outputs in place
    python docs/examples/update_docs.py --check   # exit 1, with a diff, if any is out of date

(``docs/examples/update_readme.py`` does the same; CI runs it with ``--check``.)

An example is a fenced block (three backticks) of ``README.md`` or ``docs/*.md`` that has lines
beginning with ``$ ``. Each ``$ catalogue ARGS`` line runs the command from the repository
root, in this process, as on an 80-column terminal; the lines after it, up to the next ``$ ``
line or the end of the block, are what it prints (standard output and standard error, as a
terminal shows them). Conventions:

- ``$ echo $?`` shows the exit status of the command before it;
- ``$ catalogue ... | head -N`` shows the first N lines of its standard output;
- ``$ catalogue ... > FILE`` shows standard error only (standard output is not written to
  FILE);
- an output whose last line is ``…`` shows only the lines before it: the command's output must
  begin with them, and regenerating keeps that many lines;
- a blank line before a ``$ `` line separates two examples and is kept;
- a block right after a line ``<!-- not run: why -->`` is left alone (``catalogue serve``,
  which does not end).

It also regenerates the report of ``docs/examples/README.md`` between
``<!-- report:begin -->`` and ``<!-- report:end -->`` (standard output, then standard error).

Every other ``catalogue ...`` line in a fenced block of those files (a list of commands with no
output shown) is parsed against the CLI without running: its command and options must exist
and its option values must be valid. Syntax lines (with ``[``, ``|``, ``…``) are skipped.
"""

from __future__ import annotations

import contextlib
import difflib
import io
import os
import re
import shlex
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import click
from click.testing import CliRunner, Result

REPO = Path(__file__).resolve().parents[2]
EXAMPLE_REPORT = REPO / "docs" / "examples" / "README.md"
REPORT_COMMAND = "catalogue check docs/examples/table12.csv"
BEGIN, END = "<!-- report:begin -->", "<!-- report:end -->"
NOT_RUN = "<!-- not run"
ELLIPSIS = "…"
#: help is laid out to the terminal: as on an 80-column terminal (click keeps two free)
TERMINAL_WIDTH = 78


def documents() -> list[Path]:
    """The files whose examples are run: README.md and docs/*.md."""
    return [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]


# -- running a command --------------------------------------------------------------------------
@contextlib.contextmanager
def _in_repo() -> Iterator[None]:
    before = Path.cwd()
    os.chdir(REPO)
    try:
        yield
    finally:
        os.chdir(before)


def invoke(args: list[str]) -> Result:
    """``catalogue ARGS`` run in this process, from the repository root."""
    from catalogue.cli import cli

    with _in_repo():
        return CliRunner().invoke(
            cli, args, terminal_width=TERMINAL_WIDTH, env={"CATALOGUE_FILE": None}
        )


class ExampleError(Exception):
    """An example that cannot be run (a command this script does not know how to run)."""


def run_line(command: str, last_status: int) -> tuple[list[str], int]:
    """The output lines of ``$ COMMAND`` and its exit status."""
    if command == "echo $?":
        return [str(last_status)], 0
    words = shlex.split(command)
    head = None
    redirect = False
    if len(words) >= 3 and words[-3] == "|" and words[-2] == "head" and words[-1].startswith("-"):
        head = int(words[-1][1:])
        words = words[:-3]
    elif len(words) >= 3 and words[-2] == ">":
        redirect = True
        words = words[:-2]
    if not words or words[0] != "catalogue" or any(w in ("|", ">", "<", "&&", ";") for w in words):
        raise ExampleError(f"cannot run this example: $ {command}")
    if "serve" in words[1:]:
        raise ExampleError(f"$ {command}: the service does not end; mark the block {NOT_RUN} -->")
    result = invoke(words[1:])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise ExampleError(f"$ {command} raised {result.exception!r}")
    if head is not None:
        lines = result.stdout.splitlines()[:head] + result.stderr.splitlines()
    elif redirect:
        lines = result.stderr.splitlines()
    else:
        lines = result.output.splitlines()
    return lines, result.exit_code


# -- fenced blocks ------------------------------------------------------------------------------
@dataclass
class Block:
    """A fenced block: the lines between its fences (``start`` is the index of the first)."""

    path: Path
    start: int
    lines: list[str]
    skipped: bool

    @property
    def is_example(self) -> bool:
        return any(line.startswith("$ ") for line in self.lines)


def blocks(path: Path, text: str) -> list[Block]:
    lines = text.split("\n")
    found = []
    i = 0
    while i < len(lines):
        if lines[i].startswith("```"):
            j = i + 1
            while j < len(lines) and not lines[j].startswith("```"):
                j += 1
            before = next((lines[k] for k in range(i - 1, -1, -1) if lines[k].strip()), "")
            found.append(Block(path, i + 1, lines[i + 1 : j], before.startswith(NOT_RUN)))
            i = j + 1
        else:
            i += 1
    return found


def regenerate(block: Block) -> list[str]:
    """The block's lines with every command's output as the tool prints it now."""
    out: list[str] = []
    i = 0
    while i < len(block.lines) and not block.lines[i].startswith("$ "):
        out.append(block.lines[i])
        i += 1
    status = 0
    while i < len(block.lines):
        command = block.lines[i][2:]
        j = i + 1
        while j < len(block.lines) and not block.lines[j].startswith("$ "):
            j += 1
        shown = block.lines[i + 1 : j]
        blank = 0
        while shown and not shown[-1].strip():
            shown.pop()
            blank += 1
        printed, status = run_line(command, status)
        if shown and shown[-1] == ELLIPSIS:
            printed = [*printed[: len(shown) - 1], ELLIPSIS]
        out += [f"$ {command}", *printed, *[""] * blank]
        i = j
    return out


def example_report() -> str:
    """The report block of docs/examples/README.md."""
    result = invoke(shlex.split(REPORT_COMMAND)[1:])
    if result.exit_code != 0:
        raise ExampleError(f"{REPORT_COMMAND} failed ({result.exit_code}): {result.stderr}")
    return (
        f"{BEGIN}\n```\n$ {REPORT_COMMAND}\n{result.stdout}```\n\n"
        f"标准错误上的汇总：\n\n```\n{result.stderr}```\n{END}"
    )


# -- whole files --------------------------------------------------------------------------------
def updated(path: Path) -> str:
    """The text of ``path`` with its examples' outputs regenerated."""
    text = path.read_text(encoding="utf-8")
    if path == EXAMPLE_REPORT:
        head, rest = text.split(BEGIN, 1)
        _, tail = rest.split(END, 1)
        return head + example_report() + tail
    lines = text.split("\n")
    for block in reversed(blocks(path, text)):
        if block.is_example and not block.skipped:
            lines[block.start : block.start + len(block.lines)] = regenerate(block)
    return "\n".join(lines)


def listed_commands() -> list[tuple[Path, int, str]]:
    """(file, line number, command) of every ``catalogue ...`` line of a fenced block that is
    not an example, with its comment removed; syntax lines left out."""
    found = []
    for path in documents():
        for block in blocks(path, path.read_text(encoding="utf-8")):
            if block.is_example:
                continue
            for n, line in enumerate(block.lines, block.start + 1):
                command = re.split(r"\s+#", line.strip(), maxsplit=1)[0].strip()
                if not command.startswith("catalogue ") and command != "catalogue":
                    continue
                if any(mark in command for mark in ("[", "|", "…", "...")):
                    continue
                found.append((path, n, command))
    return found


def parse_only(command: str) -> None:
    """Parse ``catalogue ...`` as the CLI would, without running it; raise on a usage error."""
    from catalogue.cli import cli

    words = shlex.split(command)
    words = words[: next((k for k, w in enumerate(words) if w in (">", "<", "|")), len(words))]
    args = words[1:]
    ctx = cli.make_context("catalogue", list(args), resilient_parsing=True)
    k = 0
    while k < len(args) and args[k].startswith("-"):  # the group's own options
        k += 2 if args[k] == "--catalogue" else 1
    if k == len(args):
        return
    command_obj = cli.get_command(ctx, args[k])
    if command_obj is None:
        raise click.UsageError(f"no command {args[k]!r}")
    with contextlib.suppress(click.exceptions.Exit), contextlib.redirect_stdout(io.StringIO()):
        command_obj.make_context(args[k], list(args[k + 1 :]), parent=ctx)  # --help exits


def _name(path: Path) -> str:
    return path.relative_to(REPO).as_posix() if path.is_relative_to(REPO) else str(path)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    check = "--check" in argv
    stale = []
    for path in [*documents(), EXAMPLE_REPORT]:
        old = path.read_text(encoding="utf-8")
        new = updated(path)
        if new == old:
            continue
        name = _name(path)
        stale.append(name)
        if check:
            diff = difflib.unified_diff(
                old.splitlines(),
                new.splitlines(),
                f"{name} (shown)",
                f"{name} (printed)",
                lineterm="",
            )
            print("\n".join(diff))
        else:
            path.write_text(new, encoding="utf-8")
            print(f"{name} updated")
    broken = []
    for path, n, command in listed_commands():
        try:
            parse_only(command)
        except click.ClickException as exc:
            broken.append(
                f"{path.relative_to(REPO).as_posix()}:{n}: {command}: {exc.format_message()}"
            )
    for line in broken:
        print(line)
    if check and stale:
        print(f"out of date: {', '.join(stale)} (run python docs/examples/update_docs.py)")
    if (check and stale) or broken:
        return 1
    if check:
        print("the docs' examples are up to date")
    return 0


if __name__ == "__main__":
    sys.exit(main())
