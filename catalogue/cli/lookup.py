"""``catalogue lookup``: the verdict for one budget line, its reasons and the candidates."""

from __future__ import annotations

import click

from ..report import REASON_LABELS, main_candidate, main_entry, verdict_label
from ..results import Candidate, Verdict
from .chinese import ChineseCommand
from .common import department_option, dumps, format_option, get_catalogue, handle_errors

#: the level names of the evidence lines
_LEVELS = {1: "一级", 2: "二级", 3: "三级", 4: "四级"}


def verdict_record(verdict: Verdict) -> dict[str, object]:
    """The JSON record of a verdict, the same shape ``catalogue check`` emits per row."""
    return verdict.model_dump(mode="json")


def _buyer_line(verdict: Verdict) -> str:
    buyer = verdict.buyer
    if buyer is None:
        return "购买主体：（未指定：与 15 个部门的目录逐一比较）"
    if buyer.from_text:
        return f"购买主体：{buyer.reading}（从文本开头读出）"
    return f"购买主体：{buyer.reading}"


def _entry_lines(verdict: Verdict) -> list[str]:
    """The entry the verdict names, with its path; ``（无）`` when it names none."""
    entry = main_entry(verdict)
    if entry is None:
        return ["条目：（无）"]
    department, code, name, _ = entry
    lines = [f"条目：{department} {code} {name}"]
    best = main_candidate(verdict)
    if best is not None:
        lines.append(f"路径：{' > '.join(best.path)}")
    return lines


def _evidence_lines(c: Candidate) -> list[str]:
    if not c.evidence:
        return ["     证据：文本与条目没有共同的词"]
    lines = ["     证据："]
    for e in c.evidence:
        via = f"（经“{e.via}”）" if e.via else ""
        lines.append(f"       “{e.term}”{via} 见于{_LEVELS.get(e.level, '')}名称“{e.name}”")
    return lines


def render(verdict: Verdict, explain: bool = False) -> str:
    """A verdict as a person reads it: the verdict in plain words, the entry it names and its
    path, the reasons and the candidates best first (with ``explain``, each candidate's
    evidence: which words of the text were found in which level's name)."""
    lines = [
        f"文本：{verdict.text}",
        _buyer_line(verdict),
        f"判定：{verdict_label(verdict)}（{verdict.verdict}）",
        *_entry_lines(verdict),
        "理由：",
    ]
    for reason in verdict.reasons:
        lines.append(f"  - {REASON_LABELS.get(reason.category, reason.category)}：{reason.message}")
        lines.append(f"    依据：{reason.basis}")
    if verdict.candidates:
        lines.append("候选条目（按得分从高到低）：")
        for n, c in enumerate(verdict.candidates, 1):
            lines.append(f"  {n}. {c.department} {c.code} {c.name}  得分 {c.score:.1f}")
            lines.append(f"     路径：{' > '.join(c.path)}")
            lines.append(f"     {c.why}")
            if c.restrictions:
                lines.append(f"     限制：{'；'.join(c.restrictions)}")
            if explain:
                lines.extend(_evidence_lines(c))
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
@click.option(
    "--explain",
    "-e",
    is_flag=True,
    help="列出每个候选条目的证据：文本的哪些词见于条目哪一级的名称。",
)
@format_option("table", "json")
@handle_errors
def lookup(text: str, department: str | None, limit: int, explain: bool, fmt: str) -> None:
    """判断一个预算项目能否作为政府购买服务：判定、理由和候选条目。

    TEXT 是预算项目名称（可带项目概况），如 “环境空气质量监测服务”。
    """
    verdict = get_catalogue().check(text, department=department, limit=limit)
    if fmt == "json":
        click.echo(dumps(verdict_record(verdict)))
    else:
        click.echo(render(verdict, explain=explain))
