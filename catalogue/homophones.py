"""Words mistyped as homophones: 监侧 for 监测, 档按 for 档案, 陪训 for 培训.

Budget lines and search queries are typed with a pinyin input method, and its commonest slip is
the right syllable with the wrong character. A line that names no service word and has a run of
characters the lexicon does not know (or a query of eight characters or fewer that ends in one:
统计规化) is read again with one character of the run swapped for
another of the same syllable (tones ignored), when that makes a word the lexicon knows of the
whole run — a service, an unlisted service, an object, goods or works of two to five
characters, which may take in whole words beside the run (数居服务 is 数据服务). When no word
covers the line's last word, its last characters may be a slip of a service word, the rest
left as written (避险转移演炼 is 避险转移 + 演练: a line writes its service last). A run that is a
real word (督察, 主场: the ``words`` of the table) is written as meant. The reading is never
silent: the verdict carries a ``typo`` reason naming what was read otherwise, and a line that
matches an entry only so is sent to a person (``review``), never ``in_scope``.

    >>> from catalogue.homophones import Corrector
    >>> corrector = Corrector({"监测": "service", "档案": "object"})
    >>> corrector.correct("水质监侧", [(2, 4)])
    ('水质监测', (('监侧', '监测'),))
    >>> corrector.correct("水质监侧", [])  # only the unknown runs are read again
    ('水质监侧', ())
    >>> corrector.correct("避险转移监侧", [(0, 6)], tail=(0, 6))  # the end of the last word
    ('避险转移监测', (('监侧', '监测'),))

The table, ``data/pinyin_syllables.json``, is generated once and committed, so reading needs no
extra package: the syllables from pypinyin (the usual reading of each of the 3,755 characters
of GB 2312 level 1 and of every character of the catalogue and the lexicon, and the reading it
has in their words), the real words from jieba's dictionary. Regenerate it with ``python -m
catalogue.homophones`` (needs the ``dev`` extra) after a change to the lexicon.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterable, Iterator, Mapping
from typing import Any

from . import resources
from .first_use import on_first_use
from .schemas import PinyinSyllablesFile
from .syllables import real_words, syllables_table

__all__ = [
    "MAX_RUNS",
    "MAX_WORD",
    "TABLE_FILE",
    "Corrector",
    "build_table",
    "catalogue_names",
    "pinyin_readings",
    "real_words",
    "syllables_table",
    "table_text",
]

TABLE_FILE = "pinyin_syllables.json"
_HAN_RUN = on_first_use(r"[\u4e00-\u9fff]+")
#: the longest word a swapped character may make (the lexicon's words a slip is typed in are
#: short: 监测, 档案, 岗位, 高素质农民)
MAX_WORD = 5
#: the kinds of word a run may be read as: what a line buys or is about, not its framing
TARGET_KINDS = frozenset(("service", "unlisted", "object", "goods", "works"))
#: at most this many characters of a line are read otherwise: a line with more slips than
#: this is not read as a slip of the lexicon's words
MAX_SWAPS = 2
#: a line with more runs of unknown characters than this is mostly words the lexicon lacks,
#: not slips of its words, and is read as written (which also bounds the work on a long line)
MAX_RUNS = 4
#: a reading of a run, as compared: (the word's length, whether it is no service word, where
#: it starts, the word, where the swap is, where the word ends, the character swapped in)
_Slip = tuple[int, bool, int, str, int, int, str]


class Corrector:
    """Reads runs of unknown characters again as homophone slips of ``words`` (word -> its
    kind; only words of :data:`TARGET_KINDS`, two to :data:`MAX_WORD` characters, are made)."""

    def __init__(self, words: Mapping[str, str]) -> None:
        #: the words a slip may be read as, with their kinds
        self.targets = {
            w: k for w, k in words.items() if 2 <= len(w) <= MAX_WORD and k in TARGET_KINDS
        }
        self._by_syllable: dict[str, str] | None = None

    @classmethod
    def of_lexicon(cls, table: Mapping[str, tuple[Any, ...]]) -> Corrector:
        """The corrector of a lexicon's words (``Lexicon.table.words``: word -> kind, …)."""
        return cls({word: found[0] for word, found in table.items()})

    def _swaps(self) -> dict[str, str]:
        """syllable -> the characters of the words read so (the only ones worth swapping in)."""
        if self._by_syllable is None:
            table = syllables_table()
            chars = sorted({ch for word in self.targets for ch in word})
            found: dict[str, list[str]] = {}
            for ch in chars:
                for syllable in table.get(ch, ()):
                    found.setdefault(syllable, []).append(ch)
            self._by_syllable = {s: "".join(v) for s, v in found.items()}
        return self._by_syllable

    def correct(
        self,
        text: str,
        runs: Iterable[tuple[int, int]],
        bounds: Collection[int] = (),
        tail: tuple[int, int] | None = None,
    ) -> tuple[str, tuple[tuple[str, str], ...]]:
        """``text`` with each run (start, end) of unknown characters read as one slip where one
        reads so, and the slips as (written, read) pairs; ``text`` unchanged and no pairs when
        none does. The word made covers the whole run (案件查处 holds no slip of 检查: a run
        of words the lexicon lacks is no slip of one); beyond the run it ends where a word of
        the text ends (``bounds``: the positions where the text's words start and end; 小时监测
        is no 市监测). Of several readings of a run: the shortest word, then a service word,
        then the first in the text, then the word in code-point order.

        ``tail``: a run where a line's service would be (its last content word, in a line
        that names no service) that no slip explains whole: its last characters may be read
        as one slip of a service word, the characters before it left as written (避险转移演炼
        is 避险转移 + 演练: the event's name, then the service)."""
        runs = list(runs)
        if not runs or len(runs) > MAX_RUNS:
            return text, ()
        real = real_words()
        chars = list(text)
        pairs: list[tuple[str, str]] = []
        for start, end in runs:
            if text[start:end] in real:
                continue  # a word written as meant (主场 is no slip of 驻场)
            best = None
            if end - start <= MAX_WORD:  # a longer run: no word of the lexicon covers it
                best = self._whole(text, start, end, bounds)
            if best is None and (start, end) == tail:
                best = self._tail(text, start, end)
            if best is None:
                continue
            _, _, first, word, i, last, ch = best
            pairs.append((text[first:last], word))
            chars[i] = ch
            if len(pairs) == MAX_SWAPS:
                break
        return "".join(chars), tuple(pairs)

    def _slips(self, text: str, start: int, end: int) -> Iterator[tuple[int, str]]:
        """Each character of ``text[start:end]`` swapped for a homophone that a word to be
        made has: (where, the character swapped in)."""
        table = syllables_table()
        swaps = self._swaps()
        for i in range(start, end):
            written = text[i]
            for syllable in table.get(written, ()):
                for ch in swaps.get(syllable, ""):
                    if ch != written:
                        yield i, ch

    def _whole(self, text: str, start: int, end: int, bounds: Collection[int]) -> _Slip | None:
        """The best reading of the run ``text[start:end]`` as one slip of a word that covers
        it whole (see :meth:`correct`), as its sort key (which ends in its details)."""
        real = real_words()
        words = self.targets
        n = len(text)
        best: _Slip | None = None
        for i, ch in self._slips(text, start, end):
            # the slip explains the whole run, or nothing: the word covers it
            for size in range(max(2, end - start), MAX_WORD + 1):
                for first in range(max(0, end - size), start + 1):
                    last = first + size
                    if last > n:
                        break
                    if (first < start and first not in bounds) or (
                        last > end and last not in bounds
                    ):
                        continue  # a word is read whole or not at all
                    word = text[first:i] + ch + text[i + 1 : last]
                    kind = words.get(word)
                    if kind is None or text[first:last] in real:
                        continue
                    key = (size, kind != "service", first, word, i, last, ch)
                    if best is None or key < best:
                        best = key
        return best

    def _tail(self, text: str, start: int, end: int) -> _Slip | None:
        """The best reading of the last characters of the run ``text[start:end]`` (not all
        of them) as one slip of a service word that ends where the run does: the shortest,
        then in code-point order."""
        real = real_words()
        words = self.targets
        best: _Slip | None = None
        for size in range(2, min(MAX_WORD, end - start - 1) + 1):
            first = end - size
            if text[first:end] in real:
                continue
            for i, ch in self._slips(text, first, end):
                word = text[first:i] + ch + text[i + 1 : end]
                if words.get(word) == "service":
                    key = (size, False, first, word, i, end, ch)
                    if best is None or key < best:
                        best = key
        return best


def build_table() -> PinyinSyllablesFile:
    """The table, generated from pypinyin (the ``dev`` extra): the usual reading, without its
    tone, of the 3,755 characters of GB 2312 level 1 and of every character of the bundled
    catalogue's names and the lexicon's words, and the reading each character of those names
    and words has in them, read as a phrase (行 in 行业 is ``hang``, in 执行 ``xing``). Rare
    readings are left out: a slip is the character the input method offers first for a
    syllable, under its usual reading (厂 is typed as ``chang``, never as ``an``)."""
    import pypinyin

    from .reading import lexicon

    words = lexicon().table.words
    readings = pinyin_readings([*catalogue_names(), *words], "NORMAL")
    chars = set(readings)
    table: dict[str, list[str]] = {}
    for ch in sorted(chars):
        for syllable in sorted({r.replace("ü", "v") for r in readings[ch]}):
            if syllable.isascii() and syllable.isalpha():
                table.setdefault(syllable, []).append(ch)
    return PinyinSyllablesFile(
        source=f"pypinyin {pypinyin.__version__}，Style.NORMAL：每字的常用读音，加上目录名称、"
        "部门别名和词表词语中按词读出的读音，不计声调（ü 写作 v）；words：jieba "
        f"{_jieba_version()} 词典（dict.txt）中与词表词语只差一个同音字的词语",
        characters="GB 2312 一级汉字（3755 个），以及目录名称、部门别名和词表用到的全部汉字",
        syllables={s: "".join(table[s]) for s in sorted(table)},
        words=_sound_alikes(table, words),
    )


def catalogue_names() -> list[str]:
    """Every name of the bundled catalogue's nodes, and every department's names and aliases
    (the phrases the pinyin tables read characters in)."""
    data = resources.catalogue_file()
    names = [node.name for dep in data.departments for node in dep.nodes]
    return names + [alias for dep in data.departments for alias in (dep.name, *dep.aliases)]


def pinyin_readings(phrases: Iterable[str], style: str) -> dict[str, set[str]]:
    """character -> its readings in pypinyin's ``style`` (``"NORMAL"``, ``"FIRST_LETTER"``; the
    ``dev`` extra): the usual reading of each of the 3,755 characters of GB 2312 level 1 and of
    every character of ``phrases``, and the reading each character of a phrase has in it, the
    phrase read as a whole (行 in 行业 is ``hang``, in 执行 ``xing``)."""
    import pypinyin

    phrases = list(phrases)
    how = getattr(pypinyin.Style, style)
    level1 = bytes(b for hi in range(0xB0, 0xD8) for lo in range(0xA1, 0xFF) for b in (hi, lo))
    # (imported here: HAN's class of 21,000 characters is compiled when first imported, and
    # this build tool is its only user here, while every lookup imports this module)
    from .chars import HAN

    chars = set(HAN.findall(level1.decode("gb2312", errors="ignore") + "".join(phrases)))
    readings = {ch: set(pypinyin.lazy_pinyin(ch, style=how)) for ch in chars}
    for phrase in phrases:
        for run in _HAN_RUN.findall(phrase):
            read = pypinyin.lazy_pinyin(run, style=how)
            assert len(read) == len(run), (run, read)
            for ch, one in zip(run, read, strict=True):
                readings[ch].add(one)
    return readings


def _jieba_version() -> str:
    import jieba

    return str(jieba.__version__)


def _sound_alikes(
    table: Mapping[str, list[str]], lexicon_words: Mapping[str, tuple[Any, ...]]
) -> list[str]:
    """The words of jieba's dictionary (the ``dev`` extra) one homophone away from a word a
    slip may be read as (of ``lexicon_words``, the lexicon's table): real words, written as
    meant."""
    from importlib.resources import files

    dictionary = files("jieba").joinpath("dict.txt").read_text(encoding="utf-8")
    known = {line.split(" ", 1)[0] for line in dictionary.splitlines() if line}
    targets = Corrector.of_lexicon(lexicon_words).targets
    syllables: dict[str, set[str]] = {}
    for syllable, chars in table.items():
        for ch in chars:
            syllables.setdefault(ch, set()).add(syllable)
    found: set[str] = set()
    for word in targets:
        for j, ch in enumerate(word):
            for syllable in syllables.get(ch, ()):
                for other in table[syllable]:
                    alike = word[:j] + other + word[j + 1 :]
                    if other != ch and alike in known and alike not in lexicon_words:
                        found.add(alike)
    return sorted(found)


def table_text(table: PinyinSyllablesFile) -> str:
    """The file's text: one syllable a line, so that a change shows in a diff."""
    lines = [
        f"  {json.dumps(k)}: {json.dumps(v, ensure_ascii=False)}"
        for k, v in table.syllables.items()
    ]
    head = json.dumps(
        {"source": table.source, "characters": table.characters}, ensure_ascii=False, indent=2
    )
    words = [json.dumps(w, ensure_ascii=False) for w in table.words]
    rows = [", ".join(words[k : k + 16]) for k in range(0, len(words), 16)]
    return (
        head[:-2]
        + ',\n  "syllables": {\n'
        + ",\n".join("  " + line for line in lines)
        + '\n  },\n  "words": [\n'
        + ",\n".join("    " + row for row in rows)
        + "\n  ]\n}\n"
    )


if __name__ == "__main__":  # python -m catalogue.homophones: regenerate the committed table
    from pathlib import Path

    path = Path(__file__).resolve().parent.parent / "data" / TABLE_FILE
    path.write_text(table_text(build_table()), encoding="utf-8")
    print(f"wrote {path}")
