"""The ``catalogue`` command: a thin layer over the library API.

The commands live in their own modules and are imported only when they run, so
``catalogue --help`` and ``catalogue departments`` do not import matching, openpyxl or the
server. :data:`COMMANDS` lists them with the one-line help ``--help`` shows;
``tests/test_cli.py`` checks that each line is the command's own.
"""

from __future__ import annotations

import sys
from importlib import import_module
from typing import Any

import click

from .. import __version__
from .common import CatalogueGroup

__all__ = ["COMMANDS", "cli", "main"]

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
        "输出数据文件的 JSON Schema（由 catalogue.schemas 的 pydantic 模型生成）。",
    ),
    "serve": ("serve", "serve", "启动 OpenRefine 对账服务（Reconciliation Service API 0.2）。"),
    "show": ("browse", "show", "显示一个目录代码：名称、路径、上下级、适用限制和原表更正。"),
    "tree": ("browse", "tree", "按级次缩进显示目录树；不指定部门时依次显示 15 个部门。"),
}


class LazyGroup(CatalogueGroup):
    """A group whose commands are imported when they run (or when their help is asked for)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        found = COMMANDS.get(cmd_name)
        if found is None:
            return None
        module, attribute, _ = found
        command: click.Command = getattr(import_module(f".{module}", __name__), attribute)
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, COMMANDS[name][2]) for name in self.list_commands(ctx)]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--catalogue",
    "catalogue_path",
    metavar="PATH",
    type=click.Path(dir_okay=False),
    default=None,
    envvar="CATALOGUE_FILE",
    help="使用另一个同格式的目录文件（默认：随包附带的第二批目录）。",
)
@click.version_option(__version__, "--version", prog_name="catalogue")
@click.pass_context
def cli(ctx: click.Context, catalogue_path: str | None) -> None:
    """山西省部门政府购买服务指导性目录（第二批）：查询目录，判断预算项目能否作为政府购买服务。"""
    ctx.obj = {"path": catalogue_path}


def main(args: Any = None) -> None:
    """Entry point of the ``catalogue`` command."""
    try:
        cli.main(args=args, prog_name="catalogue")
    except KeyboardInterrupt:  # pragma: no cover - interactive only
        click.echo("已中断。", err=True)
        sys.exit(130)
