"""Browsing commands: departments, show, tree, entries, info, schema.

Each command asks the library (:func:`catalogue.load`, :class:`~catalogue.Catalogue`,
:meth:`~catalogue.Entry.to_dict`) and only formats what it gets back.
"""

from __future__ import annotations

from typing import Any

import click

from ..api import Catalogue
from ..schemas import SCHEMAS
from ..tree import Entry
from .common import (
    ChineseCommand,
    department_option,
    dumps,
    echo_jsonl,
    format_option,
    get_catalogue,
    handle_errors,
    level_option,
    pad,
    table,
)

LEVEL_NAMES = {1: "一级目录", 2: "二级目录", 3: "三级目录", 4: "四级目录"}
_LABEL_WIDTH = 8
#: the data files ``catalogue schema`` knows: the catalogue's, and the pinyin table of
#: ``catalogue search`` (its model is imported only to print it: the others need not load it)
DATA_FILES = [*SCHEMAS, "pinyin_initials.json"]


def _field(label: str, value: str) -> str:
    return f"{pad(label, _LABEL_WIDTH)}  {value}"


def _with_note(entry: Entry) -> str:
    """``code  name`` with the entry's own note shown as （仅限…）."""
    note = f"（{entry.note}）" if entry.note else ""
    return f"{entry.code}  {entry.name}{note}"


def _printed(entry: Entry) -> str:
    """What the source printed, for a corrected entry ("" otherwise)."""
    parts = []
    if entry.source_code is not None:
        parts.append(f"代码 {entry.source_code}")
    if entry.source_name is not None:
        parts.append(f"名称“{entry.source_name}”")
    return "；".join(parts)


# -- departments --------------------------------------------------------------------------------
def _department_records(cat: Catalogue) -> list[dict[str, Any]]:
    records = []
    for name in cat.departments:
        dep = cat.department(name)
        records.append(
            {
                "name": dep.name,
                "entries": len(dep.entries(level=4)),
                "nodes": len(dep.entries()),
                "aliases": list(dep.aliases),
                "notes": list(dep.notes),
            }
        )
    return records


_KINDS = {
    "department": "部门名称",
    "agency": "机关",
    "branch": "派出机构",
    "merged": "合并设立的机关",
    "subordinate": "下属单位",
    "outside": "第二批目录没有部门目录的机关",
}


@click.command(cls=ChineseCommand)
@format_option("table", "json", "jsonl")
@click.option(
    "--resolve",
    "names",
    metavar="名称",
    multiple=True,
    help="读一个购买主体的名称：按哪些部门的目录判断、是哪一类机关、怎样读出的（可重复）。",
)
@handle_errors
def departments(fmt: str, names: tuple[str, ...]) -> None:
    """列出 15 个部门（按目录顺序）、各部门四级目录条数和常见机关写法。"""
    cat = get_catalogue()
    if names:
        buyers = [cat.read_buyer(name).model_dump(mode="json") for name in names]
        if fmt == "json":
            click.echo(dumps(buyers if len(buyers) > 1 else buyers[0]))
        elif fmt == "jsonl":
            echo_jsonl(buyers)
        else:
            for n, buyer in enumerate(buyers):
                departments_of = (
                    "、".join(buyer["departments"]) or "（无：与全部部门的目录比较，最多判为复核）"
                )
                lines = [
                    _field("名称", buyer["written"]),
                    _field("类别", _KINDS[buyer["kind"]]),
                    _field("部门", departments_of),
                    _field("读法", buyer["reading"]),
                ]
                click.echo(("\n" if n else "") + "\n".join(lines))
        return
    records = _department_records(cat)
    if fmt == "json":
        click.echo(dumps(records))
    elif fmt == "jsonl":
        echo_jsonl(records)
    else:
        rows = [
            [str(i), r["name"], str(r["entries"]), "、".join(r["aliases"])]
            for i, r in enumerate(records, 1)
        ]
        click.echo(table(["序号", "部门", "四级目录", "别名"], rows))
        total = sum(r["entries"] for r in records)
        click.echo(f"共 {len(records)} 个部门，四级目录 {total} 条。")


# -- show ---------------------------------------------------------------------------------------
def _show_record(cat: Catalogue, entry: Entry) -> dict[str, Any]:
    parent = entry.parent
    record = entry.to_dict()
    record["parent_name"] = parent.name if parent else None
    record["children"] = [{"code": c.code, "name": c.name, "note": c.note} for c in entry.children]
    record["other_departments"] = [
        d for d in cat.departments_with(entry.code) if d != entry.department
    ]
    return record


def _show_text(cat: Catalogue, entry: Entry) -> str:
    lines = [
        _field("代码", entry.code),
        _field("名称", entry.name),
        _field("部门", entry.department),
        _field("级次", f"{entry.level}（{LEVEL_NAMES[entry.level]}）"),
        _field("路径", " > ".join(entry.path)),
    ]
    parent = entry.parent
    lines.append(_field("上级", _with_note(parent) if parent else "无（一级目录）"))
    restrictions = [f"{e.note}（{e.code}）" for e in (*reversed(entry.ancestors), entry) if e.note]
    if restrictions:
        lines.append(_field("适用限制", "；".join(restrictions)))
    if entry.source_code is not None:
        lines.append(_field("原表代码", entry.source_code))
    if entry.source_name is not None:
        lines.append(_field("原表名称", entry.source_name))
    if entry.correction:
        lines.append(_field("更正理由", entry.correction))
    if entry.remark:
        lines.append(_field("转录说明", entry.remark))
    if entry.source_line is not None:
        lines.append(_field("原表行号", str(entry.source_line)))
    others = [d for d in cat.departments_with(entry.code) if d != entry.department]
    if others:
        lines.append(_field("同码部门", "、".join(others)))
    children = entry.children
    if children:
        lines.append(_field("下级", f"{len(children)} 项"))
        lines += [f"  {_with_note(c)}" for c in children]
    else:
        lines.append(_field("下级", "无"))
    return "\n".join(lines)


@click.command(cls=ChineseCommand)
@click.argument("code")
@department_option
@format_option("table", "json")
@handle_errors
def show(code: str, department: str | None, fmt: str) -> None:
    """显示一个目录代码：名称、路径、上下级、适用限制和原表更正。

    同一代码在多个部门的目录中都有时，须用 --department 指定部门。
    """
    cat = get_catalogue()
    entry = cat.lookup(code, department)
    if fmt == "json":
        click.echo(dumps(_show_record(cat, entry)))
    else:
        click.echo(_show_text(cat, entry))


# -- tree ---------------------------------------------------------------------------------------
def _tree_lines(entry: Entry, depth: int | None) -> list[str]:
    lines = ["  " * (entry.level - 1) + _with_note(entry)]
    if depth is None or entry.level < depth:
        for child in entry.children:
            lines += _tree_lines(child, depth)
    return lines


def _tree_node(entry: Entry, depth: int | None) -> dict[str, Any]:
    node: dict[str, Any] = {
        "code": entry.code,
        "level": entry.level,
        "name": entry.name,
        "note": entry.note,
    }
    if depth is None or entry.level < depth:
        node["children"] = [_tree_node(c, depth) for c in entry.children]
    else:
        node["children"] = []
    return node


@click.command(cls=ChineseCommand)
@department_option
@click.option(
    "--level",
    "-l",
    type=click.IntRange(1, 4),
    default=None,
    help="只显示到该级次为止（1–4），默认显示全部四级。",
)
@format_option("table", "json")
@handle_errors
def tree(department: str | None, level: int | None, fmt: str) -> None:
    """按级次缩进显示目录树；不指定部门时依次显示 15 个部门。"""
    cat = get_catalogue()
    roots = cat.roots(department)
    if fmt == "json":
        click.echo(
            dumps([{"department": r.department, "tree": _tree_node(r, level)} for r in roots])
        )
        return
    blocks = []
    for root in roots:
        blocks.append("\n".join([f"【{root.department}】", *_tree_lines(root, level)]))
    click.echo("\n\n".join(blocks))


# -- entries ------------------------------------------------------------------------------------
@click.command(cls=ChineseCommand)
@department_option
@level_option
@format_option("table", "jsonl", "json")
@handle_errors
def entries(department: str | None, level: int | None, fmt: str) -> None:
    """列出目录节点（按目录顺序）；--format jsonl 每行一个 JSON 对象。"""
    found = get_catalogue().entries(department=department, level=level)
    if fmt == "jsonl":
        echo_jsonl(e.to_dict() for e in found)
    elif fmt == "json":
        click.echo(dumps([e.to_dict() for e in found]))
    else:
        rows = [
            [e.department, e.code, str(e.level), e.name, e.note or "", _printed(e)] for e in found
        ]
        click.echo(table(["部门", "代码", "级次", "名称", "限制", "原表所印"], rows))
        click.echo(f"共 {len(found)} 条。")


# -- info ---------------------------------------------------------------------------------------
def _info_record(cat: Catalogue) -> dict[str, Any]:
    return {
        "file": cat.path,
        "metadata": cat.metadata.model_dump(mode="json"),
        "counts": {
            "departments": len(cat.departments),
            "nodes": len(cat),
            "entries": len(cat.entries(level=4)),
            "corrections": len(cat.corrections()),
        },
        "amendments": [a.model_dump(mode="json") for a in cat.amendments],
        "department_notes": [
            {"department": name, "notes": list(cat.department(name).notes)}
            for name in cat.departments
            if cat.department(name).notes
        ],
    }


def _info_text(cat: Catalogue) -> str:
    meta = cat.metadata
    lines = [meta.title, ""]
    lines.append(_field("文号", meta.document_number))
    lines.append(_field("通知", meta.notice_title))
    lines.append(_field("发文机关", meta.issuer))
    if meta.printed_by:
        lines.append(_field("印发", meta.printed_by))
    lines.append(_field("印发日期", meta.issue_date.isoformat()))
    if meta.basis:
        lines.append(_field("依据", meta.basis))
    if meta.framework:
        lines.append(_field("目录框架", meta.framework))
    relay = meta.relayed_by
    if relay is not None:
        relayed = f"{relay.document_number}（{relay.issuer}，{relay.issue_date}）"
        lines.append(_field("转发", relayed))
        lines.append(_field("", relay.title))
    lines.append(_field("来源", meta.source))
    lines.append(_field("数据文件", cat.path or "随包附带"))
    counts = (
        f"{len(cat.departments)} 个部门，{len(cat)} 个节点，"
        f"四级目录 {len(cat.entries(level=4))} 条，更正 {len(cat.corrections())} 处"
    )
    lines.append(_field("统计", counts))
    if cat.amendments:
        lines += ["", f"通知对其他目录的修订（{len(cat.amendments)} 项）："]
        for i, a in enumerate(cat.amendments, 1):
            where = a.catalogue + (f"“{a.department}”部门目录" if a.department else "")
            if a.action == "rename":
                change = f"{a.code} {a.old_name} → {a.new_name}"
            else:
                change = f"增设{LEVEL_NAMES[a.level]} {a.code} {a.new_name}"
            lines.append(f"  {i}. {where}：{change}")
            lines.append(f"     原文：{a.wording}")
    noted = [name for name in cat.departments if cat.department(name).notes]
    if noted:
        lines += ["", "部门目录说明："]
        for name in noted:
            lines += [f"  {name}：{note}" for note in cat.department(name).notes]
    return "\n".join(lines)


@click.command(cls=ChineseCommand)
@format_option("table", "json")
@handle_errors
def info(fmt: str) -> None:
    """目录的出处（文号、发文机关、日期、转发通知、文本来源）、统计、对其他目录的修订。"""
    cat = get_catalogue()
    if fmt == "json":
        click.echo(dumps(_info_record(cat)))
    else:
        click.echo(_info_text(cat))


# -- schema -------------------------------------------------------------------------------------
def schema_text(name: str = "catalog_second_batch.json") -> str:
    """The JSON Schema of data file ``name``, as ``catalogue schema --file NAME`` prints it."""
    if name in SCHEMAS:
        return dumps(SCHEMAS[name].model_json_schema())
    from ..search import TABLE_FILE, PinyinInitialsFile

    if name != TABLE_FILE:
        raise ValueError(f"unknown data file {name!r}")
    return dumps(PinyinInitialsFile.model_json_schema())


@click.command(cls=ChineseCommand)
@click.option(
    "--file",
    "name",
    type=click.Choice(DATA_FILES),
    default="catalog_second_batch.json",
    show_default=True,
    help="哪个数据文件的格式。",
)
@handle_errors
def schema(name: str) -> None:
    """输出数据文件的 JSON Schema（由 pydantic 生成）。

    随包附带的 data/<文件名>.schema.json 就是它的输出。
    """
    click.echo(schema_text(name))


__all__ = [
    "DATA_FILES",
    "departments",
    "entries",
    "info",
    "schema",
    "schema_text",
    "show",
    "tree",
]
