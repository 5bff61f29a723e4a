"""Reading and validating catalogue files.

The bundled catalogue is read on first use, validated, and cached::

    >>> import catalogue
    >>> catalogue.load() is catalogue.load()
    True
    >>> len(catalogue.load().entries(level=4))
    247
"""

from __future__ import annotations

import json
import os
import threading
from importlib import resources
from pathlib import Path

from pydantic import ValidationError

from .codes import CODE_LENGTHS, parent_code
from .exceptions import DataError
from .model import Catalogue
from .schema import CatalogueFile

__all__ = ["DATA_FILE", "data_path", "load", "parse", "validate"]

DATA_FILE = "catalog_second_batch.json"
_lock = threading.Lock()
_cache: dict[object, Catalogue] = {}


def data_path(name: str = DATA_FILE) -> Path:
    """The path of a bundled data file.

    Installed from a wheel, the data lives in ``catalogue/data``; in a source checkout it is the
    top-level ``data/`` folder beside the package.
    """
    packaged = resources.files("catalogue").joinpath("data", name)
    if packaged.is_file():
        return Path(str(packaged))
    return Path(__file__).resolve().parent.parent / "data" / name


def load(path: str | os.PathLike[str] | None = None) -> Catalogue:
    """Return the catalogue, validated; the bundled one when ``path`` is ``None``.

    Each file is read once and cached (a changed file is read again). A file that cannot be read,
    is not JSON, does not follow the schema or breaks an invariant raises :class:`DataError`
    naming the problem and where it is.
    """
    target = data_path() if path is None else Path(path)
    try:
        stat = target.stat()
    except OSError as exc:
        raise DataError(f"无法读取目录文件：{exc.strerror or exc}", path=str(target)) from None
    key = (str(target.resolve()), stat.st_mtime_ns, stat.st_size)
    with _lock:
        cached = _cache.get(key)
        if cached is None:
            try:
                raw = target.read_bytes()
            except OSError as exc:
                message = f"无法读取目录文件：{exc.strerror or exc}"
                raise DataError(message, path=str(target)) from None
            cached = parse(raw, path=None if path is None else str(target))
            _cache[key] = cached
        return cached


def parse(raw: bytes | str, *, path: str | None = None) -> Catalogue:
    """Validate the bytes of a catalogue file and return the :class:`Catalogue`."""
    where = path or "catalogue"
    if isinstance(raw, bytes):
        try:
            raw = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise DataError(f"不是 UTF-8 文本（第 {exc.start} 字节）", path=where) from None
    try:
        obj = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise DataError(
            f"不是合法的 JSON：第 {exc.lineno} 行第 {exc.colno} 列：{exc.msg}", path=where
        ) from None
    try:
        data = CatalogueFile.model_validate(obj)
    except ValidationError as exc:
        raise DataError("不符合目录数据格式：" + _describe(exc, obj), path=where) from None
    problems = validate(data)
    if problems:
        more = f"（另有 {len(problems) - 5} 处）" if len(problems) > 5 else ""
        raise DataError("数据不一致：" + "；".join(problems[:5]) + more, path=where)
    return Catalogue(data, path=path)


def validate(data: CatalogueFile) -> list[str]:
    """The invariants a schema cannot express; returns the problems found (empty when sound)."""
    problems: list[str] = []
    seen_departments: set[str] = set()
    alias_owner: dict[str, str] = {}
    for dep in data.departments:
        if dep.name in seen_departments:
            problems.append(f"部门“{dep.name}”重复")
        seen_departments.add(dep.name)
        for alias in dep.aliases:
            owner = alias_owner.setdefault(alias, dep.name)
            if owner != dep.name:
                problems.append(f"别名“{alias}”同时属于“{owner}”和“{dep.name}”")
        codes: set[str] = set()
        for i, node in enumerate(dep.nodes):
            where = f"部门“{dep.name}”第 {i + 1} 个节点 {node.code}"
            if node.code in codes:
                problems.append(f"{where}：代码重复")
            codes.add(node.code)
            if len(node.code) != CODE_LENGTHS[node.level]:
                problems.append(f"{where}：代码形如 {node.code}，与级次 {node.level} 不符")
            if (node.source_code or node.source_name) and not node.correction:
                problems.append(f"{where}：有原表值（source_code/source_name）却没有更正理由")
            if node.source_code == node.code:
                problems.append(f"{where}：source_code 与 code 相同")
            if node.source_name == node.name:
                problems.append(f"{where}：source_name 与 name 相同")
        for i, node in enumerate(dep.nodes):
            up = parent_code(node.code) if len(node.code) in CODE_LENGTHS.values() else None
            if up is not None and up not in codes:
                problems.append(
                    f"部门“{dep.name}”第 {i + 1} 个节点 {node.code}：上级 {up} 不在该部门目录中"
                )
    return problems


def _describe(exc: ValidationError, obj: object) -> str:
    parts = []
    for err in exc.errors()[:5]:
        loc = err["loc"]
        where = _location(loc, obj)
        parts.append(f"{where}：{err['msg']}")
    more = f"（另有 {exc.error_count() - 5} 处）" if exc.error_count() > 5 else ""
    return "；".join(parts) + more


def _location(loc: tuple[int | str, ...], obj: object) -> str:
    """departments[3].nodes[12].code, with the department's name where it can be read."""
    out = ""
    node = obj
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
        try:
            node = node[part]  # type: ignore[index]
        except (KeyError, IndexError, TypeError):
            node = None
        if isinstance(node, dict) and isinstance(node.get("name"), str) and "nodes" in node:
            out += f"（{node['name']}）"
    return out or "(top level)"
