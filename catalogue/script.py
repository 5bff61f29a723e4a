"""Traditional characters read as simplified ones: 環境監測服務 is 环境监测服务.

Budget lines and buyers' names come from every part of China and from documents kept in
traditional script; the catalogue, the lexicon and the agency names are simplified. Before a
line or a buyer's name is read, each traditional character with a simplified form is read as
that form, one character for one (a line keeps its length, so what is quoted from it still
lines up).

The table, ``data/traditional.json``, is generated once and committed, so reading needs no
converter at run time: ``python -m catalogue.script`` (the ``dev`` extra, which has OpenCC)
writes every character of the CJK Unified Ideographs block that OpenCC's ``t2s`` conversion
changes into one other character, leaving out the characters of GB 2312 (the simplified
character set): those are simplified characters themselves (乾 of 乾县, 於 the surname), which a
simplified line must keep.

>>> from catalogue.script import to_simplified
>>> to_simplified("環境監測服務")
'环境监测服务'
>>> to_simplified("乾县文体中心")
'乾县文体中心'
"""

from __future__ import annotations

import functools
import json

from . import resources
from .schemas import TraditionalFile

__all__ = ["TABLE_FILE", "build_table", "table_text", "to_simplified"]

TABLE_FILE = "traditional.json"


@functools.cache  # one entry: the bundled table (2,836 characters)
def _table() -> dict[int, str]:
    """The translation table (``str.translate``), made on first use."""
    return {ord(t): s for t, s in resources.traditional().simplified.items()}


def to_simplified(text: str) -> str:
    """``text`` with each traditional character of the table read as its simplified form.

    >>> to_simplified("發改委")
    '发改委'
    """
    try:
        text.encode("gb2312")  # every character in the simplified set (most lines, and every
    except UnicodeEncodeError:  # ASCII one): nothing to read otherwise, no table to load
        return text.translate(_table())
    return text


def build_table() -> TraditionalFile:
    """The table, generated with OpenCC (the ``dev`` extra): each character of U+4E00–U+9FFF
    that the ``t2s`` conversion turns into one other character of that block, except the
    characters of GB 2312 and the characters another is turned into."""
    import opencc

    converter = opencc.OpenCC("t2s")
    pairs: dict[str, str] = {}
    for point in range(0x4E00, 0xA000):
        char = chr(point)
        simple = converter.convert(char)
        if simple == char or len(simple) != 1 or not "\u4e00" <= simple <= "\u9fff":
            continue
        try:
            char.encode("gb2312")
        except UnicodeEncodeError:
            pairs[char] = simple
    values = set(pairs.values())
    table = {t: s for t, s in pairs.items() if t not in values}
    return TraditionalFile(
        source=f"OpenCC {_opencc_version()}，t2s 配置逐字转换："
        "转换后是另一个汉字（一字对一字）的字",
        characters="CJK 统一汉字基本区（U+4E00–U+9FFF）中 t2s 会改写的字，不含 GB 2312 收录的字"
        "（它们本身就是简体字，如乾县的“乾”）",
        simplified=table,
    )


def _opencc_version() -> str:
    from importlib.metadata import version

    return version("opencc")


def table_text(table: TraditionalFile) -> str:
    """The file's text: sixteen pairs a line, so that a change shows in a diff."""
    pairs = [
        f"{json.dumps(t, ensure_ascii=False)}: {json.dumps(s, ensure_ascii=False)}"
        for t, s in table.simplified.items()
    ]
    rows = [", ".join(pairs[k : k + 16]) for k in range(0, len(pairs), 16)]
    head = json.dumps(
        {"source": table.source, "characters": table.characters}, ensure_ascii=False, indent=2
    )
    return (
        head[:-2] + ',\n  "simplified": {\n' + ",\n".join("    " + r for r in rows) + "\n  }\n}\n"
    )


if __name__ == "__main__":  # python -m catalogue.script: regenerate the committed table
    from pathlib import Path

    path = Path(__file__).resolve().parent.parent / "data" / TABLE_FILE
    path.write_text(table_text(build_table()), encoding="utf-8")
    print(f"wrote {path}")
