"""The bundled data files: where they are, reading them once, validating each against its schema.

This is the only module that opens a file of ``data/``. Every file has a schema in
:mod:`catalogue.schemas` (a record class that pydantic validates); a file that cannot be read,
is not JSON, does not follow its schema or breaks an invariant raises
:class:`~catalogue.DataError` naming the file, the place and the reason::

    >>> from catalogue import resources
    >>> len(resources.read("noise.json").boilerplate) > 10
    True
    >>> resources.read("catalog_second_batch.json").metadata.document_number
    '晋财综〔2021〕87号'

A file is read on first use and kept (a changed file is read again).

A bundled file is validated when its digest is recorded (``python tools/make_digests.py``
writes :mod:`catalogue.digests`). A file whose bytes have the recorded digest is therefore
built without validating it again (:func:`construct`: the same records, made without importing
pydantic); any other file — edited, damaged, or given by a user — is validated in full.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import hashlib
import json
import os
import sys
import threading
import typing
from collections import OrderedDict
from typing import TYPE_CHECKING, Any, TypeVar, cast

from .codes import CODE_LENGTHS, parent_code
from .digests import DIGESTS
from .exceptions import DataError
from .records import Record, validation_error

if TYPE_CHECKING:
    from pathlib import Path

from .schemas import (
    PLAIN_TYPES,
    SCHEMAS,
    AgenciesFile,
    CatalogueFile,
    ExclusionRulesFile,
    LexiconFile,
    NoiseFile,
    PinyinSyllablesFile,
    PlacesFile,
    SynonymsFile,
    TraditionalFile,
)

__all__ = [
    "CATALOGUE_FILE",
    "agencies",
    "catalogue_file",
    "construct",
    "data_file",
    "data_path",
    "exclusion_rules",
    "invariants",
    "lexicon",
    "noise",
    "parse",
    "pinyin_syllables",
    "places",
    "read",
    "synonyms",
    "traditional",
]

CATALOGUE_FILE = "catalog_second_batch.json"
#: what each file is called in messages
_LABELS = {
    CATALOGUE_FILE: "目录",
    "noise.json": "噪声词表",
    "synonyms.json": "同义词表",
    "exclusion_rules.json": "排除规则",
    "places.json": "地名表",
    "agencies.json": "机关名称表",
    "lexicon.json": "词汇表",
    "pinyin_syllables.json": "拼音音节表",
    "traditional.json": "繁体字表",
}
#: how many validated files are kept: the five bundled ones and a few others a user loads
#: (``--catalogue``); a changed file is a new key, so the bound stops a watched file growing it
_CACHE_SIZE = 16
_lock = threading.Lock()
_cache: OrderedDict[tuple[str, str, int, int], Record] = OrderedDict()

M = TypeVar("M", bound=Record)


def data_path(name: str = CATALOGUE_FILE) -> Path:
    """The path of a bundled data file.

    Installed from a wheel, the data lives in ``catalogue/data``; in a source checkout it is the
    top-level ``data/`` folder beside the package.
    """
    from pathlib import Path  # for callers; the package itself uses data_file

    return Path(data_file(name))


def data_file(name: str = CATALOGUE_FILE) -> str:
    """:func:`data_path` as a plain path: what the package reads, without importing
    :mod:`pathlib` (3 ms with the modules it needs, in a process that looks up one line)."""
    here = os.path.dirname(os.path.realpath(__file__))
    packaged = os.path.join(here, "data", name)  # beside the module: importlib.resources costs 3 ms
    if os.path.isfile(packaged):
        return packaged
    return os.path.join(os.path.dirname(here), "data", name)


def read(name: str, path: str | os.PathLike[str] | None = None) -> Record:
    """The validated content of the data file ``name`` (the bundled one, or the file at
    ``path`` validated against the schema of ``name``)."""
    if name not in SCHEMAS:
        raise ValueError(f"unknown data file {name!r} (known: {', '.join(SCHEMAS)})")
    target = data_file(name) if path is None else os.fspath(path)
    shown = None if path is None else target
    try:
        stat = os.stat(target)
    except OSError as exc:
        message = f"无法读取{_LABELS[name]}文件：{exc.strerror or exc}"
        raise DataError(message, path=target) from None
    key = (name, os.path.realpath(target), stat.st_mtime_ns, stat.st_size)
    with _lock:
        found = _cache.get(key)
        if found is None:
            try:
                with open(target, "rb") as f:
                    raw = f.read()
            except OSError as exc:
                message = f"无法读取{_LABELS[name]}文件：{exc.strerror or exc}"
                raise DataError(message, path=target) from None
            found = parse(name, raw, path=shown)
            _cache[key] = found
            if len(_cache) > _CACHE_SIZE:
                _cache.popitem(last=False)
        else:
            _cache.move_to_end(key)
        return found


def parse(name: str, raw: bytes | str, *, path: str | None = None, trust: bool = True) -> Record:
    """The model of data file ``name`` made from its bytes: validated, unless the bytes are
    those of the bundled file as recorded in :data:`catalogue.digests.DIGESTS` (and ``trust``
    is true), which was validated when it was recorded."""
    where = path or name
    digest = hashlib.sha256(raw if isinstance(raw, bytes) else raw.encode("utf-8")).hexdigest()
    trusted = trust and DIGESTS.get(name) == digest
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
    except RecursionError:
        raise DataError("不是合法的 JSON：嵌套过深", path=where) from None
    if trusted:
        return construct(SCHEMAS[name], obj)
    try:
        data = SCHEMAS[name].model_validate(obj)
    except validation_error() as exc:
        message = f"不符合{_LABELS[name]}数据格式：" + _describe(exc, obj)
        raise DataError(message, path=where) from None
    if isinstance(data, CatalogueFile):
        problems = invariants(data)
        if problems:
            more = f"（另有 {len(problems) - 5} 处）" if len(problems) > 5 else ""
            raise DataError("数据不一致：" + "；".join(problems[:5]) + more, path=where)
    return data


# -- building a record from trusted JSON -----------------------------------------------------------
#: how a field's JSON value becomes its value: ``None`` when it is taken as it is (strings,
#: numbers, literals, lists and dicts of them)
_Convert = typing.Callable[[Any], Any] | None
#: a record class's plan: (field, converter, default) for each field; a default is made by
#: calling it (a factory such as ``list``, or a function returning an immutable default:
#: ``None``, a string). Kept on the class (its own ``__dict__``), so it dies with the class.
_PLAN = "__trusted_plan__"
_set = object.__setattr__


def construct(model: type[M], obj: dict[str, Any]) -> M:
    """The record of class ``model`` that validating ``obj`` gives, made without validating it:
    nested records built the same way, dates parsed, every other value taken as it is (the
    schemas' validators only check; none changes a value). For data known to be valid only: the
    checks of ``__post_init__`` are not run either.

    Neither pydantic nor the records' ``__init__`` is called: the fields are set directly, so
    reading the bundled files imports no pydantic (about 50 ms of a process's start-up)."""
    plan = model.__dict__.get(_PLAN)
    if plan is None:
        namespace = vars(sys.modules[model.__module__])
        plan = tuple(
            (f.name, _converter(_type_of(f.type), namespace), _default(model, f))
            for f in dataclasses.fields(cast(Any, model))
        )
        type.__setattr__(model, _PLAN, plan)
    made = object.__new__(model)
    for name, convert, default in plan:
        if name in obj:
            value = obj[name]
            _set(made, name, value if convert is None or value is None else convert(value))
        else:
            _set(made, name, default())
    return made


def _default(model: type, f: dataclasses.Field[Any]) -> Any:
    """A function making the default of a field (a required field's is never called)."""
    if f.default_factory is not dataclasses.MISSING:
        return f.default_factory
    default = f.default
    if (
        default is dataclasses.MISSING
        or default is None
        or isinstance(default, (str, int, float, bool))
    ):
        return lambda: default
    raise TypeError(f"no trusted construction for the default of {model.__name__}.{f.name}")


def _type_of(annotation: object) -> str:
    """The type an annotation of the schemas (a string) gives, without its constraints:
    ``Annotated[list[Word], Field(...)]`` → ``list[Word]``."""
    if not isinstance(annotation, str):  # the schemas' modules read annotations as text
        raise TypeError(f"no trusted construction for {annotation!r}: not an annotation's text")
    if annotation.startswith("Annotated["):
        return _split(annotation[len("Annotated[") : -1])[0]
    return annotation


def _split(text: str) -> list[str]:
    """``text`` split at its commas outside brackets and parentheses."""
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch in "[(":
            depth += 1
        elif ch in "])":
            depth -= 1
        elif ch == "," and depth == 0:
            parts.append(text[start:i].strip())
            start = i + 1
    parts.append(text[start:].strip())
    return parts


def _converter(annotation: str, namespace: dict[str, Any]) -> _Convert:
    """How a JSON value of a field of type ``annotation`` (the text of a schema's annotation,
    constraints removed) becomes the field's value. The types are read as text, not evaluated:
    evaluating them would need pydantic's names (and cost 2–3 ms)."""
    if annotation.endswith(" | None"):  # None is taken as it is
        return _converter(annotation[: -len(" | None")], namespace)
    if annotation.startswith("list["):
        element = _converter(_type_of(annotation[5:-1]), namespace)
        return None if element is None else lambda value: [element(v) for v in value]
    if annotation.startswith("dict["):
        _, value_type = _split(annotation[5:-1])
        item = _converter(_type_of(value_type), namespace)
        return None if item is None else lambda value: {k: item(v) for k, v in value.items()}
    if annotation == "_dt.date":
        return _dt.date.fromisoformat
    if annotation.startswith("Literal[") or annotation in _AS_IS:
        return None
    found = namespace.get(annotation)
    if isinstance(found, type) and issubclass(found, Record):
        return lambda value: construct(found, value)
    raise TypeError(f"no trusted construction for {annotation!r}")


#: the types whose JSON value is the field's value (the constrained types of the schemas, the
#: literal types of catalogue.kinds)
_AS_IS = frozenset(("str", "int", "bool", "float", "ExcludedCategory")) | PLAIN_TYPES


def _typed(name: str, model: type[M], path: str | os.PathLike[str] | None = None) -> M:
    return cast(M, read(name, path))


def catalogue_file(path: str | os.PathLike[str] | None = None) -> CatalogueFile:
    """The catalogue file, validated (the bundled one when ``path`` is ``None``)."""
    return _typed(CATALOGUE_FILE, CatalogueFile, path)


def noise() -> NoiseFile:
    """``noise.json``: what cleaning removes from a budget-line text."""
    return _typed("noise.json", NoiseFile)


def synonyms() -> SynonymsFile:
    """``synonyms.json``: synonyms and abbreviations rewritten before matching."""
    return _typed("synonyms.json", SynonymsFile)


def exclusion_rules() -> ExclusionRulesFile:
    """``exclusion_rules.json``: what may never be bought as a service."""
    return _typed("exclusion_rules.json", ExclusionRulesFile)


def places() -> PlacesFile:
    """``places.json``: names of China's administrative divisions."""
    return _typed("places.json", PlacesFile)


def agencies() -> AgenciesFile:
    """``agencies.json``: how buyers' names are read."""
    return _typed("agencies.json", AgenciesFile)


def lexicon() -> LexiconFile:
    """``lexicon.json``: services, qualifiers, modifiers, objects and fields for matching."""
    return _typed("lexicon.json", LexiconFile)


def pinyin_syllables() -> PinyinSyllablesFile:
    """``pinyin_syllables.json``: syllables and real words for reading homophone slips."""
    return _typed("pinyin_syllables.json", PinyinSyllablesFile)


def traditional() -> TraditionalFile:
    """``traditional.json``: traditional characters and the simplified ones they are read as."""
    return _typed("traditional.json", TraditionalFile)


def invariants(data: CatalogueFile) -> list[str]:
    """The invariants of a catalogue a schema cannot express; the problems found (empty when
    sound)."""
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


def _describe(exc: Any, obj: object) -> str:
    """The first five errors of a ``pydantic.ValidationError``, each with where it is."""
    parts = []
    for err in exc.errors()[:5]:
        where = _location(err["loc"], obj)
        parts.append(f"{where}：{err['msg']}")
    more = f"（另有 {exc.error_count() - 5} 处）" if exc.error_count() > 5 else ""
    return "；".join(parts) + more


def _location(loc: tuple[int | str, ...], obj: Any) -> str:
    """departments[3].nodes[12].code, with the department's name where it can be read."""
    out = ""
    node = obj
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            node = None
        if isinstance(node, dict) and isinstance(node.get("name"), str) and "nodes" in node:
            out += f"（{node['name']}）"
    return out or "(top level)"
