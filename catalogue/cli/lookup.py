"""``catalogue lookup``: the verdict for one budget line, its reasons and the candidates."""

from __future__ import annotations

import click

from ..report import VERDICT_LABELS
from ..results import Verdict
from .chinese import ChineseCommand
from .common import department_option, dumps, format_option, get_catalogue, handle_errors


def verdict_record(verdict: Verdict) -> dict[str, object]:
    """The JSON record of a verdict, the same shape ``catalogue check`` emits per row."""
    return verdict.model_dump(mode="json")


def render(verdict: Verdict) -> str:
    """A verdict as a person reads it."""
    lines = [
        f"文本：{verdict.text}",
        f"部门：{verdict.department or '（未指定）'}",
        f"判定：{VERDICT_LABELS[verdict.verdict]}（{verdict.verdict}）",
        "理由：",
    ]
    for reason in verdict.reasons:
        lines.append(f"  - [{reason.category}] {reason.message}")
        lines.append(f"    依据：{reason.basis}")
    if verdict.candidates:
        lines.append("候选条目：")
        for n, c in enumerate(verdict.candidates, 1):
            lines.append(f"  {n}. {c.department} {c.code} {c.name}  得分 {c.score:.1f}")
            lines.append(f"     {' > '.join(c.path)}")
            lines.append(f"     {c.why}")
            if c.restrictions:
                lines.append(f"     限制：{'；'.join(c.restrictions)}")
    else:
        lines.append("候选条目：无")
    return "\n".join(lines)


@click.command(cls=ChineseCommand)
@click.argument("text")
@department_option
@click.option(
    "--limit",
    "-n",
    type=click.IntRange(1, 50),
    default=5,
    show_default=True,
    help="最多列出的候选条目数。",
)
@format_option("table", "json")
@handle_errors
def lookup(text: str, department: str | None, limit: int, fmt: str) -> None:
    """判断一个预算项目能否作为政府购买服务：判定、理由和候选条目。

    TEXT 是预算项目名称（可带项目概况），如 “环境空气质量监测服务”。
    """
    verdict = get_catalogue().check(text, department=department, limit=limit)
    if fmt == "json":
        click.echo(dumps(verdict_record(verdict)))
    else:
        click.echo(render(verdict))
