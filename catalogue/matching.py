"""Matching a budget line to level-4 entries.

A line and every entry name are cleaned and canonicalised the same way (:mod:`catalogue.text`)
and read as services and their objects (:mod:`catalogue.reading`). An entry matches a line when
its service is the line's and its object is the line's object, or lies inside its department's
field (:mod:`catalogue.scoring` names every weight)::

    >>> from catalogue import load
    >>> best = load().match("孝义市2025年度药品抽检", department="市场监督管理")[0]
    >>> best.code, best.name
    ('A170202', '食品药品安全监督抽检服务')

Object words are compared whole (食品 in 食品药品; 电梯 read as 特种设备), and where they differ
by their character pairs (bigrams), each pair weighted by how rare it is among the entries.

Two stages keep it fast on lines never seen before: an estimate from inverted indexes (which
entries share a service family or an object pair with the line) picks the few entries worth
scoring, and only those are scored exactly (:data:`~catalogue.scoring.CANDIDATES`).
"""

from __future__ import annotations

import dataclasses
import functools
import heapq
import itertools
import math
import re
from bisect import bisect_right
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar, cast

from . import index_cache, resources, scoring
from .chars import PUNCT, has_han, nfkc, strip_punct
from .exceptions import InvalidText
from .first_use import on_first_use
from .homophones import Corrector
from .limits import MAX_AGENCY_CELL, MAX_TEXT_CHARS, check_limit
from .reading import SERVICE_KINDS, Family, Lexicon, Reading, Token, bigrams, lexicon
from .results import Candidate, Evidence
from .script import to_simplified
from .text import (
    Cleaned,
    canon,
    clean,
    columns,
    index_key,
    only_boilerplate,
    opinion_column,
    places,
    supplier_or_term_column,
    without_awarded,
)
from .tree import Entry, Tree

if TYPE_CHECKING:
    from .agencies import BuyerReading

__all__ = ["Matcher", "Prepared", "Scored"]

_DIGITS = str.maketrans("", "", "0123456789")
#: what a prepared index is made from besides the catalogue: the modules that make the tables
#: and the data files they read; and the version of its layout
_INDEX_CODE = (
    "matching", "reading", "text", "chars", "scoring", "agencies", "schemas", "resources", "tree",
)  # fmt: skip
_INDEX_DATA = ("lexicon.json", "synonyms.json", "agencies.json")
_INDEX_FORMAT = "matcher-4"
_EC_EXP = scoring.EC_EXP
_TC_EXP = scoring.TC_EXP
#: the entries that have a word whole in their names, for the words no name has whole
_IN_NO_NAME: frozenset[int] = frozenset()
#: marks a service family's key in ``Matcher._by_key`` (and in ``_memo_key``): no word has it
_FAMILY_KEY = "\x01"
#: how many words of lines a process looks for in the entries' names before it indexes the
#: names by their characters and pairs (1.7 ms to make; a lookup of one line asks for a few)
_NAME_INDEX_AFTER = 64
_K = TypeVar("_K")
_V = TypeVar("_V")


class _Memo(dict[_K, _V]):
    """A dict that empties itself when it holds ``size`` items: a bounded memory for values
    that are cheap to compute again and asked for over and over."""

    def __init__(self, size: int) -> None:
        super().__init__()
        self.size = size

    def put(self, key: _K, value: _V) -> _V:
        if len(self) >= self.size:
            self.clear()
        self[key] = value
        return value


#: how many service words of lines the matcher keeps the agreements of: a line's service words
#: are the lexicon's (490 of them), and a row holds at most one float per distinct head word of
#: the entries (140), about 9 KB: 1,024 rows hold every service word, 4.5 MB when all are full.
#: 20,000 distinct lines use 152 rows (99.8 % of lookups find theirs), the budget table 180
_PAIR_ROWS = 1024


def _parts(word: str) -> set[str]:
    """The runs of two characters or more in ``word``, other than ``word`` itself."""
    n = len(word)
    return {word[i:j] for i in range(n - 1) for j in range(i + 2, n + 1)} - {word}


class _Agreements(dict[str, float]):
    """How one service word of a line agrees with the head service words of the entries:
    head word -> agreement, each worked out the first time it is asked for."""

    __slots__ = ("_matcher", "_token")

    def __init__(self, matcher: Matcher, token: Token) -> None:
        super().__init__()
        self._matcher = matcher
        self._token = token

    def __missing__(self, head: str) -> float:
        matcher = self._matcher
        value = self[head] = matcher._agree(self._token, matcher._entry_heads[head])
        return value


#: a line's service families and its heads' own, and the entries of those families as the
#: estimate reads them (``_of_families``)
_FamiliesKey = tuple[frozenset[str], frozenset[str | None]]
_Families = tuple[
    tuple[tuple[int, float], ...],  # every entry, with its factor
    tuple[tuple[int, float], ...],  # those that name no object
    tuple[tuple[int, float, str], ...],  # those about their department's whole field
]


#: what the scores ask of an object word of a line (``Prepared.infos``)
_Info = tuple[float, frozenset[int], dict[int, float], dict[str, float], str, bool]
#: what the text coverage asks of it (``Prepared.shares``): its weight; entry -> the share of it
#: the entry's names have (1 for those that have it whole); department -> the share its field
#: has; and, for a word that is a step of some service family (rare), the entries that have it
#: whole and the word (else ``None``: the entry's steps need not be looked at)
_Share = tuple[float, dict[int, float], dict[str, float], tuple[frozenset[int], str] | None]


class _Shown(NamedTuple):
    """What a candidate shows of an entry."""

    department: str
    code: str
    name: str
    path: tuple[str, ...]
    restrictions: tuple[str, ...]
    names: dict[int, str]  # level -> the name of the entry or its ancestor at that level


@dataclass(slots=True, eq=False)
class _Word:
    """An object word of a line or an entry, with what it is compared by (never changed once
    made; a plain class, as a frozen one takes twice as long to make)."""

    token: Token
    keys: tuple[str, ...]  # the word as read, and the coordinate words it stands for
    grams: tuple[str, ...]
    weights: tuple[float, ...]  # idf of each pair
    total: float  # their sum
    weight: float  # the word's weight in a coverage
    pairs: tuple[tuple[str, float], ...]  # each pair with its weight


@dataclass(slots=True, eq=False)
class _Model:
    """A level-4 entry as matching reads it (never changed once made)."""

    position: int
    entry: Entry
    department: str
    name: str  # canonical level-4 name
    heads: tuple[Token, ...]
    #: the head words as compared for the entry coverage, and their weight there
    head_words: tuple[_Word, ...]
    head_weight: float
    head_texts: tuple[str, ...]  # the texts of ``heads``
    families: frozenset[str]
    activities: frozenset[str]
    parts: tuple[tuple[_Word, ...], ...]
    keys: frozenset[str]
    grams4: frozenset[str]
    grams3: frozenset[str]
    grams2: frozenset[str]
    generic: bool
    #: the weight of its object words, and how much of a word of a line its department's
    #: field explains (the text coverage)
    object_weight: float
    field: float
    #: ``parts`` as the entry coverage reads them: per word, its weight, keys, pairs with their
    #: weights, and their total
    #: and whether it is an object word (not a qualifier)
    covers: tuple[
        tuple[tuple[float, tuple[str, ...], tuple[tuple[str, float], ...], float, bool], ...],
        ...,
    ]
    #: per part, whether naming it names an item of the entry's object: a part of only
    #: qualifiers (the 专业性 of 地质灾害普适性、专业性监测预警) does not, while a part with an
    #: object word does (when no part has one, every part does)
    items: tuple[bool, ...]


@dataclass(slots=True, eq=False)
class Prepared:
    """A line made ready for matching (treated as immutable: only :attr:`order` is filled in
    once, on first use)."""

    original: str
    cleaned: str  # noise removed, before synonyms
    canonical: str  # synonyms rewritten
    rewrites: tuple[tuple[str, str], ...]
    removed: tuple[str, ...]
    #: the agency the line starts with (孝义市生态环境局…), if any
    agency: BuyerReading | None
    reading: Reading
    words: tuple[_Word, ...]
    grams: frozenset[str]
    keys: frozenset[str]
    families: frozenset[str]  # of the head services, with their related families
    #: per word: (weight, the entries whose names have it whole, entry -> the share their names
    #: have, department -> the share its field has, the word, whether it is a qualifier);
    #: worked out once per word (the mappings are shared and never changed)
    infos: tuple[_Info, ...]
    #: the same as the text coverage reads them (worked out once per word as well)
    shares: tuple[_Share, ...]
    #: the weight of everything the text coverage counts
    total: float
    #: the service words of the line: its heads and the service words of its object
    services: tuple[Token, ...]
    #: how many heads ``services`` starts with
    head_count: int
    #: how each of ``services``, and each of the main heads, agrees with the entries' heads
    agreements: tuple[_Agreements, ...]
    main_agreements: tuple[_Agreements, ...]
    #: what the service agreement is multiplied by when the main service is not the entry's
    main_other: float
    #: the positions of the entries the candidate stage keeps, best estimate first: worked out
    #: on first use and kept, as a line is ranked several times (for its buyer's departments,
    #: then for the others)
    order: tuple[int, ...] | None = None
    #: ``order`` by department (worked out when the line is ranked for one department)
    groups: dict[str, list[int]] | None = None
    #: ``canonical`` with its modifiers blanked out: where an entry's word is looked for in the
    #: line as written (the 质量发展 of 高质量发展, a slogan, is no 质量发展)
    content: str = ""
    #: homophone slips read otherwise, (written, read) (监侧 → 监测; :mod:`catalogue.homophones`)
    typos: tuple[tuple[str, str], ...] = ()
    #: department -> the largest share of a head service word that its field has (人口普查 for
    #: 统计), worked out on first use
    head_fields: dict[str, float] | None = None

    @property
    def has_content(self) -> bool:
        """Whether the line names a service or an object at all."""
        return self.reading.has_content

    @property
    def names_object(self) -> bool:
        """Whether the line names an object (a word that is not a qualifier: 全国 of
        全国经济普查 names none)."""
        return not all(info[5] for info in self.infos)


class Scored(NamedTuple):
    """An entry scored for a line (a named tuple: a line has a dozen entries scored)."""

    score: float
    service: float  # service agreement
    entry_coverage: float
    text_coverage: float
    model: _Model
    prepared: Prepared  # the line as scored (the whole text, or its project name)

    @property
    def entry(self) -> Entry:
        return self.model.entry


def _joined(words: list[tuple[str, bool]], text: str) -> str:
    """Words of ``text`` as an explanation names them: those written together in it as one
    (土壤污染), others separated by 、; ``(shown, plain)``, where a word shown with its synonym
    is not plain and stands apart."""
    out: list[str] = []
    glued = False
    for shown, plain in words:
        if out and plain and glued and out[-1] + shown in text:
            out[-1] += shown
        else:
            out.append(shown)
        glued = plain
    return "、".join(out)


def _covers(parts: tuple[tuple[_Word, ...], ...]) -> Any:
    """``_Model.covers`` of an entry's parts."""
    return tuple(
        tuple((w.weight, w.keys, w.pairs, w.total, w.token.kind == "object") for w in part)
        for part in parts
    )


#: a name in quotation marks (“欢乐乡村·村晚”, “清零”行动): an event's, a campaign's or a
#: brand's name, which says which one, not on what the service is done
_QUOTED = on_first_use(r'[“"]([^“”"]{1,30})[”"]')


def _without_boilerplate_end(text: str) -> str:
    """``text`` without the longest run of boilerplate it ends in (…（驻场6人）采购项目中标
    （成交）结果公告 without 采购项目中标（成交）结果公告), looked for in its last
    ``_BOILERPLATE_END`` characters."""
    for at in range(max(0, len(text) - _BOILERPLATE_END), len(text)):
        if not PUNCT.match(text[at]) and only_boilerplate(text[at:]):
            return text[:at]
    return text


#: how many closing brackets of a line are weighed, the last first (…（驻场6人）（含…）)
_BRACKETS_READ = 2

#: a label in brackets at the end of a line: which phase, lot or batch, a continuation, a year
_LABEL = on_first_use(
    r"[（(]\s*(?:第?[一二三四五六七八九十\d]{1,3}(?:期|包|批|标段|阶段|批次)|续|续建|新增|延续|结转"
    r"|\d{4}(?:年度?)?|\d{4}-\d{4}年?)\s*[）)]\s*$"
)


def _without_label(text: str) -> tuple[str, str]:
    """``text`` without the labels in brackets it ends in (a phase, a lot, 续, 政府购买服务),
    and those labels.

    >>> _without_label("农产品质量安全例行监测项目（第二包）")
    ('农产品质量安全例行监测项目', '（第二包）')
    """
    end = len(text)
    while True:
        label = _LABEL.search(text, 0, end)
        if label is None:
            tail = _TRAILING_BRACKET.search(text, 0, end)
            if tail is None or tail.group(2).strip() or not only_boilerplate(tail.group(1)):
                break
            label = tail
        end = label.start()
    if not text[:end].strip():
        return text, ""  # nothing but labels: read as written
    return text[:end], text[end:]


def _closes(after: str) -> bool:
    """Whether ``after``, what follows a line's last bracket, is only wrapping words and a
    notice's boilerplate (…（驻场6人）项目工作, …（委托咨询机构）的采购意向)."""
    return only_boilerplate(_WRAPPING_WORDS.sub("", after)) or only_boilerplate(
        _TIES.sub("", after)
    )


def _in_names(text: str, names: list[str]) -> bool:
    """Whether ``text`` (two characters or more) is written inside one of the quoted
    ``names``."""
    return len(text) > 1 and any(text in name for name in names)


def _as_name(
    read: tuple[_Word, _Info, _Share], keep_field: bool = False
) -> tuple[_Word, _Info, _Share]:
    """A run the lexicon lacks inside a quoted name, weighed as a framing word: the name says
    which event or campaign, a person does not ask the entry to explain it. ``keep_field``:
    the word still says whose field the line is in (a service word of the campaign's name)."""
    w, info, share = read
    weight = scoring.NAME_WEIGHT
    named = _Word(w.token, w.keys, w.grams, w.weights, w.total, weight, w.pairs)
    if keep_field:
        return named, info, (weight, *share[1:])  # type: ignore[return-value]
    return named, (weight, *info[1:]), (weight, *share[1:])  # type: ignore[return-value]


#: the last bracket of a text and what follows it: the bracket closes the text when what
#: follows is only wrapping words (…（…）委托服务项目) and a notice's boilerplate (…成交结果公告)
_TRAILING_BRACKET = on_first_use(r"[（(]([^（）()]{1,40})[）)]([^（）()]{0,30})$")
#: the words a closing bracket may have after it before the boilerplate
_WRAPPING_WORDS = on_first_use(r"^(?:委托|服务|采购|项目|经费|费用|资金|支出|工作|的|等|\s)*")
#: how far from its end a line's closing boilerplate may begin (…（驻场6人）采购项目中标（成交）
#: 结果公告: the boilerplate's own bracket is not the line's)
_BOILERPLATE_END = 30
#: the words that tie a bracket to the boilerplate after it (…（委托咨询机构）的采购意向)
_TIES = on_first_use(r"^(?:的|工作|\s)+")
#: what a closing bracket that says what is bought starts with (名称（主要内容：…）)
_DESCRIBES = ("主要内容", "内容", "用于", "包括", "含", "具体")
#: the wrappers after which a bracket says what the money buys (…专项经费（…目录编制及维护）)
_WRAPPERS = ("经费", "资金", "专项", "费用", "项目")
#: how a bracket naming where the money comes from ends (…（中央…示范资金）)
_SOURCES = ("资金", "转移支付", "补助")
#: how a bracket that writes out the steps of the service before it starts (…数据核查（对全市
#: …开展统计数据核查、汇总分析并出具报告）): its words say what the service is done on
_STEPS = ("对", "完成", "开展", "组织", "为")
#: how a closing bracket that only names who does the work starts (（委托高校）)
_ENTRUSTED = "委托"
#: a closing bracket this short that does not describe is a side note (（年度体检）)
_ASIDE_CHARS = 12
#: a line this short is a query typed into a search box (统计规化): the unknown word it ends in is
#: read again for a homophone slip even though the line names a service
_SHORT_QUERY = 8


def _aside(before: str, inner: str) -> bool:
    """Whether a closing bracket ``inner`` after ``before`` is a side note to what is bought
    (where the money comes from, a label, who does it) rather than what is bought."""
    inner = inner.strip()
    if ":" in inner or "：" in inner or inner.startswith(_DESCRIBES):
        return False
    if inner.endswith(_SOURCES):
        return True
    return len(inner) <= _ASIDE_CHARS and not before.rstrip().endswith(_WRAPPERS)


def _ends_in_service(reading: Reading) -> bool:
    """Whether the last word of ``reading`` (framing words and steps aside: 宣传活动承办) is a
    service word."""
    last = reading.last_word(("modifier", "sep", "activity"))
    return last is not None and last.kind == "service"


def _enumerates_field(
    department: str, parts: tuple[tuple[_Word, ...], ...], owners: dict[str, frozenset[str]]
) -> bool:
    """Whether an entry's object ``parts`` enumerate the kinds of its department's whole field
    (煤炭、电力、新能源…、节能、清洁能源利用行业…): ``_WHOLE_FIELD`` parts or more, each
    opening with a word of that department's field (``owners``: word -> the departments whose
    field has it)."""
    return len(parts) >= _WHOLE_FIELD and all(
        department in owners.get(part[0].keys[0], ()) for part in parts
    )


def _is_place(word: str) -> bool:
    """Whether ``word`` is a place name and nothing else (山西省, 太原)."""
    return places().leading(word) == len(word)


def _items(parts: tuple[tuple[_Word, ...], ...]) -> tuple[bool, ...]:
    """``_Model.items`` of an entry's parts."""
    flags = tuple(any(w.token.kind == "object" for w in part) for part in parts)
    return flags if any(flags) else (True,) * len(parts)


def _without(text: str, tokens: tuple[Token, ...]) -> str:
    """``text`` with the characters of ``tokens`` replaced by a mark that is in no word."""
    if not tokens:
        return text
    chars = list(text)
    for t in tokens:
        chars[t.start : t.end] = "|" * (t.end - t.start)
    return "".join(chars)


def _naming(
    word_keys: tuple[str, ...],
    pairs: tuple[tuple[str, float], ...],
    keys: frozenset[str],
    canonical: str,
    grams: frozenset[str],
) -> tuple[str | None, float]:
    """How a line names a word of an entry's name, the one rule of ``Matcher.score`` and
    ``Matcher.explain``: the first of the word's keys the line has (a key of two characters or
    more anywhere in the line's content, a one-character key only as a word of the line: the 中
    of 初、中、高级工程师 is not the 中 of 中小学), with 0; else ``None`` and the summed weight of
    the word's pairs the line has."""
    for key in word_keys:
        if key in keys or (len(key) > 1 and key in canonical):
            return key, 0.0
    got = 0.0
    for g, gw in pairs:
        if g in grams:
            got += gw
    return None, got


#: a framing word of an entry's name this long or longer says which entry (进基层), where a
#: short one (的, 工作, 业务) says nothing
_FRAMING_NAMES = 3


def compound_service(word: str) -> bool:
    """A compound service word (执法监测, 应急演练), not a bare one with 服务 after it
    (评估服务)."""
    return len(word) >= scoring.COMPOUND_SERVICE and not word.endswith("服务")


class Matcher:
    """The level-4 entries of a catalogue, read and indexed. Built once per catalogue."""

    # the tables, made by ``_build`` or read back by ``_restore`` (see there for what each is)
    _models: list[_Model]
    _narrower: dict[str, tuple[str, ...]]
    _idf: dict[str, float]
    _idf_unknown: float
    _field_words: dict[str, frozenset[str]]
    _by_family: dict[str, list[int]]
    _by_gram: dict[str, list[tuple[int, float]]]
    _names: str
    _by_key: dict[str, set[int]]
    _gram_levels: dict[str, dict[int, float]]
    _opaque: frozenset[str]
    _entry_heads: dict[str, Token]

    def __init__(self, tree: Tree) -> None:
        self.tree = tree
        self.lexicon: Lexicon = lexicon()
        self._canon = canon()
        self._families = self.lexicon.families
        self._related = self.lexicon.related
        # the tables made from the entries and the word lists: read back from the prepared
        # index of an earlier process when there is one (3–5 ms rather than 14 to make them)
        #: department -> the words naming it: kept from the build, worked out on first use
        #: when the index is read back (``_own_keys``)
        self._cores: dict[str, frozenset[str]] | None = None
        key = self._index_key(tree)
        stored = index_cache.load(key) if key is not None else None
        if stored is None or not self._restore(stored):
            self._build(tree)
            if key is not None:
                index_cache.save(key, self._stored())
        #: what a candidate shows of each entry, worked out when it is first shown
        self._shown_entries: list[_Shown | None] = [None] * len(self._models)
        #: the evidence of candidates, one object per distinct piece (term, level, name, via):
        #: 20,000 distinct lines give 3,600 pieces and find 94 % of theirs here, the
        #: budget-table workload 2,600 (95 %); about 500 bytes each, 8,192 are 4 MB
        self._evidence_memo: _Memo[tuple[str, int, str, str | None], Evidence] = _Memo(1 << 13)
        #: a line's service families and its heads' own -> the entries of those families
        #: (``_of_families``): 20,000 distinct lines have 541 such sets (98 % of lines find
        #: theirs here), the budget-table workload 82; a tuple of about 40 entries, 3 KB: 1,024
        #: sets are 3 MB
        self._families_memo: _Memo[_FamiliesKey, _Families] = _Memo(1024)
        #: every part of two characters or more of an entry's service word (other than the whole
        #: word) -> the entries whose service words have it in them, each with the rest of that
        #: word (``_containing``), made on first use from the entries alone
        self._containing_index: dict[str, tuple[tuple[int, tuple[str, ...]], ...]] | None = None
        #: entry position -> the service families its level-3 name names (``sure``; at most
        #: one small set per entry, 247)
        self._group_families: dict[int, frozenset[str]] = {}
        #: service family -> the departments with an entry of it (``family_departments``;
        #: about 45 small sets, made on first use)
        self._family_departments: dict[str, frozenset[str]] | None = None
        #: entry position -> its object keys less its department's name (``_own_keys``; at
        #: most one small set per entry, 247), and department -> the words naming it
        self._own: dict[int, frozenset[str]] = {}
        #: entry position -> the framing words of three characters or more its name has
        #: (``_own_framing``: an empty set for all but a few of the 247)
        self._framing: dict[int, frozenset[str]] = {}
        #: service word -> its pairs: the words are the lexicon's service words (490)
        self._head_bigrams: dict[str, tuple[str, ...]] = {}
        #: how a service word of a line agrees with the entries' head service words (a row per
        #: word of the line, filled in as asked; see ``_PAIR_ROWS``)
        self._pairs: _Memo[tuple[str, str | None, tuple[str, ...]], _Agreements] = _Memo(_PAIR_ROWS)
        #: a word of a line -> the word as compared and what the scores ask of it, the entries
        #: that name it and how much of it each department's field covers (``_line_word``):
        #: 2 KB a word. 20,000 distinct lines (two project names each) have 6,500 distinct
        #: words, the budget-table workload 460, and 96-97 % of the words of a line are found
        #: here; 8,192 words are 16 MB
        self._line_words: _Memo[str, tuple[_Word, _Info, _Share]] = _Memo(1 << 13)
        #: the reader of homophone slips (``_corrector``), made when a line first has characters
        #: the lexicon does not know
        self._homophones: Corrector | None = None

    # -- the prepared index, kept on disk between processes (:mod:`catalogue.index_cache`) -----
    def _index_key(self, tree: Tree) -> str | None:
        """The name of this catalogue's prepared index: a digest of its entries, the word lists
        and the code that makes the tables (``None``: the code cannot be read, no index)."""
        entries = repr((tree.departments, [(e.department, e.code, e.level, e.name) for e in tree]))
        return index_key(_INDEX_FORMAT, _INDEX_DATA, _INDEX_CODE, (entries,))

    def _stored(self) -> tuple[object, ...]:
        """The tables as plain data (the entries' words once each, referred to by number)."""
        words: list[_Word] = []
        numbers: dict[int, int] = {}

        def number(w: _Word) -> int:
            found = numbers.get(id(w))
            if found is None:
                found = numbers[id(w)] = len(words)
                words.append(w)
            return found

        models = [
            (
                m.department,
                m.name,
                tuple(tuple(h) for h in m.heads),
                tuple(number(w) for w in m.head_words),
                m.head_weight,
                m.head_texts,
                m.families,
                m.activities,
                tuple(tuple(number(w) for w in part) for part in m.parts),
                m.keys,
                m.grams4,
                m.grams3,
                m.grams2,
                m.generic,
                m.object_weight,
                m.field,
            )
            for m in self._models
        ]
        rows = [
            (tuple(w.token), w.keys, w.grams, w.weights, w.total, w.weight, w.pairs) for w in words
        ]
        return (
            _INDEX_FORMAT,
            rows,
            models,
            self._narrower,
            self._idf,
            self._idf_unknown,
            self._field_words,
            self._by_family,
            self._by_gram,
            self._names,
            self._by_key,
            self._gram_levels,
            self._opaque,
        )

    def _restore(self, stored: object) -> bool:
        """Take the tables from a prepared index; ``False`` if it is not one of this version
        or does not fit the catalogue (then they are made)."""
        try:
            (
                version,
                rows,
                models,
                narrower,
                idf,
                idf_unknown,
                field_words,
                by_family,
                by_gram,
                names,
                by_key,
                gram_levels,
                opaque,
            ) = cast("tuple[Any, ...]", stored)  # another layout raises here, caught below
            entries = self.tree.entries(level=4)
            if version != _INDEX_FORMAT or len(models) != len(entries):
                return False
            new = tuple.__new__
            words = [
                _Word(new(Token, token), keys, grams, weights, total, weight, pairs)
                for token, keys, grams, weights, total, weight, pairs in rows
            ]
            made = []
            for position, (row, e) in enumerate(zip(models, entries, strict=True)):
                department, name, heads, head_words, head_weight, head_texts = row[:6]
                families, activities, parts, keys, grams4, grams3, grams2 = row[6:13]
                generic, object_weight, field = row[13:]
                if department != e.department:
                    return False
                parts = tuple(tuple(words[k] for k in part) for part in parts)
                made.append(
                    _Model(
                        position=position,
                        entry=e,
                        department=department,
                        name=name,
                        heads=tuple(new(Token, h) for h in heads),
                        head_words=tuple(words[k] for k in head_words),
                        head_weight=head_weight,
                        head_texts=head_texts,
                        families=families,
                        activities=activities,
                        parts=parts,
                        keys=keys,
                        grams4=grams4,
                        grams3=grams3,
                        grams2=grams2,
                        generic=generic,
                        object_weight=object_weight,
                        field=field,
                        covers=_covers(parts),
                        items=_items(parts),
                    )
                )
        except (TypeError, ValueError, IndexError, KeyError):
            return False
        self._models = made
        self._narrower = narrower
        self._idf = idf
        self._idf_unknown = idf_unknown
        self._field_words = field_words
        self._by_family = by_family
        self._by_gram = by_gram
        self._names = names
        self._by_key = by_key
        self._gram_levels = gram_levels
        self._opaque = opaque
        self._entry_heads = {h.text: h for m in made for h in m.heads}
        self._index()
        return True

    def _build(self, tree: Tree) -> None:
        """Make the tables: read every entry's names, weigh the pairs, index the entries."""
        #: an entry's word as compared, one object per distinct word (the entries' 600 words)
        self._words_memo: dict[tuple[str, str, str, tuple[str, ...]], _Word] = {}
        #: object -> its narrower words (特种设备 -> 电梯, 锅炉 …): an entry's object is named by
        #: any of them
        self._narrower = {
            nfkc(g.term): tuple(nfkc(w) for w in g.narrower) for g in self.lexicon.data.objects
        }
        #: words whose parts name nothing of them (营商环境 is not 环境): compared whole only
        self._opaque = frozenset(nfkc(w) for w in self.lexicon.data.opaque)
        entries = tree.entries(level=4)
        by_name: dict[str, Reading] = {}  # 741 names, 313 distinct (ancestors are shared)
        readings = {}
        for e in entries:
            for lv in (4, 3, 2):
                named = e if lv == 4 else _ancestor(e, lv)
                name = named.name if named is not None else ""
                found = by_name.get(name)
                if found is None:
                    found = by_name[name] = self._read_name(named)
                readings[e.department, e.code, lv] = found
        # pair frequencies over the entries' level-4 names (their objects and services)
        df: dict[str, int] = {}
        for e in entries:
            reading = readings[e.department, e.code, 4]
            tokens = (*reading.objects, *reading.heads)
            for g in {g for t in tokens for g in bigrams(_key(t))}:
                df[g] = df.get(g, 0) + 1
        n = len(entries)
        self._idf = {g: math.log((n + 1) / (c + 1)) + 1.0 for g, c in df.items()}
        self._idf_unknown = math.log(n + 1) + 1.0
        fields = self._fields(entries, readings)
        cores = self._cores = self._department_words()
        #: field word -> the departments whose field it is in; a word that names a department
        #: (生态环境) is in that department's field only, though another's entry has it as its
        #: object (统计's 公众生态环境评价调查服务): 生态环境规划编制 is not a 统计 plan
        owners: dict[str, set[str]] = {}
        for department, field in fields.items():
            for word in field:
                owners.setdefault(word, set()).add(department)
        for department, naming in cores.items():
            for word in naming:
                if department in owners.get(word, ()):
                    owners[word] = {department}
        self._field_words = {w: frozenset(d) for w, d in owners.items()}
        #: the pairs of the object words of each name (while the models are made)
        self._name_grams: dict[str, frozenset[str]] = {}
        self._models = []
        for position, e in enumerate(entries):
            self._models.append(self._model(position, e, readings, cores))
        self._name_grams = {}  # (not needed once the models are made)
        # the candidate stage: service family -> entries; object pair -> (entry, idf share)
        self._by_family = {}
        self._by_gram = {}
        for m in self._models:
            for family in m.families:
                self._by_family.setdefault(family, []).append(m.position)
            words = [w for part in m.parts for w in part]
            # an item of an enumeration is enough: the estimate is relative to the largest one
            largest = max((sum(w.weight for w in part) for part in m.parts), default=0.0)
            norm = largest + m.head_weight or 1.0
            heads = {id(w) for w in m.head_words}  # a word is one object per text (memo)
            for w in (*words, *m.head_words):
                weight = m.head_weight / len(m.head_words) if id(w) in heads else w.weight
                total = sum(w.weights) or 1.0
                for g, gw in zip(w.grams, w.weights, strict=True):
                    share = weight * gw / total / norm
                    self._by_gram.setdefault(g, []).append((m.position, share))
        #: the canonical level-4 names, one per line: a term without a line break is in this
        #: text exactly when it is in one of the names
        self._names = "\n".join(m.name for m in self._models)
        #: the entries' head service words by text
        self._entry_heads = {h.text: h for m in self._models for h in m.heads}
        #: which entries have each object word
        families = self.lexicon.families
        self._by_key = {}
        for m in self._models:
            for key in m.keys:
                self._by_key.setdefault(key, set()).add(m.position)
            # ... and each family of a service word written on the entry's object (规划 of
            # 国土空间规划从业人员培训服务), unless its words are different works (保护, 利用)
            for part in m.parts:
                for w in part:
                    of = w.token.family
                    if w.token.kind in SERVICE_KINDS and of is not None and not families[of].mixed:
                        self._by_key.setdefault(_FAMILY_KEY + of, set()).add(m.position)
        #: pair -> entry -> the best level a name of the entry has it at (1, LEVEL3, LEVEL2)
        self._gram_levels = {}
        for m in self._models:
            for grams, factor in (
                (m.grams2, scoring.LEVEL2),
                (m.grams3, scoring.LEVEL3),
                (m.grams4, 1.0),
            ):
                for g in grams:
                    levels = self._gram_levels.setdefault(g, {})
                    levels[m.position] = max(levels.get(m.position, 0.0), factor)
        self._index()
        self._words_memo = {}  # (not needed once the index is made)

    def _index(self) -> None:
        """What the ranking looks up per entry position, and the lengths of the field words
        by their first character."""
        #: the entries that name no object, and those about their department's whole field
        self._alone = frozenset(m.position for m in self._models if not m.parts)
        self._whole_field = frozenset(m.position for m in self._models if m.generic)
        #: the entries whose object enumerates the kinds of their department's whole field
        #: (煤炭、电力、新能源…、节能、清洁能源利用行业统计分析服务; see ``_model``)
        self._field_kinds = frozenset(
            m.position
            for m in self._models
            if _enumerates_field(m.department, m.parts, self._field_words)
        )
        #: the entries that name no service (农业企业、新型农业经营主体服务: any service done for
        #: those subjects), in catalogue order
        self._serviceless = tuple(m.position for m in self._models if not m.head_texts)
        self._department_of = [m.department for m in self._models]
        #: where each name starts in ``_names``
        self._starts = list(
            itertools.accumulate((len(m.name) + 1 for m in self._models), initial=0)
        )
        #: the entries by the characters and by the pairs of their names (``_names_with``), made
        #: once ``_NAME_INDEX_AFTER`` words have been looked for: 1.7 ms to make
        self._name_index: tuple[dict[str, frozenset[int]], dict[str, frozenset[int]]] | None = None
        self._names_looked = 0
        #: the steps of the entries' services (站点运维 of 监测 …): a word of a line that is none
        #: of them is no step of any entry's
        self._steps = frozenset().union(*[m.activities for m in self._models])
        starts: dict[str, set[int]] = {}
        for word in self._field_words:
            starts.setdefault(word[0], set()).add(len(word))
        self._field_starts = {c: tuple(sorted(ns, reverse=True)) for c, ns in starts.items()}

    def forget(self) -> None:
        """Forget everything learned from the lines matched so far (the memos of words, their
        agreements and the entries that name them): the next line costs what a line never seen
        before costs in a new process. For measurements."""
        for memo in (
            self._pairs,
            self._line_words,
            self._families_memo,
            self._evidence_memo,
            self._head_bigrams,
        ):
            memo.clear()

    # -- reading entries --------------------------------------------------------------------------
    def _canonical(self, text: str) -> str:
        rewritten, _ = self._canon.rewrite(nfkc(text))
        return strip_punct(rewritten.translate(_DIGITS), keep_enumeration=True).strip("、")

    def _read_name(self, entry: Entry | None) -> Reading:
        return self.lexicon.read(self._canonical(entry.name) if entry is not None else "")

    def _fields(
        self, entries: list[Entry], readings: dict[tuple[str, str, int], Reading]
    ) -> dict[str, frozenset[str]]:
        """Department -> the words of its field: its field words (``lexicon.json``), the words
        that name it and its entries' object words."""
        out: dict[str, set[str]] = {}
        data = self.lexicon.data.fields
        agencies = resources.agencies().departments
        for name in self.tree.departments:
            words = out.setdefault(name, set())
            words.update(nfkc(w) for w in data.get(name, ()))
            words.update(nfkc(w) for w in agencies[name].cores)
        for e in entries:
            for t in readings[e.department, e.code, 4].objects:
                if len(t.key) > 1 and t.kind != "qualifier":
                    out[e.department].add(t.key)
        return {k: frozenset(v) for k, v in out.items()}

    def entries_named(self, word: str) -> int:
        """How many entries' level-4 names (canonical) have ``word``."""
        return len(self._names_with(word))

    def names_department(self, prepared: Prepared, department: str) -> bool:
        """Whether a word of the line names ``department`` (统计 of 统计专项调查, 文旅)."""
        words = self._department_cores().get(department, frozenset())
        return any(t.text in words for t in prepared.reading.tokens)

    def names_own_trade(self, scored: Scored) -> bool:
        """Whether the entry's name writes its own department's name (工业和信息化领域…,
        住建行业…): it serves that department's trade."""
        m = scored.model
        return any(len(w) > 1 and w in m.name for w in self._department_cores()[m.department])

    def _department_cores(self) -> dict[str, frozenset[str]]:
        """``_department_words()``, kept (made on first use by a matcher restored from its
        prepared index, which does not hold them)."""
        if self._cores is None:
            self._cores = self._department_words()
        return self._cores

    def _department_words(self) -> dict[str, frozenset[str]]:
        """Department -> the words that name it (cores and abbreviations): an entry whose
        object is only these is about the department's whole field."""
        agencies = resources.agencies().departments
        nouns = [nfkc(w) for w in self.lexicon.data.field_nouns]
        out = {}
        for name in self.tree.departments:
            # (the field of a body merged into the department is a part of its field:
            # 知识产权行业规划服务 is about intellectual property, not all market regulation)
            merged = set(agencies[name].merged_fields)
            words = {nfkc(name), *(nfkc(w) for w in agencies[name].cores if w not in merged)}
            words |= {w + noun for w in list(words) for noun in nouns}  # 统计信息, 统计数据
            words |= {self._canonical(w) for w in list(words)}
            out[name] = frozenset(words)
        return out

    def _model(
        self,
        position: int,
        e: Entry,
        readings: dict[tuple[str, str, int], Reading],
        cores: dict[str, frozenset[str]],
    ) -> _Model:
        reading = readings[e.department, e.code, 4]
        heads = reading.heads or readings[e.department, e.code, 3].heads
        named_parts = reading.parts
        if not any(reading.parts) and len(reading.heads) > 1:
            first, second = reading.heads[0], reading.heads[1]
            if first.family == second.family or first.text in cores[e.department]:
                # 认证技术评审鉴定评估服务, 统计专项调查服务: with no other object, a first
                # service word of the same kind, or the department's own name, names what the
                # others are done on
                named_parts = ((first,),)
                heads = reading.heads[1:]
        families = frozenset(h.family for h in heads if h.family is not None)
        activities = frozenset(a for f in families for a in self.lexicon.families[f].activities)
        # a place in an entry's name (山西省政务中心…) says where, not on what: a line need
        # not write it
        parts = tuple(
            tuple(
                self._word(t)
                for t in part
                if t.kind != "modifier" and not (t.kind == "unknown" and _is_place(t.text))
            )
            for part in named_parts
        )
        parts = tuple(p for p in parts if p)
        if _enumerates_field(e.department, parts, self._field_words):
            # an enumeration of the kinds of its department's whole field (煤炭、电力、新能源…
            # 油气、节能、清洁能源利用行业统计分析): the field's own name names every item
            # (能源生产与消费统计分析 is this entry's, not another department's)
            extra = tuple(sorted(cores[e.department]))
            parts = tuple(
                tuple(dataclasses.replace(w, keys=w.keys + extra) for w in part) for part in parts
            )
        objects = [w for part in parts for w in part]
        # about its department's whole field: its object is only the department's name
        # (文化和旅游行业规划服务); an entry with no object at all (异地祭扫服务) is not
        generic = any(w.keys[0] in cores[e.department] for w in objects) and all(
            w.token.kind == "qualifier" or w.keys[0] in cores[e.department] for w in objects
        )
        head_words = tuple(self._word(h) for h in heads)
        head_weight = max((w.weight for w in head_words), default=0.0)
        grams3 = self._object_grams(readings[e.department, e.code, 3])
        grams2 = self._object_grams(readings[e.department, e.code, 2])
        # an entry about its department's whole field, or with no object of its own (统计专项调查:
        # a survey of anything), explains an object inside that field in full or in part
        field = 1.0 if generic else scoring.FIELD
        if not parts:
            field = max(field, scoring.NO_OBJECT_ENTRY)
        return _Model(
            position=position,
            entry=e,
            department=e.department,
            name=reading.text,
            heads=heads,
            head_words=head_words,
            head_weight=head_weight,
            head_texts=tuple(h.text for h in heads),
            families=families,
            activities=activities,
            parts=parts,
            keys=frozenset(k for w in objects for k in w.keys),
            grams4=frozenset(g for w in objects for g in w.grams),
            grams3=grams3,
            grams2=grams2,
            generic=generic,
            object_weight=sum(w.weight for part in parts for w in part),
            field=field,
            covers=_covers(parts),
            items=_items(parts),
        )

    def _object_grams(self, reading: Reading) -> frozenset[str]:
        """The pairs of the object words of a name (read once per name: ancestors are shared)."""
        found = self._name_grams.get(reading.text)
        if found is None:
            found = frozenset(g for t in reading.objects for g in bigrams(_key(t)))
            self._name_grams[reading.text] = found
        return found

    def _word(self, token: Token) -> _Word:
        """A word as compared (worked out once per distinct word)."""
        memo_key = (token.text, token.kind, token.key, token.items)
        found = self._words_memo.get(memo_key)
        if found is None:
            found = self._words_memo[memo_key] = self._make_word(token)
        return found

    def _make_word(self, token: Token) -> _Word:
        key = _key(token)
        grams = bigrams(key)
        idf, unknown = self._idf, self._idf_unknown
        weights = tuple([idf.get(g, unknown) for g in grams])
        mean = sum(weights) / len(weights) if weights else 0.0
        weight = mean * min(1.0 + 0.15 * (len(grams) - 1), 1.6)
        if key in self._opaque:  # 营商环境: its pairs (环境) are not the entries' words
            grams, weights = (key,), (sum(weights),)
        if token.kind == "qualifier":
            weight *= scoring.QUALIFIER_WEIGHT
        elif token.kind == "unknown":
            weight *= scoring.UNKNOWN_WEIGHT if len(key) > 1 else scoring.QUALIFIER_WEIGHT
        keys = (key, *token.items, *self._narrower.get(key, ()))
        return _Word(token, keys, grams, weights, sum(weights), weight, tuple(zip(grams, weights)))  # noqa: B905

    # -- reading lines ----------------------------------------------------------------------------
    def prepare(self, text: object) -> Prepared:
        """Clean, canonicalise and read ``text``; raise :class:`InvalidText` for junk (of any
        type: what callers pass through unchecked is checked here)."""
        if not isinstance(text, str):
            raise InvalidText(f"预算项目文本应为字符串，得到 {type(text).__name__}")
        if not text.strip():
            raise InvalidText("预算项目文本为空")
        if len(text) > MAX_TEXT_CHARS:
            raise InvalidText(
                f"预算项目文本过长（{len(text)} 字，上限 {MAX_TEXT_CHARS} 字）：“{_short(text)}”"
            )
        original, label = text, ""
        if "）" in text or ")" in text:
            # a label in brackets at the end (…（一期）, …（第二包）, …（政府购买服务）) says which
            # part or how it is bought: the line is read without it, and a bracket before it
            # is the line's last
            text, label = _without_label(text)
        cleaned, canonical, rewrites, reading, typos = self._read_line(text)
        # the words of the line as ``_line_word`` gives them: most are in its memo already
        known, line_word = self._line_words.get, self._line_word
        read = [known(_memo_key(t)) or line_word(t) for part in reading.parts for t in part]
        if "“" in text or '"' in text:
            names = [nfkc(q) for q in _QUOTED.findall(text)]
            if names:
                read = [
                    _as_name(r)
                    if r[0].token.kind == "unknown" and _in_names(r[0].token.text, names)
                    else _as_name(r, keep_field=True)
                    if self._campaign_service(r[0].token, reading, names, rewrites)
                    else r
                    for r in read
                ]
        words = tuple([w for w, _, _ in read])
        heads = reading.heads
        families: set[str] = set()
        related = self._related
        for head in heads:
            if head.family is not None:
                families.add(head.family)
                families.update(related.get(head.family, ()))
        total = (
            sum([w.weight for w in words])
            + scoring.SERVICE_WEIGHT * len(heads)
            + scoring.ACTIVITY_WEIGHT * len(reading.activities)
            + scoring.MODIFIER_WEIGHT * len(reading.modifiers)
        )
        services = heads + tuple([w.token for w in words if w.token.kind in SERVICE_KINDS])
        agreements = self._agreements
        main = reading.main
        if label:
            cleaned = Cleaned(cleaned.text, (*cleaned.removed, label), cleaned.agency)
        return Prepared(
            original,
            cleaned.text,
            canonical,
            rewrites,
            cleaned.removed,
            cleaned.agency,  # type: ignore[arg-type]
            reading,
            words,
            frozenset().union(*[w.grams for w in words]),
            frozenset().union(*[w.keys for w in words]),
            frozenset(families),
            tuple([info for _, info, _ in read]),
            tuple([share for _, _, share in read]),
            total,
            services,
            len(heads),
            tuple([agreements(t) for t in services]),
            tuple([agreements(t) for t in main]),
            _main_other(main, heads),
            content=_without(
                canonical,
                reading.modifiers + tuple([t for t in reading.tokens if t.key in self._opaque])
                if self._opaque
                else reading.modifiers,
            ),
            typos=typos,
        )

    def _campaign_service(
        self,
        token: Token,
        reading: Reading,
        names: list[str],
        rewrites: tuple[tuple[str, str], ...],
    ) -> bool:
        """Whether a service word of the line's object is written inside a quoted campaign or
        event name and is of the kind of the line's main service, with no entry's name writing
        it (“安全宣传五进”进社区活动, “文化惠民”群众文艺演出): the name says which campaign, and
        the service it names is the one the line buys; its words are not an object for an
        entry to explain. A word a synonym rewrote (五进 → 进基层活动) is in the name as
        written."""
        if token.kind != "service" or token.family is None:
            return False
        if not any(h.family == token.family for h in reading.main):
            return False
        text = token.text
        if not any(
            _in_names(written, names)
            for written in (text, *[src for src, dst in rewrites if dst == text])
        ):
            return False
        return not self.entries_named(text)

    def _read(
        self, text: str
    ) -> tuple[Cleaned, str, tuple[tuple[str, str], ...], Reading, tuple[tuple[str, str], ...]]:
        """``text`` cleaned, its canonical form with the rewrites made, its reading (the
        canonical form is empty for a cell with nothing to buy in it) and the homophone slips
        read otherwise in it (:mod:`catalogue.homophones`)."""
        row = self._row_columns(text)
        if (
            row is None
            and len(text) <= MAX_AGENCY_CELL
            and (
                self.tree.agency_reading(text) is not None or self.tree.unit_cell(text) is not None
            )
        ):
            cleaned = clean("")  # a cell that is only an agency's name has nothing to buy
        elif row is None:
            cleaned = clean(text, self.tree.leading_agency)
        else:
            # a row of a table pasted as one cell names its buyer in a column (…|地质灾害防治
            # 知识宣传|古交市河口镇人民政府): the buyer, unless one opens the line
            rest, column_buyer, taken_out = row
            cleaned = clean(rest, self.tree.leading_agency)
            agency = cleaned.agency if cleaned.agency is not None else column_buyer
            cleaned = Cleaned(cleaned.text, (*cleaned.removed, *taken_out), agency)
        canonical, rewrites = self._canon.rewrite(cleaned.text)
        if (
            cleaned.agency is not None
            and not getattr(cleaned.agency, "departments", ())
            and not self.lexicon.read(canonical).has_content
        ):
            # a unit outside the 15 whose name takes the service the line buys is not its
            # buyer: after 孝义市, 食品安全风险监测（哨点医院）服务 reads as a hospital's name
            # and 服务. Read without it when that leaves nothing and it has a service
            whole = clean(text, self._department_agency)
            whole_canonical, whole_rewrites = self._canon.rewrite(whole.text)
            if self.lexicon.read(whole_canonical).heads:
                cleaned, canonical, rewrites = whole, whole_canonical, whole_rewrites
        if len(canonical) <= MAX_AGENCY_CELL and self.tree.agency_reading(canonical) is not None:
            canonical = ""  # 生态环境:A170303 (a department and a code), 合计 of an agency
        if not has_han(canonical) and not has_han(text):
            # a number, a code or symbols (30227, A170303, 156.80): a cell of a table with
            # nothing to buy in it, as an agency's name alone is
            canonical = ""
        reading = self.lexicon.read(canonical)
        if not any(t.kind == "unknown" for t in reading.tokens):
            return cleaned, canonical, rewrites, reading, ()
        # the line's last word, where its main service would be, when the lexicon lacks it
        last = reading.last_word(("modifier", "sep"))
        if last is not None and last.kind != "unknown":
            last = None
        if reading.heads:
            # a line that names a service is read as written (its unknown words are names,
            # places and terms the lexicon lacks: 督察, 春秋两季), but for a short one (a
            # query) that ends in an unknown word, where its main service would be (统计规化)
            if len(canonical) > _SHORT_QUERY or last is None:
                return cleaned, canonical, rewrites, reading, ()
            runs = [(last.start, last.end)]
            tail = None
        else:
            runs = [(t.start, t.end) for t in reading.tokens if t.kind == "unknown"]
            # ... and the end of the last word, where its service would be (避险转移演炼)
            tail = None if last is None else (last.start, last.end)
        bounds = {t.start for t in reading.tokens} | {t.end for t in reading.tokens}
        corrected, typos = self._corrector().correct(canonical, runs, bounds, tail)
        if not typos:
            return cleaned, canonical, rewrites, reading, ()
        again = self.lexicon.read(corrected)
        read_words = [t.text for t in again.tokens if t.kind != "unknown"]
        if not all(any(word in read for read in read_words) for _, word in typos):
            # a word made of a swapped character that the reading then cuts otherwise (it may
            # be part of a longer word: 应急演炼 is read as 应急演练)
            return cleaned, canonical, rewrites, reading, ()
        return cleaned, corrected, (*rewrites, *typos), again, typos

    def _corrector(self) -> Corrector:
        """The reader of homophone slips, made on first use (from the lexicon's words)."""
        corrector = self._homophones
        if corrector is None:
            corrector = self._homophones = Corrector.of_lexicon(self.lexicon.table.words)
        return corrector

    def _read_line(
        self, text: str, depth: int = 0
    ) -> tuple[Cleaned, str, tuple[tuple[str, str], ...], Reading, tuple[tuple[str, str], ...]]:
        """``_read`` of ``text`` with its closing bracket weighed: a side note to what is
        bought, or what the line is. The text before a bracket is read the same way once more
        (…受理服务（驻场6人）（含方案编制、组织实施及成果报告）: two brackets close it)."""
        cleaned, canonical, rewrites, reading, typos = self._read(text)
        # the closing bracket: a side note to what is bought, or what the line is
        tail = _TRAILING_BRACKET.search(text) if ("）" in text or ")" in text) else None
        if tail is not None and (not _closes(tail.group(2)) or only_boilerplate(tail.group(1))):
            # words of content after the bracket, or a bracket of the boilerplate the line
            # ends in (…（驻场6人）采购项目中标（成交）结果公告): the line's last bracket, if
            # any, is the one before that boilerplate
            tail = _TRAILING_BRACKET.search(_without_boilerplate_end(text))
            if tail is not None and not _closes(tail.group(2)):
                tail = None  # words of content after the bracket: it does not close the text
        inner = tail.group(1).strip() if tail is not None else ""
        if (
            tail is not None
            and tail.start() > 0
            and inner.startswith(_ENTRUSTED)
            and not self.lexicon.read(self._canonical(inner[len(_ENTRUSTED) :])).heads
        ):
            # a closing bracket that only says who is entrusted with the work (…培训班（委托
            # 高校）, …疗养（委托疗养院）) names the provider, not what the service is done on
            bare = self._without_tail(text, tail, depth)
            if bare[3].has_content:
                cleaned, canonical, rewrites, reading, typos = bare
        elif tail is not None and reading.main:
            # a closing bracket says what the line is beside what it buys (…监测（第三方平台数据
            # 服务）, …规划编制经费（中央…保护利用示范资金）, …预警（年度体检）): when the line's
            # main service comes from it and the text before it names a service, that is the
            # line's
            before = text[: tail.start()]
            if _aside(before, tail.group(1)) or (
                not tail.group(1).startswith(_STEPS)
                and _ends_in_service(self._before(before, depth))
            ):
                # (a bracket right after a service word says what that service covers:
                # 专题培训（工业机器人操作与系统集成应用）委托服务项目 is training)
                cut = self._without_tail(text, tail, depth)
                mains = {h.family or h.text for h in reading.main}
                cut_mains = {h.family or h.text for h in cut[3].heads}
                # the text before names a service the second batch lists, of another kind
                if any(h.kind == "service" for h in cut[3].main) and not mains & cut_mains:
                    cleaned, canonical, rewrites, reading, typos = cut
        return cleaned, canonical, rewrites, reading, typos

    def _before(self, before: str, depth: int) -> Reading:
        """The reading of the text ``before`` a closing bracket; when it ends in a bracket of
        its own, that one weighed as ``_read_line`` does (…受理服务（驻场6人）: 受理)."""
        if depth + 1 < _BRACKETS_READ and before.rstrip().endswith(("）", ")")):
            return self._read_line(before, depth + 1)[3]
        return self.lexicon.read(before)

    def _without_tail(
        self, text: str, tail: re.Match[str], depth: int = _BRACKETS_READ
    ) -> tuple[Cleaned, str, tuple[tuple[str, str], ...], Reading, tuple[tuple[str, str], ...]]:
        """``_read`` of ``text`` without its closing bracket ``tail``, which is recorded as
        removed (the text before it read as ``_read_line`` does, below ``_BRACKETS_READ``
        deep)."""
        rest = text[: tail.start()] + tail.group(2)
        cut, canonical, rewrites, reading, typos = (
            self._read_line(rest, depth + 1) if depth + 1 < _BRACKETS_READ else self._read(rest)
        )
        return (
            Cleaned(cut.text, (*cut.removed, tail.group(0)), cut.agency),
            canonical,
            rewrites,
            reading,
            typos,
        )

    def _row_columns(self, text: str) -> tuple[str, Any, tuple[str, ...]] | None:
        """A table row pasted as one cell (…|地质灾害防治知识宣传|古交市河口镇人民政府; 项目 购买
        主体 承接主体 金额 期限): the text without the columns that are not what is bought, the
        buyer a column names (or ``None``) and the columns taken out; ``None`` when no column is
        taken out. A column is the buyer when it is an agency's name with its suffix (孝义市生态
        环境局, 河口镇人民政府; not a department's or a field's bare name, 生态环境 or 社区, which
        a category column writes); a supplier (山西某某检测技术有限公司) and a term (8个月) are
        taken out, and so is a reviewer's opinion after the first column (同意安排, 核减3.5万元).
        Not when the text names an award's winner (成交供应商：…), nor when only place
        names are left (孝义市 生态环境局 is one name); an agency in the first column is read as
        one that opens a line (:func:`catalogue.text.clean`: never a unit named for what is
        bought, 村庄污水处理站 委托运营)."""
        cols = columns(text)
        if len(cols) < 2 or without_awarded(text) != text:
            return None
        buyer: Any = None
        kept: list[str] = []
        dropped: list[str] = []
        for n, col in enumerate(cols):
            if supplier_or_term_column(col) or (n and opinion_column(col)):
                dropped.append(col)
                continue
            # (an agency in the first column is read as one opening a line is: clean)
            if buyer is None and n and 2 <= len(col) <= MAX_AGENCY_CELL and ":" not in col:
                read = self.tree.agency_reading(col) or self.tree.unit_cell(col)
                if read is not None and read.kind != "department" and read.written != read.core:
                    buyer = read
                    dropped.append(col)
                    continue
            kept.append(col)
        rest = " ".join(kept)
        if not dropped or not rest or places().leading(rest) == len(rest):
            return None
        return rest, buyer, tuple(dropped)

    def _department_agency(self, text: str, place: str = "") -> tuple[Any, int] | None:
        """``tree.leading_agency``, but only for an agency of the 15 departments."""
        read = self.tree.leading_agency(text, place)
        return read if read is not None and read[0].departments else None

    def _line_word(self, token: Token) -> tuple[_Word, _Info, _Share]:
        """An object word of a line as compared, and what the scores ask of it (``infos`` and
        ``shares`` of :class:`Prepared`), worked out once per distinct word. A token's text and
        whether it is read as an object decide the rest of it (its kind, key, family and items
        are the lexicon's for that text, a run of unknown characters is no word of the lexicon,
        and a service word read as the work it names, 公益广告 of 公益广告创作, is always read
        as the same object), so those two are the key (``_memo_key``)."""
        memo = _memo_key(token)
        found = self._line_words.get(memo)
        if found is None:
            w = self._make_word(token)
            full, partial = self._named_by(w)
            fields = self._in_fields(w.keys[0])
            if token.text != w.keys[0] and token.text not in self._opaque:
                # a word is in a field as it is written as well as in its canonical form (玉米
                # is 粮油产品 to name an entry, and a crop of 农业农村's field)
                for department, share in self._in_fields(token.text).items():
                    if share > fields.get(department, 0.0):
                        fields[department] = share
            info = (w.weight, full, partial, fields, token.text, token.kind == "qualifier")
            named = dict(partial)
            named.update(dict.fromkeys(full, 1.0))
            step = (full, token.text) if token.text in self._steps else None
            found = self._line_words.put(memo, (w, info, (w.weight, named, fields, step)))
        return found

    def _pair(self, text: Token, entry: Token) -> float:
        """How a head service of the line agrees with a head service of an entry."""
        return self._agreements(text)[entry.text]

    def _agreements(self, token: Token) -> _Agreements:
        """How a service word of a line agrees with each head service word of the entries
        (filled in as they are asked for)."""
        # a service word's text alone does not decide its family: the steps a line writes with
        # no service word are read as the service they are steps of (影像记录、整理 of 保护传承),
        # where 整理 elsewhere is a step of information work; so the family is part of the key
        key = (token.text, token.family, token.items)
        found = self._pairs.get(key)
        if found is None:
            found = self._pairs.put(key, _Agreements(self, token))
        return found

    def _agree(self, text: Token, entry: Token) -> float:
        if text.text in entry.text or entry.text in text.text:
            return scoring.SAME_WORD  # 抽检 / 监督抽检, 检测 / 检验检测
        if entry.text in text.items or text.text in entry.items:
            return scoring.SAME_WORD
        if text.family is None or entry.family is None:
            return 0.0
        if text.family == entry.family or any(
            self.lexicon.family_of(item) == text.family for item in entry.items
        ):
            # (a compound of service words is of each of their families: 评价 is an 评估 as the
            # 评估 of 评审鉴定评估 is)
            value = scoring.SAME_FAMILY
        elif entry.family in self._related.get(text.family, ()):
            value = scoring.RELATED_FAMILY
            # ... unless both words start with the same service word of the entry's family: a
            # 统计调查 is 统计 work as a 统计分析 is (verdicts 6 better, 1 worse on all labels)
            lead = entry.text[:2]
            if (
                len(text.text) > 2
                and text.text.startswith(lead)
                and lead in self.lexicon.families[entry.family].words
            ):
                value = scoring.SAME_FAMILY
        else:
            return 0.0
        # of two words of the family, the one that shares more characters is closer
        # (招聘活动 is nearer 招聘会 than 人才推介), or abbreviates it as a four-character word is
        # cut, to the first character of each half (抽样检验 is 抽检 of 监督抽检)
        shared = (
            not _head_pairs(entry.text).isdisjoint(self._head_grams(text.text))
            or _abbreviated(text.text, entry.text)
            or _abbreviated(entry.text, text.text)
        )
        if not shared and not set(text.text).isdisjoint(entry.text.replace("服务", "")):
            return value + scoring.SHARED_CHARACTER  # 抽检 / 监督抽查, not 风险监测
        return value + scoring.FAMILY_CLOSENESS * shared

    def field_share(self, scored: Scored) -> float:
        """How much of the line's object lies in the scored entry's department's field (1 for
        a line with no object)."""
        return self._field_share(scored.prepared, scored.model)

    def _field_share(self, prepared: Prepared, m: _Model) -> float:
        """How much of the line's object lies in the entry's department's field (qualifiers
        aside: 专项工作 names no object)."""
        total = explained = 0.0
        position, department, activities = m.position, m.department, m.activities
        for weight, full, partial, fields, text, qualifier in prepared.infos:
            if qualifier:
                continue
            total += weight
            if position in full:
                explained += weight
            elif text in activities:
                explained += weight * scoring.ACTIVITY
            else:
                explained += weight * max(partial.get(position, 0.0), fields.get(department, 0.0))
        return explained / total if total else 1.0

    def word_fields(self, word: str) -> dict[str, float]:
        """Department -> the share of ``word``'s characters that words of its field cover."""
        return self._in_fields(word)

    def _head_field(self, prepared: Prepared, department: str) -> float:
        """The largest share of a head service word of the line that ``department``'s field
        has (人口普查: 统计's whole)."""
        found = prepared.head_fields
        if found is None:
            found = {}
            for head in prepared.reading.heads:
                for name, share in self._in_fields(head.text).items():
                    if share > found.get(name, 0.0):
                        found[name] = share
            prepared.head_fields = found
        return found.get(department, 0.0)

    def _in_fields(self, word: str) -> dict[str, float]:
        """Department -> the share of ``word``'s characters that words of its field cover (one
        pass over the word for all departments); a word whose parts name nothing of it (营商环境
        is not 环境) only whole."""
        if word in self._opaque:
            return dict.fromkeys(self._field_words.get(word, ()), 1.0)
        covered: dict[str, set[int]] = {}
        n = len(word)
        words = self._field_words
        lengths_at = self._field_starts.get
        for start in range(n):
            for length in lengths_at(word[start], ()):
                if start + length > n:
                    continue
                departments = words.get(word[start : start + length])
                if departments:
                    for department in departments:
                        covered.setdefault(department, set()).update(range(start, start + length))
        return {d: len(chars) / n for d, chars in covered.items()}

    def _names_with(self, key: str) -> Collection[int]:
        """The entries whose canonical level-4 name has ``key``. Found in ``_names`` for the
        first words a process looks for; then in the names that have its character, or each of
        its pairs (a few µs a word, where finding every place it is in ``_names`` takes up to
        15: a short word is in dozens of names)."""
        index = self._name_index
        if index is None or not key:  # (an empty word is in every name)
            self._names_looked += 1
            if self._names_looked <= _NAME_INDEX_AFTER or not key:
                return self._found_in_names(key)
            index = self._name_index = self._make_name_index()
        chars, pairs = index
        if len(key) == 1:
            return chars.get(key, ())
        found: frozenset[int] | None = None
        for pair in bigrams(key):
            having = pairs.get(pair)
            if having is None:
                return ()
            found = having if found is None else found & having
            if not found:
                return ()
        if found is None or len(key) == 2:
            return found or ()
        models = self._models
        return [p for p in found if key in models[p].name]

    def _found_in_names(self, key: str) -> set[int]:
        """The entries whose name has ``key``: every place it is in ``_names``."""
        full = set()
        names, starts = self._names, self._starts
        start = names.find(key)
        while start >= 0:
            full.add(bisect_right(starts, start) - 1)
            start = names.find(key, start + 1)
        return full

    def _make_name_index(self) -> tuple[dict[str, frozenset[int]], dict[str, frozenset[int]]]:
        """The entries by the characters and by the pairs of their canonical level-4 names."""
        chars: dict[str, list[int]] = {}
        pairs: dict[str, list[int]] = {}
        for m in self._models:
            for c in set(m.name):
                chars.setdefault(c, []).append(m.position)
            for pair in set(bigrams(m.name)):
                pairs.setdefault(pair, []).append(m.position)
        return (
            {c: frozenset(ps) for c, ps in chars.items()},
            {g: frozenset(ps) for g, ps in pairs.items()},
        )

    def _named_by(self, w: _Word) -> tuple[frozenset[int], dict[int, float]]:
        """The entries whose level-4 name has the word (whole, or as a broader or narrower
        word), and for the others how much of it their names have, pair by pair (a pair of the
        level-3 name counts LEVEL3, of the level-2 name LEVEL2)."""
        full: set[int] = set()
        for key in w.keys:
            full.update(self._names_with(key))
            full.update(self._by_key.get(key, ()))
        partial: dict[int, float] = {}
        den = sum(w.weights)
        if den:
            gram_levels = self._gram_levels
            for g, gw in zip(w.grams, w.weights, strict=True):
                levels = gram_levels.get(g)
                if levels:
                    for position, factor in levels.items():
                        partial[position] = partial.get(position, 0.0) + gw * factor / den
        token = w.token
        if token.kind in SERVICE_KINDS and token.family is not None:
            # a service word of the line that is not its main one (规划编制 of 规划编制单位人员
            # 培训) names what the main one is done on: an entry that writes a word of its
            # family there (规划 of 国土空间规划从业人员培训) has it in another form
            for position in self._by_key.get(_FAMILY_KEY + token.family, ()):
                if position not in full and partial.get(position, 0.0) < scoring.FAMILY_NAMED:
                    partial[position] = scoring.FAMILY_NAMED
        # most words are whole in no name (on the distinct-lines benchmark, 0.5 names a word):
        # one empty set for them all
        return frozenset(full) if full else _IN_NO_NAME, partial

    def score(
        self, prepared: Prepared, m: _Model, buyer: Collection[str] = (), bar: float = 0.0
    ) -> Scored | None:
        """The exact score of one entry for a line bought by ``buyer`` (its departments):
        the service agreement, the entry coverage and the text coverage (``_service``,
        ``_entry_coverage`` and ``_text_coverage``, written out here in one function: a line
        has a dozen entries scored).

        ``bar``: a score the caller needs; ``None`` when the entry cannot reach it (its score,
        as rounded, is below ``bar`` whatever its entry coverage, which is at most 1: then that
        coverage is not worked out). With ``bar`` 0 the entry is always scored."""
        agreements = prepared.agreements
        entry_heads = m.head_texts
        activities = m.activities
        head_count = prepared.head_count
        # -- the service agreement
        best = 0.0
        field_related = False
        if not head_count or not entry_heads:
            service = scoring.NO_SERVICE
        else:
            for k in range(head_count):
                row = agreements[k]
                for e in entry_heads:
                    value = row[e]
                    if value > best:
                        best = value
            if best <= 0 or (
                (m.generic or not m.parts)
                and best < scoring.SAME_FAMILY
                # ... save the buyer's own entry about its whole field when the line names a
                # service of a related kind and no object, or an object mostly in that field
                # (人口普查经费 for a 统计局: its 统计专项调查服务; 游客抽样调查 for a 文化和旅游
                # 局: its 文化和旅游行业统计分析服务), at most for review, as a related service is
                and not (
                    m.generic
                    and (
                        m.department in buyer
                        or self._head_field(prepared, m.department) >= scoring.HEAD_IN_FIELD
                    )
                    and (
                        not prepared.names_object
                        or (
                            field_related := self._field_share(prepared, m)
                            >= scoring.OBJECT_IN_FIELD
                        )
                    )
                )
                # ... and an entry whose level-3 name names the line's kind of service (科技研发
                # 公共服务 under 科技研发与推广服务, for 科技成果转化: related, so at most review)
                and not self._group_named(prepared, m)
            ):
                return tuple.__new__(Scored, (0.0, 0.0, 0.0, 0.0, m, prepared))  # type: ignore[no-any-return]
            service = best * prepared.main_other
            for h, row in zip(prepared.reading.main, prepared.main_agreements):  # noqa: B905
                if h.text in activities:
                    service = best
                    break
                for e in entry_heads:
                    if row[e] > 0:
                        service = best
                        break
                else:
                    continue
                break
            if field_related and best < scoring.SAME_FAMILY:
                # the field's own entry, for a related service on an object of the field: after
                # any entry that names the object
                service *= scoring.FIELD_RELATED
        # -- the text coverage (before the entry coverage: it bounds the score)
        total = prepared.total
        if not total:
            tc = 0.0
        else:
            field, position, department = m.field, m.position, m.department
            explained = 0.0
            # per word: 1 when a name of the entry has it whole, else a step of the entry's
            # service, else the larger of what its names and its department's field have of it
            # (a field's share is at most 1: ``max`` leaves the 1 of a whole word as it is)
            for weight, shares, fields, step in prepared.shares:
                named = shares.get(position, 0.0)
                if step is not None and position not in step[0] and step[1] in activities:
                    explained += weight * scoring.ACTIVITY
                    continue
                in_field = field * fields.get(department, 0.0)
                explained += weight * (named if named > in_field else in_field)
            reading = prepared.reading
            families = m.families
            related = self._related
            for k, h in enumerate(reading.heads):
                family = h.family
                if h.text in activities or (
                    family is not None
                    and (family in families or not families.isdisjoint(related.get(family, ())))
                ):
                    explained += scoring.SERVICE_WEIGHT
                    continue
                row = agreements[k]
                for e in entry_heads:
                    if row[e] > 0:
                        explained += scoring.SERVICE_WEIGHT
                        break
            if reading.activities:
                name = m.name
                for token in reading.activities:
                    if token.text in activities or token.key in name:
                        explained += scoring.ACTIVITY_WEIGHT
            for token in reading.modifiers:
                if token.text in m.name:
                    explained += scoring.MODIFIER_WEIGHT
            tc = explained / total
        # the entry's service on an object the entry names: the text coverage has a floor (see
        # TC_FLOOR; whether the object is named is known once the entry coverage is)
        floored = service >= scoring.SAME_FAMILY and bool(m.parts) and not m.generic
        if bar > 0.0:
            # the entry coverage is at most 1: the score is at most this (the same operations in
            # the same order, less the factor of at most 1, so also as floating-point numbers)
            floor = max(tc, scoring.TC_FLOOR) if floored else tc
            bound = 100.0 * service * (floor**_TC_EXP)
            if round(min(bound, 100.0), 1) < bar:
                return None
        # -- the entry coverage
        generic = 0.0
        if m.generic:
            generic = scoring.GENERIC_EMPTY
            if prepared.words:
                generic *= max(self._field_share(prepared, m), 0.5)
            elif (
                m.department not in buyer
                and self._head_field(prepared, m.department) < scoring.HEAD_IN_FIELD
            ):
                # nothing in the line says the field is this department's (a service word of
                # its field does: 人口普查 is 统计's)
                generic *= scoring.NO_OBJECT
        head = best  # the best agreement of the heads; then of the object's service words
        for k in range(head_count if entry_heads else len(agreements), len(agreements)):
            row = agreements[k]
            for e in entry_heads:
                value = row[e]
                if value > head:
                    head = value
        head_weight = m.head_weight
        if m.generic and m.department in buyer:
            # the buyer is the entry's department: an entry about that department's whole
            # field (统计专项调查服务 for a 统计局) has its object named by the buyer itself
            named = m.object_weight
            ec = max((head * head_weight + named) / (head_weight + named), generic)
        elif not m.parts:  # the entry is its service alone (异地祭扫服务, 航空应急救援服务)
            ec = head
            if len(entry_heads) > 1:
                # ... of two service words, the first the kind of the second (新媒体制作 …
                # 宣传服务): the line names the first, or both, or it is covered only half
                # (宣传活动 alone is no 新媒体制作; 微信公众号运营 is)
                each = [max([row[e] for row in agreements], default=0.0) for e in entry_heads]
                if each[0] < scoring.SAME_FAMILY:
                    each[0] = 0.0
                ec = max(each[0], sum(each) / len(each))
        else:
            keys, canonical, grams = prepared.keys, prepared.content, prepared.grams
            naming = _naming
            num, den = head * head_weight, head_weight
            # the parts the line names count; when it names an item of the entry's object, the
            # parts it does not name are left out (items of an enumeration it does not name):
            # the denominator of each case, summed in the parts' order
            den_named = den
            # ... and when an item is named by an object word written whole, the items named
            # only by shared pairs or qualifiers are not named either (光伏 names 新能源 of
            # 煤炭、电力、新能源…、清洁能源利用行业咨询服务; the 能源 it shares with 清洁能源, or
            # the 行业 of the last item, names no other)
            num_whole, den_whole = num, den
            some = some_whole = False
            whole = False  # a word of the entry's object is in the line whole (two characters up)
            # a word of the entry that names its own department (工信 of 工业和信息化领域新动能
            # 培育…, 住建 of 住建行业…) is named by a buyer of that department; not an item of
            # an enumeration (煤炭 of 煤炭、电力、新能源…行业统计分析: a part of its own)
            own = self._department_cores()[m.department] if m.department in buyer else None
            single = len(m.covers) == 1
            for part, item in zip(m.covers, m.items):  # noqa: B905
                pn = pd = 0.0
                named_whole = False
                label = own is not None and (single or len(part) > 1)
                for weight, word_keys, pairs, total, is_object in part:
                    pd += weight
                    if label and word_keys[0] in own:  # type: ignore[operator]
                        pn += weight
                        continue
                    key, got = naming(word_keys, pairs, keys, canonical, grams)
                    if key is not None:
                        pn += weight
                        whole = whole or len(key) > 1
                        named_whole = named_whole or is_object
                    elif got:
                        pn += weight * got / total
                if pn > 0:
                    num += pn  # (a part not named adds nothing to the numerator)
                    den_named += pd
                    if item:
                        some = True
                        if named_whole:
                            some_whole = True
                            num_whole += pn
                            den_whole += pd
                den += pd
            if some_whole and len(m.covers) > 1:
                num, den = num_whole, den_whole
            elif some:
                den = den_named
            coverage = num / den if den else 0.0
            if (
                not prepared.words
                and not m.generic
                and not whole
                and not any(
                    h.text in entry_heads and compound_service(h.text)
                    for h in prepared.reading.heads
                )
            ):
                # a service with no object: which entry's is it? (an entry's object written as
                # a service word, 认证 of 认证技术评审, is named all the same; so is an entry whose
                # own compound service word the line writes, 执法监测)
                coverage *= scoring.NO_OBJECT
            ec = max(coverage, generic)
        if floored and tc < scoring.TC_FLOOR and ec >= scoring.NAMED_OBJECT:
            tc = scoring.TC_FLOOR
        # the entry's object is named as a person reads it, when the line's object lies in the
        # entry's department's field (交通安全宣传进校园 is no 应急 line), by a framing word of
        # the entry's own (进基层: 安全知识进企业进社区), or, for an entry that enumerates the
        # kinds of that whole field, by the entry's own kind of service on an object of the
        # field it does not enumerate (重点用能单位 of 能源's 煤炭、电力…行业统计分析); the text
        # coverage is not floored for it
        if (
            ec < scoring.NAMED_OBJECT
            and (
                (service >= scoring.SURE_SERVICE and m.position in self._field_kinds)
                or self._names_framing(prepared, m)
            )
            and self.field_shares(prepared).get(m.department, 0.0) >= scoring.OBJECT_IN_FIELD
        ):
            ec = scoring.NAMED_OBJECT
        score = 100.0 * service * (ec**_EC_EXP) * (tc**_TC_EXP)
        return tuple.__new__(  # type: ignore[no-any-return]
            Scored, (round(min(score, 100.0), 1), service, ec, tc, m, prepared)
        )

    # -- ranking ----------------------------------------------------------------------------------
    def _estimates(self, prepared: Prepared) -> dict[int, float]:
        """The candidate stage: a cheap estimate for every entry that shares a service family
        or an object pair with the line (no loop over the entries). With a service, the
        entries of its families only, in catalogue order."""
        by_gram = self._by_gram
        heads = prepared.reading.heads
        grams = set(prepared.grams)
        for head in heads:
            grams.update(self._head_grams(head.text))
        postings = [hit for g in grams if (hit := by_gram.get(g)) is not None]
        # a word of the line written whole in an entry's name is that entry's object, whatever
        # share of its pairs the name has (农产品 in 农产品质量安全检测)
        bonuses = []
        infos = prepared.infos
        if infos:
            weights = sum(info[0] for info in infos) or 1.0
            for weight, full, _, _, text, _ in infos:
                if len(text) < 3:  # 环境, 安全: in too many names to tell
                    continue
                bonuses.append((scoring.WHOLE_WORD_ESTIMATE * weight / weights, full))
        if not heads:  # every entry touched, in the order they are first touched
            touched: dict[int, float] = {}
            get = touched.get
            for pairs in postings:
                for position, share in pairs:
                    touched[position] = get(position, 0.0) + share
            for bonus, full in bonuses:
                for position in full:
                    touched[position] = get(position, 0.0) + bonus
            return touched
        # the same sums, added in the same order, in a list by position (a line touches about
        # 50 entries: indexing a list is faster than a dictionary's get and set)
        sums = [0.0] * len(self._models)
        for pairs in postings:
            for position, share in pairs:
                sums[position] += share
        for bonus, full in bonuses:
            for position in full:
                sums[position] += bonus
        # a line with a service: only entries of the same or a related kind can match; those
        # that share the object come first. An entry that is its service alone
        # (群众文化活动的组织与承办服务) can cover the whole line with it
        # an entry about its department's whole field (统计专项调查服务) shares no pair with
        # the line; it is estimated by how much of the line's object lies in that field
        every, alone, whole = self._of_families(prepared)
        # ... and those of the line's own kind of a department whose field holds the line's
        # object before those of one whose does not (玉米密植高产技术示范推广: 农业农村's, though
        # 玉米 also names grain)
        shares = self.field_shares(prepared) if infos else {}
        department_of, lean = self._department_of, scoring.FIELD_ESTIMATE
        out = {
            position: (
                sums[position]
                + (lean * shares.get(department_of[position], 0.0) if factor == 1.0 else 0.0)
                + 0.1
            )
            * factor
            for position, factor in every
        }
        # an entry whose service word is the line's (a listed service) with words the line
        # also writes does the line's service, whatever family the lexicon gives each (退役人才
        # 推介 and 人才推介): exact scoring reads them as the same word (``_agree``); not when
        # the line lacks those words (大数据处理 and 投诉处理)
        added = False
        canonical = prepared.canonical
        for head in heads:
            if head.kind != "service":
                continue
            for position, rest in self._containing(head.text):
                if out.get(position, 0.0) < sums[position] + 0.1 and all(
                    part in canonical for part in rest
                ):
                    department = department_of[position]
                    out[position] = sums[position] + lean * shares.get(department, 0.0) + 0.1
                    added = True
        if added:  # in catalogue order again, so that ties keep it
            out = {p: out[p] for p in sorted(out)}
        for position, factor in alone:  # in ``out`` already: its place (catalogue order) stays
            out[position] = (1.0 + 0.1) * factor
        if whole:
            for position, factor, department in whole:
                base = max(sums[position], shares.get(department, 0.0))
                if self._head_field(prepared, department) >= scoring.HEAD_IN_FIELD:
                    base = max(base, 1.0)  # (HEAD_IN_FIELD) 人口普查: 统计's whole field
                out[position] = (base + 0.1) * factor
        # an entry that names no service is of no family: whatever the line's service, it is
        # estimated by its object, as of a related kind (新型农业经营主体培育 and 农业企业、新型农业
        # 经营主体服务; it reaches review at most, its service unnamed)
        for position in self._serviceless:
            if sums[position] > 0 and position not in out:
                out[position] = (sums[position] + 0.1) * scoring.RELATED_ESTIMATE
        return out

    @staticmethod
    def field_shares(prepared: Prepared) -> dict[str, float]:
        """Department -> the share of the line's object (qualifiers aside) in its field."""
        total = 0.0
        shares: dict[str, float] = {}
        for weight, _, _, fields, _, qualifier in prepared.infos:
            if qualifier:
                continue
            total += weight
            for department, share in fields.items():
                shares[department] = shares.get(department, 0.0) + weight * share
        return {d: v / total for d, v in shares.items()} if total else {}

    def _head_grams(self, word: str) -> tuple[str, ...]:
        """The pairs of a head service word (the lexicon's words: a few hundred)."""
        found = self._head_bigrams.get(word)
        if found is None:
            found = self._head_bigrams[word] = bigrams(word)
        return found

    def _of_families(self, prepared: Prepared) -> _Families:
        """The entries of the line's service families (its heads' and the related ones), in
        catalogue order, as the estimate reads them: each with 1 for an entry of a head's own
        family (else 0.7); those of them that name no object (estimated as if they covered the
        line), and those about their department's whole field, with that department."""
        exact = frozenset([h.family for h in prepared.reading.heads])
        key = (prepared.families, exact)
        found = self._families_memo.get(key)
        if found is None:
            own: set[int] = set()  # of a head's own family
            related: set[int] = set()
            by_family = self._by_family
            for family in prepared.families:
                positions = by_family.get(family)
                if positions:
                    (own if family in exact else related).update(positions)
            union = own | related
            department_of = self._department_of
            found = (
                tuple(
                    [(p, 1.0) if p in own else (p, scoring.RELATED_ESTIMATE) for p in sorted(union)]
                ),
                tuple(
                    [
                        (p, 1.0) if p in own else (p, scoring.RELATED_ESTIMATE)
                        for p in sorted(union & self._alone)
                    ]
                ),
                tuple(
                    [
                        (p, 1.0, department_of[p])
                        if p in own
                        else (p, scoring.RELATED_ESTIMATE, department_of[p])
                        for p in sorted(union & self._whole_field)
                    ]
                ),
            )
            self._families_memo.put(key, found)
        return found

    def _containing(self, text: str) -> tuple[tuple[int, tuple[str, ...]], ...]:
        """The entries with a service word longer than ``text`` that has it in it, each with
        the rest of that word (人才 of 人才推介, for 推介), in order."""
        index = self._containing_index
        if index is None:
            index = self._containing_index = self._make_containing_index()
        return index.get(text, ())

    def _make_containing_index(self) -> dict[str, tuple[tuple[int, tuple[str, ...]], ...]]:
        """Each part of two characters or more of an entry's service word, other than the
        whole word -> the entries whose service words have it, each with the rest of that
        word. The 247 entries' 310 service words have 453 such parts; made in about 2 ms on
        the sources, once, where looking through every entry for a new word took 35 µs."""
        found: dict[str, set[tuple[int, tuple[str, ...]]]] = {}
        for m in self._models:
            for h in m.head_texts:
                for part in _parts(h):
                    rest = tuple(r for r in h.split(part) if r)
                    found.setdefault(part, set()).add((m.position, rest))
        return {part: tuple(sorted(hits)) for part, hits in found.items()}

    def _order(self, prepared: Prepared) -> tuple[int, ...]:
        """The positions of the entries the candidate stage keeps, best estimate first, ties in
        catalogue order (worked out once per line)."""
        order = prepared.order
        if order is None:
            estimates = self._estimates(prepared)
            if not prepared.reading.heads:  # keys in catalogue order, so that ties keep it
                estimates = {p: estimates[p] for p in sorted(estimates)}
            order = prepared.order = tuple(
                sorted(estimates, key=estimates.__getitem__, reverse=True)
            )
        return order

    def rank(
        self,
        prepared: Prepared,
        departments: Collection[str] | None = None,
        limit: int | None = None,
        *,
        exclude: Collection[str] = (),
        buyer: Collection[str] = (),
        floor: float = 0.0,
    ) -> list[Scored]:
        """The entries with a score above zero, best first (ties as ``_by_score`` orders them):
        of ``departments`` only (``None``: any) and not of ``exclude``; the first ``limit``.
        ``buyer``: the departments of the line's buyer (their entries about their whole field
        are named by the buyer itself). ``floor``: only whether the best entry scores at least
        this matters to the caller; an entry that can neither reach it nor be put first by a
        rule (within ``YIELD_MARGIN`` below it) may be left out."""
        order = self._order(prepared)
        models = self._models
        if departments is None and not exclude:
            chosen = order[: scoring.CANDIDATES]
        elif departments is not None and len(departments) == 1 and not exclude:
            groups = prepared.groups
            if groups is None:
                groups = prepared.groups = {}
                department_of = self._department_of
                for position in order:
                    groups.setdefault(department_of[position], []).append(position)
            for department in departments:  # the one
                chosen = tuple(groups.get(department, ())[: scoring.CANDIDATES])
        else:
            picked: list[int] = []
            department_of = self._department_of
            for position in order:
                department = department_of[position]
                if (departments is None or department in departments) and (
                    department not in exclude
                ):
                    picked.append(position)
                    if len(picked) == scoring.CANDIDATES:
                        break
            chosen = tuple(picked)
        score = self.score
        out = []
        # an entry whose score cannot reach the ``limit``-th best so far (nor near ``floor``) is not
        # in the first ``limit`` whatever it scores exactly: it is left out before its entry
        # coverage is worked out (at the same rounded score it may still come first: it is
        # scored; nor one within ``YIELD_MARGIN`` of the best, which a rule may put first).
        # Through ``check`` on the benchmark's 20,000 distinct lines, a buyer on each, this
        # spares the entry coverage of 55,346 of the 298,256 entries scored (73,689 when the
        # bar was the limit-th best alone, which left out near entries the rules needed)
        best: list[float] = []  # the best ``keep`` scores so far, a heap: the lowest first
        keep = limit if limit is not None and limit > 0 else 0  # 0: no bar of its own
        # below ``floor`` by less than ``YIELD_MARGIN``, an entry a rule may put before one that
        # reaches it (the line writes more of its name) decides whether the best does
        bar = max(0.0, floor - scoring.YIELD_MARGIN)
        high = 0.0  # the best score so far
        pruned = []
        for p in chosen:
            scored = score(prepared, models[p], buyer, bar)
            if scored is None:
                pruned.append(p)
            elif scored.score > 0:
                out.append(scored)
                if keep:
                    value = scored.score
                    if value > high:
                        high = value
                    if len(best) < keep:
                        heapq.heappush(best, value)
                    elif value > best[0]:
                        heapq.heapreplace(best, value)
                    # an entry within ``YIELD_MARGIN`` of the best may still be put first
                    if len(best) == keep:
                        least = min(best[0], high - scoring.YIELD_MARGIN)
                        if least > bar:
                            bar = least
        out.sort(key=_by_rank)
        before = None
        for scored in out:
            if (
                before is not None
                and scored.score == before.score
                and scored.model.generic == before.model.generic
            ):
                out.sort(key=_by_score)  # a tie: the finer order (rare, so worked out only then)
                break
            before = scored
        if out and out[0].model.generic:
            if pruned:
                # an entry left out may be one to put first (rare: scored exactly only then)
                low = max(floor, out[0].score - scoring.GENERIC_YIELD)
                more = [score(prepared, models[p], buyer, low) for p in pruned]
                out.extend(s for s in more if s is not None and s.score > 0)
                out.sort(key=_by_score)
            self._yield_to_named(out)
        if out and out[0].service < scoring.SAME_WORD and _one_service(prepared):
            if out[0].service <= scoring.RELATED_FAMILY:
                self._yield_to_same_service(out, prepared)
            else:  # of the line's kind in other words: an entry writing its compound word
                compounds = [h.text for h in prepared.reading.main if compound_service(h.text)]
                if compounds:
                    self._yield_to_same_service(out, prepared, compounds)
        if len(out) > 1:
            _yield_to_written(out, prepared.canonical)
        return out if limit is None else out[:limit]

    def _yield_to_same_service(
        self, out: list[Scored], prepared: Prepared, compounds: Sequence[str] = ()
    ) -> None:
        """Put first, in place, an entry of the same department that does the line's kind of
        service when the best only does a related kind and scores at most ``SERVICE_YIELD``
        more (环境监测 is some 监测 entry before 环境统计调查分析服务). It must score at least
        ``REVIEW``, name an object of its own (not be about its department's whole field), and
        have in its name every object word of the line that the best's name has (its
        department's name aside): 自然保护地…核查 stays with 自然保护地…调查与检测服务.

        With ``compounds`` (the line's compound service words: 预警信息发布), the best does
        the line's kind of service in other words, and the entry put first must write one of
        them (粮食安全预警信息发布服务 before 粮食信息服务)."""
        top = out[0]
        whole = self._department_cores()[top.model.department]
        # the line's object words (its department's name aside), and those the best names
        keys = [
            t.key for t in prepared.reading.objects if t.kind == "object" and t.key not in whole
        ]
        named = [key for key in keys if key in top.model.name]
        _put_first(
            out,
            scoring.SERVICE_YIELD,
            lambda scored: (
                (
                    scored.service >= scoring.SAME_WORD
                    and any(word in scored.model.name for word in compounds)
                    if compounds
                    else scored.service >= scoring.SAME_FAMILY
                )
                and not scored.model.generic
                and scored.score >= scoring.REVIEW
                and (
                    all(key in scored.model.name for key in named)
                    or (
                        bool(compounds)
                        and sum(key in scored.model.name for key in keys) >= len(named)
                    )
                )
            ),
        )

    def _yield_to_named(self, out: list[Scored]) -> None:
        """Put first, in place, an entry of the same department that names the line's object
        when the best is about its department's whole field and scores at most
        ``GENERIC_YIELD`` more (统计专项调查服务 scores 100 for any survey a 统计局 buys;
        公共安全评价调查服务 names what 群众安全感民意调查 surveys). It must serve the line as
        well, be a match on its own, and name more than its department (退役军人信息统计分析
        names no object of 退役军人舆情监看)."""
        top = out[0]
        # an entry whose own framing word the line writes (进基层 of 全民安全宣传教育进基层服务,
        # for 安全宣传进企业进社区活动) says which entry however much more the whole-field
        # entry scores
        _put_first(
            out,
            100.0,
            lambda scored: (
                not scored.model.generic
                and scored.service >= top.service
                and scored.score >= scoring.IN_SCOPE
                and self._names_own_framing(scored)
            ),
        )
        if out[0] is not top:
            return
        _put_first(
            out,
            scoring.GENERIC_YIELD,
            lambda scored: (
                not scored.model.generic
                and scored.service >= top.service
                and scored.score >= scoring.IN_SCOPE
                # (its own framing word was looked for above: the object's words are left)
                and not self._own_keys(scored.model).isdisjoint(scored.prepared.keys)
            ),
        )

    def _own_keys(self, model: _Model) -> frozenset[str]:
        """The keys of an entry's object words other than its department's own name and
        qualifiers (worked out on first use: only a near tie with a whole-field entry asks)."""
        found = self._own.get(model.position)
        if found is None:
            cores = self._department_cores()[model.department]
            found = self._own[model.position] = frozenset(
                k
                for part in model.parts
                for w in part
                if w.token.kind != "qualifier" and w.keys[0] not in cores
                for k in w.keys
            )
        return found

    def names_own_object(self, scored: Scored) -> bool:
        """Whether the line has a word of the entry's own object (other than its department's
        name and qualifiers): 公众 of 公众生态环境评价调查服务 for 公众满意度调查; 环境统计调查
        分析服务 has none beside 生态环境's own name."""
        if not self._own_keys(scored.model).isdisjoint(scored.prepared.keys):
            return True
        return self._names_own_framing(scored)

    def _names_own_framing(self, scored: Scored) -> bool:
        """Whether the line writes a framing word of three characters or more that the entry's
        name has (进基层 of 全民安全宣传教育进基层服务, for 安全宣传进社区): it says which
        entry."""
        return self._names_framing(scored.prepared, scored.model)

    def _names_framing(self, prepared: Prepared, model: _Model) -> bool:
        """Whether a word of the line holds a framing word of three characters or more of the
        entry's name."""
        framing = self._own_framing(model)
        return bool(framing) and any(f in t.text for t in prepared.reading.tokens for f in framing)

    def _own_framing(self, model: _Model) -> frozenset[str]:
        found = self._framing.get(model.position)
        if found is None:
            found = self._framing[model.position] = frozenset(
                t.text
                for t in self._read_name(model.entry).tokens
                if t.kind == "modifier" and len(t.text) >= _FRAMING_NAMES
            )
        return found

    # -- candidates and explanations --------------------------------------------------------------
    def _families_of_group(self, m: _Model) -> frozenset[str]:
        """The service families an entry's level-3 name names (worked out on first use)."""
        position = m.position
        named = self._group_families.get(position)
        if named is None:
            heads = self._read_name(m.entry.parent).heads
            named = self._group_families[position] = frozenset(
                h.family for h in heads if h.family is not None
            )
        return named

    def _group_named(self, prepared: Prepared, m: _Model) -> bool:
        """Whether the level-3 name of the entry names the kind of the line's main service."""
        families = {h.family for h in prepared.reading.main if h.family is not None}
        return bool(families) and not families.isdisjoint(self._families_of_group(m))

    def family_departments(self, family: str) -> frozenset[str]:
        """The departments with an entry whose service is of ``family`` (worked out once)."""
        table = self._family_departments
        if table is None:
            found: dict[str, set[str]] = {}
            for m in self._models:
                for f in m.families:
                    found.setdefault(f, set()).add(m.department)
            table = self._family_departments = {f: frozenset(d) for f, d in found.items()}
        return table.get(family, frozenset())

    def sure(self, scored: Scored) -> bool:
        """Whether the line's main service is the entry's kind of service, so that a score at
        or above ``IN_SCOPE`` may be taken as a match: the same word or family
        (``SURE_SERVICE``), or a family the entry's level-3 name names (灾害风险普查服务 holds
        the census entries: 风险普查 is their service though their own names say 调查评估).
        A related kind (体系建设 / 标准) or a match through a service that is not the line's
        main one is not."""
        return scored.service >= scoring.SURE_SERVICE or self._group_named(
            scored.prepared, scored.model
        )

    def candidate(self, prepared: Prepared, scored: Scored) -> Candidate:
        """What a user receives for a ranked entry: the entry, its score and why."""
        shown = self._shown(scored.model)
        evidence, why = self.explain(prepared, scored)
        # built from the catalogue's own, validated data: no validation needed
        return Candidate(
            department=shown.department,
            code=shown.code,
            name=shown.name,
            path=shown.path,
            score=scored.score,
            why=why,
            evidence=evidence,
            restrictions=shown.restrictions,
        )

    def _shown(self, m: _Model) -> _Shown:
        """What a candidate shows of an entry (worked out the first time it is shown)."""
        found = self._shown_entries[m.position]
        if found is None:
            e = m.entry
            found = self._shown_entries[m.position] = _Shown(
                e.department,
                e.code,
                e.name,
                e.path,
                tuple(e.restrictions),
                {a.level: a.name for a in (e, *e.ancestors)},
            )
        return found

    def _evidence(self, term: str, level: int, name: str, via: str | None = None) -> Evidence:
        """A piece of evidence; one object for the same words (they are immutable)."""
        key = (term, level, name, via)
        found = self._evidence_memo.get(key)
        if found is None:
            if via is None:
                found = Evidence(term=term, level=level, name=name)
            else:
                found = Evidence(term=term, level=level, name=name, via=via)
            self._evidence_memo.put(key, found)
        return found

    def explain(self, prepared: Prepared, scored: Scored) -> tuple[tuple[Evidence, ...], str]:
        """The words of the line found in the entry, and the explanation in one line."""
        m = scored.model
        names = self._shown(m).names
        evidence: list[Evidence] = []
        said: list[str] = []
        heads = prepared.reading.heads
        if not heads:
            said.append("文本没有写明服务内容")
        else:
            # the closest pair of services, the first of equals
            value, h, e = 0.0, heads[-1], None
            agreements = prepared.agreements
            for k, head in enumerate(heads):
                row = agreements[k]
                for word in m.heads:
                    agreement = row[word.text]
                    if e is None or agreement > value:
                        value, h, e = agreement, head, word
            if e is None:
                said.append(f"条目名称没有写明服务，文本是“{h.text}”")
            elif value >= scoring.SAME_WORD:
                said.append(f"服务“{h.text}”相同")
                evidence.append(self._evidence(h.text, 4, names[4]))
            elif value > 0:
                kind = "同属一类服务" if value >= scoring.SAME_FAMILY else "相近"
                said.append(f"服务“{h.text}”与条目的“{e.text}”{kind}")
                evidence.append(self._evidence(h.text, 4, names[4], f"{h.text}≈{e.text}"))
            else:
                said.append(f"服务不同：文本是“{h.text}”，条目是“{e.text}”")
        found: list[tuple[str, bool]] = []
        missing: list[tuple[str, bool]] = []
        in_field: list[tuple[str, bool]] = []
        position, department, activities = m.position, m.department, m.activities
        for w, (_, full, partial, fields, text, qualifier) in zip(
            prepared.words, prepared.infos, strict=True
        ):
            level = 4
            if position in full:
                share = 1.0
            elif text in activities:
                share = scoring.ACTIVITY
            else:
                share = partial.get(position, 0.0)
                if share < 0.5 and scoring.FIELD * fields.get(department, 0.0) >= 0.5:
                    in_field.append((text, True))  # not in the entry: in its department's field
                    continue
                level = 0  # its pairs are found: in the entry's name, or its level 3 or 2
            if share >= 0.5:
                if not level:
                    level = self._level(w, m)
                via = self._via(prepared, w)
                evidence.append(self._evidence(text, level, names[level], via))
                found.append((text if via is None else f"{text}（{via}）", via is None))
            elif not qualifier:
                missing.append((text, True))
        if found:
            said.append("对象“" + _joined(found, prepared.reading.text) + "”与条目相符")
        if in_field:
            said.append(
                f"“{_joined(in_field, prepared.reading.text)}”条目没有写，属于“{department}”的领域"
            )
        if not m.generic:
            # the entry's words the line covers less than half of (as ``score`` counts them:
            # a word whole, by one of its keys, or by the weighted share of its pairs)
            keys, canonical, grams = prepared.keys, prepared.content, prepared.grams
            uncovered = []
            for part in m.parts:
                for w in part:
                    if w.token.kind == "qualifier":
                        continue
                    key, got = _naming(w.keys, w.pairs, keys, canonical, grams)
                    if key is None and (not got or got / w.total < 0.5):
                        uncovered.append(w.token.text)
            if uncovered:
                said.append("条目的“" + "、".join(uncovered) + "”文本没有提到")
        if missing:
            said.append("文本的“" + _joined(missing, prepared.reading.text) + "”条目中没有对应")
        return tuple(evidence), "；".join(said)

    def _level(self, w: _Word, m: _Model) -> int:
        """The level of the entry's name the word's pairs are found in."""
        if not m.grams4.isdisjoint(w.grams):
            return 4
        if not m.grams3.isdisjoint(w.grams):
            return 3
        if not m.grams2.isdisjoint(w.grams):
            return 2
        return 4

    def _via(self, prepared: Prepared, w: _Word) -> str | None:
        token = w.token
        if token.key != token.text:
            return f"{token.text}→{token.key}"
        for variant, canonical in prepared.rewrites:
            if canonical == token.text or canonical in token.text:
                return f"{variant}→{canonical}"
        return None

    def names_contain(self, words: str) -> bool:
        """Whether a level-4 entry name, canonicalised, contains ``words``."""
        if "\n" in words:  # could straddle two names of the joined list
            return any(words in m.name for m in self._models)
        return words in self._names

    def canonical_name(self, text: str) -> str:
        """``text`` cleaned of punctuation and canonicalised as entry names are."""
        return self._canonical(text)

    def match(self, text: Any, department: Any = None, limit: Any = 5) -> list[Candidate]:
        """Ranked candidates for ``text`` (see :meth:`catalogue.Catalogue.match`). The
        arguments are checked here, whatever their type (hence ``Any``)."""
        return self.match_each(text, [department], limit)[department]

    def match_each(
        self, text: Any, departments: Iterable[Any], limit: Any = 5
    ) -> dict[Any, list[Candidate]]:
        """:meth:`match` of ``text`` under each of ``departments`` (``None``: any), keyed by
        the department as given, the text read once (the reconciliation service asks for the
        candidates of a query under each department it names)."""
        check_limit(limit)
        scopes: dict[Any, tuple[str, ...] | None] = {}
        for department in departments:
            found = None
            if department is not None:
                found = Tree.read_buyer(self.tree, department).departments or None
            scopes[department] = found
        prepared = self.prepare(to_simplified(text) if type(text) is str else text)
        out: dict[Any, list[Candidate]] = {}
        for department, scope in scopes.items():
            ranked = self.rank(prepared, scope, limit, buyer=scope or ())
            out[department] = [self.candidate(prepared, s) for s in ranked]
        return out

    def families(self) -> dict[str, Family]:
        """The service families of the lexicon."""
        return dict(self._families)

    def entries_read(self) -> Iterable[tuple[Entry, Reading]]:
        """Every level-4 entry with how it is read (for review and tests)."""
        for m in self._models:
            yield m.entry, self.lexicon.read(m.name)


#: an enumeration of at least this many kinds, all in its department's field, lists the field
#: whole (能源's seven energy sectors; 大气、水、土壤 is three kinds of pollution, not the field)
_WHOLE_FIELD = 5


def _put_first(out: list[Scored], margin: float, qualifies: Callable[[Scored], bool]) -> None:
    """Move to the front, in place, the first entry after the best that is of the best's
    department, scores at most ``margin`` less and ``qualifies``; leave ``out`` as it is when
    there is none."""
    top = out[0]
    for i in range(1, len(out)):
        scored = out[i]
        if top.score - scored.score > margin:
            return
        if scored.model.department == top.model.department and qualifies(scored):
            out.insert(0, out.pop(i))
            return


#: one per entry name (247): asked for the best and its near entries of almost every line
@functools.lru_cache(maxsize=512)
def _name_pairs(name: str) -> frozenset[str]:
    """The character pairs of an entry's name, its closing 服务 and the pairs across a
    separator aside."""
    return frozenset(
        pair
        for part in _PAIR_BREAKS.split(name.removesuffix("服务"))
        if len(part) > 1  # (a lone character makes no pair)
        for pair in bigrams(part)
    )


_PAIR_BREAKS = re.compile("[、，“”‘’（）()《》和与及]|服务")


def _yield_to_written(out: list[Scored], text: str) -> None:
    """Put first, in place, an entry of the best's department that scores at most
    ``DETAIL_YIELD`` less, does the line's service at least as well, and whose name the line
    writes more of: by ``DETAIL_SHARE`` of its character pairs and by more pairs."""
    top = out[0]
    pairs = _name_pairs(top.model.name)
    written = sum(p in text for p in pairs)
    share = written / len(pairs) if pairs else 0.0

    def qualifies(scored: Scored) -> bool:
        if scored.service < top.service:
            return False
        own = _name_pairs(scored.model.name)
        if not own:
            return False
        count = sum(p in text for p in own)
        return count > written and count / len(own) - share >= scoring.DETAIL_SHARE

    _put_first(out, scoring.DETAIL_YIELD, qualifies)


def _abbreviated(long: str, short: str) -> bool:
    """Whether ``short`` writes the short form of the four-character word ``long``: the first
    character of each half (抽样检验 → 抽检, in 监督抽检)."""
    return len(long) == 4 and long[0] + long[2] in short


#: words of work beside a listed service that the second batch does not list: on an
#: information system (平台建设, 系统开发, 数据库建设, 网站运维), a lease (快检车租赁), a base
#: set up (培训基地建设); a verdict in scope that also buys one goes to review
#: (``verdict.only_near``)
SYSTEM_WORDS = ("平台", "系统", "数据库", "网站")
LEASE_WORDS = ("租赁", "租用", "租车")
BASE_WORDS = ("基地建设", "中心建设", "实训室建设")
BESIDE_WORDS = SYSTEM_WORDS + LEASE_WORDS + BASE_WORDS


def _main_other(main: Sequence[Token], heads: Sequence[Token]) -> float:
    """The factor of a line's main service that is not the entry's (``MAIN_OTHER``; one the
    second batch does not list: ``MAIN_UNLISTED``). Work beside a listed service that the
    verdict weighs itself (…舆情监测服务及舆情监测系统开发: the system is bought beside the
    service, and the verdict sends the line to review for it) is not discounted."""
    if any(h.family is not None for h in main):
        return scoring.MAIN_OTHER
    if (
        main
        and all(h.kind == "unlisted" and any(w in h.text for w in BESIDE_WORDS) for h in main)
        and any(h.family is not None for h in heads)
    ):
        return 1.0
    return scoring.MAIN_UNLISTED


def _one_service(prepared: Prepared) -> bool:
    """Whether every service word of the line is of one family (环境监测: what is done is
    plain; 能耗监测数据采集分析 does two kinds)."""
    tokens = prepared.reading.tokens
    if any(t.kind == "activity" for t in tokens):
        return False  # 采样分析: a step of 监测 beside 分析
    families = {t.family for t in tokens if t.kind == "service"}
    return len(families) == 1 and None not in families


def _by_rank(scored: Scored) -> tuple[float, bool, int]:
    """Scored entries best first, as :func:`_by_score` orders them but for ties of score and
    kind, which keep catalogue order (the cheap key: most lines have no tie)."""
    return -scored.score, scored.model.generic, scored.model.position


def _by_score(scored: Scored) -> tuple[float, bool, int, float, int, int]:
    """Scored entries best first; at the same score an entry that names its object before one
    about its department's whole field (非物质文化遗产保护、传承与传播服务 before 文化保护服务),
    then the one whose name (less 服务) the line writes word for word, the longest first
    (绿色焦化企业评价体系建设 is A160501's name and holds A160401's, 绿色焦化企业评价), then the
    one whose names have whole the line's words of more weight, the rarer saying more of what is
    bought (排污口…水质监测: 入河排污口监测服务 before 水质委托监测服务; on all labelled texts
    top-1 32 better, 7 worse), then the one more of whose service words' pairs of characters the
    line writes (适应性教育培训 is 适应性培训 before 职业技能培训: both are 培训), then catalogue
    order."""
    model = scored.model
    canonical = scored.prepared.canonical
    name = model.name[:-2] if model.name.endswith("服务") else model.name
    written = len(name) if name in canonical else 0
    shared = sum(g in canonical for h in model.head_texts for g in _head_pairs(h))
    position = model.position
    # the weight of the line's words the entry's names have whole: of two entries that each
    # name one object word, the one naming the rarer, the more telling, comes first
    named = sum(share[0] for share in scored.prepared.shares if share[1].get(position, 0.0) >= 1.0)
    return -scored.score, model.generic, -written, -named, -shared, position


@cache
def _head_pairs(word: str) -> frozenset[str]:
    """The pairs of characters of an entry's service word, as a set (the entries have 140
    head words: made when first asked for and kept, as they are the catalogue's, not learned
    from lines)."""
    return frozenset(bigrams(word))


def _memo_key(token: Token) -> str:
    """The key of a line's word in ``Matcher._line_words``: its text, marked when it is read as
    an object (a service word is read as the work it names before a service that creates it),
    and a service word's family with it (its text alone does not decide the family, and the
    entries it names depend on the family: ``_named_by``)."""
    if token.kind == "object":
        return "\x00" + token.text
    if token.kind in SERVICE_KINDS and token.family is not None:
        return token.text + _FAMILY_KEY + token.family
    return token.text


def _key(token: Token) -> str:
    return token.key


def _ancestor(entry: Entry, level: int) -> Entry | None:
    return next((a for a in entry.ancestors if a.level == level), None)


def _short(text: str, n: int = 20) -> str:
    return text if len(text) <= n else text[:n] + "…"


# kinds of tokens that count as services for a line
SERVICES = SERVICE_KINDS
