"""Budget-line text as it is written, made ready for reading.

Two steps, both driven by data files in ``data/``:

* :func:`clean` removes what is not the service: width and punctuation variants, years and
  periods, place names (``places.json``) and agency prefixes, procurement and budget
  boilerplate (``noise.json``);
* :class:`Canon` rewrites synonyms and abbreviations to one canonical form (``synonyms.json``),
  the same way for texts and for entry names, and says which rewrites it applied.

Every step runs in time linear in the text: word lists are looked up in :class:`WordTable`
(a dictionary per word length), and every regular expression is free of nested repetition.

    >>> from catalogue.text import clean
    >>> clean("孝义市2024年度环境空气质量监测服务采购项目（第二次）").text
    '环境空气质量监测'
    >>> clean("2025年吴忠市本级药品抽检").text
    '药品抽检'
"""

from __future__ import annotations

import os
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any, Generic, TypeVar, cast

from . import index_cache, resources
from .chars import PUNCT, has_han, nfkc, strip_punct
from .first_use import on_first_use
from .patterns import Pattern
from .schemas import SynonymsFile

__all__ = [
    "NOT_BOUGHT",
    "Canon",
    "Cleaned",
    "Places",
    "WordTable",
    "boilerplate",
    "canon",
    "classification_only",
    "clean",
    "columns",
    "index_key",
    "opinion_column",
    "places",
    "supplier_or_term_column",
    "without_awarded",
    "without_classification",
    "without_packages",
    "without_subtotal",
]

V = TypeVar("V")


class WordTable(Generic[V]):
    """Known words and a value for each; finds the longest known word at a position.

    A dictionary lookup per candidate length, so a scan of a text is linear in its length
    (times the number of distinct word lengths that start with the same character).

        >>> table = WordTable({"监测": 1, "环境监测": 2})
        >>> table.match("环境监测站", 0)
        (4, 2)
        >>> table.match("环境监测站", 1) is None
        True
        >>> table.find_all("城市环境监测站")
        [(2, 6, 2)]
    """

    __slots__ = ("_pattern", "_scans", "lengths", "words")

    def __init__(
        self, words: Mapping[str, V], lengths: dict[str, tuple[int, ...]] | None = None
    ) -> None:
        """``lengths``: the lengths table of :meth:`stored` data, with its ``words`` (as they
        are: read back, not made)."""
        if lengths is not None:
            self.words: dict[str, V] = dict(words)
            self.lengths: dict[str, tuple[int, ...]] = lengths
        else:
            #: word -> value
            self.words = {w: v for w, v in words.items() if w}
            by_first: defaultdict[str, set[int]] = defaultdict(set)
            for word in self.words:
                by_first[word[0]].add(len(word))
            #: first character -> the lengths of the words that start with it, longest first
            self.lengths = {
                c: tuple(sorted(ns, reverse=True)) if len(ns) > 1 else tuple(ns)
                for c, ns in by_first.items()
            }
        self._pattern: re.Pattern[str] | None = None
        self._scans = 0  # scans in Python so far (see _REGEX_AFTER)

    def stored(self) -> tuple[dict[str, V], dict[str, tuple[int, ...]]]:
        """The table as plain data (for a prepared index on disk)."""
        return self.words, self.lengths

    @classmethod
    def restored(cls, stored: tuple[dict[str, V], dict[str, tuple[int, ...]]]) -> WordTable[V]:
        """The table of :meth:`stored` data."""
        words, lengths = stored
        return cls(words, lengths)

    def __contains__(self, word: object) -> bool:
        return word in self.words

    def __len__(self) -> int:
        return len(self.words)

    def get(self, word: str) -> V | None:
        return self.words.get(word)

    def match(self, text: str, start: int) -> tuple[int, V] | None:
        """``(end, value)`` of the longest known word at ``start``, or ``None``."""
        lengths = self.lengths.get(text[start : start + 1])
        if lengths is None:
            return None
        words = self.words
        n = len(text)
        for length in lengths:
            end = start + length
            if end <= n:
                found = words.get(text[start:end])
                if found is not None:
                    return end, found
        return None

    def find_all(self, text: str) -> list[tuple[int, int, V]]:
        """``(start, end, value)`` of the known words of ``text``, left to right, longest
        first, not overlapping."""
        words = self.words
        pattern = self._pattern or self._regex()
        if pattern is not None:
            return [(m.start(), m.end(), words[m.group()]) for m in pattern.finditer(text)]
        out = []
        match = self.match
        i, n = 0, len(text)
        while i < n:
            hit = match(text, i)
            if hit is None:
                i += 1
            else:
                out.append((i, hit[0], hit[1]))
                i = hit[0]
        return out

    def search(self, text: str, start: int = 0) -> int | None:
        """Where the first known word at or after ``start`` begins, or ``None``."""
        pattern = self._pattern or self._regex()
        if pattern is not None:
            m = pattern.search(text, start)
            return None if m is None else m.start()
        for i in range(start, len(text)):
            if self.match(text, i) is not None:
                return i
        return None

    def _regex(self) -> re.Pattern[str] | None:
        """The table's regular expression, once it has scanned enough texts to be worth
        compiling (a small table only), else ``None``."""
        if len(self.words) > _REGEX_WORDS:
            return None
        self._scans += 1
        return self._compile() if self._scans > _REGEX_AFTER else None

    def _compile(self) -> re.Pattern[str]:
        """The words as one alternation, longest first: at each position the regular expression
        engine (in C) tries them in that order, so its matches, left to right, are the longest
        words, as the scan finds them; a position where no word starts is passed over at once."""
        ordered = sorted(self.words, key=lambda w: (-len(w), w))
        self._pattern = re.compile("|".join(map(re.escape, ordered)))
        return self._pattern

    def replace(self, text: str, value: Callable[[str, V], str]) -> str:
        """``text`` with every known word (longest first, left to right) replaced."""
        parts = []
        last = 0
        for start, end, found in self.find_all(text):
            parts.append(text[last:start])
            parts.append(value(text[start:end], found))
            last = end
        if not parts:
            return text
        parts.append(text[last:])
        return "".join(parts)


#: a table of up to this many words is scanned by one regular expression: it compiles in about
#: a millisecond (noise.json's 86 boilerplate words; synonyms.json's 188 variants and canonical
#: forms, 1.2 ms) and finds every word of a line faster than a scan in Python (the synonyms: 3.0
#: rather than 5.8 µs a line of the distinct-lines benchmark); a larger table scans slower than
#: Python, as the engine tries its alternatives one by one (the agencies' 338 words: 3.5 rather
#: than 2.9 µs for 12 characters), and the lexicon's 1,242 words compile in 7 ms
_REGEX_WORDS = 256
#: and only after this many scans in Python: a process that checks a few lines does not compile
#: it (0.65 ms each for the boilerplate and the synonyms), one that checks many soon does
_REGEX_AFTER = 64


# -- places --------------------------------------------------------------------------------------
class Places:
    """China's administrative divisions (``places.json``) and the Shanxi names of ``noise.json``:
    finds a chain of place names at the start of a text."""

    def __init__(
        self,
        full: Iterable[str],
        short: Iterable[str],
        suffixes: Iterable[str],
        *,
        stored: tuple[Any, ...] | None = None,
    ) -> None:
        """``stored``: the tables of :meth:`stored` data (the names are then not read)."""
        if stored is not None:
            full_table, short_table, suffix_table, starts = stored
            self._full = WordTable.restored(full_table)
            self._short = WordTable.restored(short_table)
            self._suffixes = WordTable.restored(suffix_table)
            self._starts: frozenset[str] | None = starts
            return
        self._full = WordTable(dict.fromkeys(full, True))
        self._short = WordTable(dict.fromkeys(short, True))
        self._suffixes = WordTable(dict.fromkeys(suffixes, True))
        #: the first two characters of every name: agency names are read by trying a place at
        #: every character, and at most characters none starts (None: a name of one character)
        names = (*self._full.words, *self._short.words)
        self._starts = frozenset(w[:2] for w in names) if all(len(w) > 1 for w in names) else None

    def stored(self) -> tuple[object, ...]:
        """The tables as plain data (for a prepared index on disk)."""
        return (
            self._full.stored(),
            self._short.stored(),
            self._suffixes.stored(),
            self._starts,
        )

    @classmethod
    def restored(cls, stored: object) -> Places:
        """The place names of :meth:`stored` data."""
        return cls((), (), (), stored=cast("tuple[Any, ...]", stored))

    def leading(self, text: str, start: int = 0) -> int:
        """The end of the chain of place names at ``start`` of ``text`` (``start`` if none).

        A full name (常州市, 利通区) always counts; a short name (常州, 孝义) counts when a
        division suffix follows it (孝义经济开发区) or when at least two more characters do.

            >>> places().leading("吴忠市利通区食品抽检")
            6
            >>> places().leading("城市供水水质监测")
            0
        """
        i = start
        while (end := self.match(text, i)) is not None:
            i = end
        return i

    def match(self, text: str, start: int) -> int | None:
        """The end of the one place name at ``start`` of ``text``, or ``None``."""
        # the three tables' lookups written out: agency names are read by trying this at every
        # character that starts no agency word
        if self._starts is not None and text[start : start + 2] not in self._starts:
            return None
        n = len(text)
        first = text[start : start + 1]
        lengths = self._full.lengths.get(first)
        if lengths is not None:
            words = self._full.words
            for length in lengths:
                end = start + length
                if end <= n and text[start:end] in words:
                    if _begins_market(text, end):
                        return end - 1  # 孝义 + 市场监管所, ××市场监管所: 市 begins 市场
                    suffix = self._suffix_end(text, end, n)
                    if suffix is not None and suffix - end > 1 < n - suffix:
                        return suffix  # 孝义市 + 经济开发区 (not 孝义市 + 市场…)
                    return end
        lengths = self._short.lengths.get(first)
        if lengths is None:
            return None
        words = self._short.words
        for length in lengths:
            end = start + length
            if end <= n and text[start:end] in words:
                if text[end : end + 1] in _LANDFORMS and text[end : end + 2] not in _LAND_NOUNS:
                    continue  # 赤水 + 河, 吕梁 + 山: a river or a mountain, not the place
                suffix = self._suffix_end(text, end, n)
                if suffix is not None and not _begins_market(text, suffix):
                    return suffix
                return end if n - end >= 2 else None
        return None

    def named_at(self, text: str) -> bool:
        """Whether a place name, full or short, starts ``text`` (whatever follows it)."""
        if self._starts is not None and text[:2] not in self._starts:
            return False
        return self._full.match(text, 0) is not None or self._short.match(text, 0) is not None

    def _suffix_end(self, text: str, start: int, n: int) -> int | None:
        lengths = self._suffixes.lengths.get(text[start : start + 1])
        if lengths is not None:
            words = self._suffixes.words
            for length in lengths:
                end = start + length
                if end <= n and text[start:end] in words:
                    return end
        return None

    def is_place(self, word: str) -> bool:
        """Whether ``word`` is one place name (full or short)."""
        return word in self._full or word in self._short


#: the characters that make a short place name before them the name of a river, a lake or a
#: mountain (赤水河, 永定河, 吕梁山), which a line names as its object, not as where it is bought
_LANDFORMS = frozenset("河江湖溪川峡湾岭山")
#: the common nouns those characters begin, which a place's name does stand before (孝义 +
#: 河道, 吕梁 + 山区)
_LAND_NOUNS = frozenset(
    [
        "河道",
        "河湖",
        "河长",
        "河段",
        "河库",
        "湖泊",
        "湖库",
        "山区",
        "山地",
        "山洪",
        "山林",
        "山体",
        "山坡",
        "江河",
        "溪流",
        "川区",
    ]
)


def _begins_market(text: str, end: int) -> bool:
    """Whether the 市 that ends a place name at ``end`` begins 市场 (孝义市场监管所)."""
    return text[end - 1] == "市" and text.startswith("场", end)


@cache
def places() -> Places:
    """The place names of ``places.json`` and ``noise.json`` (read back from a prepared index
    of an earlier process when there is one: 2 ms rather than 5 to read the files and make the
    tables; see :mod:`catalogue.index_cache`)."""
    key = index_key("places-1", ("places.json", "noise.json"))
    return index_cache.prepared(key, Places.restored, _make_places)


def _make_places() -> Places:
    data = resources.places()
    noise = resources.noise()
    return Places(
        [
            *data.names,
            *(p + s for p in noise.provinces for s in ("省", "市")),
            # a placeholder and a division suffix (XX市, 某县) stand for a place
            *(p + s for p in noise.placeholders for s in noise.place_suffixes),
        ],
        [*data.short, *noise.provinces, *noise.province_aliases, *noise.places],
        noise.place_suffixes,
    )


#: the modules whose code decides what the word tables made from the data files are
_TABLE_CODE = ("text", "reading", "chars", "schemas", "resources")


def index_key(
    kind: str,
    files: Iterable[str],
    modules: Iterable[str] = _TABLE_CODE,
    extra: Iterable[str] = (),
) -> str | None:
    """The name of a prepared index of ``kind`` made by the package's ``modules`` from the data
    ``files`` and ``extra`` (the catalogue's entries, …); ``None``: the code or the files cannot
    be read, no index."""
    here = os.path.dirname(__file__)
    try:
        code = [index_cache.file_digest(os.path.join(here, f"{module}.py")) for module in modules]
        data = [index_cache.file_digest(resources.data_file(name)) for name in files]
    except OSError:
        return None
    return index_cache.digest([kind, *code, *data, *extra])


# -- cleaning ------------------------------------------------------------------------------------
_SPACES = on_first_use(r"\s+")
_BRACKETED = on_first_use(r"[（(\[【〔]([^（()）\[\]【】〔〕]*)[)）\]】〕]")
#: what a line says it does not buy, in brackets or in a clause of its own: not what is bought
#: (the exclusion rules read the whole text, and see the negation)
_NOT_BOUGHT_WORDS = r"(?:不含|不包含|不包括|不涉及)"
_EXCLUDING = on_first_use(r"\s*" + _NOT_BOUGHT_WORDS)
#: a bracket at a line's end that lists what the service includes (（含现场采样、监测员培训）):
#: steps of what is bought, not what is bought (the exclusion rules read the whole text, so a
#: bundle written there is still seen)
_INCLUDING = on_first_use(r"\s*(?:含|包含|包括|含有)")
#: a campaign that goes to N kinds of place (安全宣传“五进”), right before a bracket
_N_PLACES_BEFORE = on_first_use(r"[三四五六七八九十]进[”\"’']?\s*$")
#: the places it goes to, listed in that bracket (企业、农村、社区、学校、家庭; 进企业、进农村…):
#: each item set apart by its mark, so that the pattern reads a bracket once
_PLACES_LISTED = on_first_use(
    r"\s*进?[\u4e00-\u9fff]{1,4}(?:\s*[、，,\s]\s*进?[\u4e00-\u9fff]{1,4}){1,9}\s*"
)
#: an information system right before a bracket, and work on it right after (共享平台（数智信用）
#: 建设): the bracket names the system, and is read before the line, so that the system and the
#: work on it stay one phrase
_SYSTEM_BEFORE = on_first_use(r"(?:平台|系统|数据库|网站)\s*$")
_STEP_AFTER = on_first_use(r"\s*(?:运行维护|升级开发|运维|维护|升级|建设|开发)")
#: a system built right before a bracket (监测平台建设（监测大屏及系统）, 信息系统开发（软件
#: 及硬件）): the bracket lists what the built system is made of, parts of the build, not a service
#: bought beside it (the exclusion rules read the whole text, so goods written there are seen)
_SYSTEM_BUILT_BEFORE = on_first_use(
    r"(?:平台|系统|数据库|网站)\s*(?:升级开发|升级改造|建设|开发|搭建|构建|升级)\s*$"
)
#: where a heading written before a line's own text ends: at the separator before that text
#: (|, /, or a dash before a word)
_HEADING_END = r"(?=\s*[|｜/／]|\s*[-－—]\s*[^\d\s])"
#: a functional classification of a budget system (2130104-一般行政管理事务, 2120106 工程建设
#: 管理): its code, 2 and four or six digits, and its name up to the separator before the
#: line's own text (|, /, -): which budget heading pays, not what is bought
_CLASS_CODE = r"(?<![\d.０-９])[2２][\d０-９]{2}(?:[\d０-９]{2}){1,2}(?![\d.０-９])\s*[-－—:：]?\s*"
_FUNCTION_CLASS = on_first_use(_CLASS_CODE + r"[\u4e00-\u9fff]{2,24}?" + _HEADING_END)
#: a cell that is a functional classification and nothing else (2110301 大气, 2130101 行政运行):
#: a heading or subtotal row of a budget table
_CLASS_ONLY = on_first_use(r"\s*" + _CLASS_CODE + r"[\u4e00-\u9fff、（）()]{1,24}\s*")
#: an item of the government procurement classification (政府采购品目: C…, services; A…, goods;
#: B…, works) written before a plan's item (C0203 职业技能培训|…, A02010104台式计算机—…): its code,
#: a letter and two to eight digits, and its name up to the separator before the item itself:
#: the plan's heading for the item, often generic or wrong, not what is bought
_PROCUREMENT_CLASS = on_first_use(
    r"(?<![a-zA-Z\d])[abcABC]\d{2,8}(?!\d)\s*[-－—:：]?\s*"
    r"[\u4e00-\u9fff（）()、]{2,24}?" + _HEADING_END
)
#: the label of a lot in a notice bought in packages (包1：…；包2：…, 第二标段：): which lot, not
#: what is bought; left in, 包1 reads as the project name before a description
_PACKAGE = Pattern(
    r"(?:第\s*[\d一二三四五六七八九十]+\s*(?:包|标段|分包)|(?:包|标段|分包|子包)\s*[\d一二三四五六七八九十]+)"
    r"\s*[:：]",
    needs=("包", "标段"),
)
#: who won a notice's award and for how much (（成交供应商：山西某检测技术有限公司，成交金额：
#: 29.5万元）, 中标人：…): the result of buying, not what is bought; left in, the firm's name
#: reads as the line's object and 供应 as its service. A firm's name may hold a bracket of its
#: own (中煤科工（北京）咨询有限公司): the name runs on after it
_AWARDED = Pattern(
    r"(?:(?:中标|成交)(?:供应商|候选人|人|单位)|供应商)\s*(?:名称)?\s*[:：]"
    r"(?:[^,，;；。()（）]|[(（][^,，;；。()（）]*[)）])*"
    r"|(?:中标|成交)(?:金额|价格?)\s*[:：]\s*[\d.,，]*\s*(?:万元|元|万)?",
    needs=("中标", "成交", "供应商"),
)
#: an item's number where a work plan or a budget explanation lists it ((六), 三是, 第一，),
#: not a range of grades (一、二级建造师): where the item stands, not what is bought
_ITEM_NUMBER = on_first_use(
    r"^\s*(?:[（(][一二三四五六七八九十]{1,3}[)）]|[一二三四五六七八九十]{1,3}是|"
    r"第[一二三四五六七八九十]{1,3}[，,、:：]|[一二三四五六七八九十]{1,3}[、．.](?![一二三四五六七八九十]))\s*"
)
_EXCLUDED_CLAUSE = on_first_use(r"[，,;；。]\s*" + _NOT_BOUGHT_WORDS + r"[^，,;；。]*")
#: a clause after the first that says what was not done (…委托文化公司承办送戏下乡演出，未组织
#: 验收; …，但未开展绩效评价): an audit finding's fault, not what is bought
_NOT_DONE_CLAUSE = on_first_use(
    r"[，,;；。]\s*(?:但|且|均|尚|仍|并|却)?(?:未经|未能|未按|未|没有)(?!成年|来)[^，,;；。]*"
)
#: what a text says it does not buy, up to the end of its clause or bracket (不含站点建设和设备
#: 采购): the words of such a clause are not what is bought
NOT_BOUGHT = on_first_use(_NOT_BOUGHT_WORDS + r"[^，,。；;）)]*")
#: a year or a span of years (2025年, 2021—2035年), and a cohort (2026届毕业生: no 届 is left)
_YEAR_RANGE = on_first_use(
    r"(?:19|20)\d{2} ?(?:年度|年|届)? ?(?:[-—–~～至到] ?(?:19|20)?\d{2} ?(?:年度|年|届)?)?"
)
#: months, and a month's day (6月5日 says when, as 6月 does: no 日 is left to read as a word)
_MONTHS = on_first_use(r"\d{1,2}(?: ?[-—–~～至到] ?\d{1,2})? ?月(?:份| ?\d{1,2} ?[日号])?")
#: a year in two digits where a text starts (23年…, 24届…: a cohort of graduates)
_SHORT_YEAR = on_first_use(r"^ ?\d{2} ?(?:年度|年|届)")
_ORDINAL_BRACKET = on_first_use(
    r"^(?:第[一二三四五六七八九十\d]+(?:次|期|批|包|标段|年)|[一二三四五六七八九十\d]+期|包\d+|"
    # how many years a contract runs: （三年）, （两年）; a line carried on or added in a
    # budget: （续）, 【新增】 (taken off whole: 续 left before 建筑 would make a 续建)
    r"[一二两三四五六七八九十]年|续|延续|续建|新增|追加|结转|"
    r"标段\d+|项目编号.*|编号.*|备案号.*|文号.*|\d+|全年|全年度|年度|"
    # a notice issued again: （二次）, （重新招标）, （重）
    r"[二三四五六七八九]次(?:招标|采购|公告)?|重新(?:招标|采购)|重招?)$"
)
_DIGITS = on_first_use(r"\d+")
#: the measure words of a count (12个乡镇, 218户, 35套, 5期, 2次, 3轮, 1万个)
_MEASURE = "个|户|处|家|名|批次|批|台套|套|期|天|所|座|宗|项|次|轮|份"
#: a number with its measure word: how much, not what; taken off whole, so that no measure
#: word is left to read as a word (个乡镇, 次)
_QUANTITY = on_first_use(rf"(?<![第\d.])\d+(?:\.\d+)?(?:余|多)?万?(?:余|多)?(?:{_MEASURE})")
_DIGIT = on_first_use(r"\d")
#: a sum of money (12万元, 4.5万元, 120,000元, 预算金额：30万元): how much, not what is bought;
#: left in, its 万元 is a word no entry explains
_AMOUNT = on_first_use(
    r"(?:(?:预算金额|预算资金|预算|金额|资金|合计|约)[:：]?\s*)?"
    rf"\d[\d,，]*(?:\.\d+)?\s*(?:万元|千元|亿元|元|万(?!余?(?:{_MEASURE})))(?:人民币)?"
)
#: a catalogue code written in a cell (A170303, 生态环境:A170303): not content
_CODE = on_first_use(r"(?<![a-z])a\d{2}(?:\d{2}){0,2}(?!\d)")
#: a standard's number (GB 3838-2002, GB/T 14848, DB14/1928-2019, DBJ04/T 258, HJ 91.1): which
#: standard, not what is bought (the letters left alone read as a word no entry explains); a
#: series' letters with a number or a /T after them, not inside a latin word
_STANDARD_NUMBER = on_first_use(
    r"(?<![a-z])(?:gb|db|dbj|hj|jgj|cjj|ny|ly|sl|jtg|gy|mz|aq|sb|qx|wb)"
    r"(?:\s*\d+)?\s*(?:/\s*[tz])?(?:\s*\d+(?:\.\d+)*)?(?:\s*[-—–]\s*\d{2,4})?(?![a-z])"
)
#: which time, phase, batch, lot or edition (第二次, 三期, 包1, 第十五届, 首届): not what is bought
_TRAILING_ORDINAL = on_first_use(
    r"(?:第[一二三四五六七八九十\d]+(?:次|期|批|包|标段|届)|首届|[一二三四五六七八九十]期|包\d+|标段\d+)"
)
#: a subtotal at the end of a table's row (…经费小计, 合计): the sum of the lines above, no
#: line of its own
_SUBTOTAL = on_first_use(r"(?:小计|合计|总计|共计)$")
#: a procurement method written as a column of a pasted table row (…排查服务 竞争性磋商 安全评价机构
#: 30万元, …编制 | 公开招标 | 企业): the columns from it on (the method, the supplier's kind,
#: the amount) say how and from whom, not what is bought
_PLAN_METHODS = (
    "公开招标",
    "邀请招标",
    "竞争性磋商",
    "竞争性谈判",
    "询价",
    "询比",
    "单一来源",
    "框架协议",
)
_PLAN_METHOD = Pattern(
    r"\s*[ |;/]\s*(?:" + "|".join(_PLAN_METHODS) + r")(?:采购)?\s*(?=[ |;/]|$)",
    needs=_PLAN_METHODS,
)
#: how a budget table names a line's money at its end (…规划编制项目支出, …宣传预算): the line
#: is what is named before; only at the end, where it says whose money (项目支出绩效评价 is a
#: service done on the spending)
_TRAILING_BUDGET = on_first_use(r"(?:项目支出|项目预算|预算资金|预算|支出)$")
#: the fewest characters before it for it to be taken off (一般公共服务支出 is a heading of
#: the budget, and stays one: it names no service either way)
_BUDGET_BEFORE = 4
#: a count of events or attendances (一万场, 200场次, 5000余人次) says how much, not what is
#: bought; 场景, 场馆, 场所, 场地 are words. The look-behind starts a match only where a run of
#: numerals starts, so a long run is scanned once.
_COUNT = on_first_use(
    r"(?<![\d一二两三四五六七八九十百千万])[\d一二两三四五六七八九十百千万]+余?(?:场次|人次|场)(?![景馆所地])"
)
#: what a text may open with, compiled when a text has the words it needs (each costs a process
#: about 1 ms to compile, for its class of 21,000 characters; most lines have neither): a
#: leading town or street office, with its government (下堡镇, 梧桐镇人民政府, 新义街道办事处;
#: not 城镇 or 新型城镇, which are words), and how a notice title opens (关于…, or an agent's
#: name and 关于: 某某招标代理有限公司关于…)
_TOWN = Pattern(
    r"^(?:[\u4e00-\u9fff]{2,3}(?<!城)镇|[\u4e00-\u9fff]{2,4}街道(?:办事处)?)(?:人民政府)?",
    needs=("镇", "街道"),
)
_OPENINGS = (
    _TOWN,
    Pattern(r"^(?:[\u4e00-\u9fff]{2,24}?(?:有限责任公司|有限公司|公司))?关于", needs=("关于",)),
)
#: a period at the start (年度, 上半年 …) is taken from noise.json; these are built once
_BOILERPLATE_MARK = "套话"
#: verbs that open a budget line before its place (购买孝义市…服务, 做好吕梁市…工作): the place
#: after one is removed as it is at the start; the verb stays (购买 + goods is still goods)
_LEAD_VERBS = (
    "委托第三方开展",
    "委托第三方",
    "组织开展",
    "组织实施",
    "购买",
    "做好",
    "委托",
    "开展",
)


#: the lengths of a place name (short or full) before the 站 of an event's stop
_STOP_PLACE = (5, 4, 3, 2)


def _without_stops(s: str, place_index: Places) -> str:
    """``s`` without the stops of a touring event, a place name and 站 (诚信质量万里行吕梁站
    活动执行: the campaign, at 吕梁): a campaign's stop says where, as a place before a line
    does; not a site (吕梁站点).

    >>> _without_stops("诚信质量万里行吕梁站活动执行", places())
    '诚信质量万里行活动执行'
    """
    out = s
    start = 0
    while (j := out.find("站", start)) != -1:
        start = j + 1
        if out.startswith("点", j + 1):
            continue
        for length in _STOP_PLACE:
            i = j - length
            if i >= 0 and place_index.is_place(out[i:j]):
                out = out[:i] + out[j + 1 :]
                start = i
                break
    return out


def _street_over_place(s: str, end: int) -> bool:
    """Whether ``s`` opens with a town or street whose name starts with the place name that
    ends at ``end`` (中阳楼街道办事处, not 中阳 + 楼街道): the opening matches the whole text,
    and not what is left after the place."""
    if not _TOWN.may_match(s):
        return False
    m = _TOWN.compiled.match(s)
    return m is not None and m.end() > end and _TOWN.compiled.match(s[end:]) is None


@dataclass(frozen=True)
class Cleaned:
    """A cleaned text, what was taken out of it, and the agency named at its start."""

    text: str
    removed: tuple[str, ...] = field(default_factory=tuple)
    agency: object | None = None


def only_boilerplate(s: str) -> bool:
    """Whether ``s`` holds nothing but procurement and budget boilerplate and punctuation.

    Numbers and amounts are passed over (…（…）30227 6万元: an economic classification's code
    and the sum).

    >>> only_boilerplate("项目成交结果公告"), only_boilerplate("建设项目")
    (True, False)
    >>> only_boilerplate("30227委托业务费 6万元")
    True
    """
    s = strip_punct(s).replace(" ", "")
    table = boilerplate()
    i = 0
    while i < len(s):
        number = _NUMBER_AT.match(s, i) if s[i].isdigit() else None
        if number is not None:
            i = number.end()
            continue
        found = table.match(s, i)
        if found is None or not found[1]:
            return False
        i = found[0]
    return True


#: a number, and the unit of an amount after it
_NUMBER_AT = on_first_use(r"\d+(?:\.\d+)?(?:万元|亿元|元|万)?")


@cache
def boilerplate() -> WordTable[bool]:
    """Procurement and budget boilerplate (采购项目, 中标公告, 经费 …) of ``noise.json``, as
    ``True``; the content words that hold some (双公示), as ``False``: kept whole."""
    noise = resources.noise()
    table = dict.fromkeys((nfkc(w) for w in noise.boilerplate), True)
    table.update(dict.fromkeys((nfkc(w) for w in noise.kept), False))
    return WordTable(table)


@cache
def _periods() -> WordTable[bool]:
    return WordTable(dict.fromkeys(resources.noise().periods, True))


def classification_only(text: str) -> bool:
    """Whether ``text`` is a functional classification of a budget system and nothing else, its
    code and its name: a heading or subtotal row of a budget table, not a line.

    >>> classification_only("2110301 大气")
    True
    >>> classification_only("2110301-大气|重点区域大气污染源解析")
    False
    """
    return bool(_DIGIT.search(text)) and _CLASS_ONLY.fullmatch(text) is not None


def without_classification(text: str) -> str:
    """``text`` without the functional classification a budget system writes before a line
    (2130104-一般行政管理事务|…): its name (工程建设管理, 文物保护) would read as what is bought.

    >>> without_classification("2120106-工程建设管理|房屋市政工程施工安全事故调查")
    ' |房屋市政工程施工安全事故调查'

    The procurement classification's item before a plan's item (C0503 文化活动服务|…) is taken
    out the same way:

    >>> without_classification("C0503 文化活动服务|文化广场舞台建设")
    ' |文化广场舞台建设'
    """
    if not _DIGIT.search(text):
        return text
    return _PROCUREMENT_CLASS.sub(" ", _FUNCTION_CLASS.sub(" ", text))


def without_packages(text: str) -> str:
    """``text`` without the labels of the lots a notice buys in packages (包1：…；包2：…).

    >>> without_packages("包1：空气自动站运维；包2：手工监测采样分析")
    '空气自动站运维；手工监测采样分析'
    """
    if not _PACKAGE.may_match(text):
        return text
    return _PACKAGE.compiled.sub("", text)


def without_subtotal(text: str) -> str:
    """``text`` without the subtotal word a table's row ends in (…经费小计, 合计): the row sums
    the lines above it (:func:`clean` takes it off as well).

    >>> without_subtotal("孝义市粮油质量检测站经费小计")
    '孝义市粮油质量检测站经费'
    """
    return _SUBTOTAL.sub("", text)


def without_awarded(text: str) -> str:
    """``text`` without who won a notice's award and for how much: the winner's name is no
    part of what is bought (湖南工程职业技术学院 names no works).

    >>> without_awarded("培训服务成交结果公告 成交供应商：某某工程职业技术学院 成交金额：12万元")
    '培训服务成交结果公告 '
    """
    if not _AWARDED.may_match(text):
        return text
    return _AWARDED.compiled.sub("", text)


#: the kinds of firm that do the work a body buys (a supplier named in a line, or in a column of
#: a pasted row)
_FIRMS = "有限公司|公司|研究院|设计院|规划院|事务所"
#: what separates the columns of a table row pasted as one cell
_COLUMN_SPLIT = on_first_use(r"[\s|/>\\｜／＞；;]+")
#: a column that names a supplier (承接主体: 山西某某检测技术有限公司, 某某研究院): who does the
#: work, not what is bought
_SUPPLIER_COLUMN = on_first_use(
    rf"[\u4e00-\u9fff（）()]{{2,40}}?(?:有限责任公司|{_FIRMS}|研究所|学会|协会|合作社)"
)
#: a column that says for how long (8个月, 1年, 90天): the term of the contract
_TERM_COLUMN = on_first_use(r"\d+(?:\.\d+)?(?:个月|个工作日|工作日|月|年|天|日|周)")
#: a reviewer's opinion in a column of a budget review table (同意安排, 核减3.5万元, 不予安排：…):
#: what was decided about the line, not what is bought
_OPINION_COLUMN = on_first_use(
    r"(?:同意|核减|核增|调减|调增|压减|不予|不同意|暂缓|予以安排|建议(?:安排|核减|调减|压减|不予)"
    r"|按评审|评审意见|审核意见)"
)


def columns(text: str) -> list[str]:
    """The columns of a table row pasted as one cell (split at |, /, >, ；, tabs and spaces).

    >>> columns("公共服务|地质灾害防治知识宣传|古交市河口镇人民政府")
    ['公共服务', '地质灾害防治知识宣传', '古交市河口镇人民政府']
    """
    return [c for c in _COLUMN_SPLIT.split(text) if c]


def supplier_or_term_column(column: str) -> bool:
    """Whether a column of a pasted row names a supplier or a term, not what is bought.

    >>> supplier_or_term_column("山西华测检测技术有限公司"), supplier_or_term_column("8个月")
    (True, True)
    >>> supplier_or_term_column("水质监测")
    False
    """
    return bool(_SUPPLIER_COLUMN.fullmatch(column) or _TERM_COLUMN.fullmatch(column))


def opinion_column(column: str) -> bool:
    """Whether a column of a pasted row is a reviewer's opinion (a budget review table's
    审核意见), not what is bought.

    >>> opinion_column("同意安排，按评审价48万元执行"), opinion_column("核减3.5万元")
    (True, True)
    >>> opinion_column("社会信用体系建设规划研究")
    False
    """
    return _OPINION_COLUMN.match(column) is not None


def without_plan_columns(text: str) -> str:
    """``text`` up to a procurement method written as a column of a pasted table row: the
    method, the supplier's kind and the amount after it are not what is bought.

    >>> without_plan_columns("入园企业隐患排查服务 竞争性磋商 安全评价机构 30万元")
    '入园企业隐患排查服务'
    >>> without_plan_columns("隐患排查服务竞争性磋商公告")
    '隐患排查服务竞争性磋商公告'
    """
    if not _PLAN_METHOD.may_match(text):
        return text
    m = _PLAN_METHOD.compiled.search(text)
    if m is None or not text[: m.start()].strip():
        return text
    return text[: m.start()]


#: a level of government in a bracket (…运营费（县级）, （省级）): whose budget, not what is bought
_LEVEL = on_first_use(r"(?:省|市|州|盟|县|旗|区|乡镇|乡|镇|村)本?级")


def _only_places(text: str) -> bool:
    """Whether ``text`` is place names and nothing else (太原, 山西太原, 晋中市榆次区)."""
    index = places()
    end = index.leading(text)
    return end == len(text) or index.is_place(text[end:])


def clean(
    text: str, leading_agency: Callable[..., tuple[object, int] | None] | None = None
) -> Cleaned:
    """Remove noise from a budget-line text.

    ``leading_agency`` is an optional callable that finds an agency name at the start of a text
    (孝义市生态环境局…) and returns ``(what it read, where the name ends)``; called with a
    second argument, the place names removed before the text, it finds an agency that reads as
    one only with them. The first one found is removed and reported as ``agency``.
    """
    removed: list[str] = []
    s = _SPACES.sub(" ", nfkc(text))
    if any(mark in s for mark in _QUESTION_MARKS) or s.endswith("服务吧"):
        s = _without_question(s, removed)
    bare = without_classification(s)
    if bare != s:
        removed.append("功能分类科目")
        s = bare
    numbered = _ITEM_NUMBER.match(s)
    if numbered is not None and numbered.end() < len(s):
        removed.append(numbered.group().strip())
        s = s[numbered.end() :]
    bare = without_packages(s)
    if bare != s:
        removed.append("包号")
        s = bare
    bare = without_awarded(s)
    if bare != s:
        removed.append("成交结果")
        s = bare
    bare = without_plan_columns(s)
    if bare != s:
        removed.append(s[len(bare) :].strip())
        s = bare

    def drop_bracket(m: re.Match[str]) -> str:
        if _EXCLUDING.match(m.group(1)):  # （不含维修工程）: what is not bought
            removed.append(m.group(0))
            return " "
        if _INCLUDING.match(m.group(1)) and not s[m.end() :].strip():  # （含…） at the end
            removed.append(m.group(0))
            return " "
        if _N_PLACES_BEFORE.search(s, 0, m.start()) and _PLACES_LISTED.fullmatch(m.group(1)):
            # 五进（企业、农村、社区、学校、家庭）: where the campaign goes, which 五进 says
            removed.append(m.group(0))
            return " "
        inner = PUNCT.sub("", m.group(1))
        inner_clean = _YEAR_RANGE.sub("", _AMOUNT.sub("", inner))
        if not inner_clean or _ORDINAL_BRACKET.match(inner_clean):
            removed.append(m.group(0))
            return " "
        if _LEVEL.fullmatch(inner_clean) or (
            _only_places(inner_clean) and not s[: m.start()].endswith("中国")
        ):
            # 成果展（太原）展区运营, 食品抽检（晋中市）: where the work is done, as a place
            # before the line says it (and is removed there), not what is bought (but
            # 中国（安徽）…交易会, 中国（山西）自由贸易试验区: part of a name); （县级）: whose
            # budget pays
            removed.append(m.group(0))
            return " "
        if _SYSTEM_BUILT_BEFORE.search(s, 0, m.start()):  # 平台建设（监测大屏及系统）
            removed.append(m.group(0))
            return " "
        if _SYSTEM_BEFORE.search(s, 0, m.start()) and _STEP_AFTER.match(s, m.end()):
            # 共享平台（数智信用）建设: which system; the work is still 平台建设
            named.append(m.group(1))
            return ""
        return " " + m.group(1) + " "

    named: list[str] = []
    s = _BRACKETED.sub(drop_bracket, s)
    if named:
        s = " ".join(named) + " " + s
    if "不" in s:
        s, n = _EXCLUDED_CLAUSE.subn(" ", s)  # …服务，不含维修工程
        if n:
            removed.append("不含的内容")
    if "未" in s or "没有" in s:
        s, n = _NOT_DONE_CLAUSE.subn(" ", s)
        if n:
            removed.append("未做的事")
    digits = _DIGIT.search(s) is not None  # codes, years and months have digits
    if digits:
        s, n = _CODE.subn(" ", s)
        if n:
            removed.append("目录代码")
    if digits or "/" in s:
        bare = _STANDARD_NUMBER.sub(_standard_number, s)
        if bare != s:
            removed.append("标准编号")
            s = bare
    if digits:
        s, n = _AMOUNT.subn(" ", s)
        if n:
            removed.append("金额")
        for rx, label in ((_YEAR_RANGE, "年份"), (_SHORT_YEAR, "年份"), (_MONTHS, "月份")):
            s, n = rx.subn(" ", s)
            if n:
                removed.append(label)
    s = strip_punct(s, keep_enumeration=True).strip("、")
    agency = None
    place_index, periods = places(), _periods()
    # leading place names, agency names, towns, notice openings and periods, in any order
    changed = True
    placed = ""  # the place names removed right before what is left
    while changed and s:
        changed = False
        read: tuple[object, int] | None = None  # an agency read at the start
        end = place_index.leading(s)
        if end and _street_over_place(s, end):
            end = 0  # 中阳楼街道办事处: a street named after a place, not 中阳 + 楼街道
        if (
            end
            and agency is None
            and leading_agency is not None
            and any(w in s for w in _NAMED_WITH_PLACE)  # (most lines have none: no reading)
        ):
            # an agency whose name runs past the place it starts with (山西大学, 江川路街道办事
            # 处): the place is part of its name, not a place before it
            whole = leading_agency(s)
            if (
                whole is not None
                and whole[1] > end
                and s[: whole[1]].endswith(_NAMED_WITH_PLACE)
                and not getattr(whole[0], "departments", ())
            ):
                end = 0
        place = end
        if not end:
            found = periods.match(s, 0)
            end = found[0] if found is not None else 0
        if not end:
            # how a notice opens (采购意向公开：汾阳市发展和改革局…): the buyer is named after it
            found = boilerplate().match(s, 0)
            end = found[0] if found is not None and found[1] else 0
        if not end:
            for opening in _OPENINGS:
                if opening.may_match(s):
                    m = opening.compiled.match(s)
                    if m:
                        end = m.end()
                        if agency is None and leading_agency is not None:
                            # a town's government is its buyer (下堡镇人民政府…), the town's
                            # name alone only where (下堡镇…)
                            read = leading_agency(s)
                            if read is not None and read[1] == end:
                                agency = read[0]
                        break
        if not end and leading_agency is not None:
            read = leading_agency(s)
            with_place = False
            if read is None and placed:
                # an agency that reads as one only with its place (吕梁市 + 消防救援支队…)
                read = leading_agency(s, placed)
                with_place = read is not None
            if read is not None:
                end = read[1]
                if agency is None and with_place:
                    agency = read[0]  # read with its place already
                elif agency is None:
                    # named with its place when it reads the same with it (孝义市财政局)
                    whole = leading_agency(placed + s) if placed else None
                    same = whole is not None and whole[1] == len(placed) + end
                    agency = whole[0] if same else read[0]  # type: ignore[index]
        if end and len(s) > end:
            placed = placed + s[:end] if place else ""
            removed.append(s[:end])
            core = _named_for(read[0] if read is not None and read[1] == end else None, s[:end])
            s = core + s[end:].lstrip("、")
            changed = True
        elif not end and s.startswith(_LEAD_VERBS):
            verb = next(v for v in _LEAD_VERBS if s.startswith(v))
            after = place_index.leading(s[len(verb) :])
            if after and len(s) > len(verb) + after:
                removed.append(s[len(verb) : len(verb) + after])
                s = verb + s[len(verb) + after :].lstrip("、")
                changed = True
    if "站" in s:  # a touring event's stops (吕梁站, （晋城站）, 晋中站、长治站): where
        bare = _without_stops(s, place_index)
        if bare != s:
            removed.append("站点地名")
            s = bare
    if _SUPPLIER.may_match(s):
        s = _SUPPLIER.compiled.sub(r"\1", s)
    s2 = boilerplate().replace(s, lambda word, remove: "" if remove else word)
    s2 = _TRAILING_ORDINAL.sub("", s2)
    s2 = without_subtotal(s2)
    if s2.endswith(("支出", "预算", "预算资金")):
        m = _TRAILING_BUDGET.search(s2)
        if m is not None and m.start() >= _BUDGET_BEFORE:
            s2 = s2[: m.start()]
    s2 = s2[:-1] if s2.endswith("的") and len(s2) > 1 else s2  # 关于…的成交公告
    # a fee for what the line names (规划编制费, 大赛培训费): the line is that; the rules still
    # read the raw text (水电费, 设备费 are goods there). A fee alone with a bare word (培训费,
    # 会议费, 监测费) is a budget's economic item, kept whole
    if (
        len(s2) > _FEE_ITEM
        and s2[-1] == "费"
        and "\u4e00" <= s2[-2] <= "\u9fff"
        and s2[-2:] not in _FEE_WORDS
    ):
        s2 = s2[:-1]
    if s2 != s:
        removed.append(_BOILERPLATE_MARK)
    s = s2
    if "场" in s or "人次" in s:  # a count ends in 场, 场次 or 人次: most texts have none
        s, n = _COUNT.subn("", s)
        if n:
            removed.append("数量")
    if digits:
        s = _DIGITS.sub("", _QUANTITY.sub("", s)) if has_han(s) else s
    return Cleaned(text=s.strip("、"), removed=tuple(removed), agency=agency)


#: who a body commissions, named after 委托, 聘请 or 依托 (委托法学院课题组编制…, 委托广告公司在…
#: 投放…): the supplier, not what is bought; its name (传媒公司, 法学院) would read as an object.
#: A firm that names a service (农业服务公司, 舆情服务公司) and a 单位 (电梯维保单位) say what is
#: done
_SUPPLIER = Pattern(
    r"(委托|聘请|依托|交给|交由)(?:(?!服务)[\u4e00-\u9fffa-z]){0,10}?"
    rf"(?:{_FIRMS}|学院|课题组)",
    needs=("委托", "聘请", "依托", "交给", "交由"),
)

#: how an officer asks the tool a question (请问…；…，能不能走政府购买服务？；…，算购买服务吧；
#: …，行不行): the frame of the question, not what is bought
_QUESTION_OPENING = on_first_use(
    r"^(?:想问一下|想问下|请问|问一下|帮我看看|帮忙看看|咨询一下)[:,\s]*"
)
_QUESTION_TAIL = on_first_use(
    r"[,、\s]*(?:这个|这样|那|我们)?"
    r"(?:能不能|能否|可不可以|可否|是否可以|是否能|算不算|是不是|属不属于|可以|能|算|属于)?"
    r"(?:走|用|采用|通过|按|作为|列入|纳入|算)?(?:政府)?(?:购买服务|买服务|政府采购)?"
    r"(?:行不行|能不能|可不可以|可以吗|行吗|对吗|是吗|可以不|行不|吗|吧|么|呢)?[?!。]*$"
)


def _without_question(s: str, removed: list[str]) -> str:
    """``s`` without the frame of a question asked about it (请问…；…，能不能走政府购买服务), the
    frame added to ``removed``; unchanged when what ends it asks nothing."""
    bare = _QUESTION_OPENING.sub("", s)
    tail = _QUESTION_TAIL.search(bare)
    if tail is not None and (
        any(mark in tail.group() for mark in _QUESTION_MARKS) or tail.group().endswith("服务吧")
    ):
        bare = bare[: tail.start()].rstrip(",、 ")
    if bare == s or not bare:
        return s
    removed.append("提问")
    return bare


#: what every question has one of (most lines have none: no search)
_QUESTION_MARKS = (
    *("吗", "?", "不行", "不能", "不可以", "不算", "能否", "可否", "是否", "不是", "不属于"),
)


#: the longest economic item of a budget (X费 of at most this many characters: 委托业务费)
_FEE_ITEM = 5
#: words that end in 费 and are no fee paid for what the line names (用户收费 is collecting
#: the users' fees, 居民消费 spending)
_FEE_WORDS = frozenset(("收费", "缴费", "交费", "付费", "计费", "免费", "消费"))


#: bodies outside the 15 whose names start with a place that is part of the name (山西大学,
#: 江川路街道办事处, 汴河镇人民政府): read whole, not as a place and a stray rest
_NAMED_WITH_PLACE = (
    *("大学", "学院", "街道办事处", "人民政府", "政法委员会"),
    *("省委", "市委", "州委", "县委", "区委"),  # a party committee (侯马市委政法委员会)
)


def _named_for(agency: object, written: str) -> str:
    """The work a unit is named for (不动产登记 of 不动产登记大厅), kept in the text when its name
    is taken off as the buyer: the name also says what the line is about; '' for any other
    agency, and for a unit named for its department (市场监管所)."""
    work = getattr(agency, "work", "")
    return work if isinstance(work, str) and work and work in written else ""


# -- synonyms ------------------------------------------------------------------------------------
class Canon:
    """Rewrites synonyms and abbreviations to canonical forms (``synonyms.json``)."""

    def __init__(self, groups: Iterable[tuple[str, str, str]], kept: Iterable[str] = ()) -> None:
        #: (variant, canonical, kind), longest variant first
        self.groups: tuple[tuple[str, str, str], ...] = tuple(
            sorted(groups, key=lambda g: (-len(g[0]), g[0]))
        )
        # the later of two equal variants wins; a canonical form stays as it is (全国低碳日 is
        # not rewritten to 全国全国低碳日 for its variant 低碳日), and so does a word kept as it
        # is (推进: read whole from the left, no 进乡村 is read inside 推进乡村振兴)
        table = {c: c for _, c, _ in self.groups}
        table.update({k: k for k in kept})
        table.update({v: c for v, c, _ in self.groups})
        self._table = WordTable(table)

    @classmethod
    def from_data(cls, data: SynonymsFile) -> Canon:
        return cls(
            (
                (nfkc(variant), group.canonical, group.kind)
                for group in data.groups
                for variant in group.variants
            ),
            (nfkc(word) for word in data.kept),
        )

    def rewrite(self, text: str) -> tuple[str, tuple[tuple[str, str], ...]]:
        """``text`` with every variant replaced by its canonical form, and the rewrites made.

        >>> canon().rewrite("地灾隐患排查")
        ('地质灾害隐患排查', (('地灾', '地质灾害'),))
        """
        applied: dict[tuple[str, str], None] = {}  # an ordered set

        def sub(variant: str, canonical: str) -> str:
            if variant != canonical:
                applied[variant, canonical] = None
            return canonical

        return self._table.replace(text, sub), tuple(applied)


def _standard_number(m: re.Match[str]) -> str:
    """A standard's number taken off, when it has a number or a /T (the letters alone stay)."""
    found = m.group()
    return " " if any(c.isdigit() or c == "/" for c in found) else found


@cache
def canon() -> Canon:
    """The canonicaliser of ``data/synonyms.json``."""
    return Canon.from_data(resources.synonyms())
