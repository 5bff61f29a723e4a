"""``catalogue search``: entries found by keyword, part of a name or pinyin initials.

The finding and the ranking are :mod:`catalogue.search`; this module only formats.
"""

from __future__ import annotations

import click

from ..search import MATCH_LABELS, Hit
from ..search import search as find
from .common import (
    EXIT_NOT_FOUND,
    ChineseCommand,
    Fail,
    department_option,
    dumps,
    echo_jsonl,
    format_option,
    get_catalogue,
    handle_errors,
    table,
)


def _rows(hits: list[Hit], all_levels: bool) -> list[list[str]]:
    rows = []
    for n, hit in enumerate(hits, 1):
        e = hit.entry
        level = [str(e.level)] if all_levels else []
        rows.append([str(n), e.department, e.code, *level, e.name, MATCH_LABELS[hit.match]])
    return rows


@click.command(cls=ChineseCommand)
@click.argument("query", nargs=-1, required=True, metavar="关键词...")
@department_option
@click.option("--all-levels", "-a", is_flag=True, help="也查一至三级目录（默认只查四级目录）。")
@click.option(
    "--limit",
    "-n",
    type=click.IntRange(1, 500),
    default=20,
    show_default=True,
    help="最多列出的条目数。",
)
@format_option("table", "json", "jsonl")
@handle_errors
def search(
    query: tuple[str, ...], department: str | None, all_levels: bool, limit: int, fmt: str
) -> None:
    """按关键词、名称片段或拼音首字母查找目录条目（如 dzzh 查“地质灾害”）。

    几个关键词时，条目名称须包含每一个。排序：名称相同、名称开头、名称包含、拼音首字母，
    同类按目录顺序。没有找到时退出码为 1。
    """
    text = " ".join(query)
    hits = find(get_catalogue(), text, department=department, all_levels=all_levels)
    shown = hits[:limit]
    if fmt == "json":
        click.echo(dumps([h.to_dict() for h in shown]))
    elif fmt == "jsonl":
        echo_jsonl(h.to_dict() for h in shown)
    elif shown:
        level = ["级次"] if all_levels else []
        headers = ["序号", "部门", "代码", *level, "名称", "匹配"]
        click.echo(table(headers, _rows(shown, all_levels)))
        more = f"，列出前 {limit} 条（--limit 可调整）" if len(hits) > limit else ""
        click.echo(f"共 {len(hits)} 条{more}。")
    if not hits:
        where = "四级目录" if not all_levels else "目录"
        raise Fail(f"没有名称与“{text}”相符的{where}条目", EXIT_NOT_FOUND)
