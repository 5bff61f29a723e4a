"""The Reconciliation Service API over the catalogue: pure functions, no HTTP.

:mod:`catalogue.server` puts these on the wire; OpenRefine (or any client of the
`Reconciliation Service API <https://reconciliation-api.github.io/specs/0.2/>`_) calls them.

- Entities are the level-4 entries; an entity id is ``部门:代码`` (``生态环境:A170303``), unique
  because a code is only unique within a department.
- Types are the 15 departments; a type id is the canonical department name.
- A candidate's ``match`` follows :meth:`Catalogue.check`: it is true only for the first
  candidate of an ``in_scope`` verdict, so an excluded line (goods, works…) never matches.
- A query is restricted to a department by its ``type`` or by a ``department`` property, in any
  agency form (孝义市生态环境局, 发改委…); an unknown department gives no candidates.

Both shapes of a query batch are answered: protocol 0.2 (an object of queries keyed by id,
answered by an object keyed by the same ids) and the 1.0 draft (``{"queries": [...]}``,
answered by ``{"results": [...]}`` in the same order).

    >>> from catalogue import load
    >>> cat = load()
    >>> answer = reconcile_queries(cat, {"q0": {"query": "档案馆维修改造工程", "type": "住建局"}})
    >>> any(c["match"] for c in answer["q0"]["result"])
    False
    >>> find_entity(cat, "孝义市生态环境局:a170303")
    Entry('生态环境', 'A170303', '环境空气质量监测服务')
"""

from __future__ import annotations

import contextlib
import html
import json
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from . import resources
from .chars import has_han, nfkc
from .exceptions import CatalogueError, InvalidText

if TYPE_CHECKING:
    from .api import Catalogue
    from .results import Candidate, Verdict
    from .tree import Entry

__all__ = [
    "DEFAULT_LIMIT",
    "IDENTIFIER_SPACE",
    "MAX_ID_LENGTH",
    "MAX_JSON_DEPTH",
    "MAX_LIMIT",
    "MAX_NUMBER_LENGTH",
    "MAX_QUERIES",
    "MAX_QUERY_LENGTH",
    "PROPERTY_IDS",
    "SCHEMA_SPACE",
    "ReconcileError",
    "entity_id",
    "find_entity",
    "flyout",
    "load_json",
    "manifest",
    "preview_html",
    "reconcile_queries",
    "reconcile_query",
    "suggest",
    "suggest_properties",
    "suggest_types",
    "view_html",
]

#: the most queries one batch may hold
MAX_QUERIES = 100
#: query texts are cut to this many characters
MAX_QUERY_LENGTH = 500
#: candidates per query when the query gives no ``limit``, and the most it may ask for
DEFAULT_LIMIT = 5
MAX_LIMIT = 25
#: suggestions per suggest request, and the most a request may ask for
SUGGEST_LIMIT = 10
MAX_SUGGEST_LIMIT = 50
#: prefixes longer than this are cut
MAX_PREFIX_LENGTH = 100
#: entity ids longer than this name no entry and are refused before any lookup
MAX_ID_LENGTH = 200
#: how deep arrays and objects may nest in a query batch
MAX_JSON_DEPTH = 20
#: the most characters a JSON number may have
MAX_NUMBER_LENGTH = 30

#: stable URIs naming the identifiers (``部门:代码``) and the types (departments) of this service
IDENTIFIER_SPACE = "urn:catalogue:shanxi-gpsc-second-batch:entry"
SCHEMA_SPACE = "urn:catalogue:shanxi-gpsc-second-batch:department"

#: property ids read as the buying department
PROPERTY_IDS = ("department", "部门")
DEPARTMENT_PROPERTY = {"id": "department", "name": "部门（购买主体）"}

PREVIEW_WIDTH = 400
PREVIEW_HEIGHT = 220


class ReconcileError(ValueError):
    """A request that cannot be answered as sent (bad shape, too many queries): HTTP 400."""


# -- JSON in, bounded ---------------------------------------------------------------------------
_JSON_OPENING = re.compile(r'["\[\]{}]')
#: the rest of a JSON string after its opening quote (unrolled, so it runs in linear time)
_JSON_STRING_REST = re.compile(r'[^"\\]*(?:\\.[^"\\]*)*"', re.S)
_JSON_MESSAGES = {
    "Expecting value": "缺少值",
    "Expecting ',' delimiter": "缺少逗号",
    "Expecting ':' delimiter": "缺少冒号",
    "Expecting property name enclosed in double quotes": "对象的键须用双引号括起",
    "Unterminated string starting at": "字符串没有结束",
    "Invalid control character at": "字符串中有未转义的控制字符",
    "Invalid \\escape": "无效的转义",
    "Invalid \\uXXXX escape": "无效的 \\u 转义",
    "Extra data": "JSON 之后还有多余的内容",
}


def _check_depth(text: str, what: str) -> None:
    """Refuse arrays and objects nested deeper than :data:`MAX_JSON_DEPTH`, in one linear pass
    that skips strings (an unterminated string is left for the parser to report)."""
    depth = 0
    pos = 0
    while True:
        m = _JSON_OPENING.search(text, pos)
        if m is None:
            return
        char = m.group()
        if char == '"':
            end = _JSON_STRING_REST.match(text, m.end())
            if end is None:
                return
            pos = end.end()
            continue
        pos = m.end()
        if char in "[{":
            depth += 1
            if depth > MAX_JSON_DEPTH:
                raise ReconcileError(
                    f"{what} 中的数组和对象嵌套超过 {MAX_JSON_DEPTH} 层；查询批次用不到这么深"
                )
        else:
            depth -= 1


def _int(text: str) -> int:
    if len(text) > MAX_NUMBER_LENGTH:
        raise ReconcileError(
            f"JSON 中的数字过长（{len(text)} 个字符，最多 {MAX_NUMBER_LENGTH} 个）"
        )
    return int(text)


def _float(text: str) -> float:
    if len(text) > MAX_NUMBER_LENGTH:
        raise ReconcileError(
            f"JSON 中的数字过长（{len(text)} 个字符，最多 {MAX_NUMBER_LENGTH} 个）"
        )
    value = float(text)
    if not math.isfinite(value):
        raise ReconcileError(f"JSON 中的数字 {text} 超出范围")
    return value


def _constant(name: str) -> Any:
    raise ReconcileError(f"JSON 中不能有 {name}（它不是 JSON 的数字）")


def load_json(text: str, what: str = "queries") -> Any:
    """Parse the JSON text of a request (``what`` names it in messages), bounded: arrays and
    objects nested at most :data:`MAX_JSON_DEPTH` deep, numbers of at most
    :data:`MAX_NUMBER_LENGTH` characters and finite, no ``NaN`` or ``Infinity``. Raises
    :class:`ReconcileError` with a message in Chinese; the work is linear in the text's length.

        >>> load_json('{"q0": {"query": "环境监测", "limit": 3}}')
        {'q0': {'query': '环境监测', 'limit': 3}}
        >>> load_json('{"q0": {"limit": Infinity}}')
        Traceback (most recent call last):
        ...
        catalogue.reconcile.ReconcileError: JSON 中不能有 Infinity（它不是 JSON 的数字）
    """
    _check_depth(text, what)
    try:
        return json.loads(text, parse_int=_int, parse_float=_float, parse_constant=_constant)
    except json.JSONDecodeError as exc:
        reason = next(
            (zh for en, zh in _JSON_MESSAGES.items() if exc.msg.startswith(en)), "格式不正确"
        )
        raise ReconcileError(
            f"{what} 不是合法的 JSON：第 {exc.lineno} 行第 {exc.colno} 列，{reason}"
        ) from None
    except RecursionError:  # not reached below MAX_JSON_DEPTH; kept as a guard
        raise ReconcileError(f"{what} 中的数组和对象嵌套过深") from None


# -- ids and types ------------------------------------------------------------------------------
def entity_id(department: str, code: str) -> str:
    """The entity id of an entry: ``部门:代码``."""
    return f"{department}:{code}"


def find_entity(catalogue: Catalogue, ident: str) -> Entry | None:
    """The entry for an entity id (``生态环境:A170303``; any agency form of the department and
    any spelling of the code is accepted), or ``None``. An id longer than :data:`MAX_ID_LENGTH`
    names no entry and is not looked at."""
    if not isinstance(ident, str) or len(ident) > MAX_ID_LENGTH:
        return None
    text = nfkc(ident, lower=False).strip()
    department, sep, code = text.rpartition(":")
    if not sep or not department.strip() or not code.strip():
        return None
    dep = catalogue.get_department(department.strip())
    if dep is None:
        return None
    try:
        return catalogue.get(code.strip(), dep)
    except (CatalogueError, TypeError):
        return None


def _type(department: str) -> dict[str, str]:
    return {"id": department, "name": department}


def _path(entry: Entry | Candidate) -> str:
    return " > ".join(entry.path)


# -- the manifest -------------------------------------------------------------------------------
def manifest(catalogue: Catalogue, base_url: str) -> dict[str, Any]:
    """The service manifest served at the service URL ``base_url`` (no trailing slash needed).

    It follows protocol 0.2, which is what OpenRefine reads; the 1.0 draft declares ``suggest``
    differently (booleans), so one manifest cannot be valid for both and 0.2 is announced. The
    routes of the 1.0 draft (``/reconcile``, ``/suggest/entity``, ``/preview?id=``) are served
    all the same.
    """
    from . import __version__

    base = base_url.rstrip("/")
    meta = catalogue.metadata
    return {
        "versions": ["0.2"],
        "name": f"{meta.title}（{meta.document_number}）",
        "identifierSpace": IDENTIFIER_SPACE,
        "schemaSpace": SCHEMA_SPACE,
        "serviceVersion": __version__,
        "defaultTypes": [_type(d) for d in catalogue.departments],
        "view": {"url": f"{base}/view/{{{{id}}}}"},
        "preview": {
            "url": f"{base}/preview?id={{{{id}}}}",
            "width": PREVIEW_WIDTH,
            "height": PREVIEW_HEIGHT,
        },
        "suggest": {
            "entity": {
                "service_url": base,
                "service_path": "/suggest/entity",
                "flyout_service_url": base,
                "flyout_service_path": "/flyout/entity?id=${id}",
            },
            "type": {"service_url": base, "service_path": "/suggest/type"},
            "property": {"service_url": base, "service_path": "/suggest/property"},
        },
        "batchSize": MAX_QUERIES,
        "standardizedScore": True,
    }


# -- queries ------------------------------------------------------------------------------------
def reconcile_queries(catalogue: Catalogue, queries: Any) -> dict[str, Any]:
    """Answer a batch of queries.

    ``queries`` is either the 0.2 shape, ``{"q0": {"query": …, "type": …, "limit": …,
    "properties": [{"pid": "department", "v": …}]}, …}``, answered by ``{"q0": {"result":
    [candidates]}, …}``; or the 1.0-draft shape, ``{"queries": [{"conditions": [{"matchType":
    "name", "propertyValue": …}, …], "type": …}, …]}`` (a bare list is read the same way),
    answered by ``{"results": [{"candidates": [...]}, …]}``. Inside either shape a query may be
    written in either form. Raises :class:`ReconcileError` for a batch of the wrong shape or of
    more than :data:`MAX_QUERIES` queries, or for a malformed query, before any is answered.

    The whole batch goes through one :meth:`Catalogue.check_many`, which reads a text once
    however many departments it is checked for.
    """
    if isinstance(queries, Mapping) and isinstance(queries.get("queries"), list):
        queries = queries["queries"]
    if isinstance(queries, list):
        _check_size(len(queries))
        read = [_read_query(catalogue, q, f"第 {i + 1} 个查询") for i, q in enumerate(queries)]
        return {"results": [{"candidates": c} for c in _answer(catalogue, read)]}
    if isinstance(queries, Mapping):
        _check_size(len(queries))
        keys = [str(key) for key in queries]
        read = [_read_query(catalogue, q, f"查询“{key}”") for key, q in queries.items()]
        return {key: {"result": c} for key, c in zip(keys, _answer(catalogue, read), strict=True)}
    raise ReconcileError("queries 应为 JSON 对象（协议 0.2）或查询数组（1.0 草案）")


def _check_size(n: int) -> None:
    if n > MAX_QUERIES:
        raise ReconcileError(f"一批最多 {MAX_QUERIES} 个查询，收到 {n} 个；请分批发送")


def reconcile_query(
    catalogue: Catalogue, query: Any, *, where: str = "查询"
) -> list[dict[str, Any]]:
    """The candidates for one query (0.2 or 1.0-draft form), best first."""
    return _answer(catalogue, [_read_query(catalogue, query, where)])[0]


@dataclass(frozen=True)
class _Query:
    """A query as read: its text (cut to :data:`MAX_QUERY_LENGTH`), the departments it is
    restricted to (``None``: any; empty: an unknown or contradictory department) and its
    limit."""

    text: str
    departments: list[str] | None
    limit: int


def _read_query(catalogue: Catalogue, query: Any, where: str) -> _Query:
    if not isinstance(query, Mapping):
        raise ReconcileError(f"{where}应为 JSON 对象")
    text, departments, limit = _parse_query(catalogue, query, where)
    return _Query(text.strip()[:MAX_QUERY_LENGTH], departments, limit)


def _answer(catalogue: Catalogue, queries: list[_Query]) -> list[list[dict[str, Any]]]:
    """The candidates of each query: every check of the batch in one ``check_many`` per
    limit."""
    answers: dict[int, list[dict[str, Any]]] = {}
    wanted: dict[int, list[tuple[int, str | None]]] = {}
    for i, q in enumerate(queries):
        if not q.text or (q.departments is not None and not q.departments):
            answers[i] = []  # nothing to look for, or nothing of the department is listed
            continue
        entry = _entry_named_by(catalogue, q.text, q.departments)
        if entry is not None:
            answers[i] = [_entry_candidate(entry)]
            continue
        for dep in [None] if q.departments is None else q.departments:
            wanted.setdefault(q.limit, []).append((i, dep))
    verdicts: dict[tuple[int, str | None], Verdict] = {}
    for limit, items in wanted.items():
        rows = [{"text": queries[i].text, "department": dep} for i, dep in items]
        verdicts.update(zip(items, catalogue.check_many(rows, limit=limit), strict=True))
    return [
        answers[i] if i in answers else _candidates(catalogue, q, i, verdicts)
        for i, q in enumerate(queries)
    ]


def _candidates(
    catalogue: Catalogue,
    query: _Query,
    i: int,
    verdicts: Mapping[tuple[int, str | None], Verdict],
) -> list[dict[str, Any]]:
    if query.departments is None:
        verdict = verdicts[(i, None)]
        if verdict.verdict == "error":  # a text with nothing to match (empty)
            return []
        return [_candidate(c, verdict, match=_is_match(c, verdict)) for c in verdict.candidates]
    owns: dict[str, list[Candidate]] = {}
    for dep in query.departments:
        verdict = verdicts[(i, dep)]
        if verdict.verdict == "error":
            return []
        owns[dep] = [c for c in verdict.candidates if c.department == dep]
    # check may give the last place to another department's entry that fits better; it is not
    # returned here, so the department's next entries fill up (the text read once for all)
    short = [dep for dep, own in owns.items() if len(own) < query.limit]
    more: dict[str | None, list[Candidate]] = {}
    if short:
        with contextlib.suppress(InvalidText):
            more = catalogue.match_each(query.text, short, limit=query.limit)
    ranked: list[tuple[Candidate, Verdict]] = []
    for dep, own in owns.items():
        seen = {c.code for c in own}
        own += [c for c in more.get(dep, ()) if c.department == dep and c.code not in seen]
        ranked += [(c, verdicts[(i, dep)]) for c in own[: query.limit]]
    matched = [c for c, v in ranked if _is_match(c, v)]
    ranked.sort(key=lambda cv: -cv[0].score)  # stable: a department's order is kept on ties
    return [
        _candidate(c, v, match=len(matched) == 1 and c is matched[0])
        for c, v in ranked[: query.limit]
    ]


def _is_match(candidate: Candidate, verdict: Verdict) -> bool:
    """The rule of ``catalogue check``: an ``in_scope`` verdict, and its first candidate."""
    return (
        verdict.verdict == "in_scope"
        and bool(verdict.candidates)
        and candidate is verdict.candidates[0]
        and candidate.department == verdict.department
    )


def _parse_query(
    catalogue: Catalogue, query: Mapping[str, Any], where: str
) -> tuple[str, list[str] | None, int]:
    """(text, departments or ``None`` for no restriction, limit) of a query of either form."""
    texts: list[str] = []
    dep_values: list[Any] = []
    if "conditions" in query:  # 1.0 draft
        conditions = query["conditions"]
        if not isinstance(conditions, list):
            raise ReconcileError(f"{where}的 conditions 应为数组")
        for cond in conditions:
            if not isinstance(cond, Mapping):
                raise ReconcileError(f"{where}的每个条件应为 JSON 对象")
            value = cond.get("propertyValue", cond.get("v"))
            if cond.get("matchType") == "name":
                texts += [_value_text(v) for v in _values(value)]
            elif cond.get("matchType") == "property":
                pid = cond.get("propertyId", cond.get("pid"))
                if pid in PROPERTY_IDS:
                    dep_values.append(value)
            else:
                raise ReconcileError(f"{where}的条件 matchType 应为 name 或 property")
    if "query" in query:
        q = query["query"]
        if q is not None and not isinstance(q, (str, int, float)):
            raise ReconcileError(f"{where}的 query 应为字符串")
        texts.insert(0, "" if q is None else str(q))
    properties = query.get("properties")
    if properties is not None:
        if not isinstance(properties, list):
            raise ReconcileError(f"{where}的 properties 应为数组")
        for prop in properties:
            if not isinstance(prop, Mapping):
                raise ReconcileError(f"{where}的每个属性应为 JSON 对象")
            if prop.get("pid") in PROPERTY_IDS:
                dep_values.append(prop.get("v"))

    restrictions: list[set[str]] = []
    kind = query.get("type")
    type_values = [v for v in _values(kind) if _value_text(v).strip()]
    if type_values:
        restrictions.append(_resolve(catalogue, type_values))
    for value in dep_values:
        values = [v for v in _values(value) if _value_text(v).strip()]
        if values:  # a blank cell restricts nothing
            restrictions.append(_resolve(catalogue, values))
    departments: list[str] | None = None
    if restrictions:
        common = set.intersection(*restrictions)
        departments = [d for d in catalogue.departments if d in common]

    text = next((t for t in texts if t.strip()), "")
    return text, departments, _limit(query.get("limit"), where)


def _limit(value: Any, where: str) -> int:
    """The ``limit`` of a query: absent or null → :data:`DEFAULT_LIMIT`; otherwise an integer
    (``3`` or ``3.0``) from 1 to :data:`MAX_LIMIT`, or :class:`ReconcileError`."""
    if value is None:
        return DEFAULT_LIMIT
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_LIMIT:
        raise ReconcileError(
            f"{where}的 limit 应为 1 到 {MAX_LIMIT} 之间的整数，收到 {_shown(value)}"
        )
    return value


def _shown(value: Any) -> str:
    """A short rendering of a JSON value for a message."""
    if isinstance(value, Mapping):
        return "一个对象"
    if isinstance(value, list):
        return "一个数组"
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    try:
        text = json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError):
        text = type(value).__name__
    return text if len(text) <= 40 else text[:40] + "…"


def _values(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def _value_text(value: Any) -> str:
    """The text of a property value: a string, a number, or an entity ``{id, name}``."""
    if isinstance(value, Mapping):
        value = value.get("name") or value.get("id") or ""
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        return ""
    return str(value)


def _resolve(catalogue: Catalogue, values: Iterable[Any]) -> set[str]:
    """The canonical departments of the values that name one (entity values by id or name)."""
    out: set[str] = set()
    for value in values:
        names = [value.get("id"), value.get("name")] if isinstance(value, Mapping) else [value]
        for name in names:
            if isinstance(name, str) and name.strip():
                dep = catalogue.get_department(name.strip()[:MAX_PREFIX_LENGTH])
                if dep is not None:
                    out.add(dep)
                    break
    return out


def _entry_named_by(catalogue: Catalogue, text: str, departments: list[str] | None) -> Entry | None:
    """The level-4 entry a query names by its entity id (``生态环境:A170303``), or by its code
    when the query is restricted to one department."""
    entry = find_entity(catalogue, text) if ":" in text or "：" in text else None
    if (
        entry is None
        and departments is not None
        and len(departments) == 1
        and re.fullmatch(r"[A-Za-zＡ-Ｚａ-ｚ][\s0-9０-９-]{2,12}", text)
    ):
        try:
            entry = catalogue.get(text, departments[0])
        except CatalogueError:
            entry = None
    if entry is None or entry.level != 4:
        return None
    if departments is not None and entry.department not in departments:
        return None
    return entry


def _entry_candidate(entry: Entry) -> dict[str, Any]:
    """An entry named by its id or code: score 100, but no automatic match (a code is not a
    budget line, and ``catalogue check`` decides matches)."""
    return {
        "id": entity_id(entry.department, entry.code),
        "name": entry.name,
        "description": _path(entry),
        "score": 100.0,
        "match": False,
        "type": [_type(entry.department)],
        "features": [
            {"id": "score", "name": "匹配得分（0–100）", "value": 100.0},
            {"id": "named_by_id", "name": "查询给出的是条目标识或代码", "value": True},
        ],
    }


def _candidate(c: Candidate, verdict: Verdict, *, match: bool) -> dict[str, Any]:
    excluded = any(r.category.startswith("excluded:") for r in verdict.reasons)
    return {
        "id": entity_id(c.department, c.code),
        "name": c.name,
        "description": " > ".join(c.path),
        "score": round(float(c.score), 1),
        "match": match,
        "type": [_type(c.department)],
        "features": [
            {"id": "score", "name": "匹配得分（0–100）", "value": round(float(c.score), 1)},
            {"id": "evidence_terms", "name": "与条目相符的词语数", "value": len(c.evidence)},
            {"id": "restricted", "name": "条目有适用限制", "value": bool(c.restrictions)},
            {"id": "line_excluded", "name": "该预算项目触发了排除规则", "value": excluded},
        ],
    }


# -- preview, view and flyout -------------------------------------------------------------------
def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _details(entry: Entry) -> list[tuple[str, str]]:
    """(label, text) rows describing an entry, unescaped."""
    rows = [
        ("代码", entry.code),
        ("部门", entry.department),
        ("级次", f"{entry.level} 级"),
        ("路径", _path(entry)),
    ]
    if entry.restrictions:
        rows.append(("适用限制", "；".join(entry.restrictions)))
    if entry.correction:
        rows.append(("更正说明", entry.correction))
    if entry.remark:
        rows.append(("备注", entry.remark))
    return rows


def preview_html(entry: Entry) -> str:
    """A small HTML fragment for an entry (code, name, path, department, restrictions), every
    value escaped; it fits the preview frame the manifest announces."""
    rows = "".join(
        f'<tr><th style="text-align:left;white-space:nowrap;padding-right:8px;'
        f'vertical-align:top;color:#555">{_e(label)}</th><td>{_e(text)}</td></tr>'
        for label, text in _details(entry)
    )
    return (
        '<div style="font:13px/1.5 sans-serif;margin:0;padding:4px">'
        f'<div style="font-weight:bold;font-size:14px">{_e(entry.name)}</div>'
        f'<table style="border-collapse:collapse;margin-top:4px">{rows}</table></div>'
    )


def view_url(entry: Entry, base: str = "") -> str:
    """The URL of the view page of an entry (the id encoded as one URI component)."""
    return f"{base}/view/{quote(entity_id(entry.department, entry.code), safe='')}"


def view_html(catalogue: Catalogue, entry: Entry) -> str:
    """A complete HTML page for an entry: its details, its ancestors and children (as links),
    the department's notes and the source of the catalogue."""
    meta = catalogue.metadata
    rows = "".join(
        f"<tr><th>{_e(label)}</th><td>{_e(text)}</td></tr>" for label, text in _details(entry)
    )
    links = "".join(
        f'<li><a href="{_e(view_url(e))}">{_e(e.code)} {_e(e.name)}</a></li>'
        for e in reversed(entry.ancestors)
    )
    children = "".join(
        f'<li><a href="{_e(view_url(e))}">{_e(e.code)} {_e(e.name)}</a></li>'
        for e in entry.children
    )
    notes = "".join(f"<li>{_e(n)}</li>" for n in catalogue.department(entry.department).notes)
    parts = [
        "<!DOCTYPE html>",
        '<html lang="zh-CN"><head><meta charset="utf-8">',
        f"<title>{_e(entry.code)} {_e(entry.name)}</title>",
        "<style>body{font:15px/1.6 sans-serif;max-width:48em;margin:2em auto;padding:0 1em}"
        "th{text-align:left;padding-right:1em;vertical-align:top;color:#555;white-space:nowrap}"
        "</style></head><body>",
        f"<h1>{_e(entry.name)}</h1>",
        f"<table>{rows}</table>",
    ]
    if links:
        parts.append(f"<h2>上级</h2><ul>{links}</ul>")
    if children:
        parts.append(f"<h2>下级</h2><ul>{children}</ul>")
    if notes:
        parts.append(f"<h2>部门目录说明</h2><ul>{notes}</ul>")
    parts.append(f"<p><small>{_e(meta.title)}（{_e(meta.document_number)}）</small></p>")
    parts.append("</body></html>")
    return "\n".join(parts)


def flyout(catalogue: Catalogue, ident: str) -> dict[str, str] | None:
    """The flyout of the entity suggest service: ``{id, html}``, or ``None`` for an unknown id."""
    entry = find_entity(catalogue, ident)
    if entry is None:
        return None
    return {"id": entity_id(entry.department, entry.code), "html": preview_html(entry)}


# -- suggest ------------------------------------------------------------------------------------
def _norm(text: str) -> str:
    return nfkc(text, lower=False).strip()


def _page(items: list[Any], cursor: int, limit: int) -> list[Any]:
    cursor = max(0, cursor)
    limit = max(1, min(limit, MAX_SUGGEST_LIMIT))
    return items[cursor : cursor + limit]


def suggest(
    catalogue: Catalogue,
    prefix: str,
    type: str | None = None,
    *,
    cursor: int = 0,
    limit: int = SUGGEST_LIMIT,
) -> dict[str, Any]:
    """Level-4 entries for an auto-complete box: ``{"result": [{id, name, description,
    notable}]}``.

    Entries whose name or code starts with the prefix come first, then those whose name or path
    holds it, then (for Chinese text) the best matches of :meth:`Catalogue.match`. ``type``
    restricts to one department (any agency form; unknown → no result). An empty prefix lists
    the entries in catalogue order.
    """
    department: str | None = None
    if type is not None and _norm(type):
        department = catalogue.get_department(_norm(type)[:MAX_PREFIX_LENGTH])
        if department is None:
            return {"result": []}
    p = _norm(prefix or "")[:MAX_PREFIX_LENGTH]
    entries = catalogue.entries(department=department, level=4)
    if not p:
        found = entries
    else:
        named = find_entity(catalogue, p)
        code = re.sub(r"[\s-]", "", p).upper()
        tiers: list[list[Entry]] = [[], [], [], []]
        for e in entries:
            if e == named or e.name == p:
                tiers[0].append(e)
            elif e.name.startswith(p) or (len(code) > 1 and e.code.startswith(code)):
                tiers[1].append(e)
            elif p in e.name:
                tiers[2].append(e)
            elif any(p in name for name in e.path):
                tiers[3].append(e)
        found = [e for tier in tiers for e in tier]
        if len(found) < cursor + limit and has_han(p):
            try:
                matched = catalogue.match(p, department, limit=MAX_SUGGEST_LIMIT)
            except (InvalidText, CatalogueError):
                matched = []
            seen = set(found)
            for c in matched:
                entry = catalogue.get(c.code, c.department)
                if entry is not None and entry not in seen:
                    found.append(entry)
                    seen.add(entry)
    return {
        "result": [
            {
                "id": entity_id(e.department, e.code),
                "name": e.name,
                "description": f"{e.department} {e.code}：{_path(e)}",
                "notable": [_type(e.department)],
            }
            for e in _page(found, cursor, limit)
        ]
    }


@cache
def _place_prefix() -> re.Pattern[str]:
    """A leading place name (孝义市, 吕梁市, 山西省, 交城县…) of ``noise.json``."""
    data = resources.noise()
    names = sorted({*data.provinces, *data.places}, key=len, reverse=True)
    suffixes = sorted(data.place_suffixes, key=len, reverse=True)
    return re.compile(
        "^(?:"
        + "|".join(map(re.escape, names))
        + ")(?:"
        + "|".join(map(re.escape, suffixes))
        + ")?"
    )


def _strip_places(text: str) -> str:
    """``text`` without its leading place names (山西省吕梁市孝义市生态 → 生态)."""
    pattern = _place_prefix()
    while (m := pattern.match(text)) is not None and m.end() > 0:
        text = text[m.end() :]
    return text


def suggest_types(
    catalogue: Catalogue, prefix: str, *, cursor: int = 0, limit: int = SUGGEST_LIMIT
) -> dict[str, Any]:
    """Departments for an auto-complete box. The prefix may be an agency name (孝义市环保局) or
    the start of one (孝义市生态): leading place names are dropped, then departments come in
    this order: the one the whole prefix names, those with a name or alias that starts with the
    rest, those with a name or alias that holds it. A prefix that is only a place name lists
    every department.

        >>> from catalogue import load
        >>> [t["id"] for t in suggest_types(load(), "孝义市生态")["result"]]
        ['生态环境']
    """
    p = re.sub(r"\s+", "", _norm(prefix or "")[:MAX_PREFIX_LENGTH])
    deps = catalogue.departments
    if p:
        resolved = catalogue.get_department(p)
        rest = _strip_places(p)
        tiers: list[list[str]] = [[], [], []]
        for d in deps:
            names = [_norm(n) for n in (d, *catalogue.department(d).aliases)]
            if d == resolved:
                tiers[0].append(d)
            elif not rest or any(n.startswith(rest) for n in names):
                tiers[1].append(d)
            elif any(rest in n for n in names):
                tiers[2].append(d)
        deps = [d for tier in tiers for d in tier]
    return {
        "result": [
            {"id": d, "name": d, "description": f"{d}部门的政府购买服务指导性目录"}
            for d in _page(deps, cursor, limit)
        ]
    }


def suggest_properties(prefix: str) -> dict[str, Any]:
    """The one property a query may carry: ``department``, the buying department."""
    p = _norm(prefix or "").lower()
    prop = {
        **DEPARTMENT_PROPERTY,
        "description": "购买主体：部门规范名称或机关名称（如 孝义市生态环境局）",
    }
    names = (*PROPERTY_IDS, DEPARTMENT_PROPERTY["name"], "购买主体")
    hit = not p or any(p in s.lower() for s in names)
    return {"result": [prop] if hit else []}
