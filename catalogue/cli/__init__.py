"""The ``catalogue`` command: a thin layer over the library API.

The commands live in their own modules and are imported only when they run, so
``catalogue --help`` and ``catalogue departments`` do not import matching, openpyxl or the
server. :data:`COMMANDS` lists them with the one-line help ``--help`` shows;
``tests/test_cli.py`` checks that each line is the command's own. Help and usage errors are
written in Chinese by :mod:`catalogue.cli.chinese`.

:func:`run` is the console script; it calls :func:`main`. Before running, :func:`main` checks that
the ``catalogue`` package it runs is this tool's: the distribution ``catalogue`` on PyPI (a
dependency of spaCy and thinc) installs the same import name, and the two overwrite each other's
files (:func:`installation_problem`).
"""

from __future__ import annotations

import gc
import os
import sys
from importlib import import_module
from typing import Any

import click

from ..exceptions import CatalogueError
from .common import CatalogueGroup

__all__ = [
    "COMMANDS",
    "DISTRIBUTION",
    "cli",
    "installation_problem",
    "main",
    "other_distributions",
    "run",
]

#: the name this tool is installed by (``pip install shanxi-gpos-catalogue``)
DISTRIBUTION = "shanxi-gpos-catalogue"

#: command -> (module, attribute, one-line help), in the order ``--help`` lists them
COMMANDS: dict[str, tuple[str, str, str]] = {
    "check": ("check", "check_command", "检查整张预算表：每个预算项目能否作为政府购买服务。"),
    "departments": (
        "browse",
        "departments",
        "列出 15 个部门（按目录顺序）、各部门四级目录条数和常见机关写法。",
    ),
    "entries": (
        "browse",
        "entries",
        "列出目录节点（按目录顺序）；--format jsonl 每行一个 JSON 对象。",
    ),
    "info": (
        "browse",
        "info",
        "目录的出处（文号、发文机关、日期、转发通知、文本来源）、统计、对其他目录的修订。",
    ),
    "lookup": (
        "lookup",
        "lookup",
        "判断一个预算项目能否作为政府购买服务：判定、理由和候选条目。",
    ),
    "schema": (
        "browse",
        "schema",
        "输出数据文件的 JSON Schema（由 pydantic 生成）。",
    ),
    "search": (
        "search",
        "search",
        "按关键词、名称片段或拼音首字母查找目录条目（如 dzzh 查“地质灾害”）。",
    ),
    "serve": ("serve", "serve", "启动 OpenRefine 对账服务（Reconciliation Service API 0.2）。"),
    "show": ("browse", "show", "显示一个目录代码：名称、路径、上下级、适用限制和原表更正。"),
    "tree": ("browse", "tree", "按级次缩进显示目录树；不指定部门时依次显示 15 个部门。"),
}


# -- is the catalogue package this tool's? ------------------------------------------------------
def other_distributions() -> list[tuple[str, str, str]]:
    """(version, summary, path) of every installed distribution named ``catalogue``: the PyPI
    project of that name, or this tool installed by its old name. A few directory listings
    (about 0.1 ms), so every run can afford it; ``importlib.metadata`` would cost 20 ms."""
    found = []
    for entry in dict.fromkeys(sys.path):
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        for name in sorted(names):
            low = name.lower()
            if low.startswith("catalogue-") and low.endswith((".dist-info", ".egg-info")):
                path = os.path.join(entry or ".", name)
                version = name[len("catalogue-") :].rsplit(".", 1)[0].split("-")[0]
                found.append((version, _summary(path), path))
    return found


def _summary(path: str) -> str:
    for meta in ("METADATA", "PKG-INFO"):
        try:
            with open(os.path.join(path, meta), encoding="utf-8", errors="replace") as f:
                for line in f:
                    if line.startswith("Summary:"):
                        return line[len("Summary:") :].strip()
                    if not line.strip():
                        break
        except OSError:
            continue
    return ""


_OURS = "山西省部门政府购买服务指导性目录"
_SEPARATE = (
    "PyPI 上的 catalogue 包（spaCy、thinc 等依赖它）与本工具使用同一个导入名 catalogue，"
    "两者不能装在同一个 Python 环境中。请为本工具单独建立虚拟环境：\n"
    f"  python3 -m venv ~/.venvs/catalogue && ~/.venvs/catalogue/bin/pip install {DISTRIBUTION}"
)


def _describe(others: list[tuple[str, str, str]]) -> str:
    parts = []
    for version, summary, path in others:
        old = "，即本工具改名前的发行包" if summary.startswith(_OURS) else ""
        parts.append(f"catalogue {version}{old}（{path}）")
    return "、".join(parts)


def installation_problem() -> tuple[str, bool] | None:
    """What is wrong with the installation, and whether it is fatal; ``None`` when nothing is.

    Fatal: the package imported as ``catalogue`` is not this tool's (the other project's
    ``catalogue/__init__.py`` overwrote ours, or uninstalling it removed ours). Not fatal: the
    package is ours, but a distribution named ``catalogue`` is installed too, so ours overwrote
    its files (it no longer works) or it will overwrite ours on its next upgrade.
    """
    package = sys.modules.get(__name__.rpartition(".")[0])
    others = other_distributions()
    if getattr(package, "CatalogueError", None) is not CatalogueError:
        init = getattr(package, "__file__", None)
        if init:
            what = f"导入名 catalogue 的 {init} 不是本工具（{DISTRIBUTION}）的文件"
        else:
            what = f"本工具（{DISTRIBUTION}）的 catalogue/__init__.py 不见了"
        if others:
            what += f"，它被另一个发行包覆盖或删除：{_describe(others)}"
        return (
            f"{what}。\n{_SEPARATE}\n"
            f"只想恢复本工具时：pip install --force-reinstall {DISTRIBUTION}",
            True,
        )
    if others:
        return (
            f"本环境中还装有名为 catalogue 的发行包：{_describe(others)}。它与本工具"
            f"（{DISTRIBUTION}）的文件互相覆盖，依赖它的程序会出错，它升级时本工具也会损坏。\n"
            f"{_SEPARATE}\n"
            f"不需要它时：pip uninstall catalogue，再 pip install --force-reinstall {DISTRIBUTION}",
            False,
        )
    return None


# -- the group ----------------------------------------------------------------------------------
class LazyGroup(CatalogueGroup):
    """A group whose commands are imported when they run (or when their help is asked for)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        found = COMMANDS.get(cmd_name)
        if found is None:
            return None
        module, attribute, _ = found
        # importing a command's modules makes thousands of objects that all stay alive (classes,
        # functions, pydantic's models): collections found nothing to free and cost about 2 ms
        enabled = gc.isenabled()
        gc.disable()
        try:
            command: click.Command = getattr(import_module(f".{module}", __name__), attribute)
        finally:
            if enabled:
                gc.enable()
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, COMMANDS[name][2]) for name in self.list_commands(ctx)]
        with formatter.section("命令"):
            formatter.write_dl(rows)


def _version(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    if not value or ctx.resilient_parsing:
        return
    from .. import __version__
    from ..build import describe

    click.echo(f"catalogue {__version__}（{DISTRIBUTION}，{describe()}）")
    ctx.exit()


@click.group("catalogue", cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--catalogue",
    "catalogue_path",
    metavar="文件",
    type=click.Path(dir_okay=False),
    default=None,
    envvar="CATALOGUE_FILE",
    show_envvar=True,
    help="使用另一个同格式的目录文件（默认：随包附带的第二批目录）。",
)
@click.option(
    "--version",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=_version,
    help="显示版本并退出。",
)
@click.pass_context
def cli(ctx: click.Context, catalogue_path: str | None) -> None:
    """山西省部门政府购买服务指导性目录（第二批）：查询目录，判断预算项目能否作为政府购买服务。"""
    ctx.obj = {"path": catalogue_path}


def main(args: Any = None) -> None:
    """Entry point of the ``catalogue`` command."""
    problem = installation_problem()
    if problem is not None:
        message, fatal = problem
        click.echo(f"{'错误' if fatal else '警告'}：{message}", err=True)
        if fatal:
            sys.exit(2)
    cli.main(args=args, prog_name="catalogue")


def run() -> None:
    """The ``catalogue`` console script and ``python -m catalogue``: :func:`main`, then
    ``gc.freeze()`` as the process ends.

    At exit the interpreter runs one last full garbage collection over every object still alive;
    with the catalogue, its index and a verdict loaded that pass is about 17 ms of the 95 ms a
    ``catalogue lookup`` takes (``benchmarks/startup.py``). Frozen objects are left out of it. Exit
    handlers, ``finally`` blocks and the objects' own clean-up still run: only reference cycles
    still alive at exit are not collected, and the process's memory goes back to the system
    anyway. This is done only here, where the process is the command's own: :func:`main` called
    from a program leaves that program's collector alone.
    """
    try:
        main()
    finally:
        gc.freeze()
