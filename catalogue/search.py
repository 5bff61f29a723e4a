"""Finding catalogue entries by keyword, by part of a name, or by pinyin initials.

    >>> import catalogue
    >>> from catalogue.search import search
    >>> hits = search(catalogue.load(), "dzzh", department="规划和自然资源局")
    >>> [(h.entry.code, h.match) for h in hits][:3]
    [('A010101', 'initials'), ('A010102', 'initials'), ('A010201', 'initials')]
    >>> hits[0].entry.name
    '地质灾害隐患综合识别服务'
    >>> search(catalogue.load(), "统计专项调查服务")[0].match
    'exact'

A query is one or more terms (split at spaces and punctuation); an entry is found when its name
holds every term, as text or, for a term of Latin letters (and digits), as the first letters of
the pinyin of consecutive characters (``dzzh`` for 地质灾害; a digit stands for itself). Names
and terms are compared in the library's normal form (:func:`catalogue.chars.nfkc`, punctuation
removed), so ``Ａ``, full-width brackets and ``、`` make no difference.

Ranking is deterministic: by how the worst term matched — the whole name (``exact``), its
beginning (``prefix``), inside it (``substring``), pinyin initials (``initials``) — or how the
terms written together match, when that is better; then in catalogue order (departments as the
catalogue lists them, each department's tree top down).

The pinyin initials come from ``data/pinyin_initials.json``, a table generated once from
pypinyin and committed, so searching needs no extra package and costs about a millisecond to
load (pypinyin itself takes 140–180 ms to import). Regenerate it after a change to the
catalogue's names with ``python -m catalogue.search`` (needs the ``dev`` extra).
"""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from .chars import HAN, PUNCT, nfkc
from .exceptions import DataError, InvalidText
from .limits import check_limit
from .resources import data_path
from .script import to_simplified

if TYPE_CHECKING:
    from .tree import Entry, Tree

__all__ = [
    "MATCH_LABELS",
    "MAX_QUERY_LENGTH",
    "TABLE_FILE",
    "Hit",
    "Match",
    "PinyinInitialsFile",
    "SearchIndex",
    "build_table",
    "initials_table",
    "search",
]

Match = Literal["exact", "prefix", "substring", "initials"]
#: how a term matched, best first, with the words the CLI shows for it
MATCH_LABELS: dict[str, str] = {
    "exact": "名称相同",
    "prefix": "名称开头",
    "substring": "名称包含",
    "initials": "拼音首字母",
}
_KINDS: tuple[Match, ...] = ("exact", "prefix", "substring", "initials")
_RANK = {kind: rank for rank, kind in enumerate(_KINDS)}
#: longer queries are refused: the longest name in the catalogue has 37 characters
MAX_QUERY_LENGTH = 100
TABLE_FILE = "pinyin_initials.json"


# -- the pinyin table ---------------------------------------------------------------------------
class PinyinInitialsFile(BaseModel):
    """``data/pinyin_initials.json``: for each initial letter, the characters one of whose
    readings begins with it (a character with several readings is under each)."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)  # built on use

    source: str = Field(description="how the table was generated (tool, version, options)")
    characters: str = Field(description="which characters the table covers")
    initials: dict[str, str] = Field(
        description="letter a–z -> the Chinese characters whose pinyin may begin with it"
    )

    @field_validator("initials")
    @classmethod
    def _check(cls, value: dict[str, str]) -> dict[str, str]:
        for letter, chars in value.items():
            if len(letter) != 1 or not ("a" <= letter <= "z"):
                raise ValueError(f"key {letter!r} is not a lower-case letter a–z")
            bad = [c for c in chars if not HAN.fullmatch(c)]
            if bad:
                raise ValueError(f"{letter}: not Chinese characters: {''.join(bad[:10])!r}")
            if len(set(chars)) != len(chars):
                raise ValueError(f"{letter}: a character is listed twice")
        if list(value) != sorted(value):
            raise ValueError("letters must be in alphabetical order")
        return value


def _read_table(path: Path) -> PinyinInitialsFile:
    try:
        raw = json.loads(path.read_bytes().decode("utf-8"))
        return PinyinInitialsFile.model_validate(raw)
    except OSError as exc:
        raise DataError(f"无法读取拼音首字母表：{exc.strerror or exc}", path=str(path)) from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DataError(f"拼音首字母表不是合法的 UTF-8 JSON：{exc}", path=str(path)) from None
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise DataError(
            f"不符合拼音首字母表格式：{where}：{first['msg']}", path=str(path)
        ) from None


@functools.cache  # one entry: the bundled table (about 4,000 characters, 0.3 MB as a dict)
def initials_table() -> Mapping[str, str]:
    """character -> the letters its pinyin may begin with (``'行'`` -> ``'hx'``)."""
    table: dict[str, str] = {}
    for letter, chars in _read_table(data_path(TABLE_FILE)).initials.items():
        for ch in chars:
            table[ch] = table.get(ch, "") + letter
    return table


def build_table() -> PinyinInitialsFile:
    """The table, generated from pypinyin (the ``dev`` extra): each character's usual reading
    (the 3,755 characters of GB 2312 level 1 and every character of the bundled catalogue),
    and the reading each character of a catalogue name or department alias has in that
    name, read as a phrase (行 in 银行 is ``h``, in 行业 ``h``, in 执行 ``x``)."""
    import pypinyin

    from .homophones import catalogue_names, pinyin_readings

    readings = pinyin_readings(catalogue_names(), "FIRST_LETTER")
    chars = set(readings)
    initials: dict[str, list[str]] = {}
    for ch in sorted(chars):
        for letter in sorted(r for r in readings[ch] if len(r) == 1 and "a" <= r <= "z"):
            initials.setdefault(letter, []).append(ch)
    return PinyinInitialsFile(
        source=f"pypinyin {pypinyin.__version__}，Style.FIRST_LETTER：每字的常用读音，"
        "加上目录名称和部门别名中按词读出的读音",
        characters="GB 2312 一级汉字（3755 个），以及目录中名称和部门别名用到的全部汉字",
        initials={letter: "".join(initials[letter]) for letter in sorted(initials)},
    )


def table_text(table: PinyinInitialsFile) -> str:
    """The file's text: one letter a line, so that a change shows in a diff."""
    lines = [
        f"  {json.dumps(k)}: {json.dumps(v, ensure_ascii=False)}" for k, v in table.initials.items()
    ]
    head = json.dumps(
        {"source": table.source, "characters": table.characters}, ensure_ascii=False, indent=2
    )
    return (
        head[:-2]
        + ',\n  "initials": {\n'
        + ",\n".join("  " + line for line in lines)
        + "\n  }\n}\n"
    )


# -- searching ----------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Hit:
    """An entry found, and how (the worst way one of the query's terms matched)."""

    entry: Entry
    match: Match

    def to_dict(self) -> dict[str, Any]:
        """The entry's record (:meth:`Entry.to_dict`) with ``match``."""
        return {**self.entry.to_dict(), "match": self.match}


def _key(text: str) -> str:
    return PUNCT.sub("", nfkc(text))


def terms(query: str) -> list[str]:
    """The terms of a query, in normal form; :class:`InvalidText` when there are none."""
    if not isinstance(query, str):
        raise InvalidText(f"搜索词应为字符串，得到 {type(query).__name__}")
    text = to_simplified(nfkc(query))  # 環境 is 环境
    if len(text) > MAX_QUERY_LENGTH:
        raise InvalidText(f"搜索词过长：{len(text)} 个字符（最多 {MAX_QUERY_LENGTH} 个）")
    found = ["".join(c for c in t if c.isalnum()) for t in PUNCT.split(text)]
    found = [t for t in found if t]
    if not found:
        shown = query.strip()
        raise InvalidText(f"搜索词中没有文字：“{shown}”" if shown else "搜索词为空")
    return found


class SearchIndex:
    """The names of a catalogue prepared for searching (build once, search many times)."""

    def __init__(self, tree: Tree, initials: Mapping[str, str] | None = None) -> None:
        table = initials_table() if initials is None else initials
        self._tree = tree
        self._rows: list[tuple[Entry, str, tuple[str, ...]]] = []
        for entry in tree:  # catalogue order
            key = _key(entry.name)
            letters = tuple(table.get(ch, "") if HAN.fullmatch(ch) else ch for ch in key)
            self._rows.append((entry, key, letters))

    def search(
        self,
        query: str,
        *,
        department: str | None = None,
        all_levels: bool = False,
        limit: int | None = None,
    ) -> list[Hit]:
        """Entries whose name holds every term of ``query``, best first.

        ``department`` (any form :meth:`~catalogue.Catalogue.resolve_department` accepts)
        keeps one department's entries; ``all_levels`` searches levels 1–3 too (only level-4
        entries otherwise); ``limit`` keeps the first so many.
        """
        wanted = terms(query)
        if limit is not None:
            check_limit(limit)
        only = self._tree.resolve_department(department) if department is not None else None
        found: list[tuple[int, int, Hit]] = []
        for order, (entry, key, letters) in enumerate(self._rows):
            if only is not None and entry.department != only:
                continue
            if not all_levels and entry.level != 4:
                continue
            rank = _rank(wanted, key, letters)
            if rank is not None:
                found.append((rank, order, Hit(entry, _KINDS[rank])))
        found.sort(key=lambda item: (item[0], item[1]))
        hits = [hit for _, _, hit in found]
        return hits if limit is None else hits[:limit]


def _rank(wanted: list[str], key: str, letters: tuple[str, ...]) -> int | None:
    """How the name matches: the worst match of a term, or the match of the terms written
    together when that is better (a name typed with its punctuation is still ``exact``)."""
    worst = 0
    for term in wanted:
        kind = _match(term, key, letters)
        if kind is None:
            return None
        worst = max(worst, _RANK[kind])
    if len(wanted) > 1:
        together = _match("".join(wanted), key, letters)
        if together is not None:
            worst = min(worst, _RANK[together])
    return worst


def _match(term: str, key: str, letters: tuple[str, ...]) -> Match | None:
    if key == term:
        return "exact"
    if key.startswith(term):
        return "prefix"
    if term in key:
        return "substring"
    if term.isascii() and term.isalnum() and not term.isdigit() and _initials(term, letters):
        return "initials"
    return None


def _initials(term: str, letters: tuple[str, ...]) -> bool:
    """Whether consecutive characters have readings beginning with the letters of ``term``."""
    n = len(term)
    return any(
        all(term[j] in letters[i + j] for j in range(n)) for i in range(len(letters) - n + 1)
    )


def search(
    tree: Tree,
    query: str,
    *,
    department: str | None = None,
    all_levels: bool = False,
    limit: int | None = None,
) -> list[Hit]:
    """:meth:`SearchIndex.search` over ``tree`` (a :class:`~catalogue.Catalogue`); build a
    :class:`SearchIndex` to search the same catalogue many times."""
    return SearchIndex(tree).search(
        query, department=department, all_levels=all_levels, limit=limit
    )


if __name__ == "__main__":  # pragma: no cover - regenerates the committed table
    target = data_path(TABLE_FILE)
    target.write_text(table_text(build_table()), encoding="utf-8")
    print(f"{target} updated")
